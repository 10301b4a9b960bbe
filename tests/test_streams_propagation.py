"""What stream commands hand to replication: ``client.propagate_as`` (see commands.streams).

There is no replication yet, so these tests play its part: an after-call
hook on an embedded Redix (the ``redix`` fixture of test_blocking.py)
collects what each write propagates, as Redis would send it to replicas,
and a replay of the collected commands into another database must rebuild
the same entries, groups and pending lists.
"""
import random

import pytest

from tests.differential import parse
from tests.stream_util import as_map
from tests.test_blocking import embedded, redix  # noqa: F401


@pytest.fixture
def prop(redix):
    """(admin connection, list of propagated argvs) with a collecting hook installed."""
    seen = []

    def hook(client, cmd, argv):
        extra = client.propagate_as
        client.propagate_as = None
        if extra is None:
            seen.append(list(argv))
        elif extra and type(extra[0]) is list:
            seen.extend(extra)
        elif extra:
            seen.append(extra)
    server = redix.server
    server.hooks_after_call.append(hook)
    yield redix.admin, seen
    server.hooks_after_call.remove(hook)


def b(*args):
    return [a if isinstance(a, bytes) else str(a).encode() for a in args]


def test_xadd_generated_ids_and_approximate_trims(prop):
    conn, seen = prop
    sid = conn.cmd("XADD", "s", "*", "f", "v").split(b"\r\n")[1]
    assert seen.pop() == b("XADD", "s", sid, "f", "v")
    conn.cmd("XADD", "e", "5-1", "f", "v")
    assert seen.pop() == b("XADD", "e", "5-1", "f", "v")           # explicit: as sent
    conn.cmd("XADD", "t", "7-*", "f", "v")
    assert seen.pop() == b("XADD", "t", "7-0", "f", "v")
    for i in range(1, 251):
        conn.cmd("XADD", "u", "%d-1" % i, "f", "v")
    seen.clear()
    conn.cmd("XADD", "u", "MAXLEN", "~", "120", "LIMIT", "1000", "251-1", "f", "v")
    assert seen.pop() == b("XADD", "u", "MAXLEN", "=", "151", "LIMIT", "1000", "251-1", "f", "v")
    conn.cmd("XADD", "u", "MINID", "~", "240", "*", "f", "v")
    last = seen.pop()
    assert last[:5] == b("XADD", "u", "MINID", "=", "201-1")
    conn.cmd("XADD", "u", "MAXLEN", "3", "999999999999999-1", "f", "v")
    assert seen.pop() == b("XADD", "u", "MAXLEN", "3", "999999999999999-1", "f", "v")
    conn.cmd("XTRIM", "u", "MAXLEN", "~", "1")
    assert seen == []                   # nothing removed (one node left): nothing sent
    for i in range(1, 201):
        conn.cmd("XADD", "v", "%d-1" % i, "f", "v")
    seen.clear()
    conn.cmd("XTRIM", "v", "MAXLEN", "~", "50")
    assert seen == [b("XTRIM", "v", "MAXLEN", "=", "100")]


def claim(key, group, consumer, sid, count, last):
    return lambda argv: argv[:6] == b("XCLAIM", key, group, consumer, "0", sid) and \
        argv[6] == b"TIME" and argv[8:] == b("RETRYCOUNT", count, "FORCE", "JUSTID",
                                             "LASTID", last)


def test_group_reads_and_claims(prop):
    conn, seen = prop
    for sid in ("1-1", "2-1", "3-1"):
        conn.cmd("XADD", "s", sid, "f", "v")
    conn.cmd("XGROUP", "CREATE", "s", "g", "0")
    assert seen.pop() == b("XGROUP", "CREATE", "s", "g", "0")
    seen.clear()
    conn.cmd("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">")
    assert seen[0] == b("XGROUP", "CREATECONSUMER", "s", "g", "alice")
    assert claim("s", "g", "alice", "1-1", 1, "1-1")(seen[1])
    assert claim("s", "g", "alice", "2-1", 1, "2-1")(seen[2])
    assert len(seen) == 3
    seen.clear()
    conn.cmd("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0")
    assert seen == []                    # a history read replicates nothing
    conn.cmd("XREADGROUP", "GROUP", "g", "bob", "NOACK", "STREAMS", "s", ">")
    assert seen == [b("XGROUP", "CREATECONSUMER", "s", "g", "bob"),
                    b("XGROUP", "SETID", "s", "g", "3-1", "ENTRIESREAD", "3")]
    seen.clear()
    conn.cmd("XCLAIM", "s", "g", "bob", "0", "1-1", "RETRYCOUNT", "5")
    assert len(seen) == 1 and claim("s", "g", "bob", "1-1", 5, "3-1")(seen[0])
    seen.clear()
    conn.cmd("XCLAIM", "s", "g", "bob", "3600000", "1-1")
    assert seen == []                    # nothing claimed, nothing sent...
    conn.cmd("XADD", "s", "4-1", "f", "v")
    assert seen == [b("XADD", "s", "4-1", "f", "v")]    # ...and nothing left for the next
    seen.clear()
    conn.cmd("XCLAIM", "s", "g", "bob", "3600000", "1-1", "LASTID", "9-9")
    assert seen == [b("XGROUP", "SETID", "s", "g", "9-9", "ENTRIESREAD", "3")]
    seen.clear()
    conn.cmd("XDEL", "s", "2-1")
    seen.clear()
    reply = parse(conn.cmd("XAUTOCLAIM", "s", "g", "carol", "0", "0"))
    assert reply == [b"0-0", [[b"1-1", [b"f", b"v"]]], [b"2-1"]]
    assert claim("s", "g", "carol", "1-1", 6, "9-9")(seen[0])
    # The deleted entry's claim (as alice still had it) drops it on a replica too.
    assert claim("s", "g", "alice", "2-1", 2, "9-9")(seen[1])     # 2: the history read
    assert len(seen) == 2


def _workload(rng, n):
    keys = ["s", "t"]
    groups = ["g", "h"]
    consumers = ["alice", "bob", "carol"]
    ms = 1
    out = []
    for _ in range(n):
        key = rng.choice(keys)
        r = rng.random()
        if r < 0.35:
            ms += rng.randint(1, 3)
            trim = rng.choice([[], [], ["MAXLEN", "~", str(rng.randint(0, 30))],
                               ["MAXLEN", str(rng.randint(0, 30))],
                               ["MINID", "~", str(max(ms - 20, 0))]])
            out.append(["XADD", key, *trim, rng.choice(["*", "%d-*" % ms, "%d-1" % ms]),
                        "f", str(rng.randint(0, 9))])
        elif r < 0.42:
            out.append(["XGROUP", "CREATE", key, rng.choice(groups),
                        rng.choice(["0", "$"]), "MKSTREAM"])
        elif r < 0.6:
            out.append(["XREADGROUP", "GROUP", rng.choice(groups), rng.choice(consumers),
                        "COUNT", str(rng.randint(1, 4)), *rng.choice([[], ["NOACK"]]),
                        "STREAMS", key, ">"])
        elif r < 0.67:
            out.append(["XACK", key, rng.choice(groups), "%d-1" % rng.randint(1, ms)])
        elif r < 0.74:
            out.append(["XDEL", key, "%d-1" % rng.randint(1, ms)])
        elif r < 0.82:
            out.append(["XCLAIM", key, rng.choice(groups), rng.choice(consumers), "0",
                        "%d-1" % rng.randint(1, ms), "%d-0" % rng.randint(1, ms),
                        *rng.choice([[], ["JUSTID"], ["FORCE"], ["RETRYCOUNT", "4"],
                                     ["IDLE", "1000"], ["LASTID", "%d-5" % ms]])])
        elif r < 0.9:
            out.append(["XAUTOCLAIM", key, rng.choice(groups), rng.choice(consumers), "0",
                        "0", "COUNT", str(rng.randint(1, 5)), *rng.choice([[], ["JUSTID"]])])
        elif r < 0.93:
            out.append(["XTRIM", key, "MAXLEN", "~", str(rng.randint(0, 20))])
        elif r < 0.96:
            out.append(["XGROUP", rng.choice(["CREATECONSUMER", "DELCONSUMER"]), key,
                        rng.choice(groups), rng.choice(consumers)])
        else:
            out.append(["XGROUP", "SETID", key, rng.choice(groups), "0"])
    return out


def _state(conn, key):
    """Entries, groups and PELs; no seen-times or counters replicas may not follow."""
    if parse(conn.cmd("EXISTS", key)) == 0:
        return None
    full = parse(conn.cmd("XINFO", "STREAM", key, "FULL", "COUNT", "0"))
    info = as_map(full)
    groups = []
    for group in info[b"groups"]:
        g = as_map(group)
        consumers = []
        for consumer in g[b"consumers"]:
            cinfo = as_map(consumer)
            consumers.append((cinfo[b"name"], cinfo[b"pending"]))
        groups.append((g[b"name"], g[b"last-delivered-id"], g[b"pending"], consumers))
    return (info[b"entries"], info[b"last-generated-id"], info[b"length"],
            info[b"max-deleted-entry-id"], groups)


@pytest.mark.parametrize("seed", range(6))
def test_replaying_what_was_propagated_rebuilds_the_same_streams(prop, redix, seed):
    conn, seen = prop
    for argv in _workload(random.Random(seed), 250):
        conn.cmd(*argv)
    replica = redix.connect()
    replica.cmd("SELECT", "1")
    commands = list(seen)
    assert commands, "the workload propagated nothing"
    for argv in commands:
        if argv[0].upper() in (b"FLUSHALL", b"SELECT"):
            continue
        reply = replica.cmd(*argv)
        assert not reply.startswith(b"-"), (argv, reply)
    for key in ("s", "t"):
        assert _state(replica, key) == _state(conn, key), key
