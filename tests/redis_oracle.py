"""A real redis-server beside Redix, for differential tests (hashes, sets).

Not a test module.  Import the fixtures into a test module:

    from tests.redis_oracle import oracle_port, pair  # noqa: F401

``oracle_port``  module-scoped ``redis-server --save '' --appendonly no`` on a free
                 port; the module's tests are skipped when redis-server is missing.
``pair``         a ``Pair``: one raw connection to Redix (the ``raw`` fixture) and one
                 to the oracle, both servers flushed.
``parse(buf)``   one RESP reply (bytes) as Python values, for comparing replies whose
                 order is free (hash-table encoded hashes and sets).

``Pair.same(*args)`` sends one command to both and asserts the reply bytes are
equal; ``Pair.both(*args)`` returns (redix, redis) for the caller to compare;
``Pair.script(text)`` runs ``same`` on each line (``#`` comments, blank lines
skipped; arguments split on spaces); ``Pair.hello3()`` switches both to RESP3.

``run_random(pair, seed, length, make_command, checks)`` runs a reproducible
random command sequence; ``scan_all`` finishes a *SCAN iteration on both.
"""
from __future__ import annotations

import random
import shutil
import subprocess

import pytest

from tests.conftest import RawConnection, free_port, wait_for_port
from tests.resp_util import reply_length


@pytest.fixture(scope="module")
def oracle_port():
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, proc)
        yield port
    finally:
        proc.terminate()
        proc.wait(10)


class Pair:
    def __init__(self, redix: RawConnection, real: RawConnection):
        self.redix = redix
        self.real = real
        self.resp3 = False

    def hello3(self) -> None:
        # Not compared: HELLO's reply carries the client id.
        for conn in (self.redix, self.real):
            assert conn.cmd("HELLO", "3").startswith(b"%7\r\n")
        self.resp3 = True

    def both(self, *args):
        return self.redix.cmd(*args), self.real.cmd(*args)

    def same(self, *args) -> bytes:
        got, expected = self.both(*args)
        assert got == expected, (args, got, expected)
        return got

    def script(self, text: str) -> None:
        for line in text.strip().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                self.same(*line.split())


@pytest.fixture
def pair(oracle_port, raw):
    real = RawConnection(oracle_port)
    assert real.cmd("FLUSHALL") == b"+OK\r\n"
    yield Pair(raw, real)
    real.close()


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
