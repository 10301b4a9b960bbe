"""Argument parsing shared by every command family, with Redis's exact rules.

``parse_int`` is Redis's string2ll (no '+', no spaces, no leading zeros);
``parse_float`` is strtold as Redis uses it (inf accepted, NaN and spaces not).
Both raise ``CommandError`` with the message a Redis user would see.
``to_long_double``/``add_long_double``/``format_long_double`` emulate the C
``long double`` arithmetic of INCRBYFLOAT and HINCRBYFLOAT exactly.
"""
from __future__ import annotations

import math
import re
from fractions import Fraction

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


# --- long double (INCRBYFLOAT, HINCRBYFLOAT) -------------------------------------------
# Redis computes these in C ``long double``: on x86-64 the x87 80-bit format,
# a 64-bit significand and exponents down to 2**-16445 (subnormals) and up to
# 2**16384 (overflow).  A Python float would print 10.5 + 0.1 as 10.59999...,
# where Redis prints 10.6, so the arithmetic is emulated exactly: a value is
# the exact ``Fraction`` of an 80-bit number, every step rounds to nearest
# (ties to even) as strtold and the FPU do, and the reply is glibc's exact
# ``%.17Lf`` with Redis's trailing-zero trim.  Infinities are ``float``.
#
# Use: ``to_long_double`` on the stored value and on the increment (None means
# "not a valid float"), ``add_long_double``, then ``format_long_double``, which
# gives the bytes Redis stores and replies (an infinite sum is the caller's
# "would produce NaN or Infinity" error).

_LD_MANT_BITS = 64
_LD_MIN_EXP = -16445          # exponent of the smallest subnormal, 2**-16445
_LD_MAX_EXP = 16384           # 2**16384 and above overflow to infinity
_LD_MAX_CHARS = 5 * 1024      # Redis parses long doubles from a buffer of this size
_LD_DEC = re.compile(rb"([+-]?)(?:(\d+)\.?(\d*)|\.(\d+))(?:[eE]([+-]?\d+))?")
_LD_HEX = re.compile(rb"([+-]?)0[xX](?:([0-9a-fA-F]+)\.?([0-9a-fA-F]*)|\.([0-9a-fA-F]+))"
                     rb"(?:[pP]([+-]?\d+))?")
_LD_INF = re.compile(rb"([+-]?)inf(?:inity)?", re.IGNORECASE)
_DIGITS_CHUNK = 1000          # below Python's int<->str digit limit (3.11+)


def to_long_double(raw: bytes):
    """strtold as Redis's string2ld applies it: the exact value of the nearest
    80-bit long double (a Fraction, or a float infinity), or None when Redis
    says "not a valid float" (spaces, junk, NaN, overflow, underflow to 0)."""
    if not raw or len(raw) >= _LD_MAX_CHARS or raw[0] in b" \t\n\v\f\r":
        return None
    m = _LD_DEC.fullmatch(raw)
    if m is not None:
        sign, whole, frac, only_frac, exp = m.groups()
        digits = (whole or b"") + (frac or only_frac or b"")
        mantissa = _int_from_digits(digits)
        exp10 = _exponent(exp) - len(frac or only_frac or b"")
        if mantissa == 0:
            return Fraction(0)
        # Far outside the range: strtold reports ERANGE; skip the huge powers of ten.
        magnitude = exp10 + len(digits.lstrip(b"0"))
        if magnitude > 4940 or magnitude < -4960:
            return None
        exact = Fraction(mantissa * 10 ** exp10) if exp10 >= 0 else Fraction(mantissa, 10 ** -exp10)
    else:
        m = _LD_HEX.fullmatch(raw)
        if m is not None:
            sign, whole, frac, only_frac, exp = m.groups()
            digits = (whole or b"") + (frac or only_frac or b"")
            mantissa = int(digits, 16)
            exp2 = _exponent(exp) - 4 * len(frac or only_frac or b"")
            if mantissa == 0:
                return Fraction(0)
            magnitude = exp2 + mantissa.bit_length()
            if magnitude > _LD_MAX_EXP + 8 or magnitude < _LD_MIN_EXP - 8:
                return None
            exact = Fraction(mantissa << exp2) if exp2 >= 0 else Fraction(mantissa, 1 << -exp2)
        else:
            m = _LD_INF.fullmatch(raw)
            if m is None:
                return None
            return -math.inf if m.group(1) == b"-" else math.inf
    value = _round_long_double(exact)
    if type(value) is float or value == 0:      # overflow or underflow: ERANGE
        return None
    return -value if sign == b"-" else value


def add_long_double(a, b):
    """a + b as the FPU computes it in 80 bits: a Fraction, or inf/nan as a float."""
    if type(a) is float or type(b) is float:
        return float(a if type(a) is float else 0) + float(b if type(b) is float else 0)
    total = a + b
    if total < 0:
        rounded = _round_long_double(-total)
        return -rounded
    return _round_long_double(total)


def format_long_double(value) -> bytes:
    """``%.17Lf`` with trailing zeros (and a bare '.') trimmed and "-0" made "0",
    as Redis replies INCRBYFLOAT results.  Takes a Fraction or a float."""
    if type(value) is float:
        if math.isinf(value):
            return b"inf" if value > 0 else b"-inf"
        value = Fraction(value)
    scaled = round(abs(value) * 10 ** 17)       # exact, ties to even like glibc
    text = _digits_from_int(scaled).rjust(18, b"0")
    whole, frac = text[:-17], text[-17:].rstrip(b"0")
    text = whole + b"." + frac if frac else whole
    return b"-" + text if value < 0 and scaled else text


def _round_long_double(q: Fraction):
    """q >= 0 rounded to the 80-bit grid (ties to even); float inf on overflow."""
    if q == 0:
        return q
    num, den = q.numerator, q.denominator
    exp = num.bit_length() - den.bit_length()
    if (num << max(0, -exp)) < (den << max(0, exp)):
        exp -= 1                                  # now 2**exp <= q < 2**(exp+1)
    ulp = max(exp - (_LD_MANT_BITS - 1), _LD_MIN_EXP)
    mantissa = round(q * (1 << -ulp)) if ulp < 0 else round(q / (1 << ulp))
    if mantissa.bit_length() + ulp > _LD_MAX_EXP:
        return math.inf
    return Fraction(mantissa, 1 << -ulp) if ulp < 0 else Fraction(mantissa << ulp)


def _exponent(raw) -> int:
    # A decimal exponent may be absurdly long; anything this large is out of range anyway.
    if raw is None:
        return 0
    digits = raw.lstrip(b"+-").lstrip(b"0")
    if len(digits) > 9:
        return -(10 ** 9) if raw[:1] == b"-" else 10 ** 9
    return int(raw)


def _int_from_digits(digits: bytes) -> int:
    value = 0
    for i in range(0, len(digits), _DIGITS_CHUNK):
        chunk = digits[i:i + _DIGITS_CHUNK]
        value = value * 10 ** len(chunk) + int(chunk)
    return value


def _digits_from_int(value: int) -> bytes:
    if value < 10 ** _DIGITS_CHUNK:
        return b"%d" % value
    high, low = divmod(value, 10 ** _DIGITS_CHUNK)
    return _digits_from_int(high) + (b"%d" % low).rjust(_DIGITS_CHUNK, b"0")


def syntax_error():
    raise CommandError(SYNTAX)
