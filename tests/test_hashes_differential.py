"""Hash commands, Redix against a real redis-server: the same commands, the same
reply bytes.  Skipped when ``redis-server`` is not installed.

Fixed scripts cover the errors and edge cases; random command sequences from
fixed seeds cover the rest.  Where Redis's own output is unordered (a
hashtable hash's HGETALL/HKEYS/HVALS/HSCAN) replies are compared as sorted
collections, and only then: a listpack hash must match byte for byte.
HRANDFIELD's picks are random: its replies are checked for size, shape,
distinctness and membership instead.
"""
import pytest

from tests.differential import Error, parse, run_random, scan_all

pytestmark = pytest.mark.differential


def test_errors_and_edges(pair):
    pair.script("""
        SET str x
        HSET h
        HSET h a 1 b
        HMSET h a
        HSETNX h a
        HSET h a 1 b 2 a 3
        HSETNX h a 5
        HSETNX h z 5
        HMGET h a nope z
        HGETALL h
        HDEL h a nope z
        HEXISTS h a
        HLEN h
        HKEYS nokey
        HVALS nokey
        HGETALL nokey
        HSTRLEN h b
        HSTRLEN nokey b
        HINCRBY h b abc
        HINCRBY h b 9223372036854775807
        HINCRBY h n -9223372036854775808
        HINCRBY h n -1
        HINCRBY str f abc
        HINCRBY str f 1
        HINCRBY nokey f 01
        EXISTS nokey
        HINCRBYFLOAT h f 2.5
        HINCRBYFLOAT h f -inf
        HINCRBYFLOAT h f nan
        HINCRBYFLOAT h f 1e5000
        HINCRBYFLOAT h f 0.1
        HINCRBYFLOAT h f 0.2
        HINCRBYFLOAT h f 0x1p-3
        HINCRBYFLOAT h f abc
        HINCRBYFLOAT str f 1
        HINCRBYFLOAT str f inf
        HSET h s abc e 1e1 i inf
        HINCRBY h s 1
        HINCRBYFLOAT h s 1
        HINCRBYFLOAT h e 1
        HINCRBYFLOAT h i 1
        HINCRBY h e 1
        HRANDFIELD nokey
        HRANDFIELD nokey 0
        HRANDFIELD nokey -5 WITHVALUES
        HRANDFIELD h abc
        HRANDFIELD str abc
        HRANDFIELD h -9223372036854775808
        HRANDFIELD h 4611686018427387904 WITHVALUES
        HRANDFIELD h -4611686018427387904 withvalues
        HRANDFIELD str 1 foo
        HRANDFIELD str 1 withvalues foo
        HRANDFIELD str
        HRANDFIELD str 1
        HRANDFIELD h 100 WITHVALUES
        HSCAN h abc
        HSCAN str abc
        HSCAN str 0
        HSCAN nokey 0 foo bar
        HSCAN h 0 COUNT 0
        HSCAN h 0 COUNT abc
        HSCAN h 0 TYPE hash
        HSCAN h 0 NOVALUES
        HSCAN h 0 MATCH
        HSCAN h 17 MATCH [bs]*
        HDEL h b s e i f n z
        EXISTS h
        TYPE h
    """)


def test_resp3_shapes(pair):
    pair.hello3()
    pair.script("""
        HSET h a 1 b 2 c 3
        HGETALL h
        HGETALL nokey
        HRANDFIELD h 3 WITHVALUES
        HRANDFIELD h 0 WITHVALUES
        HRANDFIELD nokey
        HRANDFIELD nokey 2
        HMGET h a x
        HGET h x
        HINCRBYFLOAT h a 1.5
        HSCAN h 0
        HKEYS h
    """)


def test_encoding_transitions(pair):
    pairs = " ".join(f"f{i} v" for i in range(512))
    long = "x" * 65
    pair.script(f"""
        HSET h {pairs}
        OBJECT ENCODING h
        HGETALL h
        HSET h f511 again
        OBJECT ENCODING h
        HSET h one-more v
        OBJECT ENCODING h
        HSET a k {"v" * 64}
        OBJECT ENCODING a
        HSET a {long} 1
        OBJECT ENCODING a
        HSET b k {long}
        OBJECT ENCODING b
        HSETNX c {long} 1
        OBJECT ENCODING c
        HSET d k 1
        HSETNX d k {long}
        OBJECT ENCODING d
        HINCRBY e {long} 1
        OBJECT ENCODING e
        HINCRBYFLOAT f k 1766847064778384329583297500742918515827483896875618958121606201292619776
        OBJECT ENCODING f
        HDEL b k
        HSET b k 1
        OBJECT ENCODING b
        COPY a a2
        OBJECT ENCODING a2
    """)


@pytest.mark.parametrize("command, broken", [
    (("HSET", "h", "a", "1"), True),           # the same value: still a write
    (("HMSET", "h", "b", "2"), True),
    (("HSETNX", "h", "a", "2"), False),
    (("HSETNX", "h", "new", "2"), True),
    (("HDEL", "h", "zz"), False),
    (("HDEL", "h", "a"), True),
    (("HINCRBY", "h", "a", "0"), True),
    (("HINCRBYFLOAT", "h", "a", "0"), True),
    (("HINCRBY", "h", "s", "1"), False),       # fails: hash value is not an integer
    (("HGETALL", "h"), False),
    (("HRANDFIELD", "h", "-3"), False),
])
def test_watch(pair, command, broken):
    setup = [("HSET", "h", "a", "1", "s", "x")]
    assert (pair.watch_trial(setup, command, ["h"]) == b"*-1\r\n") == broken


def test_transaction_replies_are_snapshots(pair):
    # A reply queued in MULTI shows the hash as it was when its command ran.
    for line in ("MULTI", "HSET h a 1", "HGETALL h", "HKEYS h", "HVALS h", "HSET h b 2",
                 "HDEL h a", "HGETALL h", "EXEC"):
        pair.same(*line.split())


def test_limits_follow_config_set(pair):
    try:
        pair.script("""
            CONFIG SET hash-max-listpack-entries 1
            HSET a x 1
            OBJECT ENCODING a
            HSET a y 1
            OBJECT ENCODING a
            CONFIG SET hash-max-ziplist-value 2
            HSET b x 12
            OBJECT ENCODING b
            HSET b y 123
            OBJECT ENCODING b
        """)
    finally:
        pair.script("""
            CONFIG SET hash-max-listpack-entries 512
            CONFIG SET hash-max-listpack-value 64
        """)


# --- random sequences -----------------------------------------------------------------------

KEYS = ["h1", "h2", "h3", "str", "nokey"]
VALUES = ["0", "1", "-7", "42", "2.5", "0.1", "-1.1", "1e3", "123456789012345678", "0x10",
          "1e400", "abc", "", " 1", "01", "-0", "inf", "nan", "9223372036854775807",
          "-9223372036854775808"]
INCREMENTS = ["1", "-1", "5", "0", "1000000", "9223372036854775807", "-9223372036854775808",
              "x", "1.5"]
FLOAT_INCREMENTS = ["1", "-2.5", "0.1", "0.2", "1e3", "-1e3", "0", "abc", "inf", "3", "1 ",
                    "1.23456789012345678", "-0x1p3", "1e-20", "1e5000", "5e-4960"]


def field(rng):
    if rng.random() < 0.03:
        return "F" * 65                     # too long for a listpack
    return f"f{rng.randrange(8)}"


def value(rng):
    return "V" * 65 if rng.random() < 0.03 else rng.choice(VALUES)


def pairs(rng, n):
    return [x for _ in range(n) for x in (field(rng), value(rng))]


def fields(rng, n):
    return [field(rng) for _ in range(n)]


def random_command(rng):
    key = rng.choice(KEYS)
    op = rng.randrange(21)
    if op in (0, 20):
        return ["HSET", key] + pairs(rng, rng.randrange(1, 4))
    if op == 1:
        return ["HMSET", key] + pairs(rng, 1)
    if op == 2:
        return ["HSETNX", key] + pairs(rng, 1)
    if op == 3:
        return ["HGET", key, field(rng)]
    if op == 4:
        return ["HMGET", key] + fields(rng, rng.randrange(1, 4))
    if op == 5:
        return ["HDEL", key] + fields(rng, rng.randrange(1, 4))
    if op == 6:
        return ["HEXISTS", key, field(rng)]
    if op == 7:
        return ["HLEN", key]
    if op == 8:
        return ["HSTRLEN", key, field(rng)]
    if op == 9:
        return ["HINCRBY", key, field(rng), rng.choice(INCREMENTS)]
    if op == 10:
        return ["HINCRBYFLOAT", key, field(rng), rng.choice(FLOAT_INCREMENTS)]
    if op in (11, 12):
        return [rng.choice(["HGETALL", "HKEYS", "HVALS"]), key]
    if op == 13:
        return ["HSCAN", key, "0"] + rng.choice([[], ["MATCH", "f1*"], ["COUNT", "3"]])
    if op == 14:
        count = rng.choice(["-5", "0", "1", "3", "20", "-1"])
        return ["HRANDFIELD", key, count] + (["WITHVALUES"] if rng.random() < 0.5 else [])
    if op == 15:
        return ["HRANDFIELD", key]
    if op == 16:
        return ["OBJECT", "ENCODING", key]
    if op == 17:
        return [rng.choice(["TYPE", "EXISTS"]), key]
    if op == 18:
        return ["DEL", key] if rng.random() < 0.3 else ["HLEN", key]
    # A burst that may pass the 512-entry listpack limit.
    return ["HSET", key] + [x for i in range(rng.choice([10, 200, 520])) for x in (f"b{i}", "v")]


def encoding_of(pair, key):
    return pair.real.cmd("OBJECT", "ENCODING", key)


def compare_unordered(pair, args, got=None, expected=None):
    """HGETALL/HKEYS/HVALS: byte for byte unless Redis's hash is a hashtable."""
    if got is None:
        got, expected = pair.both(*args)
    if got == expected or b"hashtable" not in encoding_of(pair, args[1]):
        assert got == expected, (args, got, expected)
        return
    mine, theirs = parse(got), parse(expected)
    if args[0] == "HGETALL":
        mine, theirs = list(zip(mine[::2], mine[1::2])), list(zip(theirs[::2], theirs[1::2]))
    assert sorted(mine) == sorted(theirs), args


def compare_hscan(pair, args):
    got, expected = pair.both(*args)
    if got == expected or b"hashtable" not in encoding_of(pair, args[1]):
        assert got == expected, (args, got, expected)
        return
    mine, theirs = scan_all(pair, args, got, expected)
    assert dict(zip(mine[::2], mine[1::2])) == dict(zip(theirs[::2], theirs[1::2])), args


def check_hrandfield(pair, args):
    """Random picks: the same size and shape, distinct when asked, members of the hash."""
    got, expected = pair.both(*args)
    theirs = parse(expected)
    if isinstance(theirs, Error) or theirs is None or theirs == []:
        assert got == expected, (args, got, expected)
        return
    mine = parse(got)
    flat = parse(pair.real.cmd("HGETALL", args[1]))
    content = dict(zip(flat[::2], flat[1::2]))
    if len(args) == 2:
        assert mine in content, (args, got)
        return
    assert len(mine) == len(theirs), (args, got, expected)
    if len(args) == 3:
        pairs = [(f, content.get(f)) for f in mine]
    elif pair.resp3:
        pairs = [tuple(p) for p in mine]
    else:
        pairs = list(zip(mine[::2], mine[1::2]))
    assert all(f in content and content[f] == v for f, v in pairs), (args, got)
    if int(args[2]) > 0:
        assert len({f for f, _ in pairs}) == len(pairs), (args, got)
        # The whole hash: in its own order, which for a listpack is Redis's too.
        if int(args[2]) >= len(content) and b"listpack" in encoding_of(pair, args[1]):
            assert got == expected, (args, got, expected)


CHECKS = {"HGETALL": compare_unordered, "HKEYS": compare_unordered, "HVALS": compare_unordered,
          "HSCAN": compare_hscan, "HRANDFIELD": check_hrandfield}


SEEDS = [(seed, False) for seed in range(12)] + [(seed, True) for seed in range(100, 104)]


@pytest.mark.parametrize("seed, resp3", SEEDS, ids=[f"{s}-resp{3 if r else 2}" for s, r in SEEDS])
def test_random_sequences(pair, seed, resp3):
    run_random(pair, seed, 250, random_command, CHECKS, resp3)
    for key in KEYS:                        # the end states agree too
        compare_unordered(pair, ["HGETALL", key])
        pair.same("OBJECT", "ENCODING", key)
