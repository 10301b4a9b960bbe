"""Consumer-group commands: XGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM.

Reading through a group (XREADGROUP) is in ``stream_read``; the groups'
data (``ConsumerGroup``, ``Consumer``, ``Nack``) in ``redix.types.stream``.

Redis treats consumer-group state as metadata: changing it (and XSETID)
counts as a write for propagation but does not invalidate WATCH, so these
commands call ``streams.mark_dirty`` (``server.dirty``) instead of
``Database.written``; only creating a key (XGROUP CREATE MKSTREAM) is a
key write.  XGROUP DESTROY also wakes the XREADGROUP clients blocked on
the key, which then get a NOGROUP error.

Propagation (see ``commands.streams``): XCLAIM and XAUTOCLAIM never
replicate as sent; each pending entry they claim or drop becomes an
idempotent ``XCLAIM ... FORCE JUSTID`` (``xclaim_argv``), and a LASTID that
moved the group on its own becomes ``XGROUP SETID`` (``setid_argv``).
"""
from __future__ import annotations

from itertools import islice

from redix import errors
from redix.commands.args import parse_int, to_int
from redix.commands.registry import command
from redix.commands.streams import (consumer_for, mark_dirty, range_bounds, start_bound,
                                   strict_id)
from redix.errors import CommandError
from redix.keyspace.db import now_ms
from redix.protocol.replies import NULL_ARRAY, OK, help_reply
from redix.types.stream import INVALID_READ, MIN_ID, ConsumerGroup, Nack, Stream
from redix.types.streamid import ID_EXPLICIT, format_id, parse_id, parse_xadd_id

# XAUTOCLAIM: COUNT's upper bound (LONG_MAX over the larger of an ID's size and
# the attempts factor), and how many PEL entries it may scan per claimed one.
_AUTOCLAIM_MAX_COUNT = ((1 << 63) - 1) // 16
_AUTOCLAIM_ATTEMPTS = 10


# --- helpers ---------------------------------------------------------------------------

def wake_readers(client, key: bytes) -> None:
    """Let clients blocked on ``key`` re-check it (their group may be gone)."""
    db = client.db
    server = client.server
    if server is not None and db.blocked_keys and key in db.blocked_keys:
        server.signal_key_ready(db, key)


def xclaim_argv(key: bytes, group_name: bytes, group: ConsumerGroup, sid: tuple,
                nack: Nack) -> list:
    """The idempotent XCLAIM Redis propagates for a pending entry's new state."""
    return [b"XCLAIM", key, group_name, nack.consumer.name, b"0", format_id(sid),
            b"TIME", b"%d" % nack.delivery_time, b"RETRYCOUNT", b"%d" % nack.delivery_count,
            b"FORCE", b"JUSTID", b"LASTID", format_id(group.last_id)]


def setid_argv(key: bytes, group_name: bytes, group: ConsumerGroup) -> list:
    return [b"XGROUP", b"SETID", key, group_name, format_id(group.last_id),
            b"ENTRIESREAD", b"%d" % group.entries_read]


def _group_or_error(client, key: bytes, name: bytes):
    """(stream, group) for XCLAIM/XAUTOCLAIM/XPENDING; NOGROUP if either is missing."""
    stream = client.db.get_typed(key, Stream)
    group = stream.groups.get(name) if stream is not None else None
    if group is None:
        raise CommandError(errors.no_group(key, name))
    return stream, group


# --- XGROUP ------------------------------------------------------------------------------

def _entries_read(raw: bytes) -> int:
    value = parse_int(raw)
    if value < 0 and value != INVALID_READ:
        raise CommandError(errors.ENTRIESREAD_NEGATIVE)
    return value


def _xgroup_target(client, argv, mkstream: bool = False, need_group: bool = True):
    """(stream, group) as XGROUP's common checks find them: WRONGTYPE, then the key
    (unless MKSTREAM), then, for the subcommands that need it, the group."""
    stream = client.db.get_typed(argv[2], Stream)
    group = None
    if not mkstream:
        if stream is None:
            raise CommandError(errors.XGROUP_NEEDS_KEY)
        group = stream.groups.get(argv[3])
        if group is None and need_group:
            raise CommandError(errors.no_group_for_key(argv[3], argv[2]))
    return stream, group


@command("xgroup|create")
def cmd_xgroup_create(client, argv):
    """XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD entries-read] -- +OK;
    BUSYGROUP if the group exists."""
    mkstream = False
    entries_read = INVALID_READ
    i = 5
    while i < len(argv):
        opt = argv[i].lower()
        if opt == b"mkstream":
            mkstream = True
            i += 1
        elif opt == b"entriesread" and i + 1 < len(argv):
            entries_read = _entries_read(argv[i + 1])
            i += 2
        else:
            raise CommandError(errors.subcommand_syntax(argv[1], b"xgroup"))
    stream, group = _xgroup_target(client, argv, mkstream, need_group=False)
    if len(argv) > 8:
        raise CommandError(errors.subcommand_syntax(argv[1], b"xgroup"))
    if argv[4] == b"$":
        sid = stream.last_id if stream is not None else MIN_ID
    else:
        sid = strict_id(argv[4])
    key = argv[2]
    if stream is None:
        stream = Stream()
        client.db.set(key, stream)
        client.db.written(key)
    if argv[3] in stream.groups:
        raise CommandError(errors.BUSYGROUP)
    stream.groups[argv[3]] = ConsumerGroup(sid, entries_read)
    mark_dirty(client)
    client.db.notify(b"xgroup-create", key)
    return OK


@command("xgroup|setid")
def cmd_xgroup_setid(client, argv):
    """XGROUP SETID key group id|$ [ENTRIESREAD entries-read] -- +OK."""
    entries_read = INVALID_READ
    if len(argv) == 7:
        if argv[5].lower() != b"entriesread":
            raise CommandError(errors.subcommand_syntax(argv[1], b"xgroup"))
        entries_read = _entries_read(argv[6])
    elif len(argv) != 5:
        raise CommandError(errors.subcommand_syntax(argv[1], b"xgroup"))
    stream, group = _xgroup_target(client, argv)
    if argv[4] == b"$":
        sid = stream.last_id
    else:
        sid = parse_id(argv[4])
        if sid is None:
            raise CommandError(errors.STREAM_ID_INVALID)
    group.last_id = sid
    group.entries_read = entries_read
    mark_dirty(client)
    client.db.notify(b"xgroup-setid", argv[2])
    return OK


@command("xgroup|destroy")
def cmd_xgroup_destroy(client, argv):
    """XGROUP DESTROY key group -- integer: 1 if the group existed, else 0."""
    stream, group = _xgroup_target(client, argv, need_group=False)
    if group is None:
        return 0
    del stream.groups[argv[3]]
    mark_dirty(client)
    client.db.notify(b"xgroup-destroy", argv[2])
    wake_readers(client, argv[2])
    return 1


@command("xgroup|createconsumer")
def cmd_xgroup_createconsumer(client, argv):
    """XGROUP CREATECONSUMER key group consumer -- integer: 1 if created, 0 if it existed."""
    _, group = _xgroup_target(client, argv)
    if argv[4] in group.consumers:
        return 0
    consumer_for(client, argv[2], group, argv[4], now_ms())
    mark_dirty(client)
    return 1


@command("xgroup|delconsumer")
def cmd_xgroup_delconsumer(client, argv):
    """XGROUP DELCONSUMER key group consumer -- integer: pending entries it had."""
    _, group = _xgroup_target(client, argv)
    if argv[4] not in group.consumers:
        return 0
    pending = group.delete_consumer(argv[4])
    mark_dirty(client)
    client.db.notify(b"xgroup-delconsumer", argv[2])
    return pending


_XGROUP_HELP = (
    b"CREATE <key> <groupname> <id|$> [option]",
    b"    Create a new consumer group. Options are:",
    b"    * MKSTREAM",
    b"      Create the empty stream if it does not exist.",
    b"    * ENTRIESREAD entries_read",
    b"      Set the group's entries_read counter (internal use).",
    b"CREATECONSUMER <key> <groupname> <consumer>",
    b"    Create a new consumer in the specified group.",
    b"DELCONSUMER <key> <groupname> <consumer>",
    b"    Remove the specified consumer.",
    b"DESTROY <key> <groupname>",
    b"    Remove the specified group.",
    b"SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
    b"    Set the current group ID and entries_read counter.",
)


@command("xgroup|help")
def cmd_xgroup_help(client, argv):
    """XGROUP HELP -- array of status lines."""
    return help_reply(b"xgroup", _XGROUP_HELP)


# --- XACK, XPENDING --------------------------------------------------------------------

@command("xack")
def cmd_xack(client, argv):
    """XACK key group id [id ...] -- integer: entries acknowledged."""
    stream = client.db.get_typed(argv[1], Stream)
    group = stream.groups.get(argv[2]) if stream is not None else None
    if group is None:
        return 0
    ids = [strict_id(raw) for raw in argv[3:]]
    acked = sum(1 for sid in ids if group.ack(sid))
    if acked:
        mark_dirty(client, acked)
    return acked


@command("xpending")
def cmd_xpending(client, argv):
    """XPENDING key group [[IDLE min-idle-time] start end count [consumer]] -- the
    summary [count, first, last, [[consumer, count]...]], or [[id, consumer, idle,
    deliveries]...]."""
    argc = len(argv)
    if argc != 3 and not 6 <= argc <= 9:
        raise CommandError(errors.SYNTAX)
    min_idle = 0
    consumer_name = None
    if argc >= 6:
        pos = 3
        if argv[3].lower() == b"idle":
            min_idle = parse_int(argv[4])
            if argc < 8:
                raise CommandError(errors.SYNTAX)
            pos = 5
        count = max(parse_int(argv[pos + 2]), 0)
        start, end = range_bounds(argv[pos], argv[pos + 1])
        if pos + 3 < argc:
            consumer_name = argv[pos + 3]
    _, group = _group_or_error(client, argv[1], argv[2])
    pel = group.pel
    if argc == 3:
        if not pel:
            return [0, None, None, NULL_ARRAY]
        owners = [[name, b"%d" % len(c.pel)]
                  for name, c in sorted(group.consumers.items()) if c.pel]
        return [len(pel), format_id(pel.keys()[0]), format_id(pel.keys()[-1]), owners]
    if consumer_name is not None:
        consumer = group.consumers.get(consumer_name)
        if consumer is None:
            return []
        pel = consumer.pel
    now = now_ms()
    out = []
    if not count:
        return out
    for sid in pel.irange(start, end):
        nack = pel[sid]
        idle = now - nack.delivery_time
        if min_idle and idle < min_idle:
            continue
        out.append([format_id(sid), nack.consumer.name, max(idle, 0), nack.delivery_count])
        if len(out) == count:
            break
    return out


# --- XCLAIM, XAUTOCLAIM ----------------------------------------------------------------

@command("xclaim")
def cmd_xclaim(client, argv):
    """XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-ms]
    [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID id] -- array of claimed entries (IDs
    with JUSTID)."""
    key, name = argv[1], argv[2]
    stream, group = _group_or_error(client, key, name)
    min_idle = max(parse_int(argv[4], errors.XCLAIM_MIN_IDLE), 0)
    argc = len(argv)
    ids = []
    j = 5
    while j < argc:
        kind, ms, seq = parse_xadd_id(argv[j])
        if kind != ID_EXPLICIT:
            break
        ids.append((ms, seq))
        j += 1
    now = now_ms()
    delivery = -1
    retry = -1
    force = justid = False
    last_id = MIN_ID
    while j < argc:
        more = argc - 1 - j
        opt = argv[j].lower()
        if opt == b"force":
            force = True
        elif opt == b"justid":
            justid = True
        elif opt == b"idle" and more:
            j += 1
            delivery = now - parse_int(argv[j], errors.XCLAIM_IDLE)
        elif opt == b"time" and more:
            j += 1
            delivery = parse_int(argv[j], errors.XCLAIM_TIME)
        elif opt == b"retrycount" and more:
            j += 1
            retry = parse_int(argv[j], errors.XCLAIM_RETRYCOUNT)
        elif opt == b"lastid" and more:
            j += 1
            last_id = strict_id(argv[j])
        else:
            raise CommandError(errors.xclaim_option(argv[j]))
        j += 1
    moved_last = False
    if last_id > group.last_id:
        group.last_id = last_id
        moved_last = True
    # A bogus delivery time (in the future, negative) becomes now rather than an error.
    if delivery < 0 or delivery > now:
        delivery = now
    consumer = None
    reply = []
    props = []
    for sid in ids:
        nack = group.pel.get(sid)
        fields = stream.get(sid)
        if fields is None:
            # The entry is gone: its pending record goes too (replicated as a claim).
            if nack is not None:
                props.append(xclaim_argv(key, name, group, sid, nack))
                group.ack(sid)
            continue
        if nack is None:
            if not force:
                continue
            nack = group.pel[sid] = Nack(None, now)
        elif nack.consumer is not None and min_idle and now - nack.delivery_time < min_idle:
            continue
        if consumer is None:
            consumer = consumer_for(client, key, group, argv[3], now)
        group.assign(sid, nack, consumer)
        nack.delivery_time = delivery
        if retry >= 0:
            nack.delivery_count = retry
        elif not justid:
            nack.delivery_count += 1
        reply.append(format_id(sid) if justid else [format_id(sid), fields])
        props.append(xclaim_argv(key, name, group, sid, nack))
    if moved_last and not props:
        props.append(setid_argv(key, name, group))
    if props:
        mark_dirty(client, len(props))
        client.propagate_as = props
    return reply


@command("xautoclaim")
def cmd_xautoclaim(client, argv):
    """XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID] --
    [next start ID, claimed entries (IDs with JUSTID), IDs of deleted entries dropped]."""
    min_idle = max(parse_int(argv[4], errors.XAUTOCLAIM_MIN_IDLE), 0)
    start = start_bound(argv[5])
    count = 100
    justid = False
    argc = len(argv)
    j = 6
    while j < argc:
        opt = argv[j].lower()
        if opt == b"count" and j + 1 < argc:
            count = to_int(argv[j + 1])
            if count is None or not 1 <= count <= _AUTOCLAIM_MAX_COUNT:
                raise CommandError(errors.XAUTOCLAIM_COUNT)
            j += 1
        elif opt == b"justid":
            justid = True
        else:
            raise CommandError(errors.SYNTAX)
        j += 1
    key, name = argv[1], argv[2]
    stream, group = _group_or_error(client, key, name)
    attempts = count * _AUTOCLAIM_ATTEMPTS
    # A snapshot: the loop drops entries from the PEL as it goes.
    ids = list(islice(group.pel.irange(start), attempts + 1))
    now = now_ms()
    consumer = None
    claimed, deleted, props = [], [], []
    pos = 0
    while attempts and count and pos < len(ids):
        attempts -= 1
        sid = ids[pos]
        pos += 1
        nack = group.pel[sid]
        fields = stream.get(sid)
        if fields is None:
            props.append(xclaim_argv(key, name, group, sid, nack))
            group.ack(sid)
            deleted.append(format_id(sid))
            count -= 1
            continue
        if min_idle and now - nack.delivery_time < min_idle:
            continue
        if consumer is None:
            consumer = consumer_for(client, key, group, argv[3], now)
        group.assign(sid, nack, consumer)
        nack.delivery_time = now
        if not justid:
            nack.delivery_count += 1
        claimed.append(format_id(sid) if justid else [format_id(sid), fields])
        count -= 1
        props.append(xclaim_argv(key, name, group, sid, nack))
    cursor = ids[pos] if pos < len(ids) else MIN_ID
    if props:
        mark_dirty(client, len(props))
        client.propagate_as = props
    return [format_id(cursor), claimed, deleted]
