"""Sorted-set commands: adding, scoring, ranking, popping, sampling, scanning.

The rest of the family lives next door: range reads and range removals in
``commands.zsets_ranges``, ZUNION/ZINTER/ZDIFF in ``commands.zsets_setops``,
blocking pops in ``commands.zsets_blocking``.  The data structure is
``redix.types.zset.ZSet``.

Scores are C doubles: parsed as strtod reads them (``args.to_double``) and
replied as Python floats, which the encoder writes as Redis 7.0 does (``%.17g``
bulk strings in RESP2, ``,`` doubles in RESP3).  Replies that carry members
with their scores are flat in RESP2 and ``[member, score]`` pairs in RESP3
(``with_scores``); ZPOPMIN/ZPOPMAX without a count reply one flat pair in both.  Pops record
their non-blocking form in ``client.propagate_as`` (``pop_argv``), as the
blocking mechanism expects of every pop.

Shared helpers for the other zset modules: ``limits``, ``with_scores``,
``get_zset``, ``store_result``, ``removed_if_empty``.
"""
from __future__ import annotations

import random

from redix import errors
from redix.commands.args import format_float, parse_cursor, parse_int, to_double, to_int
from redix.commands.keys import parse_scan_options
from redix.commands.registry import command
from redix.errors import CommandError
from redix.keyspace.hashing import glob_match
from redix.keyspace.scan import ScanIndex
from redix.protocol.replies import EMPTY_ARRAY, NULL_ARRAY
from redix.types.zset import ZSet

# --- helpers shared by the zset modules ---------------------------------------------


def limits(client):
    """(zset-max-listpack-entries, zset-max-listpack-value) now in force."""
    config = client.server.config
    return (getattr(config, "zset_max_listpack_entries", 128),
            getattr(config, "zset_max_listpack_value", 64))


def get_zset(db, key):
    """The ZSet at key, None if absent; WRONGTYPE for another type."""
    return db.get_typed(key, ZSet)


def with_scores(pairs, resp3: bool) -> list:
    """``(score, member)`` pairs as a reply: flat in RESP2, [member, score] pairs in RESP3."""
    if resp3:
        return [[member, score] for score, member in pairs]
    return [item for score, member in pairs for item in (member, score)]


def store_result(client, key: bytes, pairs, inserts_from=None) -> int:
    """Replace ``key`` with a set of ``(member, score)`` pairs (deleted when empty).

    The new set is encoded as Redis encodes a computed result (``ZSet.from_pairs``),
    or, given ``inserts_from`` ("listpack" or "skiplist"), built by adding the pairs
    in order to a set of that encoding (``ZSet.from_inserts``), as ZRANGESTORE does.
    """
    db = client.db
    if not pairs:
        db.delete(key)
        return 0
    if inserts_from is None:
        zset = ZSet.from_pairs(pairs, *limits(client))
    else:
        zset = ZSet.from_inserts(pairs, *limits(client), skiplist=inserts_from == "skiplist")
    db.set(key, zset)
    db.written(key)
    return len(pairs)


def removed_if_empty(db, key: bytes, zset: ZSet) -> None:
    """End of a removal: a key never holds an empty set."""
    if not zset.scores:
        db.delete(key)
    else:
        db.written(key)


# --- ZADD, ZINCRBY ----------------------------------------------------------------------

NX, XX, CH, _INCR, _GT, _LT = 1, 2, 4, 8, 16, 32
_NX, _XX, _CH = NX, XX, CH
_ZADD_FLAGS = {b"nx": _NX, b"xx": _XX, b"ch": _CH, b"incr": _INCR, b"gt": _GT, b"lt": _LT}


def _zadd_generic(client, argv, flags: int, first: int):
    n = len(argv)
    pairs = n - first
    if pairs % 2 or not pairs:
        raise CommandError(errors.SYNTAX)
    if flags & _NX and flags & _XX:
        raise CommandError(errors.ZADD_XX_NX)
    if (flags & _NX and flags & (_GT | _LT)) or (flags & _GT and flags & _LT):
        raise CommandError(errors.ZADD_GT_LT_NX)
    incr = flags & _INCR
    if incr and pairs > 2:
        raise CommandError(errors.ZADD_INCR_PAIRS)
    scores = []
    for i in range(first, n, 2):
        score = to_double(argv[i])
        if score is None:
            raise CommandError(errors.NOT_FLOAT)
        scores.append(score)
    return zadd_apply(client, argv[1], flags, scores, argv[first + 1::2])


def zadd_apply(client, key: bytes, flags: int, scores: list, members: list):
    """ZADD's effect once its arguments are checked (GEOADD ends here too)."""
    db = client.db
    incr = flags & _INCR
    zset = db.get_typed(key, ZSet)
    if zset is None:
        if flags & _XX:
            return None if incr else 0
        zset = ZSet()
        db.set(key, zset)
    max_entries, max_value = limits(client)
    current = zset.scores
    added = updated = processed = 0
    score = 0.0
    for member, score in zip(members, scores):
        old = current.get(member)
        if old is None:
            if flags & _XX:
                continue
            zset.insert(member, score, max_entries, max_value)
            added += 1
            processed += 1
            continue
        if flags & _NX:
            continue
        if incr:
            score += old
            if score != score:
                raise CommandError(errors.SCORE_NAN)
        if (flags & _LT and score >= old) or (flags & _GT and score <= old):
            continue
        processed += 1
        if score != old:
            zset.update(member, old, score)
            updated += 1
    if added or updated:
        db.written(key)
    if incr:
        return score if processed else None
    return added + updated if flags & _CH else added


@command("zadd")
def cmd_zadd(client, argv):
    """ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]
    -- integer: members added (or changed, with CH); with INCR the new score, or null."""
    flags = 0
    i = 2
    get = _ZADD_FLAGS.get
    while i < len(argv):
        flag = get(argv[i].lower())
        if flag is None:
            break
        flags |= flag
        i += 1
    return _zadd_generic(client, argv, flags, i)


@command("zincrby")
def cmd_zincrby(client, argv):
    """ZINCRBY key increment member -- the new score (double)."""
    return _zadd_generic(client, argv, _INCR, 2)


# --- reading scores and ranks -------------------------------------------------------------


@command("zscore")
def cmd_zscore(client, argv):
    """ZSCORE key member -- the score (double), or null."""
    zset = client.db.get_typed(argv[1], ZSet)
    return None if zset is None else zset.scores.get(argv[2])


@command("zmscore")
def cmd_zmscore(client, argv):
    """ZMSCORE key member [member ...] -- array of scores (double or null)."""
    zset = client.db.get_typed(argv[1], ZSet)
    if zset is None:
        return [None] * (len(argv) - 2)
    get = zset.scores.get
    return [get(member) for member in argv[2:]]


@command("zcard")
def cmd_zcard(client, argv):
    """ZCARD key -- integer: the number of members (0 for a missing key)."""
    zset = client.db.get_typed(argv[1], ZSet)
    return 0 if zset is None else len(zset.scores)


def _zrank_generic(client, argv, reverse: bool):
    withscore = False
    if len(argv) > 4:
        raise CommandError(errors.wrong_arity(b"zrevrank" if reverse else b"zrank"))
    if len(argv) == 4:
        if argv[3].lower() != b"withscore":
            raise CommandError(errors.SYNTAX)
        withscore = True
    zset = client.db.get_typed(argv[1], ZSet)
    missing = NULL_ARRAY if withscore else None
    if zset is None:
        return missing
    rank = zset.rank(argv[2])
    if rank is None:
        return missing
    if reverse:
        rank = len(zset.scores) - 1 - rank
    return [rank, zset.scores[argv[2]]] if withscore else rank


# WITHSCORE is Redis 7.2's; 7.0's table says arity 3.
@command("zrank", arity=-3)
def cmd_zrank(client, argv):
    """ZRANK key member [WITHSCORE] -- the 0-based rank by ascending score, or null;
    with WITHSCORE an array [rank, score], or a null array."""
    return _zrank_generic(client, argv, False)


@command("zrevrank", arity=-3)
def cmd_zrevrank(client, argv):
    """ZREVRANK key member [WITHSCORE] -- the 0-based rank by descending score, or null;
    with WITHSCORE an array [rank, score], or a null array."""
    return _zrank_generic(client, argv, True)


# --- removing and popping ---------------------------------------------------------------


@command("zrem")
def cmd_zrem(client, argv):
    """ZREM key member [member ...] -- integer: members removed."""
    db = client.db
    key = argv[1]
    zset = db.get_typed(key, ZSet)
    if zset is None:
        return 0
    removed = 0
    for member in argv[2:]:
        if zset.remove(member):
            removed += 1
    if removed:
        removed_if_empty(db, key, zset)
    return removed


def pop_pairs(db, key: bytes, zset: ZSet, count: int, highest: bool) -> list:
    """Remove up to ``count`` lowest (or highest) members; (score, member) pairs in pop order."""
    n = len(zset.scores)
    count = min(count, n)
    if highest:
        pairs = zset.pop_range(n - count, n)
        pairs.reverse()
    else:
        pairs = zset.pop_range(0, count)
    removed_if_empty(db, key, zset)
    return pairs


def _zpop_generic(client, argv, highest: bool):
    if len(argv) > 3:
        raise CommandError(errors.SYNTAX)
    count = 1
    if len(argv) == 3:
        count = to_int(argv[2])
        if count is None or count < 0:
            raise CommandError(errors.MUST_BE_POSITIVE)
    db = client.db
    key = argv[1]
    zset = db.get_typed(key, ZSet)
    if zset is None or count == 0:
        return EMPTY_ARRAY
    pairs = pop_pairs(db, key, zset, count, highest)
    if len(argv) == 2:
        score, member = pairs[0]
        return [member, score]
    return with_scores(pairs, client.resp3)


@command("zpopmin")
def cmd_zpopmin(client, argv):
    """ZPOPMIN key [count] -- array: member, score (without count), or the popped
    members with scores (pairs in RESP3)."""
    return _zpop_generic(client, argv, False)


@command("zpopmax")
def cmd_zpopmax(client, argv):
    """ZPOPMAX key [count] -- array: member, score (without count), or the popped
    members with scores (pairs in RESP3)."""
    return _zpop_generic(client, argv, True)


def parse_mpop(argv, first: int):
    """``numkeys key [key ...] MIN|MAX [COUNT count]`` from argv[first]: (keys, highest, count)."""
    numkeys = to_int(argv[first])
    if numkeys is None or numkeys < 1:
        raise CommandError(errors.NUMKEYS_POSITIVE)
    where = first + 1 + numkeys
    if where >= len(argv):
        raise CommandError(errors.SYNTAX)
    keys = argv[first + 1:where]
    side = argv[where].lower()
    if side not in (b"min", b"max"):
        raise CommandError(errors.SYNTAX)
    count = 1
    i = where + 1
    seen_count = False
    while i < len(argv):
        if argv[i].lower() == b"count" and i + 1 < len(argv) and not seen_count:
            count = to_int(argv[i + 1])
            if count is None or count < 1:
                raise CommandError(errors.COUNT_POSITIVE)
            seen_count = True
            i += 2
        else:
            raise CommandError(errors.SYNTAX)
    return keys, side == b"max", count


def pop_argv(highest: bool, key: bytes, count=None) -> list:
    """What a pop propagates as (BZPOPMIN as ZPOPMIN key, ZMPOP as ZPOPMIN key count)."""
    argv = [b"ZPOPMAX" if highest else b"ZPOPMIN", key]
    if count is not None:
        argv.append(b"%d" % count)
    return argv


def mpop_reply(client, db, key: bytes, zset: ZSet, highest: bool, count: int) -> list:
    """ZMPOP's reply for a non-empty key: [key, [[member, score], ...]]."""
    pairs = pop_pairs(db, key, zset, count, highest)
    client.propagate_as = pop_argv(highest, key, len(pairs))
    return [key, [[member, score] for score, member in pairs]]


def mpop_from(client, keys, highest: bool, count: int):
    """ZMPOP's work: pop from the first non-empty key; the reply, or None if all are empty."""
    db = client.db
    for key in keys:
        zset = db.get_typed(key, ZSet)
        if zset is not None:
            return mpop_reply(client, db, key, zset, highest, count)
    return None


@command("zmpop")
def cmd_zmpop(client, argv):
    """ZMPOP numkeys key [key ...] MIN | MAX [COUNT count]
    -- array [key, [[member, score], ...]], or a null array when every key is empty."""
    keys, highest, count = parse_mpop(argv, 1)
    reply = mpop_from(client, keys, highest, count)
    return NULL_ARRAY if reply is None else reply


# --- ZRANDMEMBER ------------------------------------------------------------------------

_LONG_MAX = (1 << 63) - 1


@command("zrandmember")
def cmd_zrandmember(client, argv):
    """ZRANDMEMBER key [count [WITHSCORES]] -- a member (or null) without count; else an
    array: distinct members for count > 0, |count| members with repeats for count < 0."""
    if len(argv) == 2:
        zset = client.db.get_typed(argv[1], ZSet)
        if zset is None:
            return None
        return zset.order[random.randrange(len(zset.order))][1]
    count = parse_int(argv[2])
    if count < -_LONG_MAX:
        raise CommandError(errors.LONG_RANGE)
    if len(argv) > 4 or (len(argv) == 4 and argv[3].lower() != b"withscores"):
        raise CommandError(errors.SYNTAX)
    withscores = len(argv) == 4
    # Redis refuses what would overflow its count of reply items (two per member).
    if withscores and not -(_LONG_MAX // 2) <= count <= _LONG_MAX // 2:
        raise CommandError(errors.VALUE_OUT_OF_RANGE)
    zset = client.db.get_typed(argv[1], ZSet)
    if zset is None or count == 0:
        return EMPTY_ARRAY
    order = zset.order
    n = len(order)
    if count < 0:
        pick = random.randrange
        pairs = [order[pick(n)] for _ in range(-count)]
    elif count >= n:
        pairs = list(order)
    else:
        pairs = [order[i] for i in random.sample(range(n), count)]
    if withscores:
        return with_scores(pairs, client.resp3)
    return [member for _, member in pairs]


# --- ZSCAN --------------------------------------------------------------------------------


@command("zscan")
def cmd_zscan(client, argv):
    """ZSCAN key cursor [MATCH pattern] [COUNT count] -- array [next cursor, [member,
    score, ...]] with scores as bulk strings.

    A listpack-encoded set comes back whole in one call (cursor 0), as in
    Redis; a skiplist-encoded one is walked with the same stateless cursors
    as SCAN, over an index of its members built on first use.
    """
    cursor = parse_cursor(argv[2])
    pattern, count, _ = parse_scan_options(argv, 3, False)
    zset = client.db.get_typed(argv[1], ZSet)
    if zset is None:
        return [b"0", []]
    scores = zset.scores
    if zset.listpack:
        members = [member for _, member in zset.order]
        cursor = 0
    else:
        index = zset.scan_index
        if index is None:
            index = zset.scan_index = ScanIndex()
        index.sync(scores)
        members, cursor = index.walk(cursor, count)
    if pattern is not None:
        members = [member for member in members if glob_match(pattern, member)]
    text = _listpack_score if zset.listpack else format_float
    items = []
    for member in members:
        items.append(member)
        items.append(text(scores[member]))
    return [b"%d" % cursor, items]


_LISTPACK_INT_LIMIT = float(1 << 62)


def _listpack_score(score: float) -> bytes:
    """A score as ZSCAN shows it from a listpack, which keeps integral scores of
    magnitude up to 2**62 as integers (so 1e17 reads 100000000000000000)."""
    if -_LISTPACK_INT_LIMIT <= score <= _LISTPACK_INT_LIMIT and score == int(score):
        return b"%d" % int(score)
    return format_float(score)
