"""Keyspace notifications, Redix against redis-server: the same commands, the same events.

Each server gets a subscriber to ``__key*__:*`` (``event_util.EventLog``)
and the same command sequence; after every command the events it caused
must be equal on both: names, keys, databases, and order (keyspace then
keyevent, ``new`` before the command's own event, ``del`` after it...).
Sequences are random over strings, bitmaps, lists, hashes, sets, sorted
sets, streams and generic key commands (``event_util.random_command``), on a
few keys per type that other types' commands hit now and then (WRONGTYPE
errors, type changes), with ``KEA`` + ``n`` (+ ``m``: keymiss, from every
read of a missing key) or a random subset of classes.  Reply bytes must be
equal too, except where Redis itself answers at random (SPOP,
SRANDMEMBER...), where only the reply's type is.

TTLs are either long or already past: an expiry racing the clock would put
``expired`` in a different command's window on each server (lazy and active
expiry are tested in test_notifications.py).
"""
from __future__ import annotations

import random

import pytest

from tests.event_util import RANDOM_REPLIES, EventLog, notifications, random_command
from tests.resp_util import RawConnection

class Side:
    """One server: a command connection and its event log."""

    def __init__(self, port: int, resp3: bool):
        self.conn = RawConnection(port)
        assert self.conn.cmd("FLUSHALL") == b"+OK\r\n"
        self.log = EventLog(port, resp3=resp3)

    def run(self, args):
        return self.log.run(self.conn, *args)

    def close(self) -> None:
        self.conn.close()
        self.log.close()


def compare(redix_port: int, oracle_port: int, commands, flags: str, resp3: bool = False):
    sides = []
    try:
        sides = [Side(redix_port, resp3), Side(oracle_port, resp3)]
        with notifications(sides[0].conn, flags), notifications(sides[1].conn, flags):
            for step, args in enumerate(commands):
                (got, got_events), (expected, expected_events) = (s.run(args) for s in sides)
                where = f"step {step}: {' '.join(args)} (flags {flags})"
                if args[0] in RANDOM_REPLIES:
                    assert got[:1] == expected[:1], (where, got, expected)
                else:
                    assert got == expected, (where, got, expected)
                assert got_events == expected_events, where
    finally:
        for side in sides:
            side.close()


@pytest.mark.parametrize("seed", range(12))
def test_random_sequences_emit_the_same_events(redix_server, oracle, seed):
    rng = random.Random(seed)
    commands = [random_command(rng) for _ in range(250)]
    flags = "KEAnm" if seed % 2 else "KEAn"         # m: reads of missing keys too
    compare(redix_server.port, oracle.port, commands, flags, resp3=seed % 3 == 2)


@pytest.mark.parametrize("seed", range(4))
def test_random_class_subsets(redix_server, oracle, seed):
    rng = random.Random(1000 + seed)
    classes = "".join(c for c in "g$lshzxetnm" if rng.random() < 0.4) or "g"
    flags = rng.choice(["K", "E", "KE"]) + classes
    commands = [random_command(rng) for _ in range(120)]
    compare(redix_server.port, oracle.port, commands, flags)


def test_keymiss_on_reads(redix_server, oracle):
    commands = [["GET", "k1"], ["MGET", "k1", "k2"], ["SET", "k1", "v"], ["GET", "k1"],
                ["HGETALL", "k2"], ["LRANGE", "k2", "0", "1"], ["SMEMBERS", "k2"],
                ["ZSCORE", "k2", "a"], ["XRANGE", "k2", "-", "+"], ["EXISTS", "k2"],
                ["TTL", "k2"], ["TYPE", "k2"], ["STRLEN", "k2"], ["BITCOUNT", "k2"],
                ["SINTERSTORE", "k3", "k2", "k4"], ["ZUNIONSTORE", "k3", "1", "k2"],
                ["COPY", "k2", "k3"], ["BITOP", "OR", "k3", "k2", "k4"], ["PFMERGE", "k3", "k2"],
                ["PFCOUNT", "k2"], ["GETDEL", "k2"], ["GETEX", "k2"], ["GETSET", "k2", "v"],
                ["DEL", "k4"], ["LPOP", "k4"], ["RENAME", "k4", "k1"], ["EXPIRE", "k4", "9"],
                ["OBJECT", "ENCODING", "k4"], ["XREAD", "STREAMS", "k4", "0"],
                ["GEOSEARCHSTORE", "k3", "k4", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"]]
    compare(redix_server.port, oracle.port, commands, "KEm")
