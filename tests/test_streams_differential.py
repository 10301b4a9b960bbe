"""Stream commands, Redix against a real redis-server: same commands, same reply bytes.

Scripted sequences walk every command's edge cases and errors; seeded random
sequences mix XADD (explicit IDs, so replies are deterministic), XDEL,
XTRIM, XRANGE, XREVRANGE, XREAD, XREADGROUP, XACK, XPENDING, XCLAIM,
XAUTOCLAIM, XSETID and XINFO over a few keys, under several node-size
settings so that approximate trimming and XINFO's radix-tree counters are
compared too.  Times that differ by nature (idle times, delivery and seen
times) are normalized; minimum idle times are 0 or an hour, never close
to the run's own duration.  Skipped without ``redis-server``.
"""
import random
import re

import pytest

pytestmark = pytest.mark.differential

_TIMES = [
    # XPENDING rows and XINFO FULL group PEL rows: [id, consumer, idle-or-time, count]
    (re.compile(rb"(\*4\r\n\$\d+\r\n[^\r]*\r\n\$\d+\r\n[^\r]*\r\n):\d+\r\n"), rb"\1:T\r\n"),
    # XINFO FULL consumer PEL rows: [id, time, count]
    (re.compile(rb"(\*3\r\n\$\d+\r\n\d+-\d+\r\n):\d+\r\n(:\d+\r\n)"), rb"\1:T\r\n\2"),
    (re.compile(rb"(\$4\r\nidle\r\n):\d+"), rb"\1:T"),
    (re.compile(rb"(\$9\r\nseen-time\r\n):\d+"), rb"\1:T"),
]


def untimed(reply: bytes) -> bytes:
    for rx, repl in _TIMES:
        reply = rx.sub(repl, reply)
    return reply


NORMALIZE = {"XPENDING": untimed, "XINFO": untimed}


def script(text: str) -> list:
    return [line.split() for line in text.strip().splitlines()
            if line.strip() and not line.strip().startswith("#")]


RESP = pytest.mark.parametrize("resp3", [False, True], ids=["resp2", "resp3"])


@RESP
def test_xadd_and_trimming_script(assert_same, resp3):
    assert_same(script("""
        XADD s 1-1 f v
        XADD s 1-1 f v
        XADD s 0-0 f v
        XADD s 0 f v
        XADD s abc f v
        XADD s 5-* a b
        XADD s 5-* a b
        XADD s 4-* a b
        XADD q NOMKSTREAM 1-1 a b
        XADD s MAXLEN -1 9-1 f v
        XADD s MAXLEN x 9-1 f v
        XADD s LIMIT 5 9-1 f v
        XADD s LIMIT 0 9-1 f v
        XADD s MAXLEN 1 MINID 1 9-1 f v
        XADD s MAXLEN 1 MINID x 9-1 f v
        XADD s MAXLEN ~ 5 LIMIT
        XADD s MAXLEN ~ 1 LIMIT 1 LIMIT 2 9-1 f v
        XADD s MINID 00001 10-1 f v
        XADD s 11-1 f v g
        XADD s NOMKSTREAM NOMKSTREAM NOMKSTREAM
        XADD s 18446744073709551615-18446744073709551614 f v
        XADD s 18446744073709551615-* f v
        XADD s 18446744073709551615-* f v
        XADD s 1-* f v
        XINFO STREAM s
        XTRIM s MAXLEN 0
        XTRIM s
        XTRIM s LIMIT 0
        XTRIM s MAXLEN 5 LIMIT 5
        XTRIM s MINID ~
        XTRIM s MAXLEN 1 1-1
        XTRIM nokey MAXLEN 1 BOGUS
        SET str x
        XTRIM str MAXLEN 1
        XADD str 0-0 f v
        XADD str 1-1 f v
    """), resp3=resp3)


@RESP
def test_read_delete_setid_script(assert_same, resp3):
    assert_same(script("""
        XADD s 1-1 a 1
        XADD s 1-2 b 2
        XADD s 2-1 c 3 d 4
        XRANGE s - + COUNT 0
        XRANGE s (1-1 +
        XRANGE s (1 (2
        XREVRANGE s + - COUNT 2
        XREVRANGE s (18446744073709551615-18446744073709551615 -
        XREVRANGE s + (18446744073709551615-18446744073709551615
        XRANGE s - (0-0
        XRANGE s ( +
        XRANGE s - + COUNT
        XDEL s 1-2 9-9 1-2
        XDEL s x
        XREAD STREAMS s s 0 1-1
        XREAD COUNT 1 STREAMS nokey s 0 0
        XREAD STREAMS s +
        XREAD STREAMS s >
        XREAD GROUP g c STREAMS s 0
        XSETID s 2-0
        XSETID s 3-0 ENTRIESADDED 1
        XSETID s 3-0 ENTRIESADDED 9 MAXDELETEDID 2-5
        XSETID s 3-0 MAXDELETEDID 4
        XINFO STREAM s
        XDEL s 1-1 2-1
        XSETID s 1 MAXDELETEDID 1
        XINFO STREAM s
        XSETID nokey 1
    """), resp3=resp3)


@RESP
def test_groups_script(assert_same, resp3):
    assert_same(script("""
        XGROUP CREATE s g $
        XGROUP CREATE s g $ MKSTREAM
        XGROUP CREATE s g $ MKSTREAM
        XGROUP CREATE s g2 0 ENTRIESREAD 7
        XGROUP CREATE s g3 0 ENTRIESREAD -2
        XGROUP create s g3 0 bogus
        XADD s 1-1 f v
        XADD s 2-1 f v
        XADD s 3-1 f v
        XREADGROUP GROUP g alice STREAMS s >
        XREADGROUP GROUP g2 bob COUNT 2 STREAMS s >
        XREADGROUP GROUP g2 bob NOACK STREAMS s >
        XREADGROUP GROUP g2 bob STREAMS s 0
        XREADGROUP GROUP g2 carol STREAMS s 0
        XREADGROUP GROUP nog c STREAMS s >
        XREADGROUP GROUP g c STREAMS s $
        XPENDING s g2
        XPENDING s g2 - + 10
        XPENDING s g2 IDLE 3600000 - + 10
        XPENDING s g2 (1-1 + 10 bob
        XPENDING s g2 - +
        XACK s g2 1-1 9-9
        XACK s g2 x
        XDEL s 2-1
        XREADGROUP GROUP g2 bob STREAMS s 0
        XCLAIM s g alice2 0 1-1 2-1 3-1
        XCLAIM s g alice2 3600000 1-1
        XCLAIM s g dave 0 1-1 FORCE JUSTID RETRYCOUNT 9 LASTID 7-7
        XCLAIM s g dave 0 x
        XCLAIM s g dave 0 1-1 IDLE
        XAUTOCLAIM s g erin 0 0 COUNT 1
        XAUTOCLAIM s g2 erin 0 - JUSTID
        XAUTOCLAIM s g erin 0 0 COUNT 0
        XINFO GROUPS s
        XINFO CONSUMERS s g
        XINFO STREAM s FULL
        XINFO STREAM s FULL COUNT 1
        XGROUP SETID s g 0 ENTRIESREAD 0
        XINFO GROUPS s
        XGROUP DELCONSUMER s g dave
        XGROUP CREATECONSUMER s g dave
        XGROUP DESTROY s g2
        XINFO STREAM s
        XGROUP HELP
        XINFO HELP
    """), resp3=resp3, normalize=NORMALIZE)


# --- random sequences ---------------------------------------------------------------------

_KEYS = ["s", "t", "str"]
_GROUPS = ["g", "h"]
_CONSUMERS = ["alice", "bob"]


class _Gen:
    """A random but reproducible sequence of stream commands over a few keys."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.ms = {"s": 0, "t": 0}

    def sid(self, key, new=False):
        rng = self.rng
        if new:
            self.ms[key] = self.ms.get(key, 0) + rng.choice([0, 0, 1, 1, 2, 1000])
            return "%d-%d" % (self.ms[key], rng.randint(0, 3)) if rng.random() < 0.8 \
                else "%d-*" % self.ms[key]
        top = max(self.ms.get(key, 0), 1)
        return rng.choice(["%d-%d" % (rng.randint(0, top), rng.randint(0, 3)),
                           str(rng.randint(0, top)), "-", "+", "0", "x"])

    def bound(self, key):
        sid = self.sid(key)
        return "(" + sid if self.rng.random() < 0.2 and sid not in "-+" else sid

    def command(self):
        rng = self.rng
        key = rng.choice(_KEYS)
        group, consumer = rng.choice(_GROUPS), rng.choice(_CONSUMERS)
        r = rng.random()
        if r < 0.3:
            trim = rng.choice([[], [], [], ["MAXLEN", "~", str(rng.randint(0, 40))],
                               ["MAXLEN", str(rng.randint(0, 40))],
                               ["MINID", "~", self.sid(key)], ["NOMKSTREAM"]])
            fields = rng.choice([["f", "v"], ["f", "12"], ["a", "1", "b", "x" * 70],
                                 ["f", "y" * rng.randint(0, 300)]])
            return ["XADD", key, *trim, self.sid(key, new=True), *fields]
        if r < 0.36:
            return ["XDEL", key, *[self.sid(key) for _ in range(rng.randint(1, 3))]]
        if r < 0.41:
            return ["XTRIM", key, rng.choice(["MAXLEN", "MINID"]),
                    *rng.choice([[], ["~"], ["="]]), rng.choice([str(rng.randint(0, 30)),
                                                                self.sid(key)]),
                    *rng.choice([[], ["LIMIT", str(rng.randint(0, 200))]])]
        if r < 0.49:
            cmd = rng.choice(["XRANGE", "XREVRANGE"])
            return [cmd, key, self.bound(key), self.bound(key),
                    *rng.choice([[], ["COUNT", str(rng.randint(-1, 5))]])]
        if r < 0.53:
            return ["XREAD", "COUNT", str(rng.randint(0, 3)), "STREAMS", key,
                    rng.choice(["$", "0", self.sid(key)])]
        if r < 0.57:
            return ["XGROUP", "CREATE", key, group, rng.choice(["$", "0", self.sid(key)]),
                    *rng.choice([[], ["MKSTREAM"]])]
        if r < 0.7:
            return ["XREADGROUP", "GROUP", group, consumer, "COUNT", str(rng.randint(0, 4)),
                    *rng.choice([[], [], ["NOACK"]]), "STREAMS", key,
                    rng.choice([">", ">", "0", self.sid(key)])]
        if r < 0.76:
            return ["XACK", key, group, *[self.sid(key) for _ in range(rng.randint(1, 3))]]
        if r < 0.82:
            return ["XCLAIM", key, group, consumer, rng.choice(["0", "3600000"]),
                    *[self.sid(key) for _ in range(rng.randint(1, 3))],
                    *rng.choice([[], ["JUSTID"], ["FORCE"], ["RETRYCOUNT", "3"],
                                 ["LASTID", self.sid(key)], ["FORCE", "JUSTID"]])]
        if r < 0.87:
            return ["XAUTOCLAIM", key, group, consumer, rng.choice(["0", "3600000"]),
                    self.bound(key), *rng.choice([[], ["COUNT", str(rng.randint(1, 4))]]),
                    *rng.choice([[], ["JUSTID"]])]
        if r < 0.91:
            return ["XPENDING", key, group, *rng.choice([
                [], ["-", "+", "10"], [self.bound(key), self.bound(key), "3", consumer],
                ["IDLE", "3600000", "-", "+", "5"]])]
        if r < 0.94:
            return ["XSETID", key, self.sid(key),
                    *rng.choice([[], ["ENTRIESADDED", str(rng.randint(0, 50))]])]
        if r < 0.97:
            return ["XINFO", rng.choice(["STREAM", "GROUPS"]), key]
        return ["XGROUP", rng.choice(["SETID", "DELCONSUMER", "DESTROY", "CREATECONSUMER"]),
                key, group, *{0: ["$"], 1: [consumer], 2: [], 3: [consumer]}[rng.randint(0, 3)]]

    def sequence(self, length: int) -> list:
        node_entries = self.rng.choice(["100", "100", "5", "1"])
        node_bytes = self.rng.choice(["4096", "4096", "300", "0"])
        return [["CONFIG", "SET", "stream-node-max-entries", node_entries],
                ["CONFIG", "SET", "stream-node-max-bytes", node_bytes],
                ["SET", "str", "x"],
                *[self.command() for _ in range(length)],
                ["XINFO", "STREAM", "s"], ["XINFO", "STREAM", "t", "FULL"],
                ["XRANGE", "s", "-", "+"], ["XRANGE", "t", "-", "+"],
                ["CONFIG", "SET", "stream-node-max-entries", "100"],
                ["CONFIG", "SET", "stream-node-max-bytes", "4096"]]


@pytest.mark.parametrize("seed", range(12))
def test_random_sequences(assert_same, seed):
    sequence = _Gen(seed).sequence(200)
    assert_same(sequence, resp3=seed % 2 == 1, normalize=NORMALIZE)
