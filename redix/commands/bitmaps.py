"""Bitmap commands: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD, BITFIELD_RO.

A bitmap is a string: bit 0 is the most significant bit of byte 0.  Reading
past the end reads zeros; writing past it zero-pads the string (up to
proto-max-bulk-len bytes, which is what bounds every bit offset).

Values stay immutable ``bytes``, so a write copies the string once
(``memoryview`` slices joined, or one ``bytearray`` for a whole BITFIELD).
Scans and counts run in C: ``int.from_bytes`` for popcounts and bitwise
operations, a compiled regex to skip runs of 0x00 or 0xFF bytes in BITPOS.
"""
from __future__ import annotations

import re

from redix import errors
from redix.commands.args import parse_int, to_int
from redix.commands.registry import command
from redix.commands.strings import clamp_range, popcount
from redix.errors import CommandError

_INT64 = 1 << 64
_POPCOUNT_CHUNK = 1 << 20       # bytes per int.from_bytes, so a 512 MB string needs no 512 MB int
_FIRST_SET = re.compile(rb"[^\x00]")
_FIRST_CLEAR = re.compile(rb"[^\xff]")


def parse_bit_offset(client, raw: bytes, bits: int = 0) -> int:
    """A bit offset, or with ``bits`` (BITFIELD) also ``#n``, meaning n * bits.

    Like Redis, ``#n * bits`` wraps around as a signed 64-bit product, and the
    offset must address a byte below proto-max-bulk-len.
    """
    hashed = bits and raw[:1] == b"#"
    offset = to_int(raw[1:] if hashed else raw)
    if offset is None:
        raise CommandError(errors.BIT_OFFSET)
    if hashed:
        offset = (offset * bits + (1 << 63)) % _INT64 - (1 << 63)
    if offset < 0 or offset >> 3 >= client.server.config.proto_max_bulk_len:
        raise CommandError(errors.BIT_OFFSET)
    return offset


def _count_ones(value: bytes, start: int, end: int) -> int:
    """Set bits in value[start:end]."""
    view = memoryview(value)
    total = 0
    for pos in range(start, end, _POPCOUNT_CHUNK):
        total += popcount(int.from_bytes(view[pos:min(pos + _POPCOUNT_CHUNK, end)], "big"))
    return total


@command("setbit")
def cmd_setbit(client, argv):
    """SETBIT key offset value -- integer: the bit's previous value."""
    offset = parse_bit_offset(client, argv[2])
    on = argv[3]
    if on != b"0" and on != b"1":
        raise CommandError(errors.BIT_VALUE)
    db = client.db
    key = argv[1]
    old = db.get_string(key)
    if old is None:
        old = b""
    index, shift = offset >> 3, 7 - (offset & 7)
    if index < len(old):
        byte = old[index]
        previous = (byte >> shift) & 1
        byte = byte | (1 << shift) if on == b"1" else byte & ~(1 << shift)
        if byte == old[index]:
            new = old
        else:
            view = memoryview(old)
            new = b"".join((view[:index], bytes((byte,)), view[index + 1:]))
    else:
        previous = 0
        new = b"".join((old, bytes(index - len(old)), bytes(((on == b"1") << shift,))))
    db.set(key, new, keep_ttl=True)
    db.written(key)
    return previous


@command("getbit")
def cmd_getbit(client, argv):
    """GETBIT key offset -- integer: the bit (0 past the end or for a missing key)."""
    offset = parse_bit_offset(client, argv[2])
    value = client.db.get_string(argv[1])
    index = offset >> 3
    if value is None or index >= len(value):
        return 0
    return (value[index] >> (7 - (offset & 7))) & 1


def _range_unit(raw: bytes) -> bool:
    """True for BIT, False for BYTE; anything else is a syntax error."""
    unit = raw.lower()
    if unit == b"bit":
        return True
    if unit != b"byte":
        raise CommandError(errors.SYNTAX)
    return False


@command("bitcount")
def cmd_bitcount(client, argv):
    """BITCOUNT key [start end [BYTE | BIT]] -- integer: the number of set bits."""
    value = client.db.get_string(argv[1])
    if value is None:               # Redis answers before looking at the range
        return 0
    n = len(argv)
    if n == 2:
        return _count_ones(value, 0, len(value))
    if n != 4 and n != 5:
        raise CommandError(errors.SYNTAX)
    start, end = parse_int(argv[2]), parse_int(argv[3])
    in_bits = n == 5 and _range_unit(argv[4])
    span = clamp_range(start, end, len(value) * 8 if in_bits else len(value))
    if span is None:
        return 0
    start, end = span
    if not in_bits:
        return _count_ones(value, start, end + 1)
    first, last = start >> 3, end >> 3
    total = _count_ones(value, first, last + 1)
    # Drop the bits of the edge bytes that lie outside [start, end].
    total -= popcount(value[first] >> (8 - (start & 7))) if start & 7 else 0
    total -= popcount(value[last] & ((1 << (7 - (end & 7))) - 1))
    return total


def _first_bit(value: bytes, bit: int, start: int, end: int) -> int:
    """The position of the first ``bit`` in bits start..end of value, or -1."""
    first, last = start >> 3, end >> 3
    head = 0xFF >> (start & 7)
    tail = (0xFF << (7 - (end & 7))) & 0xFF
    flip = 0 if bit else 0xFF

    def probe(index: int, mask: int) -> int:
        found = (value[index] ^ flip) & mask
        return index * 8 + 8 - found.bit_length() if found else -1

    if first == last:
        return probe(first, head & tail)
    pos = probe(first, head)
    if pos >= 0:
        return pos
    match = (_FIRST_SET if bit else _FIRST_CLEAR).search(value, first + 1, last)
    if match is not None:
        return probe(match.start(), 0xFF)
    return probe(last, tail)


@command("bitpos")
def cmd_bitpos(client, argv):
    """BITPOS key bit [start [end [BYTE | BIT]]] -- integer: the first position of bit, or -1."""
    bit = parse_int(argv[2])
    if bit != 0 and bit != 1:
        raise CommandError(errors.BIT_ARGUMENT)
    value = client.db.get_string(argv[1])
    if value is None:               # an empty bitmap: all zeros, no ones
        return -1 if bit else 0
    n = len(argv)
    if n > 6:
        raise CommandError(errors.SYNTAX)
    start = parse_int(argv[3]) if n > 3 else 0
    end_given = n > 4
    end = parse_int(argv[4]) if end_given else -1
    in_bits = n == 6 and _range_unit(argv[5])
    span = clamp_range(start, end, len(value) * 8 if in_bits else len(value),
                       reversed_is_empty=False)
    if span is None:
        return -1
    start, end = span
    if not in_bits:
        start, end = start * 8, end * 8 + 7
    pos = _first_bit(value, bit, start, end)
    if pos < 0 and bit == 0 and not end_given:
        # Without an explicit end the string counts as followed by zeros.
        return end + 1
    return pos


_BITOPS = {b"and": int.__and__, b"or": int.__or__, b"xor": int.__xor__, b"not": None}


@command("bitop")
def cmd_bitop(client, argv):
    """BITOP AND | OR | XOR | NOT destkey key [key ...] -- integer: the length of destkey."""
    op = argv[1].lower()
    if op not in _BITOPS:
        raise CommandError(errors.SYNTAX)
    if op == b"not" and len(argv) != 4:
        raise CommandError(errors.BITOP_NOT_ONE_SOURCE)
    db = client.db
    dest = argv[2]
    sources = [db.get_string(key) or b"" for key in argv[3:]]
    size = max(len(v) for v in sources)
    if size == 0:
        db.delete(dest)
        return 0
    # Big-endian integers left-aligned to the longest source: shorter ones are zero-padded.
    numbers = [int.from_bytes(v, "big") << (8 * (size - len(v))) for v in sources]
    combine = _BITOPS[op]
    if combine is None:
        result = ~numbers[0] & ((1 << (8 * size)) - 1)
    else:
        result = numbers[0]
        for number in numbers[1:]:
            result = combine(result, number)
    db.set(dest, result.to_bytes(size, "big"))
    db.written(dest)
    return size


# --- BITFIELD -------------------------------------------------------------------------

_GET, _SET, _INCRBY = 0, 1, 2
_SUBCOMMANDS = {b"get": (_GET, 2), b"set": (_SET, 3), b"incrby": (_INCRBY, 3)}
_OVERFLOW = {b"wrap", b"sat", b"fail"}


def _field_type(raw: bytes):
    """i1..i64 or u1..u63 (lower case only): (signed, bits)."""
    kind = raw[:1]
    bits = to_int(raw[1:])
    if kind == b"i":
        if bits is not None and 1 <= bits <= 64:
            return True, bits
    elif kind == b"u" and bits is not None and 1 <= bits <= 63:
        return False, bits
    raise CommandError(errors.BITFIELD_TYPE)


def _parse_bitfield(client, argv, read_only: bool) -> list:
    """Every operation, checked before any runs: (op, signed, bits, offset, value, overflow)."""
    ops = []
    overflow = b"wrap"
    i, n = 2, len(argv)
    while i < n:
        name = argv[i].lower()
        spec = _SUBCOMMANDS.get(name)
        if spec is not None and n - i - 1 >= spec[1]:
            op, nargs = spec
            signed, bits = _field_type(argv[i + 1])
            offset = parse_bit_offset(client, argv[i + 2], bits)
            value = parse_int(argv[i + 3]) if op != _GET else 0
            ops.append((op, signed, bits, offset, value, overflow))
            i += nargs + 1
        elif name == b"overflow" and i + 1 < n:
            overflow = argv[i + 1].lower()
            if overflow not in _OVERFLOW:
                raise CommandError(errors.BITFIELD_OVERFLOW_TYPE)
            i += 2
        else:
            raise CommandError(errors.SYNTAX)
    if read_only and any(op[0] != _GET for op in ops):
        raise CommandError(errors.BITFIELD_RO_GET_ONLY)
    return ops


def _read_field(buf, offset: int, bits: int, signed: bool) -> int:
    first, last = offset >> 3, (offset + bits - 1) >> 3
    size = last + 1 - first
    chunk = buf[first:last + 1]
    number = int.from_bytes(chunk, "big") << (8 * (size - len(chunk)))   # zeros past the end
    number = (number >> (8 * size - (offset & 7) - bits)) & ((1 << bits) - 1)
    if signed and number >> (bits - 1):
        number -= 1 << bits
    return number


def _write_field(buf: bytearray, offset: int, bits: int, number: int) -> None:
    first, last = offset >> 3, (offset + bits - 1) >> 3
    size = last + 1 - first
    shift = 8 * size - (offset & 7) - bits
    mask = ((1 << bits) - 1) << shift
    current = int.from_bytes(buf[first:last + 1], "big")
    current = (current & ~mask) | ((number << shift) & mask)
    buf[first:last + 1] = current.to_bytes(size, "big")


def _fit(number: int, signed: bool, bits: int, overflow: bytes, huge_is_high: bool):
    """number made to fit the field per OVERFLOW; None when FAIL refuses it.

    ``huge_is_high``: SET on an unsigned field compares the value as a C
    uint64, so a negative value counts as too large (SAT gives the maximum).
    """
    low, high = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    if low <= number <= high:
        return number
    if overflow == b"fail":
        return None
    if overflow == b"sat":
        return high if number > high or huge_is_high else low
    return (number - low) % (1 << bits) + low


def _bitfield(client, argv, read_only: bool):
    ops = _parse_bitfield(client, argv, read_only)
    db = client.db
    key = argv[1]
    writes = [op for op in ops if op[0] != _GET]
    if not writes:
        value = db.get_string(key) or b""
        return [_read_field(value, op[3], op[2], op[1]) for op in ops]
    old = db.get_string(key)
    buf = bytearray(old or b"")
    needed = max(((offset + bits - 1) >> 3) + 1 for _, _, bits, offset, _, _ in writes)
    if needed > len(buf):
        buf.extend(bytes(needed - len(buf)))
    replies = []
    for op, signed, bits, offset, value, overflow in ops:
        current = _read_field(buf, offset, bits, signed)
        if op == _GET:
            replies.append(current)
            continue
        if op == _SET:
            new = _fit(value, signed, bits, overflow, value < 0 and not signed)
        else:
            new = _fit(current + value, signed, bits, overflow, False)
        if new is None:
            replies.append(None)
            continue
        _write_field(buf, offset, bits, new)
        replies.append(current if op == _SET else new)
    if old is None or len(buf) != len(old) or buf != old:
        db.set(key, bytes(buf), keep_ttl=True)
        db.written(key)
    return replies


@command("bitfield")
def cmd_bitfield(client, argv):
    """BITFIELD key [GET type offset | [OVERFLOW WRAP | SAT | FAIL]
    SET type offset value | INCRBY type offset increment ...]
    -- array: per GET the value, per SET the old value, per INCRBY the new one
    (null where OVERFLOW FAIL refused)."""
    return _bitfield(client, argv, read_only=False)


@command("bitfield_ro")
def cmd_bitfield_ro(client, argv):
    """BITFIELD_RO key [GET type offset ...] -- array of integers."""
    return _bitfield(client, argv, read_only=True)
