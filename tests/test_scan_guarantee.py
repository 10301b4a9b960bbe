"""SCAN's guarantee: a full iteration returns every key present throughout it,
while other keys are added, deleted, renamed, expired and re-created between
the calls.  Checked in process against a model with many random runs (fast,
sans-IO), then over the wire with MATCH, COUNT and TYPE.
"""
import random
import time

import pytest

from redix.keyspace.db import Database, now_ms
from redix.keyspace import scan


def churn(db: Database, rng: random.Random, stable: set, serial: list, bypass: bool) -> None:
    """One random change to keys that are not in ``stable``."""
    op = rng.random()
    volatile = [k for k in db.data if k not in stable]
    if op < 0.35 or not volatile:
        serial[0] += 1
        key = b"new:%d" % serial[0]
        db.set(key, b"v")
        db.written(key)
    elif op < 0.6:
        db.delete(rng.choice(volatile))
    elif op < 0.7:
        key = rng.choice(volatile)
        value, when = db.pop(key)
        serial[0] += 1
        db.set(b"renamed:%d" % serial[0], value)
    elif op < 0.8:
        key = rng.choice(volatile)       # deleted and re-created: moves to the dict's end
        db.delete(key)
        db.set(key, b"again")
    elif op < 0.9:
        key = rng.choice(volatile)
        db.set_expire(key, now_ms() - 1)
        db.peek(key)                     # lazily expired
    elif bypass:
        # A removal behind Database's back (a buggy caller): must still be survivable.
        key = rng.choice(volatile)
        del db.data[key]
        db.expires.pop(key, None)
    else:
        key = rng.choice(volatile)
        db.set(key, b"overwritten")      # in place: keeps its position
        db.written(key)


def full_iteration(db, rng, stable, count, bypass, steps_per_call, exact_count=True):
    serial = [10 ** 6]
    seen = []
    cursor, calls = 0, 0
    while True:
        keys, cursor = db.scan(cursor, count)
        assert len(keys) <= count or not exact_count
        seen += keys
        calls += 1
        for _ in range(rng.randrange(steps_per_call + 1)):
            churn(db, rng, stable, serial, bypass)
        if cursor == 0:
            return seen, calls
        assert calls < 100000


@pytest.mark.parametrize("bypass", [False, True], ids=["via-db", "with-bypassing-removals"])
def test_model_every_stable_key_is_returned(bypass):
    for seed in range(150):
        rng = random.Random(seed)
        db = Database(0)
        n = rng.choice([0, 1, 5, 50, 300])
        for i in range(n):
            key = b"k:%d" % i
            db.set(key, b"v")
        if rng.random() < 0.5:
            db.scan(0, 10)               # an index already exists (and goes stale) before
            for _ in range(rng.randrange(50)):
                churn(db, rng, set(), [0], bypass)
        # Present at the start and never touched during the iteration.
        stable = {k for k in db.data if rng.random() < 0.5}
        count = rng.choice([1, 3, 10, 100])
        seen, _ = full_iteration(db, rng, stable, count, bypass, rng.choice([0, 2, 10]))
        missing = stable - set(seen)
        assert not missing, (seed, sorted(missing)[:5])
        assert all(seen.count(k) == 1 for k in stable)
        # Nothing is returned that was never in the database.
        assert all(k.startswith((b"k:", b"new:", b"renamed:")) for k in seen)


def test_model_without_changes_returns_each_key_exactly_once():
    db = Database(0)
    for i in range(1000):
        db.set(b"k%d" % i, b"v")
    for count in (1, 7, 10, 1000, 5000):
        seen, calls = full_iteration(db, random.Random(0), set(), count, False, 0)
        assert sorted(seen) == sorted(db.data)
        assert calls == -(-1000 // count)


def test_keys_sharing_a_hash_are_never_split(monkeypatch):
    monkeypatch.setattr(scan, "key_hash", lambda key: len(key) % 3)
    db = Database(0)
    keys = [b"k" * n for n in range(1, 31)]
    for key in keys:
        db.set(key, b"v")
    # Three hash values, ten keys each: COUNT 1 still takes each group whole.
    seen, calls = full_iteration(db, random.Random(0), set(), 1, False, 0, exact_count=False)
    assert sorted(seen) == sorted(keys) and calls == 3
    for key in keys[::2]:
        db.delete(key)
    assert sorted(db.scan(0, 100)[0]) == sorted(keys[1::2])


def test_removed_keys_are_squeezed_out_without_losing_survivors():
    db = Database(0)
    for i in range(1000):
        db.set(b"k%d" % i, b"v")
    first, cursor = db.scan(0, 300)
    for i in range(1000):
        if i % 10:
            db.delete(b"k%d" % i)
    db.set(b"k1", b"back")               # removed, then added again: its hash is reused
    rest, _ = db.scan(cursor, 10000)     # this sync compacts
    index = db.scan_index
    assert len(index.hashes) == len(db.data) == 101 and not index.stale
    survivors = {b"k%d" % i for i in range(0, 1000, 10)}
    assert survivors <= set(first) | set(rest)
    assert sorted(db.scan(0, 10000)[0]) == sorted(db.data)


def test_stale_places_cost_at_most_ten_times_count_per_call():
    db = Database(0)
    for i in range(200):
        db.set(b"k%d" % i, b"v")
    db.scan(0, 1)
    survivor = db.scan_index.buckets[db.scan_index.hashes[-1]]
    for key in list(db.data):
        if key != survivor:
            db.delete(key)
    keys, cursor = db.scan_index.walk(0, 5)      # no sync: all 199 stale places remain
    assert keys == [] and cursor == db.scan_index.hashes[50] + 1


def test_cursor_past_the_end_finishes():
    db = Database(0)
    db.set(b"a", b"v")
    assert db.scan(2 ** 64 - 1, 10) == ([], 0)
    assert db.scan(2 ** 63 + 1, 10) == ([], 0)


def test_cursor_is_a_position_not_a_session():
    db = Database(0)
    for i in range(100):
        db.set(b"k%d" % i, b"v")
    first, cursor = db.scan(0, 30)
    again, same = db.scan(0, 30)
    assert (first, cursor) == (again, same)
    rest, _ = db.scan(cursor, 1000)
    assert sorted(first + rest) == sorted(db.data)
    assert all(scan.key_hash(k) < cursor - 1 for k in first)
    assert all(scan.key_hash(k) >= cursor - 1 for k in rest)


def test_iteration_ends_under_churn_of_constant_size():
    # Keys replaced far faster than COUNT per call: an insertion-numbered cursor
    # would chase the new keys forever; a fixed hash space is walked once.
    db = Database(0)
    for i in range(1000):
        db.set(b"old:%d" % i, b"v")
    cursor, calls, serial = 0, 0, 0
    while True:
        _, cursor = db.scan(cursor, 1)
        calls += 1
        for _ in range(20):
            serial += 1
            db.delete(next(iter(db.data)))
            db.set(b"new:%d" % serial, b"v")
        if cursor == 0:
            break
        assert calls < 20000
    assert len(db.data) == 1000


def test_randomkey_uses_the_index_uniformly_enough():
    db = Database(0)
    for i in range(10):
        db.set(b"k%d" % i, b"v")
    seen = {db.random_key() for _ in range(500)}
    assert seen == set(db.data)


# --- over the wire ---------------------------------------------------------------------

def test_wire_scan_returns_stable_keys_under_churn(r):
    rng = random.Random(7)
    stable = [f"stable:{i}" for i in range(1500)]
    pipe = r.pipeline(transaction=False)
    for key in stable:
        pipe.set(key, "v")
    for i in range(1500):
        pipe.set(f"temp:{i}", "v")
    pipe.execute()
    serial = 0
    for round_ in range(6):
        count = rng.choice([5, 20, 100])
        cursor, seen, calls = 0, set(), 0
        while True:
            cursor, keys = r.scan(cursor, count=count)
            seen.update(keys)
            calls += 1
            pipe = r.pipeline(transaction=False)
            for _ in range(rng.randrange(8)):
                serial += 1
                pipe.set(f"temp:new:{serial}", "v")
                pipe.delete(f"temp:{rng.randrange(1500)}")
                pipe.rename(f"temp:new:{serial}", f"temp:renamed:{serial}")
                pipe.set(f"temp:px:{serial}", "v", px=1)
            pipe.execute(raise_on_error=False)
            if cursor == 0:
                break
        missing = {k.encode() for k in stable} - seen
        assert not missing, (round_, sorted(missing)[:5])
        assert calls < 10000


def test_wire_scan_match_and_type_under_churn(r):
    for i in range(400):
        r.set(f"a:{i}", "v")
        r.set(f"b:{i}", "v")
    cursor, seen = 0, set()
    i = 0
    while True:
        cursor, keys = r.scan(cursor, match="a:*", count=25, _type="string")
        assert all(k.startswith(b"a:") for k in keys)
        seen.update(keys)
        r.delete(f"b:{i}")
        r.set(f"a:new:{i}", "v")
        i += 1
        if cursor == 0:
            break
    assert {f"a:{i}".encode() for i in range(400)} <= seen
    assert r.scan(0, match="a:*", count=10000, _type="hash") == (0, [])


def test_wire_scan_sees_keys_expiring_during_iteration_as_gone(r):
    for i in range(100):
        r.set(f"k{i}", "v", px=40 if i % 2 else None)
    cursor, first = r.scan(0, count=10)
    time.sleep(0.08)
    seen = set(first)
    while cursor:
        cursor, keys = r.scan(cursor, count=10)
        seen.update(keys)
    assert {f"k{i}".encode() for i in range(0, 100, 2)} <= seen
    assert all(int(k[1:]) % 2 == 0 for k in seen - set(first))
