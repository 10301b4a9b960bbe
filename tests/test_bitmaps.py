"""Bitmap commands over the wire: exact reply bytes in RESP2 and RESP3.

SETBIT/GETBIT, BITCOUNT and BITPOS ranges (BYTE and BIT), BITOP, BITFIELD
and BITFIELD_RO with every overflow mode, and the offset limit set by
proto-max-bulk-len (on a server started with the 1 MB minimum).
"""
import random

import pytest

from tests.conftest import RawConnection, ServerProcess

SYNTAX = b"-ERR syntax error\r\n"
NOT_INT = b"-ERR value is not an integer or out of range\r\n"
BAD_OFFSET = b"-ERR bit offset is not an integer or out of range\r\n"
BAD_BIT = b"-ERR bit is not an integer or out of range\r\n"
BAD_TYPE = (b"-ERR Invalid bitfield type. Use something like i16 u8. "
            b"Note that u64 is not supported but i64 is.\r\n")
OK = b"+OK\r\n"


def bulk(data: bytes) -> bytes:
    return b"$%d\r\n%s\r\n" % (len(data), data)


def ints(*values) -> bytes:
    """An array reply of integers (None for a null)."""
    return b"*%d\r\n" % len(values) + b"".join(
        b"$-1\r\n" if v is None else b":%d\r\n" % v for v in values)


@pytest.fixture(scope="module")
def small_server():
    with ServerProcess("--proto-max-bulk-len", "1048576") as server:
        yield server


def test_setbit_getbit(raw):
    assert raw.cmd("SETBIT", "b", "7", "1") == b":0\r\n"
    assert raw.cmd("SETBIT", "b", "7", "1") == b":1\r\n"
    assert raw.cmd("GET", "b") == bulk(b"\x01")
    assert raw.cmd("SETBIT", "b", "7", "0") == b":1\r\n"
    assert raw.cmd("GET", "b") == bulk(b"\x00")
    assert raw.cmd("SETBIT", "b", "100", "1") == b":0\r\n"
    assert raw.cmd("STRLEN", "b") == b":13\r\n"
    assert raw.cmd("GET", "b") == bulk(b"\x00" * 12 + b"\x08")
    assert raw.cmd("GETBIT", "b", "100") == b":1\r\n"
    assert raw.cmd("GETBIT", "b", "101") == b":0\r\n"
    assert raw.cmd("GETBIT", "b", "100000") == b":0\r\n"
    assert raw.cmd("GETBIT", "nokey", "0") == b":0\r\n"
    assert raw.cmd("SETBIT", "z", "3", "0") == b":0\r\n"       # a 0 bit still creates the key
    assert raw.cmd("GET", "z") == bulk(b"\x00")
    for offset in ("-1", "x", "1.5", "#1", "4294967296"):
        assert raw.cmd("SETBIT", "b", offset, "1") == BAD_OFFSET, offset
        assert raw.cmd("GETBIT", "b", offset) == BAD_OFFSET, offset
    for bit in ("2", "-1", "x", "01", ""):
        assert raw.cmd("SETBIT", "b", "1", bit) == BAD_BIT, bit
    assert raw.cmd("SETBIT", "b", "-1", "2") == BAD_OFFSET          # the offset is checked first
    assert raw.cmd("GETBIT", "b", "4294967295") == b":0\r\n"


def test_offset_limit(small_server):
    conn = RawConnection(small_server.port)
    try:
        conn.cmd("FLUSHALL")
        last = (1 << 20) * 8 - 1
        assert conn.cmd("SETBIT", "b", str(last), "1") == b":0\r\n"
        assert conn.cmd("STRLEN", "b") == b":%d\r\n" % (1 << 20)
        assert conn.cmd("SETBIT", "b", str(last + 1), "1") == BAD_OFFSET
        assert conn.cmd("BITFIELD", "b", "GET", "u8", f"#{(1 << 20) - 1}") == ints(1)
        assert conn.cmd("BITFIELD", "b", "GET", "u8", f"#{1 << 20}") == BAD_OFFSET
    finally:
        conn.close()


def test_bitcount(raw):
    raw.cmd("SET", "s", "foobar")
    cases = {(): 26, ("0", "0"): 4, ("1", "1"): 6, ("1", "1", "bit"): 1, ("5", "30", "BIT"): 17,
             ("5", "30", "byte"): 4, ("-1", "-1"): 4, ("-100", "-1"): 26, ("-1", "-100"): 0,
             ("100", "200"): 0, ("0", "-1", "BIT"): 26, ("-1", "-1", "bit"): 0,
             ("-49", "-1", "bit"): 26, ("9", "9", "bit"): 1, ("8", "15", "bit"): 6,
             ("-100", "-200"): 0, ("-200", "-100"): 4,
             ("-9223372036854775808", "9223372036854775807", "bit"): 26}
    for args, count in cases.items():
        assert raw.cmd("BITCOUNT", "s", *args) == b":%d\r\n" % count, args
    assert raw.cmd("BITCOUNT", "s", "0") == SYNTAX
    assert raw.cmd("BITCOUNT", "s", "0", "1", "foo") == SYNTAX
    assert raw.cmd("BITCOUNT", "s", "x", "1", "bit", "foo") == SYNTAX
    assert raw.cmd("BITCOUNT", "s", "x", "1") == NOT_INT
    assert raw.cmd("BITCOUNT", "s", "x", "1", "foo") == NOT_INT
    # A missing key answers 0 before the arguments are even looked at.
    assert raw.cmd("BITCOUNT", "nokey", "0") == b":0\r\n"
    assert raw.cmd("BITCOUNT", "nokey", "x", "1", "foo") == b":0\r\n"


def test_bitcount_matches_a_reference(raw):
    rng = random.Random(3)
    data = bytes(rng.getrandbits(8) for _ in range(300))
    raw.cmd("SET", "r", data)
    bits = "".join(format(byte, "08b") for byte in data)
    for _ in range(60):
        start, end = rng.randint(-2500, 2500), rng.randint(-2500, 2500)
        s, e = (start + len(bits) if start < 0 else start), (end + len(bits) if end < 0 else end)
        s, e = max(s, 0), min(max(e, 0), len(bits) - 1)
        expected = 0 if (start < 0 and end < 0 and start > end) or s > e else \
            bits[s:e + 1].count("1")
        assert raw.cmd("BITCOUNT", "r", start, end, "BIT") == b":%d\r\n" % expected, (start, end)


def test_bitpos(raw):
    raw.cmd("SET", "s", b"\xff\xf0\x00")
    raw.cmd("SET", "f", b"\xff\xff\xff")
    raw.cmd("SET", "m", b"\x00\xff\xf0")
    raw.cmd("SET", "e", "")
    cases = {("s", "0"): 12, ("s", "1"): 0, ("s", "0", "2"): 16, ("s", "0", "0", "0"): -1,
             ("s", "0", "0", "-1"): 12, ("s", "0", "0", "11", "bit"): -1,
             ("s", "0", "0", "12", "BIT"): 12,
             # No end given: the string counts as followed by zero bits.
             ("f", "0"): 24, ("f", "0", "1"): 24, ("f", "0", "-100"): 24,
             ("f", "0", "0", "-1"): -1, ("f", "0", "100"): -1, ("f", "0", "-1", "-3"): -1,
             ("m", "1"): 8, ("m", "1", "2"): 16, ("m", "0", "1"): 20, ("m", "1", "-1"): 16,
             ("m", "0", "-1", "-1", "bit"): 23, ("m", "0", "-5", "-1", "bit"): 20,
             ("m", "1", "-1", "-1", "bit"): -1, ("m", "0", "1", "1", "BIT"): 1,
             ("m", "1", "-100", "-200"): -1, ("m", "0", "-100", "-200"): 0,
             ("e", "0"): -1, ("e", "1"): -1, ("nokey", "0"): 0, ("nokey", "1"): -1,
             ("nokey", "0", "5"): 0, ("nokey", "1", "x"): -1, ("nokey", "1", "0", "1", "foo"): -1}
    for args, pos in cases.items():
        assert raw.cmd("BITPOS", *args) == b":%d\r\n" % pos, args
    bad_bit = b"-ERR The bit argument must be 1 or 0.\r\n"
    assert raw.cmd("BITPOS", "s", "2") == bad_bit
    assert raw.cmd("BITPOS", "nokey", "2") == bad_bit
    assert raw.cmd("BITPOS", "s", "x") == NOT_INT
    assert raw.cmd("BITPOS", "s", "1", "x") == NOT_INT
    assert raw.cmd("BITPOS", "s", "1", "0", "x", "bit") == NOT_INT
    assert raw.cmd("BITPOS", "s", "1", "1", "1", "foo") == SYNTAX
    assert raw.cmd("BITPOS", "s", "1", "x", "1", "bit", "foo") == SYNTAX
    assert raw.cmd("BITPOS", "s", "0", "12", "bit") == NOT_INT


def test_bitpos_skips_long_runs(raw):
    raw.cmd("SETBIT", "long", str(8 * 100000 + 5), "1")
    assert raw.cmd("BITPOS", "long", "1") == b":800005\r\n"
    assert raw.cmd("BITPOS", "long", "1", "3", "-1") == b":800005\r\n"
    assert raw.cmd("BITPOS", "long", "1", "0", "99999") == b":-1\r\n"
    assert raw.cmd("BITPOS", "long", "0", "100000") == b":800000\r\n"


def test_bitop(raw):
    raw.cmd("SET", "a", b"\x0f\xf0")
    raw.cmd("SET", "b", b"\xff")
    assert raw.cmd("BITOP", "AND", "d", "a", "b") == b":2\r\n"
    assert raw.cmd("GET", "d") == bulk(b"\x0f\x00")
    assert raw.cmd("BITOP", "or", "d", "a", "b") == b":2\r\n"
    assert raw.cmd("GET", "d") == bulk(b"\xff\xf0")
    assert raw.cmd("BITOP", "Xor", "d", "a", "b", "b") == b":2\r\n"
    assert raw.cmd("GET", "d") == bulk(b"\x0f\xf0")
    assert raw.cmd("BITOP", "NOT", "d", "a") == b":2\r\n"
    assert raw.cmd("GET", "d") == bulk(b"\xf0\x0f")
    assert raw.cmd("BITOP", "AND", "d", "a", "nokey") == b":2\r\n"
    assert raw.cmd("GET", "d") == bulk(b"\x00\x00")
    assert raw.cmd("BITOP", "NOT", "d", "a", "b") == \
        b"-ERR BITOP NOT must be called with a single source key.\r\n"
    assert raw.cmd("BITOP", "FOO", "d", "a") == SYNTAX
    assert raw.cmd("BITOP", "NOT", "d") == b"-ERR wrong number of arguments for 'bitop' command\r\n"
    # Only empty sources: the destination is deleted.
    raw.cmd("SET", "e", "")
    assert raw.cmd("BITOP", "OR", "d", "e", "nokey") == b":0\r\n"
    assert raw.cmd("EXISTS", "d") == b":0\r\n"
    # The result replaces the destination and its TTL.
    raw.cmd("SET", "t", "x", "PX", "50")
    assert raw.cmd("BITOP", "OR", "t", "a") == b":2\r\n"
    import time
    time.sleep(0.12)
    assert raw.cmd("GET", "t") == bulk(b"\x0f\xf0")


def test_bitfield(raw):
    assert raw.cmd("BITFIELD", "bf") == b"*0\r\n"
    assert raw.cmd("BITFIELD", "nokey", "GET", "u8", "0") == ints(0)
    assert raw.cmd("EXISTS", "nokey") == b":0\r\n"
    assert raw.cmd("BITFIELD", "bf", "SET", "u8", "0", "255") == ints(0)
    assert raw.cmd("BITFIELD", "bf", "GET", "u8", "0", "GET", "i8", "0", "GET", "u4", "4",
                   "GET", "i4", "4") == ints(255, -1, 15, -1)
    assert raw.cmd("BITFIELD", "bf", "SET", "i8", "0", "-128", "GET", "u8", "0") == ints(-1, 128)
    assert raw.cmd("BITFIELD", "bf", "INCRBY", "u8", "0", "200") == ints(72)
    assert raw.cmd("BITFIELD", "bf", "INCRBY", "u8", "0", "200", "OVERFLOW", "SAT", "INCRBY", "u8",
                   "0", "200", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "200",
                   "GET", "u8", "0") == ints(16, 216, None, 216)
    assert raw.cmd("BITFIELD", "bf", "OVERFLOW", "WRAP", "INCRBY", "i8", "8", "127", "INCRBY", "i8",
                   "8", "1", "overflow", "sat", "incrby", "i8", "8", "-300") == ints(127, -128, -128)
    # SET on an unsigned field compares as a C uint64: -1 is "too large".
    assert raw.cmd("BITFIELD", "bf", "OVERFLOW", "SAT", "SET", "u8", "0", "-1",
                   "GET", "u8", "0") == ints(216, 255)
    assert raw.cmd("BITFIELD", "bf", "OVERFLOW", "WRAP", "SET", "i8", "0", "-300",
                   "GET", "i8", "0") == ints(-1, -44)
    assert raw.cmd("BITFIELD", "bf", "OVERFLOW", "FAIL", "SET", "u8", "0", "300",
                   "GET", "i8", "0") == ints(None, -44)
    raw.cmd("SET", "bf", b"\xd4\x00")
    assert raw.cmd("BITFIELD", "bf", "SET", "i64", "0", "-9223372036854775808",
                   "INCRBY", "i64", "0", "-1") == ints(-3170534137668829184, 9223372036854775807)
    assert raw.cmd("BITFIELD", "bf", "OVERFLOW", "SAT", "SET", "u63", "0", "-1",
                   "INCRBY", "u63", "0", "1") == ints(4611686018427387903, 9223372036854775807)
    assert raw.cmd("BITFIELD", "bf", "SET", "u8", "#1", "5", "GET", "u8", "8") == ints(255, 5)
    # "#n" is n * bits, wrapping as a signed 64-bit product like Redis's.
    assert raw.cmd("BITFIELD", "bf", "GET", "u8", "#2305843009213693953") == ints(5)
    assert raw.cmd("BITFIELD", "bf", "GET", "i3", "#3074457345618258603") == BAD_OFFSET
    # Writes grow the string to the furthest field before running, even when FAIL refuses.
    assert raw.cmd("BITFIELD", "n2", "OVERFLOW", "FAIL", "INCRBY", "u2", "100", "5") == ints(None)
    assert raw.cmd("GET", "n2") == bulk(b"\x00" * 13)
    assert raw.cmd("BITFIELD", "n3", "GET", "u8", "0", "SET", "u8", "8", "1") == ints(0, 0)
    assert raw.cmd("GET", "n3") == bulk(b"\x00\x01")


def test_bitfield_errors(raw):
    raw.cmd("SET", "bf", "x")
    for bad in ("u64", "i65", "u0", "i0", "x8", "8", "U8", "u08", "i", ""):
        assert raw.cmd("BITFIELD", "bf", "GET", bad, "0") == BAD_TYPE, bad
    for offset in ("-1", "x", "#x", "#-1", "##1", "#", "", "4294967296"):
        assert raw.cmd("BITFIELD", "bf", "GET", "u8", offset) == BAD_OFFSET, offset
    for args in (["GET"], ["GET", "u8"], ["SET", "u8", "0"], ["INCRBY", "u8", "0"], ["FOO", "u8", "0"],
                 ["GET", "u8", "0", "FOO"], ["OVERFLOW"], ["GET", "u8", "0", "OVERFLOW"]):
        assert raw.cmd("BITFIELD", "bf", *args) == SYNTAX, args
    assert raw.cmd("BITFIELD", "bf", "OVERFLOW", "FOO") == b"-ERR Invalid OVERFLOW type specified\r\n"
    assert raw.cmd("BITFIELD", "bf", "SET", "u8", "0", "x") == NOT_INT
    assert raw.cmd("BITFIELD", "bf", "SET", "u8", "0", "99999999999999999999") == NOT_INT
    # Nothing runs when any operation is bad.
    assert raw.cmd("BITFIELD", "bf", "SET", "u8", "0", "65", "GET", "x8", "0") == BAD_TYPE
    assert raw.cmd("GET", "bf") == bulk(b"x")


def test_bitfield_ro(raw):
    raw.cmd("SET", "bf", b"\xd4")
    assert raw.cmd("BITFIELD_RO", "bf", "GET", "u8", "0", "GET", "i4", "#1") == ints(212, 4)
    assert raw.cmd("BITFIELD_RO", "nokey", "GET", "u8", "0") == ints(0)
    assert raw.cmd("BITFIELD_RO", "bf") == b"*0\r\n"
    assert raw.cmd("BITFIELD_RO", "bf", "OVERFLOW", "WRAP") == b"*0\r\n"
    ro_only = b"-ERR BITFIELD_RO only supports the GET subcommand\r\n"
    assert raw.cmd("BITFIELD_RO", "bf", "SET", "u8", "0", "1") == ro_only
    assert raw.cmd("BITFIELD_RO", "bf", "INCRBY", "u8", "0", "1") == ro_only
    # Every operation is parsed before the read-only check.
    assert raw.cmd("BITFIELD_RO", "bf", "SET", "u8", "0", "x") == NOT_INT
    assert raw.cmd("BITFIELD_RO", "bf", "SET", "u8", "0", "1", "GET", "x8", "0") == BAD_TYPE
    assert raw.cmd("BITFIELD_RO", "bf", "SET", "x8", "0") == SYNTAX


def test_resp3_nulls_and_keep_ttl(raw):
    raw.cmd("HELLO", "3")
    assert raw.cmd("BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "9") == b"*1\r\n_\r\n"
    raw.cmd("SET", "t", "ab", "PX", "50")
    assert raw.cmd("SETBIT", "t", "0", "1") == b":0\r\n"
    assert raw.cmd("BITFIELD", "t", "SET", "u8", "8", "1") == b"*1\r\n:98\r\n"
    import time
    time.sleep(0.12)
    assert raw.cmd("GET", "t") == b"_\r\n"            # in-place bit writes kept the TTL


def test_through_redis_py(r):
    assert r.setbit("b", 5, 1) == 0
    assert r.getbit("b", 5) == 1
    assert r.bitcount("b") == 1
    assert r.bitpos("b", 1) == 5
    field = r.bitfield("f")
    assert field.set("u8", 0, 200).incrby("u8", 0, 100).get("i8", 0).execute() == [0, 44, 44]
    assert r.bitfield_ro("f", "u8", 0) == [44]
