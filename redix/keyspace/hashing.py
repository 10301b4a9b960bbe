"""Keyspace hashing: the compiled ``_hashing_c`` or its twin ``_hashing_py``.

Import from here, never from a twin directly.  ``redix._speedups`` picks the
implementation once per process (``REDIX_NO_EXTENSIONS=1`` forces Python).

API: ``crc16(data)``, ``key_hash_slot(key)``, ``crc64(crc, data)``,
``glob_match(pattern, string, nocase=False)``; see ``_hashing_py`` for the
contracts.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from redix import _speedups

__all__ = ["crc16", "key_hash_slot", "crc64", "glob_match", "IMPLEMENTATION"]

if TYPE_CHECKING:
    from redix.keyspace._hashing_py import crc16, crc64, glob_match, key_hash_slot

    IMPLEMENTATION: str
else:
    _impl = _speedups.load("redix.keyspace", "hashing")
    crc16 = _impl.crc16
    key_hash_slot = _impl.key_hash_slot
    crc64 = _impl.crc64
    glob_match = _impl.glob_match
    # "compiled" or "python", for tests and INFO.
    IMPLEMENTATION = _speedups.active()["hashing"]
