r"""Differential testing: the same commands against Redix and a real redis-server.

Redis 7.0 is the specification, so the most direct test is to send both
servers the same bytes and compare the bytes that come back.  This module is
a library for test modules, not a test module itself:

    from tests.differential import Raw

    def test_set_options(assert_same):
        assert_same([["SET", "k", "v", "NX"], ["GET", "k"], ["SET", "k", "v", "EX", "0"],
                     Raw(b"GET k\r\n")])

Fixtures (tests/conftest.py makes them available to every test module):

``oracle``       session-scoped real ``redis-server --save '' --appendonly no`` on a
                 free port (``.port``); the test is skipped when redis-server is not
                 installed.
``assert_same``  ``assert_same(sequence, resp3=False, normalize=None)``: FLUSHALL both
                 servers, run ``sequence`` on a fresh connection to each, and fail with
                 a readable transcript (command, Redix bytes, redis bytes) at the first
                 reply that differs.  Returns the (equal) replies: one per item,
                 then the final PING's (``<closed>`` if the server hung up).

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
"""
from __future__ import annotations

import random
import re
import shutil
import socket
from dataclasses import dataclass
from typing import Callable, Optional, Union

import pytest

from tests.resp_util import encode_command, reply_length
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

@pytest.fixture(scope="session")
def oracle():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed: no oracle for differential tests")
    server = OracleServer().start()
    yield server
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
