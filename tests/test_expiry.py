"""Expiry over the wire (EXPIRE family, TTL family, PERSIST, lazy and active expiry),
plus in-process checks of the active cycle's bounds and counters and of the
write notifications that WATCH depends on.

Every literal error and reply below was checked against redis-server 7.0.15.
"""
import time

import pytest

from redix.cli import parse_args
from redix.keyspace.db import Database, active_expire, now_ms
from redix.server.client import Client
from redix.server.loop import Server


def test_expire_sets_ttl_and_ttl_rounds(raw):
    raw.cmd("SET", "k", "v")
    assert raw.cmd("TTL", "k") == b":-1\r\n"
    assert raw.cmd("PTTL", "k") == b":-1\r\n"
    assert raw.cmd("EXPIRE", "k", "100") == b":1\r\n"
    assert raw.cmd("TTL", "k") == b":100\r\n"
    assert 99000 < int(raw.cmd("PTTL", "k")[1:]) <= 100000
    assert raw.cmd("PEXPIRE", "k", "1499") == b":1\r\n"
    assert raw.cmd("TTL", "k") == b":1\r\n"       # (ms + 500) // 1000, like Redis
    assert raw.cmd("PEXPIRE", "k", "2600") == b":1\r\n"
    assert raw.cmd("TTL", "k") == b":3\r\n"
    assert raw.cmd("TTL", "nokey") == b":-2\r\n"
    assert raw.cmd("PTTL", "nokey") == b":-2\r\n"
    assert raw.cmd("EXPIRE", "nokey", "10") == b":0\r\n"


def test_expireat_and_expiretime(raw):
    raw.cmd("SET", "k", "v")
    at = int(time.time()) + 1000
    assert raw.cmd("EXPIREAT", "k", str(at)) == b":1\r\n"
    assert raw.cmd("EXPIRETIME", "k") == b":%d\r\n" % at
    assert raw.cmd("PEXPIRETIME", "k") == b":%d\r\n" % (at * 1000)
    assert raw.cmd("PEXPIREAT", "k", str(at * 1000 + 499)) == b":1\r\n"
    assert raw.cmd("EXPIRETIME", "k") == b":%d\r\n" % at
    assert raw.cmd("PEXPIREAT", "k", str(at * 1000 + 500)) == b":1\r\n"
    assert raw.cmd("EXPIRETIME", "k") == b":%d\r\n" % (at + 1)
    assert raw.cmd("PEXPIRETIME", "k") == b":%d\r\n" % (at * 1000 + 500)
    raw.cmd("PERSIST", "k")
    assert raw.cmd("EXPIRETIME", "k") == b":-1\r\n"
    assert raw.cmd("PEXPIRETIME", "nokey") == b":-2\r\n"


@pytest.mark.parametrize("args", [("EXPIRE", "0"), ("EXPIRE", "-1"), ("PEXPIRE", "-100"),
                                  ("EXPIREAT", "0"), ("PEXPIREAT", "1"),
                                  ("EXPIREAT", "100", "NX"), ("PEXPIRE", "-9223372036854775808")])
def test_non_positive_or_past_times_delete_the_key(raw, args):
    raw.cmd("SET", "k", "v")
    assert raw.cmd(args[0], "k", *args[1:]) == b":1\r\n"
    assert raw.cmd("EXISTS", "k") == b":0\r\n"


def test_past_time_with_failing_condition_keeps_the_key(raw):
    raw.cmd("SET", "k", "v")
    assert raw.cmd("EXPIRE", "k", "-1", "XX") == b":0\r\n"
    assert raw.cmd("EXISTS", "k") == b":1\r\n"


def test_nx_xx_gt_lt(raw):
    raw.cmd("SET", "k", "v")
    assert raw.cmd("EXPIRE", "k", "100", "XX") == b":0\r\n"
    assert raw.cmd("EXPIRE", "k", "100", "GT") == b":0\r\n"   # no TTL counts as infinite
    assert raw.cmd("TTL", "k") == b":-1\r\n"
    assert raw.cmd("EXPIRE", "k", "100", "LT") == b":1\r\n"
    assert raw.cmd("EXPIRE", "k", "50", "NX") == b":0\r\n"
    assert raw.cmd("EXPIRE", "k", "200", "LT") == b":0\r\n"
    assert raw.cmd("EXPIRE", "k", "50", "lt") == b":1\r\n"
    assert raw.cmd("TTL", "k") == b":50\r\n"
    # Equal is not greater; absolute times, since a relative 50 s a millisecond later is more.
    when = str(int(time.time() * 1000) + 50000)
    assert raw.cmd("PEXPIREAT", "k", when) == b":1\r\n"
    assert raw.cmd("PEXPIREAT", "k", when, "GT") == b":0\r\n"
    assert raw.cmd("EXPIRE", "k", "80", "gt") == b":1\r\n"
    assert raw.cmd("EXPIRE", "k", "70", "XX", "LT") == b":1\r\n"
    assert raw.cmd("TTL", "k") == b":70\r\n"
    assert raw.cmd("PERSIST", "k") == b":1\r\n"
    assert raw.cmd("EXPIRE", "k", "40", "NX", "NX") == b":1\r\n"
    assert raw.cmd("EXPIRE", "nokey", "10", "GT") == b":0\r\n"


def test_expire_errors_in_redis_order(raw):
    raw.cmd("SET", "k", "v")
    nx_and = b"-ERR NX and XX, GT or LT options at the same time are not compatible\r\n"
    gt_lt = b"-ERR GT and LT options at the same time are not compatible\r\n"
    assert raw.cmd("EXPIRE", "k", "100", "NX", "XX") == nx_and
    assert raw.cmd("EXPIRE", "k", "100", "NX", "GT") == nx_and
    assert raw.cmd("EXPIRE", "k", "100", "GT", "LT", "NX") == nx_and
    assert raw.cmd("PEXPIRE", "k", "100", "XX", "GT", "LT") == gt_lt
    assert raw.cmd("EXPIRE", "k", "100", "foo") == b"-ERR Unsupported option foo\r\n"
    assert raw.cmd("EXPIRE", "k", "100", "a\r\nb") == b"-ERR Unsupported option a  b\r\n"
    # Options are checked before the number, and both before the key.
    assert raw.cmd("EXPIRE", "k", "abc", "NX", "XX") == nx_and
    assert raw.cmd("EXPIRE", "k", "abc", "foo") == b"-ERR Unsupported option foo\r\n"
    assert raw.cmd("EXPIRE", "nokey", "10", "foo") == b"-ERR Unsupported option foo\r\n"
    assert raw.cmd("EXPIRE", "k", "abc") == b"-ERR value is not an integer or out of range\r\n"
    assert raw.cmd("EXPIRE", "k") == b"-ERR wrong number of arguments for 'expire' command\r\n"


@pytest.mark.parametrize("cmd,value", [
    ("EXPIRE", "9223372036854775807"), ("EXPIRE", "9223372036854775"),
    ("EXPIRE", "-9223372036854775808"), ("PEXPIRE", "9223372036854775807"),
    ("EXPIREAT", "9223372036854775807"),
])
def test_invalid_expire_time(raw, cmd, value):
    raw.cmd("SET", "k", "v")
    assert raw.cmd(cmd, "k", value) == \
        b"-ERR invalid expire time in '%s' command\r\n" % cmd.lower().encode()
    assert raw.cmd(cmd.lower(), "k", value).endswith(b"'%s' command\r\n" % cmd.lower().encode())
    assert raw.cmd("EXISTS", "k") == b":1\r\n"


def test_largest_valid_times(raw):
    raw.cmd("SET", "k", "v")
    assert raw.cmd("EXPIRE", "k", "922337203685477") == b":1\r\n"
    assert raw.cmd("PEXPIREAT", "k", "9223372036854775807") == b":1\r\n"
    assert raw.cmd("EXPIREAT", "k", "9223372036854775") == b":1\r\n"
    assert raw.cmd("PEXPIRETIME", "k") == b":9223372036854775000\r\n"


def test_persist(raw):
    raw.cmd("SET", "k", "v", "EX", "100")
    assert raw.cmd("PERSIST", "k") == b":1\r\n"
    assert raw.cmd("PERSIST", "k") == b":0\r\n"
    assert raw.cmd("PERSIST", "nokey") == b":0\r\n"
    assert raw.cmd("TTL", "k") == b":-1\r\n"


def test_set_overwrite_clears_ttl(raw):
    raw.cmd("SET", "k", "v")
    raw.cmd("EXPIRE", "k", "100")
    raw.cmd("SET", "k", "w")
    assert raw.cmd("TTL", "k") == b":-1\r\n"


def test_lazy_expiry_on_access(raw):
    raw.cmd("SET", "k", "v", "PX", "30")
    time.sleep(0.06)
    assert raw.cmd("GET", "k") == b"$-1\r\n"
    assert raw.cmd("TTL", "k") == b":-2\r\n"
    assert raw.cmd("EXISTS", "k") == b":0\r\n"


def test_active_expiry_reclaims_keys_nobody_reads(raw):
    for i in range(1000):
        raw.send(b"*5\r\n$3\r\nSET\r\n$%d\r\nk%d\r\n$1\r\nv\r\n$2\r\nPX\r\n$2\r\n50\r\n"
                 % (len(str(i)) + 1, i))
    for _ in range(1000):
        assert raw.reply() == b"+OK\r\n"
    raw.cmd("SET", "keeper", "v")
    assert raw.cmd("DBSIZE") == b":1001\r\n"
    deadline = time.monotonic() + 1.0 + 0.05
    while raw.cmd("DBSIZE") != b":1\r\n":
        assert time.monotonic() < deadline, raw.cmd("DBSIZE")
        time.sleep(0.01)
    assert raw.cmd("GET", "keeper") == b"$1\r\nv\r\n"


# --- in process: the cycle's bounds and counters -----------------------------------------

def make_server():
    return Server(parse_args([]))


def test_cron_reclaims_and_counts_expired_keys():
    server = make_server()
    db = server.dbs[0]
    past = now_ms() - 10
    for i in range(3000):
        db.set(b"k%d" % i, b"v")
        db.set_expire(b"k%d" % i, past)
    db.set(b"live", b"v")
    db.set_expire(b"live", now_ms() + 100000)
    server.cron()
    assert server.stat_expired_keys == 3000
    assert list(db.data) == [b"live"]


def test_active_expire_is_time_bounded():
    dbs = [Database(i) for i in range(2)]
    past = now_ms() - 10
    for db in dbs:
        for i in range(20000):
            db.set(b"k%d" % i, b"v")
            db.set_expire(b"k%d" % i, past)
    examined = active_expire(dbs, 0.0)
    # A zero budget still does one round: one chunk per database, no more.
    assert 0 < examined <= 2 * 256
    assert all(len(db.data) >= 20000 - 256 for db in dbs)
    while any(db.data for db in dbs):
        active_expire(dbs, 0.005)
    assert all(not db.expires and not db._heap for db in dbs)


def test_active_expire_skips_stale_heap_entries():
    db = Database(0)
    db.set(b"k", b"v")
    db.set_expire(b"k", now_ms() - 10)
    db.persist(b"k")                          # the heap entry is now stale
    db.set(b"j", b"v")
    db.set_expire(b"j", now_ms() - 5)
    active_expire([db], 0.01)
    assert b"k" in db.data and b"j" not in db.data


def test_expire_with_past_time_is_a_delete_not_an_expiry():
    server = make_server()
    client = Client(server, None, 1, "test", "test")
    server.execute(client, [b"SET", b"k", b"v"])
    server.execute(client, [b"EXPIRE", b"k", b"-1"])
    assert client.out.endswith(b":1\r\n")
    assert server.stat_expired_keys == 0


# --- write notifications (WATCH) ----------------------------------------------------------

class Watcher:
    dirty_cas = False


def run(server, client, *argv):
    client.out.clear()
    server.execute(client, [a if isinstance(a, bytes) else a.encode() for a in argv])
    return bytes(client.out)


@pytest.mark.parametrize("setup,command,watched", [
    ([("SET", "a", "1")], ("EXPIRE", "a", "100"), [(0, "a")]),
    ([("SET", "a", "1")], ("EXPIRE", "a", "-1"), [(0, "a")]),
    ([("SET", "a", "1", "EX", "100")], ("PERSIST", "a"), [(0, "a")]),
    ([("SET", "a", "1")], ("DEL", "a"), [(0, "a")]),
    ([("SET", "a", "1")], ("RENAME", "a", "b"), [(0, "a"), (0, "b")]),
    ([("SET", "a", "1")], ("RENAMENX", "a", "b"), [(0, "a"), (0, "b")]),
    ([("SET", "a", "1")], ("MOVE", "a", "1"), [(0, "a"), (1, "a")]),
    ([("SET", "a", "1")], ("COPY", "a", "b", "DB", "2"), [(2, "b")]),
    ([("SET", "a", "1")], ("FLUSHDB",), [(0, "a")]),
    ([("SET", "a", "1"), ("SELECT", "3"), ("SET", "z", "1"), ("SELECT", "0")],
     ("FLUSHALL",), [(0, "a"), (3, "z")]),
    ([("SET", "a", "1")], ("SWAPDB", "0", "1"), [(0, "a"), (1, "a")]),
])
def test_every_affected_key_is_signalled(setup, command, watched):
    server = make_server()
    client = Client(server, None, 1, "test", "test")
    for argv in setup:
        run(server, client, *argv)
    watchers = []
    for db_index, key in watched:
        watcher = Watcher()
        server.dbs[db_index].watched[key.encode()] = [watcher]
        watchers.append(watcher)
    bystander = Watcher()
    server.dbs[0].watched[b"unrelated"] = [bystander]
    reply = run(server, client, *command)
    assert not reply.startswith(b"-"), reply
    assert all(w.dirty_cas for w in watchers)
    assert not bystander.dirty_cas


def test_flush_does_not_signal_watchers_of_absent_keys():
    server = make_server()
    client = Client(server, None, 1, "test", "test")
    watcher = Watcher()
    server.dbs[0].watched[b"absent"] = [watcher]
    run(server, client, "SET", "a", "1")
    run(server, client, "FLUSHALL")
    assert not watcher.dirty_cas


def test_swapdb_serves_clients_blocked_on_keys_that_appear():
    server = make_server()
    client = Client(server, None, 1, "test", "test")
    waiter = Client(server, None, 2, "waiter", "test")
    assert run(server, waiter, "BLPOP", "list", "0") == b""     # blocked: no reply yet
    run(server, client, "SELECT", "1")
    run(server, client, "RPUSH", "list", "x")
    assert waiter.blocked is not None
    run(server, client, "SWAPDB", "0", "1")
    assert bytes(waiter.out) == b"*2\r\n$4\r\nlist\r\n$1\r\nx\r\n"
    assert waiter.blocked is None


def test_rename_move_copy_keep_ttls_exactly():
    server = make_server()
    client = Client(server, None, 1, "test", "test")
    when = now_ms() + 123456
    run(server, client, "SET", "a", "v", "PXAT", str(when))
    run(server, client, "RENAME", "a", "b")
    assert server.dbs[0].expires == {b"b": when}
    run(server, client, "COPY", "b", "c", "DB", "2")
    assert server.dbs[2].expires == {b"c": when}
    run(server, client, "MOVE", "b", "1")
    assert server.dbs[0].expires == {} and server.dbs[1].expires == {b"b": when}
    run(server, client, "SWAPDB", "1", "2")
    assert server.dbs[1].expires == {b"c": when} and server.dbs[2].expires == {b"b": when}
