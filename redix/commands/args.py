"""Argument parsing shared by every command family, with Redis's exact rules.

``parse_int`` is Redis's string2ll (no '+', no spaces, no leading zeros);
``parse_float`` is strtold as Redis uses it (inf accepted, NaN and spaces not);
``to_long_double`` is that too, exactly, for ``parse_timeout`` (blocking
commands' seconds, rounded up to whole milliseconds as Redis rounds them) and
``parse_timeout_ms`` (XREAD BLOCK, WAIT).  All raise ``CommandError`` with
the message a Redis user would see.
"""
from __future__ import annotations

import math
import re
import time
from fractions import Fraction

from redix.errors import (INT32_RANGE, INVALID_CURSOR, NOT_FLOAT, NOT_INTEGER, SYNTAX,
                          TIMEOUT_NEGATIVE, TIMEOUT_NOT_FLOAT, TIMEOUT_NOT_INTEGER,
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


# --- long doubles and blocking timeouts ----------------------------------------------
# Blocking commands read their timeout in seconds as a C long double (strtold,
# 64-bit mantissa), scale it to milliseconds in that precision and round up.
# The roundings show: "-0.001" is just above -1 ms, so it rounds up to 0 and
# means "wait forever", while "0.0009" waits 1 ms.  Python floats cannot
# reproduce that, so the value is kept exact (Fraction) and rounded the way
# the x87 extended format rounds.

_LD_BITS = 64                # mantissa bits of the x87 extended format
_LD_MIN_NORMAL_EXP = -16382  # 2**-16382 is the smallest normal value
_LD_MAX_EXP = 16384          # every finite value is below 2**16384
_LD_MAX_CHARS = 5 * 1024     # Redis refuses longer long-double strings
_DEC_LITERAL = re.compile(rb"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?")
_HEX_LITERAL = re.compile(rb"([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?")
_INF_LITERAL = re.compile(rb"[+-]?(?:inf|infinity)", re.IGNORECASE)


def _round_long_double(value: Fraction):
    """value rounded to the nearest long double (ties to even); None on overflow."""
    if not value:
        return value
    num, den = abs(value.numerator), value.denominator
    exp = num.bit_length() - den.bit_length()
    if (num << -exp if exp < 0 else num) < (den << exp if exp > 0 else den):
        exp -= 1                           # now 2**exp <= |value| < 2**(exp + 1)
    if exp >= _LD_MAX_EXP:
        return None
    shift = _LD_BITS - 1 - max(exp, _LD_MIN_NORMAL_EXP)   # fewer bits for denormals
    scaled_num, scaled_den = (num << shift, den) if shift >= 0 else (num, den << -shift)
    mantissa, rest = divmod(scaled_num, scaled_den)
    if 2 * rest > scaled_den or (2 * rest == scaled_den and mantissa & 1):
        mantissa += 1
    rounded = Fraction(mantissa) / (1 << shift) if shift >= 0 else Fraction(mantissa << -shift)
    if abs(rounded) >= 1 << _LD_MAX_EXP:
        return None
    return -rounded if value < 0 else rounded


def to_long_double(raw: bytes):
    """Redis's string2ld: the exact long double as a Fraction (a float for +-inf), or None.

    strtold's syntax (decimal, hex with an optional binary exponent, inf and
    infinity in any case); the text ends at a NUL byte as in C; leading space,
    NaN, trailing garbage and range errors (overflow, underflow to zero) fail.
    """
    if not raw or len(raw) >= _LD_MAX_CHARS:
        return None
    raw = raw.split(b"\0", 1)[0]
    match = _HEX_LITERAL.fullmatch(raw)
    base = 16
    if match is None:
        match = _DEC_LITERAL.fullmatch(raw)
        base = 10
        if match is None:
            if _INF_LITERAL.fullmatch(raw):
                return float("-inf") if raw[0] == 45 else float("inf")
            return None
    sign, whole, frac, exp_text = match.groups()
    frac = frac or b""
    if not whole and not frac:
        return None
    digits = (whole + frac).lstrip(b"0")
    if not digits:
        return Fraction(0)
    # value = int(digits, base) * base**exponent, where a hex exponent counts bits.
    exponent = _exponent(exp_text) - len(frac) * (4 if base == 16 else 1)
    if base == 10:
        if len(digits) > 40:
            # More digits than a 64-bit mantissa tells apart: keep a sticky one
            # for the rounding (and stay under int()'s digit limit).
            tail, digits = digits[40:], digits[:40]
            exponent += len(tail)
            if tail.strip(b"0"):
                digits += b"1"
                exponent -= 1
        magnitude = len(digits) + exponent            # about log10 |value|
        mantissa, scale = int(digits), Fraction(10)
    else:
        mantissa, scale = int(digits, 16), Fraction(2)
        magnitude = (mantissa.bit_length() + exponent) * 0.30103
    # Far outside the long double range is a range error whatever the digits.
    if magnitude > 4940 or magnitude < -4960:
        return None
    value = _round_long_double(mantissa * scale ** exponent)
    if not value:       # overflow (None), or a nonzero literal that underflowed to 0
        return None
    return -value if sign == b"-" else value


def _exponent(text) -> int:
    if not text:
        return 0
    body = text.lstrip(b"+-").lstrip(b"0")
    if len(body) > 9:       # beyond any range check above: keep it huge, not exact
        body = b"9" * 9
    value = int(body or b"0")
    return -value if text[:1] == b"-" else value


def parse_timeout(raw: bytes) -> float:
    """A blocking command's timeout in seconds: how long to wait, 0.0 for ever.

    Errors as Redis 7.0 words them.  The milliseconds are
    ceil(seconds * 1000) in long double precision; a product outside the
    64-bit range is "negative" (C's conversion gives LLONG_MIN), and a
    deadline past the 64-bit millisecond clock never comes, so it means for ever.
    """
    if raw.isdigit() and len(raw) < 12:
        return float(int(raw))
    value = to_long_double(raw)
    if value is None:
        raise CommandError(TIMEOUT_NOT_FLOAT)
    if isinstance(value, float):
        raise CommandError(TIMEOUT_NEGATIVE)
    scaled = _round_long_double(value * 1000)
    millis = -((-scaled.numerator) // scaled.denominator) if scaled is not None else INT64_MIN
    if millis < 0 or millis > INT64_MAX:
        raise CommandError(TIMEOUT_NEGATIVE)
    if millis == 0 or millis > INT64_MAX - int(time.time() * 1000):
        return 0.0
    return millis / 1000.0


def parse_timeout_ms(raw: bytes) -> float:
    """An integer timeout in milliseconds (XREAD BLOCK, WAIT) as seconds; 0.0 for ever."""
    millis = to_int(raw)
    if millis is None:
        raise CommandError(TIMEOUT_NOT_INTEGER)
    if millis < 0:
        raise CommandError(TIMEOUT_NEGATIVE)
    if millis > INT64_MAX - int(time.time() * 1000):
        return 0.0
    return millis / 1000.0


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
