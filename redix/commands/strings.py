"""String commands: SET and GET families, counters, ranges, LCS.

Strings are stored as ``bytes``; integers stay bytes and are parsed when a
counter command needs them, as Redis does with its int encoding.
"""
from __future__ import annotations

from redix import errors
from redix.commands.args import parse_int
from redix.commands.registry import command
from redix.errors import CommandError
from redix.keyspace.db import now_ms
from redix.protocol.replies import OK


@command("get")
def cmd_get(client, argv):
    """GET key -- bulk string, or null."""
    db = client.db
    if db.expires:
        value = db.lookup(argv[1])
    else:
        value = db.data.get(argv[1])
        if value is not None:
            db.atime[argv[1]] = db.clock     # what lookup records: OBJECT IDLETIME restarts
    if value is None or type(value) is bytes:
        return value
    raise CommandError(errors.WRONGTYPE)


_SET_FLAGS = {b"nx": "nx", b"xx": "xx", b"get": "get", b"keepttl": "keepttl"}
_SET_UNITS = {b"ex": (1000, False), b"px": (1, False), b"exat": (1000, True), b"pxat": (1, True)}


def parse_set_options(argv, start: int, command_name: bytes, allow=frozenset(_SET_FLAGS.values())):
    """SET's options: returns (flags set, absolute expiry ms or None).

    As in Redis, every option is checked for syntax before the expiry value is
    parsed (``EX x BOGUS`` is a syntax error, not a bad integer), and repeating
    the same expiry option is allowed: the last value wins.
    """
    flags = set()
    unit = amount = None
    i, n = start, len(argv)
    while i < n:
        opt = argv[i].lower()
        flag = _SET_FLAGS.get(opt)
        if flag is not None and flag in allow:
            if (flag == "nx" and "xx" in flags) or (flag == "xx" and "nx" in flags) or \
                    (flag == "keepttl" and unit is not None):
                raise CommandError(errors.SYNTAX)
            flags.add(flag)
            i += 1
        elif opt in _SET_UNITS and i + 1 < n and "keepttl" not in flags and unit in (None, opt):
            unit, amount = opt, argv[i + 1]
            i += 2
        else:
            raise CommandError(errors.SYNTAX)
    if unit is None:
        return flags, None
    amount = parse_int(amount)
    if amount <= 0:
        raise CommandError(errors.INVALID_EXPIRE % command_name)
    scale, absolute = _SET_UNITS[unit]
    expire_at = amount * scale
    if not absolute:
        if expire_at > (1 << 63) - 1 - now_ms():
            raise CommandError(errors.INVALID_EXPIRE % command_name)
        expire_at += now_ms()
    elif expire_at > (1 << 63) - 1:
        raise CommandError(errors.INVALID_EXPIRE % command_name)
    return flags, expire_at


@command("set")
def cmd_set(client, argv):
    """SET key value [NX | XX] [GET] [EX s | PX ms | EXAT ts | PXAT ms-ts | KEEPTTL]
    -- +OK, null when NX/XX prevented it, or the old value with GET."""
    db = client.db
    key = argv[1]
    if len(argv) == 3:
        db.data[key] = argv[2]
        if db.expires:
            db.expires.pop(key, None)
        db.written(key)
        return OK
    flags, expire_at = parse_set_options(argv, 3, b"set")
    old = db.lookup(key)
    if "get" in flags:
        if old is not None and type(old) is not bytes:
            raise CommandError(errors.WRONGTYPE)
        reply = old
    else:
        reply = OK
    if ("nx" in flags and old is not None) or ("xx" in flags and old is None):
        return reply if "get" in flags else None
    db.set(key, argv[2], keep_ttl="keepttl" in flags)
    if expire_at is not None:
        db.set_expire(key, expire_at)
    db.written(key)
    return reply
