"""Blocking list commands and the blocking mechanism, over the wire.

Each test runs against Redix and, when ``redis-server`` is installed, against
Redis 7.0 itself with the same expected bytes, so the expectations are
checked facts.  Redix runs embedded in this process (a ``Server`` on its
own thread) so that a test can wait for "client X is now blocked" by
polling the server's state instead of sleeping; for redis-server the same
wait polls ``INFO clients`` (``blocked_clients``).  The only fixed waits
are the short ones that check that nothing arrives.
"""
import socket
import threading
import time

import pytest

from redix.config import Config
from redix.server.loop import Server
from tests.conftest import RawConnection, free_port, wait_for_port
from tests.resp_util import encode_command as encode

WRONGTYPE = b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"


def bulks(*items) -> bytes:
    return b"*%d\r\n" % len(items) + b"".join(b"$%d\r\n%s\r\n" % (len(i), i) for i in items)


def popped(key: bytes, item: bytes) -> bytes:
    return bulks(key, item)


def wait_until(predicate, what: str, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.001)


class Target:
    """A server under test: connections, and a wait for the number of blocked clients."""

    def __init__(self, port: int, server=None):
        self.port = port
        self.server = server          # the embedded Redix Server, None for redis-server
        self.conns: list = []
        self.admin = self.connect()
        assert self.admin.cmd("FLUSHALL") == b"+OK\r\n"
        self.wait_blocked(0)        # the previous test's clients are gone

    def connect(self) -> RawConnection:
        conn = RawConnection(self.port)
        self.conns.append(conn)
        return conn

    def blocked(self) -> int:
        if self.server is not None:
            return self.server.blocked_clients
        info = self.admin.cmd("INFO", "clients").decode()
        return int(info.split("blocked_clients:")[1].split("\r\n")[0])

    def wait_blocked(self, count: int) -> None:
        wait_until(lambda: self.blocked() == count, f"{count} blocked clients")

    def block(self, conn, *args) -> None:
        """Send a blocking command on conn and return once the server holds it blocked."""
        before = self.blocked()
        conn.send(encode(*args))
        self.wait_blocked(before + 1)

    def client_id(self, conn) -> int:
        if self.server is None:
            return int(conn.cmd("CLIENT", "ID")[1:-2])
        addr = "%s:%d" % conn.sock.getsockname()[:2]
        wait_until(lambda: any(c.addr == addr for c in list(self.server.clients.values())),
                   "the connection to be accepted")
        return next(c.id for c in list(self.server.clients.values()) if c.addr == addr)

    def server_client(self, conn):
        cid = self.client_id(conn)
        return self.server.clients[cid]

    def close(self) -> None:
        for conn in self.conns:
            conn.close()


def nothing_yet(conn, wait: float = 0.03) -> bool:
    """True when no reply bytes arrive within ``wait`` seconds."""
    if conn.buf:
        return False
    conn.sock.settimeout(wait)
    try:
        data = conn.sock.recv(65536)
    except socket.timeout:
        return True
    finally:
        conn.sock.settimeout(10)
    conn.buf += data
    return False


@pytest.fixture(scope="module")
def embedded():
    config = Config()
    config.port = free_port()
    config.bind = ["127.0.0.1"]
    server = Server(config)
    thread = threading.Thread(target=server.run, name="redix-embedded", daemon=True)
    thread.start()
    wait_for_port(config.port)
    yield server
    server.request_shutdown()
    thread.join(10)


@pytest.fixture(params=["redix", "redis-server"])
def t(request):
    if request.param == "redix":
        server = request.getfixturevalue("embedded")
        target = Target(server.config.port, server)
    else:
        target = Target(request.getfixturevalue("oracle").port)
    yield target
    target.close()


@pytest.fixture
def redix(embedded):
    target = Target(embedded.config.port, embedded)
    yield target
    target.close()


# --- timeouts ---------------------------------------------------------------------------
@pytest.mark.parametrize("args", [("BLPOP", "nokey", "0.1"), ("BRPOP", "a", "b", "0.1"),
                                  ("BLMOVE", "nokey", "d", "left", "right", "0.1"),
                                  ("BRPOPLPUSH", "nokey", "d", "0.1"),
                                  ("BLMPOP", "0.1", "1", "nokey", "left")])
def test_timeout_replies_null_array(t, args):
    assert_times_out(t, args)


def assert_times_out(t, args) -> None:
    """``args`` (a 0.1 s timeout) waits that long, then replies a null array (RESP2, RESP3)."""
    conn = t.connect()
    start = time.monotonic()
    assert conn.cmd(*args) == b"*-1\r\n"
    assert 0.09 <= time.monotonic() - start < 3
    conn.cmd("HELLO", "3")
    assert conn.cmd(*args) == b"_\r\n"
    t.wait_blocked(0)


def test_timeout_zero_waits_until_pushed(t):
    waiter = t.connect()
    t.block(waiter, "BLPOP", "l", "0")
    assert nothing_yet(waiter)
    assert t.admin.cmd("RPUSH", "l", "a") == b":1\r\n"
    assert waiter.reply() == popped(b"l", b"a")
    assert t.admin.cmd("EXISTS", "l") == b":0\r\n"
    t.wait_blocked(0)


def test_served_before_timeout_cancels_it(t):
    waiter = t.connect()
    t.block(waiter, "BLPOP", "l", "0.1")
    t.admin.cmd("RPUSH", "l", "a")
    assert waiter.reply() == popped(b"l", b"a")
    time.sleep(0.15)                        # past the old deadline: no second reply
    assert waiter.cmd("PING") == b"+PONG\r\n"


# --- who gets served ----------------------------------------------------------------------
def test_push_reply_counts_the_element_a_waiter_takes(t):
    waiter = t.connect()
    t.block(waiter, "BLPOP", "l", "0")
    # The waiter is served after the whole LPUSH: it gets the head, c.
    assert t.admin.cmd("LPUSH", "l", "a", "b", "c") == b":3\r\n"
    assert waiter.reply() == popped(b"l", b"c")
    assert t.admin.cmd("LRANGE", "l", "0", "-1") == bulks(b"b", b"a")


def test_three_waiters_served_in_blocking_order(t):
    a, b, c = t.connect(), t.connect(), t.connect()
    t.block(c, "BLPOP", "l", "0")
    t.block(a, "BLPOP", "l", "0")
    t.block(b, "BRPOP", "l", "0")
    assert t.admin.cmd("RPUSH", "l", "1") == b":1\r\n"
    assert c.reply() == popped(b"l", b"1")
    assert nothing_yet(a) and nothing_yet(b)
    assert t.admin.cmd("RPUSH", "l", "x", "y", "z") == b":3\r\n"
    assert a.reply() == popped(b"l", b"x")
    assert b.reply() == popped(b"l", b"z")          # BRPOP takes the tail
    assert t.admin.cmd("LRANGE", "l", "0", "-1") == bulks(b"y")


def test_disconnected_waiter_is_forgotten(t):
    gone, second = t.connect(), t.connect()
    t.block(gone, "BLPOP", "l", "0")
    t.block(second, "BLPOP", "l", "0")
    gone.close()
    t.wait_blocked(1)
    assert t.admin.cmd("RPUSH", "l", "a", "b") == b":2\r\n"
    assert second.reply() == popped(b"l", b"a")
    assert t.admin.cmd("LRANGE", "l", "0", "-1") == bulks(b"b")
    second.close()
    t.wait_blocked(0)
    assert t.admin.cmd("RPUSH", "l", "c") == b":2\r\n"
    assert t.admin.cmd("LLEN", "l") == b":2\r\n"


def test_several_keys(t):
    t.admin.cmd("RPUSH", "k2", "b")
    t.admin.cmd("RPUSH", "k3", "c")
    conn = t.connect()
    assert conn.cmd("BLPOP", "k1", "k3", "k2", "0") == popped(b"k3", b"c")   # argument order
    t.block(conn, "BLPOP", "k1", "k3", "0")
    assert t.admin.cmd("RPUSH", "k3", "x") == b":1\r\n"
    assert conn.reply() == popped(b"k3", b"x")       # the key that got the push
    t.admin.cmd("RPUSH", "k1", "y")                  # no longer waited on
    assert t.admin.cmd("LLEN", "k1") == b":1\r\n"
    t.block(conn, "BLPOP", "k4", "k4", "0")          # a key twice: one place in the queue
    t.admin.cmd("RPUSH", "k4", "p", "q")
    assert conn.reply() == popped(b"k4", b"p")
    assert t.admin.cmd("LLEN", "k4") == b":1\r\n"


def test_other_database_does_not_serve(t):
    conn = t.connect()
    conn.cmd("SELECT", "1")
    t.block(conn, "BLPOP", "l", "0")
    t.admin.cmd("RPUSH", "l", "in-db0")
    assert nothing_yet(conn)
    t.admin.cmd("SELECT", "1")
    t.admin.cmd("RPUSH", "l", "in-db1")
    assert conn.reply() == popped(b"l", b"in-db1")
    t.admin.cmd("SELECT", "0")
    assert t.admin.cmd("LLEN", "l") == b":1\r\n"


def test_wakes_by_lmove_rpoplpush_rename_and_swapdb(t):
    conn = t.connect()
    t.block(conn, "BLPOP", "dst", "0")
    t.admin.cmd("RPUSH", "src", "a", "b")
    assert t.admin.cmd("LMOVE", "src", "dst", "left", "right") == b"$1\r\na\r\n"
    assert conn.reply() == popped(b"dst", b"a")
    t.block(conn, "BLPOP", "dst", "0")
    assert t.admin.cmd("RPOPLPUSH", "src", "dst") == b"$1\r\nb\r\n"
    assert conn.reply() == popped(b"dst", b"b")
    t.block(conn, "BLPOP", "dst", "0")
    t.admin.cmd("RPUSH", "other", "c")
    assert t.admin.cmd("RENAME", "other", "dst") == b"+OK\r\n"
    assert conn.reply() == popped(b"dst", b"c")
    t.block(conn, "BLPOP", "dst", "0")
    t.admin.cmd("SELECT", "1")
    t.admin.cmd("RPUSH", "dst", "d")
    assert t.admin.cmd("SWAPDB", "0", "1") == b"+OK\r\n"
    assert conn.reply() == popped(b"dst", b"d")
    assert t.admin.cmd("EXISTS", "dst") == b":0\r\n"


def test_blmove_chain_completes_at_once(t):
    first, second, last = t.connect(), t.connect(), t.connect()
    t.block(first, "BLMOVE", "l1", "l2", "left", "right", "0")
    t.block(second, "BRPOPLPUSH", "l2", "l3", "0")
    t.block(last, "BLPOP", "l3", "0")
    assert t.admin.cmd("RPUSH", "l1", "x") == b":1\r\n"
    assert first.reply() == b"$1\r\nx\r\n"
    assert second.reply() == b"$1\r\nx\r\n"
    assert last.reply() == popped(b"l3", b"x")
    assert t.admin.cmd("EXISTS", "l1", "l2", "l3") == b":0\r\n"


def test_blmove_rotation_then_next_waiter(t):
    rotator, popper = t.connect(), t.connect()
    t.block(rotator, "BLMOVE", "l", "l", "right", "left", "0")
    t.block(popper, "BLPOP", "l", "0")
    t.admin.cmd("RPUSH", "l", "a", "b")
    assert rotator.reply() == b"$1\r\nb\r\n"
    assert popper.reply() == popped(b"l", b"b")
    assert t.admin.cmd("LRANGE", "l", "0", "-1") == bulks(b"a")


def test_blmpop_served_with_count(t):
    conn = t.connect()
    conn.cmd("HELLO", "3")
    t.block(conn, "BLMPOP", "0", "2", "a", "b", "right", "COUNT", "2")
    t.admin.cmd("RPUSH", "b", "1", "2", "3")
    assert conn.reply() == b"*2\r\n$1\r\nb\r\n" + bulks(b"3", b"2")
    assert t.admin.cmd("LRANGE", "b", "0", "-1") == bulks(b"1")


# --- pipelines ----------------------------------------------------------------------------
def test_pipelined_commands_run_after_the_waiter_is_served(t):
    waiter = t.connect()
    before = t.blocked()
    waiter.send(encode("BLPOP", "l", "0") + encode("PING") + encode("LLEN", "l"))
    t.wait_blocked(before + 1)
    assert nothing_yet(waiter)
    t.admin.cmd("RPUSH", "l", "a", "b")
    assert waiter.reply() == popped(b"l", b"a")
    assert waiter.reply() == b"+PONG\r\n"
    assert waiter.reply() == b":1\r\n"


def test_waiter_is_served_between_pipelined_commands(t):
    waiter = t.connect()
    t.block(waiter, "BLPOP", "l", "0")
    # Served right after RPUSH, before the LPOP behind it runs.
    t.admin.send(encode("RPUSH", "l", "a") + encode("LPOP", "l"))
    assert t.admin.reply() == b":1\r\n"
    assert t.admin.reply() == b"$-1\r\n"
    assert waiter.reply() == popped(b"l", b"a")


def test_served_waiter_pushing_serves_the_next(t):
    first, second = t.connect(), t.connect()
    before = t.blocked()
    first.send(encode("BLPOP", "q", "0") + encode("RPUSH", "q", "from-first"))
    t.wait_blocked(before + 1)
    t.block(second, "BLPOP", "q", "0")
    assert t.admin.cmd("RPUSH", "q", "y") == b":1\r\n"
    assert first.reply() == popped(b"q", b"y")
    assert first.reply() == b":1\r\n"
    assert second.reply() == popped(b"q", b"from-first")


# --- types --------------------------------------------------------------------------------
def test_wrong_type_while_blocked_keeps_waiting(t):
    conn = t.connect()
    t.block(conn, "BLPOP", "l", "0")
    assert t.admin.cmd("SET", "l", "x") == b"+OK\r\n"
    assert nothing_yet(conn)
    t.admin.cmd("DEL", "l")
    t.admin.cmd("RPUSH", "l", "a")
    assert conn.reply() == popped(b"l", b"a")


def test_blmove_into_wrong_type_errors_and_leaves_the_element(t):
    mover, popper = t.connect(), t.connect()
    t.block(mover, "BLMOVE", "src", "dst", "left", "right", "0")
    t.block(popper, "BLPOP", "src", "0")
    t.admin.cmd("SET", "dst", "x")
    assert t.admin.cmd("RPUSH", "src", "a", "b") == b":2\r\n"
    assert mover.reply() == WRONGTYPE
    assert popper.reply() == popped(b"src", b"a")
    assert t.admin.cmd("LRANGE", "src", "0", "-1") == bulks(b"b")
    t.wait_blocked(0)


# --- CLIENT UNBLOCK -------------------------------------------------------------------------
@pytest.mark.parametrize("resp3", [False, True])
def test_client_unblock_timeout_and_error(t, resp3):
    conn = t.connect()
    if resp3:
        conn.cmd("HELLO", "3")
    cid = t.client_id(conn)
    t.block(conn, "BLPOP", "l", "0")
    assert t.admin.cmd("CLIENT", "UNBLOCK", cid) == b":1\r\n"
    assert conn.reply() == (b"_\r\n" if resp3 else b"*-1\r\n")
    assert t.admin.cmd("CLIENT", "UNBLOCK", cid) == b":0\r\n"
    t.block(conn, "BLMOVE", "l", "d", "left", "left", "0")
    assert t.admin.cmd("CLIENT", "UNBLOCK", cid, "timeout") == b":1\r\n"
    assert conn.reply() == (b"_\r\n" if resp3 else b"*-1\r\n")
    t.block(conn, "BLMPOP", "0", "1", "l", "left")
    assert t.admin.cmd("CLIENT", "UNBLOCK", cid, "ERROR") == b":1\r\n"
    assert conn.reply() == b"-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n"
    t.wait_blocked(0)
    t.admin.cmd("RPUSH", "l", "a")
    assert t.admin.cmd("LLEN", "l") == b":1\r\n"


def test_client_unblock_resumes_pipelined_commands(t):
    conn = t.connect()
    cid = t.client_id(conn)
    before = t.blocked()
    conn.send(encode("BLPOP", "l", "0") + encode("ECHO", "after"))
    t.wait_blocked(before + 1)
    assert t.admin.cmd("CLIENT", "UNBLOCK", cid) == b":1\r\n"
    assert conn.reply() == b"*-1\r\n"
    assert conn.reply() == b"$5\r\nafter\r\n"


# --- Redix internals a wire test cannot reach yet ------------------------------------------
def test_no_blocking_inside_exec(redix):
    """EXEC sets client.in_exec; Redis 7.0's EXEC replies: *-1, *-1, then $-1 for BLMOVE."""
    conn = redix.connect()
    redix.server_client(conn).in_exec = True
    try:
        assert conn.cmd("BLPOP", "nokey", "0") == b"*-1\r\n"
        assert conn.cmd("BLMPOP", "0", "1", "nokey", "left") == b"*-1\r\n"
        assert conn.cmd("BLMOVE", "nokey", "x", "left", "left", "0") == b"$-1\r\n"
        assert conn.cmd("BRPOPLPUSH", "nokey", "x", "0") == b"$-1\r\n"
        redix.admin.cmd("RPUSH", "l", "a")
        assert conn.cmd("BLPOP", "l", "0") == popped(b"l", b"a")
    finally:
        redix.server_client(conn).in_exec = False
    assert redix.blocked() == 0


def test_served_pops_propagate_as_non_blocking_forms(redix):
    seen = []

    def hook(client, cmd, argv):
        seen.append((cmd.fullname if cmd is not None else None, client.propagate_as or argv))
    server = redix.server
    server.hooks_after_call.append(hook)
    try:
        conn, mover = redix.connect(), redix.connect()
        redix.block(conn, "BLPOP", "l", "0")
        redix.block(mover, "BLMOVE", "m", "n", "right", "left", "0")
        redix.admin.cmd("RPUSH", "l", "a")
        assert conn.reply() == popped(b"l", b"a")
        redix.admin.cmd("RPUSH", "m", "b")
        assert mover.reply() == b"$1\r\nb\r\n"
        redix.admin.cmd("RPUSH", "l", "c", "d")
        assert conn.cmd("BRPOP", "l", "0") == popped(b"l", b"d")
        assert conn.cmd("BLMPOP", "0", "1", "l", "left", "COUNT", "3") == \
            b"*2\r\n$1\r\nl\r\n" + bulks(b"c")
    finally:
        server.hooks_after_call.remove(hook)
    assert (b"lpop", [b"LPOP", b"l"]) in seen
    assert (b"lmove", [b"LMOVE", b"m", b"n", b"RIGHT", b"LEFT"]) in seen
    assert (b"brpop", [b"RPOP", b"l"]) in seen
    assert (b"blmpop", [b"LPOP", b"l", b"1"]) in seen


def test_pause_holds_waiters_until_it_ends(redix):
    """While paused, a key made ready (here by a command the pause lets through, as a
    master's stream would be) waits; the waiter is served once the pause ends."""
    conn = redix.connect()
    redix.block(conn, "BLPOP", "l", "0")
    server = redix.server
    server.paused_until = time.monotonic() + 0.2      # read by the loop thread only
    redix.admin.cmd("RPUSH", "l", "a")
    assert nothing_yet(conn, 0.05)
    assert conn.reply() == popped(b"l", b"a")
    assert server.paused_until == 0.0


def test_served_waiters_leave_no_timers_behind(redix):
    """Long timeouts ended early are purged from the timer heap, not kept to their deadline."""
    waiters = [redix.connect() for _ in range(300)]
    for conn in waiters:
        conn.send(encode("BLPOP", "l", "1000"))
    redix.wait_blocked(300)
    assert len(redix.server._timers) >= 300
    redix.admin.cmd("RPUSH", "l", *range(300))
    for i, conn in enumerate(waiters):
        assert conn.reply() == popped(b"l", b"%d" % i)
    assert len(redix.server._timers) < 100
