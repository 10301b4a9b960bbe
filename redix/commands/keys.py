"""Keyspace commands: DEL, EXISTS, TYPE, KEYS, SCAN, RENAME, MOVE, COPY, OBJECT, FLUSH*...

They act on whole keys of any type through ``Database``, never on a type's
internals: a value's TYPE name, OBJECT ENCODING and COPY come from the type
registry in ``redix.types``.  The expiry commands (EXPIRE family, TTL family,
PERSIST) are in ``commands.expire``.

Reads that Redis performs without touching a key's access time (TYPE,
EXISTS, OBJECT, SCAN's TYPE filter) use ``Database.peek``; the rest use
``lookup``.  Every change ends in ``written`` for each key it affects, in
each database involved (RENAME, MOVE, COPY, SWAPDB), which WATCH relies on.

``parse_scan_options`` is shared with HSCAN/SSCAN/ZSCAN.
"""
from __future__ import annotations

from redix import errors
from redix.commands.args import parse_cursor, parse_int, parse_int32
from redix.commands.registry import command
from redix.errors import CommandError
from redix.keyspace.db import now_ms
from redix.keyspace.hashing import glob_match
from redix.protocol.replies import OK, Simple
from redix.types import copy_value, encoding_name, type_name

# --- deleting and counting -------------------------------------------------------


@command("del")
def cmd_del(client, argv):
    """DEL key [key ...] -- integer: keys removed."""
    delete = client.db.delete
    return sum(1 for key in argv[1:] if delete(key))


@command("unlink")
def cmd_unlink(client, argv):
    """UNLINK key [key ...] -- integer: keys removed (freed at once: no background thread)."""
    return cmd_del(client, argv)


@command("exists")
def cmd_exists(client, argv):
    """EXISTS key [key ...] -- integer: how many of the keys exist (repeats count)."""
    peek = client.db.peek
    return sum(1 for key in argv[1:] if peek(key) is not None)


@command("touch")
def cmd_touch(client, argv):
    """TOUCH key [key ...] -- integer: how many of the keys exist; their idle time restarts."""
    lookup = client.db.lookup
    return sum(1 for key in argv[1:] if lookup(key) is not None)


@command("dbsize")
def cmd_dbsize(client, argv):
    """DBSIZE -- integer (keys whose TTL passed but are not reclaimed yet count, as in Redis)."""
    return client.db.size()


def _flush_mode(argv) -> None:
    if len(argv) > 2 or (len(argv) == 2 and argv[1].lower() not in (b"sync", b"async")):
        raise CommandError(errors.SYNTAX)


@command("flushdb")
def cmd_flushdb(client, argv):
    """FLUSHDB [ASYNC | SYNC] -- +OK.  ASYNC frees at once too: there is no lazy-free thread."""
    _flush_mode(argv)
    server = client.server
    server.dirty += client.db.flush() + 1
    if server.tracking.active:
        server.tracking.flushed()
    return OK


@command("flushall")
def cmd_flushall(client, argv):
    """FLUSHALL [ASYNC | SYNC] -- +OK."""
    _flush_mode(argv)
    server = client.server
    server.dirty += sum(db.flush() for db in server.dbs) + 1
    if server.tracking.active:
        server.tracking.flushed()
    return OK


# --- inspecting -------------------------------------------------------------------


@command("type")
def cmd_type(client, argv):
    """TYPE key -- simple string: string, list, set, zset, hash, stream, or none."""
    return Simple(type_name(client.db.peek(argv[1])))


@command("randomkey")
def cmd_randomkey(client, argv):
    """RANDOMKEY -- bulk string: a random key, or null when the database is empty."""
    return client.db.random_key()


@command("keys")
def cmd_keys(client, argv):
    """KEYS pattern -- array of the keys matching the glob pattern.

    Keys past their TTL are skipped but left for expiry to reclaim, as Redis
    does.  ``*`` alone matches every key, including the empty one that a
    glob ``*`` never matches.
    """
    db = client.db
    pattern = argv[1]
    expires = db.expires
    if pattern == b"*":
        keys = list(db.data)
    else:
        keys = [key for key in db.data if glob_match(pattern, key)]
    if expires:
        now = now_ms()
        keys = [key for key in keys if expires.get(key, now) >= now]
    return keys


def parse_scan_options(argv, start: int, allow_type: bool):
    """SCAN-family options from ``argv[start:]``: (pattern or None, count, type or None).

    ``MATCH *`` is the same as no pattern; COUNT must be >= 1 (else a syntax
    error, as Redis says); an option without its value, an unknown option or
    TYPE on HSCAN/SSCAN/ZSCAN is a syntax error.
    """
    pattern = typename = None
    count = 10
    i, n = start, len(argv)
    while i < n:
        option = argv[i].lower()
        if i + 1 >= n:
            raise CommandError(errors.SYNTAX)
        if option == b"count":
            count = parse_int(argv[i + 1])
            if count < 1:
                raise CommandError(errors.SYNTAX)
        elif option == b"match":
            pattern = argv[i + 1] if argv[i + 1] != b"*" else None
        elif option == b"type" and allow_type:
            typename = argv[i + 1].lower()
        else:
            raise CommandError(errors.SYNTAX)
        i += 2
    return pattern, count, typename


@command("scan")
def cmd_scan(client, argv):
    """SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] -- [next cursor, [key ...]].

    Every key present from the first call to the last of a full iteration
    is returned at least once (see ``keyspace.scan`` for how); COUNT bounds
    the work per call; MATCH and TYPE filter what that work found, so a
    call may return fewer keys, or none, before the cursor comes back to 0.
    """
    cursor = parse_cursor(argv[1])
    pattern, count, typename = parse_scan_options(argv, 2, True)
    db = client.db
    keys, cursor = db.scan(cursor, count)
    if pattern is not None:
        keys = [key for key in keys if glob_match(pattern, key)]
    peek = db.peek
    if typename is not None:
        keys = [key for key in keys if (value := peek(key)) is not None
                and type_name(value) == typename]
    elif db.expires:
        keys = [key for key in keys if peek(key) is not None]
    return [b"%d" % cursor, keys]


# --- OBJECT ---------------------------------------------------------------------------

_OBJECT_HELP = [Simple(line) for line in (
    b"OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    b"ENCODING <key>",
    b"    Return the kind of internal representation used in order to store the value",
    b"    associated with a <key>.",
    b"FREQ <key>",
    b"    Return the access frequency index of the <key>. The returned integer is",
    b"    proportional to the logarithm of the recent access frequency of the key.",
    b"IDLETIME <key>",
    b"    Return the idle time of the <key>, that is the approximated number of",
    b"    seconds elapsed since the last access to the key.",
    b"REFCOUNT <key>",
    b"    Return the number of references of the value associated with the specified",
    b"    <key>.",
    b"HELP",
    b"    Prints this help.",
)]

# Redis shares one object for each integer below this; its refcount reads INT_MAX.
_SHARED_INTEGERS = 10000
_SHARED_REFCOUNT = 2147483647


def _policy(client) -> str:
    return str(getattr(client.server.config, "maxmemory_policy", "noeviction")).lower()


@command("object|help")
def cmd_object_help(client, argv):
    """OBJECT HELP -- array of status lines."""
    return _OBJECT_HELP


@command("object|encoding")
def cmd_object_encoding(client, argv):
    """OBJECT ENCODING key -- bulk string (int, embstr, raw, listpack...), or null."""
    value = client.db.peek(argv[2])
    return None if value is None else encoding_name(value)


@command("object|refcount")
def cmd_object_refcount(client, argv):
    """OBJECT REFCOUNT key -- integer, or null.

    Values are never shared in Redix, but Redis shares the integers 0..9999
    (unless maxmemory is set with an LRU/LFU policy) and reports INT_MAX for
    them; clients and tests read that, so it is reproduced.
    """
    value = client.db.peek(argv[2])
    if value is None:
        return None
    if (type(value) is bytes and len(value) <= 4 and value.isdigit()
            and (value == b"0" or value[0] != 48) and int(value) < _SHARED_INTEGERS):
        policy = _policy(client)
        if not (getattr(client.server.config, "maxmemory", 0) and ("lru" in policy or "lfu" in policy)):
            return _SHARED_REFCOUNT
    return 1


@command("object|idletime")
def cmd_object_idletime(client, argv):
    """OBJECT IDLETIME key -- integer: seconds since the key was last read or written, or null."""
    db = client.db
    if db.peek(argv[2]) is None:
        return None
    if "lfu" in _policy(client):
        raise CommandError(errors.LFU_SELECTED)
    return db.idle_seconds(argv[2])


@command("object|freq")
def cmd_object_freq(client, argv):
    """OBJECT FREQ key -- integer (only under an LFU maxmemory policy), or null.

    Redix does not keep Redis's logarithmic access counter; under an LFU
    policy it answers 0, the value of a key not accessed lately.
    """
    if client.db.peek(argv[2]) is None:
        return None
    if "lfu" not in _policy(client):
        raise CommandError(errors.LFU_NOT_SELECTED)
    return 0


# --- renaming, moving, copying -------------------------------------------------------


def _rename_generic(client, argv, nx: bool):
    db = client.db
    src, dst = argv[1], argv[2]
    if db.lookup(src) is None:
        raise CommandError(errors.NO_SUCH_KEY)
    if src == dst:
        return 0 if nx else OK
    dst_exists = db.lookup(dst) is not None      # an expired destination is reclaimed here
    if dst_exists and nx:
        return 0
    value, when = db.pop(src)
    _put(db, dst, value, when)
    db.notify(b"rename_from", src)
    db.written(dst, b"rename_to")
    return 1 if nx else OK


def _put(db, key, value, when) -> None:
    """Store a value with its absolute expiry (or none), replacing what was there.

    The key is created anew even when it existed (Redis deletes, then adds):
    ``new`` is emitted either way.  The caller then calls ``written``.
    """
    if key in db.data:
        db.pop(key)
    db.set(key, value)
    if when is not None:
        db.set_expire(key, when)


@command("rename")
def cmd_rename(client, argv):
    """RENAME key newkey -- +OK; the TTL moves with the value, newkey's old value is dropped."""
    return _rename_generic(client, argv, False)


@command("renamenx")
def cmd_renamenx(client, argv):
    """RENAMENX key newkey -- integer: 1 if renamed, 0 if newkey exists."""
    return _rename_generic(client, argv, True)


def _db_at(client, raw: bytes):
    index = parse_int32(raw)
    dbs = client.server.dbs
    if not 0 <= index < len(dbs):
        raise CommandError(errors.DB_INDEX_RANGE)
    return dbs[index]


@command("move")
def cmd_move(client, argv):
    """MOVE key db -- integer: 1 if moved (with its TTL), 0 if absent here or present there."""
    db, key = client.db, argv[1]
    target = _db_at(client, argv[2])
    if target is db:
        raise CommandError(errors.SAME_OBJECT)
    if db.lookup(key) is None or target.lookup(key) is not None:
        return 0
    value, when = db.pop(key)
    _put(target, key, value, when)
    db.notify(b"move_from", key)
    target.written(key, b"move_to")
    return 1


@command("copy")
def cmd_copy(client, argv):
    """COPY source destination [DB destination-db] [REPLACE] -- integer: 1 if copied.

    The copy is independent of the source and gets the source's TTL.
    """
    db = target = client.db
    replace = False
    i = 3
    while i < len(argv):
        option = argv[i].lower()
        if option == b"replace":
            replace = True
            i += 1
        elif option == b"db" and i + 1 < len(argv):
            target = _db_at(client, argv[i + 1])
            i += 2
        else:
            raise CommandError(errors.SYNTAX)
    src, dst = argv[1], argv[2]
    if target is db and src == dst:
        raise CommandError(errors.SAME_OBJECT)
    value = db.lookup(src)
    if value is None:
        return 0
    if target.lookup_write(dst) is not None and not replace:
        return 0
    _put(target, dst, copy_value(value), db.expire_at(src))
    target.written(dst, b"copy_to")
    return 1


@command("swapdb")
def cmd_swapdb(client, argv):
    """SWAPDB index1 index2 -- +OK; clients stay on their index and see the other data."""
    first = parse_int32(argv[1], errors.SWAPDB_FIRST_INDEX)
    second = parse_int32(argv[2], errors.SWAPDB_SECOND_INDEX)
    dbs = client.server.dbs
    if not (0 <= first < len(dbs) and 0 <= second < len(dbs)):
        raise CommandError(errors.DB_INDEX_RANGE)
    if first != second:
        dbs[first].swap_with(dbs[second])
    client.server.dirty += 1
    return OK
