"""The list type: a ``deque`` of ``bytes`` with O(1) pushes and pops at both ends.

``ListValue`` subclasses ``collections.deque`` (no per-instance dict), so
LPUSH/RPUSH/LPOP/RPOP are the deque's own C methods.  Access by index walks
from the nearer end in 64-element blocks (LINDEX/LSET near either end are
cheap), and ``span`` reads a range starting from whichever end is nearer, so
``LRANGE key -10 -1`` on a long list costs what Redis's does: the distance
to the range plus its length.

Encoding: Redis 7.0 stores every list as a quicklist (a linked list of
listpack nodes bounded by ``list-max-listpack-size``) and OBJECT ENCODING
answers ``quicklist`` for a list of any size or setting, checked against
redis-server 7.0.15 (the plain ``listpack`` encoding for small lists came
with Redis 7.2).  So the encoding here is a constant, and nothing to
convert.

Removal of an emptied list is the command layer's job (a key never holds an
empty list), as is ``Database.written``.

API: ``ListValue(iterable)``, the deque methods, ``span(start, stop)``,
``trim(start, stop)``, ``remove_matching(value, count)``, ``copy()``.
"""
from __future__ import annotations

from collections import deque
from itertools import islice, repeat

from redix.types import register_type


class ListValue(deque):
    """A Redis list: bytes elements, head on the left."""

    __slots__ = ()

    def span(self, start: int, stop: int) -> list:
        """Elements ``start..stop`` inclusive (``0 <= start <= stop < len``), head first."""
        behind = len(self) - 1 - stop
        if start <= behind:
            return list(islice(self, start, stop + 1))
        out = list(islice(reversed(self), behind, len(self) - start))
        out.reverse()
        return out

    def trim(self, start: int, stop: int) -> None:
        """Keep only ``start..stop`` inclusive (``0 <= start <= stop < len``)."""
        keep = stop - start + 1
        if len(self) - keep > keep:
            # Mostly dropped: copying what stays beats popping one by one.
            kept = self.span(start, stop)
            self.clear()
            self.extend(kept)
            return
        pop_left, pop_right = self.popleft, self.pop
        for _ in repeat(None, len(self) - 1 - stop):
            pop_right()
        for _ in repeat(None, start):
            pop_left()

    def remove_matching(self, value: bytes, count: int) -> int:
        """LREM: drop up to ``count`` elements equal to value (from the tail when
        negative, all when 0); returns how many went."""
        if count == 0:
            kept = [item for item in self if item != value]
            removed = len(self) - len(kept)
            if removed:
                self.clear()
                self.extend(kept)
            return removed
        if count > 0:
            kept, removed = self._drop_first(iter(self), value, count)
        else:
            kept, removed = self._drop_first(reversed(self), value, -count)
            kept.reverse()
        if removed:
            self.clear()
            self.extend(kept)
        return removed

    @staticmethod
    def _drop_first(items, value: bytes, limit: int):
        kept: list = []
        removed = 0
        for item in items:
            if item == value:
                removed += 1
                if removed == limit:
                    kept.extend(items)    # the rest of the same iterator
                    break
            else:
                kept.append(item)
        return kept, removed

    def copy(self) -> "ListValue":
        return ListValue(self)


def _encoding(value: ListValue) -> bytes:
    return b"quicklist"


register_type(ListValue, b"list", _encoding, ListValue.copy)
