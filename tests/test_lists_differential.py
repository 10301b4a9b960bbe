"""List commands, Redix against a real redis-server: same commands, same reply bytes.

Scripted sequences walk the edge cases and every error; random sequences
from fixed seeds mix all list commands (and the non-blocking paths of the
blocking ones, with a short timeout when they do block) over a few keys,
one of them a string, in RESP2 and RESP3.  Skipped when ``redis-server`` is
not installed.  Multi-client blocking behaviour is compared in
test_blocking.py, which runs every scenario on both servers.
"""
import random

import pytest

pytestmark = pytest.mark.differential


@pytest.fixture(params=[2, 3], ids=["resp2", "resp3"])
def pair(request, pair):
    """The shared ``pair``, in RESP2 and in RESP3."""
    if request.param == 3:
        pair.hello3()
    return pair


def test_pushes_pops_and_counts(pair):
    pair.script("""
        RPUSH l a b c
        LPOP l 0
        LPOP l -1
        LPOP l abc
        LPOP nokey
        LPOP nokey 0
        LPOP nokey 2
        RPOP nokey -1
        LPOP l 2
        LPOP l 5
        EXISTS l
        LPUSHX l a
        RPUSHX l a
        RPUSH l a
        RPUSHX l b c
        LPUSHX l x y
        LRANGE l 0 -1
        RPOP l 2
        RPOP l
        LPOP l 9223372036854775807
        LPOP l 9223372036854775808
        SET s x
        LPUSH s a
        LPUSHX s a
        LPOP s 0
        LPOP s -1
        LLEN s
        LLEN nokey
    """)


def test_index_and_range_edges(pair):
    pair.script("""
        RPUSH l a b c d e a b a
        LINDEX l abc
        LINDEX l 100
        LINDEX l -1
        LINDEX l -100
        LINDEX nokey abc
        LSET nokey abc x
        LSET l abc x
        LSET l 100 x
        LSET l -8 X
        LSET l -9 X
        LRANGE l abc 1
        LRANGE nokey abc 1
        LRANGE l 5 1
        LRANGE l -100 100
        LRANGE l -3 -2
        LRANGE l 9223372036854775807 9223372036854775807
        LRANGE l -9223372036854775808 -9223372036854775808
        LRANGE l -9223372036854775808 9223372036854775807
        LRANGE l 0 9223372036854775808
        LINDEX l 9223372036854775808
        LSET l 9223372036854775808 x
    """)


def test_insert_remove_trim(pair):
    pair.script("""
        RPUSH l X b c d e a b a
        LINSERT l before a Z
        LINSERT l AFTER a Z
        LINSERT l middle a Z
        LINSERT nokey middle a Z
        LINSERT l before nosuch Z
        LINSERT nokey before a Z
        LREM l 0 Z
        LREM l abc Z
        LREM nokey abc Z
        LREM l -1 a
        LREM l 1 b
        LREM l 9223372036854775808 x
        LRANGE l 0 -1
        LTRIM l 1 -2
        LRANGE l 0 -1
        LTRIM l abc 1
        LTRIM nokey abc 1
        LTRIM l 0 9223372036854775808
        LTRIM l 5 1
        EXISTS l
        SET s x
        LINSERT s middle a b
        LINSERT s before a b
        LREM s abc x
        LREM s 0 x
        LTRIM s abc 1
        LTRIM s 0 1
    """)


def test_lpos_options(pair):
    pair.script("""
        RPUSH l a b c 1 2 3 c c
        LPOS l c
        LPOS l c RANK 2
        LPOS l c RANK -1
        LPOS l c RANK -1 COUNT 0
        LPOS l c COUNT 0 MAXLEN 3
        LPOS l c COUNT 2 RANK 2
        LPOS l c MAXLEN 0
        LPOS l c RANK 0
        LPOS l c RANK -9223372036854775808
        LPOS l c RANK -9223372036854775808 MAXLEN 2
        LPOS l c RANK 9223372036854775807
        LPOS l c COUNT -1
        LPOS l c COUNT abc
        LPOS l c COUNT 9223372036854775808
        LPOS l c MAXLEN -1
        LPOS l c MAXLEN abc
        LPOS l c RANK abc
        LPOS l c FOO 1
        LPOS l c RANK
        LPOS l c RANK 0 FOO
        LPOS l c FOO 1 RANK 0
        LPOS l c rank 1 rank 2
        LPOS l c COUNT 1 COUNT 0
        LPOS l zz
        LPOS l zz COUNT 1
        LPOS nokey c
        LPOS nokey c COUNT 0
        LPOS nokey c RANK 0
        SET s x
        LPOS s a
        LPOS s a RANK 0
    """)


def test_moves_and_lmpop(pair):
    pair.script("""
        RPUSH l a b c 1 2 3 c c
        SET s x
        LMOVE l l2 left right
        LMOVE l l2 LEFT RIGHT
        LMOVE l l2 up right
        LMOVE nokey l2 left right
        LMOVE l s left right
        LMOVE s l left right
        LMOVE nokey s left right
        LMOVE l l left left
        LMOVE l l right left
        RPOPLPUSH l l2
        RPOPLPUSH nokey l2
        RPOPLPUSH l s
        LRANGE l 0 -1
        LRANGE l2 0 -1
        LMPOP 0 l left
        LMPOP abc l left
        LMPOP 9223372036854775808 l left
        LMPOP 1 l up
        LMPOP 2 l left
        LMPOP 9223372036854775807 l left
        LMPOP 1 l left count
        LMPOP 1 l left count 0
        LMPOP 1 l left count abc foo
        LMPOP 1 l left foo count 0
        LMPOP 1 l left count 1 count 2
        LMPOP 2 nokey l left count 2
        LMPOP 2 nokey nokey2 left
        LMPOP 2 nokey s left
        LMPOP 1 l RIGHT COUNT 100
        LMPOP 1 l2 left COUNT 9223372036854775807
        EXISTS l l2
    """)


def test_blocking_commands_without_waiting(pair):
    pair.script("""
        SET s x
        BLPOP l abc
        BLPOP l -1
        BLPOP l nan
        BLPOP l inf
        BLPOP l 1e400
        BLPOP l 1e5000
        BLPOP l 0x1p-4000
        BLPOP s 0
        BLPOP nokey s 0
        RPUSH l a b c d
        BLPOP nokey l s 0
        BRPOP l 0
        BLMOVE l l2 up right abc
        BLMOVE l l2 left right abc
        BLMOVE l l2 left right -0.5
        BLMOVE l s left right 0
        BLMOVE s l left right 0
        BLMOVE l l2 left right 0
        BRPOPLPUSH l l2 0x10
        BLMPOP abc 0 l left
        BLMPOP abc 1 l up
        BLMPOP -1 1 l left count 0
        BLMPOP abc 1 l left
        BLMPOP 0 2 l left
        BLMPOP 0 2 s l left
        BLMPOP 0 1 l2 right COUNT 3
        CLIENT UNBLOCK abc
        CLIENT UNBLOCK abc foo
        CLIENT UNBLOCK 999999 error
        CLIENT UNBLOCK 1 2 3
    """)


def test_blocking_timeouts_round_up(pair):
    # 1e-400 s and 0.0009 s round up to 1 ms: a timeout, not "for ever".
    pair.script("""
        BLPOP nokey 1e-400
        BLPOP nokey 0.0009
        BLMOVE nokey d left right 0.001
        BLMPOP 0.001 1 nokey left
    """)


def test_type_encoding_copy(pair):
    pair.script("""
        RPUSH l a b
        TYPE l
        OBJECT ENCODING l
        COPY l c
        RPUSH c z
        LRANGE l 0 -1
        LRANGE c 0 -1
    """)


# --- random sequences ---------------------------------------------------------------------
KEYS = ["l1", "l1", "l1", "l2", "l3", "s"]
ELEMENTS = ["a", "b", "c", "a", "1", "-1", "x" * 70]


def _index(rng, span: int) -> str:
    if rng.random() < 0.05:
        return rng.choice(["abc", "9223372036854775807", "-9223372036854775808", "+1"])
    return str(rng.randint(-span, span))


def _random_command(rng, span: int) -> list:
    key = rng.choice(KEYS)
    other = rng.choice(KEYS)
    elem = rng.choice(ELEMENTS)
    side = rng.choice(["LEFT", "right", "left", "up"] if rng.random() < 0.1 else ["LEFT", "RIGHT"])
    side2 = rng.choice(["LEFT", "RIGHT"])
    op = rng.choice(["LPUSH", "RPUSH", "RPUSH", "LPUSHX", "RPUSHX", "LPOP", "RPOP", "LLEN",
                     "LRANGE", "LRANGE", "LINDEX", "LSET", "LINSERT", "LREM", "LTRIM", "LPOS",
                     "LMOVE", "RPOPLPUSH", "LMPOP", "BLPOP", "BLMOVE", "BLMPOP", "DEL", "SET",
                     "EXISTS"])
    if op in ("LPUSH", "RPUSH", "LPUSHX", "RPUSHX"):
        return [op, key] + [rng.choice(ELEMENTS) for _ in range(rng.randint(1, 4))]
    if op in ("LPOP", "RPOP"):
        return [op, key] + ([_index(rng, 4)] if rng.random() < 0.5 else [])
    if op in ("LLEN", "DEL", "EXISTS"):
        return [op, key]
    if op == "SET":
        return [op, "s", elem] if rng.random() < 0.8 else [op, key, elem]
    if op in ("LRANGE", "LTRIM"):
        return [op, key, _index(rng, span), _index(rng, span)]
    if op == "LINDEX":
        return [op, key, _index(rng, span)]
    if op == "LSET":
        return [op, key, _index(rng, span), elem]
    if op == "LINSERT":
        return [op, key, rng.choice(["BEFORE", "after", "middle"]), rng.choice(ELEMENTS), elem]
    if op == "LREM":
        return [op, key, _index(rng, 3), elem]
    if op == "LPOS":
        args = [op, key, elem]
        for _ in range(rng.randint(0, 3)):
            opt = rng.choice(["RANK", "COUNT", "MAXLEN", "rank"])
            args += [opt, _index(rng, 4)]
        return args
    if op in ("LMOVE", "BLMOVE"):
        args = [op, key, other, side, side2]
        return args + ["0.001"] if op == "BLMOVE" else args
    if op == "RPOPLPUSH":
        return [op, key, other]
    if op in ("LMPOP", "BLMPOP"):
        keys = [rng.choice(KEYS) for _ in range(rng.randint(1, 3))]
        numkeys = str(len(keys)) if rng.random() < 0.9 else _index(rng, 4)
        args = [numkeys] + keys + [side]
        if rng.random() < 0.5:
            args += ["COUNT", _index(rng, 5)]
        return [op] + (["0.001"] if op == "BLMPOP" else []) + args
    keys = [rng.choice(KEYS) for _ in range(rng.randint(1, 3))]
    return [op] + keys + ["0.001"]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_sequences(pair, seed):
    rng = random.Random(seed)
    for _ in range(300):
        pair.same(*_random_command(rng, 6))


@pytest.mark.parametrize("seed", [11, 12])
def test_random_sequences_on_long_lists(pair, seed):
    rng = random.Random(seed)
    pair.same("RPUSH", "l1", *[rng.choice(ELEMENTS) for _ in range(400)])
    pair.same("RPUSH", "l2", *[rng.choice(ELEMENTS) for _ in range(300)])
    for _ in range(200):
        args = _random_command(rng, 450)
        if args[0] in ("DEL", "SET", "LTRIM") and rng.random() < 0.8:
            continue        # keep the lists long
        pair.same(*args)
    pair.same("LRANGE", "l1", "0", "-1")
    pair.same("LRANGE", "l2", "0", "-1")
