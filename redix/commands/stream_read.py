"""XREAD and XREADGROUP, including BLOCK.

Both parse the same options; XREADGROUP reads through a consumer group:
``>`` delivers entries the group has not seen (recording them pending for
the consumer unless NOACK), any other ID re-reads the consumer's own
pending entries from that ID on (an entry deleted since reads as
``[id, null]``).

Blocking uses ``redix.server.blocking``: a reader that finds nothing waits
on its keys, each waiter with its own ``serve`` (``_Wait.serve``).  Redis
wakes stream readers only when an entry is added (XADD), a key is
deleted or replaced, or a group is destroyed; Redix signals keys on every
write, so a waiter also checks that an append happened since it blocked
(``Stream.appends``, or a different stream object) before serving.  A
served XREADGROUP whose group is gone gets ``-NOGROUP``, and one whose key
is gone (or holds another type) ``-UNBLOCKED``, as in Redis 7.0.

Replies: RESP2 ``[[key, entries], ...]``; RESP3 a map key -> entries.  A
timeout, or nothing to read without BLOCK, is a null array.
"""
from __future__ import annotations

from itertools import islice

from redix import errors
from redix.commands.args import parse_int, parse_timeout_ms
from redix.commands.registry import command
from redix.commands.stream_groups import setid_argv, xclaim_argv
from redix.commands.streams import entries_reply, mark_dirty, strict_id
from redix.errors import CommandError
from redix.keyspace.db import now_ms
from redix.protocol.replies import NULL_ARRAY, Raw
from redix.protocol.resp import encode
from redix.server import blocking
from redix.types.stream import MAX_ID, MIN_ID, Stream
from redix.types.streamid import format_id, incr_id

# COUNT used by a blocked reader that gave none, so a low ID cannot flood it.
_BLOCKED_DEFAULT_COUNT = 1000
# ">" is carried as the maximum ID, as Redis does.
_NEW = MAX_ID


class _ReadArgs:
    __slots__ = ("count", "timeout", "first_key", "nkeys", "group", "consumer", "noack")

    def __init__(self):
        self.count = 0
        self.timeout = None           # BLOCK's timeout in seconds (0.0: for ever); None: no BLOCK
        self.first_key = 0
        self.nkeys = 0
        self.group = None
        self.consumer = None
        self.noack = False


def _parse(argv, grouped: bool) -> _ReadArgs:
    args = _ReadArgs()
    argc = len(argv)
    i = 1
    while i < argc:
        more = argc - i - 1
        opt = argv[i].lower()
        if opt == b"block" and more:
            i += 1
            args.timeout = parse_timeout_ms(argv[i])
        elif opt == b"count" and more:
            i += 1
            args.count = max(parse_int(argv[i]), 0)
        elif opt == b"streams" and more:
            args.first_key = i + 1
            rest = argc - args.first_key
            if rest & 1:
                raise CommandError(errors.XREAD_UNBALANCED)
            args.nkeys = rest >> 1
            break
        elif opt == b"group" and more >= 2:
            if not grouped:
                raise CommandError(errors.XREAD_GROUP_OPTION)
            args.group, args.consumer = argv[i + 1], argv[i + 2]
            i += 2
        elif opt == b"noack":
            if not grouped:
                raise CommandError(errors.XREAD_NOACK_OPTION)
            args.noack = True
        else:
            raise CommandError(errors.SYNTAX)
        i += 1
    if not args.first_key:
        raise CommandError(errors.SYNTAX)
    if grouped and args.group is None:
        raise CommandError(errors.XREADGROUP_NO_GROUP_OPTION)
    return args


def _targets(client, argv, args: _ReadArgs) -> list:
    """(key, ID to read after) per stream, with Redis's checks in its order."""
    db = client.db
    out = []
    first, n = args.first_key, args.nkeys
    for i in range(n):
        key, raw = argv[first + i], argv[first + n + i]
        stream = db.get_typed(key, Stream)
        if args.group is not None and (stream is None or args.group not in stream.groups):
            raise CommandError(errors.no_group_xreadgroup(key, args.group))
        if raw == b"$":
            if args.group is not None:
                raise CommandError(errors.XREADGROUP_DOLLAR)
            out.append((key, stream.last_id if stream is not None else MIN_ID))
        elif raw == b">":
            if args.group is None:
                raise CommandError(errors.XREAD_GT_ID)
            out.append((key, _NEW))
        else:
            out.append((key, strict_id(raw)))
    return out


def _read_group(client, key: bytes, stream: Stream, group_name: bytes, consumer_name: bytes,
                after: tuple, count: int, noack: bool, history: bool, props: list) -> list:
    """Entries for one stream of an XREADGROUP, with the PEL and propagation updated."""
    group = stream.groups[group_name]
    now = now_ms()
    consumer, created = group.consumer(consumer_name, now)
    if created:
        client.db.notify(b"xgroup-createconsumer", key)
        props.append([b"XGROUP", b"CREATECONSUMER", key, group_name, consumer_name])
    start = incr_id(after)
    limit = count or None
    out = []
    if history:
        pel = consumer.pel
        for sid in islice(pel.irange(start), limit):
            fields = stream.get(sid)
            if fields is None:
                out.append([format_id(sid), NULL_ARRAY])
                continue
            nack = pel[sid]
            nack.delivery_time = now
            nack.delivery_count += 1
            out.append([format_id(sid), fields])
    else:
        for sid, fields in islice(stream.range(start, MAX_ID), limit):
            stream.advance_group(group, sid)
            if not noack:
                nack = group.deliver(sid, consumer, now)
                props.append(xclaim_argv(key, group_name, group, sid, nack))
            out.append([format_id(sid), fields])
        if noack and out:
            props.append(setid_argv(key, group_name, group))
    mark_dirty(client)
    return out


def _reply(client, pairs: list):
    """Per-stream results: [[key, entries]...], or a RESP3 map (keys may repeat)."""
    if not client.resp3:
        return [[key, entries] for key, entries in pairs]
    keys = {key for key, _ in pairs}
    if len(keys) == len(pairs):
        return dict(pairs)
    return Raw(b"%%%d\r\n" % len(pairs)
               + b"".join(encode(key, True) + encode(entries, True) for key, entries in pairs))


def _xread_generic(client, argv, grouped: bool):
    args = _parse(argv, grouped)
    targets = _targets(client, argv, args)
    db = client.db
    pairs = []
    props = []
    for key, after in targets:
        stream = db.get_typed(key, Stream)
        if stream is None:
            continue
        if grouped:
            history = after != _NEW
            if not history:
                if not stream.length:
                    continue
                after = stream.groups[args.group].last_id
                if stream.last_valid_id() <= after:
                    continue
            pairs.append((key, _read_group(client, key, stream, args.group, args.consumer,
                                           after, args.count, args.noack, history, props)))
        elif stream.length and stream.last_valid_id() > after:
            entries = stream.range(incr_id(after), MAX_ID)
            pairs.append((key, entries_reply(islice(entries, args.count or None))))
    if pairs:
        if grouped:
            client.propagate_as = props
        return _reply(client, pairs)
    if args.timeout is None:
        return NULL_ARRAY
    wait = _Wait(db, targets, args)
    return blocking.block(client, db, [key for key, _ in targets], args.timeout, wait.serve,
                          data=wait)


class _Wait:
    """A blocked reader: what it waits for, and how to serve it once a key is ready."""

    __slots__ = ("after", "seen", "count", "group", "consumer", "noack")

    def __init__(self, db, targets, args: _ReadArgs):
        self.after = {}
        self.seen = {}
        for key, after in targets:
            stream = db.data.get(key)
            if type(stream) is not Stream:
                stream = None
            self.after.setdefault(key, after)
            self.seen.setdefault(key, (stream, stream.appends if stream is not None else 0))
        self.count = args.count or _BLOCKED_DEFAULT_COUNT
        self.group = args.group
        self.consumer = args.consumer
        self.noack = args.noack

    def _appended(self, key: bytes, stream: Stream) -> bool:
        before, appends = self.seen[key]
        return before is not stream or stream.appends != appends

    def serve(self, client, key: bytes):
        """The reply that ends the wait, or None to keep waiting."""
        stream = client.db.lookup(key)
        if type(stream) is not Stream:
            if self.group is not None:
                raise CommandError(errors.XREADGROUP_KEY_GONE)
            return None
        if self.group is not None:
            group = stream.groups.get(self.group)
            if group is None:
                raise CommandError(errors.XREADGROUP_GROUP_GONE)
            after = group.last_id
        else:
            after = self.after[key]
        if not self._appended(key, stream) or stream.last_id <= after:
            return None
        if self.group is not None:
            props = []
            entries = _read_group(client, key, stream, self.group, self.consumer, after,
                                  self.count, self.noack, False, props)
            client.propagate_as = props
        else:
            entries = entries_reply(islice(stream.range(incr_id(after), MAX_ID), self.count))
        return _reply(client, [(key, entries)])


@command("xread")
def cmd_xread(client, argv):
    """XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...] --
    per stream with new entries, [key, entries]; null array if none (or on timeout)."""
    return _xread_generic(client, argv, False)


@command("xreadgroup")
def cmd_xreadgroup(client, argv):
    """XREADGROUP GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK]
    STREAMS key [key ...] id [id ...] -- like XREAD; ``>`` reads new entries for the
    group, another ID the consumer's pending ones."""
    return _xread_generic(client, argv, True)
