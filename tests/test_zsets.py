"""Sorted-set commands over the wire: exact reply bytes in RESP2 and RESP3, errors,
encodings, key lifecycle (empty sets vanish, TTLs), plus a few redis-py round trips.

The same commands are compared with a real redis-server in
``test_zsets_differential.py``; the byte strings asserted here were read from
Redis 7.0.15.
"""
import pytest

WRONGTYPE = b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
SYNTAX = b"-ERR syntax error\r\n"
NOT_FLOAT = b"-ERR value is not a valid float\r\n"
NOT_INT = b"-ERR value is not an integer or out of range\r\n"
MINMAX_FLOAT = b"-ERR min or max is not a float\r\n"
MINMAX_LEX = b"-ERR min or max not valid string range item\r\n"


def bulk(*items: bytes) -> bytes:
    return b"".join(b"$%d\r\n%s\r\n" % (len(i), i) for i in items)


def arr(*items: bytes) -> bytes:
    return b"*%d\r\n" % len(items) + b"".join(items)


def flat(*items: bytes) -> bytes:
    """An array of bulk strings."""
    return arr(*[bulk(i) for i in items])


@pytest.fixture
def resp3(raw):
    raw.cmd("HELLO", "3")
    return raw


# --- ZADD / ZINCRBY ------------------------------------------------------------------------

def test_zadd_counts_and_options(raw):
    assert raw.cmd("ZADD", "z", "1", "a", "2", "b") == b":2\r\n"
    assert raw.cmd("ZADD", "z", "1", "a", "3", "c") == b":1\r\n"
    assert raw.cmd("ZADD", "z", "CH", "5", "a", "3", "c", "4", "d") == b":2\r\n"
    assert raw.cmd("ZADD", "z", "NX", "0", "a", "0", "e") == b":1\r\n"
    assert raw.cmd("ZSCORE", "z", "a") == bulk(b"5")
    assert raw.cmd("ZADD", "z", "XX", "CH", "6", "a", "6", "nope") == b":1\r\n"
    assert raw.cmd("ZSCORE", "z", "nope") == b"$-1\r\n"
    assert raw.cmd("ZADD", "z", "GT", "CH", "1", "a", "9", "b") == b":1\r\n"
    assert raw.cmd("ZADD", "z", "LT", "CH", "1", "a", "10", "b", "7", "new") == b":2\r\n"
    assert raw.cmd("ZRANGE", "z", "0", "-1", "WITHSCORES") == flat(
        b"e", b"0", b"a", b"1", b"c", b"3", b"d", b"4", b"new", b"7", b"b", b"9")
    # Repeated members: the last score wins, counted once.
    assert raw.cmd("ZADD", "y", "1", "m", "2", "m") == b":1\r\n"
    assert raw.cmd("ZSCORE", "y", "m") == bulk(b"2")


def test_zadd_errors(raw):
    assert raw.cmd("ZADD", "z", "NX", "XX", "1", "a") == \
        b"-ERR XX and NX options at the same time are not compatible\r\n"
    gt_lt = b"-ERR GT, LT, and/or NX options at the same time are not compatible\r\n"
    assert raw.cmd("ZADD", "z", "GT", "LT", "1", "a") == gt_lt
    assert raw.cmd("ZADD", "z", "nx", "gt", "1", "a") == gt_lt
    assert raw.cmd("ZADD", "z", "INCR", "1", "a", "2", "b") == \
        b"-ERR INCR option supports a single increment-element pair\r\n"
    assert raw.cmd("ZADD", "z", "1", "a", "2") == SYNTAX
    assert raw.cmd("ZADD", "z", "NX", "CH") == SYNTAX
    assert raw.cmd("ZADD", "z", "foo", "1", "a") == SYNTAX
    assert raw.cmd("ZADD", "z", "1") == b"-ERR wrong number of arguments for 'zadd' command\r\n"
    for bad in ("abc", "nan", " 1", "1 ", "", "1e400", "1e-400", "1_0", ".e1", "0x"):
        assert raw.cmd("ZADD", "z", bad, "a") == NOT_FLOAT, bad
    # A bad score anywhere: nothing is added.
    assert raw.cmd("ZADD", "z", "1", "a", "x", "b") == NOT_FLOAT
    assert raw.cmd("EXISTS", "z") == b":0\r\n"
    raw.cmd("ZADD", "z", "inf", "a")
    assert raw.cmd("ZADD", "z", "INCR", "-inf", "a") == \
        b"-ERR resulting score is not a number (NaN)\r\n"
    assert raw.cmd("ZINCRBY", "z", "-inf", "a") == b"-ERR resulting score is not a number (NaN)\r\n"
    raw.cmd("SET", "s", "x")
    assert raw.cmd("ZADD", "s", "1", "a") == WRONGTYPE
    # Argument errors come before the type check.
    assert raw.cmd("ZADD", "s", "x", "a") == NOT_FLOAT


def test_zadd_incr_and_zincrby(raw):
    assert raw.cmd("ZINCRBY", "z", "1.5", "a") == bulk(b"1.5")
    assert raw.cmd("ZADD", "z", "INCR", "2", "a") == bulk(b"3.5")
    assert raw.cmd("ZADD", "z", "XX", "INCR", "1", "nope") == b"$-1\r\n"
    assert raw.cmd("ZADD", "z", "NX", "INCR", "1", "a") == b"$-1\r\n"
    assert raw.cmd("ZADD", "z", "GT", "INCR", "-1", "a") == b"$-1\r\n"
    assert raw.cmd("ZADD", "nokey", "XX", "INCR", "1", "a") == b"$-1\r\n"
    assert raw.cmd("ZADD", "nokey", "XX", "1", "a") == b":0\r\n"
    assert raw.cmd("EXISTS", "nokey") == b":0\r\n"
    assert raw.cmd("ZINCRBY", "z", "abc", "a") == NOT_FLOAT
    assert raw.cmd("ZINCRBY", "z", "1e308", "big") == bulk(b"1e+308")
    assert raw.cmd("ZINCRBY", "z", "1e308", "big") == bulk(b"inf")
    raw.cmd("HELLO", "3")
    assert raw.cmd("ZINCRBY", "z", "1", "a") == b",4.5\r\n"
    assert raw.cmd("ZADD", "z", "XX", "INCR", "1", "nope") == b"_\r\n"


def test_score_formatting(raw):
    raw.cmd("ZADD", "z", "1.1", "a", "0x10", "b", "-0", "c", "1e17", "d", "inf", "e",
            "-inf", "f", "1.5e-310", "g")
    assert raw.cmd("ZSCORE", "z", "a") == bulk(b"1.1000000000000001")
    assert raw.cmd("ZSCORE", "z", "b") == bulk(b"16")
    assert raw.cmd("ZSCORE", "z", "c") == bulk(b"0")       # a listpack keeps "0", not "-0"
    assert raw.cmd("ZSCORE", "z", "d") == bulk(b"1e+17")
    assert raw.cmd("ZSCORE", "z", "e") == bulk(b"inf")
    assert raw.cmd("ZSCORE", "z", "f") == bulk(b"-inf")
    assert raw.cmd("ZSCORE", "z", "g") == bulk(b"1.5000000000000201e-310")
    # ZSCAN reads a listpack's own text: integral scores up to 2**62 print as integers.
    assert raw.cmd("ZSCAN", "z", "0") == arr(bulk(b"0"), flat(
        b"f", b"-inf", b"c", b"0", b"g", b"1.5000000000000201e-310", b"a",
        b"1.1000000000000001", b"b", b"16", b"d", b"100000000000000000", b"e", b"inf"))
    # A new member incremented by -0 replies -0 but is stored as 0.
    assert raw.cmd("ZINCRBY", "z", "-0", "h") == bulk(b"-0")
    assert raw.cmd("ZSCORE", "z", "h") == bulk(b"0")
    # A skiplist keeps the sign of zero.
    raw.cmd("ZADD", "big", "-0", b"x" * 65)
    assert raw.cmd("ZSCORE", "big", b"x" * 65) == bulk(b"-0")
    raw.cmd("HELLO", "3")
    assert raw.cmd("ZSCORE", "z", "a") == b",1.1000000000000001\r\n"
    assert raw.cmd("ZSCORE", "z", "e") == b",inf\r\n"
    assert raw.cmd("ZSCORE", "z", "f") == b",-inf\r\n"


# --- reads ---------------------------------------------------------------------------------

def test_zscore_zmscore_zcard(raw):
    raw.cmd("ZADD", "z", "1", "a", "2", "b")
    assert raw.cmd("ZMSCORE", "z", "a", "nope", "b") == arr(bulk(b"1"), b"$-1\r\n", bulk(b"2"))
    assert raw.cmd("ZMSCORE", "nokey", "a") == arr(b"$-1\r\n")
    assert raw.cmd("ZSCORE", "nokey", "a") == b"$-1\r\n"
    assert raw.cmd("ZCARD", "z") == b":2\r\n"
    assert raw.cmd("ZCARD", "nokey") == b":0\r\n"
    raw.cmd("SET", "s", "x")
    for cmd in (("ZSCORE", "s", "a"), ("ZMSCORE", "s", "a"), ("ZCARD", "s")):
        assert raw.cmd(*cmd) == WRONGTYPE
    raw.cmd("HELLO", "3")
    assert raw.cmd("ZMSCORE", "z", "a", "nope") == b"*2\r\n,1\r\n_\r\n"
    assert raw.cmd("ZSCORE", "nokey", "a") == b"_\r\n"


def test_zrank_zrevrank(raw):
    raw.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c")
    assert raw.cmd("ZRANK", "z", "a") == b":0\r\n"
    assert raw.cmd("ZREVRANK", "z", "a") == b":2\r\n"
    assert raw.cmd("ZRANK", "z", "nope") == b"$-1\r\n"
    assert raw.cmd("ZRANK", "nokey", "a") == b"$-1\r\n"
    assert raw.cmd("ZRANK", "z") == b"-ERR wrong number of arguments for 'zrank' command\r\n"
    raw.cmd("SET", "s", "x")
    assert raw.cmd("ZRANK", "s", "a") == WRONGTYPE


def test_zrank_withscore(raw):
    # Redis 7.2's option (7.0 has no WITHSCORE); replies as 7.2 gives them.
    raw.cmd("ZADD", "z", "1.5", "a", "2", "b", "3", "c")
    assert raw.cmd("ZRANK", "z", "c", "WITHSCORE") == b"*2\r\n:2\r\n" + bulk(b"3")
    assert raw.cmd("ZREVRANK", "z", "c", "withscore") == b"*2\r\n:0\r\n" + bulk(b"3")
    assert raw.cmd("ZRANK", "z", "nope", "WITHSCORE") == b"*-1\r\n"
    assert raw.cmd("ZRANK", "nokey", "a", "WITHSCORE") == b"*-1\r\n"
    assert raw.cmd("ZRANK", "z", "a", "WITHSCOREs") == SYNTAX
    assert raw.cmd("ZREVRANK", "z", "a", "WITHSCORE", "x") == \
        b"-ERR wrong number of arguments for 'zrevrank' command\r\n"
    raw.cmd("HELLO", "3")
    assert raw.cmd("ZRANK", "z", "a", "WITHSCORE") == b"*2\r\n:0\r\n,1.5\r\n"
    assert raw.cmd("ZRANK", "nokey", "a", "WITHSCORE") == b"_\r\n"


def test_zrange_by_rank(raw):
    raw.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d")
    assert raw.cmd("ZRANGE", "z", "0", "-1") == flat(b"a", b"b", b"c", b"d")
    assert raw.cmd("ZRANGE", "z", "-3", "-2", "WITHSCORES") == flat(b"b", b"2", b"c", b"3")
    assert raw.cmd("ZRANGE", "z", "2", "1") == b"*0\r\n"
    assert raw.cmd("ZRANGE", "z", "1", "100") == flat(b"b", b"c", b"d")
    assert raw.cmd("ZRANGE", "z", "-100", "0") == flat(b"a")
    assert raw.cmd("ZRANGE", "z", "0", "1", "REV") == flat(b"d", b"c")
    assert raw.cmd("ZREVRANGE", "z", "0", "1", "WITHSCORES") == flat(b"d", b"4", b"c", b"3")
    assert raw.cmd("ZRANGE", "nokey", "0", "-1") == b"*0\r\n"
    assert raw.cmd("ZRANGE", "z", "a", "1") == NOT_INT
    assert raw.cmd("ZRANGE", "z", "0", "-1", "foo") == SYNTAX
    assert raw.cmd("ZRANGE", "z", "0", "-1", "REV", "REV") == SYNTAX
    assert raw.cmd("ZRANGE", "z", "0", "-1", "LIMIT", "0", "1") == \
        b"-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n"
    assert raw.cmd("ZRANGE", "z", "0", "-1", "LIMIT", "5", "-1") == flat(b"a", b"b", b"c", b"d")
    raw.cmd("SET", "s", "x")
    assert raw.cmd("ZRANGE", "s", "0", "-1") == WRONGTYPE
    assert raw.cmd("ZRANGE", "s", "a", "b") == NOT_INT


def test_zrange_by_score(raw):
    raw.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e")
    assert raw.cmd("ZRANGEBYSCORE", "z", "(1", "3") == flat(b"b", b"c")
    assert raw.cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "2") == flat(b"b", b"c")
    assert raw.cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "-1", "2") == b"*0\r\n"
    assert raw.cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "3", "-5") == flat(b"d", b"e")
    assert raw.cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "0") == b"*0\r\n"
    assert raw.cmd("ZRANGEBYSCORE", "z", "2", "(2") == b"*0\r\n"
    assert raw.cmd("ZREVRANGEBYSCORE", "z", "+inf", "(3", "WITHSCORES") == \
        flat(b"e", b"5", b"d", b"4")
    assert raw.cmd("ZREVRANGEBYSCORE", "z", "5", "1", "LIMIT", "1", "2") == flat(b"d", b"c")
    assert raw.cmd("ZRANGE", "z", "(4", "2", "BYSCORE", "REV", "LIMIT", "0", "1") == flat(b"c")
    # Bounds are read as strtod reads them: "" is 0, "(" is (0, 1e400 is inf, hex works.
    assert raw.cmd("ZRANGEBYSCORE", "z", "", "1") == flat(b"a")
    assert raw.cmd("ZRANGEBYSCORE", "z", "(", "1") == flat(b"a")
    assert raw.cmd("ZRANGEBYSCORE", "z", "0x4", "1e400") == flat(b"d", b"e")
    assert raw.cmd("ZRANGEBYSCORE", "z", " 5", "5") == flat(b"e")
    for low, high in (("abc", "1"), ("(1", "(abc"), ("[1", "2"), ("1 ", "2"), ("nan", "1")):
        assert raw.cmd("ZRANGEBYSCORE", "z", low, high) == MINMAX_FLOAT
    assert raw.cmd("ZRANGEBYSCORE", "z", "0", "1", "REV") == SYNTAX
    assert raw.cmd("ZRANGEBYSCORE", "z", "0", "1", "LIMIT", "0") == SYNTAX
    assert raw.cmd("ZRANGEBYSCORE", "z", "0", "1", "LIMIT", "x", "1") == NOT_INT
    assert raw.cmd("ZCOUNT", "z", "(1", "3") == b":2\r\n"
    assert raw.cmd("ZCOUNT", "z", "a", "3") == MINMAX_FLOAT
    assert raw.cmd("ZCOUNT", "nokey", "0", "1") == b":0\r\n"


def test_zrange_by_lex(raw):
    raw.cmd("ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e")
    assert raw.cmd("ZRANGEBYLEX", "z", "-", "+") == flat(b"a", b"b", b"c", b"d", b"e")
    assert raw.cmd("ZRANGEBYLEX", "z", "(a", "[c") == flat(b"b", b"c")
    assert raw.cmd("ZRANGEBYLEX", "z", "[b", "(b") == b"*0\r\n"
    assert raw.cmd("ZRANGEBYLEX", "z", "+", "-") == b"*0\r\n"
    assert raw.cmd("ZRANGEBYLEX", "z", "-", "+", "LIMIT", "1", "2") == flat(b"b", b"c")
    assert raw.cmd("ZREVRANGEBYLEX", "z", "[d", "(a", "LIMIT", "1", "2") == flat(b"c", b"b")
    assert raw.cmd("ZRANGE", "z", "[e", "[c", "BYLEX", "REV") == flat(b"e", b"d", b"c")
    assert raw.cmd("ZLEXCOUNT", "z", "[b", "+") == b":4\r\n"
    for low, high in (("a", "+"), ("-", "c"), ("+a", "+"), ("", "+")):
        assert raw.cmd("ZRANGEBYLEX", "z", low, high) == MINMAX_LEX
        assert raw.cmd("ZLEXCOUNT", "z", low, high) == MINMAX_LEX
    no_scores = b"-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n"
    assert raw.cmd("ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES") == no_scores
    assert raw.cmd("ZRANGEBYLEX", "z", "-", "+", "WITHSCORES") == no_scores


def test_ranges_in_resp3(resp3):
    resp3.cmd("ZADD", "z", "1", "a", "2.5", "b")
    pairs = b"*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n"
    assert resp3.cmd("ZRANGE", "z", "0", "-1", "WITHSCORES") == pairs
    assert resp3.cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "WITHSCORES") == pairs
    assert resp3.cmd("ZREVRANGE", "z", "0", "0", "WITHSCORES") == b"*1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n"
    assert resp3.cmd("ZRANGE", "z", "0", "-1") == flat(b"a", b"b")
    assert resp3.cmd("ZRANGE", "nokey", "0", "-1", "WITHSCORES") == b"*0\r\n"


def test_zrangestore(raw):
    raw.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c")
    assert raw.cmd("ZRANGESTORE", "d", "z", "0", "1") == b":2\r\n"
    assert raw.cmd("ZRANGE", "d", "0", "-1", "WITHSCORES") == flat(b"a", b"1", b"b", b"2")
    assert raw.cmd("ZRANGESTORE", "d", "z", "+inf", "(1", "BYSCORE", "REV", "LIMIT", "0", "1") \
        == b":1\r\n"
    assert raw.cmd("ZRANGE", "d", "0", "-1") == flat(b"c")
    assert raw.cmd("ZRANGESTORE", "d", "z", "0", "-1", "WITHSCORES") == SYNTAX
    assert raw.cmd("ZRANGESTORE", "d", "z", "0", "-1", "BYLEX") == MINMAX_LEX
    raw.cmd("SET", "s", "x", "EX", "100")
    assert raw.cmd("ZRANGESTORE", "s", "z", "0", "0") == b":1\r\n"      # overwrites any type
    assert raw.cmd("TTL", "s") == b":-1\r\n"
    assert raw.cmd("ZRANGESTORE", "d", "nokey", "0", "-1") == b":0\r\n"
    assert raw.cmd("EXISTS", "d") == b":0\r\n"                           # empty result: deleted
    assert raw.cmd("ZRANGESTORE", "d", "s", "5", "9") == b":0\r\n"
    raw.cmd("SET", "str", "x")
    assert raw.cmd("ZRANGESTORE", "d", "str", "0", "-1") == WRONGTYPE


# --- removals ------------------------------------------------------------------------------

def test_zrem_and_removal_ranges(raw):
    raw.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f")
    assert raw.cmd("ZREM", "z", "a", "a", "nope") == b":1\r\n"
    assert raw.cmd("ZREMRANGEBYRANK", "z", "-1", "-1") == b":1\r\n"
    assert raw.cmd("ZREMRANGEBYRANK", "z", "3", "1") == b":0\r\n"
    assert raw.cmd("ZREMRANGEBYSCORE", "z", "(2", "3") == b":1\r\n"
    assert raw.cmd("ZREMRANGEBYLEX", "z", "[d", "[d") == b":1\r\n"
    assert raw.cmd("ZRANGE", "z", "0", "-1") == flat(b"b", b"e")
    assert raw.cmd("ZREMRANGEBYRANK", "z", "a", "1") == NOT_INT
    assert raw.cmd("ZREMRANGEBYSCORE", "z", "a", "1") == MINMAX_FLOAT
    assert raw.cmd("ZREMRANGEBYLEX", "z", "a", "b") == MINMAX_LEX
    assert raw.cmd("ZREMRANGEBYSCORE", "z", "-inf", "+inf") == b":2\r\n"
    assert raw.cmd("EXISTS", "z") == b":0\r\n"
    assert raw.cmd("ZREM", "nokey", "a") == b":0\r\n"
    raw.cmd("ZADD", "z", "1", "a")
    assert raw.cmd("ZREM", "z", "a") == b":1\r\n"
    assert raw.cmd("EXISTS", "z") == b":0\r\n"
    raw.cmd("SET", "s", "x")
    assert raw.cmd("ZREM", "s", "a") == WRONGTYPE
    assert raw.cmd("ZREMRANGEBYRANK", "s", "0", "1") == WRONGTYPE


def test_zpopmin_zpopmax(raw):
    raw.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d")
    assert raw.cmd("ZPOPMIN", "z") == flat(b"a", b"1")
    assert raw.cmd("ZPOPMAX", "z", "2") == flat(b"d", b"4", b"c", b"3")
    assert raw.cmd("ZPOPMIN", "z", "0") == b"*0\r\n"
    assert raw.cmd("ZPOPMIN", "z", "-1") == b"-ERR value is out of range, must be positive\r\n"
    assert raw.cmd("ZPOPMIN", "z", "x") == b"-ERR value is out of range, must be positive\r\n"
    assert raw.cmd("ZPOPMIN", "z", "1", "2") == SYNTAX
    assert raw.cmd("ZPOPMIN", "z", "10") == flat(b"b", b"2")
    assert raw.cmd("EXISTS", "z") == b":0\r\n"
    assert raw.cmd("ZPOPMAX", "z") == b"*0\r\n"
    raw.cmd("SET", "s", "x")
    assert raw.cmd("ZPOPMIN", "s", "0") == WRONGTYPE
    raw.cmd("HELLO", "3")
    raw.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c")
    assert raw.cmd("ZPOPMIN", "z") == b"*2\r\n$1\r\na\r\n,1\r\n"            # one flat pair
    assert raw.cmd("ZPOPMAX", "z", "1") == b"*1\r\n*2\r\n$1\r\nc\r\n,3\r\n"  # pairs with count
    assert raw.cmd("ZPOPMAX", "nokey") == b"*0\r\n"


def test_zmpop(raw):
    raw.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c")
    assert raw.cmd("ZMPOP", "2", "nokey", "z", "MAX", "COUNT", "2") == \
        b"*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n"
    assert raw.cmd("ZMPOP", "1", "z", "min") == b"*2\r\n$1\r\nz\r\n*1\r\n" + flat(b"a", b"1")
    assert raw.cmd("ZMPOP", "1", "z", "min") == b"*-1\r\n"
    assert raw.cmd("ZMPOP", "0", "z", "MIN") == b"-ERR numkeys should be greater than 0\r\n"
    assert raw.cmd("ZMPOP", "x", "z", "MIN") == b"-ERR numkeys should be greater than 0\r\n"
    assert raw.cmd("ZMPOP", "1", "z", "MIN", "COUNT", "0") == \
        b"-ERR count should be greater than 0\r\n"
    assert raw.cmd("ZMPOP", "1", "z", "foo") == SYNTAX
    assert raw.cmd("ZMPOP", "3", "a", "b", "MIN") == SYNTAX
    assert raw.cmd("ZMPOP", "1", "z", "MIN", "COUNT", "1", "COUNT", "2") == SYNTAX
    raw.cmd("SET", "s", "x")
    assert raw.cmd("ZMPOP", "2", "nokey", "s", "MIN") == WRONGTYPE
    raw.cmd("HELLO", "3")
    raw.cmd("ZADD", "z", "1", "a")
    assert raw.cmd("ZMPOP", "1", "z", "MIN") == b"*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\na\r\n,1\r\n"
    assert raw.cmd("ZMPOP", "1", "z", "MIN") == b"_\r\n"


def test_zrandmember(raw, r):
    members = {b"m%d" % i: float(i) for i in range(10)}
    r.zadd("z", members)
    assert r.zrandmember("z") in members
    picked = r.zrandmember("z", 5)
    assert len(picked) == 5 and len(set(picked)) == 5 and set(picked) <= set(members)
    assert sorted(r.zrandmember("z", 50)) == sorted(members)
    repeated = r.zrandmember("z", -50)
    assert len(repeated) == 50 and set(repeated) <= set(members)
    flat_reply = r.zrandmember("z", 3, withscores=True)
    assert len(flat_reply) == 6
    for member, score in zip(flat_reply[::2], flat_reply[1::2]):
        assert float(score) == members[member]
    assert raw.cmd("ZRANDMEMBER", "nokey") == b"$-1\r\n"
    assert raw.cmd("ZRANDMEMBER", "nokey", "3") == b"*0\r\n"
    assert raw.cmd("ZRANDMEMBER", "z", "0") == b"*0\r\n"
    assert raw.cmd("ZRANDMEMBER", "z", "x") == NOT_INT
    assert raw.cmd("ZRANDMEMBER", "z", "1", "foo") == SYNTAX
    assert raw.cmd("ZRANDMEMBER", "z", "-9223372036854775808") == (
        b"-ERR value is out of range, value must between -9223372036854775807 and "
        b"9223372036854775807\r\n")
    assert raw.cmd("ZRANDMEMBER", "z", "-4611686018427387904", "WITHSCORES") == \
        b"-ERR value is out of range\r\n"
    raw.cmd("HELLO", "3")
    reply = raw.cmd("ZRANDMEMBER", "z", "-2", "WITHSCORES")
    assert reply.startswith(b"*2\r\n*2\r\n$2\r\nm") and reply.count(b"\r\n,") == 2


def test_zscan(raw, r):
    raw.cmd("ZADD", "z", "1", "a", "2.5", "b")
    assert raw.cmd("ZSCAN", "z", "0") == arr(bulk(b"0"), flat(b"a", b"1", b"b", b"2.5"))
    assert raw.cmd("ZSCAN", "z", "0", "MATCH", "b*") == arr(bulk(b"0"), flat(b"b", b"2.5"))
    assert raw.cmd("ZSCAN", "nokey", "0") == arr(bulk(b"0"), b"*0\r\n")
    assert raw.cmd("ZSCAN", "z", "x") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("ZSCAN", "z", "0", "COUNT", "0") == SYNTAX
    assert raw.cmd("ZSCAN", "z", "0", "TYPE", "zset") == SYNTAX
    raw.cmd("HELLO", "3")
    # Scores stay bulk strings in RESP3.
    assert raw.cmd("ZSCAN", "z", "0") == arr(bulk(b"0"), flat(b"a", b"1", b"b", b"2.5"))
    # A skiplist-encoded set is walked in pieces; every member comes back, with
    # members added and removed during the walk not disturbing the others.
    r.zadd("big", {b"member:%d" % i: i for i in range(500)})
    seen = {}
    cursor = 0
    calls = 0
    while True:
        cursor, items = r.zscan("big", cursor, count=20)
        seen.update(items)
        calls += 1
        if calls == 3:
            r.zrem("big", "member:0", "member:1")
            r.zadd("big", {"late:%d" % i: i for i in range(50)})
        if cursor == 0:
            break
    assert calls > 10
    assert {b"member:%d" % i for i in range(2, 500)} <= set(seen)
    assert seen[b"member:7"] == 7.0


# --- set algebra ---------------------------------------------------------------------------

def test_zunion_zinter_zdiff(raw):
    raw.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c")
    raw.cmd("ZADD", "y", "10", "b", "20", "c", "30", "d")
    assert raw.cmd("ZUNION", "2", "z", "y", "WITHSCORES") == flat(
        b"a", b"1", b"b", b"12", b"c", b"23", b"d", b"30")
    assert raw.cmd("ZUNION", "2", "z", "y", "WEIGHTS", "2", "0.5", "AGGREGATE", "MAX") == \
        flat(b"a", b"b", b"c", b"d")
    assert raw.cmd("ZINTER", "2", "z", "y", "AGGREGATE", "MIN", "WITHSCORES") == \
        flat(b"b", b"2", b"c", b"3")
    assert raw.cmd("ZDIFF", "2", "z", "y", "WITHSCORES") == flat(b"a", b"1")
    assert raw.cmd("ZINTER", "2", "z", "nokey") == b"*0\r\n"
    # inf * 0 is NaN, which counts as 0; so does inf + -inf.
    raw.cmd("ZADD", "p", "inf", "a")
    raw.cmd("ZADD", "n", "-inf", "a")
    assert raw.cmd("ZUNION", "1", "p", "WEIGHTS", "0", "WITHSCORES") == flat(b"a", b"0")
    assert raw.cmd("ZUNION", "2", "p", "n", "WITHSCORES") == flat(b"a", b"0")
    assert raw.cmd("ZINTER", "2", "p", "n", "AGGREGATE", "MIN", "WITHSCORES") == \
        flat(b"a", b"-inf")
    raw.cmd("HELLO", "3")
    assert raw.cmd("ZINTER", "2", "z", "y", "WITHSCORES") == \
        b"*2\r\n*2\r\n$1\r\nb\r\n,12\r\n*2\r\n$1\r\nc\r\n,23\r\n"


def test_store_forms(raw):
    raw.cmd("ZADD", "z", "1", "a", "2", "b")
    raw.cmd("ZADD", "y", "5", "b", "6", "c")
    raw.cmd("SET", "d", "old", "EX", "100")
    assert raw.cmd("ZUNIONSTORE", "d", "2", "z", "y") == b":3\r\n"
    assert raw.cmd("TTL", "d") == b":-1\r\n"
    assert raw.cmd("ZRANGE", "d", "0", "-1", "WITHSCORES") == \
        flat(b"a", b"1", b"c", b"6", b"b", b"7")
    assert raw.cmd("ZINTERSTORE", "d", "2", "z", "y", "WEIGHTS", "1", "-1") == b":1\r\n"
    assert raw.cmd("ZSCORE", "d", "b") == bulk(b"-3")
    assert raw.cmd("ZDIFFSTORE", "d", "2", "z", "y") == b":1\r\n"
    assert raw.cmd("ZRANGE", "d", "0", "-1") == flat(b"a")
    assert raw.cmd("ZDIFFSTORE", "d", "2", "z", "z") == b":0\r\n"
    assert raw.cmd("EXISTS", "d") == b":0\r\n"
    assert raw.cmd("ZINTERCARD", "2", "z", "y") == b":1\r\n"
    assert raw.cmd("ZINTERCARD", "1", "z", "LIMIT", "1") == b":1\r\n"
    assert raw.cmd("ZINTERCARD", "1", "z", "LIMIT", "0") == b":2\r\n"
    assert raw.cmd("OBJECT", "ENCODING", "z") == bulk(b"listpack")


def test_setop_errors(raw):
    raw.cmd("ZADD", "z", "1", "a")
    for name in (b"zunionstore", b"zinterstore", b"zdiffstore"):
        assert raw.cmd(name, "d", "0", "z") == \
            b"-ERR at least 1 input key is needed for '%s' command\r\n" % name
    for name in (b"zunion", b"zinter", b"zdiff", b"zintercard"):
        assert raw.cmd(name.upper(), "-1", "z") == \
            b"-ERR at least 1 input key is needed for '%s' command\r\n" % name
    assert raw.cmd("ZUNION", "x", "z") == NOT_INT
    assert raw.cmd("ZUNION", "2", "z") == SYNTAX
    assert raw.cmd("ZUNION", "1", "z", "z") == SYNTAX
    assert raw.cmd("ZUNION", "1", "z", "WEIGHTS", "1", "2") == SYNTAX
    assert raw.cmd("ZUNION", "1", "z", "WEIGHTS", "x") == b"-ERR weight value is not a float\r\n"
    assert raw.cmd("ZUNION", "1", "z", "AGGREGATE", "avg") == SYNTAX
    assert raw.cmd("ZUNIONSTORE", "d", "1", "z", "WITHSCORES") == SYNTAX
    assert raw.cmd("ZDIFF", "1", "z", "WEIGHTS", "1") == SYNTAX
    assert raw.cmd("ZINTERCARD", "1", "z", "LIMIT", "-1") == b"-ERR LIMIT can't be negative\r\n"
    assert raw.cmd("ZINTERCARD", "1", "z", "WITHSCORES") == SYNTAX
    raw.cmd("SET", "s", "x")
    assert raw.cmd("ZUNION", "2", "z", "s") == WRONGTYPE
    # The inputs' types are checked before the options.
    assert raw.cmd("ZUNION", "1", "s", "WEIGHTS", "x") == WRONGTYPE


# --- encodings and lifecycle --------------------------------------------------------------

def test_encoding_follows_listpack_limits(raw):
    raw.cmd("ZADD", "z", *[x for i in range(128) for x in (str(i), "m%d" % i)])
    assert raw.cmd("OBJECT", "ENCODING", "z") == bulk(b"listpack")
    raw.cmd("ZADD", "z", "200", "one-more")
    assert raw.cmd("OBJECT", "ENCODING", "z") == bulk(b"skiplist")
    raw.cmd("ZREMRANGEBYRANK", "z", "0", "-10")
    assert raw.cmd("OBJECT", "ENCODING", "z") == bulk(b"skiplist")    # one-way
    assert raw.cmd("ZUNIONSTORE", "small", "1", "z") == b":9\r\n"
    assert raw.cmd("OBJECT", "ENCODING", "small") == bulk(b"listpack")  # stored results re-fit
    raw.cmd("ZADD", "y", "1", "x" * 64)
    assert raw.cmd("OBJECT", "ENCODING", "y") == bulk(b"listpack")
    raw.cmd("ZADD", "y", "1", "x" * 65)
    assert raw.cmd("OBJECT", "ENCODING", "y") == bulk(b"skiplist")
    assert raw.cmd("TYPE", "y") == b"+zset\r\n"
    assert raw.cmd("COPY", "y", "y2") == b":1\r\n"
    assert raw.cmd("OBJECT", "ENCODING", "y2") == bulk(b"skiplist")
    raw.cmd("ZADD", "y2", "5", "only-in-copy")
    assert raw.cmd("ZCARD", "y") == b":2\r\n"


def test_writes_keep_ttl_and_scan_type(raw):
    raw.cmd("ZADD", "z", "1", "a")
    raw.cmd("EXPIRE", "z", "100")
    raw.cmd("ZADD", "z", "2", "b")
    raw.cmd("ZINCRBY", "z", "1", "a")
    raw.cmd("ZREM", "z", "b")
    assert 0 < int(raw.cmd("TTL", "z")[1:-2]) <= 100
    assert raw.cmd("SCAN", "0", "TYPE", "zset") == arr(bulk(b"0"), flat(b"z"))


def test_redis_py_round_trip(r):
    assert r.zadd("z", {"a": 1.5, "b": 2}) == 2
    assert r.zrange("z", 0, -1, withscores=True) == [(b"a", 1.5), (b"b", 2.0)]
    assert r.zrangebyscore("z", "(1.5", "+inf") == [b"b"]
    assert r.zincrby("z", 0.25, "a") == 1.75
    assert r.zpopmax("z") == [(b"b", 2.0)]
    assert r.zunionstore("d", {"z": 2}) == 1
    assert r.zscore("d", "a") == 3.5


def test_zrank_command_info_reports_the_new_arity():
    from redix.commands.registry import TABLE
    for name in (b"zrank", b"zrevrank"):
        cmd = TABLE[name]
        assert cmd.arity == -3
        head = b"*10\r\n$%d\r\n%s\r\n:-3\r\n" % (len(name), name)
        assert cmd.info.resp2.startswith(head) and cmd.info.resp3.startswith(head)
