"""Client-side caching: CLIENT TRACKING and its invalidation messages, over the wire.

Connections are named (``a`` tracks, ``w`` writes, ``b`` receives redirected
messages...).  ``pending(name)`` returns what a connection was sent without
asking, up to now: it sends PING and collects everything before the PONG, so
an invalidation queued by an earlier command is certain to be there (the
server writes a connection's output in order), with no sleeping.

The same scenarios also run against redis-server (``test_scenarios_match_redis``)
and must give the same bytes, client ids aside; so must random writes of every
type seen by a client that has read every key (``test_random_writes_...``).
"""
from __future__ import annotations

import random
import time

import pytest

from tests.event_util import ALL_KEYS, random_command
from tests.resp_util import RawConnection, encode_command
from tests.wire import conn, server_fixture  # noqa: F401

# Own server: DEBUG SET-ACTIVE-EXPIRE, and CONFIG SET tracking-table-max-keys stay here.
srv = server_fixture("--enable-debug-command", "yes")

_PONGS = (b"+PONG\r\n", b"*2\r\n$4\r\npong\r\n$0\r\n\r\n")


def invalidate(*keys, resp3=True) -> bytes:
    """An invalidation message as a RESP3 client receives it (or as a RESP2 redirect
    target subscribed to anything, with ``resp3=False``); no keys: the flush form."""
    head = b">2\r\n$10\r\ninvalidate\r\n" if resp3 else \
        b"*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n"
    if not keys:
        return head + (b"_\r\n" if resp3 else b"$-1\r\n")
    return head + b"*%d\r\n" % len(keys) + b"".join(b"$%d\r\n%s\r\n" % (len(k), k)
                                                   for k in keys)


class Clients:
    """Named connections to one server; ``"$name"`` in arguments is that client's id."""

    def __init__(self, port: int):
        self.port = port
        self.conns: dict = {}
        self.ids: dict = {}

    def __getitem__(self, name: str) -> RawConnection:
        if name not in self.conns:
            conn = self.conns[name] = RawConnection(self.port)
            self.ids[name] = conn.cmd("CLIENT", "ID")[1:-2]
        return self.conns[name]

    def _args(self, args):
        out = []
        for arg in args:
            if isinstance(arg, str) and arg.startswith("$") and len(arg) > 1:
                self[arg[1:]]                    # connects it if needed
                arg = self.ids[arg[1:]]
            out.append(arg)
        return out

    def cmd(self, name: str, *args) -> bytes:
        return self[name].cmd(*self._args(args))

    def pipeline(self, name: str, *commands) -> bytes:
        """Several commands in one write; everything received up to their last reply."""
        self[name].send(b"".join(encode_command(*self._args(c)) for c in commands))
        return self.pending(name)

    def pending(self, name: str) -> bytes:
        sock = self[name]
        sock.send(encode_command("PING"))
        out = b""
        while True:
            reply = sock.reply()
            if reply in _PONGS:
                return out
            out += reply

    def close(self) -> None:
        for sock in self.conns.values():
            sock.close()

    def normalized(self, data: bytes) -> bytes:
        """``data`` with this server's client ids written as names (for comparing servers)."""
        for name, cid in self.ids.items():
            data = data.replace(b":%s\r\n" % cid, b":<%s>\r\n" % name.encode())
            data = data.replace(b"redir=%s " % cid, b"redir=<%s> " % name.encode())
        return data


@pytest.fixture
def c(srv, conn):  # noqa: F811
    conn()                   # flushes
    clients = Clients(srv.port)
    yield clients
    clients.close()


def tracking_on(c, name="a", *options, resp3=True):
    if resp3:
        assert c.cmd(name, "HELLO", "3").startswith(b"%7")
    assert c.cmd(name, "CLIENT", "TRACKING", "on", *options) == b"+OK\r\n"


# --- default mode ----------------------------------------------------------------------------

def test_read_key_is_invalidated_once(c):
    tracking_on(c)
    assert c.cmd("a", "GET", "k") == b"_\r\n"          # a missing key is tracked too
    c.cmd("w", "SET", "k", "1")
    assert c.pending("a") == invalidate(b"k")
    c.cmd("w", "SET", "k", "2")
    assert c.pending("a") == b""                        # forgotten until read again
    c.cmd("a", "GET", "k")
    c.cmd("w", "DEL", "k")
    assert c.pending("a") == invalidate(b"k")


def test_every_kind_of_change_invalidates(c):
    tracking_on(c)
    c.cmd("w", "RPUSH", "l", "x")
    c.cmd("w", "SET", "s", "v")
    for write in (("LPOP", "l"), ("EXPIRE", "s", "100"), ("RENAME", "s", "t"),
                  ("HSET", "h", "f", "v"), ("SADD", "st", "m"), ("ZADD", "z", "1", "m"),
                  ("XADD", "x", "1-1", "f", "v")):
        key = write[1]
        c.cmd("a", "EXISTS", key)
        c.cmd("w", *write)
        assert c.pending("a") == invalidate(key.encode()), write


def test_several_keys_one_message_each(c):
    tracking_on(c)
    assert c.cmd("a", "MGET", "k1", "k2", "k1") == b"*3\r\n_\r\n_\r\n_\r\n"
    c.cmd("w", "MSET", "k2", "a", "k1", "b")
    assert c.pending("a") == invalidate(b"k2") + invalidate(b"k1")


def test_keys_are_tracked_across_databases(c):
    tracking_on(c)
    c.cmd("a", "GET", "k")
    c.cmd("w", "SELECT", "9")
    c.cmd("w", "SET", "k", "v")          # the table is by key name, as in Redis
    assert c.pending("a") == invalidate(b"k")


def test_only_read_only_commands_track(c):
    tracking_on(c)
    c.cmd("a", "SET", "k", "v")          # a write: nothing remembered
    c.cmd("a", "HGET", "k", "f")         # a read, even one that fails with WRONGTYPE
    c.cmd("a", "INCR", "n")
    c.cmd("w", "SET", "n", "5")
    assert c.pending("a") == b""
    c.cmd("w", "SET", "k", "w")
    assert c.pending("a") == invalidate(b"k")


def test_own_write_is_reported_after_the_reply(c):
    tracking_on(c)
    assert c.pipeline("a", ("GET", "k"), ("SET", "k", "v"), ("GET", "k")) == \
        b"_\r\n+OK\r\n" + invalidate(b"k") + b"$1\r\nv\r\n"


def test_transaction_invalidations_follow_exec(c):
    tracking_on(c)
    c.cmd("a", "GET", "k")
    assert c.pipeline("a", ("MULTI",), ("SET", "k", "1"), ("GET", "k"), ("EXEC",)) == \
        b"+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n+OK\r\n$1\r\n1\r\n" + invalidate(b"k")
    c.cmd("w", "SET", "k", "2")          # the GET inside EXEC tracked k again
    assert c.pending("a") == invalidate(b"k")


def test_noloop_hides_own_writes(c):
    tracking_on(c, "a", "NOLOOP")
    c.cmd("a", "GET", "k")
    c.cmd("a", "SET", "k", "1")
    assert c.pending("a") == b""
    c.cmd("a", "GET", "k")
    c.cmd("w", "SET", "k", "2")
    assert c.pending("a") == invalidate(b"k")


def test_resp2_without_redirect_gets_nothing(c):
    tracking_on(c, resp3=False)
    assert c.cmd("a", "GET", "k") == b"$-1\r\n"
    c.cmd("w", "SET", "k", "1")
    c.cmd("w", "FLUSHALL")
    assert c.pending("a") == b""


# --- expiry and flushes ---------------------------------------------------------------------------

def test_active_expiry_invalidates(c):
    tracking_on(c)
    c.cmd("w", "SET", "k", "v", "PX", "30")
    assert c.cmd("a", "GET", "k") == b"$1\r\nv\r\n"
    # Nobody touches k again: the expiry cycle removes it and says so.
    assert c["a"].reply() == invalidate(b"k")


def test_lazy_expiry_invalidates(c):
    assert c.cmd("w", "DEBUG", "SET-ACTIVE-EXPIRE", "0") == b"+OK\r\n"
    try:
        tracking_on(c)
        c.cmd("w", "SET", "k", "v", "PX", "30")
        c.cmd("a", "GET", "k")
        time.sleep(0.1)                          # past the TTL; only a lookup reclaims it
        assert c.pending("a") == b""
        assert c.cmd("w", "EXISTS", "k") == b":0\r\n"
        assert c.pending("a") == invalidate(b"k")
    finally:
        c.cmd("w", "DEBUG", "SET-ACTIVE-EXPIRE", "1")


def test_flushes_invalidate_everything(c):
    tracking_on(c)
    tracking_on(c, "n", "NOLOOP", "BCAST")
    c.cmd("w", "FLUSHALL")
    assert c.pending("a") == invalidate()
    assert c.pending("n") == invalidate()
    c.cmd("w", "SELECT", "4")
    c.cmd("w", "FLUSHDB")
    assert c.pending("a") == invalidate()
    assert c.pending("n") == invalidate()
    # The flusher itself (NOLOOP or not) hears it after its reply.
    assert c.pipeline("n", ("FLUSHDB",)) == b"+OK\r\n" + invalidate()
    assert c.pending("a") == invalidate()
    c.cmd("w", "SWAPDB", "0", "1")
    assert c.pending("a") == b""


# --- redirection ---------------------------------------------------------------------------

def test_resp2_redirect_to_a_subscriber(c):
    assert c.cmd("b", "SUBSCRIBE", "__redis__:invalidate").endswith(b":1\r\n")
    assert c.cmd("a", "CLIENT", "TRACKING", "on", "REDIRECT", "$b") == b"+OK\r\n"
    assert c.cmd("a", "CLIENT", "GETREDIR") == b":%s\r\n" % c.ids["b"]
    c.cmd("a", "GET", "k")
    c.cmd("w", "SET", "k", "1")
    assert c.pending("b") == invalidate(b"k", resp3=False)
    assert c.pending("a") == b""
    c.cmd("w", "FLUSHALL")
    assert c.pending("b") == invalidate(resp3=False)


def test_resp2_redirect_needs_a_subscription_of_any_kind(c):
    assert c.cmd("a", "CLIENT", "TRACKING", "on", "REDIRECT", "$b") == b"+OK\r\n"
    c.cmd("a", "GET", "k")
    c.cmd("w", "SET", "k", "1")
    assert c.pending("b") == b""                        # not subscribed: lost
    c.cmd("b", "PSUBSCRIBE", "other*")
    c.cmd("a", "GET", "k")
    c.cmd("w", "SET", "k", "2")
    assert c.pending("b") == invalidate(b"k", resp3=False)


def test_redirect_to_resp3_client_and_null_in_the_trackers_protocol(c):
    c.cmd("b", "HELLO", "3")
    assert c.cmd("a", "CLIENT", "TRACKING", "on", "REDIRECT", "$b") == b"+OK\r\n"
    c.cmd("a", "GET", "k")
    c.cmd("w", "SET", "k", "1")
    assert c.pending("b") == invalidate(b"k")
    c.cmd("w", "FLUSHALL")
    # a is RESP2: its null is $-1, even inside b's RESP3 push (as Redis writes it).
    assert c.pending("b") == b">2\r\n$10\r\ninvalidate\r\n$-1\r\n"


def test_broken_redirect(c):
    c["b"]
    tracking_on(c, "a", "REDIRECT", "$b", "BCAST")
    c["b"].close()
    del c.conns["b"]
    c.cmd("w", "SET", "k", "1")
    assert c.pending("a") == b">2\r\n$21\r\ntracking-redir-broken\r\n:%s\r\n" % c.ids["b"]
    info = c.cmd("a", "CLIENT", "INFO")
    assert b" flags=tRB " in info and b" redir=%s " % c.ids["b"] in info
    assert c.cmd("a", "CLIENT", "TRACKINGINFO") == (
        b"%3\r\n$5\r\nflags\r\n~3\r\n$2\r\non\r\n$5\r\nbcast\r\n$15\r\nbroken_redirect\r\n"
        b"$8\r\nredirect\r\n:" + c.ids["b"] + b"\r\n$8\r\nprefixes\r\n*1\r\n$0\r\n\r\n")


# --- BCAST ----------------------------------------------------------------------------------

def test_bcast_prefixes_batch_sorted_keys(c):
    tracking_on(c, "a", "BCAST", "PREFIX", "b", "PREFIX", "a")
    c.cmd("w", "MSET", "b1", "1", "c1", "1", "a2", "2", "a1", "1")
    assert c.pending("a") == invalidate(b"a1", b"a2") + invalidate(b"b1")
    assert c.cmd("a", "GET", "a1") == b"$1\r\n1\r\n"    # reads are not remembered
    c.cmd("a", "SET", "a1", "x")
    assert c.pending("a") == invalidate(b"a1")           # own writes too, without NOLOOP


def test_bcast_without_prefix_is_every_key(c):
    tracking_on(c, "a", "BCAST", "NOLOOP")
    c.cmd("a", "SET", "mine", "1")
    c.cmd("w", "SET", "theirs", "1")
    assert c.pending("a") == invalidate(b"theirs")
    # A key written by both: reported.
    assert c.pipeline("a", ("MULTI",), ("SET", "x", "1"), ("SET", "y", "1"), ("EXEC",))
    c.cmd("a", "SET", "both", "1")
    c.cmd("w", "SET", "both", "2")
    assert c.pending("a") == invalidate(b"both")


def test_bcast_prefixes_accumulate_and_must_not_overlap(c):
    tracking_on(c, "a", "BCAST", "PREFIX", "ab", "PREFIX", "cd")
    assert c.cmd("a", "CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "a") == \
        b"-ERR Prefix 'a' overlaps with an existing prefix 'ab'. Prefixes for a single client " \
        b"must not overlap.\r\n"
    assert c.cmd("a", "CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "x", "PREFIX", "xy") == \
        b"-ERR Prefix 'x' overlaps with another provided prefix 'xy'. Prefixes for a single " \
        b"client must not overlap.\r\n"
    assert c.cmd("a", "CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "b") == b"+OK\r\n"
    assert c.cmd("a", "CLIENT", "TRACKINGINFO") == (
        b"%3\r\n$5\r\nflags\r\n~2\r\n$2\r\non\r\n$5\r\nbcast\r\n$8\r\nredirect\r\n:0\r\n"
        b"$8\r\nprefixes\r\n*3\r\n$2\r\nab\r\n$1\r\nb\r\n$2\r\ncd\r\n")
    assert c.cmd("w", "INFO", "stats").count(b"tracking_total_prefixes:3\r\n") == 1


# --- OPTIN / OPTOUT ---------------------------------------------------------------------------

def test_optin_tracks_only_after_caching_yes(c):
    tracking_on(c, "a", "OPTIN")
    c.cmd("a", "GET", "k1")
    assert c.cmd("a", "CLIENT", "CACHING", "yes") == b"+OK\r\n"
    c.cmd("a", "GET", "k2")
    c.cmd("a", "GET", "k3")                  # CACHING lasted one command
    c.cmd("w", "MSET", "k1", "1", "k2", "2", "k3", "3")
    assert c.pending("a") == invalidate(b"k2")


def test_caching_choice_survives_client_commands_and_multi(c):
    tracking_on(c, "a", "OPTIN")
    c.cmd("a", "CLIENT", "CACHING", "yes")
    c.cmd("a", "CLIENT", "TRACKINGINFO")     # CLIENT commands do not use it up
    c.pipeline("a", ("MULTI",), ("GET", "k1"), ("GET", "k2"), ("EXEC",))
    c.cmd("a", "GET", "k3")                  # used up by EXEC
    for spend in (("PING",), ("NOSUCHCOMMAND",), ("GET",)):   # even refused commands use it
        c.cmd("a", "CLIENT", "CACHING", "yes")
        c.cmd("a", *spend)
        c.cmd("a", "GET", "k4")
    c.cmd("w", "MSET", "k1", "1", "k2", "2", "k3", "3", "k4", "4")
    assert c.pending("a") == invalidate(b"k1") + invalidate(b"k2")


def test_optout_skips_after_caching_no(c):
    tracking_on(c, "a", "OPTOUT")
    assert c.cmd("a", "CLIENT", "CACHING", "no") == b"+OK\r\n"
    c.cmd("a", "GET", "k1")
    c.cmd("a", "GET", "k2")
    c.cmd("w", "MSET", "k1", "1", "k2", "2")
    assert c.pending("a") == invalidate(b"k2")


# --- the commands ---------------------------------------------------------------------------

TRACKING_ERRORS = [
    ((), None, b"-ERR wrong number of arguments for 'client|tracking' command\r\n"),
    (("maybe",), None, b"-ERR syntax error\r\n"),
    (("on", "foo"), None, b"-ERR syntax error\r\n"),
    (("on", "REDIRECT"), None, b"-ERR syntax error\r\n"),
    (("on", "PREFIX"), None, b"-ERR syntax error\r\n"),
    (("on", "REDIRECT", "abc"), None, b"-ERR value is not an integer or out of range\r\n"),
    (("on", "REDIRECT", "99999"), None,
     b"-ERR The client ID you want redirect to does not exist\r\n"),
    (("off", "REDIRECT", "0"), None, b"-ERR The client ID you want redirect to does not exist\r\n"),
    (("on", "REDIRECT", "$w", "REDIRECT", "99999"), None,
     b"-ERR A client can only redirect to a single other client\r\n"),
    (("on", "PREFIX", "a", "OPTIN", "OPTOUT"), None,
     b"-ERR PREFIX option requires BCAST mode to be enabled\r\n"),
    (("on", "OPTIN", "OPTOUT", "BCAST"), None,
     b"-ERR OPTIN and OPTOUT are not compatible with BCAST\r\n"),
    (("on", "OPTIN", "OPTOUT"), None,
     b"-ERR You can't specify both OPTIN mode and OPTOUT mode\r\n"),
    (("on", "BCAST"), ("on",),
     b"-ERR You can't switch BCAST mode on/off before disabling tracking for this client, "
     b"and then re-enabling it with a different mode.\r\n"),
    (("on",), ("on", "BCAST"),
     b"-ERR You can't switch BCAST mode on/off before disabling tracking for this client, "
     b"and then re-enabling it with a different mode.\r\n"),
    (("on", "OPTOUT"), ("on", "OPTIN"),
     b"-ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, "
     b"and then re-enabling it with a different mode.\r\n"),
    (("on", "PREFIX", "a", "PREFIX", "a", "BCAST"), None,
     b"-ERR Prefix 'a' overlaps with another provided prefix 'a'. Prefixes for a single client "
     b"must not overlap.\r\n"),
]


@pytest.mark.parametrize("args, before, error", TRACKING_ERRORS,
                         ids=[" ".join(e[0]) + (" after " + " ".join(e[1]) if e[1] else "")
                              for e in TRACKING_ERRORS])
def test_tracking_errors(c, args, before, error):
    c["w"]
    if before:
        assert c.cmd("a", "CLIENT", "TRACKING", *before) == b"+OK\r\n"
    assert c.cmd("a", "CLIENT", "TRACKING", *args) == error


def test_switching_options_while_on(c):
    tracking_on(c, "a", "OPTIN", "NOLOOP", "REDIRECT", "$w")
    # Options are replaced, not added, and the redirect goes back to none.
    assert c.cmd("a", "CLIENT", "TRACKING", "on") == b"+OK\r\n"
    assert c.cmd("a", "CLIENT", "TRACKINGINFO") == (
        b"%3\r\n$5\r\nflags\r\n~1\r\n$2\r\non\r\n$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n*0\r\n")
    assert c.cmd("a", "CLIENT", "TRACKING", "on", "OPTOUT") == b"+OK\r\n"


def test_caching_errors(c):
    assert c.cmd("a", "CLIENT", "CACHING", "yes") == (
        b"-ERR CLIENT CACHING can be called only when the client is in tracking mode with "
        b"OPTIN or OPTOUT mode enabled\r\n")
    c.cmd("a", "CLIENT", "TRACKING", "on")
    assert c.cmd("a", "CLIENT", "CACHING", "yes") == \
        b"-ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.\r\n"
    c.cmd("a", "CLIENT", "TRACKING", "off")
    c.cmd("a", "CLIENT", "TRACKING", "on", "OPTIN")
    assert c.cmd("a", "CLIENT", "CACHING", "no") == \
        b"-ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.\r\n"
    assert c.cmd("a", "CLIENT", "CACHING", "maybe") == b"-ERR syntax error\r\n"
    assert c.cmd("a", "CLIENT", "CACHING") == \
        b"-ERR wrong number of arguments for 'client|caching' command\r\n"


def test_trackinginfo_and_getredir(c):
    off = (b"*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n"
           b"$8\r\nprefixes\r\n*0\r\n")
    assert c.cmd("a", "CLIENT", "TRACKINGINFO") == off
    assert c.cmd("a", "CLIENT", "GETREDIR") == b":-1\r\n"
    c.cmd("a", "CLIENT", "TRACKING", "on", "OPTOUT", "NOLOOP")
    c.cmd("a", "CLIENT", "CACHING", "no")
    assert c.cmd("a", "CLIENT", "TRACKINGINFO") == (
        b"*6\r\n$5\r\nflags\r\n*4\r\n$2\r\non\r\n$6\r\noptout\r\n$10\r\ncaching-no\r\n"
        b"$6\r\nnoloop\r\n$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n*0\r\n")
    assert c.cmd("a", "CLIENT", "GETREDIR") == b":0\r\n"
    c.cmd("a", "CLIENT", "TRACKING", "off")
    assert c.cmd("a", "CLIENT", "TRACKINGINFO") == off
    c.cmd("a", "CLIENT", "TRACKING", "on", "OPTIN")
    c.cmd("a", "HELLO", "3")
    c.cmd("a", "CLIENT", "CACHING", "yes")
    assert c.cmd("a", "CLIENT", "TRACKINGINFO") == (
        b"%3\r\n$5\r\nflags\r\n~3\r\n$2\r\non\r\n$5\r\noptin\r\n$11\r\ncaching-yes\r\n"
        b"$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n*0\r\n")
    assert c.cmd("a", "RESET") == b"+RESET\r\n"
    assert c.cmd("a", "CLIENT", "GETREDIR") == b":-1\r\n"


def test_client_list_flags_and_info_counters(c):
    tracking_on(c, "a")
    tracking_on(c, "p", "BCAST", "PREFIX", "x")
    assert b" flags=t " in c.cmd("a", "CLIENT", "INFO")
    assert b" flags=tB " in c.cmd("p", "CLIENT", "INFO")
    c.cmd("a", "MGET", "k1", "k2")
    c.cmd("p", "HELLO", "2")
    assert c.cmd("p", "CLIENT", "TRACKING", "off") == b"+OK\r\n"
    c.cmd("p", "CLIENT", "TRACKING", "on")
    c.cmd("p", "GET", "k1")
    info = c.cmd("w", "INFO", "everything")
    for field in (b"tracking_clients:2\r\n", b"tracking_total_keys:2\r\n",
                  b"tracking_total_items:3\r\n", b"tracking_total_prefixes:0\r\n"):
        assert field in info
    c["p"].close()
    del c.conns["p"]
    deadline = time.monotonic() + 5
    while b"tracking_clients:1\r\n" not in c.cmd("w", "INFO", "clients"):
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_table_limit_evicts_keys_with_an_invalidation(c):
    assert c.cmd("w", "CONFIG", "SET", "tracking-table-max-keys", "2") == b"+OK\r\n"
    try:
        tracking_on(c)
        got = c.pipeline("a", ("MGET", "k1", "k2", "k3"))
        assert got.startswith(b"*3\r\n_\r\n_\r\n_\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n")
        assert b"tracking_total_keys:2\r\n" in c.cmd("w", "INFO", "stats")
    finally:
        c.cmd("w", "CONFIG", "SET", "tracking-table-max-keys", "1000000")


# --- redis-py's client-side cache ---------------------------------------------------------

def test_redis_py_client_side_cache(srv, monkeypatch):
    redis = pytest.importorskip("redis")
    cache_mod = pytest.importorskip("redis.cache")
    from redis.connection import CacheProxyConnection
    # redis-py 6 enables its cache only for servers reporting 7.4+ (it checks HELLO's
    # version, not the feature); Redix speaks 7.0, whose tracking is what the cache uses.
    monkeypatch.setattr(CacheProxyConnection, "MIN_ALLOWED_VERSION", "7.0.0")
    cached = redis.Redis(port=srv.port, protocol=3, cache_config=cache_mod.CacheConfig())
    writer = redis.Redis(port=srv.port)
    try:
        writer.set("foo", "bar")
        assert cached.get("foo") == b"bar"
        cache = cached.get_cache()
        assert cache.size == 1

        def server_gets():
            return writer.info("commandstats").get("cmdstat_get", {}).get("calls", 0)
        before = server_gets()
        assert cached.get("foo") == b"bar"            # served from the local cache
        assert server_gets() == before
        writer.set("foo", "baz")
        # The invalidation push is read before the next command; the cache drops foo.
        assert cached.get("foo") == b"baz"
        assert server_gets() == before + 1
    finally:
        cached.close()
        writer.close()


# --- the same scenarios against redis-server --------------------------------------------------

SCENARIOS = {
    "default": [("a", "HELLO", "3"), ("a", "CLIENT", "TRACKING", "on"), ("a", "GET", "k"),
                ("w", "SET", "k", "1"), ("a", None), ("a", "MGET", "k", "j"),
                ("a", "SET", "k", "2"), ("a", None), ("w", "SET", "j", "1"), ("a", None),
                ("a", "CLIENT", "TRACKINGINFO"), ("a", "CLIENT", "GETREDIR")],
    "redirect": [("b", "SUBSCRIBE", "x"), ("a", "CLIENT", "TRACKING", "on", "REDIRECT", "$b"),
                 ("a", "GET", "k"), ("w", "SET", "k", "1"), ("b", None), ("a", "GET", "k"),
                 ("w", "FLUSHDB"), ("b", None), ("a", "CLIENT", "INFO"),
                 ("a", "CLIENT", "TRACKINGINFO")],
    "bcast": [("a", "HELLO", "3"),
              ("a", "CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "u:", "PREFIX", "v:", "NOLOOP"),
              ("w", "MSET", "v:2", "1", "u:9", "1", "u:1", "1", "x", "1"), ("a", None),
              ("a", "SET", "u:5", "1"), ("a", None), ("w", "DEL", "u:1", "u:2"), ("a", None),
              ("a", "CLIENT", "TRACKINGINFO")],
    "optin": [("a", "HELLO", "3"), ("a", "CLIENT", "TRACKING", "on", "OPTIN"),
              ("a", "GET", "k1"), ("a", "CLIENT", "CACHING", "yes"),
              ("a", "CLIENT", "TRACKINGINFO"), ("a", "GET", "k2"), ("a", "GET", "k3"),
              ("w", "MSET", "k1", "1", "k2", "1", "k3", "1"),
              ("a", None), ("a", "CLIENT", "CACHING", "no")],
    "optout": [("a", "HELLO", "3"), ("a", "CLIENT", "TRACKING", "on", "OPTOUT"),
               ("a", "CLIENT", "CACHING", "no"), ("a", "GET", "k1"), ("a", "GET", "k2"),
               ("w", "MSET", "k1", "1", "k2", "1"), ("a", None), ("a", "CLIENT", "CACHING", "yes")],
    "broken": [("b", "PING"), ("a", "HELLO", "3"),
               ("a", "CLIENT", "TRACKING", "on", "REDIRECT", "$b"),
               ("a", "GET", "k"), ("b", "QUIT"), ("w", "SET", "k", "1"), ("a", None),
               ("a", "CLIENT", "TRACKINGINFO")],
}


def run_scenario(port: int, steps) -> list:
    clients = Clients(port)
    transcript = []
    try:
        clients["w"].cmd("FLUSHALL")
        for name, *args in steps:
            if args == [None]:
                got = clients.pending(name)
            elif args == ["QUIT"]:
                got = clients.cmd(name, "QUIT")
                clients[name].closed()
            else:
                got = clients.cmd(name, *args)
            transcript.append((name, args, clients.normalized(got)))
    finally:
        clients.close()
    return transcript


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenarios_match_redis(srv, oracle, name):
    mine, theirs = run_scenario(srv.port, SCENARIOS[name]), run_scenario(oracle.port,
                                                                        SCENARIOS[name])
    for got, expected in zip(mine, theirs):
        if got[1] == ["CLIENT", "INFO"]:
            # Only the tracking fields: buffer sizes and addresses differ by nature.
            got = tuple(f for f in got[2].split() if f.startswith((b"flags=", b"redir=")))
            expected = tuple(f for f in expected[2].split()
                             if f.startswith((b"flags=", b"redir=")))
        assert got == expected


@pytest.mark.parametrize("seed", range(6))
def test_random_writes_invalidate_as_redis(srv, oracle, seed):
    rng = random.Random(seed)
    commands = [random_command(rng) for _ in range(150)]
    transcripts = []
    for port in (srv.port, oracle.port):
        clients = Clients(port)
        try:
            clients.cmd("w", "FLUSHALL")
            tracking_on(clients, "a", *(("NOLOOP",) if seed % 2 else ()))
            seen = []
            for args in commands:
                clients.cmd("a", "MGET", *ALL_KEYS)       # every key tracked again
                writer = "a" if seed % 3 == 0 else "w"    # the tracker writes itself too
                clients.cmd(writer, *args)
                seen.append(clients.pending("a"))
            transcripts.append(seen)
        finally:
            clients.close()
    for args, mine, theirs in zip(commands, *transcripts):
        assert mine == theirs, args
