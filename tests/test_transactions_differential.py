"""MULTI / EXEC / DISCARD / WATCH sequences: Redix and redis-server must reply the same bytes."""
import random

import pytest

from tests.differential import random_sequence

pytestmark = pytest.mark.differential

SEQUENCES = {
    "queue-and-exec": [["MULTI"], ["SET", "a", "1"], ["INCR", "a"], ["LPUSH", "l", "x"],
                       ["GET", "a"], ["EXEC"]],
    "runtime-error-is-an-element": [["SET", "s", "x"], ["MULTI"], ["INCR", "s"],
                                    ["SET", "t", "1"], ["LPUSH", "s", "y"], ["EXEC"],
                                    ["GET", "t"]],
    "queue-time-error-aborts": [["MULTI"], ["SET", "a"], ["NOSUCHCMD"], ["SET", "a", "1"],
                                ["EXEC"], ["GET", "a"]],
    "nesting-and-watch-inside": [["MULTI"], ["MULTI"], ["WATCH", "x"], ["SET", "n", "1"],
                                 ["EXEC"]],
    "without-multi": [["EXEC"], ["DISCARD"], ["UNWATCH"]],
    "discard": [["MULTI"], ["SET", "d", "1"], ["DISCARD"], ["GET", "d"], ["EXEC"]],
    "watch-own-write-aborts": [["SET", "w", "1"], ["WATCH", "w"], ["SET", "w", "2"],
                               ["MULTI"], ["GET", "w"], ["EXEC"]],
    "watch-untouched": [["WATCH", "w"], ["MULTI"], ["SET", "w", "mine"], ["EXEC"],
                        ["GET", "w"]],
    "unwatch-then-write": [["WATCH", "w"], ["UNWATCH"], ["SET", "w", "x"], ["MULTI"],
                           ["PING"], ["EXEC"]],
    "flushdb-touches-watched": [["SET", "w", "1"], ["WATCH", "w"], ["FLUSHDB"], ["MULTI"],
                                ["PING"], ["EXEC"]],
    "flushdb-of-missing-key": [["WATCH", "nokey"], ["FLUSHDB"], ["MULTI"], ["PING"], ["EXEC"]],
    "blocking-pop-inside-exec": [["MULTI"], ["BLPOP", "empty", "0"], ["BRPOPLPUSH", "e", "f", "0"],
                                 ["BZPOPMIN", "z", "0"], ["EXEC"]],
    "not-allowed-inside": [["MULTI"], ["SHUTDOWN"], ["EXEC"]],
}


@pytest.mark.parametrize("resp3", [False, True], ids=["resp2", "resp3"])
@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_transaction_sequences(assert_same, name, resp3):
    assert_same(SEQUENCES[name], resp3=resp3)


@pytest.mark.parametrize("seed", range(4))
def test_random_commands_wrapped_in_transactions(assert_same, seed):
    """Random string/key commands, cut into MULTI ... EXEC blocks (some DISCARDed)."""
    rng = random.Random(seed)
    commands = random_sequence(seed, ("strings", "keys"), length=60)
    sequence = []
    i = 0
    while i < len(commands):
        block = commands[i:i + rng.randint(1, 6)]
        i += len(block)
        if rng.random() < 0.3:
            sequence += block
            continue
        sequence += [["MULTI"], *block, ["DISCARD"] if rng.random() < 0.2 else ["EXEC"]]
    assert_same(sequence)
