"""Strings and bitmaps against a real redis-server, byte for byte.

Hand-written sequences cover every option combination and error of the
string and bitmap commands (RESP2 and RESP3 where reply shapes differ);
INCRBYFLOAT is checked on thousands of random and tie-breaking values,
since its results depend on emulating 80-bit long double arithmetic;
seeded random sequences mix everything over a few colliding keys.

Sequences that need a non-string type (WRONGTYPE) or TTL/TYPE are skipped
while this server lacks those commands, and run as soon as it has them.
Skipped entirely when redis-server is not installed.
"""
import itertools
import random
from decimal import Decimal, getcontext
from fractions import Fraction

import pytest

from redix.commands.args import add_long_double, format_long_double, to_long_double
from tests.conftest import RawConnection
from tests.differential import KEYS, VALUES, family, random_sequence

pytestmark = pytest.mark.differential


@pytest.fixture
def needs(redix_server):
    """``needs("LPUSH", "TTL")``: skip unless this Redix serves those commands."""
    def check(*names):
        conn = RawConnection(redix_server.port)
        try:
            for name in names:
                if conn.cmd(name).startswith(b"-ERR unknown command"):
                    pytest.skip(f"this server has no {name} yet")
        finally:
            conn.close()
    return check


# --- SET, GETEX and the GET/SET family -------------------------------------------------------

SET_OPTIONS = [["NX"], ["XX"], ["GET"], ["KEEPTTL"], ["EX", "100"], ["PX", "100000"],
               ["EXAT", "4102444800"], ["PXAT", "4102444800000"], ["PERSIST"], ["EX", "0"],
               ["EX", "x"], ["PXAT", "1"], ["BOGUS"], ["EX"]]


def test_set_option_pairs(assert_same):
    """Every ordered pair of SET options, on a missing and on an existing key."""
    sequence = []
    for first, second in itertools.product(SET_OPTIONS, repeat=2):
        sequence += [["SET", "k", "v1", *first, *second], ["GET", "k"],
                     ["SET", "k", "v2", *first, *second], ["GET", "k"], ["DEL", "k"]]
    assert_same(sequence)


def test_set_expiry_values(assert_same):
    sequence = []
    for unit in ("EX", "PX", "EXAT", "PXAT", "ex", "pXaT"):
        # No small relative amounts: they would expire at different moments on each server.
        for amount in ("100000", "0", "-1", "x", "1.5", "", "9223372036854775807", "9223372036854775",
                       "9223372036854776", "4611686018427387", "-9223372036854775808", "01"):
            sequence += [["SET", "k", "v", unit, amount], ["EXISTS", "k"]]
            sequence += [["SETEX", "k", amount, "v"], ["PSETEX", "k", amount, "v"],
                         ["GETEX", "k", unit, amount], ["GETEX", "nokey", unit, amount]]
    sequence += [["SET", "k", "v", "EX", "x", "EX", "100"], ["SET", "k", "v", "EX", "100", "EX", "x"],
                 ["SET", "k", "v", "EX", "1", "PX", "1"], ["SET", "k", "v", "nx", "NX", "get", "GET"]]
    assert_same(sequence)


@pytest.mark.parametrize("resp3", [False, True], ids=["resp2", "resp3"])
def test_get_set_family(assert_same, resp3):
    assert_same([
        ["GETEX", "nokey"], ["GETEX", "nokey", "BOGUS"], ["SET", "k", "v", "EX", "100"],
        ["GETEX", "k"], ["GETEX", "k", "PERSIST"], ["GETEX", "k", "PERSIST", "PERSIST"],
        ["GETEX", "k", "EX", "10", "EX", "20"], ["GETEX", "k", "PERSIST", "EX", "1"],
        ["GETEX", "k", "EX", "1", "PERSIST"], ["GETEX", "k", "KEEPTTL"], ["GETEX", "k", "GET"],
        ["GETEX", "k", "PXAT", "1"], ["EXISTS", "k"], ["GETEX", "k"],
        ["GETDEL", "k"], ["SET", "k", "v"], ["GETDEL", "k"], ["GETDEL", "k"],
        ["GETSET", "k", "1"], ["GETSET", "k", "2"], ["GET", "k"],
        ["SETNX", "k", "3"], ["SETNX", "n", "3"], ["GET", "n"],
        ["SETEX", "s", "100", "v"], ["PSETEX", "p", "100000", "v"], ["MGET", "s", "p", "nokey"],
        ["MSET", "a", "1", "b", "2", "a", "3"], ["MGET", "a", "b"], ["MSET", "a"],
        ["MSET", "a", "1", "b"], ["MSETNX", "a", "1", "z", "2"], ["EXISTS", "z"],
        ["MSETNX", "y", "1", "z", "2", "y", "3"], ["MGET", "y", "z"], ["MSETNX", "q"],
        ["MGET", "nokey"], ["MGET"], ["GETDEL"], ["GETEX"], ["SETNX", "k"],
    ], resp3=resp3)


def test_ttl_effects(assert_same, needs):
    needs("TTL", "PERSIST")
    assert_same([
        ["SET", "k", "v", "EX", "100"], ["TTL", "k"], ["SET", "k", "v2", "KEEPTTL"], ["TTL", "k"],
        ["SET", "k", "v3", "XX"], ["TTL", "k"], ["SET", "k", "v", "EX", "100"], ["SET", "k", "v"],
        ["TTL", "k"], ["SET", "k", "v", "EX", "100"], ["GETSET", "k", "x"], ["TTL", "k"],
        ["SETEX", "k", "100", "v"], ["APPEND", "k", "x"], ["SETRANGE", "k", "0", "y"],
        ["SETBIT", "k", "1", "1"], ["BITFIELD", "k", "SET", "u8", "8", "7"], ["TTL", "k"],
        ["SET", "n", "1", "EX", "100"], ["INCR", "n"], ["INCRBYFLOAT", "n", "1.5"], ["TTL", "n"],
        ["GETEX", "n", "PERSIST"], ["TTL", "n"], ["GETEX", "n", "EX", "50"], ["TTL", "n"],
        ["SET", "d", "1", "EX", "100"], ["BITOP", "OR", "d", "n"], ["TTL", "d"],
        ["MSET", "n", "1"], ["TTL", "n"],
    ])


WRONGTYPE_STEPS = [
    ["GET", "l"], ["SET", "l", "v", "GET"], ["SET", "l", "v", "NX", "GET"], ["SET", "l", "v", "NX"],
    ["SET", "l", "v", "XX", "GET"], ["GETEX", "l"], ["GETEX", "l", "EX", "0"], ["GETDEL", "l"],
    ["GETSET", "l", "v"], ["SETNX", "l", "v"], ["MSETNX", "l", "v"], ["MGET", "l", "nokey"],
    ["APPEND", "l", "v"], ["STRLEN", "l"], ["GETRANGE", "l", "0", "-1"], ["SUBSTR", "l", "x", "1"],
    ["SETRANGE", "l", "0", "x"], ["SETRANGE", "l", "0", ""], ["SETRANGE", "l", "-1", "x"],
    ["INCR", "l"], ["DECR", "l"], ["INCRBY", "l", "x"], ["DECRBY", "l", "-9223372036854775808"],
    ["INCRBYFLOAT", "l", "1"], ["INCRBYFLOAT", "l", "x"], ["LCS", "l", "s"], ["LCS", "s", "l"],
    ["LCS", "l", "s", "BOGUS"], ["SETBIT", "l", "0", "1"], ["SETBIT", "l", "-1", "1"],
    ["GETBIT", "l", "0"], ["BITCOUNT", "l"], ["BITCOUNT", "l", "x"], ["BITPOS", "l", "0"],
    ["BITPOS", "l", "2"], ["BITOP", "AND", "d", "s", "l"], ["BITOP", "NOT", "d", "l"],
    ["BITOP", "FOO", "d", "l"], ["BITOP", "OR", "l", "s"], ["GET", "l"],
]


@pytest.mark.parametrize("maker", [["LPUSH", "l", "x"], ["HSET", "l", "f", "v"],
                                   ["SADD", "l", "m"]], ids=lambda m: m[0])
def test_wrongtype(assert_same, needs, maker):
    needs(maker[0])
    bitfield = [["BITFIELD", "l", "GET", "u8", "0"], ["BITFIELD", "l", "SET", "u8", "0", "1"],
                ["BITFIELD", "l", "BOGUS"], ["BITFIELD_RO", "l", "GET", "u8", "0"]]
    assert_same([["SET", "s", "str"], maker, *WRONGTYPE_STEPS[:-3], maker, *bitfield,
                 *WRONGTYPE_STEPS[-3:], maker, ["MSET", "l", "1"], ["GET", "l"]])


# --- ranges and counters --------------------------------------------------------------------------

RANGE_INTS = ["0", "1", "3", "-1", "-3", "5", "10", "100", "-100", "-200", "x", "1.5",
              "9223372036854775807", "-9223372036854775808"]


def test_getrange_and_bitcount_ranges(assert_same):
    sequence = [["SET", "s", "foobar"], ["SET", "e", ""]]
    for start, end in itertools.product(RANGE_INTS, repeat=2):
        sequence += [["GETRANGE", "s", start, end], ["SUBSTR", "e", start, end],
                     ["BITCOUNT", "s", start, end], ["BITCOUNT", "s", start, end, "BIT"],
                     ["BITPOS", "s", "1", start, end], ["BITPOS", "s", "0", start, end, "bit"],
                     ["BITPOS", "e", "0", start, end]]
    for start in RANGE_INTS:
        sequence += [["BITPOS", "s", "0", start], ["BITPOS", "s", "1", start]]
    assert_same(sequence)


def test_setrange_append(assert_same):
    sequence = []
    for offset in ("0", "1", "3", "6", "10", "-1", "x", "536870912", "9223372036854775807"):
        for part in ("", "ab", "xyz123"):
            sequence += [["SET", "k", "hello"], ["SETRANGE", "k", offset, part], ["GET", "k"],
                         ["SETRANGE", "new", offset, part], ["GET", "new"], ["DEL", "new"]]
    sequence += [["APPEND", "a", ""], ["EXISTS", "a"], ["APPEND", "a", b"\x00\xff"],
                 ["APPEND", "a", "z"], ["STRLEN", "a"], ["GET", "a"], ["STRLEN", "nokey"]]
    assert_same(sequence)


def test_integer_counters(assert_same):
    sequence = []
    for stored in ("", "0", "1", "-1", "007", " 1", "1 ", "+1", "-0", "1e3", "3.0", "abc",
                   "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                   "12345678901234567890", b"1\x00"):
        for cmd in (["INCR", "k"], ["DECR", "k"], ["INCRBY", "k", "-9223372036854775808"],
                    ["INCRBY", "k", "9223372036854775807"], ["DECRBY", "k", "-9223372036854775808"],
                    ["DECRBY", "k", "9223372036854775807"], ["INCRBY", "k", "x"],
                    ["INCRBY", "k", "5"], ["DECRBY", "k", "-5"]):
            sequence += [["SET", "k", stored], cmd, ["GET", "k"]]
    sequence += [["DEL", "k"], ["INCRBY", "k", "1.0"], ["INCRBY", "k", ""], ["DECRBY", "k", "01"],
                 ["INCR", "k", "1"], ["INCRBY", "k"]]
    assert_same(sequence)


# --- INCRBYFLOAT and the long double helper -------------------------------------------------------

FLOATS = [b"0", b"1", b"-1", b"10.5", b"0.1", b"0.2", b"0.3", b"1.1", b"2.2", b"3.3", b"-0.1",
          b"1e-17", b"5e-18", b"1.5e-17", b"-0", b"+.5", b"-.5e1", b"5.", b"1E2", b"1e+2",
          b"0x10", b"0x1p-2", b"0X.8P1", b"1e308", b"1e4000", b"-1e4000", b"1e4932", b"1.9e-4951",
          b"1e-4960", b"1e4933", b"inf", b"-inf", b"Infinity", b"nan", b"-nan", b"nan(1)", b" 1",
          b"1 ", b"", b".", b"1e", b"1_0", b"0x", b"1e+", b"abc", b"1\x00", b"0" * 5119,
          b"0" * 5120, b"9999999999999999.5", b"123456789012345678901234567890",
          b"0.000003814697265625", b"0.000011444091796875", b"1.0000000000000000000000001"]


def _random_float(rng) -> bytes:
    kind = rng.random()
    if kind < 0.2:
        return b"%d" % rng.randint(-10 ** 6, 10 ** 6)
    if kind < 0.4:
        return b"%.*f" % (rng.randint(0, 20), rng.uniform(-1000, 1000))
    if kind < 0.55:
        return repr(rng.uniform(-1e10, 1e10)).encode()
    if kind < 0.65:
        return b"%de%d" % (rng.randint(-999, 999), rng.randint(-40, 40))
    if kind < 0.72:
        return b"0x%x.%xp%d" % (rng.randint(0, 10 ** 6), rng.randint(0, 4095), rng.randint(-30, 30))
    if kind < 0.8:
        return b"%d.%d" % (rng.randint(0, 99), rng.randint(0, 10 ** 30))
    if kind < 0.9:
        return b"%de%d" % (rng.randint(1, 99), rng.randint(-4960, 4940))
    return rng.choice(FLOATS)


def test_incrbyfloat_fixed_values(assert_same):
    sequence = []
    for stored, increment in itertools.product(FLOATS[:30], FLOATS):
        sequence += [["SET", "k", stored], ["INCRBYFLOAT", "k", increment]]
    sequence += [["DEL", "k"], ["INCRBYFLOAT", "k", "1.1"], ["INCRBYFLOAT", "k", "2.2"],
                 ["INCRBYFLOAT", "k", "-3.3"], ["GET", "k"]]
    assert_same(sequence)


@pytest.mark.parametrize("seed", range(3))
def test_incrbyfloat_random_values(assert_same, seed):
    """Random pairs, each incremented twice so the stored text is parsed back too."""
    rng = random.Random(seed)
    sequence = []
    for _ in range(700):
        increment = _random_float(rng)
        sequence += [["SET", "k", _random_float(rng)], ["INCRBYFLOAT", "k", increment],
                     ["INCRBYFLOAT", "k", increment]]
    assert_same(sequence)


def _exact_decimal(value: Fraction) -> bytes:
    getcontext().prec = 200
    return format(Decimal(value.numerator) / Decimal(value.denominator), "f").encode()


def test_incrbyfloat_ties(assert_same):
    """Decimal inputs exactly halfway between two 64-bit significands, just above them,
    and sums that land halfway: both roundings must go to even as x87 rounds."""
    rng = random.Random(11)
    sequence = []
    for _ in range(150):
        mantissa, exp = rng.randrange(1 << 63, 1 << 64), rng.randint(-70, 10)
        half_ulp = Fraction(2) ** (exp - 1)
        midpoint = _exact_decimal(Fraction(2 * mantissa + 1) * half_ulp)
        value = _exact_decimal(mantissa * Fraction(2) ** exp)
        sequence += [["SET", "k", midpoint], ["INCRBYFLOAT", "k", "0"],
                     ["SET", "k", midpoint + (b"1" if b"." in midpoint else b".001")],
                     ["INCRBYFLOAT", "k", "0"],
                     ["SET", "k", value], ["INCRBYFLOAT", "k", _exact_decimal(half_ulp)],
                     ["SET", "k", value], ["INCRBYFLOAT", "k", b"-" + _exact_decimal(half_ulp)]]
    assert_same(sequence)


def test_long_double_helper_against_redis(oracle):
    """The args.py helper itself, value by value, against the oracle's replies."""
    conn = RawConnection(oracle.port)
    rng = random.Random(99)
    try:
        for _ in range(1500):
            stored, increment = _random_float(rng), _random_float(rng)
            conn.cmd("SET", "ld", stored)
            theirs = conn.cmd("INCRBYFLOAT", "ld", increment)
            current, step = to_long_double(stored), to_long_double(increment)
            if current is None or step is None:
                ours = b"-ERR value is not a valid float\r\n"
            else:
                total = add_long_double(current, step)
                if type(total) is float:
                    ours = b"-ERR increment would produce NaN or Infinity\r\n"
                else:
                    text = format_long_double(total)
                    ours = b"$%d\r\n%s\r\n" % (len(text), text)
            assert ours == theirs, (stored, increment)
    finally:
        conn.close()


# --- LCS --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("resp3", [False, True], ids=["resp2", "resp3"])
def test_lcs_options(assert_same, resp3):
    options = [[], ["LEN"], ["IDX"], ["IDX", "WITHMATCHLEN"], ["IDX", "MINMATCHLEN", "4"],
               ["IDX", "MINMATCHLEN", "2", "WITHMATCHLEN"], ["LEN", "IDX"], ["WITHMATCHLEN"],
               ["MINMATCHLEN", "-5", "IDX"], ["MINMATCHLEN", "x"], ["MINMATCHLEN"], ["BOGUS"],
               ["LEN", "IDX", "BOGUS"], ["len", "len"], ["idx", "idx", "withmatchlen"],
               ["MINMATCHLEN", "9223372036854775808"]]
    sequence = [["MSET", "a", "ohmytext", "b", "mynewtext", "e", ""]]
    for keys in (["a", "b"], ["b", "a"], ["a", "a"], ["a", "nokey"], ["nokey", "e"], ["e", "b"]):
        sequence += [["LCS", *keys, *opts] for opts in options]
    sequence += [["LCS", "a"]]
    assert_same(sequence, resp3=resp3)


@pytest.mark.parametrize("seed", range(3))
def test_lcs_random_strings(assert_same, seed):
    """Small alphabets make many equally long subsequences: the walk's tie-breaking shows."""
    rng = random.Random(seed)
    sequence = []
    for _ in range(80):
        alphabet = rng.choice([b"ab", b"abc", b"acgt", bytes(range(256))])
        strings = [bytes(rng.choice(alphabet) for _ in range(rng.randint(0, rng.choice([5, 30, 150]))))
                   for _ in range(2)]
        sequence += [["MSET", "x", strings[0], "y", strings[1]], ["LCS", "x", "y"],
                     ["LCS", "x", "y", "IDX", "WITHMATCHLEN"], ["LCS", "y", "x", "IDX", "MINMATCHLEN", "2"],
                     ["LCS", "x", "y", "LEN"]]
    assert_same(sequence)


# --- bitmaps --------------------------------------------------------------------------------------

def test_setbit_getbit(assert_same):
    sequence = []
    for offset in ("0", "7", "8", "100", "-1", "x", "1.5", "#1", "", "4294967296", "01"):
        for bit in ("0", "1", "2", "-1", "x", "01", ""):
            sequence += [["SETBIT", "b", offset, bit], ["GETBIT", "b", offset]]
    sequence += [["GET", "b"], ["SETBIT", "z", "3", "0"], ["GET", "z"], ["GETBIT", "nokey", "0"],
                 ["GETBIT", "b", "4294967295"]]
    assert_same(sequence)


@pytest.mark.parametrize("resp3", [False, True], ids=["resp2", "resp3"])
def test_bitop(assert_same, resp3):
    sequence = [["SET", "a", b"\x0f\xf0\x55"], ["SET", "b", b"\xff"], ["SET", "e", ""]]
    for op in ("AND", "or", "Xor", "NOT", "FOO"):
        for sources in (["a"], ["a", "b"], ["b", "a", "a"], ["nokey"], ["a", "nokey"], ["e"], []):
            sequence += [["BITOP", op, "d", *sources], ["GET", "d"]]
    sequence += [["SET", "d", "x"], ["BITOP", "OR", "d", "e", "nokey"], ["EXISTS", "d"],
                 ["BITOP", "AND", "a", "a", "b"], ["GET", "a"]]
    assert_same(sequence, resp3=resp3)


BITFIELD_TYPES = ["u1", "u8", "i8", "i5", "u3", "i16", "u63", "i64", "u64", "i65", "u0", "U8", "x8"]
# No offsets near the limit: a write there makes a 512 MB string on both servers.
BITFIELD_OFFSETS = ["0", "1", "7", "13", "#0", "#1", "#3", "-1", "x", "#-1", "4294967296"]
BITFIELD_VALUES = ["0", "1", "-1", "100", "-100", "300", "9223372036854775807",
                   "-9223372036854775808", "x"]


def _bitfield_op(rng) -> list:
    kind = rng.random()
    if kind < 0.15:
        return ["OVERFLOW", rng.choice(["WRAP", "SAT", "FAIL", "wrap", "sat", "fail", "BOGUS"])]
    field = [rng.choice(BITFIELD_TYPES[:8] * 4 + BITFIELD_TYPES[8:]),
             rng.choice(BITFIELD_OFFSETS[:6] * 4 + BITFIELD_OFFSETS[6:])]
    if kind < 0.45:
        return ["GET", *field]
    return [rng.choice(["SET", "INCRBY"]), *field, rng.choice(BITFIELD_VALUES)]


@pytest.mark.parametrize("resp3", [False, True], ids=["resp2", "resp3"])
def test_bitfield_random(assert_same, resp3):
    rng = random.Random(5 + resp3)
    sequence = [["SET", "bf", b"\xd4\x00\xff\x13"]]
    for _ in range(400):
        ops = [x for _ in range(rng.randint(0, 4)) for x in _bitfield_op(rng)]
        if rng.random() < 0.05:
            ops.append(rng.choice(["GET", "SET", "OVERFLOW", "INCRBY"]))   # too few arguments
        command = "BITFIELD_RO" if rng.random() < 0.2 else "BITFIELD"
        sequence += [[command, rng.choice(["bf", "bf", "new"]), *ops]]
        if rng.random() < 0.1:
            sequence += [["GET", "bf"], ["GET", "new"], ["DEL", "new"]]
    sequence += [["GET", "bf"]]
    assert_same(sequence, resp3=resp3)


# --- random mixed sequences -------------------------------------------------------------------------

def _int(rng) -> str:
    return rng.choice(["0", "1", "2", "-1", "-3", "7", "20", "x", "9223372036854775807"])


def _pairs(rng) -> list:
    return [x for _ in range(rng.randint(1, 3)) for x in (rng.choice(KEYS), rng.choice(VALUES))]


family("strings_all")(lambda rng: ["SET", rng.choice(KEYS), rng.choice(VALUES),
                                   *[x for _ in range(rng.choice([0, 1, 2]))
                                     for x in rng.choice(SET_OPTIONS)]])
family("strings_all")(lambda rng: ["GETEX", rng.choice(KEYS),
                                   *[x for _ in range(rng.choice([0, 1, 2]))
                                     for x in rng.choice(SET_OPTIONS)]])
family("strings_all")(lambda rng: [rng.choice(["GET", "GETDEL", "STRLEN", "INCR", "DECR"]),
                                   rng.choice(KEYS)])
family("strings_all")(lambda rng: [rng.choice(["GETSET", "SETNX", "APPEND"]), rng.choice(KEYS),
                                   rng.choice(VALUES)])
family("strings_all")(lambda rng: [rng.choice(["SETEX", "PSETEX"]), rng.choice(KEYS),
                                   rng.choice(["100000", "0", "-1", "x"]), rng.choice(VALUES)])
family("strings_all")(lambda rng: [rng.choice(["MSET", "MSETNX"]), *_pairs(rng)])
family("strings_all")(lambda rng: ["MGET", *rng.sample(KEYS, rng.randint(1, 4))])
family("strings_all")(lambda rng: [rng.choice(["GETRANGE", "SUBSTR"]), rng.choice(KEYS),
                                   _int(rng), _int(rng)])
family("strings_all")(lambda rng: ["SETRANGE", rng.choice(KEYS), rng.choice(["0", "2", "9", "-1"]),
                                   rng.choice(VALUES)])
family("strings_all")(lambda rng: [rng.choice(["INCRBY", "DECRBY"]), rng.choice(KEYS), _int(rng)])
family("strings_all")(lambda rng: ["INCRBYFLOAT", rng.choice(KEYS), _random_float(rng)])
family("strings_all")(lambda rng: ["LCS", rng.choice(KEYS), rng.choice(KEYS),
                                   *rng.choice([[], ["LEN"], ["IDX"], ["IDX", "WITHMATCHLEN"]])])

family("bitmaps")(lambda rng: ["SETBIT", rng.choice(KEYS), rng.choice(["0", "5", "9", "63", "x"]),
                               rng.choice(["0", "1", "1", "2"])])
family("bitmaps")(lambda rng: ["GETBIT", rng.choice(KEYS), rng.choice(["0", "5", "9", "63", "-1"])])
family("bitmaps")(lambda rng: ["BITCOUNT", rng.choice(KEYS),
                               *rng.choice([[], [_int(rng), _int(rng)],
                                            [_int(rng), _int(rng), rng.choice(["BIT", "BYTE"])]])])
family("bitmaps")(lambda rng: ["BITPOS", rng.choice(KEYS), rng.choice(["0", "1", "1", "2"]),
                               *rng.choice([[], [_int(rng)], [_int(rng), _int(rng)],
                                            [_int(rng), _int(rng), rng.choice(["BIT", "BYTE"])]])])
family("bitmaps")(lambda rng: ["BITOP", rng.choice(["AND", "OR", "XOR", "NOT"]), rng.choice(KEYS),
                               *rng.sample(KEYS, rng.choice([1, 1, 2, 3]))])
family("bitmaps")(lambda rng: ["BITFIELD", rng.choice(KEYS),
                               *[x for _ in range(rng.randint(1, 3)) for x in _bitfield_op(rng)]])


@pytest.mark.parametrize("seed", range(6))
def test_random_sequences(assert_same, seed):
    assert_same(random_sequence(1000 + seed, ["core", "strings_all", "bitmaps"], length=300),
                resp3=seed % 2 == 1)
