"""Connection commands: PING, ECHO, QUIT, RESET, AUTH, HELLO, SELECT (SWAPDB is in keys).

Session state lives on the ``Client``; these handlers change it and return
replies like every other handler.
"""
from __future__ import annotations

import hmac

from redix import errors
from redix.commands.args import parse_int, to_int
from redix.commands.registry import command
from redix.errors import CommandError
from redix.protocol.replies import OK, PONG, Simple


@command("ping")
def cmd_ping(client, argv):
    """PING [message] -- simple string PONG, or the message as a bulk string."""
    if len(argv) > 2:
        raise CommandError(errors.wrong_arity(b"ping"))
    if (client.channels or client.patterns or client.shard_channels) and not client.resp3:
        return [b"pong", argv[1] if len(argv) == 2 else b""]
    return argv[1] if len(argv) == 2 else PONG


@command("echo")
def cmd_echo(client, argv):
    """ECHO message -- the message."""
    return argv[1]


@command("quit")
def cmd_quit(client, argv):
    """QUIT -- +OK, then the connection closes."""
    client.close_after_reply = True
    return OK


def _password_ok(server, username: bytes, password: bytes) -> bool:
    required = server.config.requirepass
    if username != b"default":
        return False
    if not required:
        return True     # the default user has 'nopass': any password works
    if isinstance(required, str):
        required = required.encode()
    return hmac.compare_digest(required, password)


def _authenticate(client, username: bytes, password: bytes) -> None:
    if not _password_ok(client.server, username, password):
        raise CommandError(errors.WRONGPASS)
    client.authenticated = True
    client.reader.strict = False
    client.user = username
    client.update_gate()


@command("auth")
def cmd_auth(client, argv):
    """AUTH [username] password -- +OK or WRONGPASS."""
    if len(argv) > 3:
        raise CommandError(errors.SYNTAX)
    if len(argv) == 2:
        if not client.server.config.requirepass:
            raise CommandError(errors.AUTH_NOT_CONFIGURED)
        _authenticate(client, b"default", argv[1])
    else:
        _authenticate(client, argv[1], argv[2])
    return OK


@command("hello")
def cmd_hello(client, argv):
    """HELLO [protover [AUTH username password] [SETNAME clientname]] -- server properties map."""
    proto = None
    if len(argv) > 1:
        proto = to_int(argv[1])
        if proto is None:
            raise CommandError(errors.HELLO_PROTO_NOT_INT)
        if proto not in (2, 3):
            raise CommandError(errors.NOPROTO)
    i, auth, name = 2, None, None
    while i < len(argv):
        option = argv[i].lower()
        left = len(argv) - i - 1
        if option == b"auth" and left >= 2:
            auth = (argv[i + 1], argv[i + 2])
            i += 3
        elif option == b"setname" and left >= 1:
            name = argv[i + 1]
            i += 2
        else:
            raise CommandError(errors.hello_syntax(argv[i]))
    if auth is not None:
        _authenticate(client, *auth)
    if not client.authenticated:
        raise CommandError(b"NOAUTH HELLO must be called with the client already authenticated, "
                           b"otherwise the HELLO <proto> AUTH <user> <pass> option can be used to "
                           b"authenticate the client and select the RESP protocol version at the "
                           b"same time")
    if name is not None:
        check_client_name(name)
        client.name = name
    if proto is not None:
        client.resp3 = proto == 3
        client.update_gate()
    return hello_reply(client)


def hello_reply(client) -> dict:
    server = client.server
    role = b"slave" if server.replication is not None and server.replication.is_replica() \
        else b"master"
    return {b"server": b"redis", b"version": b"7.0.15", b"proto": 3 if client.resp3 else 2,
            b"id": client.id, b"mode": b"standalone", b"role": role, b"modules": []}


def check_client_name(name: bytes) -> None:
    for c in name:
        if c < 33 or c > 126:
            raise CommandError(errors.CLIENT_NAME_CHARS)


@command("select")
def cmd_select(client, argv):
    """SELECT index -- +OK."""
    index = parse_int(argv[1])
    dbs = client.server.dbs
    if index < 0 or index >= len(dbs):
        raise CommandError(errors.DB_INDEX_RANGE)
    client.db = dbs[index]
    return OK


@command("reset")
def cmd_reset(client, argv):
    """RESET -- +RESET; the connection returns to its state right after connecting."""
    server = client.server
    for hook in server.on_client_reset:
        hook(client)
    client.multi = None
    client.multi_error = False
    client.dirty_cas = False
    client.db = server.dbs[0]
    client.resp3 = False
    client.name = b""
    client.reply_mode = 0
    client.no_evict = client.no_touch = False
    if client.monitor:
        client.monitor = False
        if client in server.monitors:
            server.monitors.remove(client)
    if server.config.requirepass:
        client.authenticated = False
        client.reader.strict = True
    client.update_gate()
    return Simple(b"RESET")
