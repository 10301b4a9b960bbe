"""Expiry commands: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME,
PEXPIRETIME, PERSIST.

TTLs are stored as absolute unix milliseconds in ``Database.expires``; the
relative forms add the current time.  A time already past deletes the key at
once (counted as a write, not as an expiry, as in Redis).  Reclaiming keys
nobody reads is ``Database``'s active expiry, driven by the server cron.
"""
from __future__ import annotations

from redix import errors
from redix.commands.args import INT64_MAX, INT64_MIN, parse_int
from redix.commands.registry import command
from redix.errors import CommandError
from redix.keyspace.db import now_ms

_NX, _XX, _GT, _LT = 1, 2, 4, 8
_FLAGS = {b"nx": _NX, b"xx": _XX, b"gt": _GT, b"lt": _LT}

# C's LLONG_MAX / 1000 and LLONG_MIN / 1000 (division truncating toward zero).
_SECONDS_MAX = INT64_MAX // 1000
_SECONDS_MIN = -(-INT64_MIN // 1000)


def _expire_flags(argv) -> int:
    flags = 0
    for option in argv[3:]:
        flag = _FLAGS.get(option.lower())
        if flag is None:
            raise CommandError(errors.unsupported_option(option))
        flags |= flag
    if flags & _NX and flags & (_XX | _GT | _LT):
        raise CommandError(errors.EXPIRE_NX_AND_OTHERS)
    if flags & _GT and flags & _LT:
        raise CommandError(errors.EXPIRE_GT_AND_LT)
    return flags


def _expire_generic(client, argv, name: bytes, seconds: bool, absolute: bool):
    """The EXPIRE family: options first, then the time, then the key (Redis's order)."""
    flags = _expire_flags(argv)
    when = parse_int(argv[2])
    if seconds:
        if when > _SECONDS_MAX or when < _SECONDS_MIN:
            raise CommandError(errors.INVALID_EXPIRE % name)
        when *= 1000
    now = now_ms()
    if not absolute:
        if when > INT64_MAX - now:
            raise CommandError(errors.INVALID_EXPIRE % name)
        when += now
    db, key = client.db, argv[1]
    if db.lookup(key) is None:
        return 0
    if flags:
        current = db.expire_at(key)
        if flags & _NX and current is not None:
            return 0
        if flags & _XX and current is None:
            return 0
        # No TTL counts as an infinite one: GT never wins against it, LT always does.
        if flags & _GT and (current is None or when <= current):
            return 0
        if flags & _LT and current is not None and when >= current:
            return 0
    if when <= now:
        db.delete(key)
        return 1
    db.set_expire(key, when)
    db.written(key, b"expire")
    return 1


@command("expire")
def cmd_expire(client, argv):
    """EXPIRE key seconds [NX | XX | GT | LT] -- integer: 1 if the TTL was set (or the key deleted)."""
    return _expire_generic(client, argv, b"expire", True, False)


@command("pexpire")
def cmd_pexpire(client, argv):
    """PEXPIRE key milliseconds [NX | XX | GT | LT] -- integer: 1 if set, 0 if not."""
    return _expire_generic(client, argv, b"pexpire", False, False)


@command("expireat")
def cmd_expireat(client, argv):
    """EXPIREAT key unix-time-seconds [NX | XX | GT | LT] -- integer: 1 if set, 0 if not."""
    return _expire_generic(client, argv, b"expireat", True, True)


@command("pexpireat")
def cmd_pexpireat(client, argv):
    """PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT] -- integer: 1 if set, 0 if not."""
    return _expire_generic(client, argv, b"pexpireat", False, True)


@command("ttl")
def cmd_ttl(client, argv):
    """TTL key -- integer: seconds left (rounded to nearest), -1 without TTL, -2 if missing."""
    ms = client.db.ttl_ms(argv[1])
    return ms if ms < 0 else (ms + 500) // 1000


@command("pttl")
def cmd_pttl(client, argv):
    """PTTL key -- integer: milliseconds left, -1 without TTL, -2 if missing."""
    return client.db.ttl_ms(argv[1])


def _expiretime(client, key):
    db = client.db
    if db.peek(key) is None:
        return -2
    when = db.expire_at(key)
    return -1 if when is None else when


@command("expiretime")
def cmd_expiretime(client, argv):
    """EXPIRETIME key -- integer: absolute unix time in seconds (rounded), -1 or -2."""
    when = _expiretime(client, argv[1])
    return when if when < 0 else (when + 500) // 1000


@command("pexpiretime")
def cmd_pexpiretime(client, argv):
    """PEXPIRETIME key -- integer: absolute unix time in milliseconds, -1 or -2."""
    return _expiretime(client, argv[1])


@command("persist")
def cmd_persist(client, argv):
    """PERSIST key -- integer: 1 if a TTL was removed, 0 if none or no key."""
    db, key = client.db, argv[1]
    if db.lookup(key) is None or not db.persist(key):
        return 0
    db.written(key, b"persist")
    return 1
