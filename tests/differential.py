r"""Differential testing: the same commands against Redix and a real redis-server.

Redis 7.0 is the specification, so the most direct test is to send both
servers the same bytes and compare the bytes that come back.  This module is
a library for test modules, not a test module itself:

    from tests.differential import Raw

    def test_set_options(assert_same):
        assert_same([["SET", "k", "v", "NX"], ["GET", "k"], ["SET", "k", "v", "EX", "0"],
                     Raw(b"GET k\r\n")])

Fixtures (tests/conftest.py makes them available to every test module):

``oracle``       the one session-scoped real redis-server (an ``OracleServer`` from
                 tests/servers.py: ``--save '' --appendonly no --enable-debug-command
                 yes`` on a free port, ``.port``); the test is skipped when
                 redis-server is not installed.  Tests leave its config as they found it.
``fresh_oracle`` (module) ``fresh_oracle(*args, config_file=None)`` starts another
                 redis-server with those options, stopped after the module: for
                 options the shared one must not have (``--requirepass``) or config
                 a module changes.  ``start_oracle(...)`` is the same without a fixture
                 (the caller stops it).
``assert_same``  ``assert_same(sequence, resp3=False, normalize=None)``: FLUSHALL both
                 servers, run ``sequence`` on a fresh connection to each, and fail with
                 a readable transcript (command, Redix bytes, redis bytes) at the first
                 reply that differs.  Returns the (equal) replies: one per item,
                 then the final PING's (``<closed>`` if the server hung up).
                 ``Differ(redix_port, oracle_port).assert_same`` does the same for
                 another Redix (a module's own ``ServerProcess``).
``pair``         a ``Pair``, command by command on two live connections (``raw`` and
                 one to ``oracle``, both flushed), for tests that look at state
                 between commands or keep connection state (RESP3, WATCH):
                 ``pair.same(*args)`` asserts equal reply bytes and returns them;
                 ``pair.both(*args)`` returns (redix, redis) for the caller to judge;
                 ``pair.script(text)`` runs ``same`` on each line (``#`` comments and
                 blank lines skipped, ``HELLO 3`` switches both to RESP3);
                 ``pair.hello3()``; ``pair.watch_trial(setup, command, watched)``
                 checks ``command`` breaks (or spares) a WATCH on both alike;
                 ``pair.redix`` and ``pair.real`` are the connections.
                 ``paired(oracle, conn)`` makes one for another Redix connection.

A sequence item is one of:

``["SET", "k", "v"]``      a command (str/bytes/int arguments), sent as a RESP multibulk;
                           one reply is read.
``Raw(b"...", replies=n)`` bytes sent as they are (inline commands, malformed RESP);
                           ``n`` replies are read.  With 0 (a partial frame) whatever
                           arrives within ``QUIET_WAIT`` seconds is the "reply", so a
                           server that answers where the other waits is caught.
``Step(item, normalize)``  either of the above, with a normalizer for its reply.

A reply cut short by the server closing the connection reads as what arrived
followed by ``<closed>``, so "the server replied with an error and hung up"
compares like any other reply; one that does not come within ``timeout``
seconds reads as ``<timeout>`` (and so do all later ones: the stream is out
of step), so "the server waits for more bytes" compares too.  After the
sequence an implicit PING checks both connections are in the same state
(open with nothing stray pending, or closed).

Normalizers are ``bytes -> bytes`` functions applied to both replies before
comparing, for replies that differ by nature (run ids, times, unordered
sets): per step with ``Step``, or per command name with
``normalize={"HELLO": fn}``.  ``sub`` and ``sort_array`` build common ones.

``random_sequence(seed, families, length)`` makes reproducible random command
sequences over a small key space (so commands collide on keys); families
are registered with ``@family("name")`` and hold only commands whose replies
are deterministic.

``run_random(pair, seed, length, make_command, checks)`` runs a reproducible
random command sequence on a ``Pair``; ``scan_all`` finishes a *SCAN iteration
on both; ``parse(buf)`` reads one reply as Python values, for comparing replies
whose order is free (hash-table encoded hashes and sets).
"""
from __future__ import annotations

import random
import re
import shutil
import socket
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Optional, Union

import pytest

from tests.resp_util import RawConnection, encode_command, reply_length
from tests.servers import OracleServer

Normalizer = Callable[[bytes], bytes]
CLOSED = b"<closed>"
TIMEOUT = b"<timeout>"
QUIET_WAIT = 0.1


@dataclass
class Raw:
    """Bytes sent verbatim; ``replies`` complete replies are read back."""
    data: bytes
    replies: int = 1


@dataclass
class Step:
    """A command or ``Raw`` whose replies are normalized before comparing."""
    item: Union[list, tuple, Raw]
    normalize: Optional[Normalizer] = None


# --- the oracle ---------------------------------------------------------------------------

def start_oracle(*args: str, config_file: Optional[str] = None) -> OracleServer:
    """A started ``OracleServer`` with these options (the caller stops it); skips the
    test when redis-server is not installed."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed: no oracle for differential tests")
    return OracleServer(*args, config_file=config_file).start()


@pytest.fixture(scope="session")
def oracle():
    # DEBUG enabled so that its errors and replies can be compared too.
    server = start_oracle("--enable-debug-command", "yes")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fresh_oracle():
    """``fresh_oracle(*args, config_file=None)`` starts a redis-server of this module's
    own (for options the shared ``oracle`` must not have, or config it must not keep);
    all are stopped when the module is done."""
    started = []

    def start(*args: str, config_file: Optional[str] = None) -> OracleServer:
        started.append(start_oracle(*args, config_file=config_file))
        return started[-1]
    yield start
    for server in started:
        server.stop()


# --- running a sequence -------------------------------------------------------------------

class _Conn:
    def __init__(self, port: int, timeout: float):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.timeout = timeout
        self.buf = b""
        self.closed = False
        # After a timeout the reply stream is out of step; later reads don't wait again.
        self.stalled = False

    def send(self, data: bytes) -> None:
        if self.closed:
            return
        try:
            self.sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            self.closed = True

    def replies(self, n: int) -> bytes:
        """n complete replies, concatenated; a premature end is marked."""
        out = b""
        for _ in range(n):
            while True:
                size = reply_length(self.buf)
                if size is not None:
                    out += self.buf[:size]
                    self.buf = self.buf[size:]
                    break
                if self.closed:
                    return out + self.buf + CLOSED
                if self.stalled:
                    return out + self.buf + TIMEOUT
                try:
                    chunk = self.sock.recv(65536)
                except (ConnectionResetError, BrokenPipeError):
                    chunk = b""
                except socket.timeout:
                    self.stalled = True
                    return out + self.buf + TIMEOUT
                if not chunk:
                    self.closed = True
                self.buf += chunk
        return out

    def early_bytes(self, wait: float) -> bytes:
        """Whatever arrives within ``wait`` seconds (for steps that expect no reply)."""
        if self.closed or self.stalled:
            return b""
        self.sock.settimeout(wait)
        try:
            chunk = self.sock.recv(65536)
            if not chunk:
                self.closed = True
            self.buf += chunk
        except socket.timeout:
            pass
        except (ConnectionResetError, BrokenPipeError):
            self.closed = True
        finally:
            self.sock.settimeout(self.timeout)
        out, self.buf = self.buf, b""
        return out + (CLOSED if self.closed else b"")

    def close(self) -> None:
        self.sock.close()


def _unwrap(item):
    if isinstance(item, Step):
        return item.item, item.normalize
    return item, None


def _command_name(item) -> str:
    if isinstance(item, Raw):
        return ""
    name = item[0]
    return (name.decode("latin-1") if isinstance(name, bytes) else str(name)).upper()


def describe(item) -> str:
    """A readable one-line form of a sequence item."""
    item, _ = _unwrap(item)
    if isinstance(item, Raw):
        return f"raw {item.data[:120]!r}" + ("..." if len(item.data) > 120 else "")
    parts = [a.decode("latin-1") if isinstance(a, bytes) else str(a) for a in item]
    text = " ".join(repr(p) if (not p or any(c in p for c in " \"'\r\n")) else p
                    for p in parts)
    return text if len(text) <= 160 else text[:160] + "..."


def run_sequence(port: int, sequence, resp3: bool = False, timeout: float = 5.0) -> list:
    """Replies (bytes) of every item of ``sequence`` on one fresh connection to ``port``,
    after FLUSHALL; the last entry is the implicit final PING's reply."""
    conn = _Conn(port, timeout)
    try:
        conn.send(encode_command("FLUSHALL"))
        flushed = conn.replies(1)
        if flushed != b"+OK\r\n":
            raise AssertionError(f"FLUSHALL on port {port} replied {flushed!r}")
        if resp3:
            conn.send(encode_command("HELLO", "3"))
            hello = conn.replies(1)
            if not hello.startswith(b"%"):
                raise AssertionError(f"HELLO 3 on port {port} replied {hello!r}")
        results = []
        for item in sequence:
            item, _ = _unwrap(item)
            if isinstance(item, Raw):
                conn.send(item.data)
                if item.replies:
                    results.append(conn.replies(item.replies))
                else:
                    results.append(conn.early_bytes(QUIET_WAIT))
            else:
                conn.send(encode_command(*item))
                results.append(conn.replies(1))
        conn.send(encode_command("PING"))
        results.append(conn.replies(1))
        return results
    finally:
        conn.close()


def _show(data: bytes, limit: int = 400) -> str:
    text = repr(data)
    return text if len(text) <= limit else text[:limit] + f"... ({len(data)} bytes)"


class Differ:
    """Runs sequences against Redix and the oracle and compares the replies."""

    def __init__(self, redix_port: int, oracle_port: int):
        self.redix_port = redix_port
        self.oracle_port = oracle_port

    def assert_same(self, sequence, resp3: bool = False,
                    normalize: Optional[dict] = None, timeout: float = 5.0) -> list:
        sequence = list(sequence)
        ours = run_sequence(self.redix_port, sequence, resp3, timeout)
        theirs = run_sequence(self.oracle_port, sequence, resp3, timeout)
        by_name = {k.upper(): v for k, v in (normalize or {}).items()}
        items = sequence + [["PING"]]
        lines, first_bad = [], None
        for i, (item, a, b) in enumerate(zip(items, ours, theirs)):
            raw_item, step_norm = _unwrap(item)
            norm = step_norm or by_name.get(_command_name(raw_item))
            na, nb = (norm(a), norm(b)) if norm else (a, b)
            same = na == nb
            label = describe(item) if i < len(sequence) else "(final PING: connection state)"
            lines.append(f"  {'  ' if same else '!!'} {i:3d} {label} -> {_show(a, 120)}"
                         + ("" if same else f"  (redis: {_show(b, 120)})"))
            if not same and first_bad is None:
                first_bad = (i, label, a, b, na, nb, norm)
        if first_bad is not None:
            i, label, a, b, na, nb, norm = first_bad
            msg = [f"Redix and redis-server differ at step {i} ({'RESP3' if resp3 else 'RESP2'}):",
                   f"  command: {label}",
                   f"  redix:   {_show(a)}",
                   f"  redis:   {_show(b)}"]
            if norm:
                msg += [f"  redix (normalized): {_show(na)}",
                        f"  redis (normalized): {_show(nb)}"]
            msg += ["transcript (Redix replies; !! marks a difference):", *lines]
            pytest.fail("\n".join(msg), pytrace=False)
        return ours


@pytest.fixture
def differ(redix_server, oracle) -> Differ:
    return Differ(redix_server.port, oracle.port)


@pytest.fixture
def assert_same(differ):
    return differ.assert_same


# --- command by command ----------------------------------------------------------------------

class Pair:
    def __init__(self, redix: RawConnection, real: RawConnection, real_port: int):
        self.redix = redix
        self.real = real
        self.resp3 = False
        self._real_port = real_port
        self._others = None

    def hello3(self) -> None:
        # Not compared: HELLO's reply carries the client id.
        for conn in (self.redix, self.real):
            assert conn.cmd("HELLO", "3").startswith(b"%7\r\n")
        self.resp3 = True

    def both(self, *args):
        return self.redix.cmd(*args), self.real.cmd(*args)

    def same(self, *args) -> bytes:
        got, expected = self.both(*args)
        if got != expected:
            raise AssertionError(f"{describe(args)}: redix {_show(got, 300)} "
                                 f"!= redis {_show(expected, 300)}")
        return got

    def watch_trial(self, setup, command, watched) -> bytes:
        """Run ``setup`` (commands), WATCH ``watched``, let another client run ``command``,
        then EXEC a transaction: the same EXEC reply on both servers (null when
        ``command`` counted as a write to a watched key), which is returned.  Of
        ``command``'s own reply (it may be random) only the kind must agree."""
        if self._others is None:
            self._others = (self.redix.connect(), RawConnection(self._real_port))
        replies = []
        for conn, other in zip((self.redix, self.real), self._others):
            conn.cmd("FLUSHALL")
            for args in setup:
                conn.cmd(*args)
            assert conn.cmd("WATCH", *watched) == b"+OK\r\n"
            done = other.cmd(*command)
            conn.cmd("MULTI")
            conn.cmd("PING")
            replies.append((done[:1], conn.cmd("EXEC")))
        assert replies[0] == replies[1], (command, replies)
        return replies[0][1]

    def script(self, text: str) -> None:
        for line in text.strip().splitlines():
            line = line.strip()
            if line == "HELLO 3":
                self.hello3()
            elif line and not line.startswith("#"):
                self.same(*line.split())


@contextmanager
def paired(oracle, redix: RawConnection):
    """A ``Pair`` of a connection to Redix and a new one to the oracle, both servers
    flushed; the oracle connections are closed afterwards."""
    real = RawConnection(oracle.port)
    assert real.cmd("FLUSHALL") == b"+OK\r\n"
    assert redix.cmd("FLUSHALL") == b"+OK\r\n"
    pair = Pair(redix, real, oracle.port)
    try:
        yield pair
    finally:
        real.close()
        if pair._others is not None:
            pair._others[1].close()


@pytest.fixture
def pair(oracle, raw) -> Pair:
    with paired(oracle, raw) as p:
        yield p


def run_random(pair: Pair, seed: int, length: int, make_command, checks: dict,
               resp3: bool = False) -> None:
    """``length`` commands from ``make_command(random.Random(seed))``, with a string at
    key ``str`` first.  ``checks`` maps a command name to ``check(pair, args)``, which
    runs and judges that command itself (replies that may differ legitimately: random
    picks, unordered sets); every other reply must match byte for byte."""
    rng = random.Random(seed)
    if resp3:
        pair.hello3()
    pair.same("SET", "str", "x")
    for _ in range(length):
        args = make_command(rng)
        check = checks.get(args[0])
        if check is None:
            got, expected = pair.both(*args)
            assert got == expected, (seed, args, got, expected)
        else:
            check(pair, args)


def scan_all(pair: Pair, args, got: bytes, expected: bytes):
    """Finish the *SCAN iteration ``args`` (cursor 0) whose first replies are ``got`` and
    ``expected``: the items each server returned over the whole iteration (two lists)."""
    results = []
    for conn, reply in ((pair.redix, got), (pair.real, expected)):
        items = []
        while True:
            cursor, found = parse(reply)
            items += found
            if cursor == b"0":
                break
            reply = conn.cmd(args[0], args[1], cursor, *args[3:])
        results.append(items)
    return results


class Error(bytes):
    """An error reply's text, so it never compares equal to a bulk string."""


def parse(buf: bytes):
    """One complete RESP2/RESP3 reply as Python values: arrays, sets, maps and pushes
    become lists (maps flat), nulls None, doubles and big numbers their text."""
    value, end = _parse(buf, 0)
    assert end == len(buf) == reply_length(buf), buf
    return value


def _parse(buf: bytes, pos: int):
    nl = buf.index(b"\r\n", pos)
    kind, head, pos = buf[pos:pos + 1], buf[pos + 1:nl], nl + 2
    if kind in (b"$", b"=", b"!"):
        n = int(head)
        if n < 0:
            return None, pos
        return buf[pos:pos + n], pos + n + 2
    if kind in (b"*", b"~", b">", b"%"):
        n = int(head)
        if n < 0:
            return None, pos
        items = []
        for _ in range(2 * n if kind == b"%" else n):
            item, pos = _parse(buf, pos)
            items.append(item)
        return items, pos
    if kind == b":":
        return int(head), pos
    if kind == b"_":
        return None, pos
    if kind == b"-":
        return Error(head), pos
    return head, pos                      # + , ( #


# --- normalizers ----------------------------------------------------------------------------

def sub(pattern: bytes, repl: bytes) -> Normalizer:
    """Replace every match of a regex (e.g. an id or a timestamp) in the reply."""
    rx = re.compile(pattern)
    return lambda data: rx.sub(repl, data)


def sort_array(data: bytes) -> bytes:
    """Sort the elements of a flat array or set reply (order-free replies like SMEMBERS)."""
    if data[:1] not in (b"*", b"~"):
        return data
    head_end = data.index(b"\r\n") + 2
    pos, elems = head_end, []
    while pos < len(data):
        n = reply_length(data, pos)
        if n is None:
            return data
        elems.append(data[pos:pos + n])
        pos += n
    return data[:head_end] + b"".join(sorted(elems))


# --- random sequences -------------------------------------------------------------------------

FAMILIES: dict[str, list] = {}

KEYS = ["k0", "k1", "k2", "{k}3"]
VALUES = ["", "0", "1", "-1", "42", "007", " 1", "3.5", "-0", "abc", "x" * 40,
          "9223372036854775807", "-9223372036854775808", "9223372036854775808",
          b"\x00bin\xff", "a b"]


def family(name: str):
    """Register a generator ``gen(rng) -> argv`` in a command family."""
    def register(gen):
        FAMILIES.setdefault(name, []).append(gen)
        return gen
    return register


def random_sequence(seed: int, families=("core",), length: int = 40) -> list:
    """A reproducible list of commands drawn from the given families."""
    rng = random.Random(seed)
    gens = [g for name in families for g in FAMILIES[name]]
    return [rng.choice(gens)(rng) for _ in range(length)]


def _key(rng) -> str:
    return rng.choice(KEYS)


def _keys(rng, lo: int = 1, hi: int = 4) -> list:
    return [_key(rng) for _ in range(rng.randint(lo, hi))]


def _val(rng):
    return rng.choice(VALUES)


def _int(rng) -> str:
    return rng.choice(["0", "1", "-3", "10", "100", "x", "1.5", "9223372036854775807"])


# core: what the server skeleton serves (PING ECHO SET GET DEL EXISTS DBSIZE).
family("core")(lambda rng: ["PING"] if rng.random() < 0.5 else ["PING", _val(rng)])
family("core")(lambda rng: ["ECHO", _val(rng)])
family("core")(lambda rng: ["GET", _key(rng)])
family("core")(lambda rng: ["DEL", *_keys(rng)])
family("core")(lambda rng: ["EXISTS", *_keys(rng)])
family("core")(lambda rng: ["DBSIZE"])


@family("core")
def _set(rng):
    argv = ["SET", _key(rng), _val(rng)]
    for _ in range(rng.choice([0, 0, 1, 2])):
        opt = rng.choice(["NX", "XX", "GET", "KEEPTTL", "EX", "PX", "EXAT", "BOGUS"])
        argv.append(opt)
        if opt in ("EX", "PX"):
            argv.append(rng.choice(["100000", "0", "-1", "x"]))
        elif opt == "EXAT":
            argv.append(rng.choice(["4102444800", "0"]))
    return argv


# strings: counters, ranges and multi-key forms.
family("strings")(lambda rng: [rng.choice(["INCR", "DECR"]), _key(rng)])
family("strings")(lambda rng: [rng.choice(["INCRBY", "DECRBY"]), _key(rng), _int(rng)])
family("strings")(lambda rng: ["INCRBYFLOAT", _key(rng), rng.choice(["1.5", "-2", "1e3", "x"])])
family("strings")(lambda rng: ["APPEND", _key(rng), _val(rng)])
family("strings")(lambda rng: ["STRLEN", _key(rng)])
family("strings")(lambda rng: ["GETRANGE", _key(rng), _int(rng), _int(rng)])
family("strings")(lambda rng: ["SETRANGE", _key(rng), rng.choice(["0", "3", "-1"]), _val(rng)])
family("strings")(lambda rng: ["MGET", *_keys(rng)])
family("strings")(lambda rng: ["MSET", *[x for k in _keys(rng) for x in (k, _val(rng))]])
family("strings")(lambda rng: ["MSETNX", *[x for k in _keys(rng) for x in (k, _val(rng))]])
family("strings")(lambda rng: [rng.choice(["GETDEL", "GET"]), _key(rng)])
family("strings")(lambda rng: [rng.choice(["GETSET", "SETNX"]), _key(rng), _val(rng)])
family("strings")(lambda rng: ["GET", _key(rng)])
family("strings")(lambda rng: ["SET", _key(rng), _val(rng)])

# keys: generic keyspace commands (TTLs only large enough to be read back exactly).
family("keys")(lambda rng: ["DEL", *_keys(rng)])
family("keys")(lambda rng: ["UNLINK", *_keys(rng)])
family("keys")(lambda rng: ["EXISTS", *_keys(rng)])
family("keys")(lambda rng: ["TOUCH", *_keys(rng)])
family("keys")(lambda rng: ["TYPE", _key(rng)])
family("keys")(lambda rng: [rng.choice(["RENAME", "RENAMENX"]), _key(rng), _key(rng)])
family("keys")(lambda rng: ["COPY", _key(rng), _key(rng), *rng.choice([[], ["REPLACE"]])])
family("keys")(lambda rng: ["EXPIRE", _key(rng), rng.choice(["1000", "x", "100000"]),
                            *rng.choice([[], ["NX"], ["XX"], ["GT"], ["LT"]])])
family("keys")(lambda rng: [rng.choice(["TTL", "PERSIST"]), _key(rng)])
family("keys")(lambda rng: ["DBSIZE"])
family("keys")(lambda rng: ["SET", _key(rng), _val(rng)])
