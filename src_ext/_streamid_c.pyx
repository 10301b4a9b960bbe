# cython: language_level=3
"""Stream IDs, compiled twin of ``_streamid_py``.

A stream ID is a plain tuple ``(ms, seq)`` of ints in ``0..2**64-1``.
Public API (identical in both twins; ``redix/types/_streamid_py.py`` has the
full contract and the Redis parsing quirks mirrored):

``parse_id(raw, missing_seq=0) -> tuple | None``
``parse_range_id(raw, missing_seq) -> (tuple | None, bool)``
``parse_xadd_id(raw) -> (kind, ms, seq)`` with ``ID_AUTO``, ``ID_AUTO_SEQ``,
``ID_EXPLICIT``, ``ID_INVALID``
``next_id(last, now_ms)``, ``seq_id(last, ms)``, ``incr_id(id)``,
``decr_id(id) -> tuple | None``
``format_id(id) -> bytes``, ``compare_id(a, b) -> int``

Every XADD/XRANGE/XREAD argument and every generated ID goes through here,
so the parsers work on the argument's bytes in C with uint64 arithmetic.
"""
from libc.stdint cimport uint64_t
from libc.stdio cimport snprintf
from libc.string cimport memchr
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_GET_SIZE, PyBytes_FromStringAndSize
from cpython.number cimport PyNumber_Index

__all__ = [
    "ID_INVALID", "ID_AUTO", "ID_AUTO_SEQ", "ID_EXPLICIT",
    "parse_id", "parse_range_id", "parse_xadd_id",
    "next_id", "seq_id", "incr_id", "decr_id", "format_id", "compare_id",
]

cdef enum IdKind:
    KIND_INVALID = 0
    KIND_AUTO = 1
    KIND_AUTO_SEQ = 2
    KIND_EXPLICIT = 3

ID_INVALID = KIND_INVALID
ID_AUTO = KIND_AUTO
ID_AUTO_SEQ = KIND_AUTO_SEQ
ID_EXPLICIT = KIND_EXPLICIT

cdef enum:
    # Redis copies the argument into a 128-byte C buffer first.
    MAX_ARGUMENT_LEN = 127
    # Room for "18446744073709551615-18446744073709551615" and a NUL.
    FORMAT_BUFFER = 48

cdef uint64_t U64_MAX = 0xFFFFFFFFFFFFFFFFULL
# Largest magnitude Redis's signed parser accepts for a negative number.
cdef uint64_t LLONG_MIN_MAGNITUDE = 0x8000000000000000ULL


cdef inline bytes _as_bytes(object raw):
    # Same coercion as the Python twin: str and int raise TypeError.
    if type(raw) is bytes:
        return <bytes>raw
    return bytes(memoryview(raw))


cdef inline uint64_t _as_u64(object value) except? 0xFFFFFFFFFFFFFFFFULL:
    # Index first so floats are a TypeError, as in the Python twin; the C
    # conversion then raises OverflowError outside 0..2**64-1.
    return PyNumber_Index(value)


cdef inline int _unpack(object stream_id, uint64_t* ms, uint64_t* seq) except -1:
    ms_obj, seq_obj = stream_id
    ms[0] = _as_u64(ms_obj)
    seq[0] = _as_u64(seq_obj)
    return 0


# --------------------------------------------------------------------------
# Parsing

cdef inline bint _is_c_space(unsigned char ch) noexcept nogil:
    return ch == b' ' or b'\t' <= ch <= b'\r'


cdef bint _is_small_negative(const unsigned char* text, Py_ssize_t size) noexcept nogil:
    # Redis's strict signed parser accepts "-[1-9][0-9]*" down to -2**63,
    # and such negatives are rejected before strtoull could wrap them.
    cdef uint64_t magnitude = 0
    cdef Py_ssize_t i
    if size < 2 or text[0] != b'-' or not (b'1' <= text[1] <= b'9'):
        return False
    for i in range(1, size):
        if not (b'0' <= text[i] <= b'9'):
            return False
        if magnitude > (LLONG_MIN_MAGNITUDE - (text[i] - c'0')) // 10:
            return False
        magnitude = magnitude * 10 + (text[i] - c'0')
    return True


cdef bint _parse_u64(const unsigned char* text, Py_ssize_t size, uint64_t* out) noexcept nogil:
    """One ID part with Redis's string-to-unsigned rules (see the Python
    twin's ``_parse_u64``): leading C whitespace, one optional sign, digits
    only, overflow fails, a '-' wraps modulo 2**64."""
    cdef Py_ssize_t i = 0
    cdef bint negative = False
    cdef uint64_t value = 0
    cdef unsigned int digit
    if _is_small_negative(text, size):
        return False
    while i < size and _is_c_space(text[i]):
        i += 1
    if i < size and (text[i] == b'+' or text[i] == b'-'):
        negative = text[i] == b'-'
        i += 1
    if i == size:
        return False
    while i < size:
        if not (b'0' <= text[i] <= b'9'):
            return False
        digit = text[i] - c'0'
        if value > (U64_MAX - digit) // 10:
            return False
        value = value * 10 + digit
        i += 1
    out[0] = (0 - value) if negative else value
    return True


cdef IdKind _parse(const unsigned char* raw, Py_ssize_t raw_size, uint64_t missing_seq,
                   bint strict, bint xadd, uint64_t* ms, uint64_t* seq) noexcept nogil:
    """Shared core of the three parsers; see the Python twin's ``_parse``."""
    # Redis reads the argument as a C string: it ends at the first NUL.
    cdef const unsigned char* nul = <const unsigned char*>memchr(raw, 0, raw_size)
    cdef Py_ssize_t size = (nul - raw) if nul != NULL else raw_size
    cdef const unsigned char* dash
    cdef Py_ssize_t ms_size
    ms[0] = 0
    seq[0] = 0
    if xadd and size == 1 and raw[0] == b'*':
        # XADD tests for "*" before the length limit applies.
        return KIND_AUTO
    if raw_size > MAX_ARGUMENT_LEN:
        return KIND_INVALID
    if size == 1 and (raw[0] == b'-' or raw[0] == b'+'):
        if strict:
            return KIND_INVALID
        if raw[0] == b'+':
            ms[0] = U64_MAX
            seq[0] = U64_MAX
        return KIND_EXPLICIT
    dash = <const unsigned char*>memchr(raw, b'-', size)
    ms_size = (dash - raw) if dash != NULL else size
    if not _parse_u64(raw, ms_size, ms):
        ms[0] = 0
        return KIND_INVALID
    if dash == NULL:
        seq[0] = missing_seq
        return KIND_EXPLICIT
    if xadd and size - ms_size == 2 and dash[1] == b'*':
        return KIND_AUTO_SEQ
    if not _parse_u64(dash + 1, size - ms_size - 1, seq):
        ms[0] = 0
        seq[0] = 0
        return KIND_INVALID
    return KIND_EXPLICIT


def parse_id(raw, missing_seq=0):
    """Parse ``ms``, ``ms-seq``, ``-`` or ``+``; None if invalid."""
    cdef uint64_t default_seq = _as_u64(missing_seq)
    cdef bytes data = _as_bytes(raw)
    cdef uint64_t ms, seq
    if _parse(<const unsigned char*>PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data),
              default_seq, False, False, &ms, &seq) != KIND_EXPLICIT:
        return None
    return (ms, seq)


def parse_range_id(raw, missing_seq):
    """Parse a range bound; ``(`` makes it exclusive: ``(id, exclusive)``."""
    cdef uint64_t default_seq = _as_u64(missing_seq)
    cdef bytes data = _as_bytes(raw)
    cdef const unsigned char* text = <const unsigned char*>PyBytes_AS_STRING(data)
    cdef Py_ssize_t size = PyBytes_GET_SIZE(data)
    cdef uint64_t ms, seq
    # A lone "(" is not exclusive: it is parsed, and rejected, as an ID.
    cdef bint exclusive = size > 1 and text[0] == b'('
    cdef IdKind kind
    if exclusive:
        # After "(" Redis parses strictly: "-" and "+" are invalid.
        kind = _parse(text + 1, size - 1, default_seq, True, False, &ms, &seq)
    else:
        kind = _parse(text, size, default_seq, False, False, &ms, &seq)
    if kind != KIND_EXPLICIT:
        return (None, False)
    return ((ms, seq), exclusive)


def parse_xadd_id(raw):
    """Classify XADD's ID argument as ``(kind, ms, seq)``."""
    cdef bytes data = _as_bytes(raw)
    cdef uint64_t ms, seq
    cdef IdKind kind = _parse(<const unsigned char*>PyBytes_AS_STRING(data),
                              PyBytes_GET_SIZE(data), 0, True, True, &ms, &seq)
    return (<int>kind, ms, seq)


# --------------------------------------------------------------------------
# Arithmetic and formatting

def incr_id(stream_id):
    """The smallest ID greater than ``stream_id``, or None if it is the max."""
    cdef uint64_t ms, seq
    _unpack(stream_id, &ms, &seq)
    if seq < U64_MAX:
        return (ms, seq + 1)
    if ms < U64_MAX:
        return (ms + 1, 0)
    return None


def decr_id(stream_id):
    """The largest ID smaller than ``stream_id``, or None if it is 0-0."""
    cdef uint64_t ms, seq
    _unpack(stream_id, &ms, &seq)
    if seq > 0:
        return (ms, seq - 1)
    if ms > 0:
        return (ms - 1, U64_MAX)
    return None


def next_id(last, now_ms):
    """The ID ``XADD *`` assigns after ``last`` at time ``now_ms``.

    A clock behind ``last`` (or equal to it) keeps ``last``'s millisecond
    and bumps the sequence, carrying into the next millisecond.
    """
    cdef uint64_t ms, seq
    _unpack(last, &ms, &seq)
    cdef uint64_t now = _as_u64(now_ms)
    if now > ms:
        return (now, 0)
    if seq < U64_MAX:
        return (ms, seq + 1)
    if ms < U64_MAX:
        return (ms + 1, 0)
    return None


def seq_id(last, ms):
    """The ID ``XADD ms-*`` assigns after ``last``; None if not greater."""
    cdef uint64_t last_ms, last_seq
    _unpack(last, &last_ms, &last_seq)
    cdef uint64_t wanted_ms = _as_u64(ms)
    if wanted_ms > last_ms:
        return (wanted_ms, 0)
    if wanted_ms == last_ms and last_seq < U64_MAX:
        return (wanted_ms, last_seq + 1)
    return None


def format_id(stream_id):
    """``b"ms-seq"``."""
    cdef uint64_t ms, seq
    cdef char buffer[FORMAT_BUFFER]
    _unpack(stream_id, &ms, &seq)
    cdef int size = snprintf(buffer, FORMAT_BUFFER, "%llu-%llu",
                             <unsigned long long>ms, <unsigned long long>seq)
    return PyBytes_FromStringAndSize(buffer, size)


def compare_id(a, b):
    """-1, 0 or 1 as ``a`` is below, equal to or above ``b``."""
    cdef uint64_t a_ms, a_seq, b_ms, b_seq
    _unpack(a, &a_ms, &a_seq)
    _unpack(b, &b_ms, &b_seq)
    if a_ms != b_ms:
        return -1 if a_ms < b_ms else 1
    if a_seq != b_seq:
        return -1 if a_seq < b_seq else 1
    return 0
