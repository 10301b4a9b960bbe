"""Sorted-set algebra: ZUNION, ZINTER, ZDIFF, their STORE forms, and ZINTERCARD.

Inputs may be sorted sets or plain sets (each member scoring 1).  Weights
multiply each input's scores, and AGGREGATE SUM|MIN|MAX folds the scores a
member gets from several inputs, with Redis's float conventions: a weighted
score that is NaN (inf * 0) counts as 0, so does a sum of inf and -inf.

Like Redis, union and intersection take the inputs smallest first (ties keep
their order), which fixes the order in which a member's scores are summed,
and with it the last bit of a floating-point sum.  The intersection walks
the smallest input and looks each member up in the others: O(N*K).

A stored result is re-encoded as Redis does (a listpack when small enough:
``ZSet.from_pairs``); a reply is read from the raw result, where a negative
zero keeps its sign.
"""
from __future__ import annotations

from redix import errors
from redix.commands.args import parse_double, parse_int, to_int
from redix.commands.registry import command
from redix.commands.zsets import store_result, with_scores
from redix.errors import CommandError
from redix.protocol.replies import EMPTY_ARRAY
from redix.types import type_name
from redix.types.zset import ZSet

UNION, INTER, DIFF = 0, 1, 2
SUM, MIN, MAX = 0, 1, 2
_AGGREGATES = {b"sum": SUM, b"min": MIN, b"max": MAX}


class _SetScores:
    """A plain set seen as a sorted set whose members all score 1."""
    __slots__ = ("members",)

    def __init__(self, members):
        self.members = members

    def __len__(self) -> int:
        return len(self.members)

    def __contains__(self, member) -> bool:
        return member in self.members

    def get(self, member):
        return 1.0 if member in self.members else None

    def __getitem__(self, member):
        return 1.0

    def items(self):
        return ((member, 1.0) for member in self.members)


_EMPTY: dict = {}


def _input_scores(db, key: bytes):
    """member -> score for one input key (a dict-like; empty for a missing key)."""
    value = db.lookup(key)
    if value is None:
        return _EMPTY
    if type(value) is ZSet:
        return value.scores
    if type_name(value) == b"set":
        return _SetScores(value)
    raise CommandError(errors.WRONGTYPE)


def _aggregate(target: float, value: float, how: int) -> float:
    if how == SUM:
        target += value
        return 0.0 if target != target else target
    if how == MIN:
        return value if value < target else target
    return value if value > target else target


def _parse(client, argv, numkeys_at: int, op: int, name: bytes, store: bool, card: bool):
    """Inputs and options: (inputs as [scores, weight], aggregate, withscores, limit)."""
    numkeys = parse_int(argv[numkeys_at])
    if numkeys < 1:
        raise CommandError(errors.no_input_keys(name))
    if numkeys > len(argv) - numkeys_at - 1:
        raise CommandError(errors.SYNTAX)
    db = client.db
    first = numkeys_at + 1
    inputs = [[_input_scores(db, key), 1.0] for key in argv[first:first + numkeys]]
    aggregate, withscores, limit = SUM, False, 0
    i, n = first + numkeys, len(argv)
    weighted = op != DIFF and not card
    while i < n:
        option = argv[i].lower()
        left = n - i
        if weighted and option == b"weights" and left > numkeys:
            for j in range(numkeys):
                inputs[j][1] = parse_double(argv[i + 1 + j], errors.WEIGHT_NOT_FLOAT)
            i += 1 + numkeys
        elif weighted and option == b"aggregate" and left >= 2:
            how = _AGGREGATES.get(argv[i + 1].lower())
            if how is None:
                raise CommandError(errors.SYNTAX)
            aggregate = how
            i += 2
        elif option == b"withscores" and not store and not card:
            withscores = True
            i += 1
        elif option == b"limit" and card and left >= 2:
            limit = to_int(argv[i + 1])
            if limit is None or limit < 0:
                raise CommandError(errors.LIMIT_NEGATIVE)
            i += 2
        else:
            raise CommandError(errors.SYNTAX)
    return inputs, aggregate, withscores, limit


def _union(inputs, how: int) -> dict:
    result: dict = {}
    get = result.get
    for scores, weight in sorted(inputs, key=lambda pair: len(pair[0])):
        for member, score in scores.items():
            score *= weight
            if score != score:
                score = 0.0
            old = get(member)
            result[member] = score if old is None else _aggregate(old, score, how)
    return result


def _inter(inputs, how: int, limit: int = 0) -> dict:
    inputs = sorted(inputs, key=lambda pair: len(pair[0]))
    (smallest, weight), others = inputs[0], inputs[1:]
    result: dict = {}
    if not smallest:
        return result
    for member, score in smallest.items():
        score *= weight
        if score != score:
            score = 0.0
        for scores, other_weight in others:
            value = scores.get(member)
            if value is None:
                break
            # Unlike the first input's, these products are not cleared of NaN:
            # MIN and MAX then keep the score so far, SUM turns it to 0.
            score = _aggregate(score, value * other_weight, how)
        else:
            result[member] = score
            if limit and len(result) >= limit:
                break
    return result


def _diff(inputs) -> dict:
    (first, _), others = inputs[0], inputs[1:]
    others = [scores for scores, _ in others if scores]
    return {member: score for member, score in first.items()
            if not any(member in scores for scores in others)}


def _generic(client, argv, op: int, name: bytes, store: bool):
    numkeys_at = 2 if store else 1
    inputs, how, withscores, _ = _parse(client, argv, numkeys_at, op, name, store, False)
    if op == UNION:
        result = _union(inputs, how)
    elif op == INTER:
        result = _inter(inputs, how)
    else:
        result = _diff(inputs)
    if store:
        return store_result(client, argv[1], list(result.items()))
    if not result:
        return EMPTY_ARRAY
    pairs = sorted((score, member) for member, score in result.items())
    if withscores:
        return with_scores(pairs, client.resp3)
    return [member for _, member in pairs]


@command("zunion")
def cmd_zunion(client, argv):
    """ZUNION numkeys key [key ...] [WEIGHTS weight ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
    -- array of members by score (with scores: flat in RESP2, pairs in RESP3)."""
    return _generic(client, argv, UNION, b"zunion", False)


@command("zinter")
def cmd_zinter(client, argv):
    """ZINTER numkeys key [key ...] [WEIGHTS weight ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
    -- array of members by score (with scores: flat in RESP2, pairs in RESP3)."""
    return _generic(client, argv, INTER, b"zinter", False)


@command("zdiff")
def cmd_zdiff(client, argv):
    """ZDIFF numkeys key [key ...] [WITHSCORES] -- array of the first set's members that
    no other input has, by score."""
    return _generic(client, argv, DIFF, b"zdiff", False)


@command("zunionstore")
def cmd_zunionstore(client, argv):
    """ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight ...]
    [AGGREGATE SUM|MIN|MAX] -- integer: members stored."""
    return _generic(client, argv, UNION, b"zunionstore", True)


@command("zinterstore")
def cmd_zinterstore(client, argv):
    """ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight ...]
    [AGGREGATE SUM|MIN|MAX] -- integer: members stored."""
    return _generic(client, argv, INTER, b"zinterstore", True)


@command("zdiffstore")
def cmd_zdiffstore(client, argv):
    """ZDIFFSTORE destination numkeys key [key ...] -- integer: members stored."""
    return _generic(client, argv, DIFF, b"zdiffstore", True)


@command("zintercard")
def cmd_zintercard(client, argv):
    """ZINTERCARD numkeys key [key ...] [LIMIT limit] -- integer: size of the intersection,
    counting stops at a nonzero LIMIT."""
    inputs, _, _, limit = _parse(client, argv, 1, INTER, b"zintercard", False, True)
    return len(_inter(inputs, SUM, limit))
