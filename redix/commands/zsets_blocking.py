"""Blocking sorted-set pops: BZPOPMIN, BZPOPMAX, BZMPOP.

Each first tries its non-blocking form; finding every set empty, it waits
through ``redix.server.blocking`` with a module-level ``serve`` function
shared by all waiters of its kind.  The waiter's details (which end, COUNT)
travel in the block's ``data``.

As in Redis 7.0: BZPOPMIN/BZPOPMAX parse the timeout first, BZMPOP after
its other arguments (a syntax error wins); keys are tried in argument
order, and one of another type fails the command (WRONGTYPE) only if reached
before a non-empty set; a waiter whose key became another type keeps
waiting.  BZPOPMIN/BZPOPMAX reply [key, member, score] (flat in RESP3 too),
BZMPOP as ZMPOP; the timeout reply is a null array, and inside MULTI/EXEC
they answer at once.  Pops propagate as ZPOPMIN/ZPOPMAX.
"""
from __future__ import annotations

from redix.commands.args import parse_timeout
from redix.commands.registry import command
from redix.commands.zsets import get_zset, mpop_reply, parse_mpop, pop_argv, pop_pairs
from redix.server import blocking
from redix.types.zset import ZSet


def _pop_one(client, db, key: bytes, zset: ZSet, highest: bool) -> list:
    (score, member), = pop_pairs(db, key, zset, 1, highest)
    client.propagate_as = pop_argv(highest, key)
    return [key, member, score]


def _serve_pop(client, key):
    db = client.db
    zset = db.lookup(key)
    if type(zset) is not ZSet:
        return None
    return _pop_one(client, db, key, zset, client.blocked.data)


def _serve_mpop(client, key):
    db = client.db
    zset = db.lookup(key)
    if type(zset) is not ZSet:
        return None
    highest, count = client.blocked.data
    return mpop_reply(client, db, key, zset, highest, count)


def _blocking_pop(client, argv, highest: bool):
    timeout = parse_timeout(argv[-1])
    db = client.db
    keys = argv[1:-1]
    for key in keys:
        zset = get_zset(db, key)
        if zset is not None:
            return _pop_one(client, db, key, zset, highest)
    return blocking.block(client, db, keys, timeout, _serve_pop, data=highest)


@command("bzpopmin")
def cmd_bzpopmin(client, argv):
    """BZPOPMIN key [key ...] timeout -- [key, member, score] from the first non-empty set,
    waiting up to timeout seconds (0: for ever); a null array on timeout."""
    return _blocking_pop(client, argv, False)


@command("bzpopmax")
def cmd_bzpopmax(client, argv):
    """BZPOPMAX key [key ...] timeout -- [key, member, score] with the highest score,
    waiting up to timeout seconds (0: for ever); a null array on timeout."""
    return _blocking_pop(client, argv, True)


@command("bzmpop")
def cmd_bzmpop(client, argv):
    """BZMPOP timeout numkeys key [key ...] MIN | MAX [COUNT count] -- as ZMPOP, waiting up
    to timeout seconds for a non-empty set; a null array on timeout."""
    keys, highest, count = parse_mpop(argv, 2)
    timeout = parse_timeout(argv[1])
    db = client.db
    for key in keys:
        zset = get_zset(db, key)
        if zset is not None:
            return mpop_reply(client, db, key, zset, highest, count)
    return blocking.block(client, db, keys, timeout, _serve_mpop, data=(highest, count))
