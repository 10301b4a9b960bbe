"""String commands over the wire: exact reply bytes in RESP2 and RESP3.

SET/GETEX options, the GET/SET family, MSET/MGET, APPEND, ranges, counters,
INCRBYFLOAT's long-double results, LCS reply shapes, and the size limits
(proto-max-bulk-len, on a server started with the 1 MB minimum).  TTLs are
observed through expiry (PX 50, then a short sleep).  WRONGTYPE and the
write-notification rule are checked in process, since this branch has no
other type to store (the differential tests cover WRONGTYPE once one exists).
"""
import time
from types import SimpleNamespace

import pytest
import redis

from redix.commands.registry import TABLE
from redix.config import Config
from redix.keyspace.db import Database
from tests.conftest import RawConnection, ServerProcess

SYNTAX = b"-ERR syntax error\r\n"
NOT_INT = b"-ERR value is not an integer or out of range\r\n"
NOT_FLOAT = b"-ERR value is not a valid float\r\n"
WRONGTYPE = b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
TOO_LONG = b"-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n"
NULL = b"$-1\r\n"
OK = b"+OK\r\n"


def bulk(data: bytes) -> bytes:
    return b"$%d\r\n%s\r\n" % (len(data), data)


def invalid_expire(name: str) -> bytes:
    return b"-ERR invalid expire time in '%s' command\r\n" % name.encode()


@pytest.fixture(scope="module")
def small_server():
    """A server with proto-max-bulk-len at its 1 MB minimum, for the size limits."""
    with ServerProcess("--proto-max-bulk-len", "1048576") as server:
        yield server


@pytest.fixture
def small(small_server):
    conn = RawConnection(small_server.port)
    assert conn.cmd("FLUSHALL") == OK
    yield conn
    conn.close()


# --- SET -----------------------------------------------------------------------------------

def test_set_option_errors(raw):
    for args in (["EX", "0"], ["EX", "-1"], ["PX", "0"], ["EXAT", "0"], ["PXAT", "-5"],
                 ["EX", "9223372036854775"], ["PX", "9223372036854775807"],
                 ["EXAT", "9223372036854775807"]):
        assert raw.cmd("SET", "k", "v", *args) == invalid_expire("set"), args
    for args in (["EX", "10", "PX", "10"], ["EX", "10", "KEEPTTL"], ["KEEPTTL", "EX", "10"],
                 ["NX", "XX"], ["XX", "GET", "NX"], ["EX"], ["PERSIST"], ["BOGUS"],
                 ["EX", "x", "BOGUS"], ["PXAT", "5", "EXAT", "5"]):
        assert raw.cmd("SET", "k", "v", *args) == SYNTAX, args
    assert raw.cmd("SET", "k", "v", "EX", "x") == NOT_INT
    assert raw.cmd("SET", "k", "v", "EX", "1.5") == NOT_INT
    # Repeats are fine; for an expiry only the last value is parsed.
    assert raw.cmd("SET", "k", "v", "EX", "x", "EX", "100") == OK
    assert raw.cmd("SET", "k", "v", "EX", "100", "EX", "x") == NOT_INT
    assert raw.cmd("SET", "k", "v", "nx", "NX") == NULL
    assert raw.cmd("SET", "k", "v", "xx", "xx", "keepttl", "KEEPTTL") == OK
    assert raw.cmd("SET", "k", "v", "PXAT", "9223372036854775807") == OK
    assert raw.cmd("GET", "k") == bulk(b"v")


def test_set_nx_xx_get(raw):
    assert raw.cmd("SET", "k", "1", "XX") == NULL
    assert raw.cmd("SET", "k", "1", "NX") == OK
    assert raw.cmd("SET", "k", "2", "NX") == NULL
    assert raw.cmd("SET", "k", "2", "NX", "GET") == bulk(b"1")     # not set, old value
    assert raw.cmd("SET", "k", "3", "XX", "GET") == bulk(b"1")
    assert raw.cmd("SET", "k", "4", "GET", "GET") == bulk(b"3")
    assert raw.cmd("GET", "k") == bulk(b"4")
    assert raw.cmd("SET", "new", "x", "GET") == NULL
    assert raw.cmd("SET", "new2", "x", "XX", "GET") == NULL
    assert raw.cmd("GET", "new2") == NULL
    raw.cmd("HELLO", "3")
    assert raw.cmd("SET", "new3", "x", "GET") == b"_\r\n"
    assert raw.cmd("SET", "new3", "y", "NX") == b"_\r\n"


def test_set_ttl_rules(raw):
    assert raw.cmd("SET", "keep", "1", "PX", "50") == OK
    assert raw.cmd("SET", "keep", "2", "KEEPTTL") == OK
    assert raw.cmd("SET", "drop", "1", "PX", "50") == OK
    assert raw.cmd("SET", "drop", "2") == OK                   # the 3-argument fast path
    assert raw.cmd("SET", "drop2", "1", "PX", "50") == OK
    assert raw.cmd("SET", "drop2", "2", "XX") == OK            # the option path
    assert raw.cmd("SET", "past", "1", "PXAT", "1") == OK      # expires at once
    assert raw.cmd("GET", "past") == NULL
    time.sleep(0.12)
    assert raw.cmd("GET", "keep") == NULL
    assert raw.cmd("GET", "drop") == bulk(b"2")
    assert raw.cmd("GET", "drop2") == bulk(b"2")


def test_set_through_redis_py(r):
    assert r.set("a", "1", ex=100) is True
    assert r.set("a", "2", nx=True) is None
    assert r.set("a", "2", xx=True, get=True) == b"1"
    assert r.set("a", "3", px=100000, get=True) == b"2"
    assert r.get("a") == b"3"


# --- GETEX, GETDEL, GETSET, SETNX, SETEX, PSETEX ------------------------------------------------

def test_getex(raw):
    assert raw.cmd("GETEX", "nokey") == NULL
    assert raw.cmd("GETEX", "nokey", "EX", "0") == NULL        # no key: the expiry is not read
    assert raw.cmd("GETEX", "nokey", "EX", "abc") == NULL
    assert raw.cmd("GETEX", "nokey", "BOGUS") == SYNTAX
    raw.cmd("SET", "k", "v")
    for args in (["EX"], ["PERSIST", "EX", "10"], ["EX", "10", "PERSIST"], ["KEEPTTL"], ["NX"],
                 ["GET"], ["EX", "1", "PX", "1"]):
        assert raw.cmd("GETEX", "k", *args) == SYNTAX, args
    assert raw.cmd("GETEX", "k", "EX", "0") == invalid_expire("getex")
    assert raw.cmd("GETEX", "k", "EX", "x") == NOT_INT
    assert raw.cmd("GETEX", "k", "PERSIST", "PERSIST") == bulk(b"v")
    assert raw.cmd("GETEX", "k", "PX", "50") == bulk(b"v")
    assert raw.cmd("SET", "p", "v", "PX", "50") == OK
    assert raw.cmd("GETEX", "p", "PERSIST") == bulk(b"v")
    assert raw.cmd("SET", "q", "v", "PX", "50") == OK
    assert raw.cmd("GETEX", "q", "EX", "100", "EX", "200") == bulk(b"v")
    time.sleep(0.12)
    assert raw.cmd("GET", "k") == NULL
    assert raw.cmd("GET", "p") == bulk(b"v")
    assert raw.cmd("GET", "q") == bulk(b"v")
    # A time already past deletes the key, after replying its value.
    assert raw.cmd("GETEX", "q", "EXAT", "1") == bulk(b"v")
    assert raw.cmd("GET", "q") == NULL
    raw.cmd("HELLO", "3")
    assert raw.cmd("GETEX", "nokey") == b"_\r\n"


def test_getdel_getset_setnx(raw):
    assert raw.cmd("GETDEL", "k") == NULL
    raw.cmd("SET", "k", "v")
    assert raw.cmd("GETDEL", "k") == bulk(b"v")
    assert raw.cmd("GET", "k") == NULL
    assert raw.cmd("GETSET", "k", "1") == NULL
    assert raw.cmd("GETSET", "k", "2") == bulk(b"1")
    raw.cmd("SET", "t", "1", "PX", "50")
    assert raw.cmd("GETSET", "t", "2") == bulk(b"1")        # drops the TTL
    assert raw.cmd("SETNX", "t", "3") == b":0\r\n"
    assert raw.cmd("SETNX", "u", "3") == b":1\r\n"
    time.sleep(0.12)
    assert raw.cmd("GET", "t") == bulk(b"2")
    assert raw.cmd("GET", "u") == bulk(b"3")


def test_setex_psetex(raw):
    for cmd, amount in (("SETEX", "0"), ("SETEX", "-1"), ("PSETEX", "0"),
                        ("SETEX", "9223372036854775"), ("PSETEX", "9223372036854775807")):
        assert raw.cmd(cmd, "k", amount, "v") == invalid_expire(cmd.lower())
    assert raw.cmd("SETEX", "k", "x", "v") == NOT_INT
    assert raw.cmd("SETEX", "k", "1", "v", "extra") == \
        b"-ERR wrong number of arguments for 'setex' command\r\n"
    assert raw.cmd("GET", "k") == NULL
    assert raw.cmd("SETEX", "s", "100", "v") == OK
    assert raw.cmd("PSETEX", "p", "50", "v") == OK
    assert raw.cmd("GET", "p") == bulk(b"v")
    time.sleep(0.12)
    assert raw.cmd("GET", "p") == NULL
    assert raw.cmd("GET", "s") == bulk(b"v")


# --- several keys ---------------------------------------------------------------------------------

def test_mset_mget_msetnx(raw, r):
    assert raw.cmd("MSET", "a", "1", "b", "2") == OK
    assert raw.cmd("MSET", "a", "1", "b") == b"-ERR wrong number of arguments for 'mset' command\r\n"
    assert raw.cmd("MSET", "a") == b"-ERR wrong number of arguments for 'mset' command\r\n"
    assert raw.cmd("MGET", "a", "nokey", "b") == b"*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n2\r\n"
    assert raw.cmd("MSETNX", "a", "9", "c", "3") == b":0\r\n"
    assert raw.cmd("GET", "c") == NULL
    assert raw.cmd("MSETNX", "c", "3", "c", "4") == b":1\r\n"     # the last value wins
    assert raw.cmd("GET", "c") == bulk(b"4")
    assert raw.cmd("MSETNX", "d", "1", "e") == \
        b"-ERR wrong number of arguments for 'msetnx' command\r\n"
    raw.cmd("HELLO", "3")
    assert raw.cmd("MGET", "a", "nokey") == b"*2\r\n$1\r\n1\r\n_\r\n"
    assert r.mget("a", "b", "c", "zz") == [b"1", b"2", b"4", None]
    assert r.mset({"x": "1", "y": "2"}) is True
    assert r.msetnx({"y": "9", "z": "9"}) is False


# --- parts of a string ----------------------------------------------------------------------------

def test_append_strlen(raw):
    assert raw.cmd("STRLEN", "k") == b":0\r\n"
    assert raw.cmd("APPEND", "k", "hello") == b":5\r\n"
    assert raw.cmd("APPEND", "k", " world") == b":11\r\n"
    assert raw.cmd("STRLEN", "k") == b":11\r\n"
    assert raw.cmd("APPEND", "empty", "") == b":0\r\n"       # creates an empty string
    assert raw.cmd("EXISTS", "empty") == b":1\r\n"
    raw.cmd("SET", "t", "a", "PX", "50")
    assert raw.cmd("APPEND", "t", "b") == b":2\r\n"           # keeps the TTL
    time.sleep(0.12)
    assert raw.cmd("GET", "t") == NULL


def test_getrange_substr(raw):
    raw.cmd("SET", "k", "hello world")
    cases = {("0", "-1"): b"hello world", ("0", "4"): b"hello", ("-5", "-1"): b"world",
             ("-100", "-1"): b"hello world", ("5", "3"): b"", ("100", "200"): b"",
             ("-1", "-5"): b"", ("0", "100"): b"hello world", ("0", "-100"): b"h",
             ("-100", "-200"): b"", ("-200", "-100"): b"h",
             ("9223372036854775807", "9223372036854775807"): b"",
             ("-9223372036854775808", "-9223372036854775808"): b"h"}
    for (start, end), expected in cases.items():
        assert raw.cmd("GETRANGE", "k", start, end) == bulk(expected), (start, end)
        assert raw.cmd("SUBSTR", "k", start, end) == bulk(expected), (start, end)
    assert raw.cmd("GETRANGE", "k", "x", "1") == NOT_INT
    assert raw.cmd("GETRANGE", "nokey", "x", "1") == NOT_INT
    assert raw.cmd("GETRANGE", "nokey", "0", "-1") == bulk(b"")
    raw.cmd("SET", "e", "")
    assert raw.cmd("GETRANGE", "e", "0", "-1") == bulk(b"")
    assert raw.cmd("SUBSTR", "k", "0") == b"-ERR wrong number of arguments for 'substr' command\r\n"


def test_setrange(raw):
    assert raw.cmd("SETRANGE", "k", "5", "hi") == b":7\r\n"
    assert raw.cmd("GET", "k") == bulk(b"\x00" * 5 + b"hi")
    assert raw.cmd("SETRANGE", "k", "1", "abcdefgh") == b":9\r\n"
    assert raw.cmd("GET", "k") == bulk(b"\x00abcdefgh")
    assert raw.cmd("SETRANGE", "k", "3", "XY") == b":9\r\n"
    assert raw.cmd("GET", "k") == bulk(b"\x00abXYefgh")
    assert raw.cmd("SETRANGE", "k", "0", "") == b":9\r\n"
    assert raw.cmd("SETRANGE", "k", "-1", "x") == b"-ERR offset is out of range\r\n"
    assert raw.cmd("SETRANGE", "k", "x", "x") == NOT_INT
    assert raw.cmd("SETRANGE", "none", "10", "") == b":0\r\n"    # creates nothing
    assert raw.cmd("EXISTS", "none") == b":0\r\n"
    assert raw.cmd("SETRANGE", "k", "9223372036854775807", "x") == TOO_LONG
    raw.cmd("SET", "t", "abc", "PX", "50")
    assert raw.cmd("SETRANGE", "t", "1", "Z") == b":3\r\n"      # keeps the TTL
    assert raw.cmd("GET", "t") == bulk(b"aZc")
    time.sleep(0.12)
    assert raw.cmd("GET", "t") == NULL


def test_size_limits(small):
    limit = 1 << 20
    assert small.cmd("SETRANGE", "k", str(limit - 1), "x") == b":%d\r\n" % limit
    assert small.cmd("SETRANGE", "k", str(limit), "x") == TOO_LONG
    assert small.cmd("SETRANGE", "k", str(limit - 2), "xyz") == TOO_LONG
    assert small.cmd("SETRANGE", "k", str(limit), "") == b":%d\r\n" % limit
    assert small.cmd("SETRANGE", "new", str(limit), "") == b":0\r\n"
    assert small.cmd("APPEND", "k", "x") == TOO_LONG
    assert small.cmd("APPEND", "k", "") == b":%d\r\n" % limit
    assert small.cmd("STRLEN", "k") == b":%d\r\n" % limit


# --- counters -------------------------------------------------------------------------------------

def test_incr_family(raw):
    assert raw.cmd("INCR", "n") == b":1\r\n"
    assert raw.cmd("INCRBY", "n", "10") == b":11\r\n"
    assert raw.cmd("INCRBY", "n", "-20") == b":-9\r\n"
    assert raw.cmd("DECRBY", "n", "5") == b":-14\r\n"
    assert raw.cmd("DECR", "n") == b":-15\r\n"
    assert raw.cmd("GET", "n") == bulk(b"-15")
    for bad in ("x", "1.5", "", " 1", "01", "+1", "9223372036854775808"):
        assert raw.cmd("INCRBY", "n", bad) == NOT_INT, bad
    for bad in ("abc", " 1", "01", "+1", "-0", "1e3", "12345678901234567890", ""):
        raw.cmd("SET", "v", bad)
        assert raw.cmd("INCR", "v") == NOT_INT, bad
    raw.cmd("SET", "max", "9223372036854775807")
    overflow = b"-ERR increment or decrement would overflow\r\n"
    assert raw.cmd("INCR", "max") == overflow
    assert raw.cmd("DECRBY", "max", "-1") == overflow
    raw.cmd("SET", "min", "-9223372036854775808")
    assert raw.cmd("DECR", "min") == overflow
    assert raw.cmd("DECRBY", "min", "9223372036854775807") == overflow
    assert raw.cmd("DECRBY", "min", "-9223372036854775808") == b"-ERR decrement would overflow\r\n"
    assert raw.cmd("DECRBY", "nokey", "-9223372036854775808") == \
        b"-ERR decrement would overflow\r\n"
    assert raw.cmd("INCRBY", "min", "9223372036854775807") == b":-1\r\n"
    raw.cmd("SET", "t", "5", "PX", "50")
    assert raw.cmd("INCR", "t") == b":6\r\n"                   # keeps the TTL
    time.sleep(0.12)
    assert raw.cmd("GET", "t") == NULL


def test_incrbyfloat(raw, r):
    raw.cmd("SET", "a", "10.5")
    assert raw.cmd("INCRBYFLOAT", "a", "0.1") == bulk(b"10.6")
    assert raw.cmd("INCRBYFLOAT", "b", "1.1") == bulk(b"1.1")
    assert raw.cmd("INCRBYFLOAT", "b", "2.2") == bulk(b"3.3")
    assert raw.cmd("GET", "b") == bulk(b"3.3")
    assert raw.cmd("INCRBYFLOAT", "c", "0.1") == bulk(b"0.1")
    assert raw.cmd("INCRBYFLOAT", "c", "0.2") == bulk(b"0.3")
    assert raw.cmd("INCRBYFLOAT", "c", "-0.3") == bulk(b"0")
    assert raw.cmd("INCRBYFLOAT", "d", "5.0e3") == bulk(b"5000")
    assert raw.cmd("INCRBYFLOAT", "d", "0x10") == bulk(b"5016")      # strtold reads hex
    assert raw.cmd("INCRBYFLOAT", "e", "1e-17") == bulk(b"0.00000000000000001")
    assert raw.cmd("INCRBYFLOAT", "f", "0.000003814697265625") == bulk(b"0.00000381469726562")
    assert raw.cmd("INCRBYFLOAT", "g", "123456789012345678901234567890") == \
        bulk(b"123456789012345678899921813504")                     # a 64-bit significand
    big = raw.cmd("INCRBYFLOAT", "h", "1e308")
    assert big.startswith(b"$308\r\n99999999999999999996685879655845645660560099847415567")
    assert raw.cmd("INCRBYFLOAT", "h", "1e308").startswith(b"$309\r\n1999999999999999999933")
    nan_inf = b"-ERR increment would produce NaN or Infinity\r\n"
    for bad in ("inf", "-inf", "infinity", "INF"):
        assert raw.cmd("INCRBYFLOAT", "i", bad) == nan_inf, bad
    raw.cmd("SET", "j", "1e4932")
    assert raw.cmd("INCRBYFLOAT", "j", "1e4932") == nan_inf
    for bad in ("abc", "nan", " 1", "1 ", "", "1e", ".", "1_0", "0x", "1e4933", "1e-4960",
                b"1\x00", "0" * 5120):
        assert raw.cmd("INCRBYFLOAT", "k", bad) == NOT_FLOAT, bad
    assert raw.cmd("EXISTS", "k") == b":0\r\n"
    for stored in ("abc", "", " 1", "1e4933"):
        raw.cmd("SET", "s", stored)
        assert raw.cmd("INCRBYFLOAT", "s", "1") == NOT_FLOAT, stored
    assert r.incrbyfloat("rp", 2.5) == 2.5


# --- LCS --------------------------------------------------------------------------------------------

LCS_IDX = (b"$7\r\nmatches\r\n*2\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n"
           b"*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n$3\r\nlen\r\n:6\r\n")
LCS_IDX_WITHLEN_MIN4 = (b"$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n"
                        b"$3\r\nlen\r\n:6\r\n")


@pytest.mark.parametrize("resp3", [False, True], ids=["resp2", "resp3"])
def test_lcs_reply_shapes(raw, resp3):
    if resp3:
        raw.cmd("HELLO", "3")
    head = b"%2\r\n" if resp3 else b"*4\r\n"
    raw.cmd("MSET", "key1", "ohmytext", "key2", "mynewtext")
    assert raw.cmd("LCS", "key1", "key2") == bulk(b"mytext")
    assert raw.cmd("LCS", "key1", "key2", "LEN") == b":6\r\n"
    assert raw.cmd("LCS", "key1", "key2", "IDX") == head + LCS_IDX
    assert raw.cmd("lcs", "key1", "key2", "idx", "minmatchlen", "4", "withmatchlen") == \
        head + LCS_IDX_WITHLEN_MIN4
    assert raw.cmd("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "-5") == head + LCS_IDX
    assert raw.cmd("LCS", "nokey", "nokey2", "IDX") == \
        head + b"$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n"
    assert raw.cmd("LCS", "key1", "key1", "IDX", "WITHMATCHLEN") == \
        head + b"$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:0\r\n:7\r\n*2\r\n:0\r\n:7\r\n:8\r\n" \
               b"$3\r\nlen\r\n:8\r\n"
    assert raw.cmd("LCS", "key1", "nokey") == bulk(b"")
    assert raw.cmd("LCS", "key1", "key2", "WITHMATCHLEN", "LEN", "LEN") == b":6\r\n"


def test_lcs_errors(raw, small):
    raw.cmd("MSET", "a", "x", "b", "y")
    assert raw.cmd("LCS", "a", "b", "LEN", "IDX") == \
        b"-ERR If you want both the length and indexes, please just use IDX.\r\n"
    assert raw.cmd("LCS", "a", "b", "LEN", "IDX", "BOGUS") == SYNTAX
    assert raw.cmd("LCS", "a", "b", "MINMATCHLEN") == SYNTAX
    assert raw.cmd("LCS", "a", "b", "MINMATCHLEN", "x") == NOT_INT
    assert raw.cmd("LCS", "a") == b"-ERR wrong number of arguments for 'lcs' command\r\n"
    # The table Redis would allocate, (len+1)**2 cells of 4 bytes, may not exceed the limit.
    small.cmd("SET", "p", "a" * 511)
    small.cmd("SET", "q", "b" * 511)
    assert small.cmd("LCS", "p", "q", "LEN") == b":0\r\n"
    small.cmd("SET", "q", "b" * 512)
    assert small.cmd("LCS", "p", "q", "LEN") == \
        b"-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n"


def test_lcs_large_inputs_agree_with_a_reference(raw):
    """The bit-parallel table against a plain dynamic program (the length)."""
    import random
    rng = random.Random(7)
    for size in (1, 2, 50, 300):
        a = bytes(rng.choice(b"acgt") for _ in range(size))
        b = bytes(rng.choice(b"acgt") for _ in range(size + 13))
        prev = [0] * (len(b) + 1)
        for ch in a:
            cur = [0]
            for j, other in enumerate(b):
                cur.append(prev[j] + 1 if ch == other else max(prev[j + 1], cur[j]))
            prev = cur
        raw.cmd("MSET", "a", a, "b", b)
        assert raw.cmd("LCS", "a", "b", "LEN") == b":%d\r\n" % prev[-1]
        common = raw.cmd("LCS", "a", "b")
        assert common == bulk(common[common.index(b"\n") + 1:-2])
        assert len(common[common.index(b"\n") + 1:-2]) == prev[-1]


# --- in process: WRONGTYPE and the write-notification rule ------------------------------------------

def run(db, *argv):
    """Run a handler directly against ``db`` (no socket); returns its reply value."""
    client = SimpleNamespace(db=db, server=SimpleNamespace(config=Config()))
    argv = [a if isinstance(a, bytes) else str(a).encode() for a in argv]
    return TABLE[argv[0].lower()].handler(client, argv)


WRONGTYPE_CASES = [
    ("GET", "l"), ("SET", "l", "v", "GET"), ("SET", "l", "v", "NX", "GET"), ("GETEX", "l"),
    ("GETEX", "l", "EX", "0"), ("GETDEL", "l"), ("GETSET", "l", "v"), ("APPEND", "l", "v"),
    ("STRLEN", "l"), ("GETRANGE", "l", "0", "-1"), ("SETRANGE", "l", "0", "x"),
    ("SETRANGE", "l", "0", ""), ("INCR", "l"), ("DECRBY", "l", "1"), ("INCRBYFLOAT", "l", "x"),
    ("SETBIT", "l", "0", "1"), ("GETBIT", "l", "0"), ("BITCOUNT", "l", "x"), ("BITPOS", "l", "0"),
    ("BITOP", "AND", "d", "s", "l"), ("BITOP", "NOT", "d", "l"), ("BITFIELD", "l", "GET", "u8", "0"),
    ("BITFIELD", "l", "SET", "u8", "0", "1"), ("BITFIELD_RO", "l", "GET", "u8", "0"),
]


@pytest.mark.parametrize("argv", WRONGTYPE_CASES, ids=lambda a: " ".join(a))
def test_wrongtype(argv):
    from redix.errors import WRONGTYPE as message, CommandError
    db = Database(0)
    db.data[b"l"] = [b"a list"]
    db.data[b"s"] = b"string"
    with pytest.raises(CommandError) as info:
        run(db, *argv)
    assert info.value.message == message
    assert db.data[b"l"] == [b"a list"]


def test_wrongtype_exceptions_and_order():
    from redix.errors import CommandError
    db = Database(0)
    db.data[b"l"] = [b"a list"]
    assert run(db, "MGET", "l", "nokey") == [None, None]
    assert run(db, "SET", "l", "v", "NX") is None
    assert run(db, "SETNX", "l", "v") == 0
    assert run(db, "MSETNX", "l", "v") == 0
    for argv, message in ((("INCRBY", "l", "x"), b"ERR value is not an integer or out of range"),
                          (("SETRANGE", "l", "-1", "x"), b"ERR offset is out of range"),
                          (("SETBIT", "l", "0", "2"), b"ERR bit is not an integer or out of range"),
                          (("BITPOS", "l", "2"), b"ERR The bit argument must be 1 or 0."),
                          (("LCS", "l", "nokey"), b"ERR The specified keys must contain string values"),
                          (("BITFIELD", "l", "BOGUS"), b"ERR syntax error")):
        with pytest.raises(CommandError) as info:
            run(db, *argv)
        assert info.value.message == message, argv
    assert run(db, "SET", "l", "v") is not None and db.data[b"l"] == b"v"   # SET replaces any type


class RecordingDatabase(Database):
    """A Database that records every ``written`` notification."""
    __slots__ = ("seen",)

    def __init__(self):
        super().__init__(0)
        self.seen = []

    def written(self, key: bytes) -> None:
        self.seen.append(key)


WRITES = [
    ("SET", "k", "v"), ("SET", "k", "v", "EX", "100"), ("GETEX", "s", "EX", "100"),
    ("GETEX", "t", "PERSIST"), ("GETEX", "s", "PXAT", "1"), ("GETDEL", "s"), ("GETSET", "k", "v"),
    ("SETNX", "k", "v"), ("SETEX", "k", "10", "v"), ("PSETEX", "k", "10", "v"), ("MSET", "k", "v"),
    ("MSETNX", "k", "v"), ("APPEND", "k", "v"), ("SETRANGE", "k", "3", "v"), ("INCR", "k"),
    ("DECR", "k"), ("INCRBY", "k", "5"), ("DECRBY", "k", "5"), ("INCRBYFLOAT", "k", "1.5"),
    ("SETBIT", "k", "9", "1"), ("BITOP", "OR", "k", "s"), ("BITOP", "AND", "s", "nokey"),
    ("BITFIELD", "k", "SET", "u8", "0", "1"), ("BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "9"),
]


@pytest.mark.parametrize("argv", WRITES, ids=lambda a: " ".join(a))
def test_every_write_notifies(argv):
    db = RecordingDatabase()
    db.data[b"s"] = b"10"
    db.data[b"t"] = b"v"
    db.expires[b"t"] = int(time.time() * 1000) + 100000
    run(db, *argv)
    assert db.seen and db.seen[-1] == argv[2 if argv[0] == "BITOP" else 1].encode()


def test_no_write_no_notification():
    db = RecordingDatabase()
    db.data[b"s"] = b"v"
    for argv in (("SET", "s", "x", "NX"), ("SET", "n", "x", "XX"), ("SETNX", "s", "x"),
                 ("MSETNX", "s", "x", "n", "y"), ("GETEX", "s"), ("GETEX", "s", "PERSIST"),
                 ("GETDEL", "n"), ("SETRANGE", "n", "0", ""), ("BITFIELD", "s", "GET", "u8", "0"),
                 ("GET", "s"), ("BITCOUNT", "s"), ("LCS", "s", "s")):
        run(db, *argv)
    assert db.seen == []


def test_client_errors_map_to_redis_py_exceptions(r):
    r.set("s", "abc")
    with pytest.raises(redis.ResponseError, match="value is not an integer"):
        r.incr("s")
    with pytest.raises(redis.ResponseError, match="not a valid float"):
        r.incrbyfloat("s", 1)
