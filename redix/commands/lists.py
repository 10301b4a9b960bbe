"""List commands: pushes and pops at both ends, index and range access, LPOS, moves, LMPOP.

Values are ``ListValue`` deques (``redix.types.list``).  A key never holds an
empty list: whatever empties one deletes the key.  Every change ends in
``db.written`` (through ``db.delete`` when the key goes), which is also what
wakes clients blocked on the key; the blocking forms (BLPOP...) are in
``lists_blocking`` and share the pop and move helpers defined here.

Argument checks follow Redis 7.0's order, which shows in which error wins:
LRANGE/LTRIM/LREM/LPOS/LINSERT parse their arguments before looking the key
up, LINDEX and LSET look the key up first.  Pops with a count parse it
before anything else (``ERR value is out of range, must be positive``).
"""
from __future__ import annotations

from itertools import islice

from redix import errors
from redix.commands.args import INT64_MIN, parse_int, to_int
from redix.commands.registry import command
from redix.errors import CommandError
from redix.protocol.replies import NULL_ARRAY, OK
from redix.types.list import ListValue

_WHERE = {b"left": True, b"right": False}


def get_list(db, key: bytes):
    """The list at key, None if absent; WRONGTYPE for another type."""
    return db.get_typed(key, ListValue)


def parse_where(raw: bytes) -> bool:
    """LEFT or RIGHT (any case): True for the head."""
    where = _WHERE.get(raw.lower())
    if where is None:
        raise CommandError(errors.SYNTAX)
    return where


def parse_count(raw: bytes, message: bytes) -> int:
    """A count in 0..LONG_MAX; anything else (words included) is ``message``."""
    value = to_int(raw)
    if value is None or value < 0:
        raise CommandError(message)
    return value


# --- shared with the blocking commands ---------------------------------------------
def pop_elements(db, key: bytes, lst: ListValue, left: bool, count: int) -> list:
    """Up to ``count`` elements from one end; deletes the key once it is empty."""
    if count >= len(lst):
        items = list(lst)
        if not left:
            items.reverse()
        db.delete(key)
        return items
    pop = lst.popleft if left else lst.pop
    items = [pop() for _ in range(count)]
    db.written(key)
    return items


def pop_one(db, key: bytes, lst: ListValue, left: bool) -> bytes:
    item = lst.popleft() if left else lst.pop()
    if lst:
        db.written(key)
    else:
        db.delete(key)
    return item


def move_element(db, src_key: bytes, src: ListValue, dst_key: bytes,
                 from_left: bool, to_left: bool) -> bytes:
    """LMOVE on a non-empty source: WRONGTYPE from the destination before anything moves."""
    dst = get_list(db, dst_key)
    item = src.popleft() if from_left else src.pop()
    if dst is src:
        # The same list (rotation): it never empties, one notification.
        if to_left:
            src.appendleft(item)
        else:
            src.append(item)
        db.written(src_key)
        return item
    if src:
        db.written(src_key)
    else:
        db.delete(src_key)
    if dst is None:
        dst = ListValue()
        db.set(dst_key, dst)
    if to_left:
        dst.appendleft(item)
    else:
        dst.append(item)
    db.written(dst_key)
    return item


def move_argv(src_key: bytes, dst_key: bytes, from_left: bool, to_left: bool) -> list:
    """What a move propagates as (BLMOVE/BRPOPLPUSH replicate as LMOVE)."""
    return [b"LMOVE", src_key, dst_key, b"LEFT" if from_left else b"RIGHT",
            b"LEFT" if to_left else b"RIGHT"]


def pop_argv(left: bool, key: bytes, count=None) -> list:
    """What a pop propagates as (BLPOP as LPOP key, BLMPOP/LMPOP as LPOP key count)."""
    argv = [b"LPOP" if left else b"RPOP", key]
    if count is not None:
        argv.append(b"%d" % count)
    return argv


def parse_mpop(argv, first: int):
    """``numkeys key [key ...] LEFT|RIGHT [COUNT count]`` from argv[first]: (keys, left, count)."""
    numkeys = to_int(argv[first])
    if numkeys is None or numkeys < 1:
        raise CommandError(errors.NUMKEYS_POSITIVE)
    where_at = first + 1 + numkeys
    if where_at >= len(argv):
        raise CommandError(errors.SYNTAX)
    left = parse_where(argv[where_at])
    count = None
    i = where_at + 1
    while i < len(argv):
        if argv[i].lower() == b"count" and i + 1 < len(argv) and count is None:
            count = to_int(argv[i + 1])
            if count is None or count < 1:
                raise CommandError(errors.COUNT_POSITIVE)
            i += 2
        else:
            raise CommandError(errors.SYNTAX)
    return argv[first + 1:where_at], left, count or 1


def mpop_from(client, db, key: bytes, lst: ListValue, left: bool, count: int) -> list:
    items = pop_elements(db, key, lst, left, count)
    client.propagate_as = pop_argv(left, key, len(items))
    return [key, items]


# --- pushes ------------------------------------------------------------------------
def _push(client, argv, left: bool, existing_only: bool):
    db = client.db
    key = argv[1]
    lst = get_list(db, key)
    if lst is None:
        if existing_only:
            return 0
        lst = ListValue()
        db.set(key, lst)
    if len(argv) == 3:
        if left:
            lst.appendleft(argv[2])
        else:
            lst.append(argv[2])
    elif left:
        lst.extendleft(argv[2:])
    else:
        lst.extend(argv[2:])
    db.written(key)
    return len(lst)


@command("lpush")
def cmd_lpush(client, argv):
    """LPUSH key element [element ...] -- integer: the length after the pushes."""
    return _push(client, argv, True, False)


@command("rpush")
def cmd_rpush(client, argv):
    """RPUSH key element [element ...] -- integer: the length after the pushes."""
    return _push(client, argv, False, False)


@command("lpushx")
def cmd_lpushx(client, argv):
    """LPUSHX key element [element ...] -- integer: the length, 0 when the key is absent."""
    return _push(client, argv, True, True)


@command("rpushx")
def cmd_rpushx(client, argv):
    """RPUSHX key element [element ...] -- integer: the length, 0 when the key is absent."""
    return _push(client, argv, False, True)


# --- pops --------------------------------------------------------------------------
def _pop(client, argv, left: bool):
    if len(argv) > 3:
        raise CommandError(errors.wrong_arity(b"lpop" if left else b"rpop"))
    count = parse_count(argv[2], errors.MUST_BE_POSITIVE) if len(argv) == 3 else None
    db = client.db
    key = argv[1]
    lst = get_list(db, key)
    if lst is None:
        return None if count is None else NULL_ARRAY
    if count is None:
        return pop_one(db, key, lst, left)
    if count == 0:
        return []
    return pop_elements(db, key, lst, left, count)


@command("lpop")
def cmd_lpop(client, argv):
    """LPOP key [count] -- bulk string (null when absent); with count an array (null array
    when absent)."""
    return _pop(client, argv, True)


@command("rpop")
def cmd_rpop(client, argv):
    """RPOP key [count] -- bulk string (null when absent); with count an array (null array
    when absent)."""
    return _pop(client, argv, False)


@command("lmpop")
def cmd_lmpop(client, argv):
    """LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count] -- [key, elements] from the
    first non-empty list, or a null array."""
    keys, left, count = parse_mpop(argv, 1)
    db = client.db
    for key in keys:
        lst = get_list(db, key)
        if lst is not None:
            return mpop_from(client, db, key, lst, left, count)
    return NULL_ARRAY


# --- reading -----------------------------------------------------------------------
@command("llen")
def cmd_llen(client, argv):
    """LLEN key -- integer: the length, 0 when absent."""
    lst = get_list(client.db, argv[1])
    return 0 if lst is None else len(lst)


@command("lindex")
def cmd_lindex(client, argv):
    """LINDEX key index -- bulk string, or null when the index is out of range."""
    lst = get_list(client.db, argv[1])
    if lst is None:
        return None
    index = parse_int(argv[2])
    if index < 0:
        index += len(lst)
    if 0 <= index < len(lst):
        return lst[index]
    return None


def _clip_range(start: int, stop: int, length: int):
    """Redis's range rules: negative from the end, clipped; None when empty."""
    if start < 0:
        start = max(start + length, 0)
    if stop < 0:
        stop += length
    if start > stop or start >= length:
        return None
    return start, min(stop, length - 1)


@command("lrange")
def cmd_lrange(client, argv):
    """LRANGE key start stop -- array of the elements in the range."""
    start, stop = parse_int(argv[2]), parse_int(argv[3])
    lst = get_list(client.db, argv[1])
    if lst is None:
        return []
    span = _clip_range(start, stop, len(lst))
    return [] if span is None else lst.span(*span)


@command("lpos")
def cmd_lpos(client, argv):
    """LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len] -- integer index or
    null; with COUNT an array of indexes."""
    rank, count, maxlen = 1, None, 0
    i, n = 3, len(argv)
    while i < n:
        option = argv[i].lower()
        if i + 1 >= n:
            raise CommandError(errors.SYNTAX)
        if option == b"rank":
            rank = parse_int(argv[i + 1])
            if rank == 0:
                raise CommandError(errors.LPOS_RANK_ZERO)
        elif option == b"count":
            count = parse_count(argv[i + 1], errors.LPOS_COUNT_NEGATIVE)
        elif option == b"maxlen":
            maxlen = parse_count(argv[i + 1], errors.LPOS_MAXLEN_NEGATIVE)
        else:
            raise CommandError(errors.SYNTAX)
        i += 2
    lst = get_list(client.db, argv[1])
    if lst is None:
        return None if count is None else []
    found = _positions(lst, argv[2], rank, 1 if count is None else count, maxlen)
    if count is None:
        return found[0] if found else None
    return found


def _positions(lst: ListValue, element: bytes, rank: int, count: int, maxlen: int) -> list:
    """Indexes of matches, skipping the first |rank|-1, at most ``count`` (0: all),
    looking at no more than ``maxlen`` elements (0: all) from the rank's end."""
    length = len(lst)
    limit = min(maxlen, length) if maxlen else length
    # Redis negates a negative rank in place; LLONG_MIN stays negative there,
    # so every match counts, from the tail: the same as -1.
    skip = 0 if rank == INT64_MIN else abs(rank) - 1
    found: list = []
    if rank > 0:
        index = lst.index
        at = 0
        while True:
            try:
                at = index(element, at, limit)
            except ValueError:
                break
            if skip:
                skip -= 1
            else:
                found.append(at)
                if len(found) == count:
                    break
            at += 1
        return found
    position = length - 1
    for item in _islice_reversed(lst, limit):
        if item == element:
            if skip:
                skip -= 1
            else:
                found.append(position)
                if len(found) == count:
                    break
        position -= 1
    return found


def _islice_reversed(lst: ListValue, limit: int):
    items = reversed(lst)
    return items if limit == len(lst) else islice(items, limit)


# --- changing elements -------------------------------------------------------------
@command("lset")
def cmd_lset(client, argv):
    """LSET key index element -- +OK; ERR no such key, ERR index out of range."""
    db = client.db
    key = argv[1]
    lst = get_list(db, key)
    if lst is None:
        raise CommandError(errors.NO_SUCH_KEY)
    index = parse_int(argv[2])
    if index < 0:
        index += len(lst)
    if not 0 <= index < len(lst):
        raise CommandError(errors.OUT_OF_RANGE)
    lst[index] = argv[3]
    db.written(key)
    return OK


@command("linsert")
def cmd_linsert(client, argv):
    """LINSERT key BEFORE|AFTER pivot element -- integer: the new length, -1 without the
    pivot, 0 when the key is absent."""
    where = argv[2].lower()
    if where not in (b"before", b"after"):
        raise CommandError(errors.SYNTAX)
    db = client.db
    key = argv[1]
    lst = get_list(db, key)
    if lst is None:
        return 0
    try:
        at = lst.index(argv[3])
    except ValueError:
        return -1
    lst.insert(at if where == b"before" else at + 1, argv[4])
    db.written(key)
    return len(lst)


@command("lrem")
def cmd_lrem(client, argv):
    """LREM key count element -- integer: how many were removed."""
    count = parse_int(argv[2])
    db = client.db
    key = argv[1]
    lst = get_list(db, key)
    if lst is None:
        return 0
    removed = lst.remove_matching(argv[3], count)
    if removed:
        if lst:
            db.written(key)
        else:
            db.delete(key)
    return removed


@command("ltrim")
def cmd_ltrim(client, argv):
    """LTRIM key start stop -- +OK."""
    start, stop = parse_int(argv[2]), parse_int(argv[3])
    db = client.db
    key = argv[1]
    lst = get_list(db, key)
    if lst is None:
        return OK
    span = _clip_range(start, stop, len(lst))
    if span is None:
        db.delete(key)
    else:
        lst.trim(*span)
        db.written(key)
    return OK


# --- moves -------------------------------------------------------------------------
def _lmove(client, src_key: bytes, dst_key: bytes, from_left: bool, to_left: bool):
    db = client.db
    src = get_list(db, src_key)
    if src is None:
        return None
    return move_element(db, src_key, src, dst_key, from_left, to_left)


@command("lmove")
def cmd_lmove(client, argv):
    """LMOVE source destination LEFT|RIGHT LEFT|RIGHT -- the element moved, or null."""
    from_left, to_left = parse_where(argv[3]), parse_where(argv[4])
    return _lmove(client, argv[1], argv[2], from_left, to_left)


@command("rpoplpush")
def cmd_rpoplpush(client, argv):
    """RPOPLPUSH source destination -- the element moved, or null."""
    return _lmove(client, argv[1], argv[2], False, True)

