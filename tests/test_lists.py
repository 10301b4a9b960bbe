"""List commands over the wire: exact reply bytes, RESP2 and RESP3, and every error.

Every literal reply below was checked against redis-server 7.0.15.  Blocking
behaviour (waiters, timeouts, CLIENT UNBLOCK) is in test_blocking.py.
"""
import pytest

WRONGTYPE = b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
NOT_INT = b"-ERR value is not an integer or out of range\r\n"
SYNTAX = b"-ERR syntax error\r\n"
MUST_BE_POSITIVE = b"-ERR value is out of range, must be positive\r\n"


def bulks(*items) -> bytes:
    return b"*%d\r\n" % len(items) + b"".join(b"$%d\r\n%s\r\n" % (len(i), i) for i in items)


def ints(*items) -> bytes:
    return b"*%d\r\n" % len(items) + b"".join(b":%d\r\n" % i for i in items)


def test_push_order_and_lengths(raw):
    assert raw.cmd("RPUSH", "l", "a", "b") == b":2\r\n"
    assert raw.cmd("LPUSH", "l", "x", "y") == b":4\r\n"
    assert raw.cmd("RPUSH", "l", "z") == b":5\r\n"
    assert raw.cmd("LPUSH", "l", "w") == b":6\r\n"
    assert raw.cmd("LRANGE", "l", "0", "-1") == bulks(b"w", b"y", b"x", b"a", b"b", b"z")
    assert raw.cmd("LLEN", "l") == b":6\r\n"
    assert raw.cmd("LLEN", "nokey") == b":0\r\n"
    assert raw.cmd("LPUSH", "l") == b"-ERR wrong number of arguments for 'lpush' command\r\n"


def test_pushx_only_on_existing(raw):
    assert raw.cmd("LPUSHX", "l", "a", "b") == b":0\r\n"
    assert raw.cmd("RPUSHX", "l", "a") == b":0\r\n"
    assert raw.cmd("EXISTS", "l") == b":0\r\n"
    raw.cmd("RPUSH", "l", "a")
    assert raw.cmd("RPUSHX", "l", "b", "c") == b":3\r\n"
    assert raw.cmd("LPUSHX", "l", "x", "y") == b":5\r\n"
    assert raw.cmd("LRANGE", "l", "0", "-1") == bulks(b"y", b"x", b"a", b"b", b"c")


def test_wrongtype_everywhere(raw):
    raw.cmd("SET", "s", "x")
    for args in (("LPUSH", "s", "a"), ("RPUSH", "s", "a"), ("LPUSHX", "s", "a"),
                 ("RPUSHX", "s", "a"), ("LPOP", "s"), ("RPOP", "s", "1"), ("LLEN", "s"),
                 ("LRANGE", "s", "0", "1"), ("LINDEX", "s", "0"), ("LINDEX", "s", "abc"),
                 ("LSET", "s", "0", "x"), ("LSET", "s", "abc", "x"),
                 ("LINSERT", "s", "before", "a", "b"), ("LREM", "s", "0", "x"),
                 ("LTRIM", "s", "0", "1"), ("LPOS", "s", "a"), ("LMOVE", "s", "d", "left", "left"),
                 ("RPOPLPUSH", "s", "d"), ("LMPOP", "1", "s", "left")):
        assert raw.cmd(*args) == WRONGTYPE, args
    raw.cmd("RPUSH", "l", "a")
    assert raw.cmd("LMOVE", "l", "s", "left", "right") == WRONGTYPE
    assert raw.cmd("RPOPLPUSH", "l", "s") == WRONGTYPE
    assert raw.cmd("LLEN", "l") == b":1\r\n"          # nothing moved
    assert raw.cmd("GET", "l") == WRONGTYPE


def test_pop_shapes_resp2(raw):
    raw.cmd("RPUSH", "l", "a", "b", "c")
    assert raw.cmd("LPOP", "l", "0") == b"*0\r\n"
    assert raw.cmd("LPOP", "nokey") == b"$-1\r\n"
    assert raw.cmd("LPOP", "nokey", "0") == b"*-1\r\n"
    assert raw.cmd("LPOP", "nokey", "2") == b"*-1\r\n"
    assert raw.cmd("LPOP", "l") == b"$1\r\na\r\n"
    assert raw.cmd("RPOP", "l") == b"$1\r\nc\r\n"
    assert raw.cmd("RPUSH", "l", "c", "d") == b":3\r\n"
    assert raw.cmd("RPOP", "l", "2") == bulks(b"d", b"c")
    assert raw.cmd("LPOP", "l", "5") == bulks(b"b")
    assert raw.cmd("EXISTS", "l") == b":0\r\n"


def test_pop_shapes_resp3(raw):
    raw.cmd("HELLO", "3")
    raw.cmd("RPUSH", "l", "a", "b", "c")
    assert raw.cmd("LPOP", "l", "0") == b"*0\r\n"
    assert raw.cmd("LPOP", "nokey") == b"_\r\n"
    assert raw.cmd("LPOP", "nokey", "0") == b"_\r\n"
    assert raw.cmd("RPOP", "nokey", "3") == b"_\r\n"
    assert raw.cmd("LPOP", "l", "2") == bulks(b"a", b"b")


def test_pop_count_errors(raw):
    raw.cmd("RPUSH", "l", "a")
    raw.cmd("SET", "s", "x")
    assert raw.cmd("LPOP", "l", "-1") == MUST_BE_POSITIVE
    assert raw.cmd("LPOP", "l", "abc") == MUST_BE_POSITIVE
    assert raw.cmd("RPOP", "nokey", "-1") == MUST_BE_POSITIVE
    assert raw.cmd("LPOP", "s", "-1") == MUST_BE_POSITIVE     # before the type check
    assert raw.cmd("LPOP", "s", "0") == WRONGTYPE
    assert raw.cmd("LPOP", "l", "1", "2") == b"-ERR wrong number of arguments for 'lpop' command\r\n"
    assert raw.cmd("RPOP", "l", "1", "2") == b"-ERR wrong number of arguments for 'rpop' command\r\n"
    assert raw.cmd("LPOP", "l", "9223372036854775807") == bulks(b"a")


def test_lindex(raw):
    raw.cmd("RPUSH", "l", *"abcdefgh")
    assert raw.cmd("LINDEX", "l", "0") == b"$1\r\na\r\n"
    assert raw.cmd("LINDEX", "l", "-1") == b"$1\r\nh\r\n"
    assert raw.cmd("LINDEX", "l", "-8") == b"$1\r\na\r\n"
    assert raw.cmd("LINDEX", "l", "5") == b"$1\r\nf\r\n"
    assert raw.cmd("LINDEX", "l", "8") == b"$-1\r\n"
    assert raw.cmd("LINDEX", "l", "-9") == b"$-1\r\n"
    assert raw.cmd("LINDEX", "l", "abc") == NOT_INT
    assert raw.cmd("LINDEX", "l", "9223372036854775808") == NOT_INT
    assert raw.cmd("LINDEX", "nokey", "abc") == b"$-1\r\n"      # the key is looked up first
    raw.cmd("HELLO", "3")
    assert raw.cmd("LINDEX", "l", "100") == b"_\r\n"


def test_lset(raw):
    assert raw.cmd("LSET", "nokey", "0", "x") == b"-ERR no such key\r\n"
    assert raw.cmd("LSET", "nokey", "abc", "x") == b"-ERR no such key\r\n"
    raw.cmd("RPUSH", "l", "a", "b", "c")
    assert raw.cmd("LSET", "l", "abc", "x") == NOT_INT
    assert raw.cmd("LSET", "l", "3", "x") == b"-ERR index out of range\r\n"
    assert raw.cmd("LSET", "l", "-4", "x") == b"-ERR index out of range\r\n"
    assert raw.cmd("LSET", "l", "-3", "X") == b"+OK\r\n"
    assert raw.cmd("LSET", "l", "1", "Y") == b"+OK\r\n"
    assert raw.cmd("LRANGE", "l", "0", "-1") == bulks(b"X", b"Y", b"c")


def test_lrange_clipping(raw):
    raw.cmd("RPUSH", "l", *"abcde")
    assert raw.cmd("LRANGE", "l", "1", "2") == bulks(b"b", b"c")
    assert raw.cmd("LRANGE", "l", "-2", "-1") == bulks(b"d", b"e")
    assert raw.cmd("LRANGE", "l", "-100", "100") == bulks(b"a", b"b", b"c", b"d", b"e")
    assert raw.cmd("LRANGE", "l", "3", "1") == b"*0\r\n"
    assert raw.cmd("LRANGE", "l", "5", "10") == b"*0\r\n"
    assert raw.cmd("LRANGE", "l", "-9223372036854775808", "9223372036854775807") == \
        bulks(b"a", b"b", b"c", b"d", b"e")
    assert raw.cmd("LRANGE", "l", "9223372036854775807", "9223372036854775807") == b"*0\r\n"
    assert raw.cmd("LRANGE", "nokey", "0", "-1") == b"*0\r\n"
    assert raw.cmd("LRANGE", "nokey", "abc", "1") == NOT_INT      # parsed before the lookup
    assert raw.cmd("LRANGE", "l", "0", "9223372036854775808") == NOT_INT


def test_lrange_near_tail_of_long_list(r):
    r.rpush("big", *range(10000))
    assert r.lrange("big", -3, -1) == [b"9997", b"9998", b"9999"]
    assert r.lrange("big", 9990, 9992) == [b"9990", b"9991", b"9992"]
    assert r.lrange("big", 2, 4) == [b"2", b"3", b"4"]
    assert r.lindex("big", -5000) == b"5000"
    assert len(r.lrange("big", 100, -100)) == 9801


def test_linsert(raw):
    assert raw.cmd("LINSERT", "nokey", "before", "a", "x") == b":0\r\n"
    assert raw.cmd("LINSERT", "nokey", "middle", "a", "x") == SYNTAX   # syntax first
    raw.cmd("RPUSH", "l", "a", "b", "a")
    assert raw.cmd("LINSERT", "l", "BEFORE", "a", "Z") == b":4\r\n"
    assert raw.cmd("LINSERT", "l", "after", "a", "Y") == b":5\r\n"
    assert raw.cmd("LINSERT", "l", "after", "b", "E") == b":6\r\n"
    assert raw.cmd("LINSERT", "l", "before", "nosuch", "x") == b":-1\r\n"
    assert raw.cmd("LRANGE", "l", "0", "-1") == bulks(b"Z", b"a", b"Y", b"b", b"E", b"a")


def test_lrem(raw):
    raw.cmd("RPUSH", "l", *"abacaba")
    assert raw.cmd("LREM", "l", "2", "a") == b":2\r\n"
    assert raw.cmd("LRANGE", "l", "0", "-1") == bulks(b"b", b"c", b"a", b"b", b"a")
    assert raw.cmd("LREM", "l", "-1", "b") == b":1\r\n"
    assert raw.cmd("LRANGE", "l", "0", "-1") == bulks(b"b", b"c", b"a", b"a")
    assert raw.cmd("LREM", "l", "0", "a") == b":2\r\n"
    assert raw.cmd("LREM", "l", "0", "zzz") == b":0\r\n"
    assert raw.cmd("LREM", "l", "abc", "b") == NOT_INT
    assert raw.cmd("LREM", "nokey", "abc", "b") == NOT_INT
    assert raw.cmd("LREM", "nokey", "1", "b") == b":0\r\n"
    assert raw.cmd("LREM", "l", "0", "b") == b":1\r\n"
    assert raw.cmd("LREM", "l", "-5", "c") == b":1\r\n"
    assert raw.cmd("EXISTS", "l") == b":0\r\n"


def test_ltrim(raw):
    raw.cmd("RPUSH", "l", *"abcdef")
    assert raw.cmd("LTRIM", "l", "1", "-2") == b"+OK\r\n"
    assert raw.cmd("LRANGE", "l", "0", "-1") == bulks(b"b", b"c", b"d", b"e")
    assert raw.cmd("LTRIM", "l", "-100", "100") == b"+OK\r\n"
    assert raw.cmd("LLEN", "l") == b":4\r\n"
    assert raw.cmd("LTRIM", "l", "2", "2") == b"+OK\r\n"
    assert raw.cmd("LRANGE", "l", "0", "-1") == bulks(b"d")
    assert raw.cmd("LTRIM", "l", "abc", "1") == NOT_INT
    assert raw.cmd("LTRIM", "nokey", "0", "1") == b"+OK\r\n"
    assert raw.cmd("LTRIM", "l", "5", "1") == b"+OK\r\n"
    assert raw.cmd("EXISTS", "l") == b":0\r\n"


def test_ltrim_long_list_both_ways(r):
    r.rpush("l", *range(1000))
    r.ltrim("l", 10, 989)           # mostly kept: popped from both ends
    assert r.llen("l") == 980 and r.lindex("l", 0) == b"10" and r.lindex("l", -1) == b"989"
    r.ltrim("l", 500, 502)          # mostly dropped: copied
    assert r.lrange("l", 0, -1) == [b"510", b"511", b"512"]


def test_lpos(raw):
    raw.cmd("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c")
    assert raw.cmd("LPOS", "l", "c") == b":2\r\n"
    assert raw.cmd("LPOS", "l", "c", "RANK", "2") == b":6\r\n"
    assert raw.cmd("LPOS", "l", "c", "RANK", "-1") == b":7\r\n"
    assert raw.cmd("LPOS", "l", "c", "RANK", "-1", "COUNT", "0") == ints(7, 6, 2)
    assert raw.cmd("LPOS", "l", "c", "COUNT", "0") == ints(2, 6, 7)
    assert raw.cmd("LPOS", "l", "c", "COUNT", "2", "RANK", "2") == ints(6, 7)
    assert raw.cmd("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "6") == ints(2)
    assert raw.cmd("LPOS", "l", "c", "RANK", "-3", "COUNT", "2") == ints(2)
    assert raw.cmd("LPOS", "l", "c", "RANK", "-1", "MAXLEN", "1", "COUNT", "0") == ints(7)
    assert raw.cmd("LPOS", "l", "a", "MAXLEN", "1") == b":0\r\n"
    assert raw.cmd("LPOS", "l", "a", "RANK", "-1", "MAXLEN", "1") == b"$-1\r\n"
    assert raw.cmd("LPOS", "l", "zz") == b"$-1\r\n"
    assert raw.cmd("LPOS", "l", "zz", "COUNT", "1") == b"*0\r\n"
    assert raw.cmd("LPOS", "l", "c", "RANK", "10") == b"$-1\r\n"
    assert raw.cmd("LPOS", "l", "c", "rank", "1", "rank", "2") == b":6\r\n"   # the last wins
    # Redis negates a negative rank in place: LLONG_MIN stays negative, i.e. -1.
    assert raw.cmd("LPOS", "l", "c", "RANK", "-9223372036854775808", "COUNT", "0") == \
        ints(7, 6, 2)
    assert raw.cmd("LPOS", "nokey", "a") == b"$-1\r\n"
    assert raw.cmd("LPOS", "nokey", "a", "COUNT", "1") == b"*0\r\n"
    raw.cmd("HELLO", "3")
    assert raw.cmd("LPOS", "l", "zz") == b"_\r\n"
    assert raw.cmd("LPOS", "nokey", "zz", "COUNT", "0") == b"*0\r\n"


def test_lpos_errors(raw):
    raw.cmd("RPUSH", "l", "a")
    rank_zero = (b"-ERR RANK can't be zero: use 1 to start from the first match, 2 from the "
                 b"second ... or use negative to start from the end of the list\r\n")
    assert raw.cmd("LPOS", "l", "a", "RANK", "0") == rank_zero
    assert raw.cmd("LPOS", "nokey", "a", "RANK", "0") == rank_zero
    assert raw.cmd("LPOS", "l", "a", "RANK", "0", "FOO") == rank_zero   # options in order
    assert raw.cmd("LPOS", "l", "a", "FOO", "1", "RANK", "0") == SYNTAX
    assert raw.cmd("LPOS", "l", "a", "COUNT", "-1") == b"-ERR COUNT can't be negative\r\n"
    assert raw.cmd("LPOS", "l", "a", "COUNT", "abc") == b"-ERR COUNT can't be negative\r\n"
    assert raw.cmd("LPOS", "l", "a", "MAXLEN", "-1") == b"-ERR MAXLEN can't be negative\r\n"
    assert raw.cmd("LPOS", "l", "a", "RANK", "abc") == NOT_INT
    assert raw.cmd("LPOS", "l", "a", "RANK") == SYNTAX
    assert raw.cmd("LPOS", "l", "a", "RANK", "1", "COUNT") == SYNTAX
    raw.cmd("SET", "s", "x")
    assert raw.cmd("LPOS", "s", "a", "RANK", "0") == rank_zero     # before the type check


def test_lmove_and_rpoplpush(raw):
    raw.cmd("RPUSH", "l", "a", "b", "c")
    assert raw.cmd("LMOVE", "l", "l2", "left", "right") == b"$1\r\na\r\n"
    assert raw.cmd("LMOVE", "l", "l2", "LEFT", "LEFT") == b"$1\r\nb\r\n"
    assert raw.cmd("LRANGE", "l2", "0", "-1") == bulks(b"b", b"a")
    assert raw.cmd("LMOVE", "l", "l2", "up", "right") == SYNTAX
    assert raw.cmd("LMOVE", "nokey", "l2", "up", "right") == SYNTAX
    assert raw.cmd("LMOVE", "nokey", "l2", "left", "right") == b"$-1\r\n"
    assert raw.cmd("RPOPLPUSH", "l", "l2") == b"$1\r\nc\r\n"
    assert raw.cmd("EXISTS", "l") == b":0\r\n"
    assert raw.cmd("LRANGE", "l2", "0", "-1") == bulks(b"c", b"b", b"a")
    assert raw.cmd("RPOPLPUSH", "nokey", "l2") == b"$-1\r\n"
    raw.cmd("SET", "s", "x")
    assert raw.cmd("RPOPLPUSH", "nokey", "s") == b"$-1\r\n"    # no source: no type check
    raw.cmd("HELLO", "3")
    assert raw.cmd("LMOVE", "nokey", "x", "left", "left") == b"_\r\n"


def test_lmove_rotates_same_list(raw):
    raw.cmd("RPUSH", "l", "a", "b", "c")
    assert raw.cmd("LMOVE", "l", "l", "left", "right") == b"$1\r\na\r\n"
    assert raw.cmd("RPOPLPUSH", "l", "l") == b"$1\r\na\r\n"
    assert raw.cmd("LRANGE", "l", "0", "-1") == bulks(b"a", b"b", b"c")
    raw.cmd("RPUSH", "one", "x")
    assert raw.cmd("LMOVE", "one", "one", "right", "left") == b"$1\r\nx\r\n"
    assert raw.cmd("LRANGE", "one", "0", "-1") == bulks(b"x")


def test_lmpop(raw):
    raw.cmd("RPUSH", "b", "1", "2", "3", "4")
    assert raw.cmd("LMPOP", "2", "a", "b", "LEFT") == b"*2\r\n$1\r\nb\r\n" + bulks(b"1")
    assert raw.cmd("LMPOP", "2", "a", "b", "right", "COUNT", "2") == \
        b"*2\r\n$1\r\nb\r\n" + bulks(b"4", b"3")
    assert raw.cmd("LMPOP", "1", "b", "left", "count", "100") == b"*2\r\n$1\r\nb\r\n" + bulks(b"2")
    assert raw.cmd("EXISTS", "b") == b":0\r\n"
    assert raw.cmd("LMPOP", "2", "a", "b", "left") == b"*-1\r\n"
    raw.cmd("HELLO", "3")
    assert raw.cmd("LMPOP", "2", "a", "b", "left") == b"_\r\n"
    raw.cmd("RPUSH", "a", "x")
    assert raw.cmd("LMPOP", "1", "a", "left") == b"*2\r\n$1\r\na\r\n" + bulks(b"x")


def test_lmpop_errors(raw):
    numkeys = b"-ERR numkeys should be greater than 0\r\n"
    count = b"-ERR count should be greater than 0\r\n"
    raw.cmd("RPUSH", "l", "a")
    assert raw.cmd("LMPOP", "0", "l", "left") == numkeys
    assert raw.cmd("LMPOP", "-1", "l", "left") == numkeys
    assert raw.cmd("LMPOP", "abc", "l", "left") == numkeys
    assert raw.cmd("LMPOP", "9223372036854775808", "l", "left") == numkeys
    assert raw.cmd("LMPOP", "1", "l") == b"-ERR wrong number of arguments for 'lmpop' command\r\n"
    assert raw.cmd("LMPOP", "1", "l", "up") == SYNTAX
    assert raw.cmd("LMPOP", "2", "l", "left") == SYNTAX             # numkeys eats LEFT
    assert raw.cmd("LMPOP", "9223372036854775807", "l", "left") == SYNTAX
    assert raw.cmd("LMPOP", "1", "l", "left", "count") == SYNTAX
    assert raw.cmd("LMPOP", "1", "l", "left", "count", "0") == count
    assert raw.cmd("LMPOP", "1", "l", "left", "count", "abc") == count
    assert raw.cmd("LMPOP", "1", "l", "left", "count", "0", "foo") == count
    assert raw.cmd("LMPOP", "1", "l", "left", "foo", "count", "0") == SYNTAX
    assert raw.cmd("LMPOP", "1", "l", "left", "count", "1", "count", "2") == SYNTAX
    raw.cmd("SET", "s", "x")
    assert raw.cmd("LMPOP", "2", "nokey", "s", "left") == WRONGTYPE
    assert raw.cmd("LMPOP", "2", "l", "s", "left") == b"*2\r\n$1\r\nl\r\n" + bulks(b"a")


def test_type_encoding_and_copy(raw):
    raw.cmd("RPUSH", "l", "a", "b")
    assert raw.cmd("TYPE", "l") == b"+list\r\n"
    # Redis 7.0 reports quicklist for every list, small or large.
    assert raw.cmd("OBJECT", "ENCODING", "l") == b"$9\r\nquicklist\r\n"
    assert raw.cmd("COPY", "l", "c") == b":1\r\n"
    raw.cmd("RPUSH", "c", "z")
    assert raw.cmd("LLEN", "l") == b":2\r\n"
    assert raw.cmd("LRANGE", "c", "0", "-1") == bulks(b"a", b"b", b"z")
    raw.cmd("RPUSH", "big", *[b"x" * 100] * 200)
    assert raw.cmd("OBJECT", "ENCODING", "big") == b"$9\r\nquicklist\r\n"


def test_binary_and_empty_elements(r):
    r.rpush("l", b"", b"\x00\r\n", b"\xff" * 1000)
    assert r.lrange("l", 0, -1) == [b"", b"\x00\r\n", b"\xff" * 1000]
    assert r.lpos("l", b"") == 0
    assert r.lrem("l", 0, b"\x00\r\n") == 1


def test_expired_list_is_gone(raw):
    import time
    raw.cmd("RPUSH", "l", "a")
    raw.cmd("PEXPIRE", "l", "30")
    time.sleep(0.06)
    assert raw.cmd("LLEN", "l") == b":0\r\n"
    assert raw.cmd("RPUSH", "l", "b") == b":1\r\n"
    assert raw.cmd("TTL", "l") == b":-1\r\n"


@pytest.mark.parametrize("resp3", [False, True])
def test_non_blocking_paths_of_blocking_commands(raw, resp3):
    if resp3:
        raw.cmd("HELLO", "3")
    raw.cmd("RPUSH", "l", "a", "b", "c", "d")
    assert raw.cmd("BLPOP", "nokey", "l", "0") == bulks(b"l", b"a")
    assert raw.cmd("BRPOP", "l", "0") == bulks(b"l", b"d")
    assert raw.cmd("BLMOVE", "l", "m", "left", "right", "0") == b"$1\r\nb\r\n"
    assert raw.cmd("BRPOPLPUSH", "l", "m", "0") == b"$1\r\nc\r\n"
    assert raw.cmd("BLMPOP", "0", "1", "m", "right", "COUNT", "5") == \
        b"*2\r\n$1\r\nm\r\n" + bulks(b"b", b"c")
    assert raw.cmd("EXISTS", "l", "m") == b":0\r\n"


def test_blocking_argument_errors(raw):
    not_float = b"-ERR timeout is not a float or out of range\r\n"
    negative = b"-ERR timeout is negative\r\n"
    numkeys = b"-ERR numkeys should be greater than 0\r\n"
    raw.cmd("SET", "s", "x")
    assert raw.cmd("BLPOP", "l", "abc") == not_float
    assert raw.cmd("BLPOP", "l", "nan") == not_float
    assert raw.cmd("BLPOP", "l", " 1") == not_float
    assert raw.cmd("BLPOP", "l", "1e5000") == not_float
    assert raw.cmd("BLPOP", "l", "-1") == negative
    assert raw.cmd("BLPOP", "l", "inf") == negative
    assert raw.cmd("BLPOP", "l", "9223372036854775807") == negative   # ms overflow
    assert raw.cmd("BRPOP", "s", "0") == WRONGTYPE
    assert raw.cmd("BLPOP", "nokey", "s", "0") == WRONGTYPE
    assert raw.cmd("BLMOVE", "l", "d", "up", "right", "abc") == SYNTAX   # syntax first
    assert raw.cmd("BLMOVE", "l", "d", "left", "right", "abc") == not_float
    assert raw.cmd("BLMOVE", "s", "d", "left", "right", "0") == WRONGTYPE
    assert raw.cmd("BRPOPLPUSH", "l", "d", "-1") == negative
    assert raw.cmd("BLMPOP", "abc", "0", "l", "left") == numkeys      # numkeys first
    assert raw.cmd("BLMPOP", "abc", "1", "l", "up") == SYNTAX
    assert raw.cmd("BLMPOP", "-1", "1", "l", "left", "count", "0") == \
        b"-ERR count should be greater than 0\r\n"
    assert raw.cmd("BLMPOP", "abc", "1", "l", "left") == not_float
    assert raw.cmd("BLMPOP", "0", "2", "l", "left") == SYNTAX
    assert raw.cmd("BLMPOP", "0", "1", "s", "left") == WRONGTYPE
    assert raw.cmd("BLPOP", "l") == b"-ERR wrong number of arguments for 'blpop' command\r\n"


def test_client_unblock_argument_errors(raw):
    assert raw.cmd("CLIENT", "UNBLOCK", "abc") == NOT_INT
    assert raw.cmd("CLIENT", "UNBLOCK", "abc", "foo") == \
        b"-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n"
    assert raw.cmd("CLIENT", "UNBLOCK", "999999", "error") == b":0\r\n"
    assert raw.cmd("CLIENT", "UNBLOCK", "-1", "Timeout") == b":0\r\n"
    assert raw.cmd("CLIENT", "unblock", "1", "2", "3") == (
        b"-ERR unknown subcommand or wrong number of arguments for 'unblock'. "
        b"Try CLIENT HELP.\r\n")
    assert raw.cmd("CLIENT", "UNBLOCK") == \
        b"-ERR wrong number of arguments for 'client|unblock' command\r\n"
