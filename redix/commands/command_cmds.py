"""COMMAND: what this server implements, described as Redis 7.0 describes itself.

Entries come from the recorded bytes in ``redix/data/commands.json`` (see
``registry``), so COMMAND INFO and COMMAND DOCS match a real redis-server byte
for byte.  Only implemented commands are listed.  For a container whose
subcommands are partly implemented (CLIENT without TRACKING...), the recorded
entry lists every subcommand; ``_entry`` rebuilds it with the implemented ones
only, in the recorded order, followed by those Redis 7.0 lacks (CLIENT SETINFO).
When all are implemented the result is the recorded bytes unchanged.
"""
from __future__ import annotations

from redix import errors
from redix.commands import keyspecs
from redix.commands.registry import TABLE, all_commands, command
from redix.errors import CommandError
from redix.keyspace.hashing import glob_match
from redix.protocol.replies import Preencoded, help_reply
from redix.protocol.resp import encode


# --- entries, with containers narrowed to what is implemented --------------------------------
def _header(buf: bytes, pos: int):
    """(element count, position after the header) of the aggregate at pos; maps count double."""
    eol = buf.index(b"\r\n", pos)
    count = int(buf[pos + 1:eol])
    return (2 * count if buf[pos:pos + 1] in b"%|" else count), eol + 2


def _skip(buf: bytes, pos: int) -> int:
    """Position just after the RESP value starting at pos."""
    kind = buf[pos:pos + 1]
    eol = buf.index(b"\r\n", pos)
    if kind in b"$=!":
        length = int(buf[pos + 1:eol])
        return eol + 2 if length < 0 else eol + 2 + length + 2
    if kind in b"*~>%|":
        count, pos = _header(buf, pos)
        for _ in range(count):
            pos = _skip(buf, pos)
        return pos
    return eol + 2


def _bulk_at(buf: bytes, pos: int) -> bytes:
    eol = buf.index(b"\r\n", pos)
    return buf[eol + 2:eol + 2 + int(buf[pos + 1:eol])]


def _split(whole: bytes, pairs: bool):
    """Split an INFO or DOCS entry whose last element lists subcommands.

    Returns (bytes before that element, its type mark, [(subcommand name, item bytes)]);
    an item is an INFO entry, or a DOCS name followed by its docs.
    """
    count, pos = _header(whole, 0)
    for _ in range(count - 1):
        pos = _skip(whole, pos)
    last = pos
    count, pos = _header(whole, last)
    items = []
    for _ in range(count // 2 if pairs else count):
        start = pos
        pos = _skip(whole, pos)
        if pairs:
            name = _bulk_at(whole, start)
            pos = _skip(whole, pos)
        else:
            name = _bulk_at(whole, _header(whole, start)[1])
        items.append((name, whole[start:pos]))
    return whole[:last], whole[last:last + 1], items


_cache: dict = {}


def _entry(cmd, which: str):
    """The INFO (``which="info"``) or DOCS Preencoded entry of cmd, or None.

    A container's entry lists only its implemented subcommands; a subcommand's
    docs are cut out of its container's (Redis records them only there).
    """
    key = (cmd.fullname, which, len(cmd.subcommands))
    if key not in _cache:
        _cache[key] = _build_entry(cmd, which)
    return _cache[key]


def _build_entry(cmd, which: str):
    if which == "docs" and cmd.docs is None and cmd.parent is not None:
        parent = cmd.parent.docs
        if parent is None:
            return None
        found = []
        for resp3, whole in ((False, parent.resp2), (True, parent.resp3)):
            items = dict(_split(whole, True)[2])
            if cmd.fullname not in items:
                return None
            found.append(items[cmd.fullname][len(encode(cmd.fullname)):])
        return Preencoded(*found)
    base = cmd.info if which == "info" else cmd.docs
    if base is None or not cmd.subcommands:
        return base
    return Preencoded(_narrow(cmd, which, base.resp2, False), _narrow(cmd, which, base.resp3, True))


def _narrow(cmd, which: str, whole: bytes, resp3: bool) -> bytes:
    pairs = which == "docs"
    prefix, mark, items = _split(whole, pairs)
    implemented = {sub.fullname: sub for sub in cmd.subcommands.values()}
    kept = [item for name, item in items if name in implemented]
    recorded = {name for name, _ in items}
    for name, sub in implemented.items():
        if name not in recorded:        # a subcommand Redis 7.0 lacks, with its own metadata
            entry = sub.info if which == "info" else sub.docs
            if entry is not None:
                body = entry.resp3 if resp3 else entry.resp2
                kept.append(encode(name) + body if pairs else body)
    count = len(kept) * (2 if pairs and not resp3 else 1)
    return prefix + mark + b"%d\r\n" % count + b"".join(kept)


def _lookup(name: bytes):
    """A command or ``container|sub`` by name, or None."""
    container, _, sub = name.lower().partition(b"|")
    cmd = TABLE.get(container)
    if cmd is None or not sub:
        return cmd
    return cmd.subcommands.get(sub)


# --- COMMAND [subcommand] -------------------------------------------------------------------------
@command("command")
def cmd_command(client, argv):
    """COMMAND -- array: the COMMAND INFO entry of every command."""
    return [_entry(cmd, "info") for cmd in all_commands()]


@command("command|count")
def cmd_command_count(client, argv):
    """COMMAND COUNT -- integer: how many top-level commands the server has."""
    return len(all_commands())


@command("command|info")
def cmd_command_info(client, argv):
    """COMMAND INFO [command-name ...] -- array of entries; null for an unknown name."""
    if len(argv) == 2:
        return cmd_command(client, argv)
    out = []
    for name in argv[2:]:
        cmd = _lookup(name)
        out.append(_entry(cmd, "info") if cmd is not None else None)
    return out


@command("command|docs")
def cmd_command_docs(client, argv):
    """COMMAND DOCS [command-name ...] -- map name -> docs (flat array in RESP2);
    unknown names are left out."""
    cmds = all_commands() if len(argv) == 2 else [_lookup(name) for name in argv[2:]]
    pairs = [(cmd.fullname, _entry(cmd, "docs")) for cmd in cmds if cmd is not None]
    pairs = [(name, docs) for name, docs in pairs if docs is not None]
    head2 = b"*%d\r\n" % (2 * len(pairs))
    head3 = b"%%%d\r\n" % len(pairs)
    body2 = b"".join(encode(name) + docs.resp2 for name, docs in pairs)
    body3 = b"".join(encode(name) + docs.resp3 for name, docs in pairs)
    return Preencoded(head2 + body2, head3 + body3)


@command("command|list")
def cmd_command_list(client, argv):
    """COMMAND LIST [FILTERBY <MODULE name | ACLCAT category | PATTERN pattern>]
    -- array of command names, subcommands included."""
    names = []
    for cmd in all_commands():
        names.append(cmd)
        names.extend(cmd.subcommands.values())
    if len(argv) == 2:
        return [cmd.fullname for cmd in names]
    if len(argv) != 5 or argv[2].lower() != b"filterby":
        raise CommandError(errors.SYNTAX)
    kind, value = argv[3].lower(), argv[4]
    if kind == b"module":
        return []
    if kind == b"aclcat":
        category = "@" + value.decode("latin-1").lower()
        return [cmd.fullname for cmd in names if category in cmd.acl]
    if kind == b"pattern":
        return [cmd.fullname for cmd in names if glob_match(value, cmd.fullname, True)]
    raise CommandError(errors.SYNTAX)


def _key_refs_checked(argv):
    """The target command's key references, with COMMAND GETKEYS's errors."""
    target = argv[2:]
    cmd = TABLE.get(target[0].lower())
    if cmd is not None and cmd.subcommands and len(target) > 1:
        cmd = cmd.subcommands.get(target[1].lower())
    if cmd is None:
        raise CommandError(errors.GETKEYS_INVALID_COMMAND)
    if not keyspecs.has_keys(cmd):
        raise CommandError(errors.GETKEYS_NO_KEYS)
    arity = cmd.arity
    if (arity > 0 and len(target) != arity) or len(target) < -arity:
        raise CommandError(errors.GETKEYS_INVALID_ARITY)
    refs = keyspecs.key_refs(cmd, target)
    if not refs and "no_mandatory_keys" not in cmd.flags:
        raise CommandError(errors.GETKEYS_INVALID_ARGS)
    return target, refs


@command("command|getkeys")
def cmd_command_getkeys(client, argv):
    """COMMAND GETKEYS command [arg ...] -- array of the keys among the arguments."""
    target, refs = _key_refs_checked(argv)
    return [target[pos] for pos, _ in refs]


@command("command|getkeysandflags")
def cmd_command_getkeysandflags(client, argv):
    """COMMAND GETKEYSANDFLAGS command [arg ...] -- array of [key, flags] pairs."""
    target, refs = _key_refs_checked(argv)
    return [[target[pos], _flag_set(flags)] for pos, flags in refs]


def _flag_set(flags) -> Preencoded:
    # A set in RESP3; built by hand because Python sets would not keep Redis's flag order.
    body = b"".join(b"+%s\r\n" % f.encode() for f in flags)
    return Preencoded(b"*%d\r\n" % len(flags) + body, b"~%d\r\n" % len(flags) + body)


_HELP = (
    b"(no subcommand)",
    b"    Return details about all Redis commands.",
    b"COUNT",
    b"    Return the total number of commands in this Redis server.",
    b"LIST",
    b"    Return a list of all commands in this Redis server.",
    b"INFO [<command-name> ...]",
    b"    Return details about multiple Redis commands.",
    b"    If no command names are given, documentation details for all",
    b"    commands are returned.",
    b"DOCS [<command-name> ...]",
    b"    Return documentation details about multiple Redis commands.",
    b"    If no command names are given, documentation details for all",
    b"    commands are returned.",
    b"GETKEYS <full-command>",
    b"    Return the keys from a full Redis command.",
    b"GETKEYSANDFLAGS <full-command>",
    b"    Return the keys and the access flags from a full Redis command.",
)


@command("command|help")
def cmd_command_help(client, argv):
    """COMMAND HELP -- array of status lines."""
    return help_reply(b"command", _HELP)

