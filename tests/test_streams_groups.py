"""Consumer groups and XINFO over the wire: XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM,
XAUTOCLAIM, XINFO STREAM/GROUPS/CONSUMERS/HELP.

Exact bytes, RESP2 and RESP3; replies that carry times (idle, delivery
time, seen-time) are parsed and their times checked against a window.
Every expectation holds on redis-server 7.0.15 as well
(``REDIX_TEST_EXTERNAL_PORT=<port>`` runs this module against one).
"""
import time

from tests.differential import Error, parse
from tests.stream_util import (  # noqa: F401  (c: the RESP2/RESP3 fixture)
    INVALID_ID, NOT_INT, NULLARR, OK, SYNTAX, WRONGTYPE, arity, as_map, c, enc, entry, err)

NEEDS_KEY = err("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you "
                "may want to use the MKSTREAM option to create an empty stream automatically.")
BUSYGROUP = err("BUSYGROUP Consumer Group name already exists")


def nogroup(key, group):
    return err(f"NOGROUP No such key '{key}' or consumer group '{group}'")


def nogroup_for(group, key):
    return err(f"NOGROUP No such consumer group '{group}' for key name '{key}'")


def subsyntax(sub, container):
    return err(f"ERR unknown subcommand or wrong number of arguments for '{sub}'. "
               f"Try {container} HELP.")


def setup_stream(c, key="s", ids=("1-1", "2-1", "3-1"), group="g", start="0"):
    for sid in ids:
        c.cmd("XADD", key, sid, "f", sid)
    if group:
        assert c.cmd("XGROUP", "CREATE", key, group, start) == OK


def e(sid):
    return entry(sid, "f", sid)


def read_reply(c, key, entries):
    if c.resp3:
        return b"%1\r\n" + enc(key) + enc(entries, True)
    return enc([[key, entries]])


def now_ms():
    return int(time.time() * 1000)


# --- XGROUP ------------------------------------------------------------------------------

def test_xgroup_create(c):
    assert c.cmd("XGROUP", "CREATE", "s", "g", "$") == NEEDS_KEY
    assert c.cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM") == OK
    assert c.cmd("TYPE", "s") == b"+stream\r\n"
    assert c.cmd("XGROUP", "CREATE", "s", "g", "$") == BUSYGROUP
    assert c.cmd("XGROUP", "CREATE", "s", "g2", "0", "ENTRIESREAD", "5", "MKSTREAM") == OK
    assert c.cmd("XGROUP", "CREATE", "s", "g3", "0", "MKSTREAM", "MKSTREAM", "MKSTREAM") == OK
    assert c.cmd("XGROUP", "CREATE", "s", "g4", "0", "MKSTREAM", "MKSTREAM", "MKSTREAM",
                 "MKSTREAM") == subsyntax("CREATE", "XGROUP")
    assert c.cmd("XGROUP", "create", "s", "g4", "0", "BOGUS") == subsyntax("create", "XGROUP")
    assert c.cmd("XGROUP", "CREATE", "s", "g4", "0", "ENTRIESREAD") == subsyntax("CREATE", "XGROUP")
    assert c.cmd("XGROUP", "CREATE", "s", "g4", "0", "ENTRIESREAD", "x") == NOT_INT
    assert c.cmd("XGROUP", "CREATE", "s", "g4", "0", "ENTRIESREAD", "-2") == \
        err("ERR value for ENTRIESREAD must be positive or -1")
    for bad in ("x", "-", "+"):
        assert c.cmd("XGROUP", "CREATE", "s", "g4", bad) == INVALID_ID
    # The key is checked before the ID, and MKSTREAM creates nothing if the ID is bad.
    assert c.cmd("XGROUP", "CREATE", "nokey", "g", "x") == NEEDS_KEY
    assert c.cmd("XGROUP", "CREATE", "nokey", "g", "x", "MKSTREAM") == INVALID_ID
    assert c.cmd("EXISTS", "nokey") == b":0\r\n"
    c.cmd("SET", "str", "x")
    assert c.cmd("XGROUP", "CREATE", "str", "g", "0", "MKSTREAM") == WRONGTYPE
    assert c.cmd("XGROUP", "CREATE", "s", "g") == arity("xgroup|create")
    assert c.cmd("XINFO", "GROUPS", "s") == enc([
        {"name": "g", "consumers": 0, "pending": 0, "last-delivered-id": "0-0",
         "entries-read": None, "lag": 0},
        {"name": "g2", "consumers": 0, "pending": 0, "last-delivered-id": "0-0",
         "entries-read": 5, "lag": 0},
        {"name": "g3", "consumers": 0, "pending": 0, "last-delivered-id": "0-0",
         "entries-read": None, "lag": 0}], c.resp3)


def test_xgroup_setid_destroy_and_consumers(c):
    setup_stream(c)
    assert c.cmd("XGROUP", "SETID", "s", "g", "$") == OK
    assert c.cmd("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">") == enc(NULLARR, c.resp3)
    assert c.cmd("XGROUP", "SETID", "s", "g", "-", "ENTRIESREAD", "0") == OK
    assert c.cmd("XGROUP", "SETID", "s", "g", "1") == OK
    assert c.cmd("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">") == \
        read_reply(c, "s", [e("1-1"), e("2-1"), e("3-1")])
    assert c.cmd("XGROUP", "SETID", "s", "nog", "0") == nogroup_for("nog", "s")
    assert c.cmd("XGROUP", "SETID", "nokey", "g", "0") == NEEDS_KEY
    assert c.cmd("XGROUP", "SETID", "s", "g", "x") == INVALID_ID
    assert c.cmd("XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD") == subsyntax("SETID", "XGROUP")
    assert c.cmd("XGROUP", "setid", "s", "g", "0", "BOGUS", "5") == subsyntax("setid", "XGROUP")
    assert c.cmd("XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD", "-3") == \
        err("ERR value for ENTRIESREAD must be positive or -1")
    assert c.cmd("XGROUP", "CREATECONSUMER", "s", "g", "c") == b":0\r\n"
    assert c.cmd("XGROUP", "CREATECONSUMER", "s", "g", "d") == b":1\r\n"
    assert c.cmd("XGROUP", "CREATECONSUMER", "s", "nog", "d") == nogroup_for("nog", "s")
    assert c.cmd("XGROUP", "CREATECONSUMER", "nokey", "g", "d") == NEEDS_KEY
    assert c.cmd("XGROUP", "DELCONSUMER", "s", "g", "c") == b":3\r\n"   # it had 3 pending
    assert c.cmd("XGROUP", "DELCONSUMER", "s", "g", "c") == b":0\r\n"
    assert c.cmd("XPENDING", "s", "g") == enc([0, None, None, NULLARR], c.resp3)
    assert c.cmd("XGROUP", "DESTROY", "s", "nog") == b":0\r\n"
    assert c.cmd("XGROUP", "DESTROY", "s", "g") == b":1\r\n"
    assert c.cmd("XGROUP", "DESTROY", "nokey", "g") == NEEDS_KEY
    c.cmd("SET", "str", "x")
    assert c.cmd("XGROUP", "DESTROY", "str", "g") == WRONGTYPE
    assert c.cmd("XGROUP", "DESTROY", "s") == arity("xgroup|destroy")
    assert c.cmd("XGROUP", "BOGUS") == err("ERR unknown subcommand 'BOGUS'. Try XGROUP HELP.")
    help_reply = c.cmd("XGROUP", "HELP")
    assert help_reply.startswith(
        b"*17\r\n+XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
        b"+CREATE <key> <groupname> <id|$> [option]\r\n")
    assert help_reply.endswith(b"+HELP\r\n+    Prints this help.\r\n")


# --- XREADGROUP ---------------------------------------------------------------------------

def test_xreadgroup_delivers_new_entries_once(c):
    setup_stream(c)
    assert c.cmd("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">") == \
        read_reply(c, "s", [e("1-1"), e("2-1")])
    assert c.cmd("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">") == \
        read_reply(c, "s", [e("3-1")])
    assert c.cmd("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">") == \
        enc(NULLARR, c.resp3)
    # History: the consumer's own pending entries, after the given ID.
    assert c.cmd("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0") == \
        read_reply(c, "s", [e("1-1"), e("2-1")])
    assert c.cmd("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", "1-1") == \
        read_reply(c, "s", [e("2-1")])
    assert c.cmd("XREADGROUP", "GROUP", "g", "carol", "STREAMS", "s", "0") == \
        read_reply(c, "s", [])
    # A pending entry deleted from the stream reads as [id, null].
    c.cmd("XDEL", "s", "1-1")
    assert c.cmd("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0") == \
        read_reply(c, "s", [["1-1", NULLARR], e("2-1")])
    pending = parse(c.cmd("XPENDING", "s", "g", "-", "+", "10"))
    # History reads count as deliveries, except of the deleted entry.
    assert [(p[0], p[1], p[3]) for p in pending] == \
        [(b"1-1", b"alice", 2), (b"2-1", b"alice", 4), (b"3-1", b"bob", 1)]


def test_xreadgroup_noack_multiple_streams_and_consumers(c):
    setup_stream(c, "s")
    setup_stream(c, "t", ids=("5-1",))
    reply = c.cmd("XREADGROUP", "GROUP", "g", "c", "NOACK", "STREAMS", "s", "t", ">", ">")
    if c.resp3:
        assert reply == b"%2\r\n" + enc("s") + enc([e("1-1"), e("2-1"), e("3-1")], True) + \
            enc("t") + enc([e("5-1")], True)
    else:
        assert reply == enc([["s", [e("1-1"), e("2-1"), e("3-1")]], ["t", [e("5-1")]]])
    assert c.cmd("XPENDING", "s", "g") == enc([0, None, None, NULLARR], c.resp3)
    info = parse(c.cmd("XINFO", "GROUPS", "s"))
    assert len(info) == 1
    group = as_map(info[0])
    assert group[b"consumers"] == 1 and group[b"last-delivered-id"] == b"3-1"
    assert group[b"entries-read"] == 3 and group[b"lag"] == 0
    # ">" with nothing new creates no consumer; a history read does.
    assert c.cmd("XREADGROUP", "GROUP", "g", "new1", "STREAMS", "s", ">") == enc(NULLARR, c.resp3)
    assert c.cmd("XREADGROUP", "GROUP", "g", "new2", "STREAMS", "s", "0") == read_reply(c, "s", [])
    names = [as_map(d)[b"name"] for d in parse(c.cmd("XINFO", "CONSUMERS", "s", "g"))]
    assert names == [b"c", b"new2"]


def test_xreadgroup_errors(c):
    setup_stream(c)
    c.cmd("SET", "str", "x")
    nog = "NOGROUP No such key '{}' or consumer group '{}' in XREADGROUP with GROUP option"
    cases = [
        (("GROUP", "g", "c", "STREAMS", "nokey", ">"), err(nog.format("nokey", "g"))),
        (("GROUP", "nog", "c", "STREAMS", "s", ">"), err(nog.format("s", "nog"))),
        (("GROUP", "g", "c", "STREAMS", "s", "nokey", ">", ">"), err(nog.format("nokey", "g"))),
        (("GROUP", "g", "c", "STREAMS", "str", ">"), WRONGTYPE),
        (("GROUP", "g", "c", "STREAMS", "s", "$"),
         err("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the "
             "history of this consumer by specifying a proper ID, or use the > ID to get new "
             "messages. The $ ID would just return an empty result set.")),
        (("GROUP", "g", "c", "STREAMS", "s", "x"), INVALID_ID),
        (("GROUP", "g", "c", "STREAMS", "s", "t", ">"),
         err("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be "
             "specified.")),
        (("COUNT", "1", "BLOCK", "1", "STREAMS", "s", ">"),
         err("ERR Missing GROUP option for XREADGROUP")),
        (("GROUP", "g", "c", "BOGUS", "STREAMS", "s", ">"), SYNTAX),
    ]
    for args, expected in cases:
        assert c.cmd("XREADGROUP", *args) == expected, args
    assert c.cmd("XREADGROUP", "GROUP", "g", "STREAMS", "s", ">") == arity("xreadgroup")


# --- XACK, XPENDING -----------------------------------------------------------------------

def test_xack_and_xpending(c):
    setup_stream(c)
    c.cmd("XREADGROUP", "GROUP", "g", "bob", "COUNT", "1", "STREAMS", "s", ">")
    c.cmd("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
    assert c.cmd("XPENDING", "s", "g") == \
        enc([3, "1-1", "3-1", [["alice", "2"], ["bob", "1"]]], c.resp3)
    before = now_ms()
    rows = parse(c.cmd("XPENDING", "s", "g", "-", "+", "10"))
    assert [(r[0], r[1], r[3]) for r in rows] == \
        [(b"1-1", b"bob", 1), (b"2-1", b"alice", 1), (b"3-1", b"alice", 1)]
    assert all(0 <= r[2] <= now_ms() - before + 1000 for r in rows)
    assert [r[0] for r in parse(c.cmd("XPENDING", "s", "g", "(1-1", "+", "1"))] == [b"2-1"]
    assert [r[0] for r in parse(c.cmd("XPENDING", "s", "g", "-", "(3-1", "10", "alice"))] == \
        [b"2-1"]
    assert c.cmd("XPENDING", "s", "g", "-", "+", "10", "nobody") == b"*0\r\n"
    assert c.cmd("XPENDING", "s", "g", "-", "+", "0") == b"*0\r\n"
    assert c.cmd("XPENDING", "s", "g", "-", "+", "-1") == b"*0\r\n"
    assert c.cmd("XPENDING", "s", "g", "IDLE", "3600000", "-", "+", "10") == b"*0\r\n"
    assert len(parse(c.cmd("XPENDING", "s", "g", "idle", "0", "-", "+", "10"))) == 3
    assert c.cmd("XACK", "s", "g", "1-1", "1-1", "9-9") == b":1\r\n"
    assert c.cmd("XACK", "s", "g", "2-1", "x") == INVALID_ID      # checked before acking
    assert c.cmd("XACK", "s", "g", "2") == b":0\r\n"
    assert c.cmd("XACK", "s", "nog", "x") == b":0\r\n"
    assert c.cmd("XACK", "nokey", "g", "1-1") == b":0\r\n"
    assert c.cmd("XPENDING", "s", "g") == enc([2, "2-1", "3-1", [["alice", "2"]]], c.resp3)


def test_xpending_errors(c):
    setup_stream(c)
    c.cmd("SET", "str", "x")
    assert c.cmd("XPENDING", "s", "nog") == nogroup("s", "nog")
    assert c.cmd("XPENDING", "nokey", "g") == nogroup("nokey", "g")
    assert c.cmd("XPENDING", "str", "g") == WRONGTYPE
    assert c.cmd("XPENDING", "s", "g", "-", "+") == SYNTAX
    assert c.cmd("XPENDING", "s", "g", "IDLE", "5", "-", "+") == SYNTAX
    assert c.cmd("XPENDING", "s", "g", "IDLE", "5", "-", "+", "10", "c", "x") == SYNTAX
    assert c.cmd("XPENDING", "s", "g", "IDLE", "x", "-", "+", "10") == NOT_INT
    assert c.cmd("XPENDING", "s", "g", "x", "+", "y") == NOT_INT     # COUNT first
    assert c.cmd("XPENDING", "s", "g", "x", "+", "10") == INVALID_ID
    assert c.cmd("XPENDING", "nokey", "g", "x", "+", "10") == INVALID_ID
    assert c.cmd("XPENDING", "s", "g", "(18446744073709551615-18446744073709551615", "+",
                 "1") == err("ERR invalid start ID for the interval")
    assert c.cmd("XPENDING", "s", "g", "-", "(0-0", "1") == \
        err("ERR invalid end ID for the interval")


# --- XCLAIM, XAUTOCLAIM -------------------------------------------------------------------

def test_xclaim(c):
    setup_stream(c)
    c.cmd("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
    # Too recent for a one-hour minimum idle time: nothing, and no consumer created.
    assert c.cmd("XCLAIM", "s", "g", "bob", "3600000", "1-1") == b"*0\r\n"
    assert c.cmd("XCLAIM", "s", "g", "bob", "0", "1-1", "2-1") == enc([e("1-1"), e("2-1")], c.resp3)
    assert c.cmd("XCLAIM", "s", "g", "carol", "0", "1-1", "JUSTID") == enc(["1-1"], c.resp3)
    assert c.cmd("XCLAIM", "s", "g", "carol", "0", "2-1", "IDLE", "5000", "RETRYCOUNT", "7") == \
        enc([e("2-1")], c.resp3)
    t = now_ms()
    rows = parse(c.cmd("XPENDING", "s", "g", "-", "+", "10"))
    # JUSTID does not count a delivery; RETRYCOUNT sets the count; IDLE backdates.
    assert [(r[0], r[1], r[3]) for r in rows] == \
        [(b"1-1", b"carol", 2), (b"2-1", b"carol", 7), (b"3-1", b"alice", 1)]
    assert 5000 <= rows[1][2] <= 5000 + now_ms() - t + 1000
    c.cmd("XACK", "s", "g", "3-1")
    assert c.cmd("XCLAIM", "s", "g", "dave", "0", "3-1") == b"*0\r\n"
    assert c.cmd("XCLAIM", "s", "g", "dave", "0", "3-1", "FORCE", "TIME", "1000") == \
        enc([e("3-1")], c.resp3)
    row = parse(c.cmd("XPENDING", "s", "g", "3-1", "3-1", "1"))[0]
    assert row[1] == b"dave" and row[3] == 2 and row[2] >= now_ms() - 1000 - 10**9
    # A deleted entry leaves the PEL on claim instead of being returned.
    c.cmd("XDEL", "s", "1-1")
    assert c.cmd("XCLAIM", "s", "g", "dave", "0", "1-1", "2-1", "JUSTID") == \
        enc(["2-1"], c.resp3)
    assert c.cmd("XPENDING", "s", "g") == enc([2, "2-1", "3-1", [["dave", "2"]]], c.resp3)
    # LASTID moves the group's last delivered ID forward, never back.
    c.cmd("XCLAIM", "s", "g", "dave", "0", "2-1", "LASTID", "9-9")
    c.cmd("XCLAIM", "s", "g", "dave", "0", "2-1", "LASTID", "4-4")
    assert as_map(parse(c.cmd("XINFO", "GROUPS", "s"))[0]) == \
        {b"name": b"g", b"consumers": 4, b"pending": 2, b"last-delivered-id": b"9-9",
         b"entries-read": 3, b"lag": 0}


def test_xclaim_errors(c):
    setup_stream(c)
    c.cmd("SET", "str", "x")
    assert c.cmd("XCLAIM", "nokey", "g", "c", "0", "1-1") == nogroup("nokey", "g")
    assert c.cmd("XCLAIM", "s", "nog", "c", "0", "1-1") == nogroup("s", "nog")
    assert c.cmd("XCLAIM", "str", "g", "c", "0", "1-1") == WRONGTYPE
    assert c.cmd("XCLAIM", "s", "g", "c", "x", "1-1") == \
        err("ERR Invalid min-idle-time argument for XCLAIM")
    for opt, name in (("IDLE", "IDLE"), ("TIME", "TIME"), ("RETRYCOUNT", "RETRYCOUNT")):
        assert c.cmd("XCLAIM", "s", "g", "c", "0", "1-1", opt, "x") == \
            err(f"ERR Invalid {name} option argument for XCLAIM")
    assert c.cmd("XCLAIM", "s", "g", "c", "0", "1-1", "LASTID", "x") == INVALID_ID
    assert c.cmd("XCLAIM", "s", "g", "c", "0", "x") == err("ERR Unrecognized XCLAIM option 'x'")
    assert c.cmd("XCLAIM", "s", "g", "c", "0", "1-1", "IDLE") == \
        err("ERR Unrecognized XCLAIM option 'IDLE'")
    assert c.cmd("XCLAIM", "s", "g", "c", "0", "1-1", "x", "2-1") == \
        err("ERR Unrecognized XCLAIM option 'x'")
    assert c.cmd("XCLAIM", "s", "g", "c", "0") == arity("xclaim")


def test_xautoclaim(c):
    setup_stream(c, ids=("1-1", "2-1", "3-1", "4-1"))
    c.cmd("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
    assert c.cmd("XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "1") == \
        enc(["2-1", [e("1-1")], []], c.resp3)
    assert c.cmd("XAUTOCLAIM", "s", "g", "bob", "0", "(1-1", "COUNT", "2", "JUSTID") == \
        enc(["4-1", ["2-1", "3-1"], []], c.resp3)
    assert c.cmd("XAUTOCLAIM", "s", "g", "bob", "3600000", "-") == enc(["0-0", [], []], c.resp3)
    c.cmd("XDEL", "s", "2-1", "3-1")
    # Deleted entries are dropped from the PEL, listed, and count against COUNT.
    assert c.cmd("XAUTOCLAIM", "s", "g", "carol", "0", "0", "COUNT", "3") == \
        enc(["4-1", [e("1-1")], ["2-1", "3-1"]], c.resp3)
    assert c.cmd("XAUTOCLAIM", "s", "g", "carol", "0", "4-1") == enc(["0-0", [e("4-1")], []],
                                                                      c.resp3)
    assert c.cmd("XPENDING", "s", "g") == enc([2, "1-1", "4-1", [["carol", "2"]]], c.resp3)
    assert c.cmd("XAUTOCLAIM", "s", "g", "carol", "0", "+") == enc(["0-0", [], []], c.resp3)


def test_xautoclaim_errors(c):
    setup_stream(c)
    c.cmd("SET", "str", "x")
    count_error = err("ERR COUNT must be > 0")
    cases = [
        (("nokey", "g", "c", "0", "0"), nogroup("nokey", "g")),
        (("s", "nog", "c", "0", "0"), nogroup("s", "nog")),
        (("str", "g", "c", "0", "0"), WRONGTYPE),
        (("nokey", "g", "c", "x", "0"), err("ERR Invalid min-idle-time argument for XAUTOCLAIM")),
        (("nokey", "g", "c", "0", "x"), INVALID_ID),
        (("nokey", "g", "c", "0", "0", "COUNT", "0"), count_error),
        (("nokey", "g", "c", "0", "0", "COUNT", "x"), count_error),
        (("nokey", "g", "c", "0", "0", "COUNT", "576460752303423488"), count_error),
        (("nokey", "g", "c", "0", "0", "COUNT"), SYNTAX),
        (("nokey", "g", "c", "0", "0", "BOGUS"), SYNTAX),
        (("nokey", "g", "c", "0", "(18446744073709551615-18446744073709551615"),
         err("ERR invalid start ID for the interval")),
    ]
    for args, expected in cases:
        assert c.cmd("XAUTOCLAIM", *args) == expected, args
    # Redis allocates COUNT IDs up front (and fails on huge ones: that depends on the
    # machine's memory, so only a large, allocatable COUNT is checked).
    assert c.cmd("XAUTOCLAIM", "s", "g", "c", "0", "0", "COUNT", "10000000") == \
        enc(["0-0", [], []], c.resp3)


# --- XINFO --------------------------------------------------------------------------------

def test_xinfo_stream(c):
    setup_stream(c, group=None)
    c.cmd("XDEL", "s", "2-1")
    assert c.cmd("XINFO", "STREAM", "s") == enc({
        "length": 2, "radix-tree-keys": 1, "radix-tree-nodes": 2,
        "last-generated-id": "3-1", "max-deleted-entry-id": "2-1", "entries-added": 3,
        "recorded-first-entry-id": "1-1", "groups": 0,
        "first-entry": e("1-1"), "last-entry": e("3-1")}, c.resp3)
    c.cmd("XDEL", "s", "1-1", "3-1")
    assert c.cmd("XINFO", "STREAM", "s") == enc({
        "length": 0, "radix-tree-keys": 0, "radix-tree-nodes": 1,
        "last-generated-id": "3-1", "max-deleted-entry-id": "3-1", "entries-added": 3,
        "recorded-first-entry-id": "0-0", "groups": 0,
        "first-entry": None, "last-entry": None}, c.resp3)
    assert c.cmd("XINFO", "STREAM", "nokey") == err("ERR no such key")
    assert c.cmd("XINFO", "STREAM", "nokey", "BOGUS") == err("ERR no such key")
    c.cmd("SET", "str", "x")
    assert c.cmd("XINFO", "STREAM", "str") == WRONGTYPE
    for extra in (("BOGUS",), ("FULL", "COUNT"), ("FULL", "BOGUS", "1"),
                  ("FULL", "COUNT", "1", "x")):
        assert c.cmd("XINFO", "STREAM", "s", *extra) == subsyntax("STREAM", "XINFO"), extra
    assert c.cmd("XINFO", "STREAM", "s", "FULL", "COUNT", "x") == NOT_INT


def test_xinfo_stream_full(c):
    setup_stream(c)
    before = now_ms()
    c.cmd("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">")
    c.cmd("XGROUP", "CREATE", "s", "idle", "$")
    after = now_ms()
    full = as_map(parse(c.cmd("XINFO", "STREAM", "s", "FULL")))
    assert list(full) == [b"length", b"radix-tree-keys", b"radix-tree-nodes",
                          b"last-generated-id", b"max-deleted-entry-id", b"entries-added",
                          b"recorded-first-entry-id", b"entries", b"groups"]
    assert full[b"entries"] == [[b"1-1", [b"f", b"1-1"]], [b"2-1", [b"f", b"2-1"]],
                                [b"3-1", [b"f", b"3-1"]]]
    groups = [as_map(g) for g in full[b"groups"]]
    g = groups[0]
    assert list(g) == [b"name", b"last-delivered-id", b"entries-read", b"lag", b"pel-count",
                       b"pending", b"consumers"]
    assert (g[b"name"], g[b"last-delivered-id"], g[b"entries-read"], g[b"lag"],
            g[b"pel-count"]) == (b"g", b"2-1", 2, 1, 2)
    assert [(p[0], p[1], p[3]) for p in g[b"pending"]] == [(b"1-1", b"alice", 1),
                                                          (b"2-1", b"alice", 1)]
    assert all(before <= p[2] <= after for p in g[b"pending"])
    consumer = as_map(g[b"consumers"][0])
    assert list(consumer) == [b"name", b"seen-time", b"pel-count", b"pending"]
    assert before <= consumer[b"seen-time"] <= after
    assert consumer[b"pel-count"] == 2 and [p[0] for p in consumer[b"pending"]] == [b"1-1", b"2-1"]
    assert (groups[1][b"name"], groups[1][b"entries-read"], groups[1][b"lag"]) == \
        (b"idle", None, 0)
    # COUNT limits entries and PELs; 0 means all.
    short = as_map(parse(c.cmd("XINFO", "STREAM", "s", "FULL", "COUNT", "1")))
    assert len(short[b"entries"]) == 1
    assert len(parse(c.cmd("XINFO", "STREAM", "s", "FULL", "COUNT", "0"))) == 18


def test_xinfo_groups_lag_and_consumers(c):
    setup_stream(c, ids=("1-1", "2-1", "3-1", "4-1"))
    c.cmd("XDEL", "s", "3-1")
    groups = {"name": "g", "consumers": 0, "pending": 0, "last-delivered-id": "0-0",
              "entries-read": None, "lag": None}         # a deletion ahead: lag unknown
    assert c.cmd("XINFO", "GROUPS", "s") == enc([groups], c.resp3)
    c.cmd("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
    groups.update({"consumers": 1, "pending": 3, "last-delivered-id": "4-1",
                   "entries-read": 4, "lag": 0})
    assert c.cmd("XINFO", "GROUPS", "s") == enc([groups], c.resp3)
    c.cmd("XADD", "s", "5-1", "f", "5-1")
    groups["lag"] = 1
    assert c.cmd("XINFO", "GROUPS", "s") == enc([groups], c.resp3)
    consumers = parse(c.cmd("XINFO", "CONSUMERS", "s", "g"))
    row = as_map(consumers[0])
    # 7.0.15: name, pending, idle (no "inactive", which came in 7.2).
    assert list(row) == [b"name", b"pending", b"idle"]
    assert row[b"name"] == b"alice" and row[b"pending"] == 3 and 0 <= row[b"idle"] < 5000
    assert c.cmd("XINFO", "CONSUMERS", "s", "nog") == nogroup_for("nog", "s")
    assert c.cmd("XINFO", "CONSUMERS", "nokey", "g") == err("ERR no such key")
    assert c.cmd("XINFO", "GROUPS", "nokey") == err("ERR no such key")
    assert c.cmd("XINFO", "CONSUMERS", "s") == arity("xinfo|consumers")
    assert c.cmd("XINFO", "GROUPS", "s", "x") == arity("xinfo|groups")


def test_xinfo_help_and_unknown(c):
    assert c.cmd("XINFO", "HELP") == (
        b"*9\r\n+XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
        b"+CONSUMERS <key> <groupname>\r\n+    Show consumers of <groupname>.\r\n"
        b"+GROUPS <key>\r\n+    Show the stream consumer groups.\r\n"
        b"+STREAM <key> [FULL [COUNT <count>]\r\n+    Show information about the stream.\r\n"
        b"+HELP\r\n+    Prints this help.\r\n")
    assert c.cmd("XINFO", "HELP", "x") == arity("xinfo|help")
    assert c.cmd("XINFO", "BOGUS") == err("ERR unknown subcommand 'BOGUS'. Try XINFO HELP.")
    assert c.cmd("XINFO") == arity("xinfo")
    assert isinstance(parse(c.cmd("XINFO", "STREAM")), Error)
