"""Hash commands: HSET/HGET and friends, counters, HRANDFIELD, HSCAN.

Values are ``types.hash.HashValue``.  Every handler validates all of its
arguments before it creates a key, so a failing command leaves no empty hash
behind; a hash whose last field goes is deleted (``Database.delete``, which
notifies); every other change ends in ``Database.written``.

The listpack limits are read per write from the server config (Redis's
defaults when a setting is absent) and applied by ``HashValue.fit``.

HINCRBYFLOAT computes as Redis does, in an 80-bit long double, with the
emulation in ``commands.args`` that INCRBYFLOAT uses too.

HRANDFIELD's argument checks and their order follow Redis 7.0: the count
(an integer in [-LONG_MAX, LONG_MAX]), then WITHVALUES (with a count of at
most LONG_MAX/2 either way), then the key.
"""
from __future__ import annotations

from redix import errors
from redix.commands.args import (INT64_MAX, INT64_MIN, add_long_double, format_long_double,
                                 parse_cursor, parse_int, to_int, to_long_double)
from redix.commands.keys import parse_scan_options
from redix.commands.registry import command
from redix.errors import CommandError
from redix.keyspace.hashing import glob_match
from redix.protocol.replies import OK
from redix.types.hash import HashValue


def _limits(client):
    config = client.server.config
    return (getattr(config, "hash_max_listpack_entries", 512),
            getattr(config, "hash_max_listpack_value", 64))


def _hash_to_write(db, key: bytes) -> HashValue:
    """The hash at key, created empty (and stored) if absent; WRONGTYPE otherwise."""
    value = db.get_typed(key, HashValue)
    if value is None:
        value = db.data[key] = HashValue()
    return value


# --- setting -----------------------------------------------------------------------


def _set_pairs(client, argv) -> int:
    if len(argv) % 2:
        raise CommandError(errors.wrong_arity(argv[0].lower()))
    db, key = client.db, argv[1]
    value = _hash_to_write(db, key)
    added = value.set_pairs(argv, 2)
    if value.listpack:
        value.fit(*_limits(client), argv[2:])
    db.written(key)
    return added


@command("hset")
def cmd_hset(client, argv):
    """HSET key field value [field value ...] -- integer: how many fields were new."""
    return _set_pairs(client, argv)


@command("hmset")
def cmd_hmset(client, argv):
    """HMSET key field value [field value ...] -- +OK (HSET's older form)."""
    _set_pairs(client, argv)
    return OK


@command("hsetnx")
def cmd_hsetnx(client, argv):
    """HSETNX key field value -- integer: 1 if set, 0 if the field existed."""
    db, key, field = client.db, argv[1], argv[2]
    value = _hash_to_write(db, key)
    if field in value.data:
        return 0
    value.set(field, argv[3])
    if value.listpack:
        value.fit(*_limits(client), argv[2:])
    db.written(key)
    return 1


# --- reading -------------------------------------------------------------------------


@command("hget")
def cmd_hget(client, argv):
    """HGET key field -- bulk string, or null."""
    value = client.db.get_typed(argv[1], HashValue)
    return None if value is None else value.data.get(argv[2])


@command("hmget")
def cmd_hmget(client, argv):
    """HMGET key field [field ...] -- array of bulk strings or nulls."""
    value = client.db.get_typed(argv[1], HashValue)
    if value is None:
        return [None] * (len(argv) - 2)
    get = value.data.get
    return [get(field) for field in argv[2:]]


@command("hgetall")
def cmd_hgetall(client, argv):
    """HGETALL key -- fields and values: flat array in RESP2, map in RESP3."""
    value = client.db.get_typed(argv[1], HashValue)
    # A copy: a reply may be encoded after later commands ran (MULTI).
    return {} if value is None else dict(value.data)


@command("hkeys")
def cmd_hkeys(client, argv):
    """HKEYS key -- array of the fields."""
    value = client.db.get_typed(argv[1], HashValue)
    return [] if value is None else list(value.data)


@command("hvals")
def cmd_hvals(client, argv):
    """HVALS key -- array of the values."""
    value = client.db.get_typed(argv[1], HashValue)
    return [] if value is None else list(value.data.values())


@command("hexists")
def cmd_hexists(client, argv):
    """HEXISTS key field -- integer: 1 if the field exists."""
    value = client.db.get_typed(argv[1], HashValue)
    return int(value is not None and argv[2] in value.data)


@command("hlen")
def cmd_hlen(client, argv):
    """HLEN key -- integer: number of fields (0 for a missing key)."""
    value = client.db.get_typed(argv[1], HashValue)
    return 0 if value is None else len(value.data)


@command("hstrlen")
def cmd_hstrlen(client, argv):
    """HSTRLEN key field -- integer: length of the field's value (0 if absent)."""
    value = client.db.get_typed(argv[1], HashValue)
    if value is None:
        return 0
    found = value.data.get(argv[2])
    return 0 if found is None else len(found)


# --- deleting ------------------------------------------------------------------------


@command("hdel")
def cmd_hdel(client, argv):
    """HDEL key field [field ...] -- integer: how many fields were removed."""
    db, key = client.db, argv[1]
    value = db.get_typed(key, HashValue)
    if value is None:
        return 0
    delete = value.delete
    removed = sum(1 for field in argv[2:] if delete(field))
    if removed:
        if value.data:
            db.written(key)
        else:
            db.delete(key)
    return removed


# --- counters --------------------------------------------------------------------------


@command("hincrby")
def cmd_hincrby(client, argv):
    """HINCRBY key field increment -- integer: the value after the increment."""
    increment = parse_int(argv[3])
    value, current = _counter(client, argv, to_int, errors.HASH_NOT_INTEGER)
    result = current + increment
    if not INT64_MIN <= result <= INT64_MAX:
        raise CommandError(errors.OVERFLOW)
    _store_counter(client, value, argv, b"%d" % result)
    return result


@command("hincrbyfloat")
def cmd_hincrbyfloat(client, argv):
    """HINCRBYFLOAT key field increment -- bulk string: the value after the increment,
    computed as a C long double."""
    increment = to_long_double(argv[3])
    if increment is None:
        raise CommandError(errors.NOT_FLOAT)
    if type(increment) is float:             # an infinity
        raise CommandError(errors.INCR_NOT_FINITE)
    value, current = _counter(client, argv, to_long_double, errors.HASH_NOT_FLOAT)
    total = add_long_double(current, increment)
    if type(total) is float:                 # inf or nan
        raise CommandError(errors.INCR_NAN_INF)
    text = format_long_double(total)
    _store_counter(client, value, argv, text)
    return text


def _counter(client, argv, parse, message: bytes):
    """HINCRBY*'s read: the hash at argv[1] (or None) and its field argv[2] as a number
    (``parse``: None when the text is not one, which fails with ``message``; 0 if absent)."""
    value = client.db.get_typed(argv[1], HashValue)
    old = None if value is None else value.data.get(argv[2])
    if old is None:
        return value, 0
    current = parse(old)
    if current is None:
        raise CommandError(message)
    return value, current


def _store_counter(client, value, argv, text: bytes) -> None:
    """HINCRBY*'s write of ``text`` at argv[2] in the hash at argv[1] (``value``, or None)."""
    db, key, field = client.db, argv[1], argv[2]
    if value is None:
        value = db.data[key] = HashValue()
    value.set(field, text)
    if value.listpack:
        value.fit(*_limits(client), (field, text))
    db.written(key)


# --- random fields ---------------------------------------------------------------------


@command("hrandfield")
def cmd_hrandfield(client, argv):
    """HRANDFIELD key [count [WITHVALUES]] -- a bulk string (null if no key) without count;
    else an array: up to count distinct fields, or -count fields with repeats.  WITHVALUES
    adds each value: flat in RESP2, [field, value] pairs in RESP3."""
    db = client.db
    if len(argv) == 2:
        value = db.get_typed(argv[1], HashValue)
        return None if value is None else value.random_field()
    count = parse_int(argv[2])
    if count < -INT64_MAX:
        raise CommandError(errors.COUNT_RANGE)
    with_values = False
    if len(argv) == 4 and argv[3].lower() == b"withvalues":
        with_values = True
        if not -(INT64_MAX // 2) <= count <= INT64_MAX // 2:
            raise CommandError(errors.VALUE_OUT_OF_RANGE)
    elif len(argv) >= 4:
        raise CommandError(errors.SYNTAX)
    value = db.get_typed(argv[1], HashValue)
    if value is None or count == 0:
        return []
    if count < 0:
        fields = value.random_fields(-count)
    elif count >= len(value.data):
        fields = list(value.data)
    else:
        fields = value.sample(count)
    if not with_values:
        return fields
    data = value.data
    if client.resp3:
        return [[field, data[field]] for field in fields]
    reply = []
    for field in fields:
        reply.append(field)
        reply.append(data[field])
    return reply


# --- HSCAN -------------------------------------------------------------------------------


@command("hscan")
def cmd_hscan(client, argv):
    """HSCAN key cursor [MATCH pattern] [COUNT count] -- [next cursor, [field, value, ...]].

    A listpack hash comes whole in one reply with cursor 0, as in Redis;
    a hashtable hash is walked with ``HashValue.scan``'s cursors, which
    return every field present for a whole iteration.  As in Redis, the
    cursor is checked before the key, the options only for an existing hash.
    """
    cursor = parse_cursor(argv[2])
    value = client.db.get_typed(argv[1], HashValue)
    if value is None:
        return [b"0", []]
    pattern, count, _ = parse_scan_options(argv, 3, False)
    if value.listpack:
        fields, cursor = value.data, 0
    else:
        fields, cursor = value.scan(cursor, count)
    if pattern is not None:
        fields = [field for field in fields if glob_match(pattern, field)]
    data = value.data
    reply = []
    for field in fields:
        reply.append(field)
        reply.append(data[field])
    return [b"%d" % cursor, reply]
