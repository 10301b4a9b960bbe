"""Keyspace hashing and glob matching, pure-Python twin of ``_hashing_c``.

Public API (identical in both twins):

``crc16(data) -> int``
    CRC-16/XMODEM (poly 0x1021, init 0, not reflected), the checksum Redis
    Cluster uses for key slots.  ``crc16(b"123456789") == 0x31C3``.
``key_hash_slot(key) -> int``
    Cluster slot 0..16383 of a key, honouring the ``{hashtag}`` rule: if the
    key holds a ``{`` followed later by a ``}`` with at least one byte
    between them, only the bytes between the first ``{`` and the first ``}``
    after it are hashed; otherwise the whole key is.
``crc64(crc, data) -> int``
    Jones CRC-64 (reflected, poly 0xad93d23594c935a9, no final xor), the
    checksum of RDB files and DUMP payloads.  ``crc`` is the running value
    (0 to start), so a checksum can be fed in pieces.
    ``crc64(0, b"123456789") == 0xe9c6d914c4b8d9ca``.
``glob_match(pattern, string, nocase=False) -> bool``
    Redis glob semantics (KEYS, SCAN MATCH, PSUBSCRIBE, CONFIG GET):
    ``*`` ``?`` ``[set]`` ``[^set]`` ``[a-z]`` and ``\\`` escapes, including
    Redis's quirks, which are documented at ``_class_token`` and
    ``glob_match``.

All byte arguments accept any bytes-like object; ``str`` is a TypeError.
"""
from operator import index as _as_index

__all__ = ["crc16", "key_hash_slot", "crc64", "glob_match"]

_UINT64_MAX = (1 << 64) - 1
_SLOT_MASK = 16383


def _as_bytes(data) -> "bytes | bytearray":
    # memoryview() rejects str and int the way the compiled twin's buffer
    # access does, so both twins fail alike on the wrong argument types.
    if isinstance(data, (bytes, bytearray)):
        return data
    return bytes(memoryview(data))


# --------------------------------------------------------------------------
# CRC-16/XMODEM

def _make_crc16_table() -> "tuple[int, ...]":
    table = []
    for byte in range(256):
        crc = byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
        table.append(crc & 0xFFFF)
    return tuple(table)


_CRC16_TABLE = _make_crc16_table()


def crc16(data) -> int:
    """CRC-16/XMODEM of ``data``."""
    table = _CRC16_TABLE
    crc = 0
    for byte in _as_bytes(data):
        crc = ((crc << 8) & 0xFFFF) ^ table[(crc >> 8) ^ byte]
    return crc


def key_hash_slot(key) -> int:
    """Cluster hash slot of ``key`` (0..16383), ``{hashtag}`` aware."""
    key = _as_bytes(key)
    open_at = key.find(b"{")
    if open_at >= 0:
        close_at = key.find(b"}", open_at + 1)
        # "{}" hashes the whole key: an empty tag would send every such key
        # to one slot.
        if close_at > open_at + 1:
            key = key[open_at + 1:close_at]
    return crc16(key) & _SLOT_MASK


# --------------------------------------------------------------------------
# CRC-64/Jones, reflected: the table is indexed by the low byte.

_CRC64_POLY_REFLECTED = 0x95AC9329AC4BC9B5  # bit-reverse of 0xad93d23594c935a9


def _make_crc64_table() -> "tuple[int, ...]":
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ _CRC64_POLY_REFLECTED if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC64_TABLE = _make_crc64_table()


def crc64(crc: int, data) -> int:
    """Continue the Jones CRC-64 ``crc`` over ``data``."""
    crc = _as_index(crc)
    if not 0 <= crc <= _UINT64_MAX:
        raise OverflowError("crc64 running value must be in 0..2**64-1")
    table = _CRC64_TABLE
    for byte in _as_bytes(data):
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc


# --------------------------------------------------------------------------
# Glob matching

_STAR, _QUESTION, _OPEN, _CLOSE, _BACKSLASH, _CARET, _DASH = b"*?[]\\^-"


def _fold(byte: int) -> int:
    # Redis folds with the C locale's tolower(): ASCII letters only.
    return byte + 32 if 65 <= byte <= 90 else byte


def _signed(byte: int) -> int:
    # Redis compares range bounds as (signed, on x86-64) C chars, so bytes
    # >= 0x80 sort below every ASCII byte inside [x-y] ranges.
    return byte - 256 if byte >= 128 else byte


def _class_token(pattern, pos: int, end: int, byte: int, nocase: bool):
    """Match ``byte`` against the ``[...]`` token at ``pattern[pos]``.

    Returns ``(matched, position after the token)``.  Redis quirks mirrored:
    an unterminated ``[`` takes the rest of the pattern as its set; ``]``
    straight after ``[`` (or ``[^``) closes an empty set; a ``\\`` escape
    inside a set compares case-sensitively even when ``nocase``; ranges are
    reordered (``[z-a]`` == ``[a-z]``) *before* case folding, on signed
    bytes; and ``[a-]`` is the range from ``a`` to ``]``, which leaves the
    set unterminated.
    """
    pos += 1
    negate = pos < end and pattern[pos] == _CARET
    if negate:
        pos += 1
    matched = False
    while pos < end:
        ch = pattern[pos]
        if ch == _BACKSLASH and pos + 1 < end:
            if pattern[pos + 1] == byte:
                matched = True
            pos += 2
        elif ch == _CLOSE:
            return matched != negate, pos + 1
        elif pos + 2 < end and pattern[pos + 1] == _DASH:
            low, high = _signed(ch), _signed(pattern[pos + 2])
            if low > high:
                low, high = high, low
            probe = _signed(byte)
            if nocase:
                low, high, probe = _fold(low), _fold(high), _fold(probe)
            if low <= probe <= high:
                matched = True
            pos += 3
        else:
            if ch == byte or (nocase and _fold(ch) == _fold(byte)):
                matched = True
            pos += 1
    return matched != negate, end


def glob_match(pattern, string, nocase: bool = False) -> bool:
    """True if ``string`` matches the Redis glob ``pattern``.

    Besides the token quirks at ``_class_token``: an empty ``string`` only
    matches an empty pattern (Redis never lets ``*`` match the empty string
    on its own; ``KEYS *`` is special-cased by the command, not here).

    Backtracking only ever resumes at the most recent ``*``: every other
    token consumes exactly one byte, so retrying an earlier star cannot
    succeed where the latest one failed.  That keeps the worst case at
    O(len(pattern) * len(string)), which is what Redis's own guard against
    pathological patterns achieves.
    """
    pattern = _as_bytes(pattern)
    string = _as_bytes(string)
    pattern_end = len(pattern)
    string_end = len(string)
    if string_end == 0:
        return pattern_end == 0
    nocase = bool(nocase)
    p = s = 0
    resume_p = -1  # pattern position just after the latest '*'
    resume_s = 0   # string position that '*' will next try to stop at
    while s < string_end:
        if p < pattern_end:
            ch = pattern[p]
            if ch == _STAR:
                while p + 1 < pattern_end and pattern[p + 1] == _STAR:
                    p += 1
                if p + 1 == pattern_end:
                    return True
                p += 1
                resume_p, resume_s = p, s
                continue
            byte = string[s]
            if ch == _QUESTION:
                matched, after = True, p + 1
            elif ch == _OPEN:
                matched, after = _class_token(pattern, p, pattern_end, byte, nocase)
            else:
                if ch == _BACKSLASH and p + 1 < pattern_end:
                    p += 1
                    ch = pattern[p]
                after = p + 1
                matched = ch == byte or (nocase and _fold(ch) == _fold(byte))
            if matched:
                p = after
                s += 1
                continue
        if resume_p < 0:
            return False
        resume_s += 1
        p, s = resume_p, resume_s
    while p < pattern_end and pattern[p] == _STAR:
        p += 1
    return p == pattern_end
