"""Set commands: SADD/SREM and friends, random members, set algebra, SSCAN.

Values are ``types.set.SetValue``.  All arguments are checked before a key
is created; a set whose last member goes is deleted (``Database.delete``);
every other change ends in ``Database.written``.  set-max-intset-entries is
read per write from the server config (Redis's default, 512, if absent).

Replies that list members come from ``SetValue.ordered`` (or follow the
order of the set iterated), so intsets come out sorted as in Redis.  In
RESP3, SMEMBERS, SPOP with a count, SINTER, SUNION and SDIFF are sets (``~``,
``SetReply``); SRANDMEMBER with a count is an array (it may repeat).

Set algebra as Redis 7.0 does it: every key must be a set or missing (all
are type-checked before anything else happens); a missing key is an empty
set; SINTER walks the smallest set and keeps what all the others hold;
SUNION/SDIFF/S*STORE results are built as a new set, an intset when they can
be; the STORE forms replace the destination whatever its type (dropping its
TTL), delete it when the result is empty, and reply the result's size.
"""
from __future__ import annotations

from redix import errors
from redix.commands.args import INT64_MAX, parse_cursor, parse_int, to_int
from redix.commands.keys import parse_scan_options
from redix.commands.registry import command
from redix.errors import CommandError
from redix.keyspace.hashing import glob_match
from redix.protocol.replies import SetReply
from redix.types.set import SetValue, would_be_intset


def _max_intset(client) -> int:
    return getattr(client.server.config, "set_max_intset_entries", 512)


# --- adding, removing, membership ---------------------------------------------------------


@command("sadd")
def cmd_sadd(client, argv):
    """SADD key member [member ...] -- integer: how many members were new."""
    db, key = client.db, argv[1]
    value = db.get_typed(key, SetValue)
    if value is None:
        value = db.data[key] = SetValue()
    if len(argv) == 3:
        added = int(value.add(argv[2], _max_intset(client)))
    else:
        added = value.add_all(argv[2:], _max_intset(client))
    if added:
        db.written(key)
    return added


@command("srem")
def cmd_srem(client, argv):
    """SREM key member [member ...] -- integer: how many members were removed."""
    db, key = client.db, argv[1]
    value = db.get_typed(key, SetValue)
    if value is None:
        return 0
    remove = value.remove
    removed = sum(1 for member in argv[2:] if remove(member))
    if removed:
        _changed(db, key, value)
    return removed


def _changed(db, key: bytes, value: SetValue) -> None:
    """After removals: delete the key if the set is empty, else notify."""
    if value.items:
        db.written(key)
    else:
        db.delete(key)


@command("sismember")
def cmd_sismember(client, argv):
    """SISMEMBER key member -- integer: 1 if member is in the set."""
    value = client.db.get_typed(argv[1], SetValue)
    return int(value is not None and argv[2] in value.members)


@command("smismember")
def cmd_smismember(client, argv):
    """SMISMEMBER key member [member ...] -- array of integers, 1 per member in the set."""
    value = client.db.get_typed(argv[1], SetValue)
    if value is None:
        return [0] * (len(argv) - 2)
    members = value.members
    return [int(member in members) for member in argv[2:]]


@command("scard")
def cmd_scard(client, argv):
    """SCARD key -- integer: number of members (0 for a missing key)."""
    value = client.db.get_typed(argv[1], SetValue)
    return 0 if value is None else len(value.items)


@command("smembers")
def cmd_smembers(client, argv):
    """SMEMBERS key -- set of all members (array in RESP2)."""
    value = client.db.get_typed(argv[1], SetValue)
    return SetReply() if value is None else SetReply(value.ordered())


@command("smove")
def cmd_smove(client, argv):
    """SMOVE source destination member -- integer: 1 if moved (or already in destination
    and removed from source), 0 if member is not in source."""
    db, src, dst, member = client.db, argv[1], argv[2], argv[3]
    # Both keys are looked up, but a missing source wins over a wrong-typed destination.
    source, target = db.lookup(src), db.lookup(dst)
    if source is None:
        return 0
    if type(source) is not SetValue or (target is not None and type(target) is not SetValue):
        raise CommandError(errors.WRONGTYPE)
    if source is target:
        return int(member in source.members)
    if not source.remove(member):
        return 0
    _changed(db, src, source)
    if target is None:
        target = db.data[dst] = SetValue()
    if target.add(member, _max_intset(client)):
        db.written(dst)
    return 1


# --- random members ----------------------------------------------------------------------


@command("spop")
def cmd_spop(client, argv):
    """SPOP key [count] -- a bulk string (null if no key) without count; else a set of up
    to count distinct members, removed from the key."""
    db, key = client.db, argv[1]
    if len(argv) == 2:
        value = db.get_typed(key, SetValue)
        if value is None:
            return None
        member = value.pop_random()
        _changed(db, key, value)
        return member
    if len(argv) > 3:
        raise CommandError(errors.SYNTAX)
    count = to_int(argv[2])
    if count is None or count < 0:
        raise CommandError(errors.MUST_BE_POSITIVE)
    value = db.get_typed(key, SetValue)
    if value is None or count == 0:
        return SetReply()
    if count >= len(value.items):
        popped = value.ordered()
        db.delete(key)
    else:
        popped = value.pop_many(count, _max_intset(client))
        db.written(key)
    return SetReply(popped)


@command("srandmember")
def cmd_srandmember(client, argv):
    """SRANDMEMBER key [count] -- a bulk string (null if no key) without count; else an
    array: up to count distinct members, or -count members with repeats."""
    db = client.db
    if len(argv) == 2:
        value = db.get_typed(argv[1], SetValue)
        return None if value is None else value.random_member()
    if len(argv) > 3:
        raise CommandError(errors.SYNTAX)
    count = parse_int(argv[2])
    if count < -INT64_MAX:
        raise CommandError(errors.COUNT_RANGE)
    value = db.get_typed(argv[1], SetValue)
    if value is None or count == 0:
        return []
    if count < 0:
        return value.random_members(-count)
    if count >= len(value.items):
        return value.ordered()
    return value.sample(count)


# --- set algebra ---------------------------------------------------------------------------


def _sets(db, keys) -> list:
    """The sets at keys (None for missing ones); WRONGTYPE if any key holds another type."""
    get_typed = db.get_typed
    return [get_typed(key, SetValue) for key in keys]


def _intersection(sets: list) -> list:
    """The members in all of ``sets``, in the order Redis lists them (the smallest set's)."""
    if not sets or None in sets:
        return []
    sets = sorted(sets, key=len)
    smallest, others = sets[0], [value.members for value in sets[1:]]
    if smallest.intset:
        return [member for member in smallest.ordered()
                if all(member in other for other in others)]
    common = smallest.members.keys()
    for other in others:
        common = common & other.keys()
    return list(common)


def _intersection_size(sets: list, limit: int) -> int:
    """How many members all of ``sets`` share, counting no further than ``limit`` (0: all)."""
    if None in sets:
        return 0
    sets = sorted(sets, key=len)
    smallest, others = sets[0], [value.members for value in sets[1:]]
    if not limit:
        common = smallest.members.keys()
        for other in others:
            common = common & other.keys()
        return len(common)
    found = 0
    for member in smallest.members:
        if all(member in other for other in others):
            found += 1
            if found == limit:
                break
    return found


def _union(sets: list) -> set:
    result: set = set()
    for value in sets:
        if value is not None:
            result.update(value.members)
    return result


def _difference(sets: list) -> set:
    first = sets[0]
    if first is None:
        return set()
    result = set(first.members)
    for value in sets[1:]:
        if value is not None and result:
            result.difference_update(value.members)
    return result


def _as_set_reply(members: set, client) -> SetReply:
    """A computed result as Redis lists it: sorted when it would be an intset."""
    if would_be_intset(members, _max_intset(client)):
        return SetReply(sorted(members, key=int))
    return SetReply(members)


@command("sinter")
def cmd_sinter(client, argv):
    """SINTER key [key ...] -- set of the members common to all the sets."""
    return SetReply(_intersection(_sets(client.db, argv[1:])))


@command("sunion")
def cmd_sunion(client, argv):
    """SUNION key [key ...] -- set of the members of any of the sets."""
    return _as_set_reply(_union(_sets(client.db, argv[1:])), client)


@command("sdiff")
def cmd_sdiff(client, argv):
    """SDIFF key [key ...] -- set of the members of the first set in none of the others."""
    return _as_set_reply(_difference(_sets(client.db, argv[1:])), client)


@command("sintercard")
def cmd_sintercard(client, argv):
    """SINTERCARD numkeys key [key ...] [LIMIT limit] -- integer: size of the intersection,
    counting stops at limit (0: no limit)."""
    numkeys = to_int(argv[1])
    if numkeys is None or numkeys <= 0:
        raise CommandError(errors.NUMKEYS_POSITIVE)
    if numkeys > len(argv) - 2:
        raise CommandError(errors.NUMKEYS_TOO_MANY)
    limit = 0
    i = 2 + numkeys
    while i < len(argv):
        if argv[i].lower() == b"limit" and i + 1 < len(argv):
            limit = to_int(argv[i + 1])
            if limit is None or limit < 0:
                raise CommandError(errors.LIMIT_NEGATIVE)
            i += 2
        else:
            raise CommandError(errors.SYNTAX)
    return _intersection_size(_sets(client.db, argv[2:2 + numkeys]), limit)


def _store(client, argv, members) -> int:
    """S*STORE: replace argv[1] with a new set of ``members`` (delete it if empty)."""
    db, dst = client.db, argv[1]
    if not members:
        db.delete(dst)
        return 0
    db.set(dst, SetValue.from_members(members, _max_intset(client)))
    db.written(dst)
    return len(members)


@command("sinterstore")
def cmd_sinterstore(client, argv):
    """SINTERSTORE destination key [key ...] -- integer: size of the stored intersection."""
    return _store(client, argv, _intersection(_sets(client.db, argv[2:])))


@command("sunionstore")
def cmd_sunionstore(client, argv):
    """SUNIONSTORE destination key [key ...] -- integer: size of the stored union."""
    return _store(client, argv, _union(_sets(client.db, argv[2:])))


@command("sdiffstore")
def cmd_sdiffstore(client, argv):
    """SDIFFSTORE destination key [key ...] -- integer: size of the stored difference."""
    return _store(client, argv, _difference(_sets(client.db, argv[2:])))


# --- SSCAN -----------------------------------------------------------------------------------


@command("sscan")
def cmd_sscan(client, argv):
    """SSCAN key cursor [MATCH pattern] [COUNT count] -- [next cursor, [member ...]].

    An intset comes whole in one reply with cursor 0, as in Redis; a
    hashtable set is walked with ``SetValue.scan``'s cursors, which return
    every member present for a whole iteration.  The cursor is checked
    before the key, the options only for an existing set.
    """
    cursor = parse_cursor(argv[2])
    value = client.db.get_typed(argv[1], SetValue)
    if value is None:
        return [b"0", []]
    pattern, count, _ = parse_scan_options(argv, 3, False)
    if value.intset:
        members, cursor = value.ordered(), 0
    else:
        members, cursor = value.scan(cursor, count)
    if pattern is not None:
        members = [member for member in members if glob_match(pattern, member)]
    return [b"%d" % cursor, members]
