"""Stream ID twins: fixed vectors, compiled-vs-Python agreement, selector.

Every literal parse expectation below was checked against redis-server
7.0.15 (XADD on an empty stream for ``parse_xadd_id``, XRANGE for the range
and plain parsers).  No server is needed to run these tests.
"""
import importlib
import inspect
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from redix import _speedups
from redix.types import _streamid_py

try:
    _streamid_c = importlib.import_module("redix.types._streamid_c")
    _COMPILED_MISSING = None
except ImportError as exc:  # pragma: no cover - depends on the build
    _streamid_c = None
    _COMPILED_MISSING = (f"compiled twin redix.types._streamid_c not importable ({exc}); "
                         "build it with: python setup.py build_ext --inplace")

needs_compiled = pytest.mark.skipif(_streamid_c is None, reason=_COMPILED_MISSING or "")

MAX = (1 << 64) - 1
INVALID, AUTO, AUTO_SEQ, EXPLICIT = "invalid", "auto", "auto-seq", "explicit"


@pytest.fixture(params=["compiled", "python"])
def impl(request):
    if request.param == "compiled":
        if _streamid_c is None:
            pytest.skip(_COMPILED_MISSING)
        return _streamid_c
    return _streamid_py


def outcome(func, *args):
    """A comparable result: the value, or the exception type raised."""
    try:
        return ("ok", func(*args))
    except Exception as exc:  # noqa: BLE001 - comparing behaviour, any kind
        return ("raises", type(exc))


def kind_name(impl, kind):
    return {impl.ID_INVALID: INVALID, impl.ID_AUTO: AUTO,
            impl.ID_AUTO_SEQ: AUTO_SEQ, impl.ID_EXPLICIT: EXPLICIT}[kind]


# --------------------------------------------------------------------------
# XADD's ID argument: (raw, kind, ms, seq); what XADD on redis 7.0.15 did.

XADD_VECTORS = [
    (b"1-1", EXPLICIT, 1, 1),
    (b"1", EXPLICIT, 1, 0),
    (b"0-0", EXPLICIT, 0, 0),                 # XADD itself then refuses 0-0
    (b"0", EXPLICIT, 0, 0),
    (b"00", EXPLICIT, 0, 0),
    (b"01-1", EXPLICIT, 1, 1),                # leading zeros
    (b"+1-1", EXPLICIT, 1, 1),                # '+' sign
    (b" 1-1", EXPLICIT, 1, 1),                # leading C whitespace...
    (b"\t1-1", EXPLICIT, 1, 1),
    (b"\x0b1", EXPLICIT, 1, 0),
    (b"1- 1", EXPLICIT, 1, 1),
    (b"1-\n2", EXPLICIT, 1, 2),
    (b"1-\r\x0c 7", EXPLICIT, 1, 7),
    (b"1-+1", EXPLICIT, 1, 1),
    (b"1 -1", INVALID, 0, 0),                 # ...but no trailing whitespace
    (b"1-1 ", INVALID, 0, 0),
    (b"1-1\t", INVALID, 0, 0),
    (b"\xa01", INVALID, 0, 0),
    (b"-1-1", INVALID, 0, 0),
    (b"-9-1", INVALID, 0, 0),
    (b"-0", INVALID, 0, 0),
    (b"1-", INVALID, 0, 0),
    (b"1-2-3", INVALID, 0, 0),
    (b"0x10", INVALID, 0, 0),
    (b"1.5", INVALID, 0, 0),
    (b"1_0", INVALID, 0, 0),
    (b"", INVALID, 0, 0),
    (b"-", INVALID, 0, 0),                    # shorthands are not XADD IDs
    (b"+", INVALID, 0, 0),
    (b"1-+", INVALID, 0, 0),
    (b"1- ", INVALID, 0, 0),
    (b"1--", INVALID, 0, 0),
    (b"\xef\xbc\x91", INVALID, 0, 0),         # fullwidth digit one
    # A negative sequence wraps modulo 2**64 unless Redis's signed parser
    # takes it first: that one accepts -1 .. -2**63 without leading zeros.
    (b"1--1", INVALID, 0, 0),
    (b"1--9223372036854775807", INVALID, 0, 0),
    (b"1--9223372036854775808", INVALID, 0, 0),
    (b"1--9223372036854775809", EXPLICIT, 1, 9223372036854775807),
    (b"1--01", EXPLICIT, 1, MAX),
    (b"1--0", EXPLICIT, 1, 0),
    (b"1- -5", EXPLICIT, 1, MAX - 4),
    (b"1--18446744073709551615", EXPLICIT, 1, 1),
    (b"1--18446744073709551616", INVALID, 0, 0),
    # uint64 range
    (b"18446744073709551615", EXPLICIT, MAX, 0),
    (b"18446744073709551615-18446744073709551615", EXPLICIT, MAX, MAX),
    (b"18446744073709551616-0", INVALID, 0, 0),
    (b"9223372036854775808-1", EXPLICIT, 1 << 63, 1),
    (b"1-00000000000000000000000000000005", EXPLICIT, 1, 5),
    # Arguments are 127 bytes at most, and are read up to their first NUL.
    (b"0" * 126 + b"1", EXPLICIT, 1, 0),
    (b"0" * 127 + b"1", INVALID, 0, 0),
    (b"1\x00abc", EXPLICIT, 1, 0),
    (b"1-1\x00zz", EXPLICIT, 1, 1),
    (b"1\x00" + b"x" * 130, INVALID, 0, 0),
    (b"1-\x00", INVALID, 0, 0),
    (b"\x001", INVALID, 0, 0),
    # Automatic forms; "*" is tested before the length limit, "ms-*" after.
    (b"*", AUTO, 0, 0),
    (b"*\x00zz", AUTO, 0, 0),
    (b"*\x00" + b"z" * 200, AUTO, 0, 0),
    (b"1-*", AUTO_SEQ, 1, 0),
    (b"0-*", AUTO_SEQ, 0, 0),
    (b"18446744073709551615-*", AUTO_SEQ, MAX, 0),
    (b"1-*\x00x", AUTO_SEQ, 1, 0),
    (b"1-*\x00" + b"x" * 200, INVALID, 0, 0),
    (b"-*", INVALID, 0, 0),
    (b"1-**", INVALID, 0, 0),
    (b"**", INVALID, 0, 0),
]


@pytest.mark.parametrize("raw, kind, ms, seq", XADD_VECTORS, ids=[repr(v[0])[:40] for v in XADD_VECTORS])
def test_parse_xadd_id_matches_redis(impl, raw, kind, ms, seq):
    got_kind, got_ms, got_seq = impl.parse_xadd_id(raw)
    assert (kind_name(impl, got_kind), got_ms, got_seq) == (kind, ms, seq)


def test_kind_constants_are_distinct_ints(impl):
    kinds = [impl.ID_INVALID, impl.ID_AUTO, impl.ID_AUTO_SEQ, impl.ID_EXPLICIT]
    assert all(type(k) is int for k in kinds)
    assert len(set(kinds)) == 4


# --------------------------------------------------------------------------
# Plain and range IDs

def test_parse_id_forms(impl):
    assert impl.parse_id(b"5") == (5, 0)
    assert impl.parse_id(b"5", 7) == (5, 7)
    assert impl.parse_id(b"5", MAX) == (5, MAX)
    assert impl.parse_id(b"5-3", 7) == (5, 3)
    assert impl.parse_id(b"-") == (0, 0)
    assert impl.parse_id(b"+") == (MAX, MAX)
    assert impl.parse_id(b"-\x00junk") == (0, 0)
    assert impl.parse_id(b"+\x00junk") == (MAX, MAX)
    assert impl.parse_id(b"*") is None
    assert impl.parse_id(b"1-*") is None      # only XADD knows ms-*
    assert impl.parse_id(b"(1") is None
    assert impl.parse_id(b"") is None


# Apart from "*" forms and the "-"/"+" shorthands, XADD and XRANGE parse alike.
PLAIN_VECTORS = [v for v in XADD_VECTORS if v[1] in (EXPLICIT, INVALID) and v[0] not in (b"-", b"+")]


@pytest.mark.parametrize("raw, kind, ms, seq", PLAIN_VECTORS, ids=[repr(v[0])[:40] for v in PLAIN_VECTORS])
def test_parse_id_agrees_with_xadd_on_explicit_ids(impl, raw, kind, ms, seq):
    assert impl.parse_id(raw) == (None if kind == INVALID else (ms, seq))


# (raw, missing_seq, expected) from XRANGE on redis 7.0.15
RANGE_VECTORS = [
    (b"1", 0, ((1, 0), False)),
    (b"1", MAX, ((1, MAX), False)),
    (b"(1-0", 0, ((1, 0), True)),
    (b"(1", 0, ((1, 0), True)),
    (b"(5", MAX, ((5, MAX), True)),
    (b"( 1", 0, ((1, 0), True)),
    (b"(+1", 0, ((1, 0), True)),
    (b"-", 0, ((0, 0), False)),
    (b"+", MAX, ((MAX, MAX), False)),
    (b"-\x00", 0, ((0, 0), False)),
    (b"+\x00junk", MAX, ((MAX, MAX), False)),
    (b"(18446744073709551615-18446744073709551615", 0, ((MAX, MAX), True)),
    (b"(" + b"0" * 126 + b"1", 0, ((1, 0), True)),   # the '(' is not counted
    (b"(" + b"0" * 127 + b"1", 0, (None, False)),
    (b"(-", 0, (None, False)),                       # no exclusive shorthands
    (b"(+", MAX, (None, False)),
    (b"(-\x00", 0, (None, False)),
    (b"(", 0, (None, False)),                        # a lone '(' is an ID, a bad one
    (b"((1", 0, (None, False)),
    (b"(\x00", 0, (None, False)),
    (b"(1-*", 0, (None, False)),
    (b"1-*", 0, (None, False)),
]


@pytest.mark.parametrize("raw, missing_seq, expected", RANGE_VECTORS, ids=[repr(v[0])[:40] for v in RANGE_VECTORS])
def test_parse_range_id_matches_redis(impl, raw, missing_seq, expected):
    assert impl.parse_range_id(raw, missing_seq) == expected


def test_parsers_reject_bad_argument_types(impl):
    with pytest.raises(TypeError):
        impl.parse_id("1-1")
    with pytest.raises(TypeError):
        impl.parse_xadd_id(5)
    with pytest.raises(OverflowError):
        impl.parse_id(b"1", -1)
    with pytest.raises(OverflowError):
        impl.parse_range_id(b"1", 1 << 64)
    assert impl.parse_id(bytearray(b"2-3")) == (2, 3)
    assert impl.parse_id(memoryview(b"2-3")) == (2, 3)


# --------------------------------------------------------------------------
# ID arithmetic

def test_incr_and_decr(impl):
    assert impl.incr_id((1, 2)) == (1, 3)
    assert impl.incr_id((1, MAX)) == (2, 0)
    assert impl.incr_id((MAX, MAX - 1)) == (MAX, MAX)
    assert impl.incr_id((MAX, MAX)) is None
    assert impl.decr_id((1, 2)) == (1, 1)
    assert impl.decr_id((2, 0)) == (1, MAX)
    assert impl.decr_id((0, 1)) == (0, 0)
    assert impl.decr_id((0, 0)) is None


def test_next_id(impl):
    assert impl.next_id((0, 0), 1000) == (1000, 0)
    assert impl.next_id((1000, 5), 1001) == (1001, 0)
    assert impl.next_id((1000, 5), 1000) == (1000, 6)
    assert impl.next_id((1000, 5), 999) == (1000, 6)        # clock went back
    assert impl.next_id((1000, MAX), 1000) == (1001, 0)     # seq carries
    assert impl.next_id((MAX, MAX - 1), 5) == (MAX, MAX)
    assert impl.next_id((MAX, MAX), MAX) is None             # exhausted
    assert impl.next_id((MAX, MAX), 0) is None


def test_seq_id(impl):
    assert impl.seq_id((0, 0), 0) == (0, 1)
    assert impl.seq_id((0, 0), 5) == (5, 0)
    assert impl.seq_id((5, 3), 5) == (5, 4)
    assert impl.seq_id((5, 3), 6) == (6, 0)
    assert impl.seq_id((5, 3), 4) is None
    assert impl.seq_id((5, MAX), 5) is None                  # no carry for ms-*
    assert impl.seq_id((MAX, MAX), MAX) is None


def test_format_and_compare(impl):
    assert impl.format_id((0, 0)) == b"0-0"
    assert impl.format_id((1526919030474, 55)) == b"1526919030474-55"
    assert impl.format_id((MAX, MAX)) == b"18446744073709551615-18446744073709551615"
    assert impl.compare_id((1, 2), (1, 3)) == -1
    assert impl.compare_id((1, 3), (1, 3)) == 0
    assert impl.compare_id((2, 0), (1, MAX)) == 1


@pytest.mark.parametrize("bad, error", [
    ((-1, 0), OverflowError), ((0, 1 << 64), OverflowError), ((1.0, 2), TypeError),
    ((1,), ValueError), ((1, 2, 3), ValueError), (None, TypeError), ("ab", TypeError),
])
def test_arithmetic_rejects_malformed_ids(impl, bad, error):
    for func in (impl.incr_id, impl.decr_id, impl.format_id):
        with pytest.raises(error):
            func(bad)
    with pytest.raises(error):
        impl.compare_id(bad, (0, 0))
    with pytest.raises(error):
        impl.next_id(bad, 0)


# --------------------------------------------------------------------------
# Compiled vs Python on generated input

ID_PIECES = [b"0", b"1", b"9", b"-", b"+", b" ", b"\t", b"*", b"\x00", b"(", b".", b"x", b"00",
             b"18446744073709551615", b"18446744073709551616",
             b"9223372036854775808", b"9223372036854775809"]
id_text = st.one_of(
    st.lists(st.sampled_from(ID_PIECES), max_size=6).map(b"".join),
    st.binary(max_size=140),
    st.builds(lambda n, tail: b"0" * n + tail, st.integers(100, 140), st.sampled_from([b"1", b"1-2", b"-*"])),
)
u64 = st.one_of(st.sampled_from([0, 1, MAX - 1, MAX]), st.integers(0, MAX))
maybe_u64 = st.one_of(u64, st.sampled_from([-1, 1 << 64]))
stream_ids = st.tuples(u64, u64)
maybe_ids = st.one_of(stream_ids, st.tuples(maybe_u64, maybe_u64), st.just((1,)), st.just(None))


@needs_compiled
@settings(max_examples=3000, deadline=None)
@given(raw=id_text, missing_seq=maybe_u64)
def test_parser_twins_agree(raw, missing_seq):
    for prefix in (b"", b"("):
        text = prefix + raw
        assert outcome(_streamid_c.parse_id, text, missing_seq) == \
            outcome(_streamid_py.parse_id, text, missing_seq)
        assert outcome(_streamid_c.parse_range_id, text, missing_seq) == \
            outcome(_streamid_py.parse_range_id, text, missing_seq)
        assert _streamid_c.parse_xadd_id(text) == _streamid_py.parse_xadd_id(text)


@needs_compiled
@settings(max_examples=1000, deadline=None)
@given(a=maybe_ids, b=maybe_ids, number=maybe_u64)
def test_arithmetic_twins_agree(a, b, number):
    for name in ("incr_id", "decr_id", "format_id"):
        assert outcome(getattr(_streamid_c, name), a) == outcome(getattr(_streamid_py, name), a)
    for name in ("next_id", "seq_id"):
        assert outcome(getattr(_streamid_c, name), a, number) == \
            outcome(getattr(_streamid_py, name), a, number)
    assert outcome(_streamid_c.compare_id, a, b) == outcome(_streamid_py.compare_id, a, b)


@settings(max_examples=300, deadline=None)
@given(stream_id=stream_ids, other=stream_ids)
def test_id_properties(stream_id, other):
    for impl in filter(None, (_streamid_c, _streamid_py)):
        assert impl.parse_id(impl.format_id(stream_id)) == stream_id
        assert impl.compare_id(stream_id, other) == (stream_id > other) - (stream_id < other)
        bigger = impl.incr_id(stream_id)
        if bigger is not None:
            assert bigger > stream_id and impl.decr_id(bigger) == stream_id


# --------------------------------------------------------------------------
# Interface and selection

PUBLIC_API = {"ID_INVALID", "ID_AUTO", "ID_AUTO_SEQ", "ID_EXPLICIT",
              "parse_id", "parse_range_id", "parse_xadd_id", "next_id", "seq_id",
              "incr_id", "decr_id", "format_id", "compare_id"}


def public_names(module):
    return {name for name in dir(module) if not name.startswith("_")}


@needs_compiled
def test_twins_expose_the_same_names_and_signatures():
    assert public_names(_streamid_c) == public_names(_streamid_py) == PUBLIC_API
    assert set(_streamid_c.__all__) == set(_streamid_py.__all__) == PUBLIC_API
    for name in PUBLIC_API:
        compiled, python = getattr(_streamid_c, name), getattr(_streamid_py, name)
        if not callable(python):
            assert compiled == python, name
            continue
        assert [(p.name, p.kind, p.default) for p in inspect.signature(compiled).parameters.values()] == \
            [(p.name, p.kind, p.default) for p in inspect.signature(python).parameters.values()], name


def test_selector_honours_environment():
    from redix.types import streamid

    want = "python" if (_speedups.NO_EXTENSIONS or _streamid_c is None) else "compiled"
    assert _speedups.active()["streamid"] == want
    assert streamid.IMPLEMENTATION == want
    chosen = _streamid_py if want == "python" else _streamid_c
    for name in PUBLIC_API:
        assert getattr(streamid, name) is getattr(chosen, name)


def test_no_extensions_env_selects_python_twin():
    probe = ("from redix import _speedups; from redix.types import streamid; "
             "print(_speedups.active()['streamid'], streamid.parse_id.__module__)")
    env = dict(os.environ, REDIX_NO_EXTENSIONS="1")
    out = subprocess.run([sys.executable, "-c", probe], env=env, check=True,
                         capture_output=True, text=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert out.stdout.split() == ["python", "redix.types._streamid_py"]
