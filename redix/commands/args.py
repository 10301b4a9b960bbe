"""Argument parsing shared by every command family, with Redis's exact rules.

``parse_int`` is Redis's string2ll (no '+', no spaces, no leading zeros);
``parse_float`` is strtold as Redis uses it (inf accepted, NaN and spaces not).
Both raise ``CommandError`` with the message a Redis user would see.
"""
from __future__ import annotations

import math

from redix.errors import (INT32_RANGE, INVALID_CURSOR, NOT_FLOAT, NOT_INTEGER, SYNTAX,
                          CommandError)

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UINT64_MAX = (1 << 64) - 1


def to_int(raw: bytes):
    """string2ll: the integer, or None when Redis would reject it."""
    if not raw or len(raw) > 20:
        return None
    body = raw[1:] if raw[0] == 45 else raw
    if not body.isdigit() or (body[0] == 48 and len(body) > 1) or (body == b"0" and raw[0] == 45):
        return None
    value = int(raw)
    return value if INT64_MIN <= value <= INT64_MAX else None


def parse_int(raw: bytes, message: bytes = NOT_INTEGER) -> int:
    value = to_int(raw)
    if value is None:
        raise CommandError(message)
    return value


def parse_int32(raw: bytes, message: bytes | None = None) -> int:
    """getIntFromObjectOrReply: an int64 that must also fit in a C int.

    With ``message`` (SWAPDB's "invalid first DB index"...) that one text is
    used for both failures, as Redis does.
    """
    value = to_int(raw)
    if value is None:
        raise CommandError(message or NOT_INTEGER)
    if not -(1 << 31) <= value < (1 << 31):
        raise CommandError(message or INT32_RANGE)
    return value


def parse_cursor(raw: bytes) -> int:
    """A SCAN cursor, accepted as strtoul reads it (ERR invalid cursor otherwise).

    So: leading '+' or '-' allowed (a negative value wraps modulo 2**64),
    leading zeros fine, no spaces, nothing after the digits; the empty
    string is cursor 0 and parsing stops at a NUL byte, as in C.
    """
    raw = raw.split(b"\0", 1)[0]
    if not raw:
        return 0
    body = raw[1:] if raw[0] in b"+-" else raw
    if not body.isdigit():
        raise CommandError(INVALID_CURSOR)
    body = body.lstrip(b"0") or b"0"
    if len(body) > 20:
        raise CommandError(INVALID_CURSOR)
    value = int(body)
    if value > UINT64_MAX:
        raise CommandError(INVALID_CURSOR)
    return (-value) & UINT64_MAX if raw[0] == 45 else value


def to_float(raw: bytes):
    """strtold as Redis applies it: the float, or None."""
    if not raw or raw[0] in b" \t\n\r\v\f" or raw[-1] in b" \t\n\r\v\f":
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    if math.isnan(value) or b"_" in raw:
        return None
    lowered = raw.lower()
    # Python accepts words strtold does not ("infinity" is fine in both, "nan" rejected above).
    if lowered.lstrip(b"+-") not in (b"inf", b"infinity") and not _numeric(lowered):
        return None
    return value


def _numeric(raw: bytes) -> bool:
    for c in raw:
        if c not in b"0123456789+-.e":
            return False
    return True


def parse_float(raw: bytes, message: bytes = NOT_FLOAT) -> float:
    value = to_float(raw)
    if value is None:
        raise CommandError(message)
    return value


def format_float(value: float) -> bytes:
    """Redis's %.17g reply formatting (addReplyDouble in 7.0)."""
    if math.isinf(value):
        return b"inf" if value > 0 else b"-inf"
    return b"%.17g" % value


def format_long_double(value) -> bytes:
    """INCRBYFLOAT/HINCRBYFLOAT output: %.17Lf trimmed, as Redis's ld2string (humanfriendly)."""
    if math.isinf(value):
        return b"inf" if value > 0 else b"-inf"
    text = b"%.17f" % value
    if b"." in text:
        text = text.rstrip(b"0").rstrip(b".")
    if text == b"-0":
        text = b"0"
    return text


def syntax_error():
    raise CommandError(SYNTAX)


# --- doubles as strtod reads them ---------------------------------------------------
# Sorted-set scores, weights, range bounds and coordinates are C doubles read
# with strtod, whose rules differ from Python's float(): hex literals are
# numbers, whitespace and underscores are not, and a finite literal out of
# range is a range error (ERANGE) rather than a silent inf or 0.

_SPACE = b" \t\n\v\f\r"
_INF_WORDS = (b"inf", b"infinity")


def strtod(text: bytes):
    """(value, range_error) if all of ``text`` is one strtod literal, else None.

    ``range_error`` is strtod's ERANGE that callers reject: a finite literal
    too large (value is then +-inf) or a nonzero one too small (value 0.0).
    Leading whitespace is the caller's business (some callers allow it).
    """
    if not text or text[-1] in _SPACE or text[0] in _SPACE or b"_" in text:
        return None
    body = text[1:] if text[0] in b"+-" else text
    if body[:2] in (b"0x", b"0X"):
        mantissa = body[2:].split(b"p")[0].split(b"P")[0]
        try:
            value = float.fromhex(text.decode("ascii"))
        except OverflowError:
            return (float("-inf") if text[0] == 45 else float("inf")), True
        except (ValueError, UnicodeDecodeError):
            return None
        digits = mantissa.replace(b".", b"").lstrip(b"0")
    else:
        try:
            value = float(text)
        except ValueError:
            return None
        if value != value:
            return None
        if value - value != 0.0:
            return value, body.lower() not in _INF_WORDS
        digits = body.split(b"e")[0].split(b"E")[0].replace(b".", b"").lstrip(b"0")
    return value, value == 0.0 and bool(digits)


def to_double(raw: bytes):
    """getDoubleFromObject: the double, or None (spaces, NaN, range errors rejected)."""
    try:
        value = float(raw)
    except ValueError:
        value = None
    # Fast path: a finite nonzero value Python and strtod both read the same way.
    if value and value - value == 0.0 and raw[0] not in _SPACE and raw[-1] not in _SPACE \
            and b"_" not in raw:
        return value
    parsed = strtod(raw)
    if parsed is None or parsed[1]:
        return None
    return parsed[0]


def parse_double(raw: bytes, message: bytes = NOT_FLOAT) -> float:
    value = to_double(raw)
    if value is None:
        raise CommandError(message)
    return value


def strtod_lenient(raw: bytes):
    """A bound as ``strtod(s, &end); if (*end != '\\0') fail`` reads it, or None.

    That C idiom stops at the first NUL, skips leading whitespace, reads the
    empty string as 0 and accepts range errors (1e400 is inf).
    """
    raw = raw.split(b"\0", 1)[0]
    if not raw:
        return 0.0
    stripped = raw.lstrip(_SPACE)
    if not stripped:
        return None
    parsed = strtod(stripped)
    return None if parsed is None else parsed[0]
