"""Argument parsing shared by every command family, with Redis's exact rules.

``parse_int`` is Redis's string2ll (no '+', no spaces, no leading zeros);
``parse_float`` is strtold as Redis uses it (inf accepted, NaN and spaces not).
Both raise ``CommandError`` with the message a Redis user would see.
``to_long_double``/``add_long_double``/``format_long_double`` emulate the C
``long double`` arithmetic of INCRBYFLOAT and HINCRBYFLOAT exactly.
``to_long_double`` also reads blocking commands' timeouts exactly (``parse_timeout``,
rounded up to whole milliseconds as Redis rounds them; ``parse_timeout_ms`` for
XREAD BLOCK and WAIT).
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


_INF_BOUNDS = {b"+inf": float("inf"), b"-inf": float("-inf"), b"inf": float("inf")}


def strtod_lenient(raw: bytes):
    """A bound as ``strtod(s, &end); if (*end != '\\0') fail`` reads it, or None.

    That C idiom stops at the first NUL, skips leading whitespace, reads the
    empty string as 0 and accepts range errors (1e400 is inf).
    """
    try:
        value = float(raw)
    except ValueError:
        value = None
    # Fast path: a finite value written plainly, which Python and strtod read alike.
    if value is not None and value - value == 0.0 and raw[0] not in _SPACE \
            and raw[-1] not in _SPACE and b"_" not in raw:
        return value
    bound = _INF_BOUNDS.get(raw)
    if bound is not None:
        return bound
    raw = raw.split(b"\0", 1)[0]
    if not raw:
        return 0.0
    stripped = raw.lstrip(_SPACE)
    if not stripped:
        return None
    parsed = strtod(stripped)
    return None if parsed is None else parsed[0]
