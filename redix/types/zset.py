"""The sorted set: members with double scores, ordered by (score, member).

``ZSet`` keeps two views of the same data, as Redis's skiplist encoding does:

- ``scores``: a ``dict`` member -> score, for O(1) ZSCORE and membership;
- ``order``: a ``sortedcontainers.SortedList`` of ``(score, member)``
  tuples, so insert, delete, rank and the start of a range are O(log n) and
  walking a range costs O(log n + k).  Ties in score sort by member bytes,
  which is exactly Redis's order (memcmp, shorter first).

Redis stores small sorted sets as a listpack and large ones as a skiplist;
Redix keeps one structure but remembers which of the two Redis would be
using (``listpack``), because it shows: OBJECT ENCODING, ZSCAN (a listpack
is returned whole, in order, in one call), lex ranges over mixed scores (see
``lex_span``) and negative zero (a listpack stores scores as text, and
``-0`` comes back as ``0``).  The switch is one-way, as in Redis: more than
``zset-max-listpack-entries`` members or a member longer than
``zset-max-listpack-value`` bytes makes it a skiplist until the key is gone.
Callers pass those two limits in; this module reads no configuration.

Every removal goes through ``remove``/``pop_range`` so that a ZSCAN index
(``redix.keyspace.scan.ScanIndex`` over ``scores``, built on first use for a
skiplist-encoded set) hears about it.

API: ``ZSet()``, ``len``, ``scores``, ``order``, ``listpack``, ``insert``,
``update``, ``remove``, ``rank``, ``score_span``, ``lex_span``, ``lex_page``,
``pop_range``, ``copy``, ``from_pairs``, ``from_inserts``; lex bounds ``LEX_MIN``/``LEX_MAX``.
"""
from __future__ import annotations

from sortedcontainers import SortedList

from redix.types import register_type


class _Top:
    """Sorts after every member: ``(score, TOP)`` follows all pairs with that score."""
    __slots__ = ()

    def __lt__(self, other):
        return False

    def __gt__(self, other):
        return True

    def __eq__(self, other):
        return other is self

    __hash__ = object.__hash__


TOP = _Top()

# A lex range bound is ``(kind, value, exclusive)``: kind -1 is '-' (below every
# member), 1 is '+' (above every member), 0 a real string bound.
LEX_MIN = (-1, b"", False)
LEX_MAX = (1, b"", False)


def _gte_min(member: bytes, bound) -> bool:
    kind, value, exclusive = bound
    if kind:
        return kind < 0
    return member > value if exclusive else member >= value


def _lte_max(member: bytes, bound) -> bool:
    kind, value, exclusive = bound
    if kind:
        return kind > 0
    return member < value if exclusive else member <= value


def lex_range_empty(low, high) -> bool:
    """True when no string can lie in the range (min above max, or equal and exclusive)."""
    if low[0] != high[0]:
        return low[0] > high[0]
    if low[0]:
        return False
    return low[1] > high[1] or (low[1] == high[1] and (low[2] or high[2]))


class ZSet:
    __slots__ = ("scores", "order", "listpack", "scan_index")

    def __init__(self, listpack: bool = True):
        self.scores: dict = {}
        self.order = SortedList()
        self.listpack = listpack
        self.scan_index = None

    def __len__(self) -> int:
        return len(self.scores)

    # --- changes --------------------------------------------------------------------
    def insert(self, member: bytes, score: float, max_entries: int, max_value: int) -> None:
        """Add a member known to be absent, converting to a skiplist first if Redis would."""
        if self.listpack:
            if len(self.scores) >= max_entries or len(member) > max_value:
                self.listpack = False
            elif score == 0.0:
                score = 0.0          # a listpack stores "0": the sign of zero is lost
        self.scores[member] = score
        self.order.add((score, member))

    def update(self, member: bytes, old: float, score: float) -> None:
        """Change a present member's score (``old`` is its current one)."""
        if self.listpack and score == 0.0:
            score = 0.0
        order = self.order
        order.remove((old, member))
        order.add((score, member))
        self.scores[member] = score

    def remove(self, member: bytes) -> bool:
        score = self.scores.pop(member, None)
        if score is None:
            return False
        self.order.remove((score, member))
        if self.scan_index is not None:
            self.scan_index.remove(member)
        return True

    def pop_range(self, start: int, stop: int) -> list:
        """Remove the pairs at ranks [start, stop) and return them in rank order."""
        order = self.order
        if start == 0 and stop >= len(order):
            pairs = list(order)
            order.clear()
        else:
            pairs = order[start:stop]
            del order[start:stop]
        scores = self.scores
        index = self.scan_index
        for _, member in pairs:
            del scores[member]
            if index is not None:
                index.remove(member)
        return pairs

    # --- lookups --------------------------------------------------------------------
    def rank(self, member: bytes):
        """0-based rank by ascending score, or None."""
        score = self.scores.get(member)
        if score is None:
            return None
        return self.order.bisect_left((score, member))

    def score_span(self, low: float, low_ex: bool, high: float, high_ex: bool):
        """Ranks [start, end) of the members with low <(=) score <(=) high."""
        order = self.order
        start = order.bisect_left((low, TOP) if low_ex else (low,))
        end = order.bisect_left((high,) if high_ex else (high, TOP))
        return start, max(start, end)

    def lex_span(self, low, high, reverse: bool = False):
        """Ranks [start, end) of the members in a lex range (bounds as ``LEX_MIN``...).

        Lex ranges are meant for sets whose members all have one score, where
        this is a binary search.  On mixed scores Redis leaves the result
        unspecified; for a listpack it walks from one end, which is cheap at
        that size and reproduced here, so replies match there too.
        """
        order = self.order
        n = len(order)
        if not n or lex_range_empty(low, high):
            return 0, 0
        if self.listpack:
            return self._lex_walk(low, high, reverse)
        score = order[0][0]
        kind, value, exclusive = low
        if kind:
            start = 0 if kind < 0 else n
        else:
            start = (order.bisect_right((score, value)) if exclusive
                     else order.bisect_left((score, value)))
        kind, value, exclusive = high
        if kind:
            end = n if kind > 0 else 0
        else:
            end = (order.bisect_left((score, value)) if exclusive
                   else order.bisect_right((score, value)))
        return start, max(start, end)

    def _lex_walk(self, low, high, reverse: bool):
        members = [member for _, member in self.order]
        n = len(members)
        if not _gte_min(members[-1], low) or not _lte_max(members[0], high):
            return 0, 0
        if not reverse:
            for i, member in enumerate(members):
                if _gte_min(member, low):
                    if not _lte_max(member, high):
                        return 0, 0
                    end = i + 1
                    while end < n and _lte_max(members[end], high):
                        end += 1
                    return i, end
            return 0, 0
        for j in range(n - 1, -1, -1):
            if _lte_max(members[j], high):
                if not _gte_min(members[j], low):
                    return 0, 0
                start = j
                while start > 0 and _gte_min(members[start - 1], low):
                    start -= 1
                return start, j + 1
        return 0, 0

    def lex_page(self, low, high, reverse: bool, offset: int, limit: int) -> list:
        """A listpack's lex range with LIMIT, walked as Redis walks it: from the first
        member in range, skip ``offset`` members unchecked, then take members while
        they stay in range (``limit`` < 0: no limit).  Only differs from slicing
        ``lex_span`` when scores are mixed."""
        start, end = self._lex_walk(low, high, reverse)
        if start == end or offset < 0:
            return []
        order = self.order
        page = []
        if not reverse:
            i = start + offset
            while i < len(order) and limit != 0 and _lte_max(order[i][1], high):
                page.append(order[i])
                i += 1
                limit -= 1
        else:
            i = end - 1 - offset
            while i >= 0 and limit != 0 and _gte_min(order[i][1], low):
                page.append(order[i])
                i -= 1
                limit -= 1
        return page

    # --- whole-set helpers ----------------------------------------------------------------
    def copy(self) -> "ZSet":
        dup = ZSet(self.listpack)
        dup.scores = dict(self.scores)
        dup.order = self.order.copy()
        return dup

    @classmethod
    def from_pairs(cls, pairs, max_entries: int, max_value: int) -> "ZSet":
        """A new set of ``(member, score)`` pairs (members distinct), encoded as Redis
        encodes a stored result: a listpack if it would fit."""
        zset = cls(len(pairs) <= max_entries
                   and all(len(member) <= max_value for member, _ in pairs))
        if zset.listpack:
            pairs = [(member, 0.0 if score == 0.0 else score) for member, score in pairs]
        zset.scores = dict(pairs)
        zset.order = SortedList((score, member) for member, score in pairs)
        return zset

    @classmethod
    def from_inserts(cls, pairs, max_entries: int, max_value: int, skiplist: bool) -> "ZSet":
        """A new set built by adding ``(member, score)`` pairs one by one, as ZRANGESTORE
        does: from a listpack that converts when it must (so a zero added before the
        conversion loses its sign, one added after keeps it), or from a skiplist."""
        zset = cls(not skiplist)
        for member, score in pairs:
            zset.insert(member, score, max_entries, max_value)
        return zset


def _encoding(zset: ZSet) -> bytes:
    return b"listpack" if zset.listpack else b"skiplist"


register_type(ZSet, b"zset", _encoding, ZSet.copy)
