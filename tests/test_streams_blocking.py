"""XREAD and XREADGROUP with BLOCK, over the wire, on Redix and on redis-server alike.

The fixtures come from test_blocking.py: ``t`` runs each test against an
embedded Redix (waits poll its blocked-client count) and against
redis-server 7.0 (waits poll INFO clients), so every expectation is a
checked fact; ``redix`` is Redix alone, for what only Redix can show
(propagation of a served XREADGROUP).  No sleeps stand in for events: a
test waits until the server reports the client blocked; only the short
"nothing arrived" checks wait a fixed time.
"""
import time

import pytest

from tests.stream_util import NULLARR, enc, entry, err
from tests.test_blocking import Target, embedded, encode, nothing_yet, redix, t  # noqa: F401


def e(sid, value="v"):
    return entry(sid, "f", value)


def served(key, entries, resp3=False):
    """What a served reader gets: one stream's entries."""
    if resp3:
        return b"%1\r\n" + enc(key) + enc(entries, True)
    return enc([[key, entries]])


def test_timeout_replies_null_array(t):
    conn = t.connect()
    start = time.monotonic()
    assert conn.cmd("XREAD", "BLOCK", "100", "STREAMS", "s", "$") == b"*-1\r\n"
    assert 0.09 <= time.monotonic() - start < 3
    conn.cmd("HELLO", "3")
    assert conn.cmd("XREAD", "BLOCK", "100", "STREAMS", "s", "0") == b"_\r\n"
    t.admin.cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
    assert conn.cmd("XREADGROUP", "GROUP", "g", "c", "BLOCK", "100", "STREAMS", "s", ">") == \
        b"_\r\n"
    t.wait_blocked(0)


def test_block_forever_woken_by_xadd_from_another_client(t):
    t.admin.cmd("XADD", "s", "1-1", "f", "old")
    reader = t.connect()
    t.block(reader, "XREAD", "BLOCK", "0", "STREAMS", "s", "$")
    assert nothing_yet(reader)
    assert t.admin.cmd("XADD", "s", "2-1", "f", "new") == enc("2-1")
    # "$" meant "after 1-1": the old entry is not sent.
    assert reader.reply() == served("s", [e("2-1", "new")])
    t.wait_blocked(0)


def test_blocked_reader_on_missing_key_and_resp3(t):
    reader = t.connect()
    reader.cmd("HELLO", "3")
    t.block(reader, "XREAD", "BLOCK", "0", "STREAMS", "nokey", "0")
    t.admin.cmd("XADD", "nokey", "1-1", "f", "v")
    assert reader.reply() == served("nokey", [e("1-1")], resp3=True)


def test_several_readers_each_get_the_entry(t):
    readers = [t.connect() for _ in range(3)]
    for conn in readers:
        t.block(conn, "XREAD", "BLOCK", "0", "STREAMS", "s", "$")
    t.admin.cmd("XADD", "s", "1-1", "f", "v")
    for conn in readers:
        assert conn.reply() == served("s", [e("1-1")])
    t.wait_blocked(0)


def test_several_keys_served_by_the_one_written(t):
    t.admin.cmd("XADD", "a", "5-1", "f", "v")
    reader = t.connect()
    t.block(reader, "XREAD", "BLOCK", "0", "STREAMS", "a", "b", "$", "$")
    t.admin.cmd("XADD", "b", "1-1", "f", "v")
    assert reader.reply() == served("b", [e("1-1")])


def test_count_applies_to_a_blocked_reader(t):
    reader = t.connect()
    t.block(reader, "XREAD", "COUNT", "2", "BLOCK", "0", "STREAMS", "s", "0")
    assert t.admin.cmd("MULTI") == b"+OK\r\n"
    for sid in ("1-1", "2-1", "3-1"):
        t.admin.cmd("XADD", "s", sid, "f", "v")
    assert t.admin.cmd("EXEC") == enc(["1-1", "2-1", "3-1"])
    assert reader.reply() == served("s", [e("1-1"), e("2-1")])


def test_only_an_xadd_wakes_a_reader(t):
    t.admin.cmd("XADD", "s", "1-1", "f", "v")
    t.admin.cmd("XADD", "s", "2-1", "f", "v")
    reader = t.connect()
    t.block(reader, "XREAD", "BLOCK", "0", "STREAMS", "s", "$")
    t.admin.cmd("XDEL", "s", "1-1")
    t.admin.cmd("XTRIM", "s", "MAXLEN", "0")
    t.admin.cmd("XSETID", "s", "5-5")            # last ID moves past $, but no entry
    t.admin.cmd("DEL", "s")                      # XREAD waits on through a deletion
    t.admin.cmd("SET", "s", "x")
    assert nothing_yet(reader)
    t.admin.cmd("DEL", "s")
    t.admin.cmd("XADD", "s", "2-1", "f", "no")   # a new stream, but not after $ (2-1)
    assert nothing_yet(reader)
    t.admin.cmd("XADD", "s", "3-1", "f", "yes")
    assert reader.reply() == served("s", [e("3-1", "yes")])


def test_an_empty_append_still_wakes(t):
    """XADD then XDEL in one transaction: the reader is woken with an empty list."""
    t.admin.cmd("XADD", "s", "1-1", "f", "v")
    reader = t.connect()
    t.block(reader, "XREAD", "BLOCK", "0", "STREAMS", "s", "$")
    t.admin.cmd("MULTI")
    t.admin.cmd("XADD", "s", "2-1", "f", "v")
    t.admin.cmd("XDEL", "s", "2-1")
    assert t.admin.cmd("EXEC") == b"*2\r\n$3\r\n2-1\r\n:1\r\n"
    assert reader.reply() == served("s", [])


def test_no_blocking_inside_multi(t):
    conn = t.connect()
    conn.cmd("MULTI")
    conn.cmd("XREAD", "BLOCK", "0", "STREAMS", "s", "$")
    t.admin.cmd("XGROUP", "CREATE", "g", "grp", "$", "MKSTREAM")
    conn.cmd("XREADGROUP", "GROUP", "grp", "c", "BLOCK", "0", "STREAMS", "g", ">")
    assert conn.cmd("EXEC") == b"*2\r\n*-1\r\n*-1\r\n"


def test_pipelined_commands_wait_for_the_reader(t):
    reader = t.connect()
    reader.send(encode("XREAD", "BLOCK", "0", "STREAMS", "s", "$") + encode("PING"))
    t.wait_blocked(1)
    assert nothing_yet(reader)
    t.admin.cmd("XADD", "s", "1-1", "f", "v")
    assert reader.reply() == served("s", [e("1-1")])
    assert reader.reply() == b"+PONG\r\n"


def test_disconnected_reader_is_forgotten(t):
    gone, kept = t.connect(), t.connect()
    t.block(gone, "XREAD", "BLOCK", "0", "STREAMS", "s", "$")
    t.block(kept, "XREAD", "BLOCK", "0", "STREAMS", "s", "$")
    gone.close()
    t.wait_blocked(1)
    t.admin.cmd("XADD", "s", "1-1", "f", "v")
    assert kept.reply() == served("s", [e("1-1")])


# --- XREADGROUP ------------------------------------------------------------------------------

def test_xreadgroup_readers_served_in_arrival_order(t):
    t.admin.cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
    first, second = t.connect(), t.connect()
    t.block(first, "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">")
    t.block(second, "XREADGROUP", "GROUP", "g", "bob", "BLOCK", "0", "STREAMS", "s", ">")
    t.admin.cmd("XADD", "s", "1-1", "f", "v")
    assert first.reply() == served("s", [e("1-1")])
    assert nothing_yet(second)                      # the group already has 1-1
    t.admin.cmd("XADD", "s", "2-1", "f", "v")
    assert second.reply() == served("s", [e("2-1")])
    assert t.admin.cmd("XPENDING", "s", "g") == \
        enc([2, "1-1", "2-1", [["alice", "1"], ["bob", "1"]]])


def test_xreadgroup_noack_and_count_when_served(t):
    t.admin.cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
    reader = t.connect()
    t.block(reader, "XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "NOACK", "BLOCK", "0",
            "STREAMS", "s", ">")
    t.admin.cmd("MULTI")
    t.admin.cmd("XADD", "s", "1-1", "f", "v")
    t.admin.cmd("XADD", "s", "2-1", "f", "v")
    t.admin.cmd("EXEC")
    assert reader.reply() == served("s", [e("1-1")])
    assert t.admin.cmd("XPENDING", "s", "g") == enc([0, None, None, NULLARR])
    assert reader.cmd("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">") == \
        served("s", [e("2-1")])


def test_xreadgroup_group_destroyed_while_blocked(t):
    t.admin.cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
    reader = t.connect()
    t.block(reader, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">")
    assert t.admin.cmd("XGROUP", "DESTROY", "s", "g") == b":1\r\n"
    assert reader.reply() == \
        err("NOGROUP the consumer group this client was blocked on no longer exists")
    t.wait_blocked(0)


def test_xreadgroup_key_deleted_or_replaced_while_blocked(t):
    for change in (("DEL", "s"), ("SET", "s", "x")):
        t.admin.cmd("DEL", "s")
        t.admin.cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
        reader = t.connect()
        t.block(reader, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">")
        t.admin.cmd(*change)
        assert reader.reply() == err("UNBLOCKED the stream key no longer exists"), change
        t.wait_blocked(0)


@pytest.mark.parametrize("change", [("FLUSHALL",), ("FLUSHDB",), ("SWAPDB", "0", "1"),
                                    ("RENAME", "s", "elsewhere"), ("EXPIRE", "s", "0")])
def test_xreadgroup_told_when_the_key_goes_any_way(t, change):
    t.admin.cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
    reader = t.connect()
    t.block(reader, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">")
    t.admin.cmd(*change)
    assert reader.reply() == err("UNBLOCKED the stream key no longer exists"), change
    t.admin.cmd("FLUSHALL")


def test_key_replaced_by_another_stream(t):
    """A stream renamed or copied onto the key is a new stream: served if it has more."""
    t.admin.cmd("XADD", "s", "1-1", "f", "v")
    t.admin.cmd("XGROUP", "CREATE", "s", "g", "$")
    t.admin.cmd("XADD", "t", "5-1", "f", "v")
    t.admin.cmd("XGROUP", "CREATE", "t", "g", "0")
    t.admin.cmd("XADD", "u", "7-1", "f", "v")
    grouped, plain = t.connect(), t.connect()
    t.block(grouped, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">")
    t.block(plain, "XREAD", "BLOCK", "0", "STREAMS", "s", "$")
    assert t.admin.cmd("RENAME", "t", "s") == b"+OK\r\n"
    assert grouped.reply() == served("s", [e("5-1")])
    assert plain.reply() == served("s", [e("5-1")])
    t.block(plain, "XREAD", "BLOCK", "0", "STREAMS", "s", "$")
    assert t.admin.cmd("COPY", "u", "s", "REPLACE") == b":1\r\n"
    assert plain.reply() == served("s", [e("7-1")])


def test_xreadgroup_key_recreated_without_the_group(t):
    t.admin.cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
    reader = t.connect()
    t.block(reader, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">")
    t.admin.cmd("MULTI")
    t.admin.cmd("DEL", "s")
    t.admin.cmd("XADD", "s", "1-1", "f", "v")
    t.admin.cmd("EXEC")
    assert reader.reply() == \
        err("NOGROUP the consumer group this client was blocked on no longer exists")


def test_xreadgroup_timeout_creates_no_consumer(t):
    t.admin.cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
    reader = t.connect()
    assert reader.cmd("XREADGROUP", "GROUP", "g", "c", "BLOCK", "50", "STREAMS", "s", ">") == \
        b"*-1\r\n"
    assert t.admin.cmd("XINFO", "CONSUMERS", "s", "g") == b"*0\r\n"


# --- Redix only: what a served XREADGROUP propagates ------------------------------------------

def test_served_xreadgroup_propagates_claims(redix):
    seen = []

    def hook(client, cmd, argv):
        seen.append(argv)
    server = redix.server
    redix.admin.cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
    server.hooks_after_call.append(hook)
    try:
        reader = redix.connect()
        redix.block(reader, "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s",
                    ">")
        redix.admin.cmd("XADD", "s", "1-1", "f", "v")
        assert reader.reply() == served("s", [e("1-1")])
    finally:
        server.hooks_after_call.remove(hook)
    claims = [argv for argv in seen if argv[0] == b"XCLAIM"]
    assert seen[-2] == [b"XGROUP", b"CREATECONSUMER", b"s", b"g", b"alice"]
    assert len(claims) == 1
    claim = claims[0]
    assert claim[:6] == [b"XCLAIM", b"s", b"g", b"alice", b"0", b"1-1"]
    assert claim[6] == b"TIME" and claim[8:] == [b"RETRYCOUNT", b"1", b"FORCE", b"JUSTID",
                                                 b"LASTID", b"1-1"]


def test_client_unblock_ends_a_stream_wait(t):
    t.admin.cmd("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
    reader = t.connect()
    reader_id = t.client_id(reader)
    t.block(reader, "XREAD", "BLOCK", "0", "STREAMS", "s", "$")
    assert t.admin.cmd("CLIENT", "UNBLOCK", str(reader_id)) == b":1\r\n"
    assert reader.reply() == b"*-1\r\n"
    t.block(reader, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">")
    assert t.admin.cmd("CLIENT", "UNBLOCK", str(reader_id), "ERROR") == b":1\r\n"
    assert reader.reply() == err("UNBLOCKED client unblocked via CLIENT UNBLOCK")
    assert t.admin.cmd("XINFO", "CONSUMERS", "s", "g") == b"*0\r\n"
