"""Set commands over the wire: exact reply bytes in RESP2 and RESP3, errors,
encodings (intset order included), random members, set algebra, SSCAN's guarantee.

Every literal error and reply below was checked against redis-server 7.0.15.
A hashtable set's order is arbitrary in Redis, so such replies are compared
as sets here.
"""
import random
import time
from collections import Counter

import pytest

from redix.types.set import SetValue
from tests.conftest import RawConnection, ServerProcess
from tests.differential import parse
from tests.test_hashes import WRONGTYPE, arity, bulks

INTSET, HASHTABLE = b"$6\r\nintset\r\n", b"$9\r\nhashtable\r\n"


def encoding(raw, key) -> bytes:
    return raw.cmd("OBJECT", "ENCODING", key)


def members(raw, key) -> set:
    return set(parse(raw.cmd("SMEMBERS", key)))


def as_set(reply: bytes) -> set:
    items = parse(reply)
    assert len(items) == len(set(items)), reply
    return set(items)


# --- adding, removing, membership ------------------------------------------------------------


def test_sadd_srem_scard(raw):
    assert raw.cmd("SADD", "s", "a", "b", "a", "c") == b":3\r\n"
    assert raw.cmd("SADD", "s", "a", "d") == b":1\r\n"
    assert raw.cmd("SCARD", "s") == b":4\r\n"
    assert raw.cmd("SCARD", "nokey") == b":0\r\n"
    assert raw.cmd("SREM", "s", "a", "zz", "a") == b":1\r\n"
    assert raw.cmd("SREM", "nokey", "a") == b":0\r\n"
    raw.cmd("EXPIRE", "s", "100")
    assert raw.cmd("SREM", "s", "b", "c", "d") == b":3\r\n"
    assert raw.cmd("EXISTS", "s") == b":0\r\n"
    raw.cmd("SADD", "s", "x")
    assert raw.cmd("TTL", "s") == b":-1\r\n"
    assert raw.cmd("SADD", "s") == arity("sadd")
    assert raw.cmd("SREM", "s") == arity("srem")


def test_sismember_smismember(raw):
    raw.cmd("SADD", "s", "a", "1")
    assert raw.cmd("SISMEMBER", "s", "a") == b":1\r\n"
    assert raw.cmd("SISMEMBER", "s", "b") == b":0\r\n"
    assert raw.cmd("SISMEMBER", "nokey", "a") == b":0\r\n"
    assert raw.cmd("SMISMEMBER", "s", "a", "b", "1", "a") == b"*4\r\n:1\r\n:0\r\n:1\r\n:1\r\n"
    assert raw.cmd("SMISMEMBER", "nokey", "a", "b") == b"*2\r\n:0\r\n:0\r\n"
    assert raw.cmd("SISMEMBER", "s", "a", "b") == arity("sismember")
    assert raw.cmd("SMISMEMBER", "s") == arity("smismember")


def test_wrongtype_everywhere(raw):
    raw.cmd("SET", "str", "x")
    raw.cmd("SADD", "s", "a")
    for args in (("SADD", "str", "a"), ("SREM", "str", "a"), ("SMEMBERS", "str"),
                 ("SISMEMBER", "str", "a"), ("SMISMEMBER", "str", "a"), ("SCARD", "str"),
                 ("SPOP", "str"), ("SPOP", "str", "1"), ("SRANDMEMBER", "str"),
                 ("SRANDMEMBER", "str", "1"), ("SMOVE", "str", "s", "a"),
                 ("SMOVE", "s", "str", "a"), ("SMOVE", "s", "str", "nope"),
                 ("SMOVE", "str", "nokey", "a"), ("SINTER", "s", "str"),
                 ("SINTER", "nokey", "str"), ("SUNION", "nokey", "str"),
                 ("SDIFF", "nokey", "str"), ("SDIFF", "s", "nokey", "str"),
                 ("SINTERCARD", "2", "nokey", "str"), ("SINTERSTORE", "d", "nokey", "str"),
                 ("SUNIONSTORE", "d", "s", "str"), ("SDIFFSTORE", "d", "nokey", "str"),
                 ("SSCAN", "str", "0")):
        assert raw.cmd(*args) == WRONGTYPE, args
    assert raw.cmd("EXISTS", "d") == b":0\r\n"
    assert raw.cmd("GET", "s") == WRONGTYPE
    assert raw.cmd("TYPE", "s") == b"+set\r\n"


def test_redis_py_round_trip(r):
    assert r.sadd("s", "b", "a", "c") == 3
    assert r.smembers("s") == {b"a", b"b", b"c"}
    assert r.sismember("s", "a") == 1
    assert r.smismember("s", ["a", "z"]) == [1, 0]
    r.sadd("t", "b", "x")
    assert r.sinter("s", "t") == {b"b"}
    assert r.sunion("s", "t") == {b"a", b"b", b"c", b"x"}
    assert r.sdiff("s", "t") == {b"a", b"c"}
    assert r.sintercard(2, ["s", "t"]) == 1
    assert r.smove("s", "t", "a") is True
    cursor, found = r.sscan("t")
    assert cursor == 0 and sorted(found) == [b"a", b"b", b"x"]
    assert r.spop("t", 5) and not r.exists("t")


# --- SMEMBERS order and encodings ----------------------------------------------------------


def test_intsets_list_in_numeric_order(raw):
    raw.cmd("SADD", "i", "10", "3", "-5", "2", "-9223372036854775808", "9223372036854775807")
    sorted_reply = bulks("-9223372036854775808", "-5", "2", "3", "10", "9223372036854775807")
    assert encoding(raw, "i") == INTSET
    assert raw.cmd("SMEMBERS", "i") == sorted_reply
    assert raw.cmd("SSCAN", "i", "0") == b"*2\r\n$1\r\n0\r\n" + sorted_reply
    assert raw.cmd("SRANDMEMBER", "i", "6") == sorted_reply
    assert raw.cmd("SMEMBERS", "nokey") == b"*0\r\n"
    raw.cmd("HELLO", "3")
    assert raw.cmd("SMEMBERS", "i") == b"~" + sorted_reply[1:]
    assert raw.cmd("SMEMBERS", "nokey") == b"~0\r\n"
    assert raw.cmd("SRANDMEMBER", "i", "6") == sorted_reply     # an array: it may repeat


def test_encoding_intset_to_hashtable_is_one_way(raw):
    raw.cmd("SADD", "s", "1", "2", "3")
    assert encoding(raw, "s") == INTSET
    raw.cmd("SADD", "s", "a")
    assert encoding(raw, "s") == HASHTABLE
    raw.cmd("SREM", "s", "a")
    assert encoding(raw, "s") == HASHTABLE
    raw.cmd("SADD", "t", "a")
    raw.cmd("SREM", "t", "a")                 # emptied: deleted, the next set starts afresh
    raw.cmd("SADD", "t", "1")
    assert encoding(raw, "t") == INTSET
    for i, member in enumerate(("01", "-0", "+1", " 1", "1 ", "9223372036854775808", "1.0", "")):
        raw.cmd("SADD", f"x{i}", member)
        assert encoding(raw, f"x{i}") == HASHTABLE, member
    raw.cmd("SADD", "big", *range(512))
    assert encoding(raw, "big") == INTSET
    raw.cmd("SADD", "big", "512")
    assert encoding(raw, "big") == HASHTABLE
    raw.cmd("SREM", "big", *range(500))
    assert encoding(raw, "big") == HASHTABLE


def test_encoding_limit_comes_from_config():
    with ServerProcess("--set-max-intset-entries", "2") as srv:
        conn = RawConnection(srv.port)
        conn.cmd("SADD", "s", "1", "2")
        assert encoding(conn, "s") == INTSET
        conn.cmd("SADD", "s", "3")
        assert encoding(conn, "s") == HASHTABLE
        conn.cmd("SADD", "a", "1", "2")
        conn.cmd("SADD", "b", "3")
        assert conn.cmd("SUNIONSTORE", "u", "a", "b") == b":3\r\n"
        assert encoding(conn, "u") == HASHTABLE
        conn.close()


def test_copy_is_independent_and_keeps_encoding(raw):
    raw.cmd("SADD", "s", "1", "2")
    raw.cmd("COPY", "s", "c")
    raw.cmd("SADD", "c", "x")
    assert raw.cmd("SMEMBERS", "s") == bulks("1", "2")
    assert encoding(raw, "s") == INTSET and encoding(raw, "c") == HASHTABLE
    raw.cmd("COPY", "c", "c2")
    assert encoding(raw, "c2") == HASHTABLE
    assert members(raw, "c2") == {b"1", b"2", b"x"}


# --- SPOP, SRANDMEMBER ----------------------------------------------------------------------


def test_spop(raw):
    raw.cmd("SADD", "s", "a", "b", "c")
    one = raw.cmd("SPOP", "s")
    assert one in (b"$1\r\na\r\n", b"$1\r\nb\r\n", b"$1\r\nc\r\n")
    assert raw.cmd("SCARD", "s") == b":2\r\n"
    assert raw.cmd("SISMEMBER", "s", one[4:5]) == b":0\r\n"
    assert raw.cmd("SPOP", "nokey") == b"$-1\r\n"
    assert raw.cmd("SPOP", "s", "0") == b"*0\r\n"
    assert raw.cmd("SPOP", "nokey", "3") == b"*0\r\n"
    popped = as_set(raw.cmd("SPOP", "s", "1"))
    assert len(popped) == 1 and raw.cmd("SCARD", "s") == b":1\r\n"
    raw.cmd("SPOP", "s")
    assert raw.cmd("EXISTS", "s") == b":0\r\n"
    raw.cmd("SADD", "i", "3", "1", "2")
    assert raw.cmd("SPOP", "i", "9223372036854775807") == bulks("1", "2", "3")
    assert raw.cmd("EXISTS", "i") == b":0\r\n"
    raw.cmd("HELLO", "3")
    raw.cmd("SADD", "i", "3", "1", "2")
    assert raw.cmd("SPOP", "i", "3") == b"~3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n"
    assert raw.cmd("SPOP", "nokey", "2") == b"~0\r\n"
    assert raw.cmd("SPOP", "nokey") == b"_\r\n"


def test_spop_errors(raw):
    raw.cmd("SADD", "s", "a")
    raw.cmd("SET", "str", "x")
    positive = b"-ERR value is out of range, must be positive\r\n"
    for count in ("-1", "abc", "9223372036854775808", "-9223372036854775808", "1.5"):
        assert raw.cmd("SPOP", "s", count) == positive, count
    assert raw.cmd("SPOP", "nokey", "-1") == positive
    assert raw.cmd("SPOP", "str", "-1") == positive        # before the type check
    assert raw.cmd("SPOP", "s", "1", "2") == b"-ERR syntax error\r\n"
    assert raw.cmd("SPOP", "str", "1", "2") == b"-ERR syntax error\r\n"
    assert raw.cmd("SPOP") == arity("spop")


def test_spop_leaving_a_fifth_rebuilds_the_encoding(raw):
    # A hashtable set of integers only (its one string is gone): SPOP leaving at
    # most a fifth of the popped count rebuilds it, as an intset; a smaller pop does not.
    for count, expected in ((9, HASHTABLE), (10, INTSET)):
        raw.cmd("DEL", "s")
        raw.cmd("SADD", "s", "a", *range(1, 12))
        raw.cmd("SREM", "s", "a")
        assert len(as_set(raw.cmd("SPOP", "s", str(count)))) == count
        assert encoding(raw, "s") == expected, count
        assert raw.cmd("SCARD", "s") == b":%d\r\n" % (11 - count)


def test_srandmember(raw):
    raw.cmd("SADD", "s", "a", "b", "c")
    assert raw.cmd("SRANDMEMBER", "s") in (b"$1\r\na\r\n", b"$1\r\nb\r\n", b"$1\r\nc\r\n")
    assert raw.cmd("SRANDMEMBER", "nokey") == b"$-1\r\n"
    assert raw.cmd("SRANDMEMBER", "s", "0") == b"*0\r\n"
    assert raw.cmd("SRANDMEMBER", "nokey", "5") == b"*0\r\n"
    assert raw.cmd("SRANDMEMBER", "nokey", "-5") == b"*0\r\n"
    assert as_set(raw.cmd("SRANDMEMBER", "s", "5")) == {b"a", b"b", b"c"}
    two = as_set(raw.cmd("SRANDMEMBER", "s", "2"))
    assert len(two) == 2 and two <= {b"a", b"b", b"c"}
    many = parse(raw.cmd("SRANDMEMBER", "s", "-10"))
    assert len(many) == 10 and set(many) <= {b"a", b"b", b"c"}
    assert raw.cmd("SCARD", "s") == b":3\r\n"
    raw.cmd("HELLO", "3")
    assert raw.cmd("SRANDMEMBER", "nokey") == b"_\r\n"
    assert raw.cmd("SRANDMEMBER", "s", "-2")[:4] == b"*2\r\n"


def test_srandmember_errors(raw):
    raw.cmd("SADD", "s", "a")
    raw.cmd("SET", "str", "x")
    long_range = (b"-ERR value is out of range, value must between -9223372036854775807 and "
                  b"9223372036854775807\r\n")
    assert raw.cmd("SRANDMEMBER", "s", "-9223372036854775808") == long_range
    assert raw.cmd("SRANDMEMBER", "str", "-9223372036854775808") == long_range
    assert raw.cmd("SRANDMEMBER", "s", "abc") == b"-ERR value is not an integer or out of range\r\n"
    assert raw.cmd("SRANDMEMBER", "s", "1", "2") == b"-ERR syntax error\r\n"
    assert raw.cmd("SRANDMEMBER", "s", "9223372036854775807") == bulks("a")


@pytest.mark.parametrize("kind", ["intset", "hashtable"])
def test_random_members_are_uniform(raw, kind):
    # Stricter than Redis: its hashtable picks (a random bucket, then a place in
    # its chain) are measurably uneven; Redix picks by position, evenly.
    items = [str(i) for i in range(20)] if kind == "intset" else [f"m{i}" for i in range(20)]
    raw.cmd("SADD", "s", *items)
    assert encoding(raw, "s") == (INTSET if kind == "intset" else HASHTABLE)
    counts = Counter(parse(raw.cmd("SRANDMEMBER", "s", "-20000")))
    # 1000 expected each, standard deviation about 31.
    assert set(counts) == {i.encode() for i in items}
    assert all(800 < n < 1200 for n in counts.values()), counts
    distinct, popped = Counter(), Counter()
    for _ in range(300):
        distinct.update(as_set(raw.cmd("SRANDMEMBER", "s", "5")))
        got = as_set(raw.cmd("SPOP", "s", "5"))
        popped.update(got)
        raw.cmd("SADD", "s", *got)
    # 75 expected each, standard deviation about 7.5.
    for counter in (distinct, popped):
        assert len(counter) == 20 and all(30 < n < 120 for n in counter.values()), counter


def test_set_value_model():
    """SetValue's list and positions stay in step with a plain set over random changes."""
    rng = random.Random(11)
    value, model = SetValue(), set()
    for step in range(4000):
        op = rng.random()
        member = b"%d" % rng.randrange(300) if rng.random() < 0.8 else b"m%d" % rng.randrange(50)
        if op < 0.45:
            assert value.add(member, 512) == (member not in model)
            model.add(member)
        elif op < 0.75:
            assert value.remove(member) == (member in model)
            model.discard(member)
        elif op < 0.85 and model:
            model.remove(value.pop_random())
        elif model and len(model) > 3:
            popped = value.pop_many(rng.randrange(1, len(model)), 512)
            assert len(set(popped)) == len(popped) and set(popped) <= model
            model.difference_update(popped)
        assert set(value.items) == model and len(value.items) == len(model)
        assert all(value.items[i] == m for m, i in value.members.items())
    sample = value.sample(len(model) // 2)
    assert len(set(sample)) == len(sample) and set(sample) <= model


def test_random_picks_cost_does_not_grow_with_the_set():
    """SPOP, SRANDMEMBER (positive and negative counts) work in O(count): the same
    calls on a set 1000 times bigger take about as long (an O(N) pick would not)."""
    def timed(size):
        value = SetValue.from_members([b"m%d" % i for i in range(size)], 512)
        start = time.perf_counter()
        for _ in range(300):
            value.sample(5)
            value.random_members(5)
            value.add(value.pop_random(), 512)
            value.add_all(value.pop_many(3, 512), 512)
        return time.perf_counter() - start
    small, big = min(timed(300) for _ in range(3)), min(timed(300_000) for _ in range(3))
    assert big < 5 * small + 0.05, (small, big)


# --- SMOVE ---------------------------------------------------------------------------------


def test_smove(raw):
    raw.cmd("SADD", "s", "a", "b", "c")
    raw.cmd("SET", "str", "x")
    assert raw.cmd("SMOVE", "s", "s", "a") == b":1\r\n"
    assert raw.cmd("SMOVE", "s", "s", "z") == b":0\r\n"
    assert raw.cmd("SMOVE", "s", "d", "z") == b":0\r\n"
    assert raw.cmd("EXISTS", "d") == b":0\r\n"
    assert raw.cmd("SMOVE", "s", "d", "a") == b":1\r\n"
    assert raw.cmd("SMEMBERS", "d") == bulks("a")
    assert encoding(raw, "d") == HASHTABLE
    assert raw.cmd("SMOVE", "nokey", "d", "a") == b":0\r\n"
    assert raw.cmd("SMOVE", "nokey", "str", "a") == b":0\r\n"     # missing source first
    raw.cmd("SADD", "d", "b")
    assert raw.cmd("SMOVE", "s", "d", "b") == b":1\r\n"           # already there: just removed
    assert members(raw, "s") == {b"c"} and members(raw, "d") == {b"a", b"b"}
    assert raw.cmd("SMOVE", "s", "d", "c") == b":1\r\n"
    assert raw.cmd("EXISTS", "s") == b":0\r\n"
    raw.cmd("SADD", "i", "1", "2")
    assert raw.cmd("SMOVE", "i", "j", "1") == b":1\r\n"
    assert encoding(raw, "j") == INTSET
    assert raw.cmd("SMOVE", "d", "i", "a") == b":1\r\n"
    assert encoding(raw, "i") == HASHTABLE
    assert raw.cmd("SMOVE", "s", "d") == arity("smove")


# --- set algebra ---------------------------------------------------------------------------


def test_sinter_sunion_sdiff_of_intsets_are_sorted(raw):
    raw.cmd("SADD", "i", "5", "3", "-1", "10")
    raw.cmd("SADD", "j", "3", "10", "7")
    assert raw.cmd("SINTER", "i", "j") == bulks("3", "10")
    assert raw.cmd("SUNION", "i", "j") == bulks("-1", "3", "5", "7", "10")
    assert raw.cmd("SDIFF", "i", "j") == bulks("-1", "5")
    assert raw.cmd("SDIFF", "j", "i") == bulks("7")
    assert raw.cmd("SINTER", "i") == bulks("-1", "3", "5", "10")
    raw.cmd("HELLO", "3")
    assert raw.cmd("SINTER", "i", "j") == b"~2\r\n$1\r\n3\r\n$2\r\n10\r\n"
    assert raw.cmd("SUNION", "nokey") == b"~0\r\n"


def test_set_algebra_with_strings_and_missing_keys(raw):
    raw.cmd("SADD", "a", "x", "y", "z", "1")
    raw.cmd("SADD", "b", "y", "z", "w")
    raw.cmd("SADD", "c", "z", "q")
    assert as_set(raw.cmd("SINTER", "a", "b")) == {b"y", b"z"}
    assert as_set(raw.cmd("SINTER", "a", "b", "c")) == {b"z"}
    assert raw.cmd("SINTER", "a", "nokey") == b"*0\r\n"
    assert as_set(raw.cmd("SUNION", "a", "nokey", "c")) == {b"x", b"y", b"z", b"1", b"q"}
    assert as_set(raw.cmd("SDIFF", "a", "b", "nokey")) == {b"x", b"1"}
    assert raw.cmd("SDIFF", "nokey", "a") == b"*0\r\n"
    assert raw.cmd("SDIFF", "a", "a") == b"*0\r\n"
    # A result of integers only is listed as Redis would list a new intset.
    raw.cmd("SADD", "n", "3", "1", "x")
    raw.cmd("SADD", "m", "x")
    assert raw.cmd("SDIFF", "n", "m") == bulks("1", "3")
    assert raw.cmd("SINTER") == arity("sinter")
    assert raw.cmd("SUNION") == arity("sunion")
    assert raw.cmd("SDIFF") == arity("sdiff")


def test_sintercard(raw):
    raw.cmd("SADD", "a", "1", "2", "3", "x")
    raw.cmd("SADD", "b", "2", "3", "x", "y")
    raw.cmd("SET", "str", "v")
    assert raw.cmd("SINTERCARD", "1", "a") == b":4\r\n"
    assert raw.cmd("SINTERCARD", "2", "a", "b") == b":3\r\n"
    assert raw.cmd("SINTERCARD", "2", "a", "b", "LIMIT", "2") == b":2\r\n"
    assert raw.cmd("SINTERCARD", "2", "a", "b", "limit", "0") == b":3\r\n"
    assert raw.cmd("SINTERCARD", "2", "a", "b", "LIMIT", "1", "LIMIT", "9") == b":3\r\n"
    assert raw.cmd("SINTERCARD", "2", "a", "nokey") == b":0\r\n"
    assert raw.cmd("SINTERCARD", "2", "a", "str") == WRONGTYPE
    positive = b"-ERR numkeys should be greater than 0\r\n"
    for numkeys in ("0", "-1", "abc", "9223372036854775808"):
        assert raw.cmd("SINTERCARD", numkeys, "a") == positive
    too_many = b"-ERR Number of keys can't be greater than number of args\r\n"
    assert raw.cmd("SINTERCARD", "2", "a") == too_many
    assert raw.cmd("SINTERCARD", "2147483648", "a") == too_many
    negative = b"-ERR LIMIT can't be negative\r\n"
    assert raw.cmd("SINTERCARD", "1", "a", "LIMIT", "-1") == negative
    assert raw.cmd("SINTERCARD", "1", "a", "LIMIT", "abc") == negative
    assert raw.cmd("SINTERCARD", "1", "str", "LIMIT", "-1") == negative   # before the keys
    for tail in (("LIMIT",), ("FOO", "1"), ("b",)):
        assert raw.cmd("SINTERCARD", "1", "a", *tail) == b"-ERR syntax error\r\n", tail
    assert raw.cmd("SINTERCARD", "1") == arity("sintercard")


def test_store_commands(raw):
    raw.cmd("SADD", "i", "5", "3", "1")
    raw.cmd("SADD", "j", "3", "5", "7")
    raw.cmd("SADD", "w", "a", "3")
    raw.cmd("SET", "dst", "string", "EX", "100")
    assert raw.cmd("SINTERSTORE", "dst", "i", "j") == b":2\r\n"
    assert raw.cmd("TYPE", "dst") == b"+set\r\n"
    assert raw.cmd("TTL", "dst") == b":-1\r\n"
    assert raw.cmd("SMEMBERS", "dst") == bulks("3", "5")
    assert encoding(raw, "dst") == INTSET
    assert raw.cmd("SUNIONSTORE", "dst", "i", "j", "w") == b":5\r\n"
    assert encoding(raw, "dst") == HASHTABLE
    assert members(raw, "dst") == {b"1", b"3", b"5", b"7", b"a"}
    # Intersecting a hashtable set with an intset: the result is a new intset.
    assert raw.cmd("SINTERSTORE", "dst", "w", "i") == b":1\r\n"
    assert encoding(raw, "dst") == INTSET
    assert raw.cmd("SDIFFSTORE", "dst", "i", "j") == b":1\r\n"
    assert raw.cmd("SMEMBERS", "dst") == bulks("1")
    # The destination may be a source.
    assert raw.cmd("SUNIONSTORE", "i", "i", "j") == b":4\r\n"
    assert raw.cmd("SMEMBERS", "i") == bulks("1", "3", "5", "7")
    # An empty result deletes the destination.
    assert raw.cmd("SINTERSTORE", "dst", "i", "nokey") == b":0\r\n"
    assert raw.cmd("EXISTS", "dst") == b":0\r\n"
    raw.cmd("SET", "dst", "x")
    assert raw.cmd("SDIFFSTORE", "dst", "j", "j") == b":0\r\n"
    assert raw.cmd("EXISTS", "dst") == b":0\r\n"
    assert raw.cmd("SUNIONSTORE", "dst", "nokey") == b":0\r\n"
    assert raw.cmd("SINTERSTORE", "dst") == arity("sinterstore")
    assert raw.cmd("SUNIONSTORE", "dst") == arity("sunionstore")
    assert raw.cmd("SDIFFSTORE", "dst") == arity("sdiffstore")


# --- SSCAN -----------------------------------------------------------------------------------


def test_sscan_small_sets_come_whole(raw):
    raw.cmd("SADD", "i", "3", "1", "2")
    whole = b"*2\r\n$1\r\n0\r\n" + bulks("1", "2", "3")
    assert raw.cmd("SSCAN", "i", "0") == whole
    assert raw.cmd("SSCAN", "i", "99", "COUNT", "1") == whole
    assert raw.cmd("SSCAN", "i", "0", "MATCH", "[12]") == b"*2\r\n$1\r\n0\r\n" + bulks("1", "2")
    raw.cmd("SADD", "h", "a", "b")
    cursor, found = parse(raw.cmd("SSCAN", "h", "0"))
    assert cursor == b"0" and sorted(found) == [b"a", b"b"]
    raw.cmd("HELLO", "3")
    assert raw.cmd("SSCAN", "i", "0") == whole


def test_sscan_errors_in_redis_order(raw):
    raw.cmd("SADD", "s", "a")
    raw.cmd("SET", "str", "x")
    assert raw.cmd("SSCAN", "s", "abc") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("SSCAN", "str", "abc") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("SSCAN", "str", "0", "foo") == WRONGTYPE
    assert raw.cmd("SSCAN", "nokey", "0", "foo") == b"*2\r\n$1\r\n0\r\n*0\r\n"
    for options in (("COUNT", "0"), ("TYPE", "set"), ("MATCH",), ("foo", "bar")):
        assert raw.cmd("SSCAN", "s", "0", *options) == b"-ERR syntax error\r\n", options
    assert raw.cmd("SSCAN", "s") == arity("sscan")


def test_sscan_big_set_returns_every_stable_member_despite_churn(raw):
    stable = {f"s{i}".encode() for i in range(700)}
    raw.cmd("SADD", "s", *stable)
    volatile = [f"x{i}" for i in range(300)]
    raw.cmd("SADD", "s", *volatile)
    rng = random.Random(5)
    seen, cursor, calls, serial = set(), b"0", 0, 0
    while True:
        cursor, found = parse(raw.cmd("SSCAN", "s", cursor, "COUNT", "10"))
        seen.update(found)
        calls += 1
        if cursor == b"0":
            break
        for _ in range(5):
            if rng.random() < 0.4 and volatile:
                raw.cmd("SREM", "s", volatile.pop(rng.randrange(len(volatile))))
            elif rng.random() < 0.5:
                raw.cmd("SPOP", "s")      # may take a stable member: it is no longer stable
            else:
                serial += 1
                volatile.append(f"n{serial}")
                raw.cmd("SADD", "s", volatile[-1])
        stable &= members(raw, "s")
        assert calls < 10000
    assert calls > 20 and stable and stable <= seen
