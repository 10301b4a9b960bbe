"""Keyspace notifications over the wire: a subscriber to ``__key*__:*`` sees what Redis 7.0 emits.

The expected events were read from redis-server 7.0.15 with the same
commands (tests/test_notifications_differential.py compares the two servers
directly); each case is written as ``"event key"`` lines in emission order,
keyspace and keyevent channels both checked (``event_util.compact``).
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from redix.config_types import NOTIFY_ALL, NOTIFY_KEYEVENT, NOTIFY_KEYSPACE
from redix.keyspace.db import Database
from redix.keyspace.events import EVENT_CLASS
from tests.event_util import EventLog, compact, notifications
from tests.wire import conn, server_fixture  # noqa: F401

# A server of this module's own: DEBUG SET-ACTIVE-EXPIRE is needed, and CONFIG
# changes stay here.
srv = server_fixture("--enable-debug-command", "yes")


@pytest.fixture
def raw(conn):  # noqa: F811
    first = conn()
    first.connect = conn
    return first


@pytest.fixture
def events(raw, srv):
    with notifications(raw, "KEAn"):
        log = EventLog(srv.port)
        yield log
        log.close()


def wait_blocked(raw, count: int) -> None:
    deadline = time.monotonic() + 5
    while b"blocked_clients:%d\r\n" % count not in raw.cmd("INFO", "clients"):
        assert time.monotonic() < deadline, "no client blocked"
        time.sleep(0.005)


def run_case(raw, events, setup: str, command: list) -> list:
    for line in filter(None, (part.strip() for part in setup.split(";"))):
        raw.cmd(*line.split())
    events.collect()
    return compact(events.run(raw, *command)[1])


# (setup commands separated by ";", the command, its events)
CASES = [
    # strings
    ("", "SET k v", ["new k", "set k"]),
    ("SET k v", "SET k w", ["set k"]),
    ("SET k v", "SET k w NX", []),
    ("", "SET k v XX", []),
    ("", "SET k v EX 100", ["new k", "set k", "expire k"]),
    ("SET k v EX 100", "SET k w KEEPTTL", ["set k"]),
    ("SET k v", "SET k w GET", ["set k"]),
    ("SET k v", "GETEX k EX 100", ["expire k"]),
    ("SET k v EX 100", "GETEX k PERSIST", ["persist k"]),
    ("SET k v", "GETEX k PERSIST", []),
    ("SET k v", "GETEX k PXAT 1", ["del k"]),
    ("SET k v", "GETDEL k", ["del k"]),
    ("", "GETDEL k", []),
    ("", "SETNX k v", ["new k", "set k"]),
    ("SET k v", "SETNX k v", []),
    ("", "SETEX k 10 v", ["new k", "set k", "expire k"]),
    ("SET k v", "PSETEX k 10000 v", ["set k", "expire k"]),
    ("", "GETSET k v", ["new k", "set k"]),
    ("SET a 1", "MSET a 1 b 2 a 3", ["set a", "new b", "set b", "set a"]),
    ("SET a 1", "MSETNX a 1 c 2", []),
    ("", "MSETNX c 1 d 2", ["new c", "set c", "new d", "set d"]),
    ("SET k v", "APPEND k x", ["append k"]),
    ("", "APPEND k x", ["new k", "append k"]),
    ("SET k abcd", "SETRANGE k 1 QQ", ["setrange k"]),
    ("", "SETRANGE k 2 x", ["new k", "setrange k"]),
    ("", "INCR k", ["new k", "incrby k"]),
    ("SET k 5", "DECRBY k 3", ["incrby k"]),
    ("SET k x", "INCR k", []),
    ("", "INCRBYFLOAT k 1.5", ["new k", "incrbyfloat k"]),
    # bitmaps and HyperLogLog
    ("", "SETBIT k 7 1", ["new k", "setbit k"]),
    ("SETBIT k 7 1", "SETBIT k 7 1", []),
    ("SETBIT k 7 1", "SETBIT k 7 0", ["setbit k"]),
    ("SETBIT s 7 1", "BITOP AND d s s", ["new d", "set d"]),
    ("SET d x", "BITOP AND d nothing other", ["del d"]),
    ("", "BITFIELD k SET u8 0 255", ["new k", "setbit k"]),
    ("BITFIELD k SET u8 0 255", "BITFIELD k SET u8 0 255", []),
    ("", "BITFIELD k GET u8 0", []),
    ("", "PFADD h a b", ["new h", "pfadd h"]),
    ("PFADD h a", "PFADD h a", []),
    ("PFADD h a", "PFMERGE d h", ["new d", "pfadd d"]),
    ("PFADD h a", "PFCOUNT h", []),
    # keys
    ("SET a 1; SET b 2", "DEL a b c", ["del a", "del b"]),
    ("SET a 1", "UNLINK a", ["del a"]),
    ("SET a 1", "RENAME a b", ["new b", "rename_from a", "rename_to b"]),
    ("SET a 1; SET b 2", "RENAME a b", ["new b", "rename_from a", "rename_to b"]),
    ("SET a 1", "RENAME a a", []),
    ("SET a 1; SET b 2", "RENAMENX a b", []),
    ("SET a 1", "RENAMENX a b", ["new b", "rename_from a", "rename_to b"]),
    ("SET a 1", "MOVE a 1", ["new a @1", "move_from a", "move_to a @1"]),
    ("SET a 1", "COPY a b", ["new b", "copy_to b"]),
    ("SET a 1; SET b 2", "COPY a b REPLACE", ["new b", "copy_to b"]),
    ("SET a 1", "COPY a b DB 2", ["new b @2", "copy_to b @2"]),
    ("SET k v", "EXPIRE k 100", ["expire k"]),
    ("SET k v EX 100", "EXPIRE k 100 NX", []),
    ("SET k v", "PEXPIREAT k 9999999999000", ["expire k"]),
    ("SET k v", "EXPIRE k 0", ["del k"]),
    ("SET k v", "PEXPIREAT k 1", ["del k"]),
    ("SET k v EX 100", "PERSIST k", ["persist k"]),
    ("SET k v", "PERSIST k", []),
    ("SET k v", "SWAPDB 0 1", []),
    ("SET k v", "FLUSHALL", []),
    # lists
    ("", "LPUSH l a b", ["new l", "lpush l"]),
    ("LPUSH l a", "RPUSH l c", ["rpush l"]),
    ("", "LPUSHX l x", []),
    ("RPUSH l a b", "LPOP l", ["lpop l"]),
    ("RPUSH l a", "RPOP l", ["rpop l", "del l"]),
    ("RPUSH l a b c", "RPOP l 5", ["rpop l", "del l"]),
    ("RPUSH l a b", "LINSERT l BEFORE b x", ["linsert l"]),
    ("RPUSH l a b", "LINSERT l BEFORE zz x", []),
    ("RPUSH l a b", "LSET l 0 q", ["lset l"]),
    ("RPUSH l a b a", "LREM l 0 a", ["lrem l"]),
    ("RPUSH l a", "LREM l 0 a", ["lrem l", "del l"]),
    ("RPUSH l a b c", "LTRIM l 0 -1", ["ltrim l"]),
    ("RPUSH l a b c", "LTRIM l 5 6", ["ltrim l", "del l"]),
    ("RPUSH l a b", "LMOVE l d LEFT RIGHT", ["new d", "rpush d", "lpop l"]),
    ("RPUSH l a", "LMOVE l d RIGHT LEFT", ["new d", "lpush d", "rpop l", "del l"]),
    ("RPUSH l a b", "LMOVE l l LEFT RIGHT", ["rpush l", "lpop l"]),
    ("RPUSH l a b", "RPOPLPUSH l d", ["new d", "lpush d", "rpop l"]),
    ("RPUSH l a b", "LMPOP 2 nol l LEFT COUNT 5", ["lpop l", "del l"]),
    ("RPUSH l a b", "BLPOP l 0", ["lpop l"]),
    ("RPUSH l a", "BLMOVE l d LEFT RIGHT 0", ["new d", "rpush d", "lpop l", "del l"]),
    # hashes
    ("", "HSET h a 1 b 2", ["new h", "hset h"]),
    ("HSET h a 1", "HSET h a 1", ["hset h"]),
    ("HSET h a 1", "HMSET h c 3", ["hset h"]),
    ("HSET h a 1", "HSETNX h a 3", []),
    ("HSET h a 1", "HSETNX h d 4", ["hset h"]),
    ("", "HINCRBY h n 1", ["new h", "hincrby h"]),
    ("HSET h a 1", "HINCRBYFLOAT h f 1.5", ["hincrbyfloat h"]),
    ("HSET h a 1", "HDEL h zz", []),
    ("HSET h a 1 b 2", "HDEL h a", ["hdel h"]),
    ("HSET h a 1", "HDEL h a", ["hdel h", "del h"]),
    # sets
    ("", "SADD s a b", ["new s", "sadd s"]),
    ("SADD s a", "SADD s a", []),
    ("SADD s a b", "SREM s a", ["srem s"]),
    ("SADD s a", "SREM s a", ["srem s", "del s"]),
    ("SADD s a", "SPOP s", ["spop s", "del s"]),
    ("SADD s a b c", "SPOP s 5", ["spop s", "del s"]),
    ("SADD s a b c", "SPOP s 0", []),
    ("SADD s a b", "SMOVE s t a", ["srem s", "new t", "sadd t"]),
    ("SADD s a; SADD t b", "SMOVE s t a", ["srem s", "del s", "sadd t"]),
    ("SADD s a", "SMOVE s s a", []),
    ("SADD s a x; SADD t x", "SINTERSTORE d s t", ["new d", "sinterstore d"]),
    ("SADD s a; SADD d z", "SUNIONSTORE d s", ["sunionstore d"]),
    ("SADD s a; SADD d z", "SDIFFSTORE d s s", ["del d"]),
    # sorted sets and geo
    ("", "ZADD z 1 a 2 b", ["new z", "zadd z"]),
    ("ZADD z 1 a", "ZADD z 1 a", []),
    ("ZADD z 1 a", "ZADD z 3 a", ["zadd z"]),
    ("ZADD z 1 a", "ZADD z INCR 1 a", ["zincr z"]),
    ("", "ZINCRBY z 1 a", ["new z", "zincr z"]),
    ("ZADD z 1 a 2 b", "ZREM z a", ["zrem z"]),
    ("ZADD z 1 a", "ZREM z a", ["zrem z", "del z"]),
    ("ZADD z 1 a 2 b", "ZREMRANGEBYSCORE z 1 1", ["zremrangebyscore z"]),
    ("ZADD z 1 a 2 b", "ZREMRANGEBYRANK z 0 -1", ["zremrangebyrank z", "del z"]),
    ("ZADD z 0 a 0 b", "ZREMRANGEBYLEX z [a [a", ["zremrangebylex z"]),
    ("ZADD z 1 a 2 b", "ZPOPMIN z", ["zpopmin z"]),
    ("ZADD z 1 a", "ZPOPMAX z", ["zpopmax z", "del z"]),
    ("ZADD z 1 a", "ZPOPMIN z 0", []),
    ("ZADD z 1 a 2 b", "BZPOPMAX z 0", ["zpopmax z"]),
    ("ZADD z 1 a 2 b", "ZMPOP 1 z MIN COUNT 5", ["zpopmin z", "del z"]),
    ("ZADD z 1 a; ZADD y 1 a 2 b", "ZUNIONSTORE d 2 z y", ["new d", "zunionstore d"]),
    ("ZADD z 1 a; ZADD d 1 q", "ZINTERSTORE d 2 z y", ["del d"]),
    ("ZADD z 1 a; ZADD y 1 a; ZADD d 1 q", "ZDIFFSTORE d 1 z", ["zdiffstore d"]),
    ("ZADD z 1 a", "ZRANGESTORE d z 0 -1", ["new d", "zrangestore d"]),
    ("", "GEOADD g 13.361389 38.115556 Palermo", ["new g", "zadd g"]),
    ("GEOADD g 13.361389 38.115556 Palermo", "GEORADIUS g 13 38 200 km STORE d",
     ["new d", "georadiusstore d"]),
    ("GEOADD g 13.361389 38.115556 Palermo", "GEORADIUSBYMEMBER g Palermo 10 km STOREDIST d",
     ["new d", "georadiusstore d"]),
    ("GEOADD g 13.361389 38.115556 Palermo", "GEOSEARCHSTORE d g FROMLONLAT 13 38 BYRADIUS 200 km",
     ["new d", "geosearchstore d"]),
    ("GEOADD g 13.361389 38.115556 Palermo; SET d x",
     "GEOSEARCHSTORE d g FROMLONLAT 0 0 BYRADIUS 1 km", ["del d"]),
    # streams
    ("", "XADD x 1-1 a 1", ["new x", "xadd x"]),
    ("", "XADD x NOMKSTREAM 1-1 a 1", []),
    ("XADD x 1-1 a 1", "XADD x MAXLEN 1 2-1 a 1", ["xadd x", "xtrim x"]),
    ("XADD x 1-1 a 1; XADD x 2-1 a 1", "XTRIM x MAXLEN 1", ["xtrim x"]),
    ("XADD x 1-1 a 1", "XTRIM x MAXLEN 5", []),
    ("XADD x 1-1 a 1", "XDEL x 1-1", ["xdel x"]),
    ("XADD x 1-1 a 1", "XDEL x 9-9", []),
    ("XADD x 1-1 a 1", "XSETID x 5-5", ["xsetid x"]),
    ("XADD x 1-1 a 1", "XGROUP CREATE x g $", ["xgroup-create x"]),
    ("", "XGROUP CREATE x g $ MKSTREAM", ["new x", "xgroup-create x"]),
    ("XGROUP CREATE x g $ MKSTREAM", "XGROUP CREATECONSUMER x g c", ["xgroup-createconsumer x"]),
    ("XGROUP CREATE x g $ MKSTREAM; XGROUP CREATECONSUMER x g c",
     "XGROUP DELCONSUMER x g c", ["xgroup-delconsumer x"]),
    ("XGROUP CREATE x g $ MKSTREAM", "XGROUP SETID x g 0", ["xgroup-setid x"]),
    ("XGROUP CREATE x g $ MKSTREAM", "XGROUP DESTROY x g", ["xgroup-destroy x"]),
    ("XADD x 1-1 a 1; XGROUP CREATE x g 0", "XREADGROUP GROUP g c STREAMS x >",
     ["xgroup-createconsumer x"]),
    ("XADD x 1-1 a 1; XGROUP CREATE x g 0; XREADGROUP GROUP g c STREAMS x >",
     "XCLAIM x g c2 0 1-1", ["xgroup-createconsumer x"]),
    ("XADD x 1-1 a 1; XGROUP CREATE x g 0; XREADGROUP GROUP g c STREAMS x >",
     "XACK x g 1-1", []),
]


@pytest.mark.parametrize("setup, command, expected", CASES,
                         ids=[case[1] if not case[0] else f"{case[1]} after {case[0]}"
                              for case in CASES])
def test_events_per_command(raw, events, setup, command, expected):
    assert run_case(raw, events, setup, command.split()) == expected


def test_empty_strings_write_or_not_as_redis(raw, events):
    raw.cmd("SET", "k", "abcd")
    events.collect()
    assert compact(events.run(raw, "SETRANGE", "k", "1", "")[1]) == []
    assert compact(events.run(raw, "SETRANGE", "n", "0", "")[1]) == []
    # APPEND of nothing still writes (and creates an empty string).
    assert compact(events.run(raw, "APPEND", "k", "")[1]) == ["append k"]
    assert compact(events.run(raw, "APPEND", "e", "")[1]) == ["new e", "append e"]


def test_channels_and_messages_bytes(raw, events):
    raw.cmd("SELECT", "3")
    raw.cmd("SET", "k", "v")
    frames = [events.sub.reply() for _ in range(4)]
    assert frames[2] == (b"*4\r\n$8\r\npmessage\r\n$10\r\n__key*__:*\r\n"
                         b"$16\r\n__keyspace@3__:k\r\n$3\r\nset\r\n")
    assert frames[3] == (b"*4\r\n$8\r\npmessage\r\n$10\r\n__key*__:*\r\n"
                         b"$18\r\n__keyevent@3__:set\r\n$1\r\nk\r\n")


def test_resp3_subscriber_gets_pushes(raw, srv):
    with notifications(raw, "KEA"):
        log = EventLog(srv.port, resp3=True)
        try:
            raw.cmd("LPUSH", "l", "a")
            assert log.sub.reply() == (b">4\r\n$8\r\npmessage\r\n$10\r\n__key*__:*\r\n"
                                       b"$16\r\n__keyspace@0__:l\r\n$5\r\nlpush\r\n")
            assert log.sub.reply() == (b">4\r\n$8\r\npmessage\r\n$10\r\n__key*__:*\r\n"
                                       b"$20\r\n__keyevent@0__:lpush\r\n$1\r\nl\r\n")
        finally:
            log.close()


def test_subscriber_to_one_channel(raw, srv):
    sub = raw.connect()
    sub.cmd("SUBSCRIBE", "__keyevent@0__:del")
    with notifications(raw, "Eg"):
        raw.cmd("SET", "a", "1")
        raw.cmd("DEL", "a", "nokey")
        assert sub.reply() == b"*3\r\n$7\r\nmessage\r\n$18\r\n__keyevent@0__:del\r\n$1\r\na\r\n"


# --- classes -----------------------------------------------------------------------------------

def _script(raw, log) -> list:
    """A few commands of several classes; the raw events they produce."""
    out = []
    for args in (("SET", "s", "v", "EX", "100"), ("LPUSH", "l", "a"), ("HSET", "h", "f", "v"),
                 ("SADD", "t", "m"), ("ZADD", "z", "1", "m"), ("XADD", "x", "1-1", "f", "v"),
                 ("DEL", "l"), ("PEXPIREAT", "s", "1"), ("GET", "nokey")):
        out += log.run(raw, *args)[1]
    return out


@pytest.mark.parametrize("flags, expected", [
    ("", []),
    ("A", []),                      # classes without a channel type: nothing
    ("K", []),                      # a channel type without classes: nothing
    ("K$", [("space", "set", "s")]),
    ("El", [("event", "lpush", "l")]),
    ("Kg", [("space", "expire", "s"), ("space", "del", "l"), ("space", "del", "s")]),
    ("Kh", [("space", "hset", "h")]),
    ("Ks", [("space", "sadd", "t")]),
    ("Kz", [("space", "zadd", "z")]),
    ("Kt", [("space", "xadd", "x")]),
    ("Kn", [("space", "new", k) for k in "slhtzx"]),
    ("Km", [("space", "keymiss", "nokey")]),
    ("KA", [("space", e, k) for e, k in (("set", "s"), ("expire", "s"), ("lpush", "l"),
                                         ("hset", "h"), ("sadd", "t"), ("zadd", "z"),
                                         ("xadd", "x"), ("del", "l"), ("del", "s"))]),
    ("E$l", [("event", "set", "s"), ("event", "lpush", "l")]),
])
def test_classes_filter_events(raw, srv, flags, expected):
    with notifications(raw, flags):
        log = EventLog(srv.port)
        try:
            got = [(kind, name.decode(), key.decode()) for kind, _, name, key in _script(raw, log)]
        finally:
            log.close()
    assert got == expected


def test_config_get_hides_n_under_a_but_new_is_still_emitted(raw, srv):
    with notifications(raw, "AKEnm"):
        assert raw.cmd("CONFIG", "GET", "notify-keyspace-events") == \
            b"*2\r\n$22\r\nnotify-keyspace-events\r\n$4\r\nAKEm\r\n"
        log = EventLog(srv.port)
        try:
            assert compact(log.run(raw, "SET", "k", "v")[1]) == ["new k", "set k"]
        finally:
            log.close()
    assert raw.cmd("CONFIG", "SET", "notify-keyspace-events", "Kq") == \
        (b"-ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - "
         b"Invalid event class character. Use 'Ag$lshzxeKEtmdn'.\r\n")


# --- expiry ------------------------------------------------------------------------------------

def test_expired_from_lazy_expiry(raw, events):
    assert raw.cmd("DEBUG", "SET-ACTIVE-EXPIRE", "0") == b"+OK\r\n"
    try:
        raw.cmd("SET", "k", "v", "PX", "30")
        events.collect()
        time.sleep(0.1)                     # the TTL passes; only a read can reclaim it now
        assert events.collect() == []
        reply, got = events.run(raw, "GET", "k")
        assert reply == b"$-1\r\n" and compact(got) == ["expired k"]
        # A write to an expired key reclaims it first too: expired, then new.
        raw.cmd("SET", "w", "v", "PX", "30")
        events.collect()
        time.sleep(0.1)
        assert compact(events.run(raw, "LPUSH", "w", "a")[1]) == \
            ["expired w", "new w", "lpush w"]
    finally:
        raw.cmd("DEBUG", "SET-ACTIVE-EXPIRE", "1")


def test_expired_from_active_expiry(raw, events):
    raw.cmd("SELECT", "5")
    raw.cmd("HSET", "h", "f", "v")
    raw.cmd("PEXPIRE", "h", "20")
    assert compact(events.collect()) == ["new h @5", "hset h @5", "expire h @5"]
    # Nobody reads the key: the expiry cycle reclaims it and says so.
    assert events.next_event() == ("space", 5, b"expired", b"h")
    assert events.next_event() == ("event", 5, b"expired", b"h")
    assert raw.cmd("EXISTS", "h") == b":0\r\n"


def test_keymiss_only_from_reads(raw, srv):
    with notifications(raw, "KEm"):
        log = EventLog(srv.port)
        try:
            for args, expected in ((("GET", "a"), ["keymiss a"]), (("MGET", "a", "b"),
                                   ["keymiss a", "keymiss b"]), (("EXISTS", "a"), ["keymiss a"]),
                                   (("HGET", "a", "f"), ["keymiss a"]), (("SET", "a", "1"), []),
                                   (("GET", "a"), []), (("DEL", "nope"), []),
                                   (("LPOP", "nope"), []), (("OBJECT", "ENCODING", "nope"), []),
                                   (("SINTERSTORE", "d", "s1", "s2"), ["keymiss s1", "keymiss s2"]),
                                   (("GETDEL", "nope"), ["keymiss nope"])):
                assert compact(log.run(raw, *args)[1]) == expected, args
        finally:
            log.close()


# --- several clients, transactions, blocking ------------------------------------------------------

def test_transaction_events_in_command_order(raw, events):
    raw.cmd("MULTI")
    for args in (("SET", "a", "1"), ("RPUSH", "l", "x"), ("DEL", "a"), ("INCR", "n")):
        assert raw.cmd(*args) == b"+QUEUED\r\n"
    assert compact(events.collect()) == []
    assert compact(events.run(raw, "EXEC")[1]) == \
        ["new a", "set a", "new l", "rpush l", "del a", "new n", "incrby n"]


def test_served_blocked_pop_follows_the_push(raw, events):
    waiter = raw.connect()
    waiter.send(b"*3\r\n$5\r\nBLPOP\r\n$1\r\nl\r\n$1\r\n0\r\n")
    wait_blocked(raw, 1)
    assert compact(events.run(raw, "RPUSH", "l", "x")[1]) == \
        ["new l", "rpush l", "lpop l", "del l"]
    assert waiter.reply() == b"*2\r\n$1\r\nl\r\n$1\r\nx\r\n"


def test_notifications_off_by_default(raw, srv):
    log = EventLog(srv.port)
    try:
        assert log.run(raw, "SET", "k", "v")[1] == []
        assert log.run(raw, "DEL", "k")[1] == []
    finally:
        log.close()


# --- the keyspace API ----------------------------------------------------------------------------

class _PubSubStub:
    def __init__(self):
        self.channels = {b"someone": None}     # a subscriber exists: events get built
        self.patterns = {}
        self.sent = []

    def publish(self, server, channel, message):
        self.sent.append((channel, message))


class _ServerStub:
    dirty = stat_expired_keys = 0
    current_client = None

    def __init__(self):
        self.pubsub = _PubSubStub()

    def signal_key_ready(self, db, key):
        pass

    def key_expired(self, db, key):
        pass


def test_evict_emits_evicted():
    server = _ServerStub()
    db = Database(4, server)
    db.events = db.signals = NOTIFY_ALL | NOTIFY_KEYSPACE | NOTIFY_KEYEVENT
    db.data[b"k"] = b"v"
    db.evict(b"k")
    assert b"k" not in db.data
    assert server.pubsub.sent == [(b"__keyspace@4__:k", b"evicted"),
                                  (b"__keyevent@4__:evicted", b"k")]


_EMITTING_CALL = re.compile(
    rb'\.(?:written|notify|emptied|removed_if_empty|store_result|_store|_store_counter|_changed)'
    rb'\([^()]*?b"([a-z_-]+)"')


def test_every_event_name_in_the_code_has_a_class():
    root = Path(__file__).resolve().parent.parent / "redix"
    names = set()
    for path in root.rglob("*.py"):
        names.update(m.group(1) for m in _EMITTING_CALL.finditer(path.read_bytes()))
    assert len(names) > 30
    assert names <= set(EVENT_CLASS), names - set(EVENT_CLASS)
