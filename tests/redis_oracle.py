"""Command-by-command differential testing (hashes, sets): Redix beside a real redis-server.

``tests.differential`` runs whole sequences and compares them afterwards; the
collection families also need to look at the oracle's state between commands
(which encoding decides whether an order is defined) and to bring the two
servers back in step after a random SPOP.  Not a test module; a test module
makes its fixture from the conftest's ``oracle`` (``tests.differential``,
skipped when redis-server is missing) and ``raw``:

    @pytest.fixture
    def pair(oracle, raw):
        with paired(oracle, raw) as both:
            yield both

``paired(oracle, raw)`` a ``Pair``: Redix's raw connection and one to the oracle,
                 both servers flushed.
``parse(buf)``   one RESP reply (bytes) as Python values, for comparing replies whose
                 order is free (hash-table encoded hashes and sets).

``Pair.same(*args)`` sends one command to both and asserts the reply bytes are
equal; ``Pair.both(*args)`` returns (redix, redis) for the caller to compare;
``Pair.script(text)`` runs ``same`` on each line (``#`` comments, blank lines
skipped; arguments split on spaces); ``Pair.hello3()`` switches both to RESP3;
``Pair.watch_trial(setup, command, watched)`` checks that ``command`` breaks (or
spares) a WATCH on both alike.

``run_random(pair, seed, length, make_command, checks)`` runs a reproducible
random command sequence; ``scan_all`` finishes a *SCAN iteration on both.
"""
from __future__ import annotations

import random
from contextlib import contextmanager

from tests.conftest import RawConnection
from tests.resp_util import reply_length


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
        assert got == expected, (args, got, expected)
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
            if line and not line.startswith("#"):
                self.same(*line.split())


@contextmanager
def paired(oracle, raw):
    """A ``Pair`` of Redix's ``raw`` connection and a new one to the oracle, both
    servers flushed; the oracle connections are closed afterwards."""
    real = RawConnection(oracle.port)
    assert real.cmd("FLUSHALL") == b"+OK\r\n"
    pair = Pair(raw, real, oracle.port)
    try:
        yield pair
    finally:
        real.close()
        if pair._others is not None:
            pair._others[1].close()


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
