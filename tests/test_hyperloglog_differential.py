"""HyperLogLog against a real redis-server: the same commands must leave the
same bytes in the strings (sparse and dense, through every promotion) and
give the same replies; strings written by one server count the same on the
other.  Skipped when ``redis-server`` is not installed.
"""
import random

import pytest

from redix.types import hyperloglog as hll
from tests.conftest import RawConnection, ServerProcess
from tests.differential import paired

pytestmark = pytest.mark.differential


@pytest.fixture(scope="module")
def roomy_servers(fresh_oracle):
    """A Redix and a redis-server whose sparse sketches may grow to 12000 bytes."""
    with ServerProcess("--hll-sparse-max-bytes", "12000") as redix:
        yield redix, fresh_oracle("--hll-sparse-max-bytes", "12000")


@pytest.fixture
def roomy_pair(roomy_servers):
    redix, oracle = roomy_servers
    conn = RawConnection(redix.port)
    try:
        with paired(oracle, conn) as pair:
            yield pair
    finally:
        conn.close()


def elements(rng, n):
    return [b"%x" % rng.getrandbits(rng.choice((8, 20, 40, 64))) for _ in range(n)]


def payload(reply: bytes) -> bytes:
    return reply[reply.index(b"\r\n") + 2:-2]


def test_same_pfadds_same_bytes_through_promotion(pair):
    rng = random.Random(11)
    for n in (1, 40, 700, 2500, 6000):
        pair.same("DEL", "h")
        batch = elements(rng, n)
        i = 0
        while i < n:
            step = rng.choice((1, 1, 2, 5, 30))
            pair.same("PFADD", "h", *batch[i:i + step])
            pair.same("GET", "h")
            if rng.random() < 0.1:
                pair.same("PFCOUNT", "h")
                pair.same("GET", "h")
            i += step
        pair.same("PFDEBUG", "ENCODING", "h")
        pair.same("PFCOUNT", "h")
        pair.same("GET", "h")
    assert pair.redix.cmd("PFDEBUG", "ENCODING", "h") == b"+dense\r\n"


def _sequence_filling_exactly(limit: int) -> list:
    """Elements that, added one by one, grow a sparse sketch to exactly ``limit`` bytes."""
    for seed in range(1000):
        rng = random.Random(seed)
        sketch = hll.HyperLogLog.new()
        sequence = []
        while sketch.size < limit:
            sequence.append(b"%x" % rng.getrandbits(64))
            sketch.add(sequence[-1], 1 << 30)
        if sketch.size == limit:
            return sequence
    raise AssertionError("no sequence found")


def test_promotion_happens_only_past_the_limit(pair):
    sequence = _sequence_filling_exactly(3000)
    rng = random.Random(17)
    for element in sequence + elements(rng, 50):
        pair.same("PFADD", "h", element)
        reply = pair.same("GET", "h")
        if element is sequence[-1]:
            assert reply.startswith(b"$3000\r\nHYLL\x01")     # at the limit: still sparse
    assert pair.redix.cmd("PFDEBUG", "ENCODING", "h") == b"+dense\r\n"


def test_long_sparse_sketches(roomy_pair):
    rng = random.Random(12)
    pair = roomy_pair
    for n in (3000, 9000):
        pair.same("DEL", "h", "m")
        for j, element in enumerate(elements(rng, n)):
            pair.same("PFADD", "h", element)
            if j % 101 == 0:
                pair.same("GET", "h")
                pair.same("PFCOUNT", "h")
        pair.same("GET", "h")
        pair.same("PFMERGE", "m", "h")
        pair.same("GET", "m")
        pair.same("PFCOUNT", "m")
    assert pair.redix.cmd("PFDEBUG", "ENCODING", "h") == b"+sparse\r\n"


@pytest.mark.parametrize("n", [10_000, 100_000])
def test_counts_equal(pair, n):
    rng = random.Random(n)
    batch = elements(rng, n)
    for i in range(0, n, 2000):
        pair.same("PFADD", "h", *batch[i:i + 2000])
    pair.same("GET", "h")
    count = int(pair.same("PFCOUNT", "h")[1:-2])
    distinct = len(set(batch))
    assert abs(count - distinct) <= distinct * 0.0244


def test_strings_cross_load_both_ways(pair):
    rng = random.Random(13)
    real, redix = pair.real, pair.redix
    for n in (3, 300, 5000):
        batch = elements(rng, n)
        # Redis -> Redix
        real.cmd("DEL", "r")
        real.cmd("PFADD", "r", *batch)
        written = payload(real.cmd("GET", "r"))
        assert redix.cmd("SET", "r", written) == b"+OK\r\n"
        pair.same("PFCOUNT", "r")
        pair.same("GET", "r")
        pair.same("PFADD", "r", *elements(rng, 50))
        pair.same("GET", "r")
        # Redix -> Redis
        redix.cmd("DEL", "x")
        redix.cmd("PFADD", "x", *batch)
        written = payload(redix.cmd("GET", "x"))
        assert real.cmd("SET", "x", written) == b"+OK\r\n"
        pair.same("PFCOUNT", "x")
        pair.same("PFCOUNT", "x", "r")
        pair.same("PFDEBUG", "GETREG", "x")
        pair.same("GET", "x")


def test_pfmerge_results_equal(pair):
    rng = random.Random(14)
    for sizes in ((10, 20), (500, 900), (100, 4000), (3000, 3000, 50)):
        keys = []
        for j, n in enumerate(sizes):
            keys.append("s%d" % j)
            pair.same("DEL", keys[-1])
            pair.same("PFADD", keys[-1], *elements(rng, n))
        pair.same("DEL", "dest")
        pair.same("PFMERGE", "dest", *keys)
        pair.same("GET", "dest")
        pair.same("PFCOUNT", "dest")
        pair.same("PFCOUNT", *keys)
        pair.same("PFMERGE", keys[0], *keys[1:], "missing")
        pair.same("GET", keys[0])


def test_pfmerge_to_a_new_key_around_the_sparse_limit(pair):
    # Unions whose sparse form ends below, at and past hll-sparse-max-bytes.
    encodings = set()
    for n in [300, 1000, 1500] + list(range(1600, 1720, 8)):
        pair.same("DEL", "a", "b", "new")
        batch = [b"m%d:%d" % (n, i) for i in range(n)]
        pair.same("PFADD", "a", *batch[:n // 2])
        pair.same("PFADD", "b", *batch[n // 2:])
        pair.same("PFMERGE", "new", "a", "b")
        pair.same("GET", "new")
        encodings.add(pair.same("PFDEBUG", "ENCODING", "new"))
    assert encodings == {b"+sparse\r\n", b"+dense\r\n"}


def test_estimator_on_crafted_registers(pair):
    """Stale dense sketches with register histograms from empty to saturated."""
    rng = random.Random(15)
    stale = b"HYLL\x00\x00\x00\x00" + b"\x00" * 7 + b"\x80"
    for trial in range(60):
        top = rng.choice((1, 2, 4, 8, 16, 30, 40, 52, 63))
        share = rng.random()
        regs = bytes(rng.randint(1, top) if rng.random() < share else 0
                     for _ in range(hll.REGISTERS))
        pair.same("SET", "d", stale + bytes(hll.pack_dense(regs)))
        pair.same("PFCOUNT", "d", "nokey")
        pair.same("PFCOUNT", "d")
        pair.same("GET", "d")


def test_errors_and_corrupt_strings(pair):
    sparse = b"HYLL\x01\x00\x00\x00"
    stale = b"\x00" * 7 + b"\x80"
    values = [
        b"hello", b"HYLL\x01\x00", b"HYLLfoo", b"12345",
        b"HYLL\x02\x00\x00\x00" + bytes(8) + b"\x7f\xff",
        b"HYLL\x00\x00\x00\x00" + bytes(8) + bytes(100),
        sparse + bytes(8),                                   # no opcodes, fresh count 0
        sparse + stale + b"\x7f\xfe",                        # one register short
        sparse + stale + b"\x7f\xff\x00",                    # one register over
        sparse + (777).to_bytes(8, "little") + b"\x00",      # trusted cached count
        sparse + stale + b"\x40\x00\x7f\xfe",                # XZERO of 1
        sparse + stale + b"\xfc" * 4096,                     # all VAL:32 x4
        sparse + stale + b"\x80\x81\x82" * 300 + b"\x7f\xff",
        b"HYLL\x00\x00\x00\x00" + (12345).to_bytes(8, "little") + bytes(hll.DENSE_BODY),
        b"HYLL\x00\x00\x00\x00" + stale + b"\xff" * hll.DENSE_BODY,
        b"HYLL\x00\x00\x00\x00" + stale + b"\xcc" * hll.DENSE_BODY,
    ]
    script = [("PFCOUNT", "k"), ("GET", "k"), ("PFCOUNT", "k", "x"), ("PFDEBUG", "DECODE", "k"),
              ("PFDEBUG", "ENCODING", "k"), ("PFADD", "k", "a"), ("GET", "k"),
              ("PFADD", "k", "zzz", "a", "b", "c"), ("GET", "k"), ("PFMERGE", "d", "k"),
              ("GET", "d"), ("PFMERGE", "k"), ("GET", "k"), ("PFDEBUG", "GETREG", "k"),
              ("GET", "k"), ("PFCOUNT", "k")]
    for value in values:
        pair.same("DEL", "k", "d")
        pair.same("SET", "k", value)
        for args in script:
            pair.same(*args)
    pair.same("PFDEBUG", "ENCODING", "nokey")
    pair.same("PFDEBUG", "nosuch", "k")
    pair.same("PFDEBUG", "GETREG")
    pair.same("PFADD")
    pair.same("PFCOUNT")
    pair.same("PFMERGE")
    pair.same("PFSELFTEST")


def test_random_command_sequences(pair):
    rng = random.Random(16)
    keys = ["a", "b", "c", "d"]
    for _ in range(500):
        key = rng.choice(keys)
        roll = rng.random()
        if roll < 0.5:
            pair.same("PFADD", key, *elements(rng, rng.choice((0, 1, 1, 3, 20, 300))))
        elif roll < 0.65:
            pair.same("PFCOUNT", *rng.sample(keys + ["none"], rng.randint(1, 3)))
        elif roll < 0.8:
            pair.same("PFMERGE", rng.choice(keys + ["new"]), *rng.sample(keys, rng.randint(0, 3)))
        elif roll < 0.85:
            pair.same("PFDEBUG", rng.choice(("ENCODING", "DECODE", "TODENSE")), key)
        elif roll < 0.9:
            # A sketch copied by value (GET then SET) goes on like the original.
            value = pair.real.cmd("GET", key)
            if value != b"$-1\r\n":
                pair.same("SET", "copy", payload(value))
                pair.same("PFADD", "copy", *elements(rng, 5))
                pair.same("GET", "copy")
        else:
            pair.same("DEL", key)
        pair.same("GET", key)
