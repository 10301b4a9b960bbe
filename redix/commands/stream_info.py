"""XINFO: STREAM (and FULL), GROUPS, CONSUMERS, HELP, with Redis 7.0.15's fields.

Maps are returned as dicts (flat arrays in RESP2, ``%`` maps in RESP3), in
Redis's field order.  Groups and consumers are listed in name order, as
Redis's radix trees hold them.  7.0 has no consumer ``inactive`` field nor
``active-time`` (7.2 added them): ``idle`` and ``seen-time`` only.
"""
from __future__ import annotations

from itertools import islice

from redix import errors
from redix.commands.args import parse_int
from redix.commands.registry import command
from redix.commands.streams import entries_reply
from redix.errors import CommandError
from redix.keyspace.db import now_ms
from redix.protocol.replies import help_reply
from redix.types.stream import INVALID_READ, MAX_ID, MIN_ID, Stream
from redix.types.streamid import format_id

# XINFO STREAM FULL's default COUNT (also used for a negative one).
_FULL_COUNT = 10


def _stream(client, key: bytes) -> Stream:
    stream = client.db.get_typed(key, Stream)
    if stream is None:
        raise CommandError(errors.NO_SUCH_KEY)
    return stream


def _entries_read(group):
    return None if group.entries_read == INVALID_READ else group.entries_read


@command("xinfo|stream")
def cmd_xinfo_stream(client, argv):
    """XINFO STREAM key [FULL [COUNT count]] -- map of the stream's counters, with its
    first and last entries, or (FULL) its entries, groups, PELs and consumers."""
    stream = _stream(client, argv[2])
    extra = len(argv) - 3
    full = extra > 0
    count = _FULL_COUNT
    if full:
        if argv[3].lower() != b"full" or extra not in (1, 3) or \
                (extra == 3 and argv[4].lower() != b"count"):
            raise CommandError(errors.subcommand_syntax(argv[1], b"xinfo"))
        if extra == 3:
            count = parse_int(argv[5])
            if count < 0:
                count = _FULL_COUNT
    info = {
        b"length": stream.length,
        b"radix-tree-keys": len(stream.nodes),
        b"radix-tree-nodes": stream.rax_nodes(),
        b"last-generated-id": format_id(stream.last_id),
        b"max-deleted-entry-id": format_id(stream.max_deleted_id),
        b"entries-added": stream.entries_added,
        b"recorded-first-entry-id": format_id(stream.first_id),
    }
    if not full:
        info[b"groups"] = len(stream.groups)
        first = entries_reply(islice(stream.range(MIN_ID, MAX_ID), 1))
        last = entries_reply(islice(stream.revrange(MAX_ID, MIN_ID), 1))
        info[b"first-entry"] = first[0] if first else None
        info[b"last-entry"] = last[0] if last else None
        return info
    limit = count or None
    info[b"entries"] = entries_reply(islice(stream.range(MIN_ID, MAX_ID), limit))
    groups = []
    for name, group in sorted(stream.groups.items()):
        pending = [[format_id(sid), nack.consumer.name, nack.delivery_time,
                    nack.delivery_count]
                   for sid, nack in islice(group.pel.items(), limit)]
        consumers = []
        for cname, consumer in sorted(group.consumers.items()):
            consumers.append({
                b"name": cname,
                b"seen-time": consumer.seen_time,
                b"pel-count": len(consumer.pel),
                b"pending": [[format_id(sid), nack.delivery_time, nack.delivery_count]
                             for sid, nack in islice(consumer.pel.items(), limit)],
            })
        groups.append({
            b"name": name,
            b"last-delivered-id": format_id(group.last_id),
            b"entries-read": _entries_read(group),
            b"lag": stream.group_lag(group),
            b"pel-count": len(group.pel),
            b"pending": pending,
            b"consumers": consumers,
        })
    info[b"groups"] = groups
    return info


@command("xinfo|groups")
def cmd_xinfo_groups(client, argv):
    """XINFO GROUPS key -- array of maps: name, consumers, pending, last-delivered-id,
    entries-read, lag."""
    stream = _stream(client, argv[2])
    return [{
        b"name": name,
        b"consumers": len(group.consumers),
        b"pending": len(group.pel),
        b"last-delivered-id": format_id(group.last_id),
        b"entries-read": _entries_read(group),
        b"lag": stream.group_lag(group),
    } for name, group in sorted(stream.groups.items())]


@command("xinfo|consumers")
def cmd_xinfo_consumers(client, argv):
    """XINFO CONSUMERS key group -- array of maps: name, pending, idle (ms)."""
    stream = _stream(client, argv[2])
    group = stream.groups.get(argv[3])
    if group is None:
        raise CommandError(errors.no_group_for_key(argv[3], argv[2]))
    now = now_ms()
    return [{
        b"name": name,
        b"pending": len(consumer.pel),
        b"idle": max(now - consumer.seen_time, 0),
    } for name, consumer in sorted(group.consumers.items())]


_XINFO_HELP = (
    b"CONSUMERS <key> <groupname>",
    b"    Show consumers of <groupname>.",
    b"GROUPS <key>",
    b"    Show the stream consumer groups.",
    b"STREAM <key> [FULL [COUNT <count>]",
    b"    Show information about the stream.",
)


@command("xinfo|help")
def cmd_xinfo_help(client, argv):
    """XINFO HELP -- array of status lines."""
    return help_reply(b"xinfo", _XINFO_HELP)
