"""Stream commands: XADD, XTRIM, XRANGE, XREVRANGE, XLEN, XDEL, XSETID.

Consumer groups are in ``stream_groups`` (XGROUP, XACK, XPENDING, XCLAIM,
XAUTOCLAIM), reading in ``stream_read`` (XREAD, XREADGROUP, blocking) and
XINFO in ``stream_info``; the data structure is ``redix.types.stream``.
Helpers shared by those modules live here: ID parsing with Redis's errors
(``strict_id``, ``range_bounds``, ``start_bound``), ``entries_reply`` and
``mark_dirty``.

Propagation contract (for replication and the AOF, which come later):
after a write (a change of ``server.dirty``), ``client.propagate_as`` is
None when the command propagates as it was sent, or a list of argvs (lists
of bytes) that replace it, in order; an empty list propagates nothing (an
XREADGROUP that only re-read history).  It is set only together with a
write, so a command that changed nothing never leaves one behind, and a
consumer (an after-call hook) resets it to None once read.  Blocking list
commands set a single argv instead; a consumer tells the two apart by the
first element's type.  Stream commands rewrite what would not replay the same
way: XADD ``*``/``ms-*`` carries the ID it generated; an approximate trim
(``~``, with or without LIMIT) becomes ``=`` with the length (MAXLEN) or the
first remaining ID (MINID) it reached; XREADGROUP, XCLAIM and XAUTOCLAIM
become ``XCLAIM key group consumer 0 id TIME ms RETRYCOUNT n FORCE JUSTID
LASTID id`` per pending entry touched, ``XGROUP SETID ... ENTRIESREAD n``
when only the group's last ID moved, and ``XGROUP CREATECONSUMER`` when a
read created its consumer.
"""
from __future__ import annotations

from itertools import islice

from redix import errors
from redix.commands.args import parse_int
from redix.commands.registry import command
from redix.errors import CommandError
from redix.keyspace.db import now_ms
from redix.protocol.replies import NULL_ARRAY, OK
from redix.types.stream import MAX_ID, MIN_ID, Stream
from redix.types.streamid import (
    ID_AUTO, ID_AUTO_SEQ, ID_EXPLICIT, ID_INVALID, decr_id, format_id, incr_id, next_id,
    parse_range_id, parse_xadd_id, seq_id,
)

_U64 = (1 << 64) - 1


# --- shared helpers ---------------------------------------------------------------------

def strict_id(raw: bytes) -> tuple:
    """An ``ms[-seq]`` ID argument where ``-``, ``+`` and ``*`` are not allowed."""
    kind, ms, seq = parse_xadd_id(raw)
    if kind != ID_EXPLICIT:
        raise CommandError(errors.STREAM_ID_INVALID)
    return ms, seq


def range_bounds(start_raw: bytes, end_raw: bytes) -> tuple:
    """(start, end) of an interval, inclusive, from XRANGE-style bounds.

    ``-``/``+`` and incomplete IDs are accepted; ``(`` makes a bound
    exclusive, which Redis applies right after parsing each bound.
    """
    return start_bound(start_raw), _bound(end_raw, _U64, decr_id, errors.INTERVAL_END)


def start_bound(raw: bytes) -> tuple:
    """An interval's start alone (XAUTOCLAIM)."""
    return _bound(raw, 0, incr_id, errors.INTERVAL_START)


def _bound(raw: bytes, missing_seq: int, step, error: bytes) -> tuple:
    sid, exclusive = parse_range_id(raw, missing_seq)
    if sid is None:
        raise CommandError(errors.STREAM_ID_INVALID)
    if exclusive:
        sid = step(sid)
        if sid is None:
            raise CommandError(error)
    return sid


def entries_reply(pairs) -> list:
    """Entries as Redis sends them: [[id, [field, value, ...]], ...]."""
    return [[format_id(sid), fields] for sid, fields in pairs]


def consumer_for(client, key: bytes, group, name: bytes, now: int):
    """The named consumer of ``group``, created if missing (XREADGROUP, XCLAIM...):
    a creation is an xgroup-createconsumer event, as in Redis."""
    consumer, created = group.consumer(name, now)
    if created:
        client.db.notify(b"xgroup-createconsumer", key)
    return consumer


def mark_dirty(client, n: int = 1) -> None:
    """A write Redis does not signal as a key modification (consumer-group state,
    XSETID): it counts for propagation (``server.dirty``) but leaves WATCH alone."""
    server = client.server
    if server is not None:
        server.dirty += n


def config_limits(client) -> tuple:
    config = client.server.config if client.server is not None else None
    if config is None:
        return 4096, 100
    return config.stream_node_max_bytes, config.stream_node_max_entries


# --- XADD / XTRIM ---------------------------------------------------------------------

class _TrimArgs:
    """What XADD/XTRIM asked for: trimming strategy and, for XADD, the ID."""

    __slots__ = ("maxlen", "minid", "approx", "limit", "value_pos", "nomkstream",
                 "id_pos", "id_kind", "id")

    def __init__(self):
        self.maxlen = None          # MAXLEN threshold, or None
        self.minid = None           # MINID threshold, or None
        self.approx = False
        self.limit = 0              # 0: no limit
        self.value_pos = 0          # argv index of the threshold (rewritten for ~)
        self.nomkstream = False
        self.id_pos = 0
        self.id_kind = ID_AUTO
        self.id = None


def _parse_trim_args(client, argv, xadd: bool) -> _TrimArgs:
    """Options of XADD (up to its ID) and XTRIM, with Redis's order of checks."""
    args = _TrimArgs()
    strategy = False
    limit_given = False
    argc = len(argv)
    i = 2
    while i < argc:
        more = argc - 1 - i
        arg = argv[i]
        opt = arg.lower()
        if xadd and arg == b"*":
            break
        if opt in (b"maxlen", b"minid") and more:
            if strategy:
                raise CommandError(errors.MAXLEN_AND_MINID)
            nxt = argv[i + 1]
            args.approx = False
            if more >= 2 and nxt in (b"~", b"="):
                args.approx = nxt == b"~"
                i += 1
            if opt == b"maxlen":
                args.maxlen = parse_int(argv[i + 1])
                if args.maxlen < 0:
                    raise CommandError(errors.MAXLEN_NEGATIVE)
            else:
                args.minid = strict_id(argv[i + 1])
            i += 1
            args.value_pos = i
            strategy = True
        elif opt == b"limit" and more:
            args.limit = parse_int(argv[i + 1])
            if args.limit < 0:
                raise CommandError(errors.XTRIM_LIMIT_NEGATIVE)
            limit_given = True
            i += 1
        elif xadd and opt == b"nomkstream":
            args.nomkstream = True
        elif xadd:
            kind, ms, seq = parse_xadd_id(arg)
            if kind == ID_INVALID:
                raise CommandError(errors.STREAM_ID_INVALID)
            args.id_kind, args.id = kind, (ms, seq)
            break
        else:
            raise CommandError(errors.SYNTAX)
        i += 1
    args.id_pos = i
    if args.limit and not strategy:
        raise CommandError(errors.LIMIT_WITHOUT_STRATEGY)
    if not xadd and not strategy:
        raise CommandError(errors.XTRIM_NO_STRATEGY)
    if limit_given:
        if not args.approx:
            raise CommandError(errors.LIMIT_WITHOUT_APPROX)
    elif args.approx:
        # Redis's default work limit for "~": 100 nodes' worth of entries.
        max_entries = config_limits(client)[1]
        limit = 100 * max_entries
        args.limit = 10000 if limit <= 0 else min(limit, 1000000)
    return args


def _trim(stream: Stream, args: _TrimArgs) -> int:
    return stream.trim(maxlen=args.maxlen, minid=args.minid, approx=args.approx,
                       limit=args.limit)


def _rewrite_trim(stream: Stream, args: _TrimArgs, argv: list) -> None:
    """An approximate trim replays as the exact one it amounted to."""
    argv[args.value_pos - 1] = b"="
    if args.maxlen is not None:
        argv[args.value_pos] = b"%d" % stream.length
    else:
        node = stream.nodes[0] if stream.nodes else None
        first = (node.ms[0], node.seq[0]) if node is not None else MAX_ID
        argv[args.value_pos] = format_id(first)


@command("xadd")
def cmd_xadd(client, argv):
    """XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value
    [field value ...] -- bulk string: the new entry's ID; null with NOMKSTREAM and no key."""
    if argv[2] == b"*":
        args = None
        id_pos, kind = 2, ID_AUTO
    else:
        args = _parse_trim_args(client, argv, True)
        id_pos, kind = args.id_pos, args.id_kind
    fields = len(argv) - id_pos - 1
    if fields < 2 or fields & 1:
        raise CommandError(errors.wrong_arity(b"xadd"))
    if kind == ID_EXPLICIT and args.id == MIN_ID:
        raise CommandError(errors.XADD_ID_ZERO)
    db = client.db
    key = argv[1]
    stream = db.get_typed(key, Stream)
    created = stream is None
    if created:
        if args is not None and args.nomkstream:
            return None
        stream = Stream()
    last = stream.last_id
    if last == MAX_ID:
        raise CommandError(errors.STREAM_EXHAUSTED)
    if kind == ID_AUTO:
        sid = next_id(last, now_ms())
    elif kind == ID_AUTO_SEQ:
        sid = seq_id(last, args.id[0])
        if sid is None:
            # Redis reports a sequence overflow within the same millisecond
            # with its generic append-failure message.
            raise CommandError(errors.XADD_SEQ_OVERFLOW if args.id[0] == last[0]
                               else errors.XADD_ID_TOO_SMALL)
    else:
        sid = args.id
        if sid <= last:
            raise CommandError(errors.XADD_ID_TOO_SMALL)
    if created:
        db.set(key, stream)
    max_bytes, max_entries = config_limits(client)
    stream.append(sid, argv[id_pos + 1:], max_bytes, max_entries)
    reply = format_id(sid)
    rewrite = kind != ID_EXPLICIT
    trimmed = 0
    if args is not None and (args.maxlen is not None or args.minid is not None):
        trimmed = _trim(stream, args)
        rewrite = rewrite or args.approx
    if rewrite:
        prop = list(argv)
        prop[id_pos] = reply
        if args is not None and args.approx:
            _rewrite_trim(stream, args, prop)
        client.propagate_as = [prop]
    db.written(key, b"xadd")
    if trimmed:
        db.notify(b"xtrim", key)
    return reply


@command("xtrim")
def cmd_xtrim(client, argv):
    """XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count] -- integer: entries removed."""
    args = _parse_trim_args(client, argv, False)
    db = client.db
    stream = db.get_typed(argv[1], Stream)
    if stream is None:
        return 0
    removed = _trim(stream, args)
    if removed:
        if args.approx:
            prop = list(argv)
            _rewrite_trim(stream, args, prop)
            client.propagate_as = [prop]
        db.written(argv[1], b"xtrim")
    return removed


# --- reading ------------------------------------------------------------------------------

def _range_generic(client, argv, rev: bool):
    if rev:
        start, end = range_bounds(argv[3], argv[2])
    else:
        start, end = range_bounds(argv[2], argv[3])
    count = -1
    i = 4
    while i < len(argv):
        if argv[i].lower() == b"count" and i + 1 < len(argv):
            count = max(parse_int(argv[i + 1]), 0)
            i += 2
        else:
            raise CommandError(errors.SYNTAX)
    stream = client.db.get_typed(argv[1], Stream)
    if stream is None:
        return []
    if count == 0:
        return NULL_ARRAY
    pairs = stream.revrange(end, start) if rev else stream.range(start, end)
    if count > 0:
        pairs = islice(pairs, count)
    return entries_reply(pairs)


@command("xrange")
def cmd_xrange(client, argv):
    """XRANGE key start end [COUNT count] -- array of [id, [field, value...]] entries;
    null array for COUNT 0 or less."""
    return _range_generic(client, argv, False)


@command("xrevrange")
def cmd_xrevrange(client, argv):
    """XREVRANGE key end start [COUNT count] -- array of entries, newest first."""
    return _range_generic(client, argv, True)


@command("xlen")
def cmd_xlen(client, argv):
    """XLEN key -- integer: number of entries."""
    stream = client.db.get_typed(argv[1], Stream)
    return 0 if stream is None else stream.length


# --- removing and resetting ----------------------------------------------------------

@command("xdel")
def cmd_xdel(client, argv):
    """XDEL key id [id ...] -- integer: entries deleted."""
    db = client.db
    stream = db.get_typed(argv[1], Stream)
    if stream is None:
        return 0
    ids = [strict_id(raw) for raw in argv[2:]]
    deleted = 0
    first_gone = False
    for sid in ids:
        if stream.delete(sid):
            deleted += 1
            if sid == stream.first_id:
                first_gone = True
            if sid > stream.max_deleted_id:
                stream.max_deleted_id = sid
    if deleted:
        if not stream.length:
            stream.first_id = MIN_ID
        elif first_gone:
            stream.first_id = stream.first_valid_id()
        db.written(argv[1], b"xdel")
    return deleted


@command("xsetid")
def cmd_xsetid(client, argv):
    """XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id] -- +OK."""
    sid = strict_id(argv[2])
    entries_added = -1
    max_deleted = MIN_ID
    i = 3
    while i < len(argv):
        opt = argv[i].lower()
        if opt == b"entriesadded" and i + 1 < len(argv):
            entries_added = parse_int(argv[i + 1])
            if entries_added < 0:
                raise CommandError(errors.XSETID_ENTRIES_ADDED_NEGATIVE)
        elif opt == b"maxdeletedid" and i + 1 < len(argv):
            max_deleted = strict_id(argv[i + 1])
            if sid < max_deleted:
                raise CommandError(errors.XSETID_BELOW_MAX_DELETED)
        else:
            raise CommandError(errors.SYNTAX)
        i += 2
    db = client.db
    stream = db.get_typed(argv[1], Stream)
    if stream is None:
        raise CommandError(errors.NO_SUCH_KEY)
    if stream.length:
        if sid < stream.last_valid_id():
            raise CommandError(errors.XSETID_TOO_SMALL)
        if entries_added != -1 and stream.length > entries_added:
            raise CommandError(errors.XSETID_ENTRIES_ADDED_SMALL)
    stream.last_id = sid
    if entries_added != -1:
        stream.entries_added = entries_added
    if max_deleted != MIN_ID:
        stream.max_deleted_id = max_deleted
    mark_dirty(client)
    db.notify(b"xsetid", argv[1])
    return OK
