"""Keyspace commands over the wire: DEL, EXISTS, TYPE, KEYS, SCAN, RENAME, MOVE, COPY,
SWAPDB, TOUCH, OBJECT, FLUSH*.  Exact reply bytes, RESP2 and RESP3.

Every literal error and reply below was checked against redis-server 7.0.15.
"""
import time

import pytest


def test_del_unlink_exists_count_each_key(raw):
    assert raw.cmd("SET", "a", "1") == b"+OK\r\n"
    assert raw.cmd("SET", "b", "2") == b"+OK\r\n"
    assert raw.cmd("EXISTS", "a", "a", "b", "nokey") == b":3\r\n"
    assert raw.cmd("DEL", "a", "a", "nokey") == b":1\r\n"
    assert raw.cmd("EXISTS", "a") == b":0\r\n"
    assert raw.cmd("UNLINK", "b", "b") == b":1\r\n"
    assert raw.cmd("UNLINK", "b") == b":0\r\n"
    assert raw.cmd("DEL") == b"-ERR wrong number of arguments for 'del' command\r\n"
    assert raw.cmd("EXISTS") == b"-ERR wrong number of arguments for 'exists' command\r\n"


def test_touch_counts_existing(raw):
    raw.cmd("SET", "k", "v")
    assert raw.cmd("TOUCH", "k", "nokey", "k") == b":2\r\n"


def test_type(raw):
    raw.cmd("SET", "s", "v")
    assert raw.cmd("TYPE", "s") == b"+string\r\n"
    assert raw.cmd("TYPE", "nokey") == b"+none\r\n"
    raw.cmd("HELLO", "3")
    assert raw.cmd("TYPE", "s") == b"+string\r\n"
    assert raw.cmd("TYPE", "nokey") == b"+none\r\n"


def test_dbsize_and_flushdb_flushall(raw):
    for i in range(5):
        raw.cmd("SET", f"k{i}", "v")
    assert raw.cmd("DBSIZE") == b":5\r\n"
    raw.cmd("SELECT", "3")
    raw.cmd("SET", "other", "v")
    assert raw.cmd("FLUSHDB", "foo") == b"-ERR syntax error\r\n"
    assert raw.cmd("FLUSHDB", "ASYNC") == b"+OK\r\n"
    assert raw.cmd("DBSIZE") == b":0\r\n"
    raw.cmd("SELECT", "0")
    assert raw.cmd("DBSIZE") == b":5\r\n"
    assert raw.cmd("FLUSHALL", "sync", "extra") == b"-ERR syntax error\r\n"
    assert raw.cmd("FLUSHALL", "SYNC") == b"+OK\r\n"
    assert raw.cmd("DBSIZE") == b":0\r\n"


def test_flush_drops_ttls(raw):
    raw.cmd("SET", "k", "v", "EX", "100")
    raw.cmd("FLUSHDB")
    raw.cmd("SET", "k", "v")
    assert raw.cmd("TTL", "k") == b":-1\r\n"


def test_keys_patterns_and_empty_key(raw):
    for key in ("hello", "hallo", "hxllo", "hllo", "heeeello", ""):
        raw.cmd("SET", key, "v")
    def keys(pattern):
        reply = raw.cmd("KEYS", pattern)
        return sorted(reply.split(b"\r\n")[2:-1:2])
    assert keys("h?llo") == [b"hallo", b"hello", b"hxllo"]
    assert keys("h*llo") == [b"hallo", b"heeeello", b"hello", b"hllo", b"hxllo"]
    assert keys("h[ae]llo") == [b"hallo", b"hello"]
    assert keys("h[^e]llo") == [b"hallo", b"hxllo"]
    assert keys("h[a-b]llo") == [b"hallo"]
    # '*' alone lists the empty key too; any other pattern never matches it.
    assert keys("*") == [b"", b"hallo", b"heeeello", b"hello", b"hllo", b"hxllo"]
    assert b"$0\r\n\r\n" not in raw.cmd("KEYS", "**")
    assert raw.cmd("KEYS", "nomatch*") == b"*0\r\n"
    assert raw.cmd("KEYS") == b"-ERR wrong number of arguments for 'keys' command\r\n"


def test_keys_skips_expired(raw):
    raw.cmd("SET", "live", "v")
    raw.cmd("SET", "gone", "v", "PX", "20")
    time.sleep(0.06)
    assert raw.cmd("KEYS", "*") == b"*1\r\n$4\r\nlive\r\n"


def test_randomkey(raw):
    assert raw.cmd("RANDOMKEY") == b"$-1\r\n"
    raw.cmd("SET", "only", "v")
    assert raw.cmd("RANDOMKEY") == b"$4\r\nonly\r\n"
    for i in range(20):
        raw.cmd("SET", f"k{i}", "v")
    seen = {raw.cmd("RANDOMKEY") for _ in range(200)}
    assert len(seen) > 5
    raw.cmd("FLUSHDB")
    raw.cmd("HELLO", "3")
    assert raw.cmd("RANDOMKEY") == b"_\r\n"


def test_randomkey_skips_and_reclaims_expired_keys(raw):
    for i in range(50):
        raw.cmd("SET", f"dead{i}", "v", "PX", "10")
    raw.cmd("SET", "alive", "v")
    time.sleep(0.05)
    assert raw.cmd("RANDOMKEY") == b"$5\r\nalive\r\n"


# --- SCAN -----------------------------------------------------------------------------

def scan_all(raw, *options):
    """A full iteration: (keys seen, calls made)."""
    cursor, seen, calls = b"0", [], 0
    while True:
        reply = raw.cmd("SCAN", cursor, *options)
        calls += 1
        parts = reply.split(b"\r\n")
        cursor = parts[2]
        seen += parts[5:-1:2]
        if cursor == b"0":
            return seen, calls


def test_scan_reply_shape_resp2_and_resp3(raw):
    raw.cmd("SET", "k", "v")
    assert raw.cmd("SCAN", "0") == b"*2\r\n$1\r\n0\r\n*1\r\n$1\r\nk\r\n"
    raw.cmd("HELLO", "3")
    assert raw.cmd("SCAN", "0") == b"*2\r\n$1\r\n0\r\n*1\r\n$1\r\nk\r\n"
    raw.cmd("FLUSHDB")
    assert raw.cmd("SCAN", "0") == b"*2\r\n$1\r\n0\r\n*0\r\n"


def test_scan_full_iteration_count_match_type(raw):
    for i in range(300):
        raw.cmd("SET", f"user:{i}", "v")
        raw.cmd("SET", f"item:{i}", "v")
    keys, calls = scan_all(raw, "COUNT", "7")
    assert set(keys) == {f"{p}:{i}".encode() for p in ("user", "item") for i in range(300)}
    assert calls >= 600 // 7
    keys, _ = scan_all(raw, "MATCH", "user:1*", "COUNT", "50")
    assert set(keys) == {f"user:{i}".encode() for i in range(300) if str(i).startswith("1")}
    keys, _ = scan_all(raw, "TYPE", "STRING", "COUNT", "1000")
    assert len(set(keys)) == 600
    assert scan_all(raw, "TYPE", "list")[0] == []
    assert scan_all(raw, "TYPE", "nosuchtype")[0] == []


def test_scan_count_bounds_each_reply(raw):
    for i in range(100):
        raw.cmd("SET", f"k{i}", "v")
    cursor = b"0"
    while True:
        parts = raw.cmd("SCAN", cursor, "COUNT", "10").split(b"\r\n")
        assert int(parts[3][1:]) <= 10
        cursor = parts[2]
        if cursor == b"0":
            break


def test_scan_skips_expired_keys(raw):
    raw.cmd("SET", "live", "v")
    for i in range(10):
        raw.cmd("SET", f"dead{i}", "v", "PX", "10")
    time.sleep(0.05)
    assert scan_all(raw, "COUNT", "100")[0] == [b"live"]


def test_scan_argument_errors(raw):
    assert raw.cmd("SCAN", "abc") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("SCAN", " 1") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("SCAN", "1 ") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("SCAN", "18446744073709551616") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("SCAN", "+") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("SCAN", "abc", "COUNT", "0") == b"-ERR invalid cursor\r\n"
    assert raw.cmd("SCAN", "0", "COUNT", "0") == b"-ERR syntax error\r\n"
    assert raw.cmd("SCAN", "0", "COUNT", "-1") == b"-ERR syntax error\r\n"
    assert raw.cmd("SCAN", "0", "COUNT", "x") == \
        b"-ERR value is not an integer or out of range\r\n"
    assert raw.cmd("SCAN", "0", "MATCH") == b"-ERR syntax error\r\n"
    assert raw.cmd("SCAN", "0", "TYPE") == b"-ERR syntax error\r\n"
    assert raw.cmd("SCAN", "0", "FOO", "bar") == b"-ERR syntax error\r\n"
    assert raw.cmd("SCAN") == b"-ERR wrong number of arguments for 'scan' command\r\n"


@pytest.mark.parametrize("cursor", [b"", b"+0", b"-0", b"000", b"-1", b"18446744073709551615",
                                    b"-18446744073709551615", b"7\x00junk"])
def test_scan_accepts_cursors_as_strtoul_does(raw, cursor):
    assert raw.cmd("SCAN", cursor).startswith(b"*2\r\n$")


def test_scan_last_option_wins(raw):
    raw.cmd("SET", "a", "v")
    assert raw.cmd("SCAN", "0", "MATCH", "zzz", "MATCH", "*", "COUNT", "1", "COUNT", "5") == \
        b"*2\r\n$1\r\n0\r\n*1\r\n$1\r\na\r\n"


# --- RENAME, MOVE, COPY, SWAPDB ----------------------------------------------------------

def test_rename(raw):
    assert raw.cmd("RENAME", "nokey", "b") == b"-ERR no such key\r\n"
    assert raw.cmd("RENAME", "nokey", "nokey") == b"-ERR no such key\r\n"
    raw.cmd("SET", "a", "1", "EX", "100")
    raw.cmd("SET", "b", "2")
    assert raw.cmd("RENAME", "a", "a") == b"+OK\r\n"
    assert raw.cmd("RENAME", "a", "b") == b"+OK\r\n"
    assert raw.cmd("EXISTS", "a") == b":0\r\n"
    assert raw.cmd("GET", "b") == b"$1\r\n1\r\n"
    assert raw.cmd("TTL", "b") == b":100\r\n"
    raw.cmd("SET", "c", "3")
    assert raw.cmd("RENAME", "c", "b") == b"+OK\r\n"
    assert raw.cmd("TTL", "b") == b":-1\r\n"


def test_renamenx(raw):
    assert raw.cmd("RENAMENX", "nokey", "b") == b"-ERR no such key\r\n"
    raw.cmd("SET", "a", "1")
    raw.cmd("SET", "b", "2")
    assert raw.cmd("RENAMENX", "a", "b") == b":0\r\n"
    assert raw.cmd("RENAMENX", "a", "a") == b":0\r\n"
    assert raw.cmd("RENAMENX", "a", "c") == b":1\r\n"
    assert raw.cmd("GET", "c") == b"$1\r\n1\r\n"
    assert raw.cmd("GET", "b") == b"$1\r\n2\r\n"


def test_rename_over_expired_destination(raw):
    raw.cmd("SET", "a", "1")
    raw.cmd("SET", "b", "2", "PX", "10")
    time.sleep(0.05)
    assert raw.cmd("RENAMENX", "a", "b") == b":1\r\n"


def test_move(raw):
    raw.cmd("SET", "k", "v", "EX", "100")
    assert raw.cmd("MOVE", "k", "0") == b"-ERR source and destination objects are the same\r\n"
    assert raw.cmd("MOVE", "nokey", "0") == b"-ERR source and destination objects are the same\r\n"
    assert raw.cmd("MOVE", "k", "16") == b"-ERR DB index is out of range\r\n"
    assert raw.cmd("MOVE", "k", "-1") == b"-ERR DB index is out of range\r\n"
    assert raw.cmd("MOVE", "k", "x") == b"-ERR value is not an integer or out of range\r\n"
    assert raw.cmd("MOVE", "k", "4294967296") == \
        b"-ERR value is out of range, value must between -2147483648 and 2147483647\r\n"
    assert raw.cmd("MOVE", "nokey", "1") == b":0\r\n"
    assert raw.cmd("MOVE", "k", "1") == b":1\r\n"
    assert raw.cmd("EXISTS", "k") == b":0\r\n"
    raw.cmd("SELECT", "1")
    assert raw.cmd("GET", "k") == b"$1\r\nv\r\n"
    assert raw.cmd("TTL", "k") == b":100\r\n"
    raw.cmd("SELECT", "0")
    raw.cmd("SET", "k", "here")
    assert raw.cmd("MOVE", "k", "1") == b":0\r\n"
    assert raw.cmd("GET", "k") == b"$4\r\nhere\r\n"


def test_copy(raw):
    raw.cmd("SET", "src", "v", "EX", "100")
    assert raw.cmd("COPY", "src", "dst") == b":1\r\n"
    assert raw.cmd("GET", "dst") == b"$1\r\nv\r\n"
    assert raw.cmd("TTL", "dst") == b":100\r\n"
    assert raw.cmd("COPY", "src", "dst") == b":0\r\n"
    raw.cmd("SET", "src", "w")
    assert raw.cmd("COPY", "src", "dst", "REPLACE") == b":1\r\n"
    assert raw.cmd("GET", "dst") == b"$1\r\nw\r\n"
    assert raw.cmd("TTL", "dst") == b":-1\r\n"
    assert raw.cmd("COPY", "nokey", "dst") == b":0\r\n"
    assert raw.cmd("COPY", "src", "src") == b"-ERR source and destination objects are the same\r\n"
    assert raw.cmd("COPY", "nokey", "nokey", "DB", "0") == \
        b"-ERR source and destination objects are the same\r\n"
    assert raw.cmd("COPY", "src", "src", "DB", "1") == b":1\r\n"
    assert raw.cmd("COPY", "src", "src", "db", "1") == b":0\r\n"
    raw.cmd("SELECT", "1")
    assert raw.cmd("GET", "src") == b"$1\r\nw\r\n"


def test_copy_option_errors_in_redis_order(raw):
    raw.cmd("SET", "k", "v")
    assert raw.cmd("COPY", "k", "d", "DB") == b"-ERR syntax error\r\n"
    assert raw.cmd("COPY", "k", "d", "FOO") == b"-ERR syntax error\r\n"
    assert raw.cmd("COPY", "k", "d", "FOO", "DB", "x") == b"-ERR syntax error\r\n"
    assert raw.cmd("COPY", "k", "d", "DB", "x", "FOO") == \
        b"-ERR value is not an integer or out of range\r\n"
    assert raw.cmd("COPY", "k", "d", "DB", "16", "FOO") == b"-ERR DB index is out of range\r\n"
    assert raw.cmd("COPY", "nokey", "d", "DB", "-1") == b"-ERR DB index is out of range\r\n"
    assert raw.cmd("COPY", "k", "d", "DB", "4294967296") == \
        b"-ERR value is out of range, value must between -2147483648 and 2147483647\r\n"
    assert raw.cmd("COPY", "k", "d", "REPLACE", "REPLACE", "DB", "1", "DB", "2") == b":1\r\n"
    raw.cmd("SELECT", "2")
    assert raw.cmd("EXISTS", "d") == b":1\r\n"


def test_swapdb(raw):
    raw.cmd("SET", "in0", "a", "EX", "100")
    raw.cmd("SELECT", "1")
    raw.cmd("SET", "in1", "b")
    assert raw.cmd("SWAPDB", "0", "1") == b"+OK\r\n"
    assert raw.cmd("GET", "in0") == b"$1\r\na\r\n"
    assert raw.cmd("TTL", "in0") == b":100\r\n"
    assert raw.cmd("EXISTS", "in1") == b":0\r\n"
    raw.cmd("SELECT", "0")
    assert raw.cmd("GET", "in1") == b"$1\r\nb\r\n"
    assert raw.cmd("SWAPDB", "0", "0") == b"+OK\r\n"
    assert raw.cmd("SWAPDB", "x", "1") == b"-ERR invalid first DB index\r\n"
    assert raw.cmd("SWAPDB", "0", "x") == b"-ERR invalid second DB index\r\n"
    assert raw.cmd("SWAPDB", "-1", "x") == b"-ERR invalid second DB index\r\n"
    assert raw.cmd("SWAPDB", "4294967296", "0") == b"-ERR invalid first DB index\r\n"
    assert raw.cmd("SWAPDB", "0", "16") == b"-ERR DB index is out of range\r\n"
    assert raw.cmd("SWAPDB", "-1", "0") == b"-ERR DB index is out of range\r\n"


def test_swapdb_keeps_expiry_working(raw):
    raw.cmd("SELECT", "1")
    raw.cmd("SET", "k", "v", "PX", "30")
    raw.cmd("SWAPDB", "0", "1")
    raw.cmd("SELECT", "0")
    deadline = time.monotonic() + 2
    while raw.cmd("DBSIZE") != b":0\r\n":
        assert time.monotonic() < deadline
        time.sleep(0.01)


# --- OBJECT -----------------------------------------------------------------------------

OBJECT_HELP = (
    b"*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
    b"+ENCODING <key>\r\n"
    b"+    Return the kind of internal representation used in order to store the value\r\n"
    b"+    associated with a <key>.\r\n+FREQ <key>\r\n"
    b"+    Return the access frequency index of the <key>. The returned integer is\r\n"
    b"+    proportional to the logarithm of the recent access frequency of the key.\r\n"
    b"+IDLETIME <key>\r\n"
    b"+    Return the idle time of the <key>, that is the approximated number of\r\n"
    b"+    seconds elapsed since the last access to the key.\r\n+REFCOUNT <key>\r\n"
    b"+    Return the number of references of the value associated with the specified\r\n"
    b"+    <key>.\r\n+HELP\r\n+    Prints this help.\r\n")


def test_object_help_and_errors(raw):
    assert raw.cmd("OBJECT", "HELP") == OBJECT_HELP
    raw.cmd("HELLO", "3")
    assert raw.cmd("OBJECT", "help") == OBJECT_HELP
    assert raw.cmd("OBJECT") == b"-ERR wrong number of arguments for 'object' command\r\n"
    assert raw.cmd("OBJECT", "foo") == b"-ERR unknown subcommand 'foo'. Try OBJECT HELP.\r\n"
    assert raw.cmd("OBJECT", "ENCODING") == \
        b"-ERR wrong number of arguments for 'object|encoding' command\r\n"
    assert raw.cmd("OBJECT", "HELP", "x") == \
        b"-ERR wrong number of arguments for 'object|help' command\r\n"


@pytest.mark.parametrize("value,encoding", [
    ("100", b"int"), ("-5", b"int"), ("9223372036854775807", b"int"),
    ("9223372036854775808", b"embstr"), ("-0", b"embstr"), ("0123", b"embstr"),
    ("x" * 44, b"embstr"), ("x" * 45, b"raw"), ("", b"embstr"),
])
def test_object_encoding_of_strings(raw, value, encoding):
    raw.cmd("SET", "k", value)
    assert raw.cmd("OBJECT", "ENCODING", "k") == b"$%d\r\n%s\r\n" % (len(encoding), encoding)


def test_object_on_missing_key_is_null(raw):
    for sub in ("ENCODING", "REFCOUNT", "IDLETIME", "FREQ"):
        assert raw.cmd("OBJECT", sub, "nokey") == b"$-1\r\n"
    raw.cmd("HELLO", "3")
    for sub in ("ENCODING", "REFCOUNT", "IDLETIME", "FREQ"):
        assert raw.cmd("OBJECT", sub, "nokey") == b"_\r\n"


def test_object_refcount(raw):
    for value, refcount in (("0", b"2147483647"), ("9999", b"2147483647"), ("10000", b"1"),
                            ("09", b"1"), ("-5", b"1"), ("text", b"1")):
        raw.cmd("SET", "k", value)
        assert raw.cmd("OBJECT", "REFCOUNT", "k") == b":%s\r\n" % refcount, value


def test_object_freq_needs_lfu_policy(raw):
    raw.cmd("SET", "k", "v")
    assert raw.cmd("OBJECT", "FREQ", "k") == (
        b"-ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please "
        b"note that when switching between policies at runtime LRU and LFU data will take some "
        b"time to adjust.\r\n")


def test_object_idletime_grows_and_resets_on_access(raw):
    raw.cmd("SET", "read", "v")
    raw.cmd("SET", "peeked", "v")
    raw.cmd("SET", "idle", "v", "EX", "100")    # a database with TTLs takes GET's slow path
    assert raw.cmd("OBJECT", "IDLETIME", "read") == b":0\r\n"
    time.sleep(1.2)     # the access clock has one-second resolution, as in Redis
    for key in ("read", "peeked", "idle"):
        assert raw.cmd("OBJECT", "IDLETIME", key) != b":0\r\n"
    # Reads count as access; TYPE, EXISTS, TTL and OBJECT itself do not.
    raw.cmd("GET", "read")
    for cmd in ("TYPE", "EXISTS", "TTL", "PTTL"):
        raw.cmd(cmd, "peeked")
    raw.cmd("OBJECT", "ENCODING", "peeked")
    assert raw.cmd("OBJECT", "IDLETIME", "read") == b":0\r\n"
    assert raw.cmd("OBJECT", "IDLETIME", "peeked") != b":0\r\n"
    raw.cmd("TOUCH", "peeked")
    assert raw.cmd("OBJECT", "IDLETIME", "peeked") == b":0\r\n"
    raw.cmd("EXPIRE", "idle", "200")        # writes count too
    assert raw.cmd("OBJECT", "IDLETIME", "idle") == b":0\r\n"


def test_object_idletime_on_the_get_fast_path(raw):
    raw.cmd("SET", "k", "v")                # no TTL anywhere: GET's dict fast path
    time.sleep(1.2)
    assert raw.cmd("OBJECT", "IDLETIME", "k") != b":0\r\n"
    raw.cmd("GET", "k")
    assert raw.cmd("OBJECT", "IDLETIME", "k") == b":0\r\n"
