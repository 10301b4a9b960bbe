"""Stateless SCAN cursors over a database's plain ``dict``.

SCAN promises: a full iteration returns every key present from its first
call to its last, even while other keys come and go; it ends as long as the
database does not grow without bound (even under heavy churn); cursors are
opaque unsigned integers a client may hold as long as it likes; nothing is
kept per iteration.  Redis gets this from reverse-binary cursors over its own
hash table's buckets.  A Python dict hides its buckets, so Redix orders keys
by a fixed 63-bit hash instead and the cursor is a position in that hash
space: "continue with the first key whose hash is at least ``cursor - 1``"
(0 starts and ends an iteration).

Why this keeps the promises:

- a key present throughout has one fixed hash, the cursor only moves
  forward, and every call returns *all* keys between its start and the next
  cursor (keys sharing a hash are never split across calls), so the key is
  returned, exactly once;
- the space walked is fixed (2**63), not numbered by insertions, so an
  iteration over a database of bounded size finishes however fast keys are
  replaced: new keys land at random places, about half of them behind the
  cursor (Redis has the same property; numbering keys by insertion would
  not, and never ends if keys are added faster than COUNT per call).

The hash is Python's own ``hash(bytes)`` (SipHash, randomised per process and
cached on each key object, so free to read); cursors do not survive a
restart.

``ScanIndex`` keeps the distinct hashes in a ``SortedList`` of ints (cheap to
compare) and ``buckets: hash -> key`` (a ``_Shared`` list in the
astronomically rare case of keys sharing a hash).  Nothing runs on the
SET/GET path: new keys are indexed lazily, when SCAN (or RANDOMKEY) next
looks.  A dict iterates in insertion order, so keys not yet indexed are
exactly the last ``len(data) - count`` keys of ``reversed(data)``, provided
every removal goes through ``Database`` (which calls ``remove``).  A removal
behind its back is caught by the boundary check in ``sync`` and repaired by
a full ``_rebuild``.

Cost: a SCAN call is O(COUNT + log N), plus O(log N) per key added since the
previous call (the first call on a database sorts all its keys: about half
a second per million); removing a key is O(1) once the index exists (its
hash goes stale and is squeezed out at a later sync); memory is about 90
bytes per key, and only in databases where SCAN or RANDOMKEY has been used.
"""
from __future__ import annotations

from itertools import islice

from sortedcontainers import SortedList

_MASK64 = (1 << 64) - 1


def key_hash(key: bytes) -> int:
    """The key's fixed place in [0, 2**63)."""
    return (hash(key) & _MASK64) >> 1


class _Shared(list):
    """The keys of one hash value, when more than one key has it."""
    __slots__ = ()


class ScanIndex:
    __slots__ = ("hashes", "buckets", "count", "stale")

    def __init__(self):
        self.hashes = SortedList()       # key_hash values, each once (some may be stale)
        self.buckets: dict = {}          # hash -> key, or _Shared([key, ...])
        self.count = 0                   # keys indexed
        # Hashes still in ``hashes`` whose keys are gone: removal is a dict
        # operation, and the sorted list is compacted at the next sync.
        self.stale: set = set()

    def __len__(self) -> int:
        return self.count

    def _has(self, h: int, key) -> bool:
        bucket = self.buckets.get(h)
        if type(bucket) is _Shared:
            return key in bucket
        return bucket is not None and bucket == key

    def _add(self, h: int, key) -> bool:
        """Index key; True if ``h`` must be added to ``hashes``."""
        self.count += 1
        bucket = self.buckets.get(h)
        if bucket is None:
            self.buckets[h] = key
            if h in self.stale:
                self.stale.discard(h)
                return False
            return True
        if type(bucket) is _Shared:
            bucket.append(key)
        else:
            self.buckets[h] = _Shared((bucket, key))
        return False

    def remove(self, key) -> None:
        """The key left the database (``Database`` calls this)."""
        h = key_hash(key)
        bucket = self.buckets.get(h)
        if type(bucket) is _Shared:
            if key in bucket:
                bucket.remove(key)
                self.count -= 1
                if len(bucket) == 1:
                    self.buckets[h] = bucket[0]
        elif bucket is not None and bucket == key:
            del self.buckets[h]
            self.stale.add(h)
            self.count -= 1

    def sync(self, data: dict) -> None:
        """Index the keys added to ``data`` since the last call."""
        new = len(data) - self.count
        if new < 0 or (self.count == 0 and new):
            return self._rebuild(data)
        tail = list(islice(reversed(data), new + 1))
        if len(tail) > new and not self._has(key_hash(tail[new]), tail[new]):
            return self._rebuild(data)
        fresh = []
        for key in tail[:new]:
            h = key_hash(key)
            if self._has(h, key):
                return self._rebuild(data)
            if self._add(h, key):
                fresh.append(h)
        self.hashes.update(fresh)
        if len(self.stale) > 64 and len(self.stale) > self.count:
            self.hashes = SortedList(self.buckets)
            self.stale = set()

    def _rebuild(self, data: dict) -> None:
        """Index ``data`` from scratch (places are fixed hashes: nothing is renumbered)."""
        keys = list(data)
        hashes = list(map(key_hash, keys))
        self.buckets = dict(zip(hashes, keys))
        self.count = len(keys)
        self.stale = set()
        if len(self.buckets) != len(keys):         # keys sharing a hash: index them one by one
            self.buckets = {}
            self.count = 0
            for h, key in zip(hashes, keys):
                self._add(h, key)
        self.hashes = SortedList(self.buckets)

    def walk(self, cursor: int, count: int):
        """About ``count`` keys from ``cursor`` on, and the cursor to continue from (0: done).

        Like Redis, at most ``10 * count`` places are visited per call, so a
        run of stale hashes cannot make one call expensive.
        """
        hashes, buckets = self.hashes, self.buckets
        i = hashes.bisect_left(cursor - 1) if cursor else 0
        end = len(hashes)
        keys: list = []
        found = 0
        for h in hashes.islice(i, min(end, i + 10 * count)):
            i += 1
            bucket = buckets.get(h)
            if bucket is None:
                continue
            if type(bucket) is _Shared:
                keys.extend(bucket)
            else:
                keys.append(bucket)
            found += 1
            if found == count:
                break
        return keys, (hashes[i] + 1 if i < end else 0)

    def random_key(self, rand):
        """A random indexed key (``rand(n)`` gives an int in [0, n)), or None."""
        hashes, buckets = self.hashes, self.buckets
        if not buckets:
            return None
        while True:
            bucket = buckets.get(hashes[rand(len(hashes))])
            if bucket is not None:
                return bucket[rand(len(bucket))] if type(bucket) is _Shared else bucket
