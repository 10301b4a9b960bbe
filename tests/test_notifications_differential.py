"""Keyspace notifications, Redix against redis-server: the same commands, the same events.

Each server gets a subscriber to ``__key*__:*`` (``event_util.EventLog``)
and the same command sequence; after every command the events it caused
must be equal on both: names, keys, databases, and order (keyspace then
keyevent, ``new`` before the command's own event, ``del`` after it...).
Sequences are random over strings, bitmaps, lists, hashes, sets, sorted
sets, streams and generic key commands, on a handful of keys shared by all
types (so WRONGTYPE errors and type changes happen), with ``KEA`` + ``n`` (+ ``m``:
keymiss, from every read of a missing key) or a random subset of classes.  Reply bytes must be equal too, except where Redis
itself answers at random (SPOP, SRANDMEMBER...), where only the reply's type is.

TTLs are either long or already past: an expiry racing the clock would put
``expired`` in a different command's window on each server (lazy and active
expiry are tested in test_notifications.py).
"""
from __future__ import annotations

import random

import pytest

from tests.event_util import EventLog, notifications
from tests.resp_util import RawConnection

# Keys by family (s1 is a string, l2 a list...), mostly used by their own family: a
# command picks another family's key now and then (WRONGTYPE, type changes).
FAMILY_KEYS = {f: (f + "1", f + "2", f + "3") for f in "slhtzx"}
ALL_KEYS = sum(FAMILY_KEYS.values(), ())
MEMBERS = ("a", "b", "c", "d")
_RANDOM_REPLIES = {"SPOP", "SRANDMEMBER", "HRANDFIELD", "ZRANDMEMBER", "RANDOMKEY"}


def _key(rng, family: str) -> str:
    return rng.choice(FAMILY_KEYS[family] if rng.random() < 0.9 else ALL_KEYS)


def _m(rng) -> str:
    return rng.choice(MEMBERS)


def _n(rng) -> str:
    return str(rng.randint(-3, 5))


def _string(rng):
    return rng.choice([
        lambda: ["SET", _key(rng, "s"), _m(rng)],
        lambda: ["SET", _key(rng, "s"), _m(rng), rng.choice(["NX", "XX", "GET", "KEEPTTL"])],
        lambda: ["SET", _key(rng, "s"), _m(rng), "EX", "1000"],
        lambda: ["GETDEL", _key(rng, "s")],
        lambda: ["GETEX", _key(rng, "s"), rng.choice(["PERSIST", "EX", "PXAT"]),
                 *([] if rng.random() < 0.3 else [rng.choice(["100", "1"])])],
        lambda: ["GETSET", _key(rng, "s"), _m(rng)],
        lambda: ["SETNX", _key(rng, "s"), _m(rng)],
        lambda: ["MSET", _key(rng, "s"), "1", _key(rng, "s"), "2"],
        lambda: ["MSETNX", _key(rng, "s"), "1", _key(rng, "s"), "2"],
        lambda: ["APPEND", _key(rng, "s"), rng.choice(["x", ""])],
        lambda: ["SETRANGE", _key(rng, "s"), str(rng.randint(0, 3)), rng.choice(["zz", ""])],
        lambda: ["INCRBY", _key(rng, "s"), _n(rng)],
        lambda: ["INCRBYFLOAT", _key(rng, "s"), "1.5"],
        lambda: ["SETBIT", _key(rng, "s"), str(rng.randint(0, 9)), str(rng.randint(0, 1))],
        lambda: ["BITOP", rng.choice(["AND", "OR", "NOT"]), _key(rng, "s"), _key(rng, "s")],
        lambda: ["BITFIELD", _key(rng, "s"), "SET", "u4", "0", str(rng.randint(0, 3))],
        lambda: ["PFADD", _key(rng, "s"), _m(rng)],
        lambda: ["PFMERGE", _key(rng, "s"), _key(rng, "s")],
        lambda: ["GET", _key(rng, "s")],
    ])()


def _generic(rng):
    return rng.choice([
        lambda: ["DEL", rng.choice(ALL_KEYS), rng.choice(ALL_KEYS)],
        lambda: ["UNLINK", rng.choice(ALL_KEYS)],
        lambda: ["RENAME", rng.choice(ALL_KEYS), rng.choice(ALL_KEYS)],
        lambda: ["RENAMENX", rng.choice(ALL_KEYS), rng.choice(ALL_KEYS)],
        lambda: ["MOVE", rng.choice(ALL_KEYS), "1"],
        lambda: ["COPY", rng.choice(ALL_KEYS), rng.choice(ALL_KEYS), *(["REPLACE"] if rng.random() < 0.5 else [])],
        lambda: ["COPY", rng.choice(ALL_KEYS), rng.choice(ALL_KEYS), "DB", "1"],
        lambda: ["EXPIRE", rng.choice(ALL_KEYS), rng.choice(["100", "0", "-5"]),
                 *([rng.choice(["NX", "XX", "GT", "LT"])] if rng.random() < 0.3 else [])],
        lambda: ["PEXPIREAT", rng.choice(ALL_KEYS), rng.choice(["1", "99999999999999"])],
        lambda: ["PERSIST", rng.choice(ALL_KEYS)],
        lambda: ["EXISTS", rng.choice(ALL_KEYS)],
        lambda: ["TYPE", rng.choice(ALL_KEYS)],
    ])()


def _list(rng):
    return rng.choice([
        lambda: [rng.choice(["LPUSH", "RPUSH"]), _key(rng, "l"), _m(rng), _m(rng)],
        lambda: [rng.choice(["LPUSHX", "RPUSHX"]), _key(rng, "l"), _m(rng)],
        lambda: [rng.choice(["LPOP", "RPOP"]), _key(rng, "l"), *([] if rng.random() < 0.5 else ["2"])],
        lambda: ["LINSERT", _key(rng, "l"), "BEFORE", _m(rng), "x"],
        lambda: ["LSET", _key(rng, "l"), "0", "q"],
        lambda: ["LREM", _key(rng, "l"), "0", _m(rng)],
        lambda: ["LTRIM", _key(rng, "l"), str(rng.randint(0, 2)), str(rng.randint(-1, 2))],
        lambda: ["LMOVE", _key(rng, "l"), _key(rng, "l"), rng.choice(["LEFT", "RIGHT"]),
                 rng.choice(["LEFT", "RIGHT"])],
        lambda: ["LMPOP", "2", _key(rng, "l"), _key(rng, "l"), "LEFT", "COUNT", "2"],
        lambda: ["LRANGE", _key(rng, "l"), "0", "-1"],
    ])()


def _hash(rng):
    return rng.choice([
        lambda: ["HSET", _key(rng, "h"), _m(rng), "1", _m(rng), "2"],
        lambda: ["HSETNX", _key(rng, "h"), _m(rng), "v"],
        lambda: ["HDEL", _key(rng, "h"), _m(rng), _m(rng)],
        lambda: ["HINCRBY", _key(rng, "h"), _m(rng), _n(rng)],
        lambda: ["HINCRBYFLOAT", _key(rng, "h"), _m(rng), "0.5"],
        lambda: ["HGETALL", _key(rng, "h")],
    ])()


def _set(rng):
    return rng.choice([
        lambda: ["SADD", _key(rng, "t"), _m(rng), _m(rng)],
        lambda: ["SREM", _key(rng, "t"), _m(rng)],
        lambda: ["SPOP", _key(rng, "t"), "10"],
        lambda: ["SMOVE", _key(rng, "t"), _key(rng, "t"), _m(rng)],
        lambda: [rng.choice(["SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"]), _key(rng, "t"), _key(rng, "t"),
                 _key(rng, "t")],
        lambda: ["SRANDMEMBER", _key(rng, "t")],
    ])()


def _zset(rng):
    return rng.choice([
        lambda: ["ZADD", _key(rng, "z"), *([rng.choice(["NX", "XX", "GT", "CH"])]
                                    if rng.random() < 0.3 else []), _n(rng), _m(rng)],
        lambda: ["ZADD", _key(rng, "z"), "INCR", _n(rng), _m(rng)],
        lambda: ["ZINCRBY", _key(rng, "z"), _n(rng), _m(rng)],
        lambda: ["ZREM", _key(rng, "z"), _m(rng), _m(rng)],
        lambda: [rng.choice(["ZPOPMIN", "ZPOPMAX"]), _key(rng, "z"), str(rng.randint(0, 2))],
        lambda: ["ZREMRANGEBYSCORE", _key(rng, "z"), _n(rng), _n(rng)],
        lambda: ["ZREMRANGEBYRANK", _key(rng, "z"), "0", str(rng.randint(-1, 1))],
        lambda: ["ZREMRANGEBYLEX", _key(rng, "z"), "-", "[" + _m(rng)],
        lambda: [rng.choice(["ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE"]), _key(rng, "z"), "2",
                 _key(rng, "z"), _key(rng, "z")],
        lambda: ["ZRANGESTORE", _key(rng, "z"), _key(rng, "z"), "0", str(rng.randint(-1, 2))],
        lambda: ["ZMPOP", "1", _key(rng, "z"), rng.choice(["MIN", "MAX"])],
        lambda: ["GEOADD", _key(rng, "z"), "13.36", "38.11", _m(rng)],
        lambda: ["GEOSEARCHSTORE", _key(rng, "z"), _key(rng, "z"), "FROMLONLAT", "13", "38", "BYRADIUS",
                 rng.choice(["1", "200"]), "km"],
    ])()


def _stream(rng, ids=iter(range(1, 10 ** 9))):
    return rng.choice([
        lambda: ["XADD", _key(rng, "x"), *(["NOMKSTREAM"] if rng.random() < 0.2 else []),
                 *(["MAXLEN", str(rng.randint(0, 3))] if rng.random() < 0.3 else []),
                 "%d-1" % next(ids), "f", "v"],
        lambda: ["XTRIM", _key(rng, "x"), "MAXLEN", str(rng.randint(0, 2))],
        lambda: ["XDEL", _key(rng, "x"), "%d-1" % rng.randint(1, 40)],
        lambda: ["XGROUP", "CREATE", _key(rng, "x"), "g", "0",
                 *(["MKSTREAM"] if rng.random() < 0.5 else [])],
        lambda: ["XGROUP", "CREATECONSUMER", _key(rng, "x"), "g", _m(rng)],
        lambda: ["XGROUP", "DELCONSUMER", _key(rng, "x"), "g", _m(rng)],
        lambda: ["XGROUP", "DESTROY", _key(rng, "x"), "g"],
        lambda: ["XGROUP", "SETID", _key(rng, "x"), "g", "0"],
        lambda: ["XREADGROUP", "GROUP", "g", _m(rng), "COUNT", "2", "STREAMS", _key(rng, "x"), ">"],
        lambda: ["XCLAIM", _key(rng, "x"), "g", _m(rng), "0", "%d-1" % rng.randint(1, 40)],
        lambda: ["XAUTOCLAIM", _key(rng, "x"), "g", _m(rng), "0", "0", "COUNT", "2"],
        lambda: ["XSETID", _key(rng, "x"), "%d-9" % (10 ** 9)],
    ])()


FAMILIES = (_string, _generic, _list, _hash, _set, _zset, _stream)


def random_command(rng) -> list:
    return rng.choice(FAMILIES)(rng)


class Side:
    """One server: a command connection and its event log."""

    def __init__(self, port: int, resp3: bool):
        self.conn = RawConnection(port)
        assert self.conn.cmd("FLUSHALL") == b"+OK\r\n"
        self.log = EventLog(port, resp3=resp3)

    def run(self, args):
        return self.log.run(self.conn, *args)

    def close(self) -> None:
        self.conn.close()
        self.log.close()


def compare(redix_port: int, oracle_port: int, commands, flags: str, resp3: bool = False):
    sides = []
    try:
        sides = [Side(redix_port, resp3), Side(oracle_port, resp3)]
        with notifications(sides[0].conn, flags), notifications(sides[1].conn, flags):
            for step, args in enumerate(commands):
                (got, got_events), (expected, expected_events) = (s.run(args) for s in sides)
                where = f"step {step}: {' '.join(args)} (flags {flags})"
                if args[0] in _RANDOM_REPLIES:
                    assert got[:1] == expected[:1], (where, got, expected)
                else:
                    assert got == expected, (where, got, expected)
                assert got_events == expected_events, where
    finally:
        for side in sides:
            side.close()


@pytest.mark.parametrize("seed", range(12))
def test_random_sequences_emit_the_same_events(redix_server, oracle, seed):
    rng = random.Random(seed)
    commands = [random_command(rng) for _ in range(250)]
    flags = "KEAnm" if seed % 2 else "KEAn"         # m: reads of missing keys too
    compare(redix_server.port, oracle.port, commands, flags, resp3=seed % 3 == 2)


@pytest.mark.parametrize("seed", range(4))
def test_random_class_subsets(redix_server, oracle, seed):
    rng = random.Random(1000 + seed)
    classes = "".join(c for c in "g$lshzxetnm" if rng.random() < 0.4) or "g"
    flags = rng.choice(["K", "E", "KE"]) + classes
    commands = [random_command(rng) for _ in range(120)]
    compare(redix_server.port, oracle.port, commands, flags)


def test_keymiss_on_reads(redix_server, oracle):
    commands = [["GET", "k1"], ["MGET", "k1", "k2"], ["SET", "k1", "v"], ["GET", "k1"],
                ["HGETALL", "k2"], ["LRANGE", "k2", "0", "1"], ["SMEMBERS", "k2"],
                ["ZSCORE", "k2", "a"], ["XRANGE", "k2", "-", "+"], ["EXISTS", "k2"],
                ["TTL", "k2"], ["TYPE", "k2"], ["STRLEN", "k2"], ["BITCOUNT", "k2"],
                ["SINTERSTORE", "k3", "k2", "k4"], ["ZUNIONSTORE", "k3", "1", "k2"],
                ["COPY", "k2", "k3"], ["BITOP", "OR", "k3", "k2", "k4"], ["PFMERGE", "k3", "k2"],
                ["PFCOUNT", "k2"], ["GETDEL", "k2"], ["GETEX", "k2"], ["GETSET", "k2", "v"],
                ["DEL", "k4"], ["LPOP", "k4"], ["RENAME", "k4", "k1"], ["EXPIRE", "k4", "9"],
                ["OBJECT", "ENCODING", "k4"], ["XREAD", "STREAMS", "k4", "0"],
                ["GEOSEARCHSTORE", "k3", "k4", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"]]
    compare(redix_server.port, oracle.port, commands, "KEm")
