"""Keyspace notifications: what ``Database.written``/``notify`` publish, and to whom.

With ``notify-keyspace-events`` holding K and/or E and some classes, every
change to a key publishes its event name on ``__keyspace@<db>__:<key>`` (K)
and the key on ``__keyevent@<db>__:<event>`` (E), through the ordinary
pub/sub registry, so pattern subscribers see them too.

Command code names only the event (``db.written(key, b"lpush")``); its class
(``$``, ``l``, ``g``...) comes from ``EVENT_CLASS`` here, the one list of the
event names Redis 7.0 emits.  The cost when notifications are off is one int
test in ``written``: each ``Database`` carries

    events    the enabled classes, 0 unless K or E is set too
    signals   ``events`` plus ``TRACKING`` while some client tracks keys
              (client-side caching invalidates through the same path)

which ``refresh(server)`` keeps up to date on every database.

Events the keyspace itself emits: ``new`` (a key created: ``Database.set``,
and RENAME/MOVE/COPY's destination), ``del`` (``Database.delete``),
``expired`` (lazy and active expiry), ``evicted`` (``Database.evict``) and
``keymiss`` (a read of a missing key, ``key_missed``).  Whether a lookup is
a read depends on the running command, so while the ``m`` class is on every
command takes the slow dispatch path, which records it (``server.executing``).

Order matters and follows Redis: ``new`` comes before the command's event, a
collection a command empties emits that command's event and then ``del``
(``Database.emptied``).
"""
from __future__ import annotations

from redix.config_types import (
    NOTIFY_EVICTED, NOTIFY_EXPIRED, NOTIFY_GENERIC, NOTIFY_HASH, NOTIFY_KEY_MISS, NOTIFY_KEYEVENT,
    NOTIFY_KEYSPACE, NOTIFY_LIST, NOTIFY_NEW, NOTIFY_SET, NOTIFY_STREAM, NOTIFY_STRING,
    NOTIFY_ZSET,
)

# Not a notify-keyspace-events bit: "a client tracks keys" (see redix.server.tracking).
TRACKING = 1 << 30


def _classes(cls: int, names: str) -> dict:
    return {name.encode(): cls for name in names.split()}


EVENT_CLASS: dict = {
    **_classes(NOTIFY_GENERIC, "del expire persist rename_from rename_to move_from move_to "
                               "copy_to restore"),
    **_classes(NOTIFY_STRING, "set setrange incrby incrbyfloat append setbit"),
    **_classes(NOTIFY_LIST, "lpush rpush lpop rpop linsert lset lrem ltrim sortstore"),
    **_classes(NOTIFY_SET, "sadd srem spop sinterstore sunionstore sdiffstore"),
    **_classes(NOTIFY_HASH, "hset hdel hincrby hincrbyfloat"),
    **_classes(NOTIFY_ZSET, "zadd zincr zrem zpopmin zpopmax zremrangebyscore zremrangebyrank "
                            "zremrangebylex zunionstore zinterstore zdiffstore zrangestore "
                            "georadiusstore geosearchstore"),
    **_classes(NOTIFY_STREAM, "xadd xtrim xdel xsetid xgroup-create xgroup-createconsumer "
                              "xgroup-delconsumer xgroup-destroy xgroup-setid"),
    # HyperLogLogs are strings: PFADD and PFMERGE emit "pfadd" in the string class.
    b"pfadd": NOTIFY_STRING,
    b"expired": NOTIFY_EXPIRED,
    b"evicted": NOTIFY_EVICTED,
    b"new": NOTIFY_NEW,
    b"keymiss": NOTIFY_KEY_MISS,
}


def enabled_classes(flags: int) -> int:
    """The classes to publish: none unless a keyspace (K) or keyevent (E) channel is on."""
    return flags if flags & (NOTIFY_KEYSPACE | NOTIFY_KEYEVENT) else 0


def refresh(server) -> None:
    """Recompute every database's ``events``/``signals`` after CONFIG SET or a tracking change."""
    events = enabled_classes(getattr(server.config, "notify_keyspace_events", 0))
    signals = events | (TRACKING if server.tracking.active else 0)
    for db in server.dbs:
        db.events = events
        db.signals = signals
    # keymiss needs to know which command is reading: the slow dispatch path records it.
    server.keymiss_events = bool(events & NOTIFY_KEY_MISS)
    server.refresh_gate()


def publish(db, event: bytes, key: bytes) -> None:
    """Publish ``event`` on ``key`` if its class is enabled in ``db``."""
    flags = db.events
    if not flags & EVENT_CLASS[event]:
        return
    server = db.server
    pubsub = server.pubsub
    if not pubsub.channels and not pubsub.patterns:
        return          # nobody could hear it: skip building the channel names
    if flags & NOTIFY_KEYSPACE:
        pubsub.publish(server, b"__keyspace@%d__:%s" % (db.id, key), event)
    if flags & NOTIFY_KEYEVENT:
        pubsub.publish(server, b"__keyevent@%d__:%s" % (db.id, event), key)


def signal(db, key: bytes, event) -> None:
    """``Database.written``'s slow part: client-side caching, then the keyspace event."""
    if db.signals & TRACKING:
        server = db.server
        # An expired key was changed by nobody (NOLOOP must not hide it).
        server.tracking.invalidate(key, None if event == b"expired" else server.current_client)
    if event is not None and db.events:
        publish(db, event, key)


# --- keymiss ------------------------------------------------------------------------------
# Redis emits keymiss from its "read" lookups: every lookup a read-only command
# makes (but OBJECT's), and the source keys write commands read.  GETDEL,
# GETEX, GETSET, PFMERGE, XACK, XCLAIM, XAUTOCLAIM and SET ... GET read their
# key with a read lookup although their key specs say RW.  Removing a key
# (``Database.delete``) is never a read.
_NO_KEYMISS = frozenset((b"object|encoding", b"object|freq", b"object|idletime",
                         b"object|refcount"))
_READ_LOOKUP_WRITES = frozenset((b"getdel", b"getex", b"getset", b"pfmerge", b"xack",
                                 b"xclaim", b"xautoclaim"))


def key_missed(db, key: bytes) -> None:
    """A lookup found no ``key``: publish keymiss if the running command reads it."""
    server = db.server
    cmd = server.executing
    if cmd is None or cmd.fullname in _NO_KEYMISS:
        return
    if not cmd.readonly and not _reads_key(cmd, server.executing_argv, key):
        return
    publish(db, b"keymiss", key)


def _reads_key(cmd, argv, key: bytes) -> bool:
    # Imported here: the command package imports the keyspace, not the other way round.
    from redix.commands.keyspecs import key_refs
    if cmd.name in _READ_LOOKUP_WRITES:
        return key in argv[1:]
    if cmd.name == b"set":
        return any(arg.lower() == b"get" for arg in argv[3:])
    return any(argv[pos] == key and "RO" in flags for pos, flags in key_refs(cmd, argv))
