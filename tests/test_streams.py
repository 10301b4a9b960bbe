"""Stream commands over the wire: XADD, XTRIM, XRANGE, XREVRANGE, XLEN, XDEL, XSETID, XREAD.

Exact reply bytes, RESP2 and RESP3.  Consumer groups and XINFO are in
test_streams_groups.py, blocking in test_streams_blocking.py.  Every
expectation here holds on redis-server 7.0.15 too: run this module with
``REDIX_TEST_EXTERNAL_PORT=<port of a redis-server>`` to check.
"""
import time

import pytest

from tests.stream_util import (  # noqa: F401  (c: the RESP2/RESP3 fixture)
    INVALID_ID, NOT_INT, NULLARR, OK, SYNTAX, WRONGTYPE, arity, c, enc, entry, err)

MAX = "18446744073709551615-18446744073709551615"
TOO_SMALL = err("ERR The ID specified in XADD is equal or smaller than the target stream top item")
ZERO = err("ERR The ID specified in XADD must be greater than 0-0")
EXHAUSTED = err("ERR The stream has exhausted the last possible ID, unable to add more items")


def fill(c, key, *ids, field="f", value="v"):
    for sid in ids:
        assert c.cmd("XADD", key, sid, field, value) == enc(sid)


def id_of(reply: bytes):
    ms, seq = reply.split(b"\r\n")[1].split(b"-")
    return int(ms), int(seq)


# --- XADD ----------------------------------------------------------------------------------

def test_xadd_explicit_ids_and_xlen(c):
    assert c.cmd("XADD", "s", "1-1", "a", "1") == b"$3\r\n1-1\r\n"
    assert c.cmd("XADD", "s", "1-2", "a", "2", "b", "3") == b"$3\r\n1-2\r\n"
    assert c.cmd("XADD", "s", "5", "a", "4") == b"$3\r\n5-0\r\n"     # seq defaults to 0
    assert c.cmd("XLEN", "s") == b":3\r\n"
    assert c.cmd("XLEN", "nokey") == b":0\r\n"
    assert c.cmd("XRANGE", "s", "-", "+") == enc(
        [entry("1-1", "a", "1"), entry("1-2", "a", "2", "b", "3"), entry("5-0", "a", "4")],
        c.resp3)


def test_xadd_star_uses_the_clock_and_stays_monotonic(c):
    before = int(time.time() * 1000)
    first = id_of(c.cmd("XADD", "s", "*", "f", "v"))
    after = int(time.time() * 1000)
    assert before <= first[0] <= after + 1 and first[1] == 0
    ids = [id_of(c.cmd("XADD", "s", "*", "f", "v")) for _ in range(50)]
    assert ids == sorted(set(ids)) and ids[0] > first
    # A last ID in the future (as after the clock went back): * continues from it.
    future = after + 10_000_000
    assert c.cmd("XADD", "s", "%d-5" % future, "f", "v") == enc("%d-5" % future)
    assert c.cmd("XADD", "s", "*", "f", "v") == enc("%d-6" % future)
    assert c.cmd("XADD", "s", "%d-18446744073709551615" % future, "f", "v") == \
        enc("%d-18446744073709551615" % future)
    assert c.cmd("XADD", "s", "*", "f", "v") == enc("%d-0" % (future + 1))


def test_xadd_ms_star_picks_the_sequence(c):
    assert c.cmd("XADD", "s", "0-*", "f", "v") == enc("0-1")
    assert c.cmd("XADD", "s", "5-*", "f", "v") == enc("5-0")
    assert c.cmd("XADD", "s", "5-*", "f", "v") == enc("5-1")
    assert c.cmd("XADD", "s", "4-*", "f", "v") == TOO_SMALL
    assert c.cmd("XADD", "s", "5-*x", "f", "v") == INVALID_ID
    assert c.cmd("XADD", "s2", "7-18446744073709551615", "f", "v").startswith(b"$")
    # Redis words a sequence overflow within the millisecond as a size error.
    assert c.cmd("XADD", "s2", "7-*", "f", "v") == err("ERR Elements are too large to be stored")
    assert c.cmd("XADD", "s2", "6-*", "f", "v") == TOO_SMALL
    assert c.cmd("XADD", "s2", "8-*", "f", "v") == enc("8-0")


def test_xadd_id_errors(c):
    fill(c, "s", "1-1")
    assert c.cmd("XADD", "s", "1-1", "f", "v") == TOO_SMALL
    assert c.cmd("XADD", "s", "1", "f", "v") == TOO_SMALL
    assert c.cmd("XADD", "s", "0-0", "f", "v") == ZERO
    assert c.cmd("XADD", "new", "0", "f", "v") == ZERO
    assert c.cmd("EXISTS", "new") == b":0\r\n"        # no empty key left behind
    for bad in ("abc", "1-x", "1-", "-1", "-", "+", "1-1-1", "1.5", ""):
        assert c.cmd("XADD", "s", bad, "f", "v") == INVALID_ID, bad
    assert c.cmd("XADD", "s", MAX, "f", "v") == enc(MAX)
    assert c.cmd("XADD", "s", "*", "f", "v") == EXHAUSTED
    assert c.cmd("XADD", "s", "18446744073709551615-*", "f", "v") == EXHAUSTED
    assert c.cmd("XLEN", "s") == b":2\r\n"


def test_xadd_arity_and_types(c):
    assert c.cmd("XADD", "s", "*", "f") == arity("xadd")
    assert c.cmd("XADD", "s", "*", "f", "v", "g") == arity("xadd")
    # Odd fields are checked before the 0-0 ID, which is checked before the key's type.
    assert c.cmd("XADD", "s", "0-0", "f", "v", "g") == arity("xadd")
    assert c.cmd("XADD", "s", "MAXLEN", "5", "*") == arity("xadd")
    assert c.cmd("XADD", "s", "NOMKSTREAM", "NOMKSTREAM", "NOMKSTREAM") == arity("xadd")
    c.cmd("SET", "str", "x")
    assert c.cmd("XADD", "str", "0-0", "f", "v") == ZERO
    assert c.cmd("XADD", "str", "*", "f", "v") == WRONGTYPE
    assert c.cmd("XADD", "str", "NOMKSTREAM", "*", "f", "v") == WRONGTYPE
    # Field names and values are any bytes; an ID-looking field is a field.
    assert c.cmd("XADD", "s", "1-1", "MAXLEN", "5") == enc("1-1")
    assert c.cmd("XADD", "s", "2-1", "", "\x00\xff") == enc("2-1")
    assert c.cmd("XRANGE", "s", "2", "2") == enc([entry("2-1", "", "\x00\xff")], c.resp3)


def test_xadd_nomkstream(c):
    assert c.cmd("XADD", "s", "NOMKSTREAM", "*", "f", "v") == enc(None, c.resp3)
    assert c.cmd("EXISTS", "s") == b":0\r\n"
    fill(c, "s", "1-1")
    assert c.cmd("XADD", "s", "NOMKSTREAM", "2-1", "f", "v") == enc("2-1")
    assert c.cmd("XADD", "s", "nomkstream", "MAXLEN", "1", "3-1", "f", "v") == enc("3-1")
    assert c.cmd("XRANGE", "s", "-", "+") == enc([entry("3-1", "f", "v")], c.resp3)


def test_xadd_trim_option_errors(c):
    cases = [
        (("MAXLEN", "-1"), err("ERR The MAXLEN argument must be >= 0.")),
        (("MAXLEN", "x"), NOT_INT),
        (("MAXLEN", "~", "x"), NOT_INT),
        (("MAXLEN", "01"), NOT_INT),
        (("MAXLEN", "="), NOT_INT),
        (("LIMIT", "5"),
         err("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy")),
        (("LIMIT", "0"),
         err("ERR syntax error, LIMIT cannot be used without the special ~ option")),
        (("MAXLEN", "5", "LIMIT", "5"),
         err("ERR syntax error, LIMIT cannot be used without the special ~ option")),
        (("LIMIT", "-1"), err("ERR The LIMIT argument must be >= 0.")),
        (("MAXLEN", "~", "5", "LIMIT", "x"), NOT_INT),
        (("MINID", "-"), INVALID_ID),
        (("MINID", "+"), INVALID_ID),
        (("MINID", "1", "MAXLEN", "1"),
         err("ERR syntax error, MAXLEN and MINID options at the same time are not compatible")),
        (("MAXLEN", "1", "MAXLEN", "~", "2"),
         err("ERR syntax error, MAXLEN and MINID options at the same time are not compatible")),
        # The incompatibility is found before the second threshold is parsed.
        (("MAXLEN", "1", "MINID", "x"),
         err("ERR syntax error, MAXLEN and MINID options at the same time are not compatible")),
    ]
    for options, expected in cases:
        assert c.cmd("XADD", "s", *options, "*", "f", "v") == expected, options
    # A LIMIT without its value is read as the ID.
    assert c.cmd("XADD", "s", "MAXLEN", "~", "5", "LIMIT") == INVALID_ID
    assert c.cmd("XADD", "s", "MAXLEN", "~", "5", "LIMIT", "f", "v") == NOT_INT
    assert c.cmd("EXISTS", "s") == b":0\r\n"


def test_xadd_exact_trimming(c):
    for i in range(1, 11):
        c.cmd("XADD", "s", "MAXLEN", "3", "%d-1" % i, "f", "%d" % i)
    assert c.cmd("XLEN", "s") == b":3\r\n"
    assert c.cmd("XRANGE", "s", "-", "+") == enc(
        [entry("8-1", "f", "8"), entry("9-1", "f", "9"), entry("10-1", "f", "10")], c.resp3)
    c.cmd("XADD", "s", "MINID", "=", "10", "11-1", "f", "11")
    assert c.cmd("XRANGE", "s", "-", "+") == enc(
        [entry("10-1", "f", "10"), entry("11-1", "f", "11")], c.resp3)
    c.cmd("XADD", "s", "maxlen", "=", "0", "12-1", "f", "12")
    assert c.cmd("XLEN", "s") == b":0\r\n"
    assert c.cmd("EXISTS", "s") == b":1\r\n"           # an empty stream stays


def test_approximate_trimming_removes_whole_nodes(c):
    # 100 entries per node by default: 250 entries are nodes of 100, 100, 50.
    for i in range(1, 251):
        c.cmd("XADD", "s", "%d-1" % i, "f", "v")
    assert c.cmd("XTRIM", "s", "MAXLEN", "~", "200") == b":0\r\n"
    assert c.cmd("XTRIM", "s", "MAXLEN", "~", "120") == b":100\r\n"
    assert c.cmd("XLEN", "s") == b":150\r\n"
    assert c.cmd("XTRIM", "s", "MAXLEN", "~", "0", "LIMIT", "99") == b":0\r\n"
    assert c.cmd("XTRIM", "s", "MAXLEN", "~", "0", "LIMIT", "100") == b":100\r\n"
    assert c.cmd("XTRIM", "s", "MAXLEN", "~", "0") == b":50\r\n"
    for i in range(1, 251):
        c.cmd("XADD", "t", "%d-1" % i, "f", "v")
    # MINID ~ drops the nodes whose last entry is below it: 1-100, then 101-200.
    assert c.cmd("XTRIM", "t", "MINID", "~", "150") == b":100\r\n"
    assert c.cmd("XADD", "t", "MINID", "~", "250", "251-1", "f", "v") == enc("251-1")
    assert c.cmd("XLEN", "t") == b":51\r\n"
    assert c.cmd("XTRIM", "t", "MINID", "250") == b":49\r\n"
    assert c.cmd("XRANGE", "t", "-", "+", "COUNT", "1") == enc([entry("250-1", "f", "v")],
                                                               c.resp3)


def test_approximate_trimming_follows_node_size_settings(c):
    c.cmd("CONFIG", "SET", "stream-node-max-entries", "10")
    try:
        for i in range(1, 36):
            c.cmd("XADD", "s", "MAXLEN", "~", "12", "%d-1" % i, "f", "v")
        assert c.cmd("XLEN", "s") == b":15\r\n"
    finally:
        c.cmd("CONFIG", "SET", "stream-node-max-entries", "100")
    # Nodes are also capped near stream-node-max-bytes (4096): 1000-byte values fill
    # a node after 4 entries.
    for i in range(1, 21):
        c.cmd("XADD", "big", "%d-1" % i, "f", "x" * 1000)
    assert c.cmd("XTRIM", "big", "MAXLEN", "~", "10") == b":8\r\n"
    assert c.cmd("XLEN", "big") == b":12\r\n"


# --- XTRIM --------------------------------------------------------------------------------

def test_xtrim_replies_and_errors(c):
    fill(c, "s", "1-1", "2-1", "3-1")
    assert c.cmd("XTRIM", "s", "MAXLEN", "5") == b":0\r\n"
    assert c.cmd("XTRIM", "s", "MAXLEN", "2") == b":1\r\n"
    assert c.cmd("XTRIM", "s", "MINID", "3") == b":1\r\n"
    assert c.cmd("XTRIM", "s", "MINID", "=", "3-2") == b":1\r\n"
    assert c.cmd("XTRIM", "nokey", "MAXLEN", "1") == b":0\r\n"
    c.cmd("SET", "str", "x")
    assert c.cmd("XTRIM", "str", "MAXLEN", "1") == WRONGTYPE
    assert c.cmd("XTRIM", "s", "MAXLEN") == arity("xtrim")
    assert c.cmd("XTRIM", "s", "LIMIT", "0") == \
        err("ERR syntax error, XTRIM must be called with a trimming strategy")
    assert c.cmd("XTRIM", "s", "MAXLEN", "1", "BOGUS") == SYNTAX
    assert c.cmd("XTRIM", "s", "NOMKSTREAM", "MAXLEN", "1") == SYNTAX
    # Options are parsed before the key is looked up.
    assert c.cmd("XTRIM", "nokey", "MAXLEN", "1", "BOGUS") == SYNTAX
    assert c.cmd("XTRIM", "str", "MINID", "*") == INVALID_ID
    assert c.cmd("XTRIM", "s", "MAXLEN", "~", "5", "LIMIT", "5") == b":0\r\n"


# --- XRANGE / XREVRANGE ------------------------------------------------------------------

def test_ranges_with_incomplete_and_exclusive_ids(c):
    fill(c, "s", "1-1", "1-2", "2-1", "3-0")
    e = {sid: entry(sid, "f", "v") for sid in ("1-1", "1-2", "2-1", "3-0")}
    assert c.cmd("XRANGE", "s", "1", "1") == enc([e["1-1"], e["1-2"]], c.resp3)
    assert c.cmd("XRANGE", "s", "(1-1", "+") == enc([e["1-2"], e["2-1"], e["3-0"]], c.resp3)
    assert c.cmd("XRANGE", "s", "-", "(2-1") == enc([e["1-1"], e["1-2"]], c.resp3)
    # "(1" is after 1-0 and "(3" before 3-18446744073709551615: all four.
    assert c.cmd("XRANGE", "s", "(1", "(3") == enc(list(e.values()), c.resp3)
    assert c.cmd("XRANGE", "s", "(1-2", "(3-0") == enc([e["2-1"]], c.resp3)
    assert c.cmd("XRANGE", "s", "+", "-") == enc([], c.resp3)
    assert c.cmd("XREVRANGE", "s", "+", "-", "COUNT", "2") == enc([e["3-0"], e["2-1"]], c.resp3)
    assert c.cmd("XREVRANGE", "s", "(2-1", "-") == enc([e["1-2"], e["1-1"]], c.resp3)
    assert c.cmd("XREVRANGE", "s", "1", "1") == enc([e["1-2"], e["1-1"]], c.resp3)
    assert c.cmd("XREVRANGE", "s", "-", "+") == enc([], c.resp3)
    assert c.cmd("XREVRANGE", "s", "(" + MAX, "(0-0") == enc(
        [e["3-0"], e["2-1"], e["1-2"], e["1-1"]], c.resp3)


def test_range_count(c):
    fill(c, "s", "1-1", "2-1", "3-1")
    assert c.cmd("XRANGE", "s", "-", "+", "COUNT", "2") == enc(
        [entry("1-1", "f", "v"), entry("2-1", "f", "v")], c.resp3)
    assert c.cmd("XRANGE", "s", "-", "+", "COUNT", "1", "COUNT", "5") == enc(
        [entry(sid, "f", "v") for sid in ("1-1", "2-1", "3-1")], c.resp3)
    assert c.cmd("XRANGE", "s", "-", "+", "COUNT", "0") == enc(NULLARR, c.resp3)
    assert c.cmd("XRANGE", "s", "-", "+", "COUNT", "-1") == enc(NULLARR, c.resp3)
    assert c.cmd("XREVRANGE", "s", "+", "-", "COUNT", "0") == enc(NULLARR, c.resp3)
    assert c.cmd("XRANGE", "nokey", "-", "+", "COUNT", "0") == b"*0\r\n"


def test_range_errors(c):
    c.cmd("SET", "str", "x")
    assert c.cmd("XRANGE", "str", "-", "+") == WRONGTYPE
    assert c.cmd("XRANGE", "nokey", "-", "+") == b"*0\r\n"
    for start, end in (("x", "+"), ("-", "x"), ("(", "+"), ("(-", "+"), ("-", "(+"),
                       ("1-", "+")):
        assert c.cmd("XRANGE", "nokey", start, end) == INVALID_ID, (start, end)
    assert c.cmd("XRANGE", "str", "x", "+") == INVALID_ID       # IDs before the key
    assert c.cmd("XRANGE", "nokey", "(" + MAX, "x") == err("ERR invalid start ID for the interval")
    assert c.cmd("XRANGE", "nokey", "-", "(0-0") == err("ERR invalid end ID for the interval")
    assert c.cmd("XREVRANGE", "nokey", "x", "(" + MAX) == \
        err("ERR invalid start ID for the interval")
    assert c.cmd("XRANGE", "nokey", "-", "+", "COUNT") == SYNTAX
    assert c.cmd("XRANGE", "nokey", "-", "+", "BOGUS", "1") == SYNTAX
    assert c.cmd("XRANGE", "nokey", "-", "+", "COUNT", "x") == NOT_INT
    assert c.cmd("XRANGE", "s", "-") == arity("xrange")
    assert c.cmd("XREVRANGE", "s", "+") == arity("xrevrange")


# --- XDEL -------------------------------------------------------------------------------

def test_xdel(c):
    fill(c, "s", "1-1", "2-1", "3-1")
    assert c.cmd("XDEL", "s", "2-1", "2-1", "9-9") == b":1\r\n"
    assert c.cmd("XDEL", "s", "2-1") == b":0\r\n"
    assert c.cmd("XDEL", "s", "1") == b":0\r\n"              # 1-0, not 1-1
    assert c.cmd("XDEL", "s", "1-1", "x") == INVALID_ID       # nothing deleted: IDs first
    assert c.cmd("XDEL", "s", "-") == INVALID_ID
    assert c.cmd("XLEN", "s") == b":2\r\n"
    assert c.cmd("XDEL", "nokey", "x") == b":0\r\n"           # no key: no ID check
    c.cmd("SET", "str", "x")
    assert c.cmd("XDEL", "str", "1-1") == WRONGTYPE
    assert c.cmd("XDEL", "s", "1-1", "3-1") == b":2\r\n"
    assert c.cmd("EXISTS", "s") == b":1\r\n"
    assert c.cmd("XADD", "s", "3-1", "f", "v") == TOO_SMALL   # the last ID is kept


# --- XSETID ---------------------------------------------------------------------------------

def test_xsetid(c):
    fill(c, "s", "5-5")
    assert c.cmd("XSETID", "s", "5-4") == \
        err("ERR The ID specified in XSETID is smaller than the target stream top item")
    assert c.cmd("XSETID", "s", "5-5") == OK
    assert c.cmd("XSETID", "s", "10-0") == OK
    assert c.cmd("XADD", "s", "*", "f", "v").startswith(b"$")
    assert c.cmd("XADD", "s", "9-9", "f", "v") == TOO_SMALL
    assert c.cmd("XSETID", "s", "11", "ENTRIESADDED", "-1") == \
        err("ERR entries_added must be positive")
    fill(c, "t", "1-1", "2-1")
    assert c.cmd("XSETID", "t", "11", "ENTRIESADDED", "1") == \
        err("ERR The entries_added specified in XSETID is smaller than the target stream length")
    assert c.cmd("XSETID", "t", "11", "MAXDELETEDID", "12") == \
        err("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id")
    assert c.cmd("XSETID", "t", "2-1", "ENTRIESADDED", "2", "MAXDELETEDID", "2-1") == OK
    assert c.cmd("XSETID", "s", "11", "ENTRIESADDED") == SYNTAX
    assert c.cmd("XSETID", "s", "11", "BOGUS", "1") == SYNTAX
    assert c.cmd("XSETID", "s", "11", "ENTRIESADDED", "x") == NOT_INT
    for bad in ("x", "-", "+", "*"):
        assert c.cmd("XSETID", "s", bad) == INVALID_ID
    assert c.cmd("XSETID", "nokey", "1-1") == err("ERR no such key")
    assert c.cmd("XSETID", "nokey", "x") == INVALID_ID
    c.cmd("SET", "str", "x")
    assert c.cmd("XSETID", "str", "1-1") == WRONGTYPE


def test_xsetid_on_an_empty_stream_may_go_back(c):
    fill(c, "s", "5-5")
    c.cmd("XDEL", "s", "5-5")
    assert c.cmd("XSETID", "s", "3", "MAXDELETEDID", "2", "ENTRIESADDED", "0") == OK
    assert c.cmd("XADD", "s", "3-1", "f", "v") == enc("3-1")
    assert c.cmd("XSETID", "s", MAX) == OK
    assert c.cmd("XADD", "s", "*", "f", "v") == EXHAUSTED


# --- XREAD (non-blocking) ------------------------------------------------------------------

def xread_reply(c, *streams):
    """XREAD's reply: [[key, entries]...] in RESP2, a map in RESP3."""
    if c.resp3:
        body = b"".join(enc(k) + enc(v, True) for k, v in streams)
        return b"%%%d\r\n" % len(streams) + body
    return enc([[k, v] for k, v in streams])


def test_xread(c):
    fill(c, "s", "1-1", "2-1")
    fill(c, "t", "1-5")
    e1, e2, t1 = entry("1-1", "f", "v"), entry("2-1", "f", "v"), entry("1-5", "f", "v")
    assert c.cmd("XREAD", "STREAMS", "s", "0") == xread_reply(c, ("s", [e1, e2]))
    assert c.cmd("XREAD", "COUNT", "1", "STREAMS", "s", "t", "0", "0") == \
        xread_reply(c, ("s", [e1]), ("t", [t1]))
    assert c.cmd("XREAD", "STREAMS", "s", "t", "1-1", "1-5") == xread_reply(c, ("s", [e2]))
    assert c.cmd("XREAD", "STREAMS", "nokey", "s", "0", "1") == xread_reply(c, ("s", [e1, e2]))
    assert c.cmd("XREAD", "COUNT", "0", "STREAMS", "s", "1-1") == xread_reply(c, ("s", [e2]))
    assert c.cmd("XREAD", "COUNT", "-5", "STREAMS", "s", "1") == xread_reply(c, ("s", [e1, e2]))
    assert c.cmd("XREAD", "STREAMS", "s", "$") == enc(NULLARR, c.resp3)
    assert c.cmd("XREAD", "STREAMS", "s", "2-1") == enc(NULLARR, c.resp3)
    assert c.cmd("XREAD", "STREAMS", "nokey", "0") == enc(NULLARR, c.resp3)
    # The same key twice is served twice (a map with a repeated key in RESP3).
    assert c.cmd("XREAD", "STREAMS", "s", "s", "0", "1-1") == \
        xread_reply(c, ("s", [e1, e2]), ("s", [e2]))


def test_xread_errors(c):
    fill(c, "s", "1-1")
    c.cmd("SET", "str", "x")
    cases = [
        (("STREAMS", "s", "t", "0"), err("ERR Unbalanced XREAD list of streams: for each "
                                         "stream key an ID or '$' must be specified.")),
        (("COUNT", "x", "STREAMS", "s", "0"), NOT_INT),
        (("BLOCK", "x", "STREAMS", "s", "0"), err("ERR timeout is not an integer or out of range")),
        (("BLOCK", "1.5", "STREAMS", "s", "0"),
         err("ERR timeout is not an integer or out of range")),
        (("BLOCK", "-1", "STREAMS", "s", "0"), err("ERR timeout is negative")),
        (("GROUP", "g", "c", "STREAMS", "s", "0"),
         err("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.")),
        (("NOACK", "STREAMS", "s", "0"),
         err("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.")),
        (("BOGUS", "STREAMS", "s", "0"), SYNTAX),
        (("COUNT", "1", "STREAMS"), SYNTAX),
        (("STREAMS", "s", ">"), err("ERR The > ID can be specified only when calling "
                                    "XREADGROUP using the GROUP <group> <consumer> option.")),
        (("STREAMS", "s", "x"), INVALID_ID),
        (("STREAMS", "s", "-"), INVALID_ID),
        (("STREAMS", "s", "+"), INVALID_ID),       # 7.4's "+" is not in 7.0
        (("STREAMS", "str", "0"), WRONGTYPE),
    ]
    for args, expected in cases:
        assert c.cmd("XREAD", *args) == expected, args
    assert c.cmd("XREAD", "STREAMS", "s") == arity("xread")


# --- the key space ---------------------------------------------------------------------

def test_type_encoding_copy_and_scan(c):
    fill(c, "s", "1-1")
    c.cmd("XGROUP", "CREATE", "s", "g", "0")
    c.cmd("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
    c.cmd("SET", "str", "x")
    assert c.cmd("TYPE", "s") == b"+stream\r\n"
    assert c.cmd("OBJECT", "ENCODING", "s") == enc("stream")
    assert c.cmd("SCAN", "0", "TYPE", "stream") == enc(["0", ["s"]], c.resp3)
    assert c.cmd("COPY", "s", "s2") == b":1\r\n"
    # The copy is independent, consumer groups included.
    c.cmd("XADD", "s", "2-1", "f", "v")
    c.cmd("XACK", "s", "g", "1-1")
    assert c.cmd("XLEN", "s2") == b":1\r\n"
    assert c.cmd("XPENDING", "s2", "g") == enc([1, "1-1", "1-1", [["alice", "1"]]], c.resp3)
    assert c.cmd("XRANGE", "s2", "-", "+") == enc([entry("1-1", "f", "v")], c.resp3)
    assert c.cmd("RENAME", "s2", "s3") == OK
    assert c.cmd("XLEN", "s3") == b":1\r\n"
    for cmd in (("XLEN", "str"), ("XADD", "str", "*", "f", "v"), ("XRANGE", "str", "-", "+")):
        assert c.cmd(*cmd) == WRONGTYPE


def test_memory_usage_grows_with_entries(c):
    fill(c, "s", "1-1")
    small = int(c.cmd("MEMORY", "USAGE", "s")[1:-2])
    for i in range(2, 1001):
        c.cmd("XADD", "s", "%d-1" % i, "f", "value%d" % i)
    large = int(c.cmd("MEMORY", "USAGE", "s")[1:-2])
    assert large - small >= 10 * 999        # Redis: ~20 bytes per such entry


# --- WATCH: which stream writes count as modifying the key ------------------------------

@pytest.mark.parametrize("command, invalidates", [
    ("XADD s 3-1 f v", True),
    ("XDEL s 1-1", True),
    ("XDEL s 9-9", False),
    ("XTRIM s MAXLEN 1", True),
    ("XTRIM s MAXLEN 5", False),
    ("XGROUP CREATE s2 g 0 MKSTREAM", True),
    # Consumer-group state and XSETID are not key modifications in Redis 7.0.
    ("XSETID s 5-5", False),
    ("XGROUP CREATE s g2 0", False),
    ("XGROUP CREATECONSUMER s g c", False),
    ("XGROUP DELCONSUMER s g c0", False),
    ("XGROUP SETID s g 0", False),
    ("XGROUP DESTROY s g", False),
    ("XREADGROUP GROUP g c STREAMS s >", False),
    ("XACK s g 1-1", False),
    ("XCLAIM s g c 0 1-1", False),
    ("XAUTOCLAIM s g c 0 0", False),
])
def test_which_writes_invalidate_watch(raw, command, invalidates):
    for setup in ("XADD s 1-1 f v", "XADD s 2-1 f v", "XGROUP CREATE s g 0",
                  "XGROUP CREATECONSUMER s g c0",
                  "XREADGROUP GROUP g c0 COUNT 1 STREAMS s >"):
        assert not raw.cmd(*setup.split()).startswith(b"-"), setup
    assert raw.cmd("WATCH", "s", "s2") == OK
    other = raw.connect()
    assert not other.cmd(*command.split()).startswith(b"-")
    raw.cmd("MULTI")
    raw.cmd("PING")
    assert raw.cmd("EXEC") == (b"*-1\r\n" if invalidates else b"*1\r\n+PONG\r\n")
