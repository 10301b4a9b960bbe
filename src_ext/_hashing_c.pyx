# cython: language_level=3
"""Keyspace hashing and glob matching, compiled twin of ``_hashing_py``.

Public API (identical in both twins; see ``redix/keyspace/_hashing_py.py``
for the full contract and the Redis quirks mirrored):

``crc16(data) -> int``
    CRC-16/XMODEM, the Redis Cluster key checksum.
``key_hash_slot(key) -> int``
    Cluster slot 0..16383 with the ``{hashtag}`` rule.
``crc64(crc, data) -> int``
    Jones CRC-64 (reflected) continued from ``crc``; RDB and DUMP checksum.
``glob_match(pattern, string, nocase=False) -> bool``
    Redis ``stringmatchlen`` semantics.

crc16, key_hash_slot and glob_match run on every KEYS/SCAN step and every
cluster key lookup, so their inner loops are plain C over the bytes'
storage.  crc64 walks big payloads (whole RDB files), so it uses
slicing-by-8 tables and releases the GIL on large inputs.
"""
from libc.stdint cimport uint16_t, uint64_t
from libc.string cimport memchr
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_GET_SIZE
from cpython.number cimport PyNumber_Index

__all__ = ["crc16", "key_hash_slot", "crc64", "glob_match"]

cdef enum:
    SLOT_MASK = 16383
    # Below this size the GIL hand-off costs more than the checksum.
    CRC64_NOGIL_THRESHOLD = 65536

cdef uint16_t CRC16_TABLE[256]
# CRC64_TABLES[k][b]: effect of byte b followed by k zero bytes, which lets
# the loop fold eight input bytes per step instead of one.
cdef uint64_t CRC64_TABLES[8][256]


cdef void _init_tables() noexcept:
    cdef int byte, bit, k
    cdef unsigned int crc16_value
    cdef uint64_t crc64_value
    for byte in range(256):
        crc16_value = byte << 8
        for bit in range(8):
            if crc16_value & 0x8000:
                crc16_value = (crc16_value << 1) ^ 0x1021
            else:
                crc16_value <<= 1
        CRC16_TABLE[byte] = <uint16_t>(crc16_value & 0xFFFF)

        crc64_value = byte
        for bit in range(8):
            if crc64_value & 1:
                # bit-reverse of the Jones polynomial 0xad93d23594c935a9
                crc64_value = (crc64_value >> 1) ^ 0x95AC9329AC4BC9B5ULL
            else:
                crc64_value >>= 1
        CRC64_TABLES[0][byte] = crc64_value
    for k in range(1, 8):
        for byte in range(256):
            crc64_value = CRC64_TABLES[k - 1][byte]
            CRC64_TABLES[k][byte] = (crc64_value >> 8) ^ CRC64_TABLES[0][crc64_value & 0xFF]


_init_tables()


cdef inline bytes _as_bytes(object data):
    # Same coercion as the Python twin: bytes pass through untouched, other
    # buffers are copied once, str and int raise TypeError from memoryview.
    if type(data) is bytes:
        return <bytes>data
    return bytes(memoryview(data))


# --------------------------------------------------------------------------
# CRC-16 and cluster slots

cdef inline uint16_t _crc16(const unsigned char* data, Py_ssize_t size) noexcept nogil:
    cdef uint16_t crc = 0
    cdef Py_ssize_t i
    for i in range(size):
        crc = <uint16_t>((crc << 8) ^ CRC16_TABLE[((crc >> 8) ^ data[i]) & 0xFF])
    return crc


def crc16(data):
    """CRC-16/XMODEM of ``data``."""
    cdef bytes raw = _as_bytes(data)
    return _crc16(<const unsigned char*>PyBytes_AS_STRING(raw), PyBytes_GET_SIZE(raw))


def key_hash_slot(key):
    """Cluster hash slot of ``key`` (0..16383), ``{hashtag}`` aware."""
    cdef bytes raw = _as_bytes(key)
    cdef const unsigned char* start = <const unsigned char*>PyBytes_AS_STRING(raw)
    cdef Py_ssize_t size = PyBytes_GET_SIZE(raw)
    cdef const unsigned char* open_brace = <const unsigned char*>memchr(start, b'{', size)
    cdef const unsigned char* close_brace
    cdef Py_ssize_t after_open
    if open_brace != NULL:
        after_open = size - (open_brace - start) - 1
        close_brace = <const unsigned char*>memchr(open_brace + 1, b'}', after_open)
        # "{}" hashes the whole key, so an empty tag cannot pile keys onto
        # one slot.
        if close_brace != NULL and close_brace > open_brace + 1:
            return _crc16(open_brace + 1, close_brace - open_brace - 1) & SLOT_MASK
    return _crc16(start, size) & SLOT_MASK


# --------------------------------------------------------------------------
# CRC-64

cdef uint64_t _crc64(uint64_t crc, const unsigned char* data, Py_ssize_t size) noexcept nogil:
    cdef Py_ssize_t i = 0
    # Assembling the little-endian word byte by byte keeps this correct on
    # big-endian hosts; compilers turn it into a single load on x86.
    while size - i >= 8:
        crc ^= (<uint64_t>data[i]
                | (<uint64_t>data[i + 1] << 8)
                | (<uint64_t>data[i + 2] << 16)
                | (<uint64_t>data[i + 3] << 24)
                | (<uint64_t>data[i + 4] << 32)
                | (<uint64_t>data[i + 5] << 40)
                | (<uint64_t>data[i + 6] << 48)
                | (<uint64_t>data[i + 7] << 56))
        crc = (CRC64_TABLES[7][crc & 0xFF]
               ^ CRC64_TABLES[6][(crc >> 8) & 0xFF]
               ^ CRC64_TABLES[5][(crc >> 16) & 0xFF]
               ^ CRC64_TABLES[4][(crc >> 24) & 0xFF]
               ^ CRC64_TABLES[3][(crc >> 32) & 0xFF]
               ^ CRC64_TABLES[2][(crc >> 40) & 0xFF]
               ^ CRC64_TABLES[1][(crc >> 48) & 0xFF]
               ^ CRC64_TABLES[0][crc >> 56])
        i += 8
    while i < size:
        crc = CRC64_TABLES[0][(crc ^ data[i]) & 0xFF] ^ (crc >> 8)
        i += 1
    return crc


def crc64(crc, data):
    """Continue the Jones CRC-64 ``crc`` over ``data``."""
    # PyNumber_Index first so floats are a TypeError, as in the Python twin,
    # rather than silently truncated by the C conversion.
    cdef uint64_t running = PyNumber_Index(crc)
    cdef bytes raw = _as_bytes(data)
    cdef const unsigned char* start = <const unsigned char*>PyBytes_AS_STRING(raw)
    cdef Py_ssize_t size = PyBytes_GET_SIZE(raw)
    cdef uint64_t result
    if size >= CRC64_NOGIL_THRESHOLD:
        # Safe without the GIL: ``raw`` is an immutable bytes we hold.
        with nogil:
            result = _crc64(running, start, size)
    else:
        result = _crc64(running, start, size)
    return result


# --------------------------------------------------------------------------
# Glob matching

cdef inline int _fold(int byte) noexcept nogil:
    # C-locale tolower(): ASCII letters only.
    return byte + 32 if 65 <= byte <= 90 else byte


cdef inline int _signed(unsigned char byte) noexcept nogil:
    # Redis compares [x-y] bounds as signed chars (x86-64), so bytes >= 0x80
    # sort below ASCII inside ranges.
    return <int>(<signed char>byte)


cdef bint _class_token(const unsigned char* pattern, Py_ssize_t pos, Py_ssize_t end,
                       unsigned char byte, bint nocase, Py_ssize_t* after) noexcept nogil:
    """Match ``byte`` against the ``[...]`` token at ``pattern[pos]``;
    store the position past the token in ``after``.  Quirks as in the
    Python twin's ``_class_token``."""
    cdef bint negate, matched = False
    cdef int low, high, probe
    cdef unsigned char ch
    pos += 1
    negate = pos < end and pattern[pos] == b'^'
    if negate:
        pos += 1
    while pos < end:
        ch = pattern[pos]
        if ch == b'\\' and pos + 1 < end:
            # Escapes inside a set stay case-sensitive even with nocase.
            if pattern[pos + 1] == byte:
                matched = True
            pos += 2
        elif ch == b']':
            after[0] = pos + 1
            return matched != negate
        elif pos + 2 < end and pattern[pos + 1] == b'-':
            low = _signed(ch)
            high = _signed(pattern[pos + 2])
            if low > high:
                low, high = high, low
            probe = _signed(byte)
            if nocase:
                # Folding after ordering is what Redis does: [Z-a] becomes
                # the empty range z..a under nocase.
                low = _fold(low)
                high = _fold(high)
                probe = _fold(probe)
            if low <= probe <= high:
                matched = True
            pos += 3
        else:
            if ch == byte or (nocase and _fold(ch) == _fold(byte)):
                matched = True
            pos += 1
    # Unterminated set: it swallows the rest of the pattern.
    after[0] = end
    return matched != negate


cdef bint _glob_match(const unsigned char* pattern, Py_ssize_t pattern_end,
                      const unsigned char* string, Py_ssize_t string_end,
                      bint nocase) noexcept nogil:
    # Same algorithm as the Python twin: every token but '*' consumes one
    # byte, so backtracking only needs the latest star, which bounds the
    # work at O(pattern * string) however many stars there are.
    cdef Py_ssize_t p = 0, s = 0, after = 0
    cdef Py_ssize_t resume_p = -1, resume_s = 0
    cdef unsigned char ch, byte
    cdef bint matched
    if string_end == 0:
        # Redis never lets '*' match the empty string on its own.
        return pattern_end == 0
    while s < string_end:
        if p < pattern_end:
            ch = pattern[p]
            if ch == b'*':
                while p + 1 < pattern_end and pattern[p + 1] == b'*':
                    p += 1
                if p + 1 == pattern_end:
                    return True
                p += 1
                resume_p = p
                resume_s = s
                continue
            byte = string[s]
            if ch == b'?':
                matched = True
                after = p + 1
            elif ch == b'[':
                matched = _class_token(pattern, p, pattern_end, byte, nocase, &after)
            else:
                if ch == b'\\' and p + 1 < pattern_end:
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
        p = resume_p
        s = resume_s
    while p < pattern_end and pattern[p] == b'*':
        p += 1
    return p == pattern_end


def glob_match(pattern, string, nocase=False):
    """True if ``string`` matches the Redis glob ``pattern``."""
    cdef bytes raw_pattern = _as_bytes(pattern)
    cdef bytes raw_string = _as_bytes(string)
    return _glob_match(<const unsigned char*>PyBytes_AS_STRING(raw_pattern),
                       PyBytes_GET_SIZE(raw_pattern),
                       <const unsigned char*>PyBytes_AS_STRING(raw_string),
                       PyBytes_GET_SIZE(raw_string),
                       bool(nocase))
