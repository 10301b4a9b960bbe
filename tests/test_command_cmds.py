"""COMMAND and its subcommands, compared byte for byte with a real redis-server.

Redis lists a container's subcommands in its own hash order, which changes from
process to process; container entries are therefore compared with their
subcommands sorted (``split_container``), everything else as raw bytes.
"""
import pytest

from redix.commands import keyspecs
from redix.commands.command_cmds import _split
from redix.commands.registry import _META, Command
from tests.conftest import RawConnection
from tests.differential import Differ
from tests.wire import server_fixture  # noqa: F401  (fixtures)


srv = server_fixture()


@pytest.fixture
def c(srv):
    conn = RawConnection(srv.port)
    yield conn
    conn.close()


def array_len(reply: bytes) -> int:
    return int(reply[1:reply.index(b"\r\n")])


PLAIN = ["get", "set", "ping", "echo", "del", "exists", "dbsize", "select", "hello", "auth",
         "info", "time", "lastsave", "monitor", "shutdown", "debug", "flushall", "quit", "reset"]


def test_count_and_full_listing_agree(c):
    count = int(c.cmd("COMMAND", "COUNT")[1:-2])
    assert count == array_len(c.cmd("COMMAND"))
    names = c.cmd("COMMAND", "LIST")
    assert array_len(names) > count                          # subcommands are listed too
    for name in (b"$6\r\nclient\r\n", b"$11\r\nclient|kill\r\n", b"$14\r\nclient|setinfo\r\n",
                 b"$3\r\nget\r\n"):
        assert name in names
    assert b"client|tracking" not in names                    # not implemented here
    assert c.cmd("COMMAND", "COUNT", "x") == \
        b"-ERR wrong number of arguments for 'command|count' command\r\n"
    assert c.cmd("COMMAND", "FOO") == b"-ERR unknown subcommand 'FOO'. Try COMMAND HELP.\r\n"


def test_info_and_docs_bytes_equal_redis(srv, oracle):
    for resp3 in (False, True):
        Differ(srv.port, oracle.port).assert_same([
            ["COMMAND", "INFO", *PLAIN], ["COMMAND", "INFO", "get", "nonexistent", "GET"],
            ["COMMAND", "DOCS", *PLAIN], ["COMMAND", "DOCS", "nonexistent", "Set"],
            ["COMMAND", "DOCS", "nonexistent"], ["COMMAND", "INFO", "nonexistent"],
            ["COMMAND", "INFO", "config|get", "CLIENT|LIST", "client|nope"],
            ["COMMAND", "DOCS", "config|get", "client|kill", "slowlog|get"],
            ["COMMAND", "HELP"],
        ], resp3=resp3)


def entry_of(reply: bytes, name: bytes, docs: bool) -> bytes:
    """The single entry of a ``COMMAND INFO|DOCS name`` reply."""
    if docs:
        head = reply[:reply.index(b"\r\n") + 2] + b"$%d\r\n%s\r\n" % (len(name), name)
    else:
        head = reply[:reply.index(b"\r\n") + 2]
    assert reply.startswith(head)
    return reply[len(head):]


@pytest.mark.parametrize("container", [b"config", b"command", b"slowlog", b"memory"])
def test_fully_implemented_containers_equal_redis_up_to_order(srv, oracle, container):
    for resp3 in (False, True):
        for which in (b"INFO", b"DOCS"):
            mine, theirs = same_order_free(srv.port, oracle.port, which, container, resp3)
            assert mine == theirs


def same_order_free(port_a, port_b, which, container, resp3):
    out = []
    for port in (port_a, port_b):
        conn = RawConnection(port)
        if resp3:
            conn.cmd("HELLO", "3")
        entry = entry_of(conn.cmd("COMMAND", which, container), container, which == b"DOCS")
        prefix, mark, items = _split(entry, which == b"DOCS")
        out.append((prefix, mark, sorted(items)))
        conn.close()
    return out


def test_partial_container_lists_only_implemented_subcommands(c):
    for which, docs in ((b"INFO", False), (b"DOCS", True)):
        _, mark, items = _split(entry_of(c.cmd("COMMAND", which, "client"), b"client", docs), docs)
        names = {name for name, _ in items}
        assert {b"client|list", b"client|kill", b"client|setinfo", b"client|no-touch"} <= names
        assert b"client|unblock" in names
        assert not names & {b"client|tracking", b"client|caching"}
    c.cmd("HELLO", "3")
    info = c.cmd("COMMAND", "INFO", "client|setinfo")
    assert info == (b"*1\r\n*10\r\n$14\r\nclient|setinfo\r\n:4\r\n~3\r\n+noscript\r\n"
                    b"+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n~2\r\n+@slow\r\n+@connection\r\n"
                    b"~0\r\n~0\r\n~0\r\n")
    docs = c.cmd("COMMAND", "DOCS", "client|setinfo")
    assert docs.startswith(b"%1\r\n$14\r\nclient|setinfo\r\n%5\r\n$7\r\nsummary\r\n")
    assert b"$5\r\nsince\r\n$5\r\n7.2.0\r\n" in docs


GETKEYS_CASES = [
    ["COMMAND", "GETKEYS", "set", "a", "b"], ["COMMAND", "GETKEYS", "set", "a", "b", "GET"],
    ["COMMAND", "GETKEYSANDFLAGS", "set", "a", "b"],
    ["COMMAND", "GETKEYSANDFLAGS", "set", "a", "b", "get"],
    ["COMMAND", "GETKEYS", "GET", "k"], ["COMMAND", "GETKEYS", "del", "a", "b", "c"],
    ["COMMAND", "GETKEYSANDFLAGS", "del", "a", "b"], ["COMMAND", "GETKEYS", "exists", "a"],
    ["COMMAND", "GETKEYS"], ["COMMAND", "GETKEYS", "foo"], ["COMMAND", "GETKEYS", "get"],
    ["COMMAND", "GETKEYS", "ping", "x"], ["COMMAND", "GETKEYS", "client", "kill", "x"],
    ["COMMAND", "GETKEYS", "config", "get", "x"], ["COMMAND", "GETKEYS", "client", "nope"],
    ["COMMAND", "GETKEYS", "nope", "nope"], ["COMMAND", "GETKEYS", "get", "a", "b"],
    ["COMMAND", "GETKEYS", "set", "a"], ["COMMAND", "GETKEYS", "config", "x"],
    ["COMMAND", "LIST", "FILTERBY", "ACLCAT", "nope"],
    ["COMMAND", "LIST", "FILTERBY", "MODULE", "x"],
    ["COMMAND", "LIST", "FILTERBY", "foo", "x"], ["COMMAND", "LIST", "FILTERBY"],
    ["COMMAND", "LIST", "x"], ["COMMAND", "LIST", "FILTERBY", "PATTERN", "nothing*"],
]


def test_getkeys_and_list_errors_equal_redis(srv, oracle):
    Differ(srv.port, oracle.port).assert_same(GETKEYS_CASES)
    Differ(srv.port, oracle.port).assert_same(GETKEYS_CASES, resp3=True)


def test_list_filters(c):
    pattern = c.cmd("COMMAND", "LIST", "FILTERBY", "PATTERN", "CLIENT|L*")
    assert pattern == b"*1\r\n$11\r\nclient|list\r\n"
    acl = c.cmd("COMMAND", "LIST", "FILTERBY", "ACLCAT", "CONNECTION")
    assert b"$4\r\nping\r\n" in acl and b"$11\r\nclient|list\r\n" in acl
    assert b"$3\r\nget\r\n" not in acl
    assert c.cmd("COMMAND", "LIST", "FILTERBY", "MODULE", "x") == b"*0\r\n"


# Key specs are data: check the extraction against Redis on commands Redix may not
# implement yet, straight through the module (GETKEYS on Redix only knows its own).
KEYSPEC_CASES = [
    ["mset", "a", "b", "c"], ["mset", "a", "1", "b", "2"], ["eval", "x", "2", "a", "b", "c"],
    ["eval", "x", "0"], ["eval", "x", "5", "a"], ["zunionstore", "d", "2", "a", "b"],
    ["zunionstore", "d", "5", "a"], ["lmove", "a", "b", "left", "right"],
    ["xread", "count", "1", "streams", "a", "0"], ["xread", "streams", "a", "b", "0", "0"],
    ["xread", "a", "b", "streams"], ["sort", "a", "store", "b", "by", "x"],
    ["sort", "a", "limit", "0", "1", "get", "#", "store", "d"], ["sort_ro", "a", "by", "x"],
    ["bitfield", "a", "get", "u8", "0"], ["bitfield", "a", "set", "u8", "0", "1"],
    ["migrate", "h", "1", "k", "0", "5"], ["migrate", "h", "1", "", "0", "5", "keys", "a", "b"],
    ["migrate", "h", "1", "", "0", "5", "auth", "keys", "keys", "a"],
    ["lmpop", "2", "a", "b", "left"], ["lmpop", "5", "a", "b", "left"],
    ["georadius", "a", "1", "2", "3", "m", "store", "x"], ["object", "encoding", "k"],
    ["blpop", "a", "b", "0"], ["rename", "a", "b"], ["msetnx", "a", "1"],
    ["xreadgroup", "group", "g", "c", "streams", "s1", "s2", ">", ">"], ["set", "a", "b", "GET"],
    ["spublish", "ch", "m"], ["sintercard", "2", "a", "b", "limit", "1"],
]


def test_key_extraction_follows_redis(oracle):
    conn = RawConnection(oracle.port)
    try:
        for argv in KEYSPEC_CASES:
            name, meta = argv[0], _META[argv[0]]
            if meta["subcommands"]:
                name = f"{argv[0]}|{argv[1]}"
                meta = meta["subcommands"][name]
            cmd = Command(name, meta)
            target = [a.encode() for a in argv]
            theirs = conn.cmd("COMMAND", "GETKEYSANDFLAGS", *argv)
            if not keyspecs.has_keys(cmd):
                assert theirs == b"-ERR The command has no key arguments\r\n", argv
                continue
            refs = keyspecs.key_refs(cmd, target)
            if not refs:
                expected = b"*0\r\n" if "no_mandatory_keys" in cmd.flags else \
                    b"-ERR Invalid arguments specified for command\r\n"
                assert theirs == expected, argv
                continue
            mine = b"*%d\r\n" % len(refs) + b"".join(
                b"*2\r\n$%d\r\n%s\r\n*%d\r\n" % (len(target[pos]), target[pos], len(flags))
                + b"".join(b"+%s\r\n" % f.encode() for f in flags) for pos, flags in refs)
            assert mine == theirs, argv
    finally:
        conn.close()
