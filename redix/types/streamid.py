"""Stream IDs: the compiled ``_streamid_c`` or its twin ``_streamid_py``.

Import from here, never from a twin directly.  ``redix._speedups`` picks the
implementation once per process (``REDIX_NO_EXTENSIONS=1`` forces Python).

An ID is a tuple ``(ms, seq)``.  API: ``parse_id(raw, missing_seq=0)``,
``parse_range_id(raw, missing_seq)``, ``parse_xadd_id(raw)`` with the kinds
``ID_AUTO``, ``ID_AUTO_SEQ``, ``ID_EXPLICIT``, ``ID_INVALID``;
``next_id(last, now_ms)``, ``seq_id(last, ms)``, ``incr_id(id)``,
``decr_id(id)``, ``format_id(id)``, ``compare_id(a, b)``.  See
``_streamid_py`` for the contracts.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from redix import _speedups

__all__ = [
    "ID_INVALID", "ID_AUTO", "ID_AUTO_SEQ", "ID_EXPLICIT",
    "parse_id", "parse_range_id", "parse_xadd_id",
    "next_id", "seq_id", "incr_id", "decr_id", "format_id", "compare_id",
    "IMPLEMENTATION",
]

if TYPE_CHECKING:
    from redix.types._streamid_py import (
        ID_AUTO, ID_AUTO_SEQ, ID_EXPLICIT, ID_INVALID, compare_id, decr_id,
        format_id, incr_id, next_id, parse_id, parse_range_id, parse_xadd_id,
        seq_id,
    )

    IMPLEMENTATION: str
else:
    _impl = _speedups.load("redix.types", "streamid")
    ID_INVALID = _impl.ID_INVALID
    ID_AUTO = _impl.ID_AUTO
    ID_AUTO_SEQ = _impl.ID_AUTO_SEQ
    ID_EXPLICIT = _impl.ID_EXPLICIT
    parse_id = _impl.parse_id
    parse_range_id = _impl.parse_range_id
    parse_xadd_id = _impl.parse_xadd_id
    next_id = _impl.next_id
    seq_id = _impl.seq_id
    incr_id = _impl.incr_id
    decr_id = _impl.decr_id
    format_id = _impl.format_id
    compare_id = _impl.compare_id
    # "compiled" or "python", for tests and INFO.
    IMPLEMENTATION = _speedups.active()["streamid"]
