"""HyperLogLog commands over the wire: exact bytes of the strings and replies,
errors, RESP3 shapes, and accuracy on 10k/100k elements; plus the sketch
type's own invariants (hash vectors, packing, sparse edits) without a server.

The expected HLL strings below were read from redis-server 7.0.15 with GET
after the same commands.
"""
import random

import pytest

from redix.types import hyperloglog as hll
from tests.conftest import RawConnection, ServerProcess

SPARSE_HEADER = b"HYLL\x01\x00\x00\x00"
STALE = b"\x00" * 7 + b"\x80"
EMPTY = SPARSE_HEADER + STALE + b"\x7f\xff"                  # XZERO:16384, count stale
ONE_A = SPARSE_HEADER + STALE + b"q\xa6\x84NW"               # Z:12711 v:2,1 Z:3672
WRONGTYPE_HLL = b"-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n"
WRONGTYPE = b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
INVALIDOBJ = b"-INVALIDOBJ Corrupted HLL object detected\r\n"


def bulk(data: bytes) -> bytes:
    return b"$%d\r\n%s\r\n" % (len(data), data)


def payload(reply: bytes) -> bytes:
    """The string inside a bulk reply."""
    return reply[reply.index(b"\r\n") + 2:-2]


def dense(registers: bytes = bytes(hll.DENSE_BODY), card: bytes = STALE) -> bytes:
    return b"HYLL\x00\x00\x00\x00" + card + registers


def add_many(r, key, elements, chunk=1000):
    for i in range(0, len(elements), chunk):
        r.pfadd(key, *elements[i:i + chunk])


# --- PFADD ---------------------------------------------------------------------------
def test_pfadd_creates_the_sparse_string_redis_writes(raw):
    assert raw.cmd("PFADD", "h") == b":1\r\n"
    assert raw.cmd("GET", "h") == bulk(EMPTY)
    assert raw.cmd("PFADD", "h") == b":0\r\n"
    assert raw.cmd("PFADD", "h", "a") == b":1\r\n"
    assert raw.cmd("GET", "h") == bulk(ONE_A)
    assert raw.cmd("PFADD", "h", "a") == b":0\r\n"
    assert raw.cmd("PFADD", "h2", "a") == b":1\r\n"
    assert raw.cmd("GET", "h2") == bulk(ONE_A)
    assert raw.cmd("TYPE", "h") == b"+string\r\n"
    assert raw.cmd("OBJECT", "ENCODING", "h") == b"$3\r\nraw\r\n"
    assert raw.cmd("PFADD") == b"-ERR wrong number of arguments for 'pfadd' command\r\n"


def test_pfadd_invalidates_only_the_flag_bit_of_the_cached_count(raw):
    raw.cmd("PFADD", "h", "a")
    assert raw.cmd("PFCOUNT", "h") == b":1\r\n"
    counted = SPARSE_HEADER + b"\x01" + b"\x00" * 7 + b"q\xa6\x84NW"
    assert raw.cmd("GET", "h") == bulk(counted)
    assert raw.cmd("PFADD", "h", "b") == b":1\r\n"
    # Count byte 0 keeps its 1; byte 7 gets the stale flag.
    assert raw.cmd("GET", "h") == bulk(SPARSE_HEADER + b"\x01" + b"\x00" * 6 + b"\x80"
                                      + b"q\xa6\x84K\xfb\x80BZ")
    assert raw.cmd("PFDEBUG", "DECODE", "h") == bulk(b"Z:12711 v:2,1 Z:3068 v:1,1 Z:603")


def test_pfadd_keeps_the_ttl(raw):
    raw.cmd("PFADD", "h", "a")
    raw.cmd("EXPIRE", "h", "100")
    assert raw.cmd("PFADD", "h", "b", "c") == b":1\r\n"
    assert raw.cmd("TTL", "h") == b":100\r\n"
    assert raw.cmd("PFCOUNT", "h") == b":3\r\n"
    assert raw.cmd("TTL", "h") == b":100\r\n"


def test_sparse_turns_dense_past_the_size_limit(r):
    elements = [b"e%d" % i for i in range(3000)]
    sizes = []
    for element in elements:
        r.pfadd("h", element)
        sizes.append(len(r.get("h")))
        if sizes[-1] == hll.DENSE_SIZE:
            break
    assert sizes[-1] == hll.DENSE_SIZE
    # It grew to the limit first: the edit that did not fit adds at most 3 bytes.
    assert 2997 < max(sizes[:-1]) <= 3000
    assert r.execute_command("PFDEBUG", "ENCODING", "h") == b"dense"


def test_sparse_limit_follows_hll_sparse_max_bytes():
    with ServerProcess("--hll-sparse-max-bytes", "100") as server:
        conn = RawConnection(server.port)
        try:
            for i in range(200):
                conn.cmd("PFADD", "h", "e%d" % i)
                if conn.cmd("PFDEBUG", "ENCODING", "h") == b"+dense\r\n":
                    break
                assert len(conn.cmd("GET", "h")) <= 100 + len(b"$100\r\n\r\n")
            assert conn.cmd("PFDEBUG", "ENCODING", "h") == b"+dense\r\n"
            assert 20 < i < 200
        finally:
            conn.close()


# --- PFCOUNT -------------------------------------------------------------------------
def test_pfcount_caches_the_count_in_the_header(raw):
    assert raw.cmd("PFCOUNT", "nokey") == b":0\r\n"
    raw.cmd("PFADD", "h", "a", "b", "c")
    assert raw.cmd("PFCOUNT", "h") == b":3\r\n"
    stored = raw.cmd("GET", "h")
    assert payload(stored)[8:16] == b"\x03" + b"\x00" * 7
    assert raw.cmd("PFCOUNT", "h") == b":3\r\n"
    assert raw.cmd("GET", "h") == stored


def test_pfcount_trusts_a_fresh_cached_count(raw):
    raw.cmd("SET", "d", dense(card=(12345).to_bytes(8, "little")))
    assert raw.cmd("PFCOUNT", "d") == b":12345\r\n"
    # Not a fresh count: recounted, and the result stored.
    raw.cmd("SET", "d", dense())
    assert raw.cmd("PFCOUNT", "d") == b":0\r\n"
    assert payload(raw.cmd("GET", "d"))[8:16] == b"\x00" * 8


def test_pfcount_of_several_keys_is_the_union_and_changes_nothing(r):
    add_many(r, "a", [b"a%d" % i for i in range(3000)] + [b"both%d" % i for i in range(2000)])
    add_many(r, "b", [b"b%d" % i for i in range(1000)] + [b"both%d" % i for i in range(2000)])
    before = r.get("a"), r.get("b")
    union = r.pfcount("a", "b", "nokey")
    assert abs(union - 6000) < 6000 * 0.03
    assert (r.get("a"), r.get("b")) == before
    assert r.pfcount("a", "a") == r.pfcount("a")
    assert r.pfcount("x", "y") == 0
    r.pfmerge("m", "a", "b")
    assert r.pfcount("m") == union


@pytest.mark.parametrize("n", [10_000, 100_000])
def test_count_is_within_the_standard_error(r, n):
    add_many(r, "h", [b"element:%d" % i for i in range(n)])
    count = r.pfcount("h")
    # 1.04/sqrt(16384) = 0.81%: three standard errors.
    assert abs(count - n) <= n * 0.0244, count
    assert r.execute_command("PFDEBUG", "ENCODING", "h") == b"dense"
    assert r.pfadd("h", *[b"element:%d" % i for i in range(100)]) == 0


def test_small_counts_match_redis(r):
    # redis-server 7.0.15's counts: x0..x99 has two elements in one register.
    for n, expected in ((1, 1), (2, 2), (10, 10), (100, 99), (1000, 1001)):
        r.delete("h")
        add_many(r, "h", [b"x%d" % i for i in range(n)])
        assert r.pfcount("h") == expected


# --- PFMERGE -------------------------------------------------------------------------
def test_pfmerge(raw):
    assert raw.cmd("PFMERGE", "m") == b"+OK\r\n"
    assert raw.cmd("GET", "m") == bulk(EMPTY)
    assert raw.cmd("PFMERGE", "m2", "nokey") == b"+OK\r\n"
    assert raw.cmd("GET", "m2") == bulk(EMPTY)
    raw.cmd("PFADD", "a", "x", "y")
    raw.cmd("PFADD", "b", "y", "z")
    raw.cmd("PFADD", "dest", "w")
    raw.cmd("EXPIRE", "dest", "100")
    assert raw.cmd("PFMERGE", "dest", "a", "b") == b"+OK\r\n"
    assert raw.cmd("PFCOUNT", "dest") == b":4\r\n"              # its own w counts
    assert raw.cmd("TTL", "dest") == b":100\r\n"
    assert raw.cmd("PFDEBUG", "ENCODING", "dest") == b"+sparse\r\n"
    assert raw.cmd("PFMERGE") == b"-ERR wrong number of arguments for 'pfmerge' command\r\n"


def test_pfmerge_with_a_dense_source_is_dense(raw):
    raw.cmd("PFADD", "a", "x")
    raw.cmd("PFADD", "d", "y")
    assert raw.cmd("PFDEBUG", "TODENSE", "d") == b":1\r\n"
    assert raw.cmd("PFMERGE", "a", "d") == b"+OK\r\n"
    assert raw.cmd("PFDEBUG", "ENCODING", "a") == b"+dense\r\n"
    assert raw.cmd("PFCOUNT", "a") == b":2\r\n"


def test_pfmerge_always_marks_the_count_stale(raw):
    raw.cmd("PFADD", "a", "x")
    raw.cmd("PFCOUNT", "a")
    raw.cmd("PFMERGE", "a")
    assert payload(raw.cmd("GET", "a"))[15] == 0x80


# --- errors ----------------------------------------------------------------------------
NOT_HLL = [
    b"hello",
    b"HYLL\x01\x00",                                        # shorter than a header
    b"HYLL\x02\x00\x00\x00" + bytes(8) + b"\x7f\xff",       # unknown encoding
    b"HYLL\x00\x00\x00\x00" + bytes(8) + bytes(100),        # dense of the wrong size
    b"12345",
]


@pytest.mark.parametrize("value", NOT_HLL)
def test_strings_that_are_not_hlls(raw, value):
    raw.cmd("SET", "s", value)
    for args in (("PFADD", "s", "x"), ("PFCOUNT", "s"), ("PFCOUNT", "nokey", "s"),
                 ("PFMERGE", "s"), ("PFMERGE", "d", "s"), ("PFDEBUG", "ENCODING", "s")):
        assert raw.cmd(*args) == WRONGTYPE_HLL, args
    assert raw.cmd("GET", "s") == bulk(value)
    assert raw.cmd("EXISTS", "d") == b":0\r\n"


def test_other_types_get_the_usual_wrongtype(raw):
    if not raw.cmd("LPUSH", "l", "x").startswith(b":"):
        pytest.skip("no list type in this build")
    for args in (("PFADD", "l", "x"), ("PFCOUNT", "l"), ("PFCOUNT", "nokey", "l"),
                 ("PFMERGE", "l"), ("PFMERGE", "d", "l"), ("PFDEBUG", "GETREG", "l")):
        assert raw.cmd(*args) == WRONGTYPE, args


def test_corrupt_sparse_opcodes(raw):
    fresh_zero = SPARSE_HEADER + bytes(8)
    # Opcodes covering 16383 registers: usable where they reach, INVALIDOBJ elsewhere.
    raw.cmd("SET", "short", SPARSE_HEADER + STALE + b"\x7f\xfe")
    assert raw.cmd("PFCOUNT", "short") == INVALIDOBJ
    assert raw.cmd("PFCOUNT", "short", "x") == INVALIDOBJ
    assert raw.cmd("PFMERGE", "d", "short") == INVALIDOBJ
    assert raw.cmd("PFDEBUG", "GETREG", "short") == INVALIDOBJ
    assert raw.cmd("PFDEBUG", "DECODE", "short") == bulk(b"Z:16383")
    assert raw.cmd("PFADD", "short", "a") == b":1\r\n"      # register 12711 is covered
    assert raw.cmd("GET", "short") == bulk(SPARSE_HEADER + STALE + b"q\xa6\x84NV")
    # No opcodes at all, with a fresh cached count: PFCOUNT trusts the header.
    raw.cmd("SET", "empty", fresh_zero)
    assert raw.cmd("PFCOUNT", "empty") == b":0\r\n"
    assert raw.cmd("PFADD", "empty", "a") == INVALIDOBJ
    assert raw.cmd("GET", "empty") == bulk(fresh_zero)
    assert raw.cmd("PFDEBUG", "DECODE", "empty") == b"$0\r\n\r\n"
    assert raw.cmd("PFDEBUG", "TODENSE", "empty") == INVALIDOBJ
    assert raw.cmd("EXISTS", "d") == b":0\r\n"


def test_crafted_registers_past_the_int64_range(raw):
    # All registers at 63: Redis's estimate overflows to the int64 minimum.
    raw.cmd("SET", "d", dense(b"\xff" * hll.DENSE_BODY))
    assert raw.cmd("PFCOUNT", "d") == b":-9223372036854775808\r\n"
    assert raw.cmd("PFCOUNT", "d", "x") == b":-9223372036854775808\r\n"


# --- PFDEBUG / PFSELFTEST ------------------------------------------------------------
def test_pfdebug(raw):
    assert raw.cmd("PFDEBUG", "ENCODING", "nokey") == b"-ERR The specified key does not exist\r\n"
    assert raw.cmd("PFDEBUG", "FOO", "nokey") == b"-ERR The specified key does not exist\r\n"
    raw.cmd("PFADD", "h", "a", "b")
    assert raw.cmd("PFDEBUG", "FOO", "h") == b"-ERR Unknown PFDEBUG subcommand 'FOO'\r\n"
    assert raw.cmd("PFDEBUG", "a\r\nb", "h") == b"-ERR Unknown PFDEBUG subcommand 'a  b'\r\n"
    assert raw.cmd("PFDEBUG", "GETREG") == \
        b"-ERR wrong number of arguments for 'pfdebug' command\r\n"
    assert raw.cmd("PFDEBUG", "encoding", "h") == b"+sparse\r\n"
    assert raw.cmd("PFDEBUG", "decode", "h") == bulk(b"Z:12711 v:2,1 Z:3068 v:1,1 Z:603")
    sparse = raw.cmd("GET", "h")
    assert raw.cmd("PFDEBUG", "TODENSE", "h") == b":1\r\n"
    assert raw.cmd("PFDEBUG", "TODENSE", "h") == b":0\r\n"
    assert raw.cmd("PFDEBUG", "ENCODING", "h") == b"+dense\r\n"
    assert raw.cmd("PFDEBUG", "DECODE", "h") == b"-ERR HLL encoding is not sparse\r\n"
    assert raw.cmd("GET", "h").startswith(b"$12304\r\nHYLL\x00")
    assert raw.cmd("PFCOUNT", "h") == b":2\r\n"
    raw.cmd("SET", "h2", payload(sparse))
    registers = raw.cmd("PFDEBUG", "GETREG", "h2")
    assert registers.startswith(b"*16384\r\n:0\r\n")
    values = [int(x[1:]) for x in registers.split(b"\r\n")[1:-1]]
    assert [(i, v) for i, v in enumerate(values) if v] == [(12711, 2), (15780, 1)]
    assert raw.cmd("PFDEBUG", "ENCODING", "h2") == b"+dense\r\n"   # GETREG converts
    assert raw.cmd("PFDEBUG", "GETREG", "h2") == registers


def test_pfselftest(raw):
    assert raw.cmd("PFSELFTEST") == b"+OK\r\n"
    assert raw.cmd("PFSELFTEST", "x") == \
        b"-ERR wrong number of arguments for 'pfselftest' command\r\n"


def test_resp3_shapes(raw):
    assert raw.cmd("HELLO", "3").startswith(b"%")
    assert raw.cmd("PFADD", "h", "a") == b":1\r\n"
    assert raw.cmd("PFCOUNT", "h") == b":1\r\n"
    assert raw.cmd("PFCOUNT", "h", "nokey") == b":1\r\n"
    assert raw.cmd("PFMERGE", "m", "h") == b"+OK\r\n"
    assert raw.cmd("PFDEBUG", "ENCODING", "h") == b"+sparse\r\n"
    assert raw.cmd("PFDEBUG", "DECODE", "h") == bulk(b"Z:12711 v:2,1 Z:3672")
    assert raw.cmd("PFDEBUG", "GETREG", "h").startswith(b"*16384\r\n:0\r\n")
    assert raw.cmd("PFDEBUG", "BAR", "h") == b"-ERR Unknown PFDEBUG subcommand 'BAR'\r\n"


def test_an_hll_copied_with_get_and_set_keeps_counting(r):
    add_many(r, "h", [b"%d" % i for i in range(500)])
    r.set("copy", r.get("h"))
    assert r.pfcount("copy") == r.pfcount("h")
    r.pfadd("copy", "extra")
    r.pfadd("h", "extra")
    assert r.get("copy") == r.get("h")
    assert r.copy("h", "c2") and r.pfcount("c2") == r.pfcount("h")


# --- the sketch type, without a server -------------------------------------------------
def test_murmurhash64a_vectors():
    # Register and value Redis reports for these (PFDEBUG DECODE after PFADD).
    assert hll.hash_element(b"a") == (12711, 2)
    assert hll.hash_element(b"b") == (15780, 1)
    assert hll.hash_element(b"zzz") == (11106, 3)
    for data in (b"", b"x" * 7, b"x" * 8, b"y" * 9, b"z" * 1000):
        h = hll.murmurhash64a(data)
        rest = (h >> 14) | (1 << 50)
        assert hll.hash_element(data) == (h & 16383, (rest & -rest).bit_length())


def test_register_packing_round_trips():
    rng = random.Random(7)
    regs = bytes(rng.randrange(64) for _ in range(hll.REGISTERS))
    body = hll.pack_dense(regs)
    assert len(body) == hll.DENSE_BODY
    assert hll.unpack_dense(bytes(body)) == regs
    # Register i sits at bits 6i..6i+5 of the body read as one little-endian number.
    as_int = int.from_bytes(body, "little")
    assert all((as_int >> (6 * i)) & 63 == regs[i] for i in range(0, hll.REGISTERS, 97))


def test_union_is_the_registerwise_max():
    rng = random.Random(8)
    a = bytes(rng.randrange(64) for _ in range(hll.REGISTERS))
    b = bytes(rng.randrange(64) for _ in range(hll.REGISTERS))
    assert hll.union(a, b) == bytes(map(max, a, b))


def test_a_value_above_32_turns_a_sparse_sketch_dense():
    sketch = hll.HyperLogLog.new()
    assert sketch.set_register(5, 32, 3000) and not sketch.is_dense()
    assert sketch.set_register(6, 33, 3000) and sketch.is_dense()
    regs = sketch.registers()
    assert (regs[5], regs[6], sum(regs)) == (32, 33, 65)
    assert sketch.to_bytes()[4] == hll.DENSE


def test_sparse_and_dense_agree_and_the_cache_is_not_shared():
    sparse = hll.HyperLogLog.new()
    dense_sketch = hll.HyperLogLog.new()
    dense_sketch.to_dense()
    for i in range(2000):
        sparse.add(b"%d" % i, 1 << 20)
        dense_sketch.add(b"%d" % i, 1 << 20)
    assert sparse.registers() == dense_sketch.registers()
    assert sparse.count() == dense_sketch.count()
    value = sparse.to_bytes()
    hll.remember(value, sparse)
    loaded = hll.load(value)
    assert loaded is sparse
    assert hll.load(value) is not sparse          # popped: a second user decodes afresh
    assert hll.HyperLogLog(value).registers() == sparse.registers()


def test_merge_into_a_new_key_matches_setting_register_by_register():
    rng = random.Random(9)
    for _ in range(80):
        density = rng.choice((0.0005, 0.01, 0.05, 0.2, 0.6))
        top = rng.choice((1, 2, 3, 8, 32, 40))
        regs = bytes(rng.randint(1, top) if rng.random() < density else 0
                     for _ in range(hll.REGISTERS))
        limit = rng.choice((40, 1000, 3000, 1 << 20))
        stepwise = hll.HyperLogLog.new()
        for index in hll.raised_registers(bytes(hll.REGISTERS), regs):
            stepwise.set_register(index, regs[index], limit)
        shortcut = hll.sparse_from_registers(regs, limit)
        if stepwise.is_dense():
            assert shortcut is None
        else:
            assert shortcut == bytes(stepwise.slots)
