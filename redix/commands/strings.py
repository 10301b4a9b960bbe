"""String commands: the SET and GET families, multi-key forms, ranges, counters, LCS.

Strings are stored as immutable ``bytes`` (other code relies on ``type(v) is
bytes`` meaning "a string"); integers stay bytes and are parsed when a counter
command needs them, as Redis does with its int encoding.  Commands that change
part of a string (APPEND, SETRANGE) therefore build a new ``bytes``: one copy
of the value per call, which Redis avoids with its mutable sds strings.

Every write goes through ``db.set``/``db.delete`` and ends in
``db.written(key)``.  Whole-value writes (SET, GETSET, MSET...) drop the TTL;
in-place edits (APPEND, SETRANGE, INCR...) keep it, as in Redis.

Bitmaps (also strings) are in ``bitmaps``; the long double arithmetic of
INCRBYFLOAT is in ``args``.
"""
from __future__ import annotations

from redix import errors
from redix.commands.args import (
    INT64_MAX, INT64_MIN, add_long_double, format_long_double, parse_int, to_int,
    to_long_double,
)
from redix.commands.registry import command
from redix.errors import CommandError
from redix.keyspace.db import now_ms
from redix.protocol.replies import OK

try:
    popcount = int.bit_count
except AttributeError:          # Python < 3.10
    def popcount(value: int) -> int:
        return bin(value).count("1")


@command("get")
def cmd_get(client, argv):
    """GET key -- bulk string, or null."""
    db = client.db
    if db.expires:
        value = db.lookup(argv[1])
    else:
        value = db.data.get(argv[1])
        if value is not None:
            db.atime[argv[1]] = db.clock     # what lookup records: OBJECT IDLETIME restarts
    if value is None or type(value) is bytes:
        return value
    raise CommandError(errors.WRONGTYPE)


# --- SET / GETEX options ------------------------------------------------------------
# Redis reads the options left to right: a repeated option is fine (for an
# expiry the last value wins), a conflicting one is a syntax error, and the
# expiry value is checked only after every option parsed.

_NX, _XX, _GET, _KEEPTTL, _PERSIST = 1, 2, 4, 8, 16
_SET_FLAGS = {b"nx": _NX, b"xx": _XX, b"get": _GET, b"keepttl": _KEEPTTL}
_GETEX_FLAGS = {b"persist": _PERSIST}
# unit name -> (milliseconds per unit, absolute time?)
_EXPIRE_UNITS = {b"ex": (1000, False), b"px": (1, False), b"exat": (1000, True),
                 b"pxat": (1, True)}
_CONFLICTS = {_NX: _XX, _XX: _NX, _GET: 0, _KEEPTTL: 0, _PERSIST: 0}


def parse_expire_options(argv, start: int, allowed: dict):
    """SET's or GETEX's options from argv[start:]: (flags, unit or None, raw amount)."""
    flags = 0
    unit = amount = None
    i, n = start, len(argv)
    while i < n:
        opt = argv[i].lower()
        flag = allowed.get(opt)
        if flag is not None:
            if flags & _CONFLICTS[flag] or (flag & (_KEEPTTL | _PERSIST) and unit is not None):
                raise CommandError(errors.SYNTAX)
            flags |= flag
            i += 1
        elif (opt in _EXPIRE_UNITS and i + 1 < n and unit in (None, opt)
              and not flags & (_KEEPTTL | _PERSIST)):
            unit, amount = opt, argv[i + 1]
            i += 2
        else:
            raise CommandError(errors.SYNTAX)
    return flags, unit, amount


def expire_deadline(raw: bytes, unit: bytes, command_name: bytes) -> int:
    """The absolute unix time in ms an EX/PX/EXAT/PXAT amount means, checked as Redis does."""
    amount = parse_int(raw)
    scale, absolute = _EXPIRE_UNITS[unit]
    if amount <= 0 or amount > INT64_MAX // scale:
        raise CommandError(errors.INVALID_EXPIRE % command_name)
    amount *= scale
    if not absolute:
        now = now_ms()
        if amount > INT64_MAX - now:
            raise CommandError(errors.INVALID_EXPIRE % command_name)
        amount += now
    return amount


@command("set")
def cmd_set(client, argv):
    """SET key value [NX | XX] [GET] [EX s | PX ms | EXAT ts | PXAT ms-ts | KEEPTTL]
    -- +OK, null when NX/XX prevented it, or the old value with GET."""
    db = client.db
    key = argv[1]
    if len(argv) == 3:
        db.data[key] = argv[2]
        if db.expires:
            db.expires.pop(key, None)
        db.written(key)
        return OK
    flags, unit, amount = parse_expire_options(argv, 3, _SET_FLAGS)
    expire_at = expire_deadline(amount, unit, b"set") if unit is not None else None
    old = db.lookup(key)
    if flags & _GET:
        if old is not None and type(old) is not bytes:
            raise CommandError(errors.WRONGTYPE)
        reply = old
    else:
        reply = OK
    if (flags & _NX and old is not None) or (flags & _XX and old is None):
        return reply if flags & _GET else None
    db.set(key, argv[2], keep_ttl=bool(flags & _KEEPTTL))
    if expire_at is not None:
        # A time already past is stored as it is: the key then expires lazily, as in Redis.
        db.set_expire(key, expire_at)
    db.written(key)
    return reply


@command("getex")
def cmd_getex(client, argv):
    """GETEX key [EX s | PX ms | EXAT ts | PXAT ms-ts | PERSIST] -- bulk string, or null."""
    flags, unit, amount = parse_expire_options(argv, 2, _GETEX_FLAGS)
    db = client.db
    key = argv[1]
    value = db.get_string(key)
    if value is None:
        return None
    if unit is not None:
        when = expire_deadline(amount, unit, b"getex")
        if when <= now_ms():
            db.delete(key)
        else:
            db.set_expire(key, when)
            db.written(key)
    elif flags & _PERSIST and db.persist(key):
        db.written(key)
    return value


@command("getdel")
def cmd_getdel(client, argv):
    """GETDEL key -- bulk string (the value removed), or null."""
    db = client.db
    value = db.get_string(argv[1])
    if value is not None:
        db.delete(argv[1])
    return value


@command("getset")
def cmd_getset(client, argv):
    """GETSET key value -- bulk string (the old value), or null."""
    db = client.db
    old = db.get_string(argv[1])
    db.set(argv[1], argv[2])
    db.written(argv[1])
    return old


@command("setnx")
def cmd_setnx(client, argv):
    """SETNX key value -- integer: 1 if set, 0 if the key existed (of any type)."""
    db = client.db
    if db.lookup(argv[1]) is not None:
        return 0
    db.set(argv[1], argv[2])
    db.written(argv[1])
    return 1


def _set_with_expire(client, argv, unit: bytes, name: bytes):
    when = expire_deadline(argv[2], unit, name)
    db = client.db
    db.set(argv[1], argv[3])
    db.set_expire(argv[1], when)
    db.written(argv[1])
    return OK


@command("setex")
def cmd_setex(client, argv):
    """SETEX key seconds value -- +OK."""
    return _set_with_expire(client, argv, b"ex", b"setex")


@command("psetex")
def cmd_psetex(client, argv):
    """PSETEX key milliseconds value -- +OK."""
    return _set_with_expire(client, argv, b"px", b"psetex")


# --- several keys --------------------------------------------------------------------

@command("mget")
def cmd_mget(client, argv):
    """MGET key [key ...] -- array: each value, null for missing or non-string keys."""
    lookup = client.db.lookup
    values = []
    for key in argv[1:]:
        value = lookup(key)
        values.append(value if type(value) is bytes else None)
    return values


def _mset(db, argv) -> None:
    for i in range(1, len(argv), 2):
        db.set(argv[i], argv[i + 1])
        db.written(argv[i])


@command("mset")
def cmd_mset(client, argv):
    """MSET key value [key value ...] -- +OK."""
    if len(argv) % 2 == 0:
        raise CommandError(errors.wrong_arity(b"mset"))
    _mset(client.db, argv)
    return OK


@command("msetnx")
def cmd_msetnx(client, argv):
    """MSETNX key value [key value ...] -- integer: 1 if all were set, 0 if any key existed."""
    if len(argv) % 2 == 0:
        raise CommandError(errors.wrong_arity(b"msetnx"))
    db = client.db
    for i in range(1, len(argv), 2):
        if db.lookup(argv[i]) is not None:
            return 0
    _mset(db, argv)
    return 1


# --- parts of a string ---------------------------------------------------------------

def _check_length(client, total: int) -> None:
    if total > client.server.config.proto_max_bulk_len:
        raise CommandError(errors.STRING_TOO_LONG)


@command("strlen")
def cmd_strlen(client, argv):
    """STRLEN key -- integer: the length, 0 for a missing key."""
    value = client.db.get_string(argv[1])
    return 0 if value is None else len(value)


@command("append")
def cmd_append(client, argv):
    """APPEND key value -- integer: the length after appending."""
    db = client.db
    key = argv[1]
    old = db.get_string(key)
    if old is None:
        new = argv[2]
    else:
        _check_length(client, len(old) + len(argv[2]))
        new = old + argv[2]
    db.set(key, new, keep_ttl=True)
    db.written(key)
    return len(new)


def clamp_range(start: int, end: int, length: int, reversed_is_empty: bool = True):
    """Redis's inclusive range rules (GETRANGE, BITCOUNT, BITPOS): negative counts from
    the end, then both are clamped into the string; (start, end), or None if empty.

    With ``reversed_is_empty`` two negative bounds in the wrong order give an empty
    range before clamping (GETRANGE, BITCOUNT); BITPOS has no such check.
    """
    if reversed_is_empty and start < 0 and end < 0 and start > end:
        return None
    if start < 0:
        start = max(start + length, 0)
    if end < 0:
        end = max(end + length, 0)
    if end >= length:
        end = length - 1
    if start > end:
        return None
    return start, end


@command("getrange")
def cmd_getrange(client, argv):
    """GETRANGE key start end -- bulk string: the inclusive range (negative from the end)."""
    start, end = parse_int(argv[2]), parse_int(argv[3])
    value = client.db.get_string(argv[1])
    if value is None:
        return b""
    span = clamp_range(start, end, len(value))
    return b"" if span is None else value[span[0]:span[1] + 1]


@command("substr")
def cmd_substr(client, argv):
    """SUBSTR key start end -- bulk string (GETRANGE's old name)."""
    return cmd_getrange(client, argv)


@command("setrange")
def cmd_setrange(client, argv):
    """SETRANGE key offset value -- integer: the length after writing (zero-padded)."""
    offset = parse_int(argv[2])
    if offset < 0:
        raise CommandError(errors.OFFSET_OUT_OF_RANGE)
    db = client.db
    key, part = argv[1], argv[3]
    old = db.get_string(key)
    if not part:                      # nothing to write: no key is created
        return 0 if old is None else len(old)
    end = offset + len(part)
    _check_length(client, end)
    if old is None:
        old = b""
    if offset > len(old):
        new = b"".join((old, bytes(offset - len(old)), part))
    else:
        view = memoryview(old)
        new = b"".join((view[:offset], part, view[end:]))
    db.set(key, new, keep_ttl=True)
    db.written(key)
    return len(new)


# --- counters ------------------------------------------------------------------------

def _incr_by(db, key: bytes, delta: int) -> int:
    value = db.lookup(key) if db.expires else db.data.get(key)
    if value is None:
        result = delta
    else:
        if type(value) is not bytes:
            raise CommandError(errors.WRONGTYPE)
        # Common case inline: a short run of digits without a leading zero.
        if value.isdigit() and len(value) < 19 and (value[0] != 48 or len(value) == 1):
            current = int(value)
        else:
            current = to_int(value)
            if current is None:
                raise CommandError(errors.NOT_INTEGER)
        result = current + delta
        if result > INT64_MAX or result < INT64_MIN:
            raise CommandError(errors.OVERFLOW)
    db.data[key] = b"%d" % result     # an in-place change: the TTL stays
    db.written(key)
    return result


@command("incr")
def cmd_incr(client, argv):
    """INCR key -- integer: the value after adding 1."""
    return _incr_by(client.db, argv[1], 1)


@command("decr")
def cmd_decr(client, argv):
    """DECR key -- integer: the value after subtracting 1."""
    return _incr_by(client.db, argv[1], -1)


@command("incrby")
def cmd_incrby(client, argv):
    """INCRBY key increment -- integer: the value after adding."""
    return _incr_by(client.db, argv[1], parse_int(argv[2]))


@command("decrby")
def cmd_decrby(client, argv):
    """DECRBY key decrement -- integer: the value after subtracting."""
    decrement = parse_int(argv[2])
    if decrement == INT64_MIN:        # its negation does not fit: Redis's own message
        raise CommandError(errors.DECR_OVERFLOW)
    return _incr_by(client.db, argv[1], -decrement)


@command("incrbyfloat")
def cmd_incrbyfloat(client, argv):
    """INCRBYFLOAT key increment -- bulk string: the new value, computed as a C long double."""
    db = client.db
    key = argv[1]
    old = db.get_string(key)
    current = to_long_double(old) if old is not None else 0
    increment = to_long_double(argv[2])
    if current is None or increment is None:
        raise CommandError(errors.NOT_FLOAT)
    total = add_long_double(current, increment)
    if type(total) is float:          # inf or nan
        raise CommandError(errors.INCR_NAN_INF)
    new = format_long_double(total)
    db.set(key, new, keep_ttl=True)
    db.written(key)
    return new


# --- LCS: the longest common subsequence, as Redis 7.0 computes it -----------------
# Redis fills an (len(a)+1) x (len(b)+1) table of prefix LCS lengths and walks
# it back from the end, so the subsequence it returns (when several exist) and
# the match ranges it reports depend on that walk: at a mismatch it moves up
# (drops a character of ``a``) only when that keeps a strictly longer LCS than
# moving left, else it moves left; one bit of the current row tells which.
# We walk the same path, but hold the table in bit-parallel form (Hyyrö's
# algorithm): row ``i`` is one integer whose bit ``j`` is 0 exactly where
# LCS(a[:i], b[:j+1]) exceeds LCS(a[:i], b[:j]).  That is len(b)/8 bytes per
# row instead of 4 bytes per cell, built with a few big-integer operations per
# character of ``a`` (LCS of two 11 kB strings: ~50 ms, Redis itself ~1.5 s).
#
# The size limit is Redis's: the table it would allocate, 4 bytes a cell, may
# not exceed proto-max-bulk-len.


def lcs_rows(a: bytes, b: bytes) -> list:
    """Row i (0..len(a)) of the prefix-LCS table of a and b, in bit-parallel form."""
    full = (1 << len(b)) - 1
    masks: dict = {}
    for j, ch in enumerate(b):
        masks[ch] = masks.get(ch, 0) | (1 << j)
    row = full
    rows = [row]
    for ch in a:
        hit = row & masks.get(ch, 0)
        row = ((row + hit) | (row - hit)) & full
        rows.append(row)
    return rows


def lcs_length(rows: list, i: int, j: int) -> int:
    """LCS(a[:i], b[:j]) from the rows."""
    return j - popcount(rows[i] & ((1 << j) - 1))


def lcs_walk(a: bytes, b: bytes, rows: list):
    """(the LCS bytes, matches): matches are maximal runs of the walk back from the
    end, last run first, each ((a_start, a_end), (b_start, b_end)) inclusive."""
    i, j = len(a), len(b)
    out = bytearray()
    runs = []
    run = None                      # [a_start, a_end, b_start, b_end] being extended
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1]:
            out.append(a[i - 1])
            i -= 1
            j -= 1
            if run is not None and run[0] == i + 1 and run[2] == j + 1:
                run[0], run[2] = i, j
            else:
                if run is not None:
                    runs.append(run)
                run = [i, i, j, j]
        elif (rows[i] >> (j - 1)) & 1:
            # LCS(i, j-1) == LCS(i, j): moving left keeps the best, and Redis moves
            # up only when that is strictly better; otherwise up is the one that keeps it.
            j -= 1
        else:
            i -= 1
    if run is not None:
        runs.append(run)
    out.reverse()
    return bytes(out), [((r[0], r[1]), (r[2], r[3])) for r in runs]


@command("lcs")
def cmd_lcs(client, argv):
    """LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]
    -- bulk string (the LCS), integer with LEN, or a map {matches, len} with IDX."""
    db = client.db
    a, b = db.lookup(argv[1]), db.lookup(argv[2])
    if (a is not None and type(a) is not bytes) or (b is not None and type(b) is not bytes):
        raise CommandError(errors.LCS_NOT_STRINGS)
    a = a or b""
    b = b or b""
    want_len = want_idx = with_len = False
    min_len = 0
    i, n = 3, len(argv)
    while i < n:
        opt = argv[i].lower()
        if opt == b"idx":
            want_idx = True
        elif opt == b"len":
            want_len = True
        elif opt == b"withmatchlen":
            with_len = True
        elif opt == b"minmatchlen" and i + 1 < n:
            min_len = parse_int(argv[i + 1])
            i += 1
        else:
            raise CommandError(errors.SYNTAX)
        i += 1
    if want_len and want_idx:
        raise CommandError(errors.LCS_LEN_AND_IDX)
    if (len(a) + 1) * (len(b) + 1) * 4 > client.server.config.proto_max_bulk_len:
        raise CommandError(errors.LCS_TOO_BIG)
    rows = lcs_rows(a, b)
    if want_len:
        return lcs_length(rows, len(a), len(b))
    common, runs = lcs_walk(a, b, rows)
    if not want_idx:
        return common
    matches = []
    for (a_start, a_end), (b_start, b_end) in runs:
        length = a_end - a_start + 1
        if length >= min_len:
            entry = [[a_start, a_end], [b_start, b_end]]
            if with_len:
                entry.append(length)
            matches.append(entry)
    return {b"matches": matches, b"len": len(common)}
