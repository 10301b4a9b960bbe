"""One logical database: keys, expiry times, and the write-notification path.

Keys and values are ``bytes`` end to end.  Values are ``bytes`` (strings) or
the collection types in ``redix.types``.  ``expires`` maps key -> absolute
unix time in milliseconds, as Redis keeps it.

Lazy expiry: every read goes through ``lookup``/``get_*``, which deletes a key
whose time has passed before anyone can see it.  Active expiry: a heap of
(deadline, key) lets the server's cron reclaim keys nobody reads again, in
bounded slices (``expire_cycle``), without Redis's random sampling: entries
are popped in deadline order; stale entries (TTL changed since) are skipped.

Every change to a key ends in ``written(key)``: it is the single place that
invalidates WATCH, wakes blocked clients and feeds keyspace events, so those
features hang off one path instead of per-command calls.

API: ``lookup``, ``get_string``, ``get_typed``, ``set``, ``delete``,
``set_expire``, ``persist``, ``ttl_ms``, ``written``, ``expire_cycle``,
``flush``, ``random_key``, ``size``.
"""
from __future__ import annotations

import heapq
import random
import time

from redix.errors import WRONGTYPE, CommandError


def now_ms() -> int:
    return int(time.time() * 1000)


class Database:
    __slots__ = ("id", "data", "expires", "_heap", "server", "watched", "blocked_keys",
                 "avg_ttl")

    def __init__(self, db_id: int, server=None):
        self.id = db_id
        self.data: dict = {}
        self.expires: dict = {}
        self._heap: list = []
        self.server = server
        # key -> list of clients WATCHing it (transactions), and key -> waiting clients.
        self.watched: dict = {}
        self.blocked_keys: dict = {}
        self.avg_ttl = 0

    # --- reading, with lazy expiry ------------------------------------------------
    def lookup(self, key: bytes):
        """The value at key, or None; an expired key is deleted first."""
        if self.expires:
            when = self.expires.get(key)
            if when is not None and when <= now_ms():
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
        return self.lookup(key) is not None

    def size(self) -> int:
        return len(self.data)

    def ttl_ms(self, key: bytes):
        """Milliseconds left, -1 without expiry, -2 for a missing key."""
        if self.lookup(key) is None:
            return -2
        when = self.expires.get(key)
        if when is None:
            return -1
        return max(when - now_ms(), 0)

    def random_key(self):
        """A random live key (skipping expired ones, like Redis, with bounded tries)."""
        for _ in range(100):
            if not self.data:
                return None
            # dict views can't be indexed; islice to a random offset is O(n) but
            # RANDOMKEY is rare and Redis's own is O(1) only on average too.
            key = next(iter(self.data)) if len(self.data) == 1 else \
                _nth_key(self.data, random.randrange(len(self.data)))
            if self.lookup(key) is not None:
                return key
        return None

    # --- writing ----------------------------------------------------------------------
    def set(self, key: bytes, value, keep_ttl: bool = False) -> None:
        """Store value; drops any TTL unless keep_ttl.  Caller then calls ``written``."""
        self.data[key] = value
        if not keep_ttl and self.expires:
            self.expires.pop(key, None)

    def delete(self, key: bytes) -> bool:
        """Remove key if present (an expired key counts as absent)."""
        if self.lookup(key) is None:
            return False
        del self.data[key]
        if self.expires:
            self.expires.pop(key, None)
        self.written(key)
        return True

    def set_expire(self, key: bytes, when_ms: int) -> None:
        self.expires[key] = when_ms
        heapq.heappush(self._heap, (when_ms, key))
        if len(self._heap) > 2 * len(self.expires) + 1024:
            self._rebuild_heap()

    def persist(self, key: bytes) -> bool:
        return self.expires.pop(key, None) is not None

    def written(self, key: bytes) -> None:
        """The one notification point for a changed key (WATCH, blocking, events)."""
        if self.watched:
            clients = self.watched.get(key)
            if clients:
                for client in clients:
                    client.dirty_cas = True
        if self.server is not None:
            self.server.dirty += 1
            if self.blocked_keys and key in self.blocked_keys:
                self.server.signal_key_ready(self, key)

    def flush(self) -> None:
        for key in self.watched:
            for client in self.watched[key]:
                if key in self.data:
                    client.dirty_cas = True
        self.data.clear()
        self.expires.clear()
        self._heap.clear()

    def swap_with(self, other: "Database") -> None:
        """SWAPDB: exchange contents; watchers of keys on either side are invalidated."""
        for db in (self, other):
            for key, clients in db.watched.items():
                if key in self.data or key in other.data:
                    for client in clients:
                        client.dirty_cas = True
        self.data, other.data = other.data, self.data
        self.expires, other.expires = other.expires, self.expires
        self._heap, other._heap = other._heap, self._heap

    # --- expiry --------------------------------------------------------------------------
    def _expire_now(self, key: bytes) -> None:
        del self.data[key]
        del self.expires[key]
        if self.server is not None:
            self.server.stat_expired_keys += 1
            self.server.key_expired(self, key)
        self.written(key)

    def _rebuild_heap(self) -> None:
        self._heap = [(when, key) for key, when in self.expires.items()]
        heapq.heapify(self._heap)

    def expire_cycle(self, budget: int) -> int:
        """Reclaim up to ``budget`` due keys; returns how many heap entries were examined."""
        heap, expires = self._heap, self.expires
        now = now_ms()
        examined = 0
        while heap and examined < budget and heap[0][0] <= now:
            when, key = heapq.heappop(heap)
            examined += 1
            if expires.get(key) == when:
                self._expire_now(key)
        if not expires and heap:
            heap.clear()
        return examined


def _nth_key(mapping: dict, n: int):
    for i, key in enumerate(mapping):
        if i == n:
            return key
    return None
