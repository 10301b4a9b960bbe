"""Stream IDs, pure-Python twin of ``_streamid_c``.

A stream ID is a plain tuple ``(ms, seq)`` of ints in ``0..2**64-1``, so IDs
compare and sort natively.  Public API (identical in both twins):

``parse_id(raw, missing_seq=0) -> tuple | None``
    ``ms`` or ``ms-seq`` (``seq`` defaults to ``missing_seq``), ``-`` for
    ``(0, 0)`` and ``+`` for the maximum ID.  None when Redis would reply
    "ERR Invalid stream ID specified as stream command argument".
``parse_range_id(raw, missing_seq) -> (tuple | None, bool)``
    An XRANGE/XREVRANGE/XPENDING bound: ``parse_id`` plus a leading ``(``
    for an exclusive bound, returned as the flag.  After ``(`` the ``-`` and
    ``+`` shorthands are invalid.  Invalid input gives ``(None, False)``.
``parse_xadd_id(raw) -> (kind, ms, seq)``
    XADD's ID argument; ``kind`` is ``ID_AUTO`` (``*``), ``ID_AUTO_SEQ``
    (``ms-*``), ``ID_EXPLICIT`` or ``ID_INVALID`` (ms and seq are 0 unless
    parsed).  ``-`` and ``+`` are invalid here.
``next_id(last, now_ms) -> tuple | None``
    The ID ``*`` generates after ``last``; None once ``last`` is the maximum.
``seq_id(last, ms) -> tuple | None``
    The ID ``ms-*`` generates after ``last``; None if it would not be greater.
``incr_id(id)``, ``decr_id(id) -> tuple | None``
    Neighbour IDs; None past either end.
``format_id(id) -> bytes`` (``b"ms-seq"``), ``compare_id(a, b) -> int`` (-1/0/1).

Number syntax is Redis 7.0's, verified against redis-server 7.0.15, and is
looser than it looks: each part may carry C-whitespace, a ``+`` sign and
leading zeros (``" +01"``); a ``-`` sign wraps modulo 2**64 (``1--1`` is
invalid but ``1--01`` is ``1-18446744073709551615``, see ``_parse_u64``); an
argument is read only up to its first NUL byte (``b"1\\0junk"`` is ``1``) but
longer than 127 bytes in total is invalid; XADD's ``*`` test ignores that
length limit.  Other bad types raise TypeError, out-of-range ints
OverflowError, a wrong-sized ID tuple ValueError.
"""
from operator import index as _as_index

__all__ = [
    "ID_INVALID", "ID_AUTO", "ID_AUTO_SEQ", "ID_EXPLICIT",
    "parse_id", "parse_range_id", "parse_xadd_id",
    "next_id", "seq_id", "incr_id", "decr_id", "format_id", "compare_id",
]

ID_INVALID = 0
ID_AUTO = 1
ID_AUTO_SEQ = 2
ID_EXPLICIT = 3

_UINT64_MAX = (1 << 64) - 1
_MIN_ID = (0, 0)
_MAX_ID = (_UINT64_MAX, _UINT64_MAX)
# Redis copies the argument into a 128-byte C buffer first.
_MAX_ARGUMENT_LEN = 127
_C_WHITESPACE = b" \t\n\v\f\r"
# Largest magnitude Redis's signed parser accepts for a negative number.
_LLONG_MIN_MAGNITUDE = 1 << 63


def _as_bytes(raw) -> "bytes | bytearray":
    # memoryview() rejects str and int the way the compiled twin does.
    if isinstance(raw, (bytes, bytearray)):
        return raw
    return bytes(memoryview(raw))


def _as_u64(value) -> int:
    value = _as_index(value)
    if not 0 <= value <= _UINT64_MAX:
        raise OverflowError("stream ID part out of range 0..2**64-1")
    return value


def _unpack(stream_id) -> "tuple[int, int]":
    ms, seq = stream_id
    return _as_u64(ms), _as_u64(seq)


def _parse_u64(text: bytes) -> "int | None":
    """One ID part with Redis's string-to-unsigned rules, or None.

    Redis first tries a strict signed parse and rejects any negative number
    it accepts ("-5", down to -2**63); everything else goes to C strtoull,
    which skips leading whitespace, takes one optional sign and wraps a
    negative value modulo 2**64, but fails on overflow and trailing bytes.
    """
    if (len(text) > 1 and text[0:1] == b"-" and text[1:2] != b"0"
            and text[1:].isdigit() and int(text[1:]) <= _LLONG_MIN_MAGNITUDE):
        return None
    body = text.lstrip(_C_WHITESPACE)
    negative = body[:1] == b"-"
    if body[:1] in (b"+", b"-"):
        body = body[1:]
    # bytes.isdigit() is ASCII-only, and it keeps int() from accepting
    # underscores or surrounding whitespace.
    if not body.isdigit():
        return None
    value = int(body)
    if value > _UINT64_MAX:
        return None
    return -value & _UINT64_MAX if negative else value


def _parse(raw, missing_seq: int, strict: bool, xadd: bool) -> "tuple[int, int, int]":
    """(kind, ms, seq) for every parser; see the module docstring."""
    raw = _as_bytes(raw)
    text = bytes(raw).split(b"\0", 1)[0]
    if xadd and text == b"*":
        return ID_AUTO, 0, 0
    if len(raw) > _MAX_ARGUMENT_LEN:
        return ID_INVALID, 0, 0
    if text == b"-" or text == b"+":
        if strict:
            return ID_INVALID, 0, 0
        return (ID_EXPLICIT, *(_MIN_ID if text == b"-" else _MAX_ID))
    ms_text, dash, seq_text = text.partition(b"-")
    ms = _parse_u64(ms_text)
    if ms is None:
        return ID_INVALID, 0, 0
    if not dash:
        return ID_EXPLICIT, ms, missing_seq
    if xadd and seq_text == b"*":
        return ID_AUTO_SEQ, ms, 0
    seq = _parse_u64(seq_text)
    if seq is None:
        return ID_INVALID, 0, 0
    return ID_EXPLICIT, ms, seq


def parse_id(raw, missing_seq: int = 0) -> "tuple[int, int] | None":
    """Parse ``ms``, ``ms-seq``, ``-`` or ``+``; None if invalid."""
    kind, ms, seq = _parse(raw, _as_u64(missing_seq), strict=False, xadd=False)
    return (ms, seq) if kind == ID_EXPLICIT else None


def parse_range_id(raw, missing_seq: int) -> "tuple[tuple[int, int] | None, bool]":
    """Parse a range bound; ``(`` makes it exclusive: ``(id, exclusive)``."""
    missing_seq = _as_u64(missing_seq)
    raw = _as_bytes(raw)
    # A lone "(" is not exclusive: it is parsed, and rejected, as an ID.
    exclusive = len(raw) > 1 and raw[0] == 0x28  # '('
    if exclusive:
        kind, ms, seq = _parse(raw[1:], missing_seq, strict=True, xadd=False)
    else:
        kind, ms, seq = _parse(raw, missing_seq, strict=False, xadd=False)
    if kind != ID_EXPLICIT:
        return None, False
    return (ms, seq), exclusive


def parse_xadd_id(raw) -> "tuple[int, int, int]":
    """Classify XADD's ID argument as ``(kind, ms, seq)``."""
    return _parse(raw, 0, strict=True, xadd=True)


def incr_id(stream_id) -> "tuple[int, int] | None":
    """The smallest ID greater than ``stream_id``, or None if it is the max."""
    ms, seq = _unpack(stream_id)
    if seq < _UINT64_MAX:
        return ms, seq + 1
    if ms < _UINT64_MAX:
        return ms + 1, 0
    return None


def decr_id(stream_id) -> "tuple[int, int] | None":
    """The largest ID smaller than ``stream_id``, or None if it is 0-0."""
    ms, seq = _unpack(stream_id)
    if seq > 0:
        return ms, seq - 1
    if ms > 0:
        return ms - 1, _UINT64_MAX
    return None


def next_id(last, now_ms: int) -> "tuple[int, int] | None":
    """The ID ``XADD *`` assigns after ``last`` at time ``now_ms``.

    A clock behind ``last`` (or equal to it) keeps ``last``'s millisecond
    and bumps the sequence, carrying into the next millisecond.
    """
    ms, seq = _unpack(last)
    now_ms = _as_u64(now_ms)
    if now_ms > ms:
        return now_ms, 0
    return incr_id((ms, seq))


def seq_id(last, ms: int) -> "tuple[int, int] | None":
    """The ID ``XADD ms-*`` assigns after ``last``; None if not greater."""
    last_ms, last_seq = _unpack(last)
    ms = _as_u64(ms)
    if ms > last_ms:
        return ms, 0
    if ms == last_ms and last_seq < _UINT64_MAX:
        return ms, last_seq + 1
    return None


def format_id(stream_id) -> bytes:
    """``b"ms-seq"``."""
    ms, seq = _unpack(stream_id)
    return b"%d-%d" % (ms, seq)


def compare_id(a, b) -> int:
    """-1, 0 or 1 as ``a`` is below, equal to or above ``b``."""
    a = _unpack(a)
    b = _unpack(b)
    return (a > b) - (a < b)
