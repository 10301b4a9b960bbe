"""Transactions: MULTI, EXEC, DISCARD, WATCH, UNWATCH, as Redis 7.

Queueing happens in ``commands.gate``: while ``client.multi`` is a list, every
command but EXEC/DISCARD/MULTI/WATCH/QUIT/RESET is appended to it and answered
``+QUEUED``; a command refused before queueing (unknown, wrong arity) sets
``client.multi_error`` so EXEC replies EXECABORT.

WATCH is optimistic locking: ``Database.watched`` maps key -> clients, and
``Database.written`` (the one write-notification path) sets ``dirty_cas`` on
each watcher, so writes, expiry, FLUSH*, SWAPDB and RENAME all count.  A key
that was alive when WATCHed but is logically expired at EXEC time also aborts
the transaction, as in Redis 7.
"""
from __future__ import annotations

from redix import errors
from redix.commands.registry import command
from redix.errors import CommandError
from redix.keyspace.db import now_ms
from redix.protocol.replies import BLOCKED, NULL_ARRAY, OK
from redix.server import hooks


@command("multi")
def cmd_multi(client, argv):
    """MULTI -- +OK; later commands are queued until EXEC or DISCARD."""
    if client.multi is not None:
        raise CommandError(errors.MULTI_NESTED)
    client.multi = []
    client.multi_error = False
    client.update_gate()
    return OK


def _end_multi(client) -> None:
    client.multi = None
    client.multi_error = False
    unwatch_all(client)
    client.update_gate()


@command("discard")
def cmd_discard(client, argv):
    """DISCARD -- +OK; the queue is dropped and every key unwatched."""
    if client.multi is None:
        raise CommandError(errors.DISCARD_WITHOUT_MULTI)
    _end_multi(client)
    return OK


def _watched_key_expired(client) -> bool:
    now = now_ms()
    for db, key, alive in client.watched:
        if alive:
            when = db.expires.get(key)
            if when is not None and when <= now:
                return True
    return False


@command("exec")
def cmd_exec(client, argv):
    """EXEC -- array of the queued commands' replies; null array if a WATCHed key
    changed; EXECABORT if a command could not be queued."""
    if client.multi is None:
        raise CommandError(errors.EXEC_WITHOUT_MULTI)
    queue, aborted = client.multi, client.multi_error
    dirty = client.dirty_cas or _watched_key_expired(client)
    _end_multi(client)
    if aborted:
        raise CommandError(errors.EXECABORT)
    if dirty:
        return NULL_ARRAY
    server = client.server
    replies = []
    client.in_exec = True
    try:
        for cmd, args in queue:
            reply = server.call(client, cmd, args)
            # A blocking command inside EXEC must not block; if one does, it's a bug
            # in that command: answer null like a timed-out pop.
            replies.append(NULL_ARRAY if reply is BLOCKED else reply)
    finally:
        client.in_exec = False
    return replies


@command("watch")
def cmd_watch(client, argv):
    """WATCH key [key ...] -- +OK."""
    if client.multi is not None:
        raise CommandError(errors.WATCH_IN_MULTI)
    db = client.db
    for key in argv[1:]:
        if any(w_db is db and w_key == key for w_db, w_key, _ in client.watched):
            continue
        alive = db.peek(key) is not None
        client.watched.append((db, key, alive))
        db.watched.setdefault(key, []).append(client)
    return OK


@command("unwatch")
def cmd_unwatch(client, argv):
    """UNWATCH -- +OK."""
    unwatch_all(client)
    return OK


def unwatch_all(client) -> None:
    for db, key, _ in client.watched:
        watchers = db.watched.get(key)
        if watchers is not None:
            try:
                watchers.remove(client)
            except ValueError:
                pass
            if not watchers:
                del db.watched[key]
    client.watched = []
    client.dirty_cas = False


def _forget(client) -> None:
    if client.watched:
        unwatch_all(client)
    client.multi = None


hooks.on_client_close.append(_forget)
hooks.on_client_reset.append(_forget)
