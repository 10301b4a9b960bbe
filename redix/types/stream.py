"""Streams: entries ordered by ID, and their consumer groups.  Data only, no RESP.

Storage mirrors Redis's layout because users can see it: entries live in
*nodes* (Redis's listpacks) of at most ``stream-node-max-entries`` entries
and about ``stream-node-max-bytes`` bytes, and approximate trimming
(``MAXLEN ~``/``MINID ~``) removes whole nodes only.  So XLEN after a ``~``
trim, and XINFO STREAM's ``radix-tree-keys``/``radix-tree-nodes``, match
real Redis: a node's byte size is computed with listpack's encoding rules
(integers stored as integers, delta-encoded IDs, fields shared with the
node's first entry), deletions only flag entries, as Redis does, and a node
leaves when its last live entry does.

A node keeps its entries' IDs in two ``array('Q')`` (milliseconds and
sequence numbers), every entry's field/value objects in one flat list (an
entry whose fields equal the node's master fields shares those field
objects) and the entry boundaries in an ``array('I')``: a few dozen bytes
per small entry, and an entry's reply is one list slice.  Nodes are found
by bisecting the sorted list of their master (first) IDs, entries inside a
node by bisecting the ID arrays, so a range lookup or a trim costs
O(log n) plus the entries returned or removed.

IDs are ``(ms, seq)`` tuples (see ``redix.types.streamid``).

API (``Stream``):
    append(id, fv, max_bytes, max_entries)   add an entry (id > last_id; fv a fresh flat list)
    range(start, end) / revrange(end, start) live entries as (id, fields), in order
    get(id) -> fields | None, delete(id) -> bool
    trim(maxlen=None, minid=None, approx=False, limit=0) -> entries removed
    first_valid_id() / last_valid_id()       first and last live IDs (None if empty)
    has_tombstones(start), estimate_read(id), group_lag(group)   consumer-group counters
    rax_nodes()                               XINFO's radix-tree-nodes
    copy()                                    for COPY: entries and groups
Counters, as XINFO STREAM shows them: length, last_id, first_id,
max_deleted_id, entries_added; ``groups`` maps name -> ``ConsumerGroup``.

Consumer groups: ``ConsumerGroup`` (last_id, entries_read with -1 for
"unknown", ``pel``: a SortedDict ID -> ``Nack`` of the whole group,
``consumers``: name -> ``Consumer``), each ``Consumer`` with its own ``pel``
(ID -> the same ``Nack`` objects) and ``seen_time``.
"""
from __future__ import annotations

import sys
from array import array
from bisect import bisect_left, bisect_right

from sortedcontainers import SortedDict

from redix.types import register_type

MAX_ID = ((1 << 64) - 1, (1 << 64) - 1)
MIN_ID = (0, 0)
INVALID_READ = -1            # a group's entries_read when it cannot be known

_LISTPACK_MAX = 1 << 30      # Redis's hard cap on a stream listpack's bytes
# Listpack framing: 6-byte header plus the end byte.
_LP_FRAME = 7


# --- listpack sizes ------------------------------------------------------------------------

def _int_size(value: int) -> int:
    """Bytes of an integer element (encoding plus its one-byte back-length)."""
    if 0 <= value <= 127:
        return 2
    if -4096 <= value <= 4095:
        return 3
    if -32768 <= value <= 32767:
        return 4
    if -8388608 <= value <= 8388607:
        return 5
    if -2147483648 <= value <= 2147483647:
        return 6
    return 10


def _as_int64(data: bytes):
    """The integer a listpack would store ``data`` as (string2ll's rules), or None."""
    body = data[1:] if data[0] == 45 else data
    if not body.isdigit() or (body[0] == 48 and (len(data) > 1)):
        return None
    value = int(data)
    return value if -(1 << 63) <= value < (1 << 63) else None


def _elem_size(data: bytes) -> int:
    """Bytes of a string element: an integer if it reads as one, else a string."""
    n = len(data)
    if 0 < n <= 20 and (48 <= data[0] <= 57 or data[0] == 45):
        value = _as_int64(data)
        if value is not None:
            return _int_size(value)
    if n < 64:
        return n + 2
    enc = n + 2 if n < 4096 else n + 5
    return enc + _backlen(enc)


def _backlen(size: int) -> int:
    if size <= 127:
        return 1
    if size < 16383:
        return 2
    if size < 2097151:
        return 3
    if size < 268435455:
        return 4
    return 5


# --- nodes ---------------------------------------------------------------------------------

class _Node:
    """One listpack's worth of entries (deleted ones stay, flagged, as in Redis).

    ``items`` holds, per entry, only the values when its fields are the
    master's (the common case), else its field/value pairs (positions in
    ``full``).  While every entry shares the master fields, entry ``i`` is
    ``items[i*nf:(i+1)*nf]`` and ``starts`` is None; the first entry with
    other fields switches to explicit boundaries (``starts[i]:starts[i+1]``).
    """

    __slots__ = ("master", "fields", "template", "ms", "seq", "items", "starts", "full",
                 "live", "dead", "size")

    def __init__(self, master: tuple, fields: list):
        self.master = master
        self.fields = fields
        # A reply's field/value list, fields in place: values go in the odd slots.
        template = [None] * (2 * len(fields))
        template[0::2] = fields
        self.template = template
        self.ms = array("Q")
        self.seq = array("Q")
        self.items: list = []
        self.starts = None
        self.full = None          # set of positions stored with their own fields
        self.live = 0
        self.dead = None          # set of deleted positions, None while there are none
        # Master entry: count and deleted (added in lp_bytes), field count, fields, terminator.
        self.size = _int_size(len(fields)) + sum(map(_elem_size, fields)) + 2

    def lp_bytes(self) -> int:
        live, dead = self.live, len(self.ms) - self.live
        if live <= 127 and dead <= 127:           # both counters one-byte integers
            return _LP_FRAME + 4 + self.size
        return _LP_FRAME + self.size + _int_size(live) + _int_size(dead)

    def add(self, sid: tuple, fv: list) -> None:
        ms, seq = sid
        master_ms, master_seq = self.master
        n = len(fv) >> 1
        # flags, ID deltas (as int64: only a sequence delta can wrap), lp-count,
        # then the fields (unless shared with the master entry) and the values.
        dms = ms - master_ms
        dseq = seq - master_seq
        if dseq < -(1 << 63):
            dseq += 1 << 64
        size = (2 + (2 if dms <= 127 else _int_size(dms))
                + (2 if 0 <= dseq <= 127 else _int_size(dseq)))
        if fv[0::2] == self.fields:
            size += 2 if n <= 124 else _int_size(n + 3)
            stored = fv[1::2]
        else:
            size += _int_size(n) + _int_size(2 * n + 4)
            stored = fv
            if self.starts is None:
                nf = len(self.fields)
                self.starts = array("I", range(0, len(self.items) + 1, nf or 1))
                self.full = set()
            self.full.add(len(self.ms))
        for i, item in enumerate(stored):
            size += _elem_size(item)
            if len(item) == 1:
                stored[i] = _ONE_BYTE[item[0]]    # one shared object per byte value
        self.size += size
        self.ms.append(ms)
        self.seq.append(seq)
        items = self.items
        items += stored
        if self.starts is not None:
            self.starts.append(len(items))
        self.live += 1

    def entry(self, pos: int) -> list:
        """The entry's flat field/value list (a new list)."""
        starts = self.starts
        if starts is None:
            nf = len(self.fields)
            a, b = pos * nf, pos * nf + nf
        else:
            a, b = starts[pos], starts[pos + 1]
            if pos in self.full:
                return self.items[a:b]
        out = self.template[:]
        out[1::2] = self.items[a:b]
        return out

    def find_ge(self, sid: tuple) -> int:
        """Position of the first entry (live or not) with ID >= sid."""
        ms_arr = self.ms
        lo = bisect_left(ms_arr, sid[0])
        hi = bisect_right(ms_arr, sid[0], lo)
        return lo if lo == hi else bisect_left(self.seq, sid[1], lo, hi)

    def find_gt(self, sid: tuple) -> int:
        """Position of the first entry (live or not) with ID > sid."""
        ms_arr = self.ms
        lo = bisect_left(ms_arr, sid[0])
        hi = bisect_right(ms_arr, sid[0], lo)
        return lo if lo == hi else bisect_right(self.seq, sid[1], lo, hi)

    def kill(self, pos: int) -> None:
        if self.dead is None:
            self.dead = set()
        self.dead.add(pos)
        self.live -= 1

    def is_dead(self, pos: int) -> bool:
        return self.dead is not None and pos in self.dead

    def copy(self) -> "_Node":
        other = _Node.__new__(_Node)
        other.master = self.master
        other.fields = self.fields
        other.template = self.template
        other.ms = array("Q", self.ms)
        other.seq = array("Q", self.seq)
        other.items = list(self.items)
        other.starts = None if self.starts is None else array("I", self.starts)
        other.full = None if self.full is None else set(self.full)
        other.live = self.live
        other.dead = None if self.dead is None else set(self.dead)
        other.size = self.size
        return other


_ONE_BYTE = [bytes((i,)) for i in range(256)]


# --- consumer groups -----------------------------------------------------------------------

class Nack:
    """A delivered, not yet acknowledged entry: who has it, since when, how many times."""

    __slots__ = ("consumer", "delivery_time", "delivery_count")

    def __init__(self, consumer, delivery_time: int, delivery_count: int = 1):
        self.consumer = consumer
        self.delivery_time = delivery_time
        self.delivery_count = delivery_count


class Consumer:
    __slots__ = ("name", "seen_time", "pel")

    def __init__(self, name: bytes, seen_time: int):
        self.name = name
        self.seen_time = seen_time
        self.pel = SortedDict()


class ConsumerGroup:
    __slots__ = ("last_id", "entries_read", "pel", "consumers")

    def __init__(self, last_id: tuple, entries_read: int = INVALID_READ):
        self.last_id = last_id
        self.entries_read = entries_read
        self.pel = SortedDict()
        self.consumers: dict = {}

    def consumer(self, name: bytes, now: int, refresh: bool = True):
        """(consumer, created): the named consumer, created if missing; its seen
        time restarts unless ``refresh`` is False (XPENDING and DELCONSUMER look
        without touching, as Redis does)."""
        consumer = self.consumers.get(name)
        if consumer is None:
            consumer = self.consumers[name] = Consumer(name, now)
            return consumer, True
        if refresh:
            consumer.seen_time = now
        return consumer, False

    def deliver(self, sid: tuple, consumer: Consumer, now: int) -> Nack:
        """Record a new delivery of ``sid`` to ``consumer`` (taking it from another)."""
        nack = self.pel.get(sid)
        if nack is None:
            nack = self.pel[sid] = Nack(consumer, now)
        else:
            del nack.consumer.pel[sid]
            nack.consumer = consumer
            nack.delivery_time = now
            nack.delivery_count = 1
        consumer.pel[sid] = nack
        return nack

    def assign(self, sid: tuple, nack: Nack, consumer: Consumer) -> None:
        """Move a pending entry to ``consumer`` (XCLAIM, XAUTOCLAIM)."""
        if nack.consumer is not consumer:
            if nack.consumer is not None:
                del nack.consumer.pel[sid]
            nack.consumer = consumer
            consumer.pel[sid] = nack

    def ack(self, sid: tuple) -> bool:
        nack = self.pel.pop(sid, None)
        if nack is None:
            return False
        del nack.consumer.pel[sid]
        return True

    def delete_consumer(self, name: bytes) -> int:
        """Remove a consumer and its pending entries; returns how many it had."""
        consumer = self.consumers.pop(name)
        for sid in consumer.pel:
            del self.pel[sid]
        return len(consumer.pel)

    def copy(self) -> "ConsumerGroup":
        other = ConsumerGroup(self.last_id, self.entries_read)
        for name, consumer in self.consumers.items():
            twin = other.consumers[name] = Consumer(name, consumer.seen_time)
            for sid, nack in consumer.pel.items():
                twin.pel[sid] = other.pel[sid] = Nack(twin, nack.delivery_time,
                                                      nack.delivery_count)
        return other


# --- the stream ----------------------------------------------------------------------------

class Stream:
    __slots__ = ("nodes", "masters", "length", "last_id", "first_id", "max_deleted_id",
                 "entries_added", "groups", "appends", "_rax_nodes")

    def __init__(self):
        self.nodes: list = []
        self.masters: list = []       # master ID of each node, for bisect
        self.length = 0
        self.last_id = MIN_ID
        self.first_id = MIN_ID
        self.max_deleted_id = MIN_ID
        self.entries_added = 0
        self.groups: dict = {}
        # Appends ever made (never reset by XSETID): blocked readers tell an
        # XADD from other writes with it, since only XADD wakes them in Redis.
        self.appends = 0
        self._rax_nodes = None    # cached rax_nodes(), dropped when a node comes or goes

    # --- adding --------------------------------------------------------------------------
    def append(self, sid: tuple, fv: list, max_bytes: int, max_entries: int) -> None:
        """Add an entry; ``sid`` is greater than ``last_id`` and ``fv`` a list we may keep."""
        nodes = self.nodes
        node = nodes[-1] if nodes else None
        if node is not None:
            if max_bytes <= 0 or max_bytes > _LISTPACK_MAX:
                max_bytes = _LISTPACK_MAX
            if node.lp_bytes() + sum(map(len, fv)) >= max_bytes or \
                    (max_entries > 0 and len(node.ms) >= max_entries):
                node = None
        if node is None:
            node = _Node(sid, fv[0::2])
            nodes.append(node)
            self.masters.append(sid)
            self._rax_nodes = None
        node.add(sid, fv)
        self.length += 1
        self.entries_added += 1
        self.appends += 1
        self.last_id = sid
        if self.length == 1:
            self.first_id = sid

    # --- reading -------------------------------------------------------------------------
    def range(self, start: tuple, end: tuple):
        """Live entries with start <= ID <= end, oldest first, as (id, fields)."""
        nodes = self.nodes
        if not nodes or start > end:
            return
        i = bisect_right(self.masters, start) - 1
        if i < 0:
            i = 0
        pos = nodes[i].find_ge(start)
        count = len(nodes)
        while i < count:
            node = nodes[i]
            ms, seq, dead, entry = node.ms, node.seq, node.dead, node.entry
            n = len(ms)
            while pos < n:
                sid = (ms[pos], seq[pos])
                if sid > end:
                    return
                if dead is None or pos not in dead:
                    yield sid, entry(pos)
                pos += 1
            i += 1
            pos = 0

    def revrange(self, end: tuple, start: tuple):
        """Live entries with start <= ID <= end, newest first, as (id, fields)."""
        nodes = self.nodes
        if not nodes or start > end:
            return
        i = bisect_right(self.masters, end) - 1
        if i < 0:
            return
        pos = nodes[i].find_gt(end) - 1
        while i >= 0:
            node = nodes[i]
            ms, seq, dead, entry = node.ms, node.seq, node.dead, node.entry
            while pos >= 0:
                sid = (ms[pos], seq[pos])
                if sid < start:
                    return
                if dead is None or pos not in dead:
                    yield sid, entry(pos)
                pos -= 1
            i -= 1
            if i >= 0:
                pos = len(nodes[i].ms) - 1

    def _locate(self, sid: tuple):
        """(node index, node, position) of the live entry ``sid``, or None."""
        i = bisect_right(self.masters, sid) - 1
        if i < 0:
            return None
        node = self.nodes[i]
        pos = node.find_ge(sid)
        if pos < len(node.ms) and node.ms[pos] == sid[0] and node.seq[pos] == sid[1] \
                and not node.is_dead(pos):
            return i, node, pos
        return None

    def get(self, sid: tuple):
        """The entry's flat field/value list, or None if there is no such live entry."""
        found = self._locate(sid)
        return None if found is None else found[1].entry(found[2])

    def first_valid_id(self):
        for node in self.nodes:
            for pos in range(len(node.ms)):
                if not node.is_dead(pos):
                    return node.ms[pos], node.seq[pos]
        return None

    def last_valid_id(self):
        for node in reversed(self.nodes):
            for pos in range(len(node.ms) - 1, -1, -1):
                if not node.is_dead(pos):
                    return node.ms[pos], node.seq[pos]
        return None

    # --- removing ------------------------------------------------------------------------
    def delete(self, sid: tuple) -> bool:
        """XDEL one entry: flag it; a node whose last live entry goes is dropped."""
        found = self._locate(sid)
        if found is None:
            return False
        i, node, pos = found
        node.kill(pos)
        self.length -= 1
        if node.live == 0:
            del self.nodes[i]
            del self.masters[i]
            self._rax_nodes = None
        return True

    def trim(self, maxlen=None, minid=None, approx: bool = False, limit: int = 0) -> int:
        """Remove the oldest entries down to ``maxlen`` entries or up to ``minid``.

        Whole nodes go first; ``approx`` stops at the first node that cannot
        go whole, and ``limit`` (0: none) caps the entries removed, counted
        node by node, as Redis does.  Returns the number of entries removed.
        """
        nodes = self.nodes
        removed = 0
        gone = 0            # whole nodes dropped from the front
        for node in nodes:
            if maxlen is not None and self.length <= maxlen:
                break
            entries = node.live
            if limit and removed + entries > limit:
                break
            if maxlen is not None:
                whole = self.length - entries >= maxlen
            else:
                # The node's last entry, deleted or not, decides (lpGetEdgeStreamID).
                whole = (node.ms[-1], node.seq[-1]) < minid
            if whole:
                gone += 1
                self.length -= entries
                removed += entries
                continue
            if approx:
                break
            ms, seq = node.ms, node.seq
            for pos in range(len(ms)):
                if maxlen is not None:
                    if self.length <= maxlen:
                        break
                elif (ms[pos], seq[pos]) >= minid:
                    break
                if not node.is_dead(pos):
                    node.kill(pos)
                    self.length -= 1
                    removed += 1
            break
        if gone:
            del nodes[:gone]
            del self.masters[:gone]
            self._rax_nodes = None
        if removed:
            self.first_id = self.first_valid_id() or MIN_ID
        return removed

    # --- consumer-group arithmetic (lag and entries-read) ---------------------------------
    def has_tombstones(self, start: tuple) -> bool:
        """Could a deleted entry lie at or after ``start``?  (Then counting reads is unsafe.)"""
        if not self.length or self.max_deleted_id == MIN_ID:
            return False
        if self.first_id > self.max_deleted_id:
            return False
        return start <= self.max_deleted_id

    def estimate_read(self, sid: tuple) -> int:
        """How many entries were ever added up to ``sid``, or INVALID_READ if unknowable."""
        if not self.entries_added:
            return 0
        if not self.length and sid <= self.last_id:
            return self.entries_added
        if sid == self.last_id:
            return self.entries_added
        if sid > self.last_id:
            return INVALID_READ
        if self.max_deleted_id == MIN_ID or self.max_deleted_id < self.first_id:
            if sid < self.first_id:
                return self.entries_added - self.length
            if sid == self.first_id:
                return self.entries_added - self.length + 1
        return INVALID_READ

    def group_lag(self, group: ConsumerGroup):
        """Entries not yet read by the group, or None when that cannot be known."""
        if not self.entries_added:
            return 0
        if group.entries_read != INVALID_READ and not self.has_tombstones(group.last_id):
            return self.entries_added - group.entries_read
        read = self.estimate_read(group.last_id)
        return None if read == INVALID_READ else self.entries_added - read

    def advance_group(self, group: ConsumerGroup, sid: tuple) -> None:
        """A ``>`` read delivered ``sid``: move the group's last ID and read counter."""
        if sid > group.last_id:
            if group.entries_read != INVALID_READ and not self.has_tombstones(sid):
                group.entries_read += 1
            elif self.entries_added:
                group.entries_read = self.estimate_read(sid)
            group.last_id = sid

    # --- introspection ---------------------------------------------------------------------
    def rax_nodes(self) -> int:
        """How many nodes Redis's radix tree would have for these node keys.

        The keys are the 16-byte big-endian master IDs.  In a compressed
        radix tree over keys of one length there is a node for the root,
        each key, each branching prefix and each prefix one byte past a
        branch; with the keys sorted, the branches are the common prefixes
        of neighbours.  A prefix is (length in bytes, its value).
        """
        if self._rax_nodes is not None:
            return self._rax_nodes
        keys = [(ms << 64) | seq for ms, seq in self.masters]
        seen = {(0, 0)}
        seen.update((16, key) for key in keys)
        for a, b in zip(keys, keys[1:]):
            common = (128 - (a ^ b).bit_length()) // 8
            seen.add((common, a >> (128 - 8 * common)))
            shift = 128 - 8 * (common + 1)
            seen.add((common + 1, a >> shift))
            seen.add((common + 1, b >> shift))
        self._rax_nodes = len(seen)
        return self._rax_nodes

    def __sizeof__(self) -> int:
        """Approximate bytes held (MEMORY USAGE): exact containers, values sampled."""
        size = object.__sizeof__(self) + sys.getsizeof(self.nodes) + sys.getsizeof(self.masters)
        sampled = items = 0
        for i, node in enumerate(self.nodes):
            size += (node.__sizeof__() + sys.getsizeof(node.ms) + sys.getsizeof(node.seq)
                     + sys.getsizeof(node.items) + 88)    # + the master ID tuple
            if node.starts is not None:
                size += sys.getsizeof(node.starts)
            items += len(node.items)
            if i < 4:
                sampled += sum(map(sys.getsizeof, node.items))
        if items:
            size += sampled * items // sum(len(n.items) for n in self.nodes[:4])
        for group in self.groups.values():
            size += 200 + 150 * len(group.pel) + 100 * len(group.consumers)
        return size

    def copy(self) -> "Stream":
        other = Stream()
        other.nodes = [node.copy() for node in self.nodes]
        other.masters = list(self.masters)
        other.length = self.length
        other.last_id = self.last_id
        other.first_id = self.first_id
        other.max_deleted_id = self.max_deleted_id
        other.entries_added = self.entries_added
        other.groups = {name: group.copy() for name, group in self.groups.items()}
        return other


register_type(Stream, b"stream", encoding=lambda value: b"stream", copy=Stream.copy)
