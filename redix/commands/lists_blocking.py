"""Blocking list commands: BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP.

Each one first tries its non-blocking form; finding every list empty, it
waits through ``redix.server.blocking`` with a module-level ``serve``
function shared by all waiters of its kind (so one that finds the key empty
answers for the rest of them).  The waiter's details (which end, COUNT, the
destination) travel in the block's ``data``.

What Redis 7.0 does and these follow: the timeout is parsed after the other
arguments for BLMPOP and BLMOVE (a syntax error wins), before the keys are
looked at; keys are tried in argument order and a key of another type
fails the command (WRONGTYPE) only if reached before a non-empty list; a
waiter whose key became another type keeps waiting; BLMOVE into a key of
another type, once served, gets WRONGTYPE and the element stays where it
was.  The timeout reply is a null array for all of them; inside MULTI/EXEC
they answer at once, BLMOVE/BRPOPLPUSH then with a null bulk like LMOVE.
Pops propagate as LPOP/RPOP (``key count`` for BLMPOP), moves as LMOVE.
"""
from __future__ import annotations

from redix.commands.args import parse_timeout
from redix.commands.lists import (get_list, move_argv, move_element, mpop_from, parse_mpop,
                                  parse_where, pop_argv, pop_one)
from redix.commands.registry import command
from redix.server import blocking
from redix.types.list import ListValue


def _serve_pop(client, key):
    db = client.db
    lst = db.lookup(key)
    if type(lst) is not ListValue:
        return None
    left = client.blocked.data
    client.propagate_as = pop_argv(left, key)
    return [key, pop_one(db, key, lst, left)]


def _serve_mpop(client, key):
    db = client.db
    lst = db.lookup(key)
    if type(lst) is not ListValue:
        return None
    left, count = client.blocked.data
    return mpop_from(client, db, key, lst, left, count)


def _serve_move(client, key):
    db = client.db
    lst = db.lookup(key)
    if type(lst) is not ListValue:
        return None
    dst_key, from_left, to_left = client.blocked.data
    item = move_element(db, key, lst, dst_key, from_left, to_left)
    client.propagate_as = move_argv(key, dst_key, from_left, to_left)
    return item


def _blocking_pop(client, argv, left: bool):
    timeout = parse_timeout(argv[-1])
    db = client.db
    keys = argv[1:-1]
    for key in keys:
        lst = get_list(db, key)
        if lst is not None:
            client.propagate_as = pop_argv(left, key)
            return [key, pop_one(db, key, lst, left)]
    return blocking.block(client, db, keys, timeout, _serve_pop, data=left)


@command("blpop")
def cmd_blpop(client, argv):
    """BLPOP key [key ...] timeout -- [key, element] from the first non-empty list, waiting
    up to timeout seconds (0: for ever); a null array on timeout."""
    return _blocking_pop(client, argv, True)


@command("brpop")
def cmd_brpop(client, argv):
    """BRPOP key [key ...] timeout -- [key, element] from the tail of the first non-empty
    list, waiting up to timeout seconds; a null array on timeout."""
    return _blocking_pop(client, argv, False)


def _blocking_move(client, src_key, dst_key, from_left: bool, to_left: bool, raw_timeout):
    timeout = parse_timeout(raw_timeout)
    db = client.db
    src = get_list(db, src_key)
    if src is not None:
        item = move_element(db, src_key, src, dst_key, from_left, to_left)
        client.propagate_as = move_argv(src_key, dst_key, from_left, to_left)
        return item
    if not blocking.may_block(client):
        return None
    return blocking.block(client, db, [src_key], timeout, _serve_move,
                          data=(dst_key, from_left, to_left))


@command("blmove")
def cmd_blmove(client, argv):
    """BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout -- the element moved; a null
    array on timeout."""
    from_left, to_left = parse_where(argv[3]), parse_where(argv[4])
    return _blocking_move(client, argv[1], argv[2], from_left, to_left, argv[5])


@command("brpoplpush")
def cmd_brpoplpush(client, argv):
    """BRPOPLPUSH source destination timeout -- the element moved; a null array on timeout."""
    return _blocking_move(client, argv[1], argv[2], False, True, argv[3])


@command("blmpop")
def cmd_blmpop(client, argv):
    """BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count] -- [key, elements] from
    the first non-empty list; a null array on timeout."""
    keys, left, count = parse_mpop(argv, 2)
    timeout = parse_timeout(argv[1])
    db = client.db
    for key in keys:
        lst = get_list(db, key)
        if lst is not None:
            return mpop_from(client, db, key, lst, left, count)
    return blocking.block(client, db, keys, timeout, _serve_mpop, data=(left, count))
