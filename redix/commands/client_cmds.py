"""CLIENT: the connection-introspection container (ID, LIST, KILL, PAUSE, REPLY...).

State lives on ``Client`` (``redix/server/client.py``) and, for PAUSE, on the
server (``Server.pause``/``unpause``; ``commands/gate.py`` holds the paused
commands).  ``client_info_line`` formats one CLIENT LIST line; it is shared
with CLIENT INFO.  TRACKING, CACHING, GETREDIR, TRACKINGINFO and UNBLOCK belong
with client-side caching and blocking, elsewhere.
"""
from __future__ import annotations

import time

from redix import errors
from redix.commands.args import to_int
from redix.commands.connection import check_client_name
from redix.commands.registry import command
from redix.errors import CommandError
from redix.protocol.replies import NO_REPLY, OK, Verbatim, help_reply
from redix.server.client import REPLY_OFF, REPLY_ON, REPLY_SKIP

# Redis 7.2 metadata for the subcommands Redis 7.0's table lacks.
_CONNECTION_FLAGS = ["noscript", "loading", "stale"]
_CONNECTION_ACL = ["slow", "connection"]


# --- one client described -------------------------------------------------------------------
def client_type(client) -> bytes:
    """normal, slave, master or pubsub, as CLIENT LIST TYPE and CLIENT KILL TYPE see it."""
    if client.kind == "master":
        return b"master"
    if client.kind == "replica" and not client.monitor:
        return b"slave"
    if client.channels or client.patterns or client.shard_channels:
        return b"pubsub"
    return b"normal"


_TYPE_NAMES = {b"normal": b"normal", b"slave": b"slave", b"replica": b"slave",
               b"master": b"master", b"pubsub": b"pubsub"}


def _parse_type(name: bytes) -> bytes:
    kind = _TYPE_NAMES.get(name.lower())
    if kind is None:
        raise CommandError(errors.unknown_client_type(name))
    return kind


_STATIC_REPLY_BUFFER = 16 * 1024


def client_info_line(client, current_argv=None) -> bytes:
    """One CLIENT LIST line (Redis 7.0's fields, then 7.2's lib-name and lib-ver).

    Buffer fields are Redix's nearest equivalents: ``qbuf`` is the unparsed
    input, ``obl``/``oll``/``omem`` split the pending output as Redis's 16 KiB
    static buffer plus a reply list would.  ``current_argv`` is the command
    being run by the asking client (its ``argv-mem``).
    """
    now = time.time()
    qbuf = client.reader.pending()
    out = len(client.out)
    obl = min(out, _STATIC_REPLY_BUFFER)
    omem = out - obl
    oll = -(-omem // _STATIC_REPLY_BUFFER)
    argv_mem = sum(len(a) for a in current_argv) if current_argv else 0
    multi_mem = sum(len(a) for _, argv in client.multi for a in argv) if client.multi else 0
    tot_mem = qbuf + out + argv_mem + multi_mem + 1024
    tracking = client.tracking
    redir = getattr(tracking, "redirect", -1) if tracking else -1
    return b" ".join((
        b"id=%d" % client.id,
        b"addr=" + client.addr.encode(),
        b"laddr=" + client.laddr.encode(),
        b"fd=%d" % client.fd,
        b"name=" + client.name,
        b"age=%d" % int(now - client.created),
        b"idle=%d" % int(now - client.last_interaction),
        b"flags=" + client.flags_string().encode(),
        b"db=%d" % client.db.id,
        b"sub=%d" % len(client.channels),
        b"psub=%d" % len(client.patterns),
        b"ssub=%d" % len(client.shard_channels),
        b"multi=%d" % (len(client.multi) if client.multi is not None else -1),
        b"qbuf=%d" % qbuf,
        b"qbuf-free=0",
        b"argv-mem=%d" % argv_mem,
        b"multi-mem=%d" % multi_mem,
        b"rbs=%d" % _STATIC_REPLY_BUFFER,
        b"rbp=%d" % obl,
        b"obl=%d" % obl,
        b"oll=%d" % oll,
        b"omem=%d" % omem,
        b"tot-mem=%d" % tot_mem,
        b"events=r" + (b"w" if client.want_write else b""),
        b"cmd=" + client.last_cmd,
        b"user=" + client.user,
        b"redir=%d" % redir,
        b"resp=%d" % (3 if client.resp3 else 2),
        b"lib-name=" + client.lib_name,
        b"lib-ver=" + client.lib_ver,
    )) + b"\n"


# --- identity ---------------------------------------------------------------------------------
@command("client|id")
def cmd_client_id(client, argv):
    """CLIENT ID -- integer: this connection's id."""
    return client.id


@command("client|getname")
def cmd_client_getname(client, argv):
    """CLIENT GETNAME -- bulk string: the connection name, or null."""
    return client.name or None


@command("client|setname")
def cmd_client_setname(client, argv):
    """CLIENT SETNAME connection-name -- +OK; an empty name removes it."""
    check_client_name(argv[2])
    client.name = argv[2]
    return OK


_SETINFO_ATTRS = {b"lib-name": "lib_name", b"lib-ver": "lib_ver"}


@command("client|setinfo", arity=4, flags=_CONNECTION_FLAGS, acl=_CONNECTION_ACL, docs={
    b"summary": b"Sets information specific to the client or connection.",
    b"since": b"7.2.0", b"group": b"connection", b"complexity": b"O(1)",
    b"arguments": [{b"name": b"attr", b"type": b"oneof", b"arguments": [
        {b"name": b"libname", b"type": b"string", b"token": b"LIB-NAME"},
        {b"name": b"libver", b"type": b"string", b"token": b"LIB-VER"}]}]})
def cmd_client_setinfo(client, argv):
    """CLIENT SETINFO <LIB-NAME libname | LIB-VER libver> -- +OK (Redis 7.2)."""
    attr = _SETINFO_ATTRS.get(argv[2].lower())
    if attr is None:
        raise CommandError(errors.unrecognized_option(argv[2]))
    value = argv[3]
    if any(c < 33 or c > 126 for c in value):
        raise CommandError(errors.client_attr_chars(argv[2]))
    setattr(client, attr, value)
    return OK


# --- listing -----------------------------------------------------------------------------------
@command("client|list")
def cmd_client_list(client, argv):
    """CLIENT LIST [TYPE <NORMAL | MASTER | REPLICA | PUBSUB>] [ID client-id [client-id ...]]
    -- bulk string (verbatim in RESP3): one line per connection."""
    clients = client.server.clients
    if len(argv) == 2:
        chosen = list(clients.values())
    elif len(argv) == 4 and argv[2].lower() == b"type":
        kind = _parse_type(argv[3])
        chosen = [c for c in clients.values() if client_type(c) == kind]
    elif len(argv) >= 4 and argv[2].lower() == b"id":
        ids = [to_int(raw) for raw in argv[3:]]
        if None in ids:
            raise CommandError(errors.CLIENT_ID_INVALID)
        chosen = [clients[i] for i in ids if i in clients]
    else:
        raise CommandError(errors.SYNTAX)
    return Verbatim(b"".join(client_info_line(c, argv if c is client else None)
                             for c in chosen))


@command("client|info")
def cmd_client_info(client, argv):
    """CLIENT INFO -- bulk string (verbatim in RESP3): this connection's CLIENT LIST line."""
    return Verbatim(client_info_line(client, argv))


# --- killing -----------------------------------------------------------------------------------
def _user_exists(server, name: bytes) -> bool:
    acl = getattr(server, "acl", None)
    if acl is not None and hasattr(acl, "get_user"):
        return acl.get_user(name) is not None
    return name == b"default"


def _kill(server, caller, target) -> None:
    if target is caller:
        caller.close_after_reply = True     # after this reply, as Redis does
    else:
        server.close_client(target)


def _kill_filters(client, argv) -> dict:
    filters = {"skipme": True}
    i = 2
    while i < len(argv):
        if i + 1 >= len(argv):
            raise CommandError(errors.SYNTAX)
        option, value = argv[i].lower(), argv[i + 1]
        if option == b"id":
            client_id = to_int(value)
            if client_id is None or client_id <= 0:
                raise CommandError(errors.CLIENT_ID_POSITIVE)
            filters["id"] = client_id
        elif option == b"type":
            filters["type"] = _parse_type(value)
        elif option == b"addr":
            filters["addr"] = value
        elif option == b"laddr":
            filters["laddr"] = value
        elif option == b"user":
            if not _user_exists(client.server, value):
                raise CommandError(errors.no_such_user(value))
            filters["user"] = value
        elif option == b"skipme":
            lowered = value.lower()
            if lowered not in (b"yes", b"no"):
                raise CommandError(errors.SYNTAX)
            filters["skipme"] = lowered == b"yes"
        else:
            raise CommandError(errors.SYNTAX)
        i += 2
    return filters


def _matches(target, filters) -> bool:
    return (filters.get("id", target.id) == target.id
            and filters.get("type", None) in (None, client_type(target))
            and filters.get("addr", None) in (None, target.addr.encode())
            and filters.get("laddr", None) in (None, target.laddr.encode())
            and filters.get("user", None) in (None, target.user))


@command("client|kill")
def cmd_client_kill(client, argv):
    """CLIENT KILL ip:port | CLIENT KILL <ID id | TYPE type | USER user | ADDR ip:port |
    LADDR ip:port | SKIPME yes/no> [...] -- +OK (old form) or integer: clients killed."""
    server = client.server
    if len(argv) == 3:
        for target in list(server.clients.values()):
            if target.addr.encode() == argv[2]:
                _kill(server, client, target)
                return OK
        raise CommandError(errors.NO_SUCH_CLIENT)
    filters = _kill_filters(client, argv)
    killed = 0
    for target in list(server.clients.values()):
        if target is client and filters["skipme"]:
            continue
        if _matches(target, filters):
            _kill(server, client, target)
            killed += 1
    return killed


# --- reply and eviction modes ---------------------------------------------------------------
@command("client|reply")
def cmd_client_reply(client, argv):
    """CLIENT REPLY <ON | OFF | SKIP> -- +OK for ON; OFF and SKIP send nothing."""
    mode = argv[2].lower()
    if mode == b"on":
        client.reply_mode = REPLY_ON
        client.update_gate()
        return OK
    if mode == b"off":
        client.reply_mode = REPLY_OFF
    elif mode == b"skip":
        if client.reply_mode != REPLY_OFF:
            client.reply_mode = REPLY_SKIP      # drops the next command's reply
    else:
        raise CommandError(errors.SYNTAX)
    client.update_gate()
    return NO_REPLY


def _on_off(raw: bytes) -> bool:
    word = raw.lower()
    if word == b"on":
        return True
    if word == b"off":
        return False
    raise CommandError(errors.SYNTAX)


@command("client|no-evict")
def cmd_client_no_evict(client, argv):
    """CLIENT NO-EVICT <ON | OFF> -- +OK."""
    client.no_evict = _on_off(argv[2])
    return OK


@command("client|no-touch", arity=3, flags=_CONNECTION_FLAGS, acl=_CONNECTION_ACL, docs={
    b"summary": b"Controls whether commands sent by the client affect the LRU/LFU of "
                b"accessed keys.",
    b"since": b"7.2.0", b"group": b"connection", b"complexity": b"O(1)",
    b"arguments": [{b"name": b"enabled", b"type": b"oneof", b"arguments": [
        {b"name": b"on", b"type": b"pure-token", b"token": b"ON"},
        {b"name": b"off", b"type": b"pure-token", b"token": b"OFF"}]}]})
def cmd_client_no_touch(client, argv):
    """CLIENT NO-TOUCH <ON | OFF> -- +OK (Redis 7.2)."""
    client.no_touch = _on_off(argv[2])
    return OK


# --- pausing ----------------------------------------------------------------------------------
@command("client|pause")
def cmd_client_pause(client, argv):
    """CLIENT PAUSE timeout [WRITE | ALL] -- +OK; commands wait until the pause ends."""
    writes_only = False
    if len(argv) == 4:
        mode = argv[3].lower()
        if mode not in (b"write", b"all"):
            raise CommandError(errors.PAUSE_MODE)
        writes_only = mode == b"write"
    elif len(argv) > 4:
        raise CommandError(errors.subcommand_syntax(argv[1], b"client"))
    millis = to_int(argv[2])
    if millis is None:
        raise CommandError(errors.TIMEOUT_NOT_INT)
    if millis < 0:
        raise CommandError(errors.TIMEOUT_NEGATIVE)
    client.server.pause(millis / 1000, writes_only)
    return OK


@command("client|unpause")
def cmd_client_unpause(client, argv):
    """CLIENT UNPAUSE -- +OK; held commands run now."""
    client.server.unpause()
    return OK


_HELP = (
    b"CACHING (YES|NO)",
    b"    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
    b"GETREDIR",
    b"    Return the client ID we are redirecting to when tracking is enabled.",
    b"GETNAME",
    b"    Return the name of the current connection.",
    b"ID",
    b"    Return the ID of the current connection.",
    b"INFO",
    b"    Return information about the current client connection.",
    b"KILL <ip:port>",
    b"    Kill connection made from <ip:port>.",
    b"KILL <option> <value> [<option> <value> [...]]",
    b"    Kill connections. Options are:",
    b"    * ADDR (<ip:port>|<unixsocket>:0)",
    b"      Kill connections made from the specified address",
    b"    * LADDR (<ip:port>|<unixsocket>:0)",
    b"      Kill connections made to specified local address",
    b"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
    b"      Kill connections by type.",
    b"    * USER <username>",
    b"      Kill connections authenticated by <username>.",
    b"    * SKIPME (YES|NO)",
    b"      Skip killing current connection (default: yes).",
    b"LIST [options ...]",
    b"    Return information about client connections. Options:",
    b"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
    b"      Return clients of specified type.",
    b"UNPAUSE",
    b"    Stop the current client pause, resuming traffic.",
    b"PAUSE <timeout> [WRITE|ALL]",
    b"    Suspend all, or just write, clients for <timeout> milliseconds.",
    b"REPLY (ON|OFF|SKIP)",
    b"    Control the replies sent to the current connection.",
    b"SETNAME <name>",
    b"    Assign the name <name> to the current connection.",
    b"SETINFO <option> <value>",
    b"    Set client meta attr. Options are:",
    b"    * LIB-NAME: the client lib name.",
    b"    * LIB-VER: the client lib version.",
    b"UNBLOCK <clientid> [TIMEOUT|ERROR]",
    b"    Unblock the specified blocked client.",
    b"TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
    b"         [OPTIN] [OPTOUT] [NOLOOP]",
    b"    Control server assisted client side caching.",
    b"TRACKINGINFO",
    b"    Report tracking status for the current connection.",
    b"NO-EVICT (ON|OFF)",
    b"    Protect current client connection from eviction.",
    b"NO-TOUCH (ON|OFF)",
    b"    Will not touch LRU/LFU stats when this mode is on.",
)


@command("client|help")
def cmd_client_help(client, argv):
    """CLIENT HELP -- array of status lines."""
    return help_reply(b"client", _HELP)
