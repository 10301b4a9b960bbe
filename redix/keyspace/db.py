"""One logical database: keys, expiry times, access times, and the write-notification path.

Keys and values are ``bytes`` end to end.  Values are ``bytes`` (strings) or
the collection types registered in ``redix.types``.  ``expires`` maps key ->
absolute unix time in milliseconds, as Redis keeps it.

Lazy expiry: every read goes through ``lookup``/``peek``/``get_*``, which
delete a key whose time has passed before anyone can see it (as in Redis, a
key expires once the clock is past its time: at ``when + 1`` ms).  Active expiry:
a heap of (deadline, key) lets the server's cron reclaim keys nobody reads
again (``active_expire``), in bounded slices, without Redis's random sampling:
entries are popped in deadline order; stale entries (TTL changed since) are
skipped, and the heap is rebuilt when stale entries outnumber live ones.

Access times (OBJECT IDLETIME, and LRU eviction later): ``atime`` maps key ->
``clock``, a whole-seconds clock the cron advances (Redis's LRU clock has the
same one-second resolution).  Recording one is a single dict store of a
shared int; it happens in ``lookup`` (reads that count as access), in
``written`` (every write is an access) and in GET's fast path.  ``peek`` is
the no-touch lookup that TYPE, EXISTS, TTL and OBJECT use, as in Redis.

Every change to a key ends in ``written(key, event)``: it is the single place
that invalidates WATCH, wakes blocked clients, invalidates client-side caches
(``server.tracking``) and publishes keyspace events (``keyspace.events``), so
those features hang off one path instead of per-command calls.  Commands
name their Redis event there (``db.written(key, b"lpush")``); ``notify``
publishes an event with no change attached (RENAME's ``rename_from`` before
the destination's ``rename_to``).  Removing a key goes through ``delete``,
``emptied``, ``pop`` or ``evict`` (never ``del db.data[k]``): they notify
and also forget the key's access time and SCAN position.  ``set`` of an
absent key emits ``new``; a read that finds nothing reports ``keymiss``.
With notifications and tracking off all of this costs one int test
(``signals``, ``events``).

API: ``lookup``, ``lookup_write``, ``peek``, ``get_string``, ``get_typed``, ``exists``,
``size``, ``ttl_ms``, ``expire_at``, ``random_key``, ``scan``, ``set``,
``delete``, ``emptied``, ``pop``, ``evict``, ``set_expire``, ``persist``,
``written``, ``notify``, ``flush``, ``swap_with``, ``expire_cycle``,
``housekeeping``; module-level ``active_expire(dbs, seconds)``, ``now_ms``,
``clock_now``.
"""
from __future__ import annotations

import heapq
import random
import time

from redix.errors import WRONGTYPE, CommandError
from redix.keyspace import events as _events
from redix.keyspace.scan import ScanIndex


_KEY_MISS = _events.NOTIFY_KEY_MISS


def now_ms() -> int:
    return int(time.time() * 1000)


def clock_now() -> int:
    """The access clock's current value (whole seconds)."""
    return int(time.time())


class _Detached:
    """The server of a database used on its own (tests, tools): it counts, nothing listens."""
    __slots__ = ("dirty", "stat_expired_keys")

    def __init__(self):
        self.dirty = self.stat_expired_keys = 0

    def signal_key_ready(self, db, key) -> None:
        pass

    def key_expired(self, db, key) -> None:
        pass


class Database:
    __slots__ = ("id", "data", "expires", "_heap", "server", "watched", "blocked_keys",
                 "avg_ttl", "atime", "clock", "scan_index", "events", "signals")

    def __init__(self, db_id: int, server=None):
        self.id = db_id
        self.data: dict = {}
        self.expires: dict = {}
        self._heap: list = []
        self.server = server if server is not None else _Detached()
        # key -> list of clients WATCHing it (transactions), and key -> waiting clients.
        self.watched: dict = {}
        self.blocked_keys: dict = {}
        self.avg_ttl = 0
        self.atime: dict = {}
        self.clock = clock_now()
        self.scan_index = None       # built on first SCAN/RANDOMKEY (keyspace.scan)
        # Set by keyspace.events.refresh: keyspace-event classes to publish (0 when off),
        # and those plus client-side caching (what ``written`` must tell beyond WATCH).
        self.events = 0
        self.signals = 0

    # --- reading, with lazy expiry ------------------------------------------------
    def lookup(self, key: bytes):
        """The value at key, or None; an expired key is deleted first.  Counts as an access."""
        if self.expires:
            when = self.expires.get(key)
            if when is not None and when < now_ms():
                self._expire_now(key)
                if self.events:
                    self.missed(key)
                return None
        value = self.data.get(key)
        if value is not None:
            self.atime[key] = self.clock
        elif self.events:
            self.missed(key)
        return value

    def peek(self, key: bytes):
        """Like ``lookup`` (expired keys are deleted) but not an access: idle time keeps growing."""
        if self.expires:
            when = self.expires.get(key)
            if when is not None and when < now_ms():
                self._expire_now(key)
                if self.events:
                    self.missed(key)
                return None
        value = self.data.get(key)
        if value is None and self.events:
            self.missed(key)
        return value

    def lookup_write(self, key: bytes):
        """The value at a key a write is about to replace or remove, or None: expired keys
        are deleted, but a miss is no read (no keymiss) and no access is recorded (the
        write records one), as Redis's write lookups."""
        if self.expires:
            when = self.expires.get(key)
            if when is not None and when < now_ms():
                self._expire_now(key)
                return None
        return self.data.get(key)

    def get_typed(self, key: bytes, kind):
        """The value if it is of ``kind``, None if absent; WRONGTYPE otherwise."""
        value = self.lookup(key)
        if value is not None and type(value) is not kind:
            raise CommandError(WRONGTYPE)
        return value

    def get_string(self, key: bytes):
        value = self.lookup(key)
        if value is not None and type(value) is not bytes:
            raise CommandError(WRONGTYPE)
        return value

    def exists(self, key: bytes) -> bool:
        return self.peek(key) is not None

    def size(self) -> int:
        return len(self.data)

    def ttl_ms(self, key: bytes):
        """Milliseconds left, -1 without expiry, -2 for a missing key (not an access)."""
        if self.peek(key) is None:
            return -2
        when = self.expires.get(key)
        if when is None:
            return -1
        return max(when - now_ms(), 0)

    def expire_at(self, key: bytes):
        """The key's absolute expiry in ms, or None (no lookup: the caller has looked)."""
        return self.expires.get(key) if self.expires else None

    def idle_seconds(self, key: bytes) -> int:
        return max(0, self.clock - self.atime.get(key, self.clock))

    def random_key(self):
        """A random live key, or None.  Expired keys met on the way are reclaimed (as Redis
        does), so this ends: every miss shrinks the database."""
        if not self.data:
            return None
        while self.data:
            # Re-synced each round: the compaction there keeps reclaimed keys'
            # stale places from slowing the following picks.
            key = self._synced_index().random_key(random.randrange)
            if key is None or self.peek(key) is not None:
                return key
        return None

    def scan(self, cursor: int, count: int):
        """One SCAN step: (keys, next cursor); see ``keyspace.scan`` for the guarantee."""
        return self._synced_index().walk(cursor, count)

    def _synced_index(self) -> ScanIndex:
        index = self.scan_index
        if index is None:
            index = self.scan_index = ScanIndex()
        index.sync(self.data)
        return index

    # --- writing ----------------------------------------------------------------------
    def missed(self, key: bytes) -> None:
        """A read found no ``key`` (keymiss event, when enabled)."""
        if self.events & _KEY_MISS:
            _events.key_missed(self, key)

    def set(self, key: bytes, value, keep_ttl: bool = False) -> None:
        """Store value; drops any TTL unless keep_ttl.  Caller then calls ``written``.

        Storing an absent key emits ``new`` (before the caller's own event, as in Redis).
        """
        if self.events and key not in self.data:
            _events.publish(self, b"new", key)
        self.data[key] = value
        if not keep_ttl and self.expires:
            self.expires.pop(key, None)

    def delete(self, key: bytes) -> bool:
        """Remove key if present (an expired key counts as absent)."""
        if self.lookup_write(key) is None:
            return False
        del self.data[key]
        if self.expires:
            self.expires.pop(key, None)
        self._removed(key, b"del")
        return True

    def emptied(self, key: bytes, event: bytes) -> None:
        """A command took the last element of a collection: its ``event``, then ``del``."""
        if self.events:
            _events.publish(self, event, key)
        self.delete(key)

    def evict(self, key: bytes) -> None:
        """Remove a live key to free memory (maxmemory): the ``evicted`` event."""
        del self.data[key]
        if self.expires:
            self.expires.pop(key, None)
        self._removed(key, b"evicted")

    def pop(self, key: bytes):
        """Remove a key known to be live; returns (value, absolute expiry ms or None).

        For RENAME and MOVE, which put the value back elsewhere with its TTL.
        """
        value = self.data.pop(key)
        when = self.expires.pop(key, None) if self.expires else None
        self._removed(key)
        return value, when

    def _removed(self, key: bytes, event=None) -> None:
        self.written(key, event)
        # After ``written``, which records an access for every write.
        self.atime.pop(key, None)
        if self.scan_index is not None:
            self.scan_index.remove(key)

    def set_expire(self, key: bytes, when_ms: int) -> None:
        self.expires[key] = when_ms
        heapq.heappush(self._heap, (when_ms, key))
        if len(self._heap) > 2 * len(self.expires) + 1024:
            self._rebuild_heap()

    def persist(self, key: bytes) -> bool:
        return self.expires.pop(key, None) is not None

    def written(self, key: bytes, event=None) -> None:
        """The one notification point for a changed key (WATCH, blocking, client-side
        caching, and the keyspace event ``event`` Redis emits for the change)."""
        self.atime[key] = self.clock
        if self.watched:
            clients = self.watched.get(key)
            if clients:
                for client in clients:
                    client.dirty_cas = True
        # No "server is None" test here: a database on its own has a stand-in (_Detached).
        self.server.dirty += 1
        if self.blocked_keys and key in self.blocked_keys:
            self.server.signal_key_ready(self, key)
        if self.signals:
            _events.signal(self, key, event)

    def notify(self, event: bytes, key: bytes) -> None:
        """Publish a keyspace event that goes with no change of its own."""
        if self.events:
            _events.publish(self, event, key)

    def flush(self) -> int:
        """Empty the database; returns how many keys it held.

        Like Redis, a WATCHed key is invalidated only if it existed; clients
        blocked on a key that existed are offered it (gone: an XREADGROUP
        waiter stops with an error, the others keep waiting).
        """
        self._invalidate_watchers(self.data, self.data)
        self._offer_blocked(self.data, self.data)
        removed = len(self.data)
        self.data = {}
        self.expires = {}
        self._heap = []
        self.atime = {}
        self.scan_index = None
        return removed

    def swap_with(self, other: "Database") -> None:
        """SWAPDB: exchange contents, keeping each index's watchers and blocked clients.

        Watchers of a key that exists on either side are invalidated, and
        clients blocked on such a key are offered it (to be served if it now
        holds something, or, for XREADGROUP, told it is gone).
        """
        self._invalidate_watchers(self.data, other.data)
        other._invalidate_watchers(self.data, other.data)
        self.data, other.data = other.data, self.data
        self.expires, other.expires = other.expires, self.expires
        self._heap, other._heap = other._heap, self._heap
        self.atime, other.atime = other.atime, self.atime
        self.scan_index, other.scan_index = other.scan_index, self.scan_index
        self._offer_blocked(self.data, other.data)
        other._offer_blocked(self.data, other.data)

    def _offer_blocked(self, first: dict, second: dict) -> None:
        """Signal the blocked keys present in either dict (before or after a swap or flush)."""
        if self.blocked_keys:
            for key in self.blocked_keys:
                if key in first or key in second:
                    self.server.signal_key_ready(self, key)

    def _invalidate_watchers(self, first: dict, second: dict) -> None:
        for key, clients in self.watched.items():
            if key in first or key in second:
                for client in clients:
                    client.dirty_cas = True

    # --- expiry --------------------------------------------------------------------------
    def _expire_now(self, key: bytes) -> None:
        del self.data[key]
        del self.expires[key]
        self.server.stat_expired_keys += 1
        self.server.key_expired(self, key)
        self._removed(key, b"expired")

    def _rebuild_heap(self) -> None:
        self._heap = [(when, key) for key, when in self.expires.items()]
        heapq.heapify(self._heap)

    def expire_cycle(self, budget: int) -> int:
        """Reclaim up to ``budget`` due keys; returns how many heap entries were examined."""
        heap, expires = self._heap, self.expires
        now = now_ms()
        examined = 0
        while heap and examined < budget and heap[0][0] < now:
            when, key = heapq.heappop(heap)
            examined += 1
            if expires.get(key) == when:
                self._expire_now(key)
        if not expires and heap:
            heap.clear()
        return examined

    def housekeeping(self, clock: int) -> None:
        """Cron: advance the access clock; drop access times of keys removed behind our back."""
        self.clock = clock
        atime = self.atime
        if len(atime) > 2 * len(self.data) + 1024:
            data = self.data
            self.atime = {k: t for k, t in atime.items() if k in data}


# Slices of the heap examined per database per round; rounds continue while
# some database still has due keys and the cycle's time budget lasts.
_EXPIRE_CHUNK = 256


def active_expire(dbs, seconds: float) -> int:
    """One active-expiry cycle over ``dbs``: reclaim due keys for at most ``seconds``.

    Databases are served round-robin, one chunk each per round, so one huge
    backlog cannot starve the others; the time bound keeps the server
    responsive while a backlog drains over several cycles.  Returns heap
    entries examined.
    """
    deadline = time.perf_counter() + seconds
    pending = [db for db in dbs if db.expires]
    examined = 0
    while pending:
        due = []
        for db in pending:
            n = db.expire_cycle(_EXPIRE_CHUNK)
            examined += n
            if n == _EXPIRE_CHUNK:
                due.append(db)
        if time.perf_counter() >= deadline:
            break
        pending = due
    return examined
