"""HyperLogLog sketches in Redis's exact string format (no RESP, no commands).

A HyperLogLog is an ordinary string value, so GET/SET/APPEND see the same
bytes Redis would hold, and a string written by Redis counts the same here.
The layout (Redis 7.0, as its documentation and the strings it writes show):

    header   16 bytes: b"HYLL", encoding (0 dense, 1 sparse), 3 unused bytes,
             the cached cardinality as 8 little-endian bytes; bit 7 of the last
             one set means "stale, recount"
    dense    16384 registers of 6 bits, register i at bits 6i..6i+5 of the body
             read as one little-endian number (12288 bytes)
    sparse   run-length opcodes over the registers, in order:
                 00xxxxxx            ZERO   x+1 registers (1..64) at 0
                 01xxxxxx yyyyyyyy   XZERO  (x<<8|y)+1 registers (1..16384) at 0
                 1vvvvvxx            VAL    x+1 registers (1..4) at v+1 (1..32)

An element is hashed with MurmurHash64A (seed 0xadc83b19): the low 14 bits
pick the register, and the position of the lowest set bit of the other 50
(plus one) is the value it offers; a register keeps the largest.  A sparse
sketch turns dense when a value above 32 arrives or when an edit would make
the string longer than ``hll-sparse-max-bytes``.  Sparse edits follow the
shape Redis gives them (split the opcode holding the register into at most
three, then merge equal adjacent VALs in a short window), because the
resulting bytes are visible to GET and must be identical.

Counting uses Ertl's improved estimator ("New cardinality estimation
algorithms for HyperLogLog sketches", arXiv:1702.01284) over the register
histogram, with the same floating-point steps as Redis 7, so counts agree to
the unit.

API:
    ``is_hll(value)``             header check (else: not a valid HLL string)
    ``cached_count(value)``       the header's cardinality, or None when stale
    ``with_count(value, n)``      the value with n cached in its header
    ``load(value)``/``remember(value, hll)``
                                  a mutable ``HyperLogLog`` for a value, through a
                                  small cache of decoded sketches (bytes are
                                  immutable, so a value's decoding never goes stale)
    ``HyperLogLog``               ``new()``, ``add``, ``set_register``, ``registers``,
                                  ``histogram``, ``count``, ``to_dense``, ``to_bytes``,
                                  ``is_dense``, ``invalidate``
    ``union(a, b)``               registerwise max of one-byte-per-register arrays
    ``raised_registers(old, new)`` where two such arrays differ
    ``sparse_from_registers(regs, sparse_max)``
                                  the sparse body PFMERGE builds in a new key
    ``estimate(histogram)``       the cardinality estimate
    ``describe_sparse(value)``    PFDEBUG DECODE's text
    ``murmurhash64a(data, seed)``, ``hash_element(element) -> (index, value)``
    ``CorruptHLL``                raised for opcodes that do not cover the registers
"""
from __future__ import annotations

import math
import re
import struct
from bisect import bisect_right
from collections import Counter
from itertools import accumulate

REGISTERS = 16384
P = 14
Q = 64 - P
HEADER_SIZE = 16
DENSE_BODY = REGISTERS * 6 // 8
DENSE_SIZE = HEADER_SIZE + DENSE_BODY
DENSE, SPARSE = 0, 1
MAGIC = b"HYLL"
SEED = 0xADC83B19
VAL_MAX_VALUE = 32
VAL_MAX_LEN = 4
ZERO_MAX_LEN = 64
XZERO_MAX_LEN = 16384
# Redis 7 scans this many opcodes from the one before an edit when merging VALs.
_MERGE_WINDOW = 5
_ALPHA_INF = 0.721347520444481703680   # 1 / (2 ln 2)

_M64 = (1 << 64) - 1
_MUL = 0xC6A4A7935BD1E995
_QBIT = 1 << Q
_INDEX_MASK = REGISTERS - 1


class CorruptHLL(Exception):
    """The sparse opcodes do not describe exactly the 16384 registers."""


# --- hashing -----------------------------------------------------------------------
def murmurhash64a(data: bytes, seed: int = SEED) -> int:
    """MurmurHash64A (Austin Appleby, public domain) over little-endian 8-byte words."""
    n = len(data)
    h = (seed ^ (n * _MUL)) & _M64
    words = n >> 3
    if words:
        for k in _words(data, words):
            k = (k * _MUL) & _M64
            h = ((h ^ (((k ^ (k >> 47)) * _MUL) & _M64)) * _MUL) & _M64
    if n & 7:
        h = ((h ^ int.from_bytes(data[n & ~7:], "little")) * _MUL) & _M64
    h ^= h >> 47
    h = (h * _MUL) & _M64
    return h ^ (h >> 47)


_UNPACKERS = [struct.Struct("<%dQ" % n).unpack_from for n in range(64)]


def _words(data: bytes, count: int):
    if count < 64:
        return _UNPACKERS[count](data)
    return struct.unpack_from("<%dQ" % count, data)


def hash_element(element: bytes):
    """(register index, value offered): 1 + the number of trailing zeros of the other bits."""
    h = murmurhash64a(element)
    rest = (h >> P) | _QBIT
    return h & _INDEX_MASK, (rest & -rest).bit_length()


# --- header ----------------------------------------------------------------------------
def is_hll(value: bytes) -> bool:
    """What Redis checks before using a string as an HLL (the body is checked lazily)."""
    if len(value) < HEADER_SIZE or value[:4] != MAGIC:
        return False
    encoding = value[4]
    return encoding == SPARSE or (encoding == DENSE and len(value) == DENSE_SIZE)


def cached_count(value: bytes):
    if value[15] & 0x80:
        return None
    return int.from_bytes(value[8:16], "little")


def with_count(value: bytes, count: int) -> bytes:
    return value[:8] + count.to_bytes(8, "little") + value[16:]


# --- register packing -----------------------------------------------------------------
# Four 6-bit registers fill three bytes; bytes.translate does the per-byte
# shifts and masks in C, and adding two big integers whose byte lanes hold
# disjoint bits is a per-byte OR, so no Python loop visits the registers.
def _table(fn) -> bytes:
    return bytes(fn(b) & 0xFF for b in range(256))


_LOW6 = _table(lambda b: b & 63)
_SHR6 = _table(lambda b: b >> 6)
_LOW4_SHL2 = _table(lambda b: (b & 15) << 2)
_SHR4 = _table(lambda b: b >> 4)
_LOW2_SHL4 = _table(lambda b: (b & 3) << 4)
_SHR2 = _table(lambda b: b >> 2)
_LOW2_SHL6 = _table(lambda b: (b & 3) << 6)
_SHR2_LOW4 = _table(lambda b: (b >> 2) & 15)
_LOW4_SHL4 = _table(lambda b: (b & 15) << 4)
_SHR4_LOW2 = _table(lambda b: (b >> 4) & 3)
_SHL2 = _table(lambda b: b << 2)
_GROUPS = REGISTERS // 4


def _or_lanes(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a, "little") + int.from_bytes(b, "little")).to_bytes(len(a), "little")


def unpack_dense(body) -> bytearray:
    """12288 packed bytes -> 16384 bytes, one register each."""
    b0, b1, b2 = body[0::3], body[1::3], body[2::3]
    regs = bytearray(REGISTERS)
    regs[0::4] = b0.translate(_LOW6)
    regs[1::4] = _or_lanes(b0.translate(_SHR6), b1.translate(_LOW4_SHL2))
    regs[2::4] = _or_lanes(b1.translate(_SHR4), b2.translate(_LOW2_SHL4))
    regs[3::4] = b2.translate(_SHR2)
    return regs


def pack_dense(regs) -> bytearray:
    """16384 one-byte registers (each < 64) -> the 12288-byte dense body."""
    r0, r1, r2, r3 = regs[0::4], regs[1::4], regs[2::4], regs[3::4]
    body = bytearray(DENSE_BODY)
    body[0::3] = _or_lanes(r0, r1.translate(_LOW2_SHL6))
    body[1::3] = _or_lanes(r1.translate(_SHR2_LOW4), r2.translate(_LOW4_SHL4))
    body[2::3] = _or_lanes(r2.translate(_SHR4_LOW2), r3.translate(_SHL2))
    return body


_HIGH = int.from_bytes(b"\x80" * REGISTERS, "little")


def union(a, b) -> bytes:
    """Registerwise max of two one-byte-per-register arrays (values < 128).

    SWAR: each byte lane of (a|0x80..) - b holds 128 + a - b, which never
    borrows from its neighbour, and its top bit says a >= b.
    """
    x = int.from_bytes(a, "little")
    y = int.from_bytes(b, "little")
    ge = (((x | _HIGH) - y) & _HIGH) >> 7
    mask = (ge << 8) - ge
    return ((x & mask) | (y & ~mask)).to_bytes(REGISTERS, "little")


_NONZERO = re.compile(rb"[^\x00]")


def raised_registers(old, new):
    """Indexes (ascending) where two one-byte-per-register arrays differ."""
    diff = int.from_bytes(old, "little") ^ int.from_bytes(new, "little")
    return [m.start() for m in _NONZERO.finditer(diff.to_bytes(REGISTERS, "little"))]


def _histogram_of(regs) -> list:
    # One C pass per register value present; registers cluster in a narrow
    # band, so stop once all are accounted for.
    hist = [0] * 64
    left = len(regs)
    find, count = regs.find, regs.count
    for v in range(64):
        if find(v) >= 0:
            hist[v] = c = count(v)
            left -= c
            if not left:
                break
    return hist


# --- sparse opcodes ------------------------------------------------------------------
# A sparse body is kept as a bytearray ("slots", one per byte) with, per slot,
# the first register its opcode covers (``starts``, a list); an XZERO's two
# slots share that start, which is how a lookup landing on its second byte
# finds the opcode.  Decoding and encoding are then bytearray(body) and
# header + slots, in C, and an edit is a slice assignment, as Redis's is a
# memmove.
_ONE = [bytes((b,)) for b in range(256)]
_VALUE = bytes(((b >> 2) & 31) + 1 if b & 0x80 else 0 for b in range(256))
_RUN = bytes((b & 3) + 1 if b & 0x80 else (b + 1 if not b & 0x40 else 0) for b in range(256))
_XZERO_BYTE = re.compile(rb"[\x40-\x7f]")
# The registers a one-byte opcode stands for.
_EXPAND = [_ONE[_VALUE[b]] * _RUN[b] for b in range(256)]


def _xzero_run(first: int, second: int) -> int:
    return ((first & 0x3F) << 8 | second) + 1


def _zero_bytes(run: int) -> bytes:
    """The ZERO or XZERO opcode for ``run`` zero registers."""
    if run <= ZERO_MAX_LEN:
        return _ONE[run - 1]
    return bytes((0x40 | (run - 1) >> 8, (run - 1) & 0xFF))


def _zero_slots(run: int, start: int, slots: list, starts: list) -> None:
    op = _zero_bytes(run)
    slots += op
    starts += (start,) * len(op)


def _segments(body):
    """Yield (one-byte-opcode run of body, XZERO run length or 0) in order.

    An XZERO's second byte may hold any value, so XZEROs are found one after
    the other; a trailing XZERO missing its second byte reads it as 0 (Redis
    reads its string terminator there).
    """
    p, n = 0, len(body)
    search = _XZERO_BYTE.search
    while True:
        match = search(body, p)
        if match is None:
            yield body[p:], 0
            return
        q = match.start()
        yield body[p:q], _xzero_run(body[q], body[q + 1] if q + 1 < n else 0)
        p = q + 2


def _decode_sparse(body):
    """(slots, starts, registers covered) of a sparse body."""
    slots = bytearray(body)
    starts: list = []
    covered = 0
    for ones, xzero in _segments(body):
        starts += accumulate(ones.translate(_RUN), initial=covered)
        covered = starts.pop()
        if xzero:
            starts += (covered, covered)
            covered += xzero
    if len(starts) > len(slots):
        slots.append(0)      # the truncated XZERO's missing byte
    return slots, starts, covered


def describe_sparse(value: bytes) -> bytes:
    """PFDEBUG DECODE: ``z:<run>`` / ``Z:<run>`` / ``v:<value>,<run>`` per opcode."""
    out = []
    for ones, xzero in _segments(value[HEADER_SIZE:]):
        for b in ones:
            out.append(b"v:%d,%d" % (_VALUE[b], _RUN[b]) if b & 0x80 else b"z:%d" % (b + 1))
        if xzero:
            out.append(b"Z:%d" % xzero)
    return b" ".join(out)


_EMPTY_SPARSE = MAGIC + b"\x01" + bytes(11) + bytes((0x40 | (XZERO_MAX_LEN - 1) >> 8, 0xFF))


def sparse_from_registers(regs, sparse_max: int):
    """The sparse body Redis ends with after setting ``regs`` one by one, in index
    order, into a new sketch (PFMERGE to a new key); None if it turns dense.

    Each set splits the trailing zero run into [zeros] VAL [zeros]; Redis's
    merge window then only ever sees the previous opcode next to the new VAL,
    so equal neighbours fuse into VALs of up to 4 from the left.  The size is
    followed step by step, since promotion depends on the size at each edit.
    """
    out = bytearray()
    size = len(_EMPTY_SPARSE)
    free = 0                  # the trailing zero run covers registers free..16383
    last_value = last_run = 0  # the opcode before it, when it is a VAL
    for index in raised_registers(bytes(REGISTERS), regs):
        value = regs[index]
        if value > VAL_MAX_VALUE:
            return None
        tail = REGISTERS - free
        if tail > 1:
            delta = 1 - (1 if tail <= ZERO_MAX_LEN else 2)
            if index != free:
                delta += 1 if index - free <= ZERO_MAX_LEN else 2
            if index != REGISTERS - 1:
                delta += 1 if REGISTERS - 1 - index <= ZERO_MAX_LEN else 2
            if delta > 0 and size + delta > sparse_max:
                return None
            size += delta
        if index == free and last_value == value and last_run < VAL_MAX_LEN:
            last_run += 1
            out[-1] = 0x80 | (value - 1) << 2 | (last_run - 1)
            size -= 1
        else:
            if index != free:
                out += _zero_bytes(index - free)
            out.append(0x80 | (value - 1) << 2)
            last_value, last_run = value, 1
        free = index + 1
    if free < REGISTERS:
        out += _zero_bytes(REGISTERS - free)
    return bytes(out)


# --- the working form ------------------------------------------------------------------
class HyperLogLog:
    """A mutable decoded sketch: dense (packed ``regs``) or sparse (``slots``/``starts``).

    ``hist`` (register value -> how many) is computed on first need and then
    kept up to date by every register change, so PFCOUNT after PFADD costs
    the estimator only.
    """

    __slots__ = ("header", "regs", "slots", "starts", "covered", "size", "hist")

    def __init__(self, value: bytes):
        self.header = value[:HEADER_SIZE]
        self.hist = None
        if value[4] == DENSE:
            self.regs = bytearray(value[HEADER_SIZE:])
            self.slots = self.starts = None
            self.covered = REGISTERS
        else:
            self.regs = None
            self.slots, self.starts, self.covered = _decode_sparse(value[HEADER_SIZE:])
        self.size = len(value)

    @classmethod
    def new(cls) -> HyperLogLog:
        """An empty sparse sketch, as PFADD/PFMERGE create it (cached count 0)."""
        return cls(_EMPTY_SPARSE)

    @classmethod
    def from_sparse_body(cls, body: bytes) -> HyperLogLog:
        """A new sketch (cached count 0) with these sparse opcodes."""
        return cls(_EMPTY_SPARSE[:HEADER_SIZE] + body)

    def is_dense(self) -> bool:
        return self.regs is not None

    def to_bytes(self) -> bytes:
        if self.regs is not None:
            return self.header + self.regs
        return self.header + self.slots

    def invalidate(self) -> None:
        """Mark the cached cardinality stale (its other bits stay, as in Redis)."""
        h = self.header
        if not h[15] & 0x80:
            self.header = h[:15] + bytes((h[15] | 0x80,))

    # --- changing registers ---
    def add(self, element: bytes, sparse_max: int) -> bool:
        index, value = hash_element(element)
        return self.set_register(index, value, sparse_max)

    def set_register(self, index: int, value: int, sparse_max: int) -> bool:
        """Raise register ``index`` to ``value``; True if it changed."""
        if self.regs is None:
            changed = self._sparse_set(index, value, sparse_max)
            if changed is not None:
                return changed
            self.to_dense()
        regs = self.regs
        pos = index * 6
        b = pos >> 3
        shift = pos & 7
        if shift <= 2:
            old = (regs[b] >> shift) & 63
            if value <= old:
                return False
            regs[b] = (regs[b] & ~(63 << shift)) | (value << shift)
        else:
            old = ((regs[b] >> shift) | (regs[b + 1] << (8 - shift))) & 63
            if value <= old:
                return False
            regs[b] = (regs[b] & ((1 << shift) - 1)) | ((value << shift) & 0xFF)
            high = 8 - shift
            regs[b + 1] = (regs[b + 1] & ~(63 >> high)) | (value >> high)
        if self.hist is not None:
            self._recount(old, value)
        return True

    def _recount(self, old: int, value: int) -> None:
        hist = self.hist
        hist[old] -= 1
        hist[value] += 1

    def _opcode_at(self, i: int) -> int:
        """The slot where the opcode holding slot ``i`` begins."""
        starts = self.starts
        if i and starts[i - 1] == starts[i]:
            return i - 1
        return i

    def _sparse_set(self, index: int, value: int, sparse_max: int):
        """True/False if the sparse form took the change; None: turn dense first."""
        if value > VAL_MAX_VALUE:
            return None
        if index >= self.covered:
            raise CorruptHLL
        slots, starts = self.slots, self.starts
        i = self._opcode_at(bisect_right(starts, index) - 1)
        b = slots[i]
        if b & 0x80:
            old, run, length = _VALUE[b], _RUN[b], 1
        elif b & 0x40:
            old, run, length = 0, _xzero_run(b, slots[i + 1]), 2
        else:
            old, run, length = 0, b + 1, 1
        if old >= value:
            return False
        if run == 1 and length == 1:
            # A single-register VAL or ZERO becomes one VAL in place.
            slots[i] = 0x80 | (value - 1) << 2
        else:
            # Split into [left part] VAL(value) [right part], the parts keeping
            # the old value (VAL) or staying zero (ZERO/XZERO by length).
            first = starts[i]
            last = first + run - 1
            new: list = []
            new_starts: list = []
            if index != first:
                if old:
                    new.append(0x80 | (old - 1) << 2 | (index - first - 1))
                    new_starts.append(first)
                else:
                    _zero_slots(index - first, first, new, new_starts)
            new.append(0x80 | (value - 1) << 2)
            new_starts.append(index)
            if index != last:
                if old:
                    new.append(0x80 | (old - 1) << 2 | (last - index - 1))
                    new_starts.append(index + 1)
                else:
                    _zero_slots(last - index, index + 1, new, new_starts)
            delta = len(new) - length
            if delta > 0 and self.size + delta > sparse_max:
                return None
            slots[i:i + length] = bytes(new)
            starts[i:i + length] = new_starts
            self.size += delta
        self._merge_vals(self._opcode_at(i - 1) if i else 0)
        if self.hist is not None:
            self._recount(old, value)
        return True

    def _merge_vals(self, p: int) -> None:
        # Redis looks at a few opcodes from the one before the edit and fuses
        # adjacent VALs of equal value while the run still fits one VAL.
        slots, starts = self.slots, self.starts
        window = _MERGE_WINDOW
        while p < len(slots) and window:
            window -= 1
            b = slots[p]
            if not b & 0x80:
                p += 2 if b & 0x40 else 1
                continue
            if p + 1 < len(slots):
                b2 = slots[p + 1]
                if b2 & 0x80 and _VALUE[b2] == _VALUE[b]:
                    run = _RUN[b] + _RUN[b2]
                    if run <= VAL_MAX_LEN:
                        slots[p:p + 2] = _ONE[0x80 | (_VALUE[b] - 1) << 2 | (run - 1)]
                        del starts[p + 1]
                        self.size -= 1
                        continue
            p += 1

    def to_dense(self) -> None:
        """Switch to the dense form (the header, cached count included, is kept)."""
        if self.regs is not None:
            return
        self.regs = pack_dense(self.registers())
        self.slots = self.starts = None
        self.header = self.header[:4] + b"\x00" + self.header[5:]
        self.size = DENSE_SIZE

    # --- reading registers ---
    def registers(self):
        """All registers, one byte each (CorruptHLL if the opcodes miss or overrun some)."""
        if self.regs is not None:
            return unpack_dense(self.regs)
        if self.covered != REGISTERS:
            raise CorruptHLL
        parts: list = []
        for ones, xzero in _segments(self.slots):
            parts += map(_EXPAND.__getitem__, ones)
            if xzero:
                parts.append(bytes(xzero))
        return b"".join(parts)

    def histogram(self) -> list:
        hist = self.hist
        if hist is None:
            if self.regs is not None:
                hist = _histogram_of(unpack_dense(self.regs))
            else:
                if self.covered != REGISTERS:
                    raise CorruptHLL
                hist = [0] * 64
                counts: Counter = Counter()
                for ones, xzero in _segments(self.slots):
                    counts.update(ones)
                    hist[0] += xzero
                for b, times in counts.items():
                    hist[_VALUE[b]] += _RUN[b] * times
            self.hist = hist
        return hist

    def count(self) -> int:
        return estimate(self.histogram())


# --- the estimator ---------------------------------------------------------------------
def _sigma(x: float) -> float:
    if x == 1.0:
        return math.inf
    y = 1.0
    z = x
    while True:
        x *= x
        previous = z
        z += x * y
        y += y
        if z == previous:
            return z


def _tau(x: float) -> float:
    if x == 0.0 or x == 1.0:
        return 0.0
    y = 1.0
    z = 1 - x
    while True:
        x = math.sqrt(x)
        previous = z
        y *= 0.5
        # ``** 2`` is C pow(), the same call Redis makes, so results match bitwise.
        z -= (1 - x) ** 2 * y
        if z == previous:
            return z / 3


def estimate(hist) -> int:
    """Ertl's estimator over a register histogram (hist[v] = registers holding v)."""
    m = float(REGISTERS)
    z = m * _tau((m - hist[Q + 1]) / m)
    for v in range(Q, 0, -1):
        z += hist[v]
        z *= 0.5
    z += m * _sigma(hist[0] / m)
    if z == 0.0:
        # Only crafted registers get here (all at 51 and more); Redis's
        # division gives infinity and its rounding the out-of-range value.
        return _OUT_OF_RANGE
    e = _ALPHA_INF * m * m / z
    if e >= _OUT_OF_RANGE:
        return _OUT_OF_RANGE
    whole = math.floor(e)
    return int(whole) + (1 if e - whole >= 0.5 else 0)   # llround: halves away from zero


# What an estimate beyond int64 becomes (x86's "integer indefinite"); replies
# show it as the signed 64-bit value, -2**63.
_OUT_OF_RANGE = 1 << 63


def signed(count: int) -> int:
    """An estimate as Redis replies with it (a signed 64-bit integer)."""
    return count - (1 << 64) if count >= _OUT_OF_RANGE else count


# --- decoded-sketch cache ------------------------------------------------------------
# id(value) -> (value, HyperLogLog).  Holding the value keeps its id from being
# reused; ``load`` pops the entry, so a sketch is never shared between a caller
# that mutates it and a stale value.
_CACHE: dict = {}
_CACHE_SIZE = 32


def load(value: bytes) -> HyperLogLog:
    """A mutable sketch for ``value`` (which must pass ``is_hll``); hand it back with
    ``remember`` (to the value it now encodes) when done."""
    entry = _CACHE.pop(id(value), None)
    if entry is not None and entry[0] is value:
        return entry[1]
    return HyperLogLog(value)


def remember(value: bytes, hll: HyperLogLog) -> None:
    if len(_CACHE) >= _CACHE_SIZE:
        del _CACHE[next(iter(_CACHE))]
    _CACHE[id(value)] = (value, hll)


# --- self test -------------------------------------------------------------------------
def self_test():
    """PFSELFTEST's checks; returns None, or what failed."""
    import random
    rng = random.Random(0x5EED)
    # Register access against a plain array, through both directions of packing.
    sketch = HyperLogLog.new()
    sketch.to_dense()
    expected = bytearray(REGISTERS)
    for _ in range(4000):
        index, value = rng.randrange(REGISTERS), rng.randrange(1, 64)
        sketch.set_register(index, value, 0)
        expected[index] = max(expected[index], value)
    if sketch.registers() != expected:
        return "Register error"
    if pack_dense(expected) != sketch.regs:
        return "Register packing error"
    # Sparse and dense sketches of the same elements hold the same registers.
    sparse, dense = HyperLogLog.new(), HyperLogLog.new()
    dense.to_dense()
    for n in range(1, 3001):
        element = b"%d" % rng.getrandbits(64)
        sparse.add(element, 1 << 30)
        dense.add(element, 1 << 30)
    if sparse.is_dense() or sparse.registers() != dense.registers():
        return "Sparse/dense mismatch"
    count = dense.count()
    if sparse.count() != count or abs(count - 3000) > 3000 * 0.0325:
        return "Approximation error %d for 3000" % count
    return None
