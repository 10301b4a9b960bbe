"""Keyspace commands: DEL, EXISTS, TYPE, SCAN, RENAME, EXPIRE family, FLUSH*, OBJECT...

They act on whole keys of any type through ``Database``, never on a type's
internals.
"""
from __future__ import annotations

from redix import errors
from redix.commands.registry import command
from redix.errors import CommandError
from redix.protocol.replies import OK


def _flush_mode(argv) -> None:
    if len(argv) > 2 or (len(argv) == 2 and argv[1].lower() not in (b"sync", b"async")):
        raise CommandError(errors.SYNTAX)


@command("flushdb")
def cmd_flushdb(client, argv):
    """FLUSHDB [ASYNC | SYNC] -- +OK."""
    _flush_mode(argv)
    client.db.flush()
    client.server.dirty += 1
    return OK


@command("flushall")
def cmd_flushall(client, argv):
    """FLUSHALL [ASYNC | SYNC] -- +OK."""
    _flush_mode(argv)
    for db in client.server.dbs:
        db.flush()
    client.server.dirty += 1
    return OK


@command("del")
def cmd_del(client, argv):
    """DEL key [key ...] -- integer: keys removed."""
    delete = client.db.delete
    return sum(1 for key in argv[1:] if delete(key))


@command("exists")
def cmd_exists(client, argv):
    """EXISTS key [key ...] -- integer: how many of the keys exist (repeats count)."""
    lookup = client.db.lookup
    return sum(1 for key in argv[1:] if lookup(key) is not None)


@command("dbsize")
def cmd_dbsize(client, argv):
    """DBSIZE -- integer."""
    return client.db.size()
