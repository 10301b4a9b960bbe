"""CLIENT UNBLOCK: the command side of ``redix.server.blocking``.

Ends the wait of a client blocked on keys as if it had timed out (its
command's timeout reply), or with ``-UNBLOCKED client unblocked via CLIENT
UNBLOCK``.  Clients not blocked on keys (or unknown ids) give 0.
"""
from __future__ import annotations

from redix import errors
from redix.commands.args import parse_int
from redix.commands.registry import command
from redix.errors import CommandError
from redix.server import blocking


@command("client|unblock")
def cmd_client_unblock(client, argv):
    """CLIENT UNBLOCK client-id [TIMEOUT | ERROR] -- integer: 1 if the client was unblocked,
    else 0."""
    if len(argv) > 4:
        raise CommandError(errors.subcommand_syntax(argv[1], b"client"))
    error = False
    if len(argv) == 4:
        reason = argv[3].lower()
        if reason not in (b"timeout", b"error"):
            raise CommandError(errors.UNBLOCK_REASON)
        error = reason == b"error"
    target = client.server.clients.get(parse_int(argv[2]))
    if target is None:
        return 0
    return 1 if blocking.unblock_client(target, error) else 0
