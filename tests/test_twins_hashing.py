"""Keyspace hashing twins: fixed vectors, compiled-vs-Python agreement, selector.

Every literal expectation below was checked against redis-server 7.0.15:
slots with CLUSTER KEYSLOT, CRC-64 with DUMP payload trailers, case-sensitive
globs with KEYS, case-insensitive ones with CONFIG GET (Redis's nocase user).
No server is needed to run these tests.
"""
import functools
import importlib
import inspect
import os
import struct
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings, strategies as st

from redix import _speedups
from redix.keyspace import _hashing_py

try:
    _hashing_c = importlib.import_module("redix.keyspace._hashing_c")
    _COMPILED_MISSING = None
except ImportError as exc:  # pragma: no cover - depends on the build
    _hashing_c = None
    _COMPILED_MISSING = (f"compiled twin redix.keyspace._hashing_c not importable ({exc}); "
                         "build it with: python setup.py build_ext --inplace")

needs_compiled = pytest.mark.skipif(_hashing_c is None, reason=_COMPILED_MISSING or "")


@pytest.fixture(params=["compiled", "python"])
def impl(request):
    if request.param == "compiled":
        if _hashing_c is None:
            pytest.skip(_COMPILED_MISSING)
        return _hashing_c
    return _hashing_py


def outcome(func, *args):
    """A comparable result: the value, or the exception type raised."""
    try:
        return ("ok", func(*args))
    except Exception as exc:  # noqa: BLE001 - comparing behaviour, any kind
        return ("raises", type(exc))


# --------------------------------------------------------------------------
# CRC-16 and slots

def test_crc16_check_value(impl):
    assert impl.crc16(b"123456789") == 0x31C3
    assert impl.crc16(b"") == 0


# CLUSTER KEYSLOT on redis-server 7.0.15 --cluster-enabled yes
KEYSLOTS = [
    (b"123456789", 12739),
    (b"{user1000}.following", 3443),
    (b"foo{}{bar}", 8363),        # empty first tag: whole key
    (b"foo{{bar}}zap", 4015),     # tag is "{bar"
    (b"foo{bar}{zap}", 5061),     # first tag wins
    (b"{}", 15257),
    (b"{", 4092),
    (b"}", 12090),
    (b"a{b", 13340),
    (b"", 0),
    (b"{a}", 15495),
]


@pytest.mark.parametrize("key, slot", KEYSLOTS, ids=[repr(k) for k, _ in KEYSLOTS])
def test_key_hash_slot_matches_redis(impl, key, slot):
    assert impl.key_hash_slot(key) == slot


def test_hashtag_keys_share_a_slot(impl):
    assert impl.key_hash_slot(b"{user1000}.following") == impl.key_hash_slot(b"user1000")
    assert impl.key_hash_slot(b"x{tag}y") == impl.key_hash_slot(b"{tag}") == impl.key_hash_slot(b"tag")


# --------------------------------------------------------------------------
# CRC-64

# DUMP payloads from redis-server 7.0.15; the last 8 bytes are the
# little-endian CRC-64 of everything before them.
DUMP_PAYLOADS = [
    b"\x00\x0bhello world\n\x00\x0b\xfcI\xb9\xa6\xc7\xa04",
    b"\x12\x01\x02\x10\x10\x00\x00\x00\x03\x00\x81a\x02\x81b\x02\x81c\x02\xff\n\x00"
    b"\xc8\x18\xb9\x0c\x953R\x9e",
]


def test_crc64_check_value(impl):
    assert impl.crc64(0, b"123456789") == 0xE9C6D914C4B8D9CA
    assert impl.crc64(0, b"") == 0
    assert impl.crc64(12345, b"") == 12345


@pytest.mark.parametrize("payload", DUMP_PAYLOADS)
def test_crc64_matches_dump_trailer(impl, payload):
    body, trailer = payload[:-8], payload[-8:]
    assert impl.crc64(0, body) == struct.unpack("<Q", trailer)[0]


def test_crc64_is_incremental(impl):
    data = bytes(range(256)) * 300  # big enough for the compiled nogil path
    whole = impl.crc64(0, data)
    for cut in (0, 1, 7, 8, 9, 1000, len(data) - 1, len(data)):
        assert impl.crc64(impl.crc64(0, data[:cut]), data[cut:]) == whole


def test_crc64_rejects_bad_running_values(impl):
    with pytest.raises(OverflowError):
        impl.crc64(-1, b"x")
    with pytest.raises(OverflowError):
        impl.crc64(1 << 64, b"x")
    with pytest.raises(TypeError):
        impl.crc64(1.0, b"x")
    assert impl.crc64((1 << 64) - 1, b"x") == _hashing_py.crc64((1 << 64) - 1, b"x")


# --------------------------------------------------------------------------
# Glob matching

# (pattern, string, matches) with nocase=False, each confirmed with KEYS.
GLOB_VECTORS = [
    (b"h?llo", b"hello", True),
    (b"h*llo", b"hllo", True),
    (b"h[ae]llo", b"hallo", True),
    (b"h[^e]llo", b"hello", False),
    (b"h[^e]llo", b"hallo", True),
    (b"h[a-b]llo", b"hbllo", True),
    (b"[z-a]", b"m", True),                 # reversed range
    (b"[z-a]", b"z", True),
    (b"[", b"[", False),                    # lone '[' is an empty set
    (b"[", b"a", False),
    (b"[abc", b"b", True),                  # unterminated set: rest of pattern
    (b"[abc", b"[", False),
    (b"[]", b"]", False),                   # ']' right after '[' closes it
    (b"[]a]", b"a", False),
    (b"[]a]", b"]a", False),
    (b"[]a]", b"a]", False),
    (b"[^]", b"x", True),                   # negated empty set: any byte
    (b"[^]", b"]", True),
    (b"[^", b"x", True),
    (b"[^", b"^", True),
    (b"[^]a]", b"xa]", True),
    (b"[a-]", b"^", True),                  # range a..']' (reversed)
    (b"[a-]", b"]", True),
    (b"[a-]", b"-", False),
    (b"[a-]x", b"x", True),                 # ...and the set never closes
    (b"[a-]x", b"a", True),
    (b"[a-]x", b"ax", False),
    (b"[\\]]", b"]", True),
    (b"[\\]]", b"\\", False),
    (b"[\\]", b"]", True),
    (b"[\\]", b"\\", False),
    (b"[\\", b"\\", True),                  # trailing backslash is literal
    (b"\\", b"\\", True),
    (b"a\\", b"a\\", True),
    (b"\\\\", b"\\", True),
    (b"\\*", b"*", True),
    (b"\\*", b"a", False),
    (b"\\?", b"?", True),
    (b"\\?", b"x", False),
    (b"\\a", b"a", True),
    (b"\\[abc]", b"[abc]", True),
    (b"[*]", b"*", True),
    (b"[[]", b"[", True),
    (b"[[-]]", b"]", True),
    (b"[^^]", b"^", False),
    (b"[]-a]", b"]", False),
    (b"[!a]", b"b", False),                 # '!' is not a negation
    (b"[!a]", b"!", True),
    (b"[-a]", b"-", True),
    (b"[a-b-c]", b"-", True),
    (b"[a-b-c]", b"c", True),
    (b"[\\a-z]", b"m", False),              # escaped 'a' cannot start a range
    (b"[\\a-z]", b"-", True),
    (b"[\\a-z]", b"z", True),
    (b"[^a-c]", b"b", False),
    (b"[^a-c]", b"d", True),
    (b"[A-Z]", b"a", False),
    (b"[a-Z]", b"_", True),
    (b"A*", b"abc", False),
    (b"a*b*c", b"abc", True),
    (b"a**", b"a", True),
    (b"a*?", b"a", False),
    (b"a*?", b"ab", True),
    (b"*a", b"a", True),
    (b"**?**", b"q", True),
    (b"?*", b"ab", True),
    (b"*[", b"ab", False),
    (b"[a-c]*[x-z]", b"b--y", True),
    (b"*a*a*a*b", b"aaaab", True),
    (b"a*a*a*a*a*a*a*a*b", b"a" * 30, False),
    # Range bounds compare as signed chars: bytes >= 0x80 sort below ASCII.
    (b"[a-\xff]", b"\x80", False),
    (b"[a-\xff]", b"\xff", True),
    (b"[a-\xff]", b"0", True),
    (b"[a-\xff]", b"b", False),
    (b"[\x80-\xff]", b"\x90", True),
    (b"[\x00-a]", b"\x80", False),
    (b"[\x00-a]", b"\x00", True),
    (b"[\xe4-\xe6]", b"\xe5", True),
    (b"[\xe6-\xe4]", b"\xe5", True),
    (b"\xe4*", b"\xe4\xb8\xad", True),
    # NUL bytes are ordinary bytes.
    (b"a\x00b", b"a\x00b", True),
    (b"a\x00b", b"a", False),
    (b"[\x00]", b"\x00", True),
    (b"*\x00", b"x\x00", True),
    # The empty string matches only the empty pattern ("KEYS **" skips the
    # key "", and PSUBSCRIBE * gets nothing from PUBLISH "").
    (b"", b"", True),
    (b"**", b"", False),
    (b"*", b"", False),
    (b"*?", b"", False),
    (b"", b"x", False),
]

# (pattern, string, matches) with nocase=True, each confirmed with CONFIG GET.
NOCASE_VECTORS = [
    (b"[Z-a]ppendonly", b"appendonly", False),   # ordered, then folded: z..a
    (b"[y-Z]ppendonly", b"appendonly", False),
    (b"[A-z]ppendonly", b"appendonly", True),
    (b"[\\A]ppendonly", b"appendonly", False),   # escapes in sets keep case
    (b"[\\a]ppendonly", b"appendonly", True),
    (b"[^B]ppendonly", b"appendonly", True),
    (b"[^A]ppendonly", b"appendonly", False),
    (b"\\Appendonl?", b"appendonly", True),      # escapes outside sets fold
    (b"[a-c]PPENDONL[X-Z]", b"appendonly", True),
    (b"A*Y", b"appendonly", True),
    (b"?PPEND?NLY", b"appendonly", True),
    (b"MAXMEM*", b"maxmemory-policy", True),
    (b"maxmemory-polic[X-Z]", b"maxmemory-policy", True),
]


@pytest.mark.parametrize("pattern, string, expected", GLOB_VECTORS,
                         ids=[f"{p!r}~{s!r}" for p, s, _ in GLOB_VECTORS])
def test_glob_matches_redis_keys(impl, pattern, string, expected):
    assert impl.glob_match(pattern, string) is expected
    assert impl.glob_match(pattern, string, False) is expected


@pytest.mark.parametrize("pattern, string, expected", NOCASE_VECTORS,
                         ids=[f"{p!r}~{s!r}" for p, s, _ in NOCASE_VECTORS])
def test_glob_nocase_matches_redis_config_get(impl, pattern, string, expected):
    assert impl.glob_match(pattern, string, True) is expected


def test_glob_nocase_folds_ascii_only(impl):
    assert impl.glob_match(b"HELLO", b"hello", nocase=True)
    assert not impl.glob_match(b"HELLO", b"hello")
    assert not impl.glob_match(b"\xc4", b"\xe4", nocase=True)


def test_glob_accepts_buffers_and_rejects_str(impl):
    assert impl.glob_match(bytearray(b"a*"), memoryview(b"abc"))
    with pytest.raises(TypeError):
        impl.glob_match("a*", b"abc")
    with pytest.raises(TypeError):
        impl.crc16("abc")


PATHOLOGICAL = [
    (b"a*" * 40 + b"b", b"a" * 10_000),
    (b"*a" * 40 + b"*b", b"a" * 10_000),
    (b"a*a*a*a*a*a*a*a*b", b"a" * 10_000),
    (b"*?" * 40 + b"[^a]", b"a" * 10_000),
]


@pytest.mark.parametrize("pattern, string", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_glob_is_not_exponential(impl, pattern, string):
    started = time.perf_counter()
    assert impl.glob_match(pattern, string) is False
    assert impl.glob_match(pattern, string + b"b") is True
    # Milliseconds in practice (the Python twin needs ~5 ms); the bound only
    # has to catch exponential blow-up on a loaded test machine.
    assert time.perf_counter() - started < 1.0


# --------------------------------------------------------------------------
# Compiled vs Python, and both vs a brute-force reference

def reference_glob(pattern: bytes, string: bytes, nocase: bool = False) -> bool:
    """Exhaustive (memoised) search over every way the stars can split the
    string: obviously right about '*', and independent of the twins'
    last-star shortcut.  Single-byte tokens are judged by the Python twin,
    whose token rules the fixed vectors pin down."""
    tokens = []
    pos = 0
    while pos < len(pattern):
        if pattern[pos] == ord("*"):
            while pos < len(pattern) and pattern[pos] == ord("*"):
                pos += 1
            tokens.append(None)
            continue
        # Each other token consumes one byte; let the Python twin's token
        # matcher decide membership, byte by byte.
        if pattern[pos] == ord("["):
            end = _hashing_py._class_token(pattern, pos, len(pattern), 0, nocase)[1]
        elif pattern[pos] == ord("\\") and pos + 1 < len(pattern):
            end = pos + 2
        else:
            end = pos + 1
        tokens.append(pattern[pos:end])
        pos = end
    if not string:
        return not pattern

    @functools.lru_cache(maxsize=None)
    def match(t, s):
        if t == len(tokens):
            return s == len(string)
        if tokens[t] is None:
            return any(match(t + 1, k) for k in range(s, len(string) + 1))
        return (s < len(string)
                and _hashing_py.glob_match(tokens[t], string[s:s + 1], nocase)
                and match(t + 1, s + 1))

    return match(0, 0)


GLOB_ALPHABET = b"ab*?[]^-\\AB\x00\x80\xff"
glob_bytes = st.lists(st.sampled_from(list(GLOB_ALPHABET)), max_size=10).map(bytes)
subject_bytes = st.lists(st.sampled_from(list(b"abAB-]^[\\*?\x00\x80\xff")), max_size=10).map(bytes)


@needs_compiled
@settings(max_examples=2000, deadline=None)
@given(pattern=glob_bytes, string=subject_bytes, nocase=st.booleans())
def test_glob_twins_agree_with_each_other_and_reference(pattern, string, nocase):
    expected = _hashing_py.glob_match(pattern, string, nocase)
    assert _hashing_c.glob_match(pattern, string, nocase) is expected
    assert reference_glob(pattern, string, nocase) is expected


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(pattern=st.binary(max_size=40), string=st.binary(max_size=400), nocase=st.booleans())
def test_glob_twins_agree_on_arbitrary_bytes(pattern, string, nocase):
    assert outcome(_hashing_c.glob_match, pattern, string, nocase) == \
        outcome(_hashing_py.glob_match, pattern, string, nocase)


@needs_compiled
@settings(max_examples=500, deadline=None)
@given(data=st.binary(max_size=2000), crc=st.integers(min_value=-2, max_value=(1 << 64) + 1))
def test_checksum_twins_agree(data, crc):
    assert _hashing_c.crc16(data) == _hashing_py.crc16(data)
    assert _hashing_c.key_hash_slot(data) == _hashing_py.key_hash_slot(data)
    assert outcome(_hashing_c.crc64, crc, data) == outcome(_hashing_py.crc64, crc, data)


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(prefix=st.binary(max_size=8), tag=st.binary(max_size=8), suffix=st.binary(max_size=8))
def test_slot_twins_agree_on_braces(prefix, tag, suffix):
    key = prefix + b"{" + tag + b"}" + suffix
    assert _hashing_c.key_hash_slot(key) == _hashing_py.key_hash_slot(key)


@needs_compiled
def test_crc64_twins_agree_on_a_large_buffer():
    data = os.urandom(70_000)  # above the compiled twin's GIL-release size
    assert _hashing_c.crc64(7, data) == _hashing_py.crc64(7, data)


# --------------------------------------------------------------------------
# Interface and selection

PUBLIC_API = {"crc16", "key_hash_slot", "crc64", "glob_match"}


def public_names(module):
    return {name for name in dir(module) if not name.startswith("_")}


@needs_compiled
def test_twins_expose_the_same_names_and_signatures():
    assert public_names(_hashing_c) == public_names(_hashing_py) == PUBLIC_API
    assert set(_hashing_c.__all__) == set(_hashing_py.__all__) == PUBLIC_API
    for name in PUBLIC_API:
        compiled = inspect.signature(getattr(_hashing_c, name)).parameters
        python = inspect.signature(getattr(_hashing_py, name)).parameters
        assert [(p.name, p.kind, p.default) for p in compiled.values()] == \
            [(p.name, p.kind, p.default) for p in python.values()], name


def test_selector_honours_environment():
    from redix.keyspace import hashing

    want = "python" if (_speedups.NO_EXTENSIONS or _hashing_c is None) else "compiled"
    assert _speedups.active()["hashing"] == want
    assert hashing.IMPLEMENTATION == want
    chosen = _hashing_py if want == "python" else _hashing_c
    for name in PUBLIC_API:
        assert getattr(hashing, name) is getattr(chosen, name)


def test_no_extensions_env_selects_python_twin():
    probe = ("from redix import _speedups; from redix.keyspace import hashing; "
             "print(_speedups.active()['hashing'], hashing.glob_match.__module__)")
    env = dict(os.environ, REDIX_NO_EXTENSIONS="1")
    out = subprocess.run([sys.executable, "-c", probe], env=env, check=True,
                         capture_output=True, text=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert out.stdout.split() == ["python", "redix.keyspace._hashing_py"]
