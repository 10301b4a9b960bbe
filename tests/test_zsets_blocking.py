"""BZPOPMIN, BZPOPMAX and BZMPOP over the wire, on the shared blocking mechanism.

As in ``test_blocking.py`` (whose fixtures these tests reuse), each test runs
against an embedded Redix and against redis-server with the same expected
bytes; waiting for "client X is now blocked" polls the server's state.
"""
import pytest

from tests.test_blocking import (WRONGTYPE, assert_times_out, bulks, embedded,  # noqa: F401
                                 nothing_yet, redix, t)


@pytest.mark.parametrize("args", [("BZPOPMIN", "nokey", "0.1"),
                                  ("BZPOPMAX", "a", "b", "0.1"),
                                  ("BZMPOP", "0.1", "1", "nokey", "MIN")])
def test_timeout_replies_null_array(t, args):
    assert_times_out(t, args)


def test_immediate_replies_and_errors(t):
    conn = t.connect()
    t.admin.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c")
    t.admin.cmd("SET", "s", "x")
    assert conn.cmd("BZPOPMIN", "nokey", "z", "0") == bulks(b"z", b"a", b"1")
    assert conn.cmd("BZPOPMAX", "z", "0") == bulks(b"z", b"c", b"3")
    assert conn.cmd("BZPOPMIN", "nokey", "s", "0") == WRONGTYPE
    assert conn.cmd("BZPOPMIN", "z", "s", "0") == bulks(b"z", b"b", b"2")   # s not reached
    assert conn.cmd("EXISTS", "z") == b":0\r\n"
    assert conn.cmd("BZPOPMIN", "z", "abc") == b"-ERR timeout is not a float or out of range\r\n"
    assert conn.cmd("BZPOPMIN", "z", "-1") == b"-ERR timeout is negative\r\n"
    assert conn.cmd("BZMPOP", "abc", "1", "z", "foo") == b"-ERR syntax error\r\n"
    assert conn.cmd("BZMPOP", "abc", "1", "z", "MIN") == \
        b"-ERR timeout is not a float or out of range\r\n"
    assert conn.cmd("BZMPOP", "0", "0", "z", "MIN") == b"-ERR numkeys should be greater than 0\r\n"
    assert conn.cmd("BZMPOP", "0", "1", "z", "MIN", "COUNT", "0") == \
        b"-ERR count should be greater than 0\r\n"
    t.admin.cmd("ZADD", "z", "1.5", "a", "5", "e")
    assert conn.cmd("BZMPOP", "0", "2", "z", "s", "MAX", "COUNT", "5") == \
        b"*2\r\n$1\r\nz\r\n*2\r\n" + bulks(b"e", b"5") + bulks(b"a", b"1.5")
    conn.cmd("HELLO", "3")
    t.admin.cmd("ZADD", "z", "1.5", "a")
    assert conn.cmd("BZPOPMIN", "z", "0") == b"*3\r\n$1\r\nz\r\n$1\r\na\r\n,1.5\r\n"


def test_served_when_a_member_is_added(t):
    waiter = t.connect()
    t.block(waiter, "BZPOPMIN", "z", "0")
    assert nothing_yet(waiter)
    # Served after the whole ZADD, which counts the member the waiter then takes.
    assert t.admin.cmd("ZADD", "z", "2", "b", "1", "a") == b":2\r\n"
    assert waiter.reply() == bulks(b"z", b"a", b"1")
    assert t.admin.cmd("ZRANGE", "z", "0", "-1") == bulks(b"b")
    t.block(waiter, "BZPOPMAX", "nokey", "z2", "0")
    t.admin.cmd("ZADD", "z2", "1", "x", "9", "y")
    assert waiter.reply() == bulks(b"z2", b"y", b"9")
    t.wait_blocked(0)


def test_waiters_served_in_blocking_order(t):
    a, b, c = t.connect(), t.connect(), t.connect()
    t.block(a, "BZPOPMIN", "z", "0")
    t.block(b, "BZPOPMAX", "z", "0")
    t.block(c, "BZMPOP", "0", "1", "z", "MIN", "COUNT", "5")
    t.admin.cmd("ZADD", "z", "1", "m1")
    assert a.reply() == bulks(b"z", b"m1", b"1")
    assert nothing_yet(b) and nothing_yet(c)
    t.admin.cmd("ZADD", "z", "1", "p", "2", "q", "3", "r", "4", "s")
    assert b.reply() == bulks(b"z", b"s", b"4")
    assert c.reply() == b"*2\r\n$1\r\nz\r\n*3\r\n" + bulks(b"p", b"1") + bulks(b"q", b"2") + \
        bulks(b"r", b"3")
    assert t.admin.cmd("EXISTS", "z") == b":0\r\n"


def test_woken_by_stores_and_not_by_other_types(t):
    waiter = t.connect()
    t.admin.cmd("ZADD", "src", "7", "m")
    t.block(waiter, "BZPOPMIN", "dst", "0")
    t.admin.cmd("SET", "dst", "string")          # another type: keeps waiting
    assert nothing_yet(waiter)
    t.admin.cmd("DEL", "dst")
    assert t.admin.cmd("ZUNIONSTORE", "dst", "1", "src") == b":1\r\n"
    assert waiter.reply() == bulks(b"dst", b"m", b"7")
    t.block(waiter, "BZPOPMAX", "dst2", "0")
    assert t.admin.cmd("ZRANGESTORE", "dst2", "src", "0", "-1") == b":1\r\n"
    assert waiter.reply() == bulks(b"dst2", b"m", b"7")
    t.wait_blocked(0)


def test_served_pops_propagate_as_non_blocking_forms(redix):
    seen = []

    def hook(client, cmd, argv):
        seen.append((cmd.fullname if cmd is not None else None, client.propagate_as or argv))
    server = redix.server
    server.hooks_after_call.append(hook)
    try:
        conn = redix.connect()
        redix.block(conn, "BZPOPMIN", "z", "0")
        redix.admin.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c")
        assert conn.reply() == bulks(b"z", b"a", b"1")
        assert conn.cmd("BZPOPMAX", "z", "0") == bulks(b"z", b"c", b"3")
        assert conn.cmd("BZMPOP", "0", "1", "z", "MIN", "COUNT", "3") == \
            b"*2\r\n$1\r\nz\r\n*1\r\n" + bulks(b"b", b"2")
    finally:
        server.hooks_after_call.remove(hook)
    assert (b"zpopmin", [b"ZPOPMIN", b"z"]) in seen
    assert (b"bzpopmax", [b"ZPOPMAX", b"z"]) in seen
    assert (b"bzmpop", [b"ZPOPMIN", b"z", b"1"]) in seen


def test_no_blocking_inside_exec(redix):
    conn = redix.connect()
    redix.server_client(conn).in_exec = True
    try:
        assert conn.cmd("BZPOPMIN", "nokey", "0") == b"*-1\r\n"
        assert conn.cmd("BZMPOP", "0", "1", "nokey", "MAX") == b"*-1\r\n"
    finally:
        redix.server_client(conn).in_exec = False
    assert redix.blocked() == 0
