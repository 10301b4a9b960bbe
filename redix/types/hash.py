"""Hashes: the value behind HSET and friends (data structure only: no RESP, no commands).

``HashValue.data`` is a plain dict, field -> value, both ``bytes``.  A dict
iterates in insertion order, updates a field in place and closes the gap on
deletion: exactly the order of a Redis listpack.  So replies that list a
small hash (HGETALL, HKEYS, HVALS, HSCAN, HRANDFIELD with a count covering the
hash) match Redis byte for byte.  Redis's big hashes are hash tables, whose
order no client can rely on.

Encoding (OBJECT ENCODING): ``listpack`` until the hash holds more than
hash-max-listpack-entries fields, or a field or value longer than
hash-max-listpack-value bytes is written into it; ``hashtable`` from then on
(one-way, as in Redis, until the key is deleted).  The command layer reads
those settings and calls ``fit``; this module knows no configuration.

Random access (HRANDFIELD): a dict cannot be indexed.  A listpack hash (a few
hundred fields at most) is sampled from a fresh ``list(data)``, O(N) as a
listpack walk is in Redis.  A hashtable hash builds, on its first random
access, an index: ``fields`` (a list) and ``pos`` (field -> its place in
``fields``); from then on every change keeps it current (appends, and
swap-with-last on removal), so a pick is O(1) and ``count`` distinct fields
cost O(count).  Hashes never sampled pay nothing for it.

HSCAN: a listpack hash is returned whole by one call (the reply cursor is 0),
as Redis does.  A hashtable hash gets the stateless cursors of
``keyspace.scan.ScanIndex`` over ``data`` (built on its first HSCAN): the
same scheme, and the same guarantee, as SCAN over a database.  Every removal
goes through ``delete``, which is what that index relies on.
"""
from __future__ import annotations

import random

from redix.keyspace.scan import ScanIndex
from redix.types import register_type


class HashValue:
    __slots__ = ("data", "listpack", "fields", "pos", "scan_index")

    def __init__(self, data=None, listpack: bool = True):
        self.data: dict = {} if data is None else data
        self.listpack = listpack
        self.fields = None           # random-access index (hashtable only), see module doc
        self.pos = None
        self.scan_index = None       # HSCAN cursors (hashtable only)

    def __len__(self) -> int:
        return len(self.data)

    def copy(self) -> HashValue:
        return HashValue(dict(self.data), self.listpack)

    # --- writing -------------------------------------------------------------------
    def set(self, field: bytes, value: bytes) -> bool:
        """Store ``value`` at ``field``; True if the field is new."""
        data = self.data
        if field in data:
            data[field] = value
            return False
        data[field] = value
        if self.pos is not None:
            self.pos[field] = len(self.fields)
            self.fields.append(field)
        return True

    def set_pairs(self, args, start: int) -> int:
        """Store ``args[start:]`` as field, value pairs; returns how many fields are new."""
        data = self.data
        if self.pos is None:
            before = len(data)
            if len(args) - start == 2:
                data[args[start]] = args[start + 1]
            else:
                data.update(zip(args[start::2], args[start + 1::2]))
            return len(data) - before
        added = 0
        for i in range(start, len(args), 2):
            added += self.set(args[i], args[i + 1])
        return added

    def delete(self, field: bytes) -> bool:
        data = self.data
        if field not in data:
            return False
        del data[field]
        pos = self.pos
        if pos is not None:
            fields = self.fields
            i = pos.pop(field)
            last = fields.pop()
            if i < len(fields):
                fields[i] = last
                pos[last] = i
        if self.scan_index is not None:
            self.scan_index.remove(field)
        return True

    def fit(self, max_entries: int, max_value: int, written=()) -> None:
        """Become a hashtable if the listpack limits are passed (``written``: what was
        just stored, fields and values)."""
        if self.listpack and (len(self.data) > max_entries
                              or any(len(item) > max_value for item in written)):
            self.listpack = False

    # --- random access ---------------------------------------------------------------
    def _indexed(self) -> list:
        """The fields as a list to pick from by position (see the module doc)."""
        if self.listpack:
            return list(self.data)
        if self.fields is None:
            self.fields = list(self.data)
            self.pos = dict(zip(self.fields, range(len(self.fields))))
        return self.fields

    def random_field(self) -> bytes:
        fields = self._indexed()
        return fields[random.randrange(len(fields))]

    def random_fields(self, count: int) -> list:
        """``count`` fields picked independently (repeats possible): O(count)."""
        return random.choices(self._indexed(), k=count)

    def sample(self, count: int) -> list:
        """``count`` distinct random fields, ``count < len(self)``.

        A listpack hash gives them in its own order, as Redis's listpack
        sampling does; a hashtable hash in random order, in O(count).
        """
        fields = self._indexed()
        picks = random.sample(range(len(fields)), count)
        if self.listpack:
            picks.sort()
        return [fields[i] for i in picks]

    # --- HSCAN -------------------------------------------------------------------------
    def scan(self, cursor: int, count: int):
        """One HSCAN step over a hashtable hash: (fields, next cursor)."""
        index = self.scan_index
        if index is None:
            index = self.scan_index = ScanIndex()
        index.sync(self.data)
        return index.walk(cursor, count)


def _encoding(value: HashValue) -> bytes:
    return b"listpack" if value.listpack else b"hashtable"


register_type(HashValue, b"hash", _encoding, HashValue.copy)
