"""Sorted-set range commands: ZRANGE and its older forms, ZRANGESTORE, ZCOUNT,
ZLEXCOUNT and the ZREMRANGEBY* removals.

Every range is turned into a span of ranks ``[start, end)`` of the set's
``order`` (``ZSet.score_span``/``lex_span``: O(log n)), then walked in O(k),
forwards or backwards; so a range read costs O(log n + k), as in Redis.

Argument checking follows Redis's order: options, then the range bounds
(``ERR min or max is not a float``, ``ERR min or max not valid string range
item``), and only then the key (WRONGTYPE).  Score bounds are read the way
Redis's ``strtod`` call reads them, which is laxer than ZADD's scores: the
empty string is 0, leading blanks are skipped and ``1e400`` is inf.
"""
from __future__ import annotations

from redix import errors
from redix.commands.args import parse_int, strtod_lenient
from redix.commands.registry import command
from redix.commands.zsets import (get_zset, limits, removed_if_empty, store_result,
                                  with_scores)
from redix.errors import CommandError
from redix.protocol.replies import EMPTY_ARRAY
from redix.types.zset import LEX_MAX, LEX_MIN

RANK, SCORE, LEX = 0, 1, 2

# --- bounds ----------------------------------------------------------------------------


def parse_score_bound(raw: bytes):
    """A score bound: (value, exclusive); '(' makes it exclusive, -inf/+inf allowed."""
    exclusive = raw[:1] == b"("
    value = strtod_lenient(raw[1:] if exclusive else raw)
    if value is None:
        raise CommandError(errors.MIN_MAX_NOT_FLOAT)
    return value, exclusive


def parse_score_range(low: bytes, high: bytes):
    low_value, low_ex = parse_score_bound(low)
    high_value, high_ex = parse_score_bound(high)
    return low_value, low_ex, high_value, high_ex


def parse_lex_bound(raw: bytes):
    """A lex bound: '-' and '+' (what follows a NUL is ignored, as in C), '[x' or '(x'."""
    first = raw[:1]
    if first == b"+" or first == b"-":
        if len(raw) > 1 and raw[1] != 0:
            raise CommandError(errors.MIN_MAX_NOT_LEX)
        return LEX_MAX if first == b"+" else LEX_MIN
    if first == b"(":
        return (0, raw[1:], True)
    if first == b"[":
        return (0, raw[1:], False)
    raise CommandError(errors.MIN_MAX_NOT_LEX)


def parse_bounds(kind: int, low: bytes, high: bytes):
    """The two bounds of a RANK, SCORE or LEX range, parsed (errors as Redis words them)."""
    if kind == RANK:
        return parse_int(low), parse_int(high)
    if kind == SCORE:
        return parse_score_range(low, high)
    return parse_lex_bound(low), parse_lex_bound(high)


def span(zset, kind: int, bounds, reverse: bool = False):
    """Ranks [start, end) of a parsed range in ``zset`` (empty: start == end)."""
    if kind == RANK:
        return rank_span(bounds[0], bounds[1], len(zset.order))
    if kind == SCORE:
        return zset.score_span(*bounds)
    return zset.lex_span(bounds[0], bounds[1], reverse)


def rank_span(start: int, stop: int, n: int):
    """Redis's index sanitising for rank ranges: [first, last) ranks, maybe empty."""
    if start < 0:
        start += n
    if stop < 0:
        stop += n
    if start < 0:
        start = 0
    if start > stop or start >= n:
        return 0, 0
    return start, min(stop, n - 1) + 1


# --- ZRANGE and friends -------------------------------------------------------------------


def _select(zset, kind, reverse, bounds, offset, limit) -> list:
    """The (score, member) pairs of a range, in reply order."""
    if kind == LEX and offset and zset.listpack:
        return zset.lex_page(bounds[0], bounds[1], reverse, offset, limit)
    order = zset.order
    n = len(order)
    start, end = span(zset, kind, bounds, reverse)
    if kind == RANK:
        if start >= end:
            return []
        if reverse:
            start, end = n - end, n - start
            return list(order.islice(start, end, reverse=True))
        return order[start:end]
    if offset < 0 or start + offset >= end:
        return []
    if reverse:
        end -= offset
        if limit >= 0:
            start = max(start, end - limit)
        return list(order.islice(start, end, reverse=True))
    start += offset
    if limit >= 0:
        end = min(end, start + limit)
    return order[start:end]


def zrange_generic(client, argv, first: int, kind, reverse, store: bytes | None = None):
    """Shared by every ZRANGE form.  ``argv[first]`` is the source key, then the two
    bounds, then options; ``kind``/``reverse`` are None when options may choose."""
    withscores = False
    offset, limit = 0, -1
    i, n = first + 3, len(argv)
    while i < n:
        option = argv[i].lower()
        if option == b"withscores" and store is None:
            withscores = True
        elif option == b"limit" and n - i - 1 >= 2:
            offset = parse_int(argv[i + 1])
            limit = parse_int(argv[i + 2])
            i += 2
        elif option == b"rev" and reverse is None:
            reverse = True
        elif option == b"bylex" and kind is None:
            kind = LEX
        elif option == b"byscore" and kind is None:
            kind = SCORE
        else:
            raise CommandError(errors.SYNTAX)
        i += 1
    reverse = bool(reverse)
    if kind is None:
        kind = RANK
    if limit != -1 and kind == RANK:
        raise CommandError(errors.ZRANGE_LIMIT_BY_RANK)
    if withscores and kind == LEX:
        raise CommandError(errors.ZRANGE_WITHSCORES_BYLEX)
    low, high = argv[first + 1], argv[first + 2]
    if reverse and kind != RANK:
        low, high = high, low          # given as max, min
    bounds = parse_bounds(kind, low, high)
    zset = get_zset(client.db, argv[first])
    pairs = [] if zset is None else _select(zset, kind, reverse, bounds, offset, limit)
    if store is not None:
        # Redis starts the destination as a skiplist when a rank range is known to be
        # too long for a listpack, else as a listpack that converts while filling.
        skiplist = kind == RANK and len(pairs) > limits(client)[0]
        return store_result(client, store, [(member, score) for score, member in pairs],
                            inserts_from="skiplist" if skiplist else "listpack")
    if not pairs:
        return EMPTY_ARRAY
    if withscores:
        return with_scores(pairs, client.resp3)
    return [member for _, member in pairs]


@command("zrange")
def cmd_zrange(client, argv):
    """ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
    -- array of members (with scores: flat in RESP2, pairs in RESP3)."""
    return zrange_generic(client, argv, 1, None, None)


@command("zrangestore")
def cmd_zrangestore(client, argv):
    """ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]
    -- integer: members stored in dst (dst is deleted when the range is empty)."""
    return zrange_generic(client, argv, 2, None, None, store=argv[1])


@command("zrevrange")
def cmd_zrevrange(client, argv):
    """ZREVRANGE key start stop [WITHSCORES] -- array of members, highest score first."""
    return zrange_generic(client, argv, 1, RANK, True)


@command("zrangebyscore")
def cmd_zrangebyscore(client, argv):
    """ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count] -- array of members."""
    return zrange_generic(client, argv, 1, SCORE, False)


@command("zrevrangebyscore")
def cmd_zrevrangebyscore(client, argv):
    """ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count] -- array of members."""
    return zrange_generic(client, argv, 1, SCORE, True)


@command("zrangebylex")
def cmd_zrangebylex(client, argv):
    """ZRANGEBYLEX key min max [LIMIT offset count] -- array of members."""
    return zrange_generic(client, argv, 1, LEX, False)


@command("zrevrangebylex")
def cmd_zrevrangebylex(client, argv):
    """ZREVRANGEBYLEX key max min [LIMIT offset count] -- array of members."""
    return zrange_generic(client, argv, 1, LEX, True)


# --- counting -----------------------------------------------------------------------------


def _count_generic(client, argv, kind: int) -> int:
    bounds = parse_bounds(kind, argv[2], argv[3])
    zset = get_zset(client.db, argv[1])
    if zset is None:
        return 0
    start, end = span(zset, kind, bounds)
    return end - start


@command("zcount")
def cmd_zcount(client, argv):
    """ZCOUNT key min max -- integer: members with a score in the range."""
    return _count_generic(client, argv, SCORE)


@command("zlexcount")
def cmd_zlexcount(client, argv):
    """ZLEXCOUNT key min max -- integer: members in the lex range."""
    return _count_generic(client, argv, LEX)


# --- removing ranges ------------------------------------------------------------------------


def _zremrange_generic(client, argv, kind: int) -> int:
    bounds = parse_bounds(kind, argv[2], argv[3])
    db = client.db
    key = argv[1]
    zset = get_zset(db, key)
    if zset is None:
        return 0
    start, end = span(zset, kind, bounds)
    if start >= end:
        return 0
    zset.pop_range(start, end)
    removed_if_empty(db, key, zset)
    return end - start


@command("zremrangebyrank")
def cmd_zremrangebyrank(client, argv):
    """ZREMRANGEBYRANK key start stop -- integer: members removed."""
    return _zremrange_generic(client, argv, RANK)


@command("zremrangebyscore")
def cmd_zremrangebyscore(client, argv):
    """ZREMRANGEBYSCORE key min max -- integer: members removed."""
    return _zremrange_generic(client, argv, SCORE)


@command("zremrangebylex")
def cmd_zremrangebylex(client, argv):
    """ZREMRANGEBYLEX key min max -- integer: members removed."""
    return _zremrange_generic(client, argv, LEX)
