"""Watching keyspace notifications in tests: what a subscriber to ``__key*__:*`` receives.

``EventLog(port)`` is a subscriber (RESP2, or RESP3 with ``resp3=True``) to
every keyspace and keyevent channel, plus a marker channel.  ``run(conn,
*args)`` sends one command on ``conn`` and returns ``(reply, events)``: the
events are read up to a marker published *after* the command, so they are
exactly that command's (a server delivers one client's messages in order),
with no waiting on timers.  An event is ``(kind, db, name, key)``: ``kind`` is
``"space"`` or ``"event"``; ``compact(events)`` keeps one line per keyspace
event, ``"name key"`` (``"name key @db"`` outside db 0), which is how the
expected lists in the tests are written.

``notifications(conn, flags)`` sets ``notify-keyspace-events`` for a block
and restores "" afterwards, even when the block fails (the servers are
shared by the whole session).

``random_command(rng)`` is one random write or read over strings, bitmaps,
lists, hashes, sets, sorted sets, streams and generic key commands, on a few
keys per type (``FAMILY_KEYS``; other types' keys now and then), for the
differential tests of notifications and of client-side caching.
"""
from __future__ import annotations

from contextlib import contextmanager

from tests.resp_util import RawConnection, parse_reply

MARK = b"__test_mark__"


class EventLog:
    def __init__(self, port: int, resp3: bool = False, pattern: str = "__key*__:*"):
        self.sub = RawConnection(port)
        if resp3:
            assert self.sub.cmd("HELLO", "3").startswith(b"%")
        self.sub.cmd("PSUBSCRIBE", pattern)
        self.sub.cmd("SUBSCRIBE", MARK)
        self.marker = RawConnection(port)
        self.count = 0

    def collect(self) -> list:
        """The events published before now (since the last collect)."""
        self.count += 1
        mark = b"%d" % self.count
        assert self.marker.cmd("PUBLISH", MARK, mark) == b":1\r\n"
        events = []
        while True:
            frame = self.next_frame()
            if frame[0] == b"message" and frame[1] == MARK:
                assert frame[2] == mark, frame
                return events
            events.append(_event(frame))

    def next_frame(self) -> list:
        return parse_reply(self.sub.reply())

    def next_event(self) -> tuple:
        """Wait for the next event (active expiry...), up to the socket timeout."""
        return _event(self.next_frame())

    def run(self, conn, *args):
        reply = conn.cmd(*args)
        return reply, self.collect()

    def close(self) -> None:
        self.sub.close()
        self.marker.close()


def _event(frame) -> tuple:
    assert frame[0] == b"pmessage", frame
    channel, message = frame[2], frame[3]
    prefix, _, rest = channel.partition(b"@")
    db, _, name = rest.partition(b"__:")
    if prefix == b"__keyspace":
        return ("space", int(db), message, name)
    assert prefix == b"__keyevent", channel
    return ("event", int(db), name, message)


def compact(events) -> list:
    """``"name key"`` per keyspace event (``"name key @db"`` outside db 0); the keyevent
    twin of each must follow it, which is checked here."""
    out = []
    for i in range(0, len(events), 2):
        space, twin = events[i], events[i + 1] if i + 1 < len(events) else None
        assert space[0] == "space" and twin == ("event",) + space[1:], events
        line = f"{space[2].decode()} {space[3].decode()}"
        out.append(line if space[1] == 0 else f"{line} @{space[1]}")
    return out


@contextmanager
def notifications(conn, flags: str):
    """``notify-keyspace-events`` set to ``flags`` for the block (via ``conn``)."""
    assert conn.cmd("CONFIG", "SET", "notify-keyspace-events", flags) == b"+OK\r\n"
    try:
        yield
    finally:
        conn.cmd("CONFIG", "SET", "notify-keyspace-events", "")


# --- random command sequences ---------------------------------------------------------------

# Keys by family (s1 is a string, l2 a list...), mostly used by their own family: a
# command picks another family's key now and then (WRONGTYPE, type changes).
FAMILY_KEYS = {f: (f + "1", f + "2", f + "3") for f in "slhtzx"}
ALL_KEYS = sum(FAMILY_KEYS.values(), ())
MEMBERS = ("a", "b", "c", "d")
# Commands whose reply Redis picks at random.
RANDOM_REPLIES = {"SPOP", "SRANDMEMBER", "HRANDFIELD", "ZRANDMEMBER", "RANDOMKEY"}


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
        lambda: ["COPY", rng.choice(ALL_KEYS), rng.choice(ALL_KEYS),
                 *(["REPLACE"] if rng.random() < 0.5 else [])],
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
        lambda: [rng.choice(["LPOP", "RPOP"]), _key(rng, "l"),
                 *([] if rng.random() < 0.5 else ["2"])],
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
        lambda: [rng.choice(["SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"]), _key(rng, "t"),
                 _key(rng, "t"),
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
        lambda: ["GEOSEARCHSTORE", _key(rng, "z"), _key(rng, "z"), "FROMLONLAT", "13", "38",
                 "BYRADIUS",
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
