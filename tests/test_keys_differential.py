"""Keyspace and expiry commands, Redix against a real redis-server: same commands,
same reply bytes.  Skipped when ``redis-server`` is not installed.

Replies that depend on hash order (KEYS, SCAN, RANDOMKEY) are compared as
sets over full iterations; cursors themselves are opaque and differ.
"""
import time

import pytest

pytestmark = pytest.mark.differential


def test_errors_and_integer_replies(pair):
    pair.script("""
        SET k v
        EXPIRE k 100 NX XX
        EXPIRE k 100 GT LT
        EXPIRE k 100 nx gt
        EXPIRE k 100 foo
        EXPIRE k abc
        EXPIRE k abc foo
        EXPIRE nokey 10 nx xx
        EXPIRE k 9223372036854775807
        EXPIRE k 9223372036854775
        EXPIRE k -9223372036854775808
        PEXPIRE k 9223372036854775807
        EXPIREAT k 9223372036854775807
        EXPIRE k 100 GT
        TTL k
        EXPIRE k 100 LT
        TTL k
        EXPIRE k 50 lt
        EXPIRE k 40 nx
        EXPIRE k 40 xx
        TTL k
        PERSIST k
        PERSIST k
        EXPIRE k 40 xx
        EXPIRE k -1 xx
        EXISTS k
        EXPIRE k -1
        EXISTS k
        RENAME nokey b
        RENAME nokey nokey
        SET a 1
        RENAME a a
        RENAMENX a a
        RENAMENX nokey a
        SET b 2
        RENAMENX a b
        RENAMENX a c
        MOVE c 0
        MOVE nokey 0
        MOVE c abc
        MOVE c 16
        MOVE c -1
        MOVE c 4294967296
        MOVE c 9223372036854775808
        MOVE c 1
        MOVE c 1
        COPY b b
        COPY b b2
        COPY b b2
        COPY b b2 REPLACE
        COPY b b2 DB
        COPY b b2 FOO
        COPY b b2 FOO DB abc
        COPY b b2 DB abc FOO
        COPY b b2 DB 16 FOO
        COPY b b2 DB 4294967296
        COPY nokey x
        COPY b b DB 1
        COPY b b DB 1
        SWAPDB 0 1
        SWAPDB 0 16
        SWAPDB abc 1
        SWAPDB -1 abc
        SWAPDB -1 0
        SWAPDB 4294967296 0
        DBSIZE
        TOUCH a b nokey b
        TYPE b
        TYPE nokey
        DEL b b nokey
        UNLINK c
        FLUSHDB foo
        FLUSHALL ASYNC extra
        FLUSHDB ASYNC
        DBSIZE
        RANDOMKEY
    """)


def test_arity_and_subcommand_errors(pair):
    pair.script("""
        DEL
        EXISTS
        TYPE
        TYPE a b
        KEYS
        SCAN
        RANDOMKEY x
        RENAME a
        MOVE a
        COPY a
        EXPIRE a
        TTL
        PERSIST
        SWAPDB 0
        DBSIZE x
        OBJECT
        OBJECT foo
        OBJECT ENCODING
        OBJECT HELP x
        OBJECT HELP
    """)


def test_scan_argument_parsing(pair):
    pair.script("""
        SCAN abc
        SCAN 18446744073709551616
        SCAN -18446744073709551616
        SCAN +
        SCAN -
        SCAN 0x1
        SCAN abc COUNT 0
        SCAN 0 COUNT 0
        SCAN 0 COUNT -1
        SCAN 0 COUNT abc
        SCAN 0 COUNT 9223372036854775808
        SCAN 0 MATCH
        SCAN 0 TYPE
        SCAN 0 FOO bar
        SCAN 0 COUNT 5 MATCH * TYPE string
        SCAN 0 TYPE foo
    """)
    for cursor in (b"", b"\x00", b" 1", b"1 ", b"-0"):
        pair.same("SCAN", cursor)


@pytest.mark.parametrize("value", ["0", "100", "9999", "10000", "-5", "-0", "007",
                                   "9223372036854775807", "9223372036854775808",
                                   "-9223372036854775808", "-9223372036854775809", "1.5", "",
                                   "x" * 44, "x" * 45, "12345678901234567890"])
def test_object_encoding_and_refcount(pair, value):
    pair.same("SET", "k", value)
    pair.same("OBJECT", "ENCODING", "k")
    pair.same("OBJECT", "REFCOUNT", "k")
    pair.same("OBJECT", "FREQ", "k")
    pair.same("OBJECT", "IDLETIME", "nokey")


def test_expiretime_with_absolute_times(pair):
    at = int(time.time()) + 5000
    pair.same("SET", "k", "v")
    pair.same("EXPIREAT", "k", str(at))
    pair.same("EXPIRETIME", "k")
    pair.same("PEXPIRETIME", "k")
    pair.same("PEXPIREAT", "k", str(at * 1000 + 499))
    pair.same("EXPIRETIME", "k")
    pair.same("PEXPIREAT", "k", str(at * 1000 + 500))
    pair.same("EXPIRETIME", "k")
    pair.same("EXPIREAT", "k", str(at), "GT")
    pair.same("EXPIREAT", "k", str(at), "LT")
    pair.same("PEXPIRETIME", "k")
    pair.same("RENAME", "k", "k2")
    pair.same("PEXPIRETIME", "k2")
    pair.same("COPY", "k2", "k3", "DB", "3")
    pair.same("MOVE", "k2", "2")
    pair.same("SELECT", "2")
    pair.same("PEXPIRETIME", "k2")
    pair.same("SWAPDB", "2", "3")
    pair.same("PEXPIRETIME", "k2")
    pair.same("PEXPIRETIME", "k3")
    pair.same("EXPIRETIME", "nokey")


def test_resp3_shapes(pair):
    pair.real.cmd("HELLO", "3")             # the client ids in the replies differ
    pair.redix.cmd("HELLO", "3")
    pair.script("""
        RANDOMKEY
        OBJECT ENCODING nokey
        OBJECT REFCOUNT nokey
        TYPE nokey
        SCAN 0
        KEYS *
        SET k v
        TYPE k
        SCAN 0
        OBJECT HELP
        RENAMENX k k
        TTL k
        COPY k k2
    """)


def _iterate(conn, *options):
    cursor, seen = b"0", []
    while True:
        parts = conn.cmd("SCAN", cursor, *options).split(b"\r\n")
        cursor = parts[2]
        seen += parts[5:-1:2]
        if cursor == b"0":
            return sorted(seen)


def _keys(conn, pattern):
    return sorted(conn.cmd("KEYS", pattern).split(b"\r\n")[2:-1:2])


@pytest.mark.parametrize("pattern", ["*", "**", "user:*", "user:?", "*:1*", "[a-u]*:[0-4]",
                                     "[^u]*", "item:\\*", "", "?*"])
def test_keys_and_scan_match_agree(pair, pattern):
    keys = [f"user:{i}" for i in range(40)] + [f"item:{i}" for i in range(40)] + \
        ["item:*", "", "x", "user:"]
    for key in keys:
        pair.same("SET", key, "v")
    assert _keys(pair.redix, pattern) == _keys(pair.real, pattern)
    for options in (("MATCH", pattern), ("MATCH", pattern, "COUNT", "3"),
                    ("MATCH", pattern, "TYPE", "string"), ("MATCH", pattern, "TYPE", "hash")):
        assert _iterate(pair.redix, *options) == _iterate(pair.real, *options), options


def test_expired_keys_vanish_from_keys_scan_and_randomkey(pair):
    for i in range(20):
        pair.same("SET", f"gone{i}", "v", "PX", "20")
    pair.same("SET", "stays", "v")
    time.sleep(0.08)
    assert _keys(pair.redix, "*") == _keys(pair.real, "*") == [b"stays"]
    assert _iterate(pair.redix) == _iterate(pair.real) == [b"stays"]
    pair.same("RANDOMKEY")
    pair.same("DBSIZE")
