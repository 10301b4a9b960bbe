"""Value types and their encodings (stream IDs, ...), and the value-type registry.

A key's value is a plain Python object: ``bytes`` for strings, and the
collection classes the type modules define.  The keyspace commands (TYPE,
SCAN TYPE, OBJECT ENCODING, COPY) must answer for every one of them without
knowing their internals, so each type registers itself here once, at import:

    register_type(MyList, b"list", encoding=lambda v: b"quicklist", copy=MyList.copy)

API:
    ``register_type(cls, name, encoding=None, copy=None)``
    ``type_name(value) -> bytes``      TYPE's answer: b"string", b"list"... (b"none" for None)
    ``encoding_name(value) -> bytes``  OBJECT ENCODING's answer
    ``copy_value(value)``              an independent copy for COPY
    ``is_int64(raw)``                  does Redis store ``raw`` as an integer (string2ll)?
    ``TYPE_NAMES``                     the names SCAN TYPE can match
"""
from __future__ import annotations

# cls -> (name, encoding(value) -> bytes, copy(value) -> value)
_REGISTRY: dict = {}
TYPE_NAMES: set = set()

# Redis keeps strings of up to 44 bytes in one allocation with the object header.
_EMBSTR_LIMIT = 44


def register_type(cls, name: bytes, encoding=None, copy=None) -> None:
    """Declare ``cls`` as the Python class of values of Redis type ``name``."""
    _REGISTRY[cls] = (name, encoding or (lambda value: b"unknown"), copy or (lambda value: value))
    TYPE_NAMES.add(name)


def _entry(value):
    entry = _REGISTRY.get(type(value))
    if entry is None:
        # A subclass of a registered class (rare): walk the MRO once per call.
        for cls in type(value).__mro__[1:]:
            entry = _REGISTRY.get(cls)
            if entry is not None:
                break
        else:
            raise TypeError(f"unregistered value type {type(value).__name__}")
    return entry


def type_name(value) -> bytes:
    """TYPE's reply for a value (``None`` -> ``b"none"``)."""
    if value is None:
        return b"none"
    return _entry(value)[0]


def encoding_name(value) -> bytes:
    return _entry(value)[1](value)


def copy_value(value):
    return _entry(value)[2](value)


def string_encoding(value: bytes) -> bytes:
    """What Redis reports for a string written by SET: int, embstr or raw.

    Redis decides at write time: a value that parses as a 64-bit integer
    (string2ll rules, at most 20 bytes) is stored as ``int``, other values of
    up to 44 bytes as ``embstr``, longer ones as ``raw``.  Values grown in
    place by APPEND/SETRANGE/SETBIT are ``raw`` in Redis whatever their
    content; Redix keeps no per-value flag for that and reports from the
    content alone.  HyperLogLogs are the one content rule for that: the PF*
    commands write (and unshare) them as ``raw`` strings, so a short string
    with a sparse HLL header reports ``raw`` (one SET by hand, which Redis
    would still call ``embstr``, reports ``raw`` too).
    """
    if is_int64(value):
        return b"int"
    if len(value) > _EMBSTR_LIMIT or (len(value) >= 16 and value[4] == 1 and value[:4] == b"HYLL"):
        return b"raw"
    return b"embstr"


def is_int64(value: bytes) -> bool:
    """Whether Redis would store ``value`` as an integer (an int string, an intset member)."""
    # string2ll's rules (no '+', spaces or leading zeros, no "-0"), kept here
    # rather than imported so that types never depend on the command layer.
    if len(value) > 20:
        return False
    digits = value[1:] if value[:1] == b"-" else value
    if not digits.isdigit() or (digits[0] == 48 and (len(digits) > 1 or value[0] == 45)):
        return False
    return -(1 << 63) <= int(value) < (1 << 63)


# Strings are immutable bytes: a copy may share the object.
register_type(bytes, b"string", string_encoding)
