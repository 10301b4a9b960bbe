"""Differential tests of the core: Redix against a real redis-server, byte for byte.

PING, ECHO, SET, GET, DEL, EXISTS; error replies (arity, unknown commands,
syntax); inline commands; malformed RESP, where both the error line and
the connection being closed must match; and reproducible random sequences.
"""
import pytest

from tests.differential import (
    CLOSED, TIMEOUT, Differ, Raw, Step, random_sequence, sort_array, sub,
)

pytestmark = pytest.mark.differential



@pytest.mark.parametrize("resp3", [False, True], ids=["resp2", "resp3"])
def test_ping_echo(assert_same, resp3):
    assert_same([["PING"], ["ping", "hello"], ["PING", ""], ["PING", "a", "b"],
                 ["ECHO", "x y"], ["echo", b"\x00\xff\r\n"], ["ECHO", ""], ["ECHO"],
                 ["ECHO", "a", "b"]], resp3=resp3)


@pytest.mark.parametrize("resp3", [False, True], ids=["resp2", "resp3"])
def test_set_get_del_exists(assert_same, resp3):
    assert_same([
        ["GET", "k"], ["SET", "k", "v"], ["GET", "k"], ["set", "K", ""], ["GET", "K"],
        ["SET", b"bin\x00key", b"\xff\x00"], ["GET", b"bin\x00key"],
        ["EXISTS", "k"], ["EXISTS", "k", "k", "nope", "K"], ["DEL", "k", "k", "nope"],
        ["EXISTS", "k"], ["GET", "k"], ["DEL", "K", b"bin\x00key"], ["DEL", "K"],
        ["SET", "big", "x" * 100000], ["GET", "big"], ["DBSIZE"],
    ], resp3=resp3)


def test_set_options(assert_same):
    assert_same([
        ["SET", "k", "1", "NX"], ["SET", "k", "2", "NX"], ["GET", "k"],
        ["SET", "k", "3", "XX"], ["SET", "missing", "3", "XX"], ["GET", "missing"],
        ["SET", "k", "4", "GET"], ["SET", "k", "5", "nx", "get"], ["SET", "n", "5", "NX", "GET"],
        ["SET", "k", "6", "XX", "GET"], ["SET", "k", "7", "EX", "100"],
        ["SET", "k", "8", "KEEPTTL"], ["SET", "k", "9", "PX", "100000", "GET"],
        ["SET", "k", "v", "EXAT", "4102444800"], ["SET", "k", "v", "PXAT", "4102444800000"],
        ["SET", "k", "v", "pxat", "9223372036854775807"], ["GET", "k"],
    ])


def test_set_option_errors(assert_same):
    assert_same([
        ["SET", "k", "v", "EX", "0"], ["SET", "k", "v", "PX", "-5"], ["SET", "k", "v", "EX", "x"],
        ["SET", "k", "v", "EX", "1.5"], ["SET", "k", "v", "EX"], ["SET", "k", "v", "EXAT", "0"],
        ["SET", "k", "v", "EX", "9223372036854775807"],
        ["SET", "k", "v", "EXAT", "9223372036854775807"],
        ["SET", "k", "v", "EX", "1", "PX", "1"], ["SET", "k", "v", "NX", "XX"],
        ["SET", "k", "v", "KEEPTTL", "EX", "5"], ["SET", "k", "v", "EX", "5", "KEEPTTL"],
        ["SET", "k", "v", "BOGUS"], ["SET", "k", "v", "GET", "GET"], ["GET", "k"],
        # Syntax is checked before the expiry value; the same unit may repeat.
        ["SET", "k", "v", "EX", "x", "BOGUS"], ["SET", "k", "v", "EX", "0", "NX", "XX"],
        ["SET", "k", "v", "PX", "1", "PX", "x"], ["SET", "k", "v", "EX", "x", "EX", "100"],
        ["SET", "k", "v", "EX", "1", "EXAT", "5"], ["SET", "k", "v", "NX", "NX"],
        ["SET", "k", "v", "XX", "XX", "KEEPTTL", "KEEPTTL"], ["GET", "k"],
    ])


def test_wrong_arity(assert_same):
    assert_same([["GET"], ["GET", "a", "b"], ["SET", "a"], ["set"], ["DEL"], ["EXISTS"],
                 ["ECHO"], ["PING", "a", "b"], ["DBSIZE", "x"], ["Get"]])


def test_unknown_commands(assert_same):
    assert_same([
        ["FOO"], ["foo", "bar", "baz"], [""], ["x" * 300], [b"\x00\xff", b"\x01"],
        ["FOO", "a" * 200, "b c", b"\x00\x01", "d"], ["FOO", *["x"] * 30],
        ["FOO", "a b", "it's", 'say "hi"'],
        # Redis prints names and arguments with %s (a NUL ends them) and keeps an
        # error on one line (CR and LF become spaces).
        ["FOO", b"a\x00b", "c"], [b"F\x00OO", "x"], ["FOO", "a\r\nb"], [b"F\nO", "x"],
        ["FOO", b"\x00" * 5, "x" * 126, "y"],
    ])


@pytest.mark.parametrize("data,replies", [
    (b"PING\r\n", 1),
    (b" PING  \r\n", 1),
    (b"PING\n", 1),
    (b"\r\n\n\nPING\r\n", 1),
    (b"ECHO a\r\nget\r\n", 2),
    (b"set  k   v\r\nget k\r\n", 2),
    (b'SET a "b\\x41\\n"\r\nGET a\r\n', 2),
    (b"ECHO 'it s'\r\nECHO 'a\\'b'\r\n", 2),
    (b'ECHO "\\n\\r\\t\\b\\a\\\\\\""\r\nECHO "\\x4g"\r\nECHO "\\q"\r\n', 3),
    (b'ECHO a\tb\r\nECHO "a b" c\r\n""\r\n', 3),
    (b"$4\r\nPING\r\n", 2),
    (b"*1\r\n$4\r\nPING\r\nGET\r\n", 2),
], ids=["ping", "spaces", "lf-only", "blank-lines", "pipelined", "whitespace-runs",
        "hex-escape", "single-quotes", "escapes", "tabs-and-empty", "dollar-as-inline",
        "mixed-with-multibulk"])
def test_inline_commands(assert_same, data, replies):
    assert_same([Raw(data, replies)])


@pytest.mark.parametrize("resp3", [False, True], ids=["resp2", "resp3"])
def test_inline_commands_resp3(assert_same, resp3):
    assert_same([Raw(b"SET k v\r\nGET k\r\nGET nope\r\nECHO\r\n", 4)], resp3=resp3)


def case(name, sequence, marks=()):
    return pytest.param(sequence, id=name, marks=marks)


# Each case: what is sent, then how many replies to read.  The implicit final
# PING shows whether the connection was closed (it must be, after a protocol
# error) or is still usable.
PROTOCOL_CASES = [
    case("invalid-bulk-length", [Raw(b"*1\r\n$x\r\n")]),
    case("negative-bulk-length", [Raw(b"*1\r\n$-1\r\n")]),
    case("bulk-length-over-proto-max", [Raw(b"*1\r\n$536870913\r\n")]),
    case("bulk-length-high-byte", [Raw(b"*1\r\n$\xff\r\n")]),
    case("invalid-multibulk-length", [Raw(b"*x\r\n")]),
    case("multibulk-length-over-int", [Raw(b"*3000000000\r\n")]),
    case("expected-dollar", [Raw(b"*3\r\n$3\r\nSET\r\n$1\r\na\r\n:1\r\n")]),
    case("expected-dollar-after-wait", [Raw(b"*1\r\nx", 0), Raw(b"\r\n")]),
    case("unbalanced-quotes", [Raw(b'"unbalanced\r\n')]),
    case("closing-quote-not-followed-by-space", [Raw(b'ECHO "a"b\r\n')]),
    case("empty-quotes-then-text", [Raw(b'ECHO ""x\r\n')]),
    case("too-big-inline", [Raw(b"x" * 70000)]),
    case("too-big-multibulk-count", [Raw(b"*" + b"1" * 70000)]),
    case("too-big-bulk-count-after-header", [Raw(b"*1\r\n" + b"1" * 70000)],
         ),
    case("too-big-bulk-count", [Raw(b"*1\r\n$" + b"1" * 70000)]),
    case("error-after-good-command", [Raw(b"PING\r\n*1\r\n$x\r\n", 2)]),
    case("commands-before-error-run", [Raw(b"SET k v\r\n*1\r\n$-3\r\n", 2), ["GET", "k"]]),
    case("expected-dollar-high-byte", [Raw(b"*1\r\n\xff\r\n")]),
    case("expected-dollar-newline", [Raw(b"*1\r\r\n$4\r\nPING\r\n")]),
    case("garbage-after-header-70k", [Raw(b"*1\r\n" + b"x" * 70000)]),
]


@pytest.mark.parametrize("sequence", PROTOCOL_CASES)
def test_protocol_errors_reply_then_close(assert_same, sequence):
    replies = assert_same(sequence)
    # The oracle agreed; make sure the case really is a protocol error that hangs up.
    assert b"-ERR Protocol error: " in b"".join(replies)
    assert replies[-1] == CLOSED


# Malformed or partial input Redis tolerates: the connection stays usable.
TOLERATED_CASES = [
    case("partial-frame-completed", [Raw(b"*1\r\n$4\r\nPI", 0), Raw(b"NG\r\n")]),
    case("negative-multibulk-count", [Raw(b"*-1\r\n", 0), ["PING"]]),
    case("zero-multibulk-count", [Raw(b"*0\r\n", 0), ["PING"]]),
    case("empty-bulk-command", [Raw(b"*1\r\n$0\r\n\r\n")]),
    case("bulk-longer-than-declared", [Raw(b"*2\r\n$4\r\nECHO\r\n$3\r\nabcd\r\n")]),
    case("lf-ended-bulk-waits", [Raw(b"*1\r\n$4\r\nPING\n", 0)]),
    case("huge-multibulk-count-waits", [Raw(b"*1048577\r\n", 0)]),
    case("nul-hides-inline-line-end", [Raw(b"ECHO a\x00b\r\n", 0), Raw(b"PING\r\n")],
                 ),
    case("nul-hides-header-line-end", [Raw(b"*1\r\n$4\x00\r\nPING\r\n")],
                 ),
    case("vertical-tab-stays-in-token", [Raw(b"ECHO a\x0bb\r\nECHO a\x0cb\r\n", 2)],
                 ),
]


@pytest.mark.parametrize("sequence", TOLERATED_CASES)
def test_tolerated_malformed_input(assert_same, sequence):
    # Short timeout: a few cases expect the server to keep waiting for bytes.
    replies = assert_same(sequence, timeout=0.5)
    assert not any(r.endswith(CLOSED) for r in replies)


# --- random sequences -----------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(8))
def test_random_core_sequences(assert_same, seed):
    assert_same(random_sequence(seed, ["core"], length=60))


@pytest.mark.parametrize("seed", range(4))
def test_random_string_sequences(assert_same, seed):
    assert_same(random_sequence(seed, ["core", "strings"], length=60))


@pytest.mark.parametrize("seed", range(4))
def test_random_keyspace_sequences(assert_same, seed):
    assert_same(random_sequence(seed, ["core", "keys"], length=60))


def test_random_sequence_is_reproducible():
    assert random_sequence(3, ["core", "strings", "keys"]) == \
        random_sequence(3, ["core", "strings", "keys"])
    assert random_sequence(3, ["core"]) != random_sequence(4, ["core"])


# --- the harness itself -----------------------------------------------------------------------

def test_harness_reports_a_difference(redix_server, oracle):
    # The ports differ, so CLIENT LIST / CONFIG GET port replies cannot be equal.
    with pytest.raises(pytest.fail.Exception) as info:
        Differ(redix_server.port, oracle.port).assert_same(
            [["PING"], ["CONFIG", "GET", "port"]])
    text = str(info.value)
    assert "differ at step 1" in text
    assert "command: CONFIG GET port" in text
    assert "redix:" in text and "redis:" in text
    assert "!!   1 CONFIG GET port" in text


def test_harness_step_normalizer(redix_server, oracle):
    # Redis's reply to CONFIG GET port contains its own port; masking digits equalizes
    # two oracle runs, and the normalizer is what makes it pass.
    same = Differ(oracle.port, oracle.port)
    digits = sub(rb"\d+", b"N")
    same.assert_same([Step(["CONFIG", "GET", "port"], digits), ["CLIENT", "ID"]],
                     normalize={"client": digits})
    with pytest.raises(pytest.fail.Exception):
        same.assert_same([["CLIENT", "ID"]])


def test_harness_reports_closed_and_waiting_connections(oracle):
    same = Differ(oracle.port, oracle.port)
    assert same.assert_same([Raw(b"*1\r\n$x\r\n"), ["PING"]]) == \
        [b"-ERR Protocol error: invalid bulk length\r\n", CLOSED, CLOSED]
    assert same.assert_same([Raw(b"*1\r\n$4\r\nPI", 0), Raw(b"")], timeout=0.2) == \
        [b"", TIMEOUT, TIMEOUT]


def test_sort_array_normalizer():
    assert sort_array(b"*3\r\n$1\r\nb\r\n:1\r\n$1\r\na\r\n") == \
        b"*3\r\n$1\r\na\r\n$1\r\nb\r\n:1\r\n"
    assert sort_array(b"~2\r\n$1\r\nz\r\n$1\r\ny\r\n") == b"~2\r\n$1\r\ny\r\n$1\r\nz\r\n"
    assert sort_array(b"+OK\r\n") == b"+OK\r\n"
