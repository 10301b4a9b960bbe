"""The RESP twins side by side: the compiled module must behave exactly like ``_resp_py``.

Every behavioural test runs against both implementations (ids ``compiled`` and
``python``); the compiled one comes from ``python setup.py build_ext
--inplace`` and its tests are skipped, saying so, when it is not built.  The
property tests at the end feed the same random bytes to both and require the
same commands, errors and leftovers.  No server is needed: the expected
protocol-error texts and waits were taken from redis-server 7.0.15 (see
``test_resp_vs_redis.py`` for the live comparison).
"""
from __future__ import annotations

import __future__
import importlib
import os
import random
import re
import subprocess
import sys
import time
import types

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redix.errors import ProtocolError, protocol
from redix.protocol import _resp_py
from redix.protocol.replies import (
    NULL_ARRAY, BigNumber, ErrorReply, Preencoded, Push, Raw, SetReply, Simple, Verbatim,
)

try:
    _resp_c = importlib.import_module("redix.protocol._resp_c")
    _C_MISSING = ""
except ImportError as exc:
    _resp_c = None
    _C_MISSING = (f"compiled twin redix.protocol._resp_c not built ({exc}); "
                  "run: python setup.py build_ext --inplace")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MiB = 1024 * 1024


def _impl(name):
    if name == "python":
        return _resp_py
    if _resp_c is None:
        pytest.skip(_C_MISSING)
    return _resp_c


@pytest.fixture(params=["compiled", "python"])
def resp(request):
    return _impl(request.param)


# Hypothesis does not mix with function-scoped fixtures: it gets the twin by name.
TWINS = pytest.mark.parametrize("twin", ["compiled", "python"])
needs_both = pytest.mark.skipif(_resp_c is None, reason=_C_MISSING or "built")


def parse_all(mod, data, **attrs):
    reader = mod.Reader()
    for name, value in attrs.items():
        setattr(reader, name, value)
    reader.feed(data)
    return reader.commands(), reader.error, reader.pending()


# --- interface -------------------------------------------------------------------

def _public(obj):
    return {name for name in dir(obj)
            if not name.startswith("_")
            and not isinstance(getattr(obj, name), (types.ModuleType, __future__._Feature))}


@needs_both
def test_same_public_names():
    assert _public(_resp_c) == _public(_resp_py)
    assert _public(_resp_c.Reader) == _public(_resp_py.Reader) == {
        "commands", "error", "feed", "gets", "max_bulk_len", "pending", "strict"}
    for name in ("INLINE_MAX", "MULTIBULK_MAX", "STRICT_MULTIBULK_MAX", "STRICT_BULK_MAX"):
        assert getattr(_resp_c, name) == getattr(_resp_py, name)
    # Shared classes, not copies: type-identity dispatch depends on it.
    for name in ("ProtocolError", "NULL_ARRAY", "Raw", "Simple", "ErrorReply", "Verbatim",
                 "BigNumber", "Push", "SetReply", "Preencoded"):
        assert getattr(_resp_c, name) is getattr(_resp_py, name)
    assert repr(_resp_c.NEED_MORE) == repr(_resp_py.NEED_MORE) == "NEED_MORE"


def test_reader_defaults(resp):
    reader = resp.Reader()
    assert reader.max_bulk_len == 512 * MiB
    assert not reader.strict
    assert reader.error is None
    assert reader.pending() == 0
    assert reader.gets() is resp.NEED_MORE
    assert resp.Reader(max_bulk_len=7).max_bulk_len == 7
    assert resp.Reader(7).max_bulk_len == 7


def _selected(env_extra):
    env = dict(os.environ, **env_extra)
    code = "from redix.protocol import resp; print(resp.IMPLEMENTATION)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_selector_honours_no_extensions():
    assert _selected({"REDIX_NO_EXTENSIONS": "1"}) == "redix.protocol._resp_py"


@needs_both
def test_selector_prefers_compiled():
    assert _selected({"REDIX_NO_EXTENSIONS": ""}) == "redix.protocol._resp_c"


# --- reading: fixed vectors -----------------------------------------------------------

PIPELINE = (b"*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n"
            b"*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n"
            b"*1\r\n$4\r\nPING\r\n")


def test_pipelined_multibulk(resp):
    assert parse_all(resp, PIPELINE) == (
        [[b"SET", b"key", b"value"], [b"GET", b"key"], [b"PING"]], None, 0)


def test_gets_one_at_a_time(resp):
    reader = resp.Reader()
    reader.feed(PIPELINE + b"*1\r\n$4\r\nPI")
    assert reader.gets() == [b"SET", b"key", b"value"]
    assert reader.gets() == [b"GET", b"key"]
    assert reader.gets() == [b"PING"]
    assert reader.gets() is resp.NEED_MORE
    assert reader.pending() == 2      # the headers are consumed already
    reader.feed(b"NG\r\n")
    assert reader.gets() == [b"PING"]
    assert reader.gets() is resp.NEED_MORE
    assert reader.pending() == 0


def test_binary_safe_bulks(resp):
    data = b"*3\r\n$4\r\nECHO\r\n$6\r\na\r\n\x00\xff\n\r\n$0\r\n\r\n"
    assert parse_all(resp, data) == ([[b"ECHO", b"a\r\n\x00\xff\n", b""]], None, 0)


def test_feed_accepts_bytes_likes(resp):
    reader = resp.Reader()
    reader.feed(b"*1\r\n")
    reader.feed(bytearray(b"$4\r\n"))
    reader.feed(memoryview(b"xxPING\r\n")[2:])
    assert reader.commands() == [[b"PING"]]


@pytest.mark.parametrize("data, expected", [
    (b"PING\r\n", [[b"PING"]]),
    (b"PING\n", [[b"PING"]]),
    (b"  SET  k   v \t\r\n", [[b"SET", b"k", b"v"]]),
    (b'SET "\\x41" \'it\\\'s\'\r\n', [[b"SET", b"A", b"it's"]]),
    (b'ECHO "a\\n\\r\\t\\b\\a\\q\\"\\\\"\r\n', [[b"ECHO", b"a\n\r\t\b\aq\"\\"]]),
    (b'ECHO "\\x4g" "\\xAf" "\\x4"\r\n', [[b"ECHO", b"x4g", b"\xaf", b"x4"]]),
    (b"ECHO 'a\\nb' '\"'\r\n", [[b"ECHO", b"a\\nb", b'"']]),
    (b'ECHO ""\r\n', [[b"ECHO", b""]]),
    (b'ECHO a"b c"\r\n', [[b"ECHO", b"ab c"]]),
    (b"PING\rPING\n", [[b"PING", b"PING"]]),
    # Verified on redis 7.0.15: \v and \f separate tokens only at their start.
    (b"ECHO a\x0bb\r\n", [[b"ECHO", b"a\x0bb"]]),
    (b"ECHO \x0b\x0cab\r\n", [[b"ECHO", b"ab"]]),
    (b"\r\n\n   \r\n\t\nPING\r\n", [[b"PING"]]),
    (b"*0\r\n*-1\r\n*-5\r\nPING\r\n*0\r\n", [[b"PING"]]),
    # The byte after a header's CR is skipped unchecked, as Redis does.
    (b"*1\rX$4\rXPING\r\nPING\r\n", [[b"PING"], [b"PING"]]),
    # Neither is the bulk's trailing CRLF.
    (b"*2\r\n$4\r\nECHOXX$2\r\nhiZZ", [[b"ECHO", b"hi"]]),
])
def test_inline_and_empty(resp, data, expected):
    assert parse_all(resp, data) == (expected, None, 0)


@pytest.mark.parametrize("line, expected", [
    (b"", []),
    (b" \t\x0b\x0c ", []),
    (b"a b", [b"a", b"b"]),
    (b'"unbalanced', None),
    (b"'unbalanced", None),
    (b'"a"b', None),
    (b"'a'b", None),
    (b'"a"\x0bb', [b"a", b"b"]),
    (b'"a\\', None),
    (b'"\\x41\\x4a"', [b"AJ"]),
    # sdssplitargs reads a C string: a NUL ends the line.
    (b"a\x00 b", [b"a"]),
    (b'"a\x00"', None),
])
def test_split_inline(resp, line, expected):
    assert resp.split_inline(line) == expected


def _stream():
    return (PIPELINE
            + b"PING\r\n\r\n"
            + b'SET "\\x41 b" \'c d\'\n'
            + b"*0\r\n*-1\r\n"
            + b"*2\r\n$4\r\nECHO\r\n$300\r\n" + bytes(range(256)) + b"\r\n" * 22 + b"\r\n"
            + b"*3\r\n$3\r\nSET\r\n$0\r\n\r\n$1\r\n\x00\r\n")


def _expected():
    return ([[b"SET", b"key", b"value"], [b"GET", b"key"], [b"PING"], [b"PING"],
             [b"SET", b"A b", b"c d"],
             [b"ECHO", bytes(range(256)) + b"\r\n" * 22],
             [b"SET", b"", b"\x00"]])


def test_split_at_every_offset(resp):
    data, expected = _stream(), _expected()
    for cut in range(len(data) + 1):
        reader = resp.Reader()
        reader.feed(data[:cut])
        got = reader.commands()
        reader.feed(data[cut:])
        got += reader.commands()
        assert got == expected, cut
        assert reader.error is None and reader.pending() == 0


def test_byte_by_byte(resp):
    reader = resp.Reader()
    got = []
    for byte in _stream():
        reader.feed(bytes([byte]))
        while (cmd := reader.gets()) is not resp.NEED_MORE:
            got.append(cmd)
    assert got == _expected()


def test_random_chunkings(resp):
    data, expected = _stream() * 20, _expected() * 20
    rng = random.Random(7)
    for _ in range(60):
        reader = resp.Reader()
        got, pos = [], 0
        while pos < len(data):
            step = rng.choice([1, 2, 3, 7, 64, 500, 4096])
            reader.feed(data[pos:pos + step])
            pos += step
            got += reader.commands()
        assert got == expected


def test_large_args_across_many_feeds(resp):
    # Exercises the compiled buffer's slide-down and growth paths.
    args = [bytes([65 + i % 26]) * (1000 * i + 1) for i in range(40)]
    data = b"".join(resp.encode([b"SET", b"k%d" % i, a]) for i, a in enumerate(args)) * 3
    reader = resp.Reader()
    got = []
    for pos in range(0, len(data), 7777):
        reader.feed(data[pos:pos + 7777])
        got += reader.commands()
    assert got == [[b"SET", b"k%d" % i, a] for i, a in enumerate(args)] * 3
    reader.feed(b"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n")
    assert reader.commands() == [[b"GET", b"k"]]


def test_big_bulk_in_64k_chunks(resp):
    """A 50 MB argument arriving in 64 KiB reads: parsed once, correctly."""
    size = 50 * 1000 * 1000
    payload = bytes(range(256)) * (size // 256) + b"tail"
    data = (b"*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$%d\r\n" % len(payload) + payload
            + b"\r\n*1\r\n$4\r\nPING\r\n")
    reader = resp.Reader()
    got = []
    start = time.perf_counter()
    for pos in range(0, len(data), 65536):
        reader.feed(data[pos:pos + 65536])
        got += reader.commands()
    elapsed = time.perf_counter() - start
    print(f"\n{resp.__name__}: 50 MB bulk in {len(data) // 65536 + 1} feeds: {elapsed:.3f}s")
    assert len(got) == 2
    assert got[0][:2] == [b"SET", b"big"] and got[0][2] == payload
    assert got[1] == [b"PING"]
    assert reader.pending() == 0


# --- reading: protocol errors and waits ----------------------------------------------------

LONG = 70000

ERRORS = [
    (b"*3000000000\r\n", "invalid multibulk length"),
    (b"*x\r\n", "invalid multibulk length"),
    (b"*-0\r\n", "invalid multibulk length"),
    (b"*+1\r\n", "invalid multibulk length"),
    (b"*01\r\n", "invalid multibulk length"),
    (b"* 1\r\n", "invalid multibulk length"),
    (b"*\r\n", "invalid multibulk length"),
    (b"*" + b"9" * 20 + b"\r\n", "invalid multibulk length"),
    (b"*1\x00\r\n" + b"1" * LONG, "too big mbulk count string"),
    (b"*" + b"1" * LONG, "too big mbulk count string"),
    (b"*1\r\n$-1\r\n", "invalid bulk length"),
    (b"*1\r\n$x\r\n", "invalid bulk length"),
    (b"*1\r\n$04\r\n", "invalid bulk length"),
    (b"*1\r\n$\r\n", "invalid bulk length"),
    (b"*1\r\n$000000000000000000001\r\n", "invalid bulk length"),
    (b"*1\r\n$536870913\r\n", "invalid bulk length"),
    (b"*1\r\n$" + b"1" * LONG, "too big bulk count string"),
    (b"*1\r\n" + b"x" * LONG, "too big bulk count string"),
    (b"*1\r\nx\r\n", "expected '$', got 'x'"),
    (b"*2\r\n$1\r\na\r\n:1\r\n", "expected '$', got ':'"),
    (b"*1\r\n\xff\r\n", "expected '$', got '\xff'"),
    (b"*1\r\n\r\n", "expected '$', got '\r'"),
    (b"*1\r\n\n\r\n", "expected '$', got '\n'"),
    (b'SET "abc\r\n', "unbalanced quotes in request"),
    (b"SET 'abc\r\n", "unbalanced quotes in request"),
    (b'SET "a"b\r\n', "unbalanced quotes in request"),
    (b"a" * LONG, "too big inline request"),
    (b"a" * 65537, "too big inline request"),
    (b"PING\x00" + b"a" * LONG + b"\n", "too big inline request"),
]


@pytest.mark.parametrize("data, detail", ERRORS, ids=[d for _, d in ERRORS])
def test_protocol_errors(resp, data, detail):
    reader = resp.Reader()
    reader.feed(data)
    with pytest.raises(ProtocolError) as info:
        reader.gets()
    assert info.value.args == (detail,)
    assert parse_all(resp, data)[:2] == ([], detail)


@pytest.mark.parametrize("data, detail", [
    (b"*11\r\n", "unauthenticated multibulk length"),
    (b"*1\r\n$16385\r\n", "unauthenticated bulk length"),
    (b"*1\r\n$536870913\r\n", "invalid bulk length"),
    (b"*3000000000\r\n", "invalid multibulk length"),
])
def test_strict_limits(resp, data, detail):
    assert parse_all(resp, data, strict=True)[:2] == ([], detail)


def test_strict_limits_allow_their_maximum(resp):
    assert parse_all(resp, b"*10\r\n", strict=True) == ([], None, 0)
    ten = resp.encode([b"x"] * 10)
    assert parse_all(resp, ten, strict=True) == ([[b"x"] * 10], None, 0)
    big = resp.encode([b"SET", b"k", b"v" * 16384])
    assert parse_all(resp, big, strict=True)[:2] == ([[b"SET", b"k", b"v" * 16384]], None)


@pytest.mark.parametrize("data, pending", [
    (b"*1\r\n$3\r\nfoo", 3),
    (b"*1\r", 3),
    (b"*1\r\n$3\r", 3),
    (b"*1\r\nx", 1),                      # '$' is checked once the line is complete
    (b"*1\r\n" + b"x" * 100 + b"\r", 101),
    (b"*" + b"1" * LONG + b"\r", LONG + 2),   # CR present: no "too big" past 64 KiB
    (b"*1\r\n$" + b"1" * LONG + b"\r", LONG + 2),
    (b"*1\x00\r\n", 5),                   # Redis's strchr stops at the NUL
    (b"*1\r\n$3\x00\r\n", 5),
    (b"*1\r\nx\x00\r\n", 4),
    (b"PING\x00\n", 6),
    (b"PING\x00\r\n", 7),
    (b"a" * 65536, 65536),                 # exactly INLINE_MAX: still waiting
    (b"*1\r\n$536870912\r\n", 0),
])
def test_waits_without_error(resp, data, pending):
    reader = resp.Reader()
    reader.feed(data)
    assert reader.gets() is resp.NEED_MORE
    assert reader.commands() == [] and reader.error is None
    assert reader.pending() == pending


def test_waits_keep_bulk_header_consumed(resp):
    reader = resp.Reader()
    reader.feed(b"*2\r\n$3\r\nGET\r\n$10\r\nabc")
    assert reader.gets() is resp.NEED_MORE
    assert reader.pending() == 3
    reader.feed(b"defghij\r\n")
    assert reader.gets() == [b"GET", b"abcdefghij"]


@pytest.mark.parametrize("bad, detail", [
    (b"*x\r\n", "invalid multibulk length"),
    (b"*1\r\n$-1\r\n", "invalid bulk length"),
    (b'"abc\r\nPING\r\n', "unbalanced quotes in request"),
    (b"*1\r\n?\r\n", "expected '$', got '?'"),
])
def test_commands_before_error(resp, bad, detail):
    good = b"PING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n"
    reader = resp.Reader()
    reader.feed(good + bad)
    assert reader.commands() == [[b"PING"], [b"ECHO", b"hi"]]
    assert reader.error == detail
    # gets() raises at the same place.
    reader = resp.Reader()
    reader.feed(good + bad)
    assert reader.gets() == [b"PING"]
    assert reader.gets() == [b"ECHO", b"hi"]
    with pytest.raises(ProtocolError, match="^" + re.escape(detail) + "$"):
        reader.gets()


def test_max_bulk_len(resp):
    reader = resp.Reader(max_bulk_len=10)
    reader.feed(b"*2\r\n$4\r\nECHO\r\n$10\r\n0123456789\r\n")
    assert reader.commands() == [[b"ECHO", b"0123456789"]]
    reader.feed(b"*2\r\n$4\r\nECHO\r\n$11\r\n")
    assert reader.commands() == [] and reader.error == "invalid bulk length"
    reader = resp.Reader()
    reader.max_bulk_len = 0
    reader.feed(b"*1\r\n$0\r\n\r\n*1\r\n$1\r\n")
    assert reader.commands() == [[b""]] and reader.error == "invalid bulk length"


@pytest.mark.parametrize("detail, wire", [
    ("invalid bulk length", b"ERR Protocol error: invalid bulk length"),
    ("expected '$', got 'x'", b"ERR Protocol error: expected '$', got 'x'"),
    ("expected '$', got '\xff'", b"ERR Protocol error: expected '$', got '\xff'"),
    ("expected '$', got '\r'", b"ERR Protocol error: expected '$', got ' '"),
    ("expected '$', got '\n'", b"ERR Protocol error: expected '$', got ' '"),
])
def test_protocol_error_wire_text(detail, wire):
    assert protocol(detail) == wire


# --- encoding ---------------------------------------------------------------------------------

ENCODINGS = [
    (b"hello", b"$5\r\nhello\r\n", b"$5\r\nhello\r\n"),
    (b"", b"$0\r\n\r\n", b"$0\r\n\r\n"),
    (b"a\r\nb", b"$4\r\na\r\nb\r\n", b"$4\r\na\r\nb\r\n"),
    (Raw(b"+OK\r\n"), b"+OK\r\n", b"+OK\r\n"),
    (0, b":0\r\n", b":0\r\n"),
    (42, b":42\r\n", b":42\r\n"),
    (-7, b":-7\r\n", b":-7\r\n"),
    (2**63 - 1, b":9223372036854775807\r\n", b":9223372036854775807\r\n"),
    (-2**63, b":-9223372036854775808\r\n", b":-9223372036854775808\r\n"),
    (2**64, b":18446744073709551616\r\n", b":18446744073709551616\r\n"),
    (-2**70, b":-1180591620717411303424\r\n", b":-1180591620717411303424\r\n"),
    (None, b"$-1\r\n", b"_\r\n"),
    ([b"a", 1, None], b"*3\r\n$1\r\na\r\n:1\r\n$-1\r\n", b"*3\r\n$1\r\na\r\n:1\r\n_\r\n"),
    ((), b"*0\r\n", b"*0\r\n"),
    ([[1, [b"x"]], []], b"*2\r\n*2\r\n:1\r\n*1\r\n$1\r\nx\r\n*0\r\n",
     b"*2\r\n*2\r\n:1\r\n*1\r\n$1\r\nx\r\n*0\r\n"),
    (Simple(b"OK"), b"+OK\r\n", b"+OK\r\n"),
    (ErrorReply(b"ERR bad thing"), b"-ERR bad thing\r\n", b"-ERR bad thing\r\n"),
    (True, b":1\r\n", b"#t\r\n"),
    (False, b":0\r\n", b"#f\r\n"),
    (1.5, b"$3\r\n1.5\r\n", b",1.5\r\n"),
    (3.0, b"$1\r\n3\r\n", b",3\r\n"),
    (0.1, b"$19\r\n0.10000000000000001\r\n", b",0.10000000000000001\r\n"),
    (1e300, b"$23\r\n1.0000000000000001e+300\r\n", b",1.0000000000000001e+300\r\n"),
    (1e-7, b"$22\r\n9.9999999999999995e-08\r\n", b",9.9999999999999995e-08\r\n"),
    (-0.0, b"$2\r\n-0\r\n", b",-0\r\n"),
    (float("inf"), b"$3\r\ninf\r\n", b",inf\r\n"),
    (float("-inf"), b"$4\r\n-inf\r\n", b",-inf\r\n"),
    (float("nan"), b"$3\r\nnan\r\n", b",nan\r\n"),
    ({b"k": 1, b"v": [b"x"]}, b"*4\r\n$1\r\nk\r\n:1\r\n$1\r\nv\r\n*1\r\n$1\r\nx\r\n",
     b"%2\r\n$1\r\nk\r\n:1\r\n$1\r\nv\r\n*1\r\n$1\r\nx\r\n"),
    ({}, b"*0\r\n", b"%0\r\n"),
    ({b"x"}, b"*1\r\n$1\r\nx\r\n", b"~1\r\n$1\r\nx\r\n"),
    (frozenset([5]), b"*1\r\n:5\r\n", b"~1\r\n:5\r\n"),
    (SetReply([b"2", b"1"]), b"*2\r\n$1\r\n2\r\n$1\r\n1\r\n", b"~2\r\n$1\r\n2\r\n$1\r\n1\r\n"),
    (Push([b"message", b"ch", b"hi"]), b"*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n",
     b">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n"),
    (Verbatim(b"a:1\r\n"), b"$5\r\na:1\r\n\r\n", b"=9\r\ntxt:a:1\r\n\r\n"),
    (BigNumber(b"12345678901234567890"), b"$20\r\n12345678901234567890\r\n",
     b"(12345678901234567890\r\n"),
    (NULL_ARRAY, b"*-1\r\n", b"_\r\n"),
    (Preencoded(b"*0\r\n", b"%0\r\n"), b"*0\r\n", b"%0\r\n"),
    ("h\xe9llo", b"$6\r\nh\xc3\xa9llo\r\n", b"$6\r\nh\xc3\xa9llo\r\n"),
    ([Simple(b"QUEUED"), ErrorReply(b"ERR x"), NULL_ARRAY, {b"a": None}],
     b"*4\r\n+QUEUED\r\n-ERR x\r\n*-1\r\n*2\r\n$1\r\na\r\n$-1\r\n",
     b"*4\r\n+QUEUED\r\n-ERR x\r\n_\r\n%1\r\n$1\r\na\r\n_\r\n"),
]


@pytest.mark.parametrize("value, resp2, resp3", ENCODINGS,
                         ids=[f"{type(v).__name__}-{i}" for i, (v, _, _) in enumerate(ENCODINGS)])
def test_encode(resp, value, resp2, resp3):
    assert resp.encode(value) == resp2
    assert resp.encode(value, False) == resp2
    assert resp.encode(value, resp3=True) == resp3
    for flag, expected in ((False, resp2), (True, resp3)):
        out = bytearray(b"before|")
        assert resp.write_reply(out, value, flag) is None
        assert out == b"before|" + expected


@pytest.mark.parametrize("value, exc, message", [
    (object(), TypeError, "cannot encode reply of type object"),
    (bytearray(b"x"), TypeError, "cannot encode reply of type bytearray"),
    ([1, {1.5j}], TypeError, "cannot encode reply of type complex"),
    ("\udcff", UnicodeEncodeError, None),
])
def test_encode_rejects(resp, value, exc, message):
    with pytest.raises(exc) as info:
        resp.encode(value)
    if message:
        assert str(info.value) == message


def test_encode_exact_types_only(resp):
    import enum

    class Number(enum.IntEnum):
        ONE = 1

    class MyBytes(bytes):
        pass

    for value in (Number.ONE, MyBytes(b"x")):
        with pytest.raises(TypeError, match="cannot encode reply of type"):
            resp.encode(value)


def test_encode_deep_nesting_is_a_recursion_error(resp):
    value = []
    for _ in range(100_000):
        value = [value]
    with pytest.raises(RecursionError):
        resp.encode(value)


# --- properties: both twins, random input -----------------------------------------------------

# Arguments an inline command can carry unquoted.
SAFE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789:_-."
SAFE = st.text(SAFE_CHARS, min_size=1, max_size=12).map(str.encode)
ARG = st.one_of(st.binary(max_size=40), st.sampled_from([b"", b"\r\n", b"$3", b"*1\r\n", b"\x00"]),
                SAFE)
COMMAND = st.lists(ARG, min_size=1, max_size=6)


@st.composite
def request_streams(draw):
    commands = draw(st.lists(COMMAND, min_size=1, max_size=15))
    parts = []
    for cmd in commands:
        if all(_is_safe(a) for a in cmd) and draw(st.booleans()):
            parts.append(b" ".join(cmd) + draw(st.sampled_from([b"\r\n", b"\n", b" \r\n"])))
        else:
            parts.append(_resp_py.encode(cmd))
        parts.append(draw(st.sampled_from([b"", b"", b"", b"\r\n", b"*0\r\n", b"*-1\r\n"])))
    data = b"".join(parts)
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=12)))
    return commands, data, cuts


def _is_safe(arg):
    return bool(arg) and all(chr(c) in SAFE_CHARS for c in arg)


def _chunks(data, cuts):
    edges = [0, *cuts, len(data)]
    return [data[a:b] for a, b in zip(edges, edges[1:])]


@TWINS
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=request_streams())
def test_round_trip_random_chunks(twin, case):
    mod = _impl(twin)
    commands, data, cuts = case
    reader = mod.Reader()
    got = []
    for chunk in _chunks(data, cuts):
        reader.feed(chunk)
        got += reader.commands()
    assert got == commands
    assert reader.error is None and reader.pending() == 0


FRAGMENTS = st.one_of(
    st.sampled_from([b"*", b"$", b"\r\n", b"\r", b"\n", b"0", b"1", b"2", b"3", b"9", b"-",
                     b"+", b"x", b" ", b"\t", b"\x0b", b"\x00", b'"', b"'", b"\\", b"\\x4",
                     b"\\x41", b"*1\r\n", b"$1\r\n", b"*2\r\n$1\r\na\r\n", b"\xff", b"PING",
                     b"$-1\r\n", b"*-1\r\n", b"$3\r\nabc\r\n"]),
    st.binary(max_size=4),
)
GARBAGE = st.lists(FRAGMENTS, max_size=40).map(b"".join)


def _transcript(mod, chunks, strict, max_bulk_len):
    """Everything observable, through gets() and, separately, commands()."""
    seen = []
    reader = mod.Reader(max_bulk_len)
    reader.strict = strict
    for chunk in chunks:
        reader.feed(chunk)
        try:
            while (cmd := reader.gets()) is not mod.NEED_MORE:
                seen.append(cmd)
            seen.append(("wait", reader.pending()))
        except ProtocolError as exc:
            seen.append(("error", exc.args, reader.pending()))
            break
    reader = mod.Reader(max_bulk_len)
    reader.strict = strict
    for chunk in chunks:
        reader.feed(chunk)
        seen.append((reader.commands(), reader.error, reader.pending()))
    return seen


@needs_both
@settings(max_examples=1000, deadline=None)
@given(data=GARBAGE, cuts=st.lists(st.integers(0, 200), max_size=6), strict=st.booleans(),
       max_bulk_len=st.sampled_from([512 * MiB, 0, 1, 3, 10]))
def test_garbage_same_in_both(data, cuts, strict, max_bulk_len):
    chunks = _chunks(data, sorted(c for c in cuts if c <= len(data)))
    assert (_transcript(_resp_c, chunks, strict, max_bulk_len)
            == _transcript(_resp_py, chunks, strict, max_bulk_len))


@needs_both
@settings(max_examples=500, deadline=None)
@given(line=GARBAGE)
def test_split_inline_same_in_both(line):
    assert _resp_c.split_inline(line) == _resp_py.split_inline(line)


SCALARS = st.one_of(
    st.binary(max_size=20), st.integers(), st.none(), st.booleans(), st.floats(),
    st.text(max_size=10),
    st.binary(max_size=10).map(Simple), st.binary(max_size=10).map(ErrorReply),
    st.binary(max_size=10).map(Raw), st.binary(max_size=10).map(Verbatim),
    st.binary(max_size=10).map(BigNumber), st.just(NULL_ARRAY),
    st.builds(Preencoded, st.binary(max_size=8), st.binary(max_size=8)),
)
HASHABLE = st.one_of(st.binary(max_size=10), st.integers())
REPLIES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=4).map(tuple),
    st.lists(inner, max_size=4).map(Push), st.lists(inner, max_size=4).map(SetReply),
    st.dictionaries(HASHABLE, inner, max_size=4),
    st.sets(HASHABLE, max_size=4), st.frozensets(HASHABLE, max_size=4),
), max_leaves=20)


@needs_both
@settings(max_examples=500, deadline=None)
@given(value=REPLIES, resp3=st.booleans())
def test_encoder_same_in_both(value, resp3):
    assert _resp_c.encode(value, resp3) == _resp_py.encode(value, resp3)
    out_c, out_py = bytearray(b"x"), bytearray(b"x")
    _resp_c.write_reply(out_c, value, resp3)
    _resp_py.write_reply(out_py, value, resp3)
    assert out_c == out_py
