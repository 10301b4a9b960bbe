"""Sets: the value behind SADD and friends (data structure only: no RESP, no commands).

A ``SetValue`` keeps its members twice, so that every operation Redis does in
O(1) is O(1) here too, random picks included:

- ``items``, a list of the members, for picking by position;
- ``members``, a dict member -> its position in ``items``, for membership.

Adding appends to both; removing moves the last item into the hole (and
updates its position).  So SPOP and SRANDMEMBER cost O(1) per member
returned, and ``count`` distinct members cost O(count) (``random.sample`` of
positions), whatever the size of the set.  The price is memory: the list, and
a position per member.  Set algebra (SINTER, SUNION, SDIFF) runs on the
dicts' key views, in C.

Encoding (OBJECT ENCODING), as in Redis 7.0 (7.2 added listpack sets; 7.0
has none): ``intset`` while every member is an integer in string2ll's
canonical form and there are at most set-max-intset-entries of them, else
``hashtable``.  The change is one-way, with one exception Redis has too: SPOP
with a count that leaves at most a fifth of what it pops rebuilds the set
from the survivors, which may make it an intset again.

Order: Redis keeps an intset sorted, so every reply that lists one
(SMEMBERS, SSCAN, SINTER over it, SUNION/SDIFF results that are intsets) is
in ascending numeric order; ``ordered()`` gives that.  A hashtable's order is
arbitrary in Redis; here it is the order members were first added.

SSCAN: an intset is returned whole by one call (cursor 0), as Redis does; a
hashtable set gets the stateless cursors of ``keyspace.scan.ScanIndex`` over
``members`` (its insertion order is what that index relies on; every removal
goes through ``remove``, which tells the index).
"""
from __future__ import annotations

import random

from redix.keyspace.scan import ScanIndex
from redix.types import is_int64, register_type

# SPOP rebuilds the set from the survivors when remaining * this <= count.
_SPOP_REBUILD_RATIO = 5


class SetValue:
    __slots__ = ("members", "items", "intset", "scan_index")

    def __init__(self):
        self.members: dict = {}
        self.items: list = []
        self.intset = True
        self.scan_index = None

    @classmethod
    def from_members(cls, members, max_intset: int) -> SetValue:
        """A new set of ``members`` (distinct), encoded as a fresh SADD would make it."""
        value = cls()
        items = value.items = list(members)
        value.members = dict(zip(items, range(len(items))))
        value.intset = would_be_intset(items, max_intset)
        return value

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, member) -> bool:
        return member in self.members

    def __iter__(self):
        """Members in Redis's listing order (ZUNION and friends take sets as inputs)."""
        return iter(self.ordered())

    def copy(self) -> SetValue:
        value = SetValue()
        value.members = dict(self.members)
        value.items = list(self.items)
        value.intset = self.intset
        return value

    def ordered(self) -> list:
        """The members in the order Redis would list them (see the module doc)."""
        if self.intset:
            return sorted(self.items, key=int)
        return list(self.members)

    # --- writing -------------------------------------------------------------------
    def add(self, member: bytes, max_intset: int) -> bool:
        members = self.members
        if member in members:
            return False
        items = self.items
        members[member] = len(items)
        items.append(member)
        if self.intset and (len(items) > max_intset or not is_int64(member)):
            self.intset = False
        return True

    def add_all(self, new, max_intset: int) -> int:
        """Add each of ``new``; returns how many were not members yet."""
        members, items = self.members, self.items
        before = len(items)
        for member in new:
            if member not in members:
                members[member] = len(items)
                items.append(member)
        added = len(items) - before
        if added and self.intset and (len(items) > max_intset
                                      or not all(map(is_int64, items[before:]))):
            self.intset = False
        return added

    def remove(self, member: bytes) -> bool:
        members = self.members
        i = members.pop(member, None)
        if i is None:
            return False
        items = self.items
        last = items.pop()
        if i < len(items):
            items[i] = last
            members[last] = i
        if self.scan_index is not None:
            self.scan_index.remove(member)
        return True

    def pop_random(self) -> bytes:
        member = self.items[random.randrange(len(self.items))]
        self.remove(member)
        return member

    def pop_many(self, count: int, max_intset: int) -> list:
        """Remove and return ``count`` distinct random members, ``count < len(self)``."""
        popped = self.sample(count)
        for member in popped:
            self.remove(member)
        if not self.intset and len(self.items) * _SPOP_REBUILD_RATIO <= count:
            self.intset = would_be_intset(self.items, max_intset)
        return popped

    # --- random access -----------------------------------------------------------------
    def random_member(self) -> bytes:
        return self.items[random.randrange(len(self.items))]

    def random_members(self, count: int) -> list:
        """``count`` members picked independently (repeats possible): O(count)."""
        return random.choices(self.items, k=count)

    def sample(self, count: int) -> list:
        """``count`` distinct random members, in random order: O(count)."""
        items = self.items
        return [items[i] for i in random.sample(range(len(items)), count)]

    # --- SSCAN ---------------------------------------------------------------------------
    def scan(self, cursor: int, count: int):
        """One SSCAN step over a hashtable set: (members, next cursor)."""
        index = self.scan_index
        if index is None:
            index = self.scan_index = ScanIndex()
        index.sync(self.members)
        return index.walk(cursor, count)


def would_be_intset(members, max_intset: int) -> bool:
    """Whether a new set of ``members`` (distinct) would be an intset."""
    return len(members) <= max_intset and all(map(is_int64, members))


def _encoding(value: SetValue) -> bytes:
    return b"intset" if value.intset else b"hashtable"


register_type(SetValue, b"set", _encoding, SetValue.copy)
