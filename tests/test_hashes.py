"""Hash commands over the wire: exact reply bytes in RESP2 and RESP3, errors,
encodings, HRANDFIELD's shapes and randomness, HSCAN's guarantee.

Every literal error and reply below was checked against redis-server 7.0.15.
"""
import random
import time
from collections import Counter

import pytest

from redix.types.hash import HashValue
from tests.conftest import RawConnection, ServerProcess
from tests.differential import parse

WRONGTYPE = b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"


def bulks(*items) -> bytes:
    """A RESP array of bulk strings (the common reply shape here)."""
    items = [i if isinstance(i, bytes) else str(i).encode() for i in items]
    return b"*%d\r\n" % len(items) + b"".join(b"$%d\r\n%s\r\n" % (len(i), i) for i in items)


def arity(name: str) -> bytes:
    return b"-ERR wrong number of arguments for '%s' command\r\n" % name.encode()


def fields_of(raw, key) -> list:
    return parse(raw.cmd("HKEYS", key))


# --- setting and reading -------------------------------------------------------------------


def test_hset_hget_hmset(raw):
    assert raw.cmd("HSET", "h", "a", "1", "b", "2", "a", "3") == b":2\r\n"
    assert raw.cmd("HGET", "h", "a") == b"$1\r\n3\r\n"
    assert raw.cmd("HGET", "h", "nope") == b"$-1\r\n"
    assert raw.cmd("HGET", "nokey", "a") == b"$-1\r\n"
    assert raw.cmd("HSET", "h", "a", "4", "c", "5") == b":1\r\n"
    assert raw.cmd("HMSET", "h", "d", "6") == b"+OK\r\n"
    assert raw.cmd("HGETALL", "h") == bulks("a", "4", "b", "2", "c", "5", "d", "6")
    for args in (("HSET", "h"), ("HSET", "h", "a"), ("HSET", "h", "a", "1", "b")):
        assert raw.cmd(*args) == arity("hset")
    assert raw.cmd("hmset", "h", "x", "1", "y") == arity("hmset")
    assert raw.cmd("HMSET", "nokey", "x") == arity("hmset")
    assert raw.cmd("EXISTS", "nokey") == b":0\r\n"
    raw.cmd("HELLO", "3")
    assert raw.cmd("HGET", "h", "nope") == b"_\r\n"


def test_hsetnx(raw):
    assert raw.cmd("HSETNX", "h", "a", "1") == b":1\r\n"
    assert raw.cmd("HSETNX", "h", "a", "2") == b":0\r\n"
    assert raw.cmd("HGET", "h", "a") == b"$1\r\n1\r\n"
    assert raw.cmd("HSETNX", "h", "a") == arity("hsetnx")


def test_hmget(raw):
    raw.cmd("HSET", "h", "a", "1", "z", "5")
    assert raw.cmd("HMGET", "h", "a", "nope", "z") == b"*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n5\r\n"
    assert raw.cmd("HMGET", "nokey", "a", "b") == b"*2\r\n$-1\r\n$-1\r\n"
    assert raw.cmd("HMGET", "h") == arity("hmget")
    raw.cmd("HELLO", "3")
    assert raw.cmd("HMGET", "h", "a", "x") == b"*2\r\n$1\r\n1\r\n_\r\n"


def test_hgetall_keeps_listpack_order_in_both_protocols(raw):
    raw.cmd("HSET", "h", "a", "1", "b", "2", "c", "3")
    raw.cmd("HSET", "h", "a", "9")          # updated in place
    raw.cmd("HDEL", "h", "b")               # the gap closes
    raw.cmd("HSET", "h", "b", "7")          # back at the end
    assert raw.cmd("HGETALL", "h") == bulks("a", "9", "c", "3", "b", "7")
    assert raw.cmd("HKEYS", "h") == bulks("a", "c", "b")
    assert raw.cmd("HVALS", "h") == bulks("9", "3", "7")
    assert raw.cmd("HGETALL", "nokey") == b"*0\r\n"
    raw.cmd("HELLO", "3")
    assert raw.cmd("HGETALL", "h") == (b"%3\r\n$1\r\na\r\n$1\r\n9\r\n$1\r\nc\r\n$1\r\n3\r\n"
                                       b"$1\r\nb\r\n$1\r\n7\r\n")
    assert raw.cmd("HGETALL", "nokey") == b"%0\r\n"
    assert raw.cmd("HKEYS", "nokey") == b"*0\r\n"
    assert raw.cmd("HVALS", "nokey") == b"*0\r\n"


def test_hexists_hlen_hstrlen(raw):
    raw.cmd("HSET", "h", "a", "hello", "e", "")
    assert raw.cmd("HEXISTS", "h", "a") == b":1\r\n"
    assert raw.cmd("HEXISTS", "h", "x") == b":0\r\n"
    assert raw.cmd("HEXISTS", "nokey", "a") == b":0\r\n"
    assert raw.cmd("HLEN", "h") == b":2\r\n"
    assert raw.cmd("HLEN", "nokey") == b":0\r\n"
    assert raw.cmd("HSTRLEN", "h", "a") == b":5\r\n"
    assert raw.cmd("HSTRLEN", "h", "e") == b":0\r\n"
    assert raw.cmd("HSTRLEN", "h", "x") == b":0\r\n"
    assert raw.cmd("HSTRLEN", "nokey", "x") == b":0\r\n"
    assert raw.cmd("HSTRLEN", "h") == arity("hstrlen")


def test_hdel_counts_and_deletes_the_emptied_key(raw):
    raw.cmd("HSET", "h", "a", "1", "b", "2", "c", "3")
    assert raw.cmd("HDEL", "h", "a", "nope", "a") == b":1\r\n"
    assert raw.cmd("HDEL", "nokey", "a") == b":0\r\n"
    raw.cmd("EXPIRE", "h", "100")
    assert raw.cmd("HDEL", "h", "b", "c") == b":2\r\n"
    assert raw.cmd("EXISTS", "h") == b":0\r\n"
    assert raw.cmd("TYPE", "h") == b"+none\r\n"
    raw.cmd("HSET", "h", "a", "1")          # a new key: the old TTL is gone with the old one
    assert raw.cmd("TTL", "h") == b":-1\r\n"
    assert raw.cmd("HDEL", "h") == arity("hdel")


def test_wrongtype_everywhere(raw):
    raw.cmd("SET", "s", "x")
    for args in (("HSET", "s", "a", "1"), ("HMSET", "s", "a", "1"), ("HSETNX", "s", "a", "1"),
                 ("HGET", "s", "a"), ("HMGET", "s", "a"), ("HGETALL", "s"), ("HDEL", "s", "a"),
                 ("HEXISTS", "s", "a"), ("HLEN", "s"), ("HKEYS", "s"), ("HVALS", "s"),
                 ("HINCRBY", "s", "a", "1"), ("HINCRBYFLOAT", "s", "a", "1"),
                 ("HSTRLEN", "s", "a"), ("HRANDFIELD", "s"), ("HRANDFIELD", "s", "1"),
                 ("HSCAN", "s", "0")):
        assert raw.cmd(*args) == WRONGTYPE, args
    assert raw.cmd("GET", "s") == b"$1\r\nx\r\n"
    raw.cmd("HSET", "h", "a", "1")
    assert raw.cmd("GET", "h") == WRONGTYPE
    assert raw.cmd("TYPE", "h") == b"+hash\r\n"


def test_redis_py_round_trip(r):
    assert r.hset("h", mapping={"a": "1", "b": "2"}) == 2
    assert r.hgetall("h") == {b"a": b"1", b"b": b"2"}
    assert r.hincrby("h", "a", 5) == 6
    assert r.hincrbyfloat("h", "b", 0.5) == 2.5
    assert r.hmget("h", ["a", "zz"]) == [b"6", None]
    assert r.hlen("h") == 2
    assert r.hrandfield("h", 5, withvalues=True) == [b"a", b"6", b"b", b"2.5"]
    assert r.hscan("h") == (0, {b"a": b"6", b"b": b"2.5"})
    assert r.hdel("h", "a", "b") == 2
    assert r.exists("h") == 0


# --- counters --------------------------------------------------------------------------------


def test_hincrby(raw):
    assert raw.cmd("HINCRBY", "h", "n", "5") == b":5\r\n"
    assert raw.cmd("HINCRBY", "h", "n", "-7") == b":-2\r\n"
    assert raw.cmd("HGET", "h", "n") == b"$2\r\n-2\r\n"
    assert raw.cmd("HINCRBY", "h", "big", "9223372036854775807") == b":9223372036854775807\r\n"
    assert raw.cmd("HINCRBY", "h", "big", "1") == b"-ERR increment or decrement would overflow\r\n"
    assert raw.cmd("HINCRBY", "h", "big", "-9223372036854775808") == b":-1\r\n"
    assert raw.cmd("HINCRBY", "h", "n", "-9223372036854775808") == \
        b"-ERR increment or decrement would overflow\r\n"
    for bad in ("abc", "01", "1.0", " 1", "9223372036854775808", ""):
        assert raw.cmd("HINCRBY", "h", "n", bad) == \
            b"-ERR value is not an integer or out of range\r\n", bad
    for stored in ("abc", "01", "-0", "+1", "1.0", " 1", "12345678901234567890", ""):
        raw.cmd("HSET", "h", "v", stored)
        assert raw.cmd("HINCRBY", "h", "v", "1") == b"-ERR hash value is not an integer\r\n"
        assert raw.cmd("HGET", "h", "v") == bulks(stored)[4:]
    # Arguments are checked before the key: no key is created by a failing call.
    assert raw.cmd("HINCRBY", "nokey", "f", "x") == b"-ERR value is not an integer or out of range\r\n"
    assert raw.cmd("EXISTS", "nokey") == b":0\r\n"
    raw.cmd("SET", "s", "x")
    assert raw.cmd("HINCRBY", "s", "f", "x") == b"-ERR value is not an integer or out of range\r\n"


def test_hincrbyfloat(raw):
    assert raw.cmd("HINCRBYFLOAT", "h", "f", "1.5") == b"$3\r\n1.5\r\n"
    assert raw.cmd("HINCRBYFLOAT", "h", "f", "-1.5") == b"$1\r\n0\r\n"
    assert raw.cmd("HINCRBYFLOAT", "h", "f", "5.0e3") == b"$4\r\n5000\r\n"
    assert raw.cmd("HINCRBYFLOAT", "h", "f", "-0.25") == b"$7\r\n4999.75\r\n"
    assert raw.cmd("HINCRBYFLOAT", "h", "g", "1e20") == b"$21\r\n100000000000000000000\r\n"
    for stored, result in ((".5", b"1.5"), ("5.", b"6"), ("1e1", b"11"), ("-0.0", b"1"),
                           ("10", b"11")):
        raw.cmd("HSET", "h", "v", stored)
        assert raw.cmd("HINCRBYFLOAT", "h", "v", "1") == bulks(result)[4:], stored
    assert raw.cmd("HINCRBYFLOAT", "h", "f", "abc") == b"-ERR value is not a valid float\r\n"
    assert raw.cmd("HINCRBYFLOAT", "h", "f", "nan") == b"-ERR value is not a valid float\r\n"
    assert raw.cmd("HINCRBYFLOAT", "h", "f", " 1") == b"-ERR value is not a valid float\r\n"
    for inf in ("inf", "-inf", "+inf"):
        assert raw.cmd("HINCRBYFLOAT", "h", "f", inf) == b"-ERR value is NaN or Infinity\r\n"
    for stored in ("abc", "nan", "1 ", ""):
        raw.cmd("HSET", "h", "v", stored)
        assert raw.cmd("HINCRBYFLOAT", "h", "v", "1") == b"-ERR hash value is not a float\r\n"
    raw.cmd("HSET", "h", "v", "inf")
    assert raw.cmd("HINCRBYFLOAT", "h", "v", "1") == \
        b"-ERR increment would produce NaN or Infinity\r\n"
    raw.cmd("SET", "s", "x")
    assert raw.cmd("HINCRBYFLOAT", "s", "f", "abc") == b"-ERR value is not a valid float\r\n"
    assert raw.cmd("HINCRBYFLOAT", "s", "f", "inf") == b"-ERR value is NaN or Infinity\r\n"
    assert raw.cmd("HINCRBYFLOAT", "nokey", "f", "x") == b"-ERR value is not a valid float\r\n"
    assert raw.cmd("EXISTS", "nokey") == b":0\r\n"


def test_hincrbyfloat_computes_in_long_double(raw):
    assert raw.cmd("HINCRBYFLOAT", "h", "f", "0.1") == b"$3\r\n0.1\r\n"
    assert raw.cmd("HINCRBYFLOAT", "h", "f", "0.2") == b"$3\r\n0.3\r\n"
    assert raw.cmd("HINCRBYFLOAT", "h", "q", "123456789012345678") == b"$18\r\n123456789012345678\r\n"
    assert raw.cmd("HINCRBYFLOAT", "h", "x", "0x10") == b"$2\r\n16\r\n"
    assert raw.cmd("HINCRBYFLOAT", "h", "x", "1e5000") == b"-ERR value is not a valid float\r\n"
    raw.cmd("HSET", "h", "g", "1e400")
    assert raw.cmd("HINCRBYFLOAT", "h", "g", "1").startswith(b"$401\r\n1000000000000000000028")


# --- encodings -------------------------------------------------------------------------------


def encoding(raw, key) -> bytes:
    return raw.cmd("OBJECT", "ENCODING", key)


LISTPACK, HASHTABLE = b"$8\r\nlistpack\r\n", b"$9\r\nhashtable\r\n"


def test_encoding_by_entries_is_one_way(raw):
    pairs = [x for i in range(512) for x in (f"f{i}", "v")]
    raw.cmd("HSET", "h", *pairs)
    assert encoding(raw, "h") == LISTPACK
    raw.cmd("HSET", "h", "f0", "again")
    assert encoding(raw, "h") == LISTPACK
    raw.cmd("HSET", "h", "one-more", "v")
    assert encoding(raw, "h") == HASHTABLE
    raw.cmd("HDEL", "h", *[f"f{i}" for i in range(500)])
    assert raw.cmd("HLEN", "h") == b":13\r\n"
    assert encoding(raw, "h") == HASHTABLE
    raw.cmd("DEL", "h")
    raw.cmd("HSET", "h", "a", "1")
    assert encoding(raw, "h") == LISTPACK


def test_encoding_by_length_of_what_is_written(raw):
    raw.cmd("HSET", "h", "a", "v" * 64, "f" * 64, "1")
    assert encoding(raw, "h") == LISTPACK
    for i, args in enumerate((("HSET", "h%d", "a", "v" * 65), ("HSET", "h%d", "f" * 65, "1"),
                              ("HMSET", "h%d", "a", "v" * 65), ("HSETNX", "h%d", "f" * 65, "1"),
                              ("HSETNX", "h%d", "a", "v" * 65), ("HINCRBY", "h%d", "f" * 65, "1"),
                              ("HINCRBYFLOAT", "h%d", "f" * 65, "1"),
                              ("HINCRBYFLOAT", "h%d", "f", str(2 ** 240)))):
        key = args[1] % i
        assert not raw.cmd(args[0], key, *args[2:]).startswith(b"-")
        assert encoding(raw, key) == HASHTABLE, args
    # HSETNX that writes nothing converts nothing.
    raw.cmd("HSET", "n", "a", "1")
    assert raw.cmd("HSETNX", "n", "a", "v" * 65) == b":0\r\n"
    assert encoding(raw, "n") == LISTPACK


def test_encoding_limits_come_from_config():
    with ServerProcess("--hash-max-listpack-entries", "2", "--hash-max-listpack-value", "3") as srv:
        conn = RawConnection(srv.port)
        conn.cmd("HSET", "a", "x", "1", "y", "2")
        assert encoding(conn, "a") == LISTPACK
        conn.cmd("HSET", "a", "z", "3")
        assert encoding(conn, "a") == HASHTABLE
        conn.cmd("HSET", "b", "x", "abcd")
        assert encoding(conn, "b") == HASHTABLE
        conn.close()


def test_copy_is_independent_and_keeps_encoding(raw):
    raw.cmd("HSET", "h", "a", "1", "big", "v" * 100)
    assert raw.cmd("COPY", "h", "c") == b":1\r\n"
    raw.cmd("HSET", "c", "a", "changed")
    raw.cmd("HDEL", "c", "big")
    assert raw.cmd("HGET", "h", "a") == b"$1\r\n1\r\n"
    assert raw.cmd("HLEN", "h") == b":2\r\n"
    assert encoding(raw, "c") == HASHTABLE
    raw.cmd("HSET", "small", "a", "1")
    raw.cmd("COPY", "small", "small2")
    assert encoding(raw, "small2") == LISTPACK
    assert raw.cmd("TYPE", "small2") == b"+hash\r\n"


# --- HRANDFIELD -------------------------------------------------------------------------------


def test_hrandfield_shapes(raw):
    raw.cmd("HSET", "h", "a", "1", "b", "2", "c", "3")
    assert raw.cmd("HRANDFIELD", "h") in (b"$1\r\na\r\n", b"$1\r\nb\r\n", b"$1\r\nc\r\n")
    assert raw.cmd("HRANDFIELD", "nokey") == b"$-1\r\n"
    for count in ("3", "5", "9223372036854775807"):      # the whole hash, in its order
        assert raw.cmd("HRANDFIELD", "h", count) == bulks("a", "b", "c")
    assert raw.cmd("HRANDFIELD", "h", "4", "WITHVALUES") == bulks("a", "1", "b", "2", "c", "3")
    assert raw.cmd("HRANDFIELD", "h", "0") == b"*0\r\n"
    assert raw.cmd("HRANDFIELD", "h", "0", "withvalues") == b"*0\r\n"
    for args in (("3",), ("-3",), ("3", "WITHVALUES"), ("-3", "WITHVALUES"), ("0",)):
        assert raw.cmd("HRANDFIELD", "nokey", *args) == b"*0\r\n"
    two = parse(raw.cmd("HRANDFIELD", "h", "2"))
    assert len(set(two)) == 2 and set(two) <= {b"a", b"b", b"c"}
    many = parse(raw.cmd("HRANDFIELD", "h", "-10"))
    assert len(many) == 10 and set(many) <= {b"a", b"b", b"c"}
    flat = parse(raw.cmd("HRANDFIELD", "h", "-6", "WITHVALUES"))
    assert len(flat) == 12
    values = {b"a": b"1", b"b": b"2", b"c": b"3"}
    assert all(values[f] == v for f, v in zip(flat[::2], flat[1::2]))
    raw.cmd("HELLO", "3")
    assert raw.cmd("HRANDFIELD", "nokey") == b"_\r\n"
    assert raw.cmd("HRANDFIELD", "h", "3", "WITHVALUES") == (
        b"*3\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n"
        b"*2\r\n$1\r\nc\r\n$1\r\n3\r\n")
    pairs = parse(raw.cmd("HRANDFIELD", "h", "-5", "WITHVALUES"))
    assert len(pairs) == 5 and all(len(p) == 2 and values[p[0]] == p[1] for p in pairs)
    assert raw.cmd("HRANDFIELD", "h", "0", "WITHVALUES") == b"*0\r\n"


def test_hrandfield_errors_in_redis_order(raw):
    raw.cmd("HSET", "h", "a", "1")
    raw.cmd("SET", "s", "x")
    not_int = b"-ERR value is not an integer or out of range\r\n"
    long_range = (b"-ERR value is out of range, value must between -9223372036854775807 and "
                  b"9223372036854775807\r\n")
    assert raw.cmd("HRANDFIELD", "h", "abc") == not_int
    assert raw.cmd("HRANDFIELD", "s", "abc") == not_int            # before the type check
    assert raw.cmd("HRANDFIELD", "h", "-9223372036854775808") == long_range
    assert raw.cmd("HRANDFIELD", "nokey", "-9223372036854775808") == long_range
    assert raw.cmd("HRANDFIELD", "h", "9223372036854775808") == not_int
    for count in ("4611686018427387904", "-4611686018427387904", "9223372036854775807"):
        assert raw.cmd("HRANDFIELD", "nokey", count, "WITHVALUES") == b"-ERR value is out of range\r\n"
    for count in ("4611686018427387903", "-4611686018427387903"):
        assert raw.cmd("HRANDFIELD", "nokey", count, "WITHVALUES") == b"*0\r\n"
    for args in (("1", "foo"), ("1", "WITHVALUES", "x"), ("1", "withvalues", "withvalues")):
        assert raw.cmd("HRANDFIELD", "h", *args) == b"-ERR syntax error\r\n"
        assert raw.cmd("HRANDFIELD", "s", *args) == b"-ERR syntax error\r\n"
    assert raw.cmd("HRANDFIELD") == arity("hrandfield")


@pytest.mark.parametrize("big_value", [False, True], ids=["listpack", "hashtable"])
def test_hrandfield_is_uniform(raw, big_value):
    fields = [f"f{i}" for i in range(20)]
    raw.cmd("HSET", "h", *[x for f in fields for x in (f, "v")])
    if big_value:
        raw.cmd("HSET", "h", "f0", "v" * 100)
    assert encoding(raw, "h") == (HASHTABLE if big_value else LISTPACK)
    counts = Counter(parse(raw.cmd("HRANDFIELD", "h", "-20000")))
    # 1000 expected each, standard deviation about 31.
    assert set(counts) == {f.encode() for f in fields}
    assert all(800 < n < 1200 for n in counts.values()), counts
    distinct = Counter()
    for _ in range(300):
        picked = parse(raw.cmd("HRANDFIELD", "h", "5"))
        assert len(set(picked)) == 5
        distinct.update(picked)
    # 75 expected each, standard deviation about 7.5.
    assert all(30 < n < 120 for n in distinct.values()) and len(distinct) == 20, distinct


def test_hrandfield_follows_changes_of_a_big_hash(raw):
    raw.cmd("HSET", "h", *[x for i in range(600) for x in (f"f{i}", "v")])
    assert encoding(raw, "h") == HASHTABLE
    parse(raw.cmd("HRANDFIELD", "h", "-10"))          # the random-access index now exists
    raw.cmd("HDEL", "h", *[f"f{i}" for i in range(590)])
    raw.cmd("HSET", "h", "new1", "x", "new2", "y")
    expected = set(fields_of(raw, "h"))
    assert len(expected) == 12
    assert set(parse(raw.cmd("HRANDFIELD", "h", "-3000"))) == expected
    assert set(parse(raw.cmd("HRANDFIELD", "h", "12"))) == expected
    picked = parse(raw.cmd("HRANDFIELD", "h", "-50", "WITHVALUES"))
    assert all(v == (b"x" if f == b"new1" else b"y" if f == b"new2" else b"v")
               for f, v in zip(picked[::2], picked[1::2]))


def test_random_index_model():
    """HashValue's random-access index against a dict, over random changes."""
    rng = random.Random(7)
    value, model = HashValue(listpack=False), {}
    for step in range(3000):
        field = b"f%d" % rng.randrange(200)
        if rng.random() < 0.55:
            assert value.set(field, b"%d" % step) == (field not in model)
            model[field] = b"%d" % step
        else:
            assert value.delete(field) == (field in model)
            model.pop(field, None)
        if step % 100 == 0 and model:
            value.random_field()            # builds the index on the first call
        if value.pos is not None:
            assert sorted(value.fields) == sorted(model)
            assert all(value.fields[i] == f for f, i in value.pos.items())
    assert value.data == model


def test_random_picks_cost_does_not_grow_with_a_hashtable_hash():
    """HRANDFIELD on a hashtable hash is O(count) once its index exists, changes included."""
    def timed(size):
        value = HashValue({b"f%d" % i: b"v" for i in range(size)}, listpack=False)
        value.random_field()
        start = time.perf_counter()
        for i in range(300):
            value.sample(5)
            value.random_fields(5)
            value.delete(value.random_field())
            value.set(b"new%d" % i, b"v")
        return time.perf_counter() - start
    small, big = min(timed(600) for _ in range(3)), min(timed(300_000) for _ in range(3))
    assert big < 5 * small + 0.05, (small, big)


# --- HSCAN ------------------------------------------------------------------------------------


def test_hscan_small_hash_comes_whole(raw):
    raw.cmd("HSET", "h", "a", "1", "b", "2", "c", "3")
    whole = b"*2\r\n$1\r\n0\r\n" + bulks("a", "1", "b", "2", "c", "3")
    assert raw.cmd("HSCAN", "h", "0") == whole
    assert raw.cmd("HSCAN", "h", "0", "COUNT", "1") == whole
    assert raw.cmd("HSCAN", "h", "12345") == whole
    assert raw.cmd("HSCAN", "h", "0", "MATCH", "a*") == b"*2\r\n$1\r\n0\r\n" + bulks("a", "1")
    assert raw.cmd("HSCAN", "h", "0", "match", "*", "count", "5") == whole
    raw.cmd("HELLO", "3")
    assert raw.cmd("HSCAN", "h", "0") == whole


def test_hscan_errors_in_redis_order(raw):
    raw.cmd("HSET", "h", "a", "1")
    raw.cmd("SET", "s", "x")
    assert raw.cmd("HSCAN", "h", "abc") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("HSCAN", "nokey", "abc") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("HSCAN", "s", "abc") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("HSCAN", "s", "0", "foo") == WRONGTYPE
    # A missing key replies before the options are read.
    assert raw.cmd("HSCAN", "nokey", "0", "foo") == b"*2\r\n$1\r\n0\r\n*0\r\n"
    assert raw.cmd("HSCAN", "nokey", "0", "COUNT", "0") == b"*2\r\n$1\r\n0\r\n*0\r\n"
    for options in (("COUNT", "0"), ("COUNT", "-1"), ("TYPE", "string"), ("NOVALUES",),
                    ("MATCH",), ("foo", "bar")):
        assert raw.cmd("HSCAN", "h", "0", *options) == b"-ERR syntax error\r\n", options
    assert raw.cmd("HSCAN", "h", "0", "COUNT", "x") == \
        b"-ERR value is not an integer or out of range\r\n"
    assert raw.cmd("HSCAN", "h") == arity("hscan")


def hscan_all(raw, key, count="10", between=None):
    """A full HSCAN iteration: ({field: value}, calls); ``between()`` runs after each call."""
    seen, cursor, calls = {}, b"0", 0
    while True:
        reply = parse(raw.cmd("HSCAN", key, cursor, "COUNT", count))
        cursor, flat = reply
        calls += 1
        seen.update(zip(flat[::2], flat[1::2]))
        if cursor == b"0":
            return seen, calls
        if between:
            between()
        assert calls < 10000


def test_hscan_big_hash_returns_every_stable_field_despite_churn(raw):
    stable = {f"s{i}".encode(): f"v{i}".encode() for i in range(700)}
    raw.cmd("HSET", "h", *[x for kv in stable.items() for x in kv])
    volatile = [f"x{i}" for i in range(300)]
    raw.cmd("HSET", "h", *[x for f in volatile for x in (f, "v")])
    assert encoding(raw, "h") == HASHTABLE
    rng = random.Random(3)
    serial = [0]

    def churn():
        for _ in range(5):
            if rng.random() < 0.5 and volatile:
                raw.cmd("HDEL", "h", volatile.pop(rng.randrange(len(volatile))))
            else:
                serial[0] += 1
                volatile.append(f"n{serial[0]}")
                raw.cmd("HSET", "h", volatile[-1], "v")
    seen, calls = hscan_all(raw, "h", "10", churn)
    assert calls > 20
    assert all(seen.get(f) == v for f, v in stable.items())
    seen, _ = hscan_all(raw, "h", "1000")
    assert set(seen) == set(fields_of(raw, "h"))
    only_s1 = {}
    cursor = b"0"
    while True:
        cursor, flat = parse(raw.cmd("HSCAN", "h", cursor, "MATCH", "s1?", "COUNT", "50"))
        only_s1.update(zip(flat[::2], flat[1::2]))
        if cursor == b"0":
            break
    assert only_s1 == {f: v for f, v in stable.items() if len(f) == 3 and f.startswith(b"s1")}
