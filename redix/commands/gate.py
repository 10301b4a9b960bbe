"""Checks that run only on the slow dispatch path, in Redis's order.

``Server.execute`` calls ``gatekeeper(server, client, cmd, argv)`` when
``client.gate`` or ``server.gate`` is set; it returns True when it has dealt
with the command (refused it, queued it in MULTI, or held it during CLIENT
PAUSE) and False to let it run.
"""
from __future__ import annotations

import time

from redix import errors
from redix.protocol.replies import QUEUED

# Commands allowed in RESP2 subscribed mode, and those MULTI runs instead of queueing.
_PUBSUB_ALLOWED = frozenset((b"ping", b"subscribe", b"ssubscribe", b"unsubscribe",
                             b"sunsubscribe", b"psubscribe", b"punsubscribe", b"quit", b"reset"))
_MULTI_IMMEDIATE = frozenset((b"exec", b"discard", b"multi", b"watch", b"quit", b"reset"))


def gatekeeper(server, client, cmd, argv) -> bool:
    top = cmd.parent.name if cmd.parent is not None else cmd.name
    if not client.authenticated and not cmd.noauth:
        server.reject(client, errors.NOAUTH, cmd)
        return True
    if (client.channels or client.patterns or client.shard_channels) and not client.resp3 \
            and top not in _PUBSUB_ALLOWED:
        server.reject(client, errors.SUBSCRIBED_ONLY % cmd.fullname, cmd)
        return True
    if client.monitor and (cmd.write or cmd.readonly or cmd.may_replicate):
        # A MONITOR connection is a replica in Redis's eyes: no keyspace access.
        server.reject(client, errors.REPLICA_KEYSPACE, cmd)
        return True
    if client.multi is not None and "no_multi" in cmd.flags:
        server.reject(client, errors.NOT_IN_TRANSACTION)
        return True
    if client.multi is not None and top not in _MULTI_IMMEDIATE:
        client.multi.append((cmd, argv))
        client.reply(QUEUED)
        return True
    if server.paused_until and server.paused_until > time.monotonic() \
            and client.kind not in ("replica", "master") and _paused_for(server, client, cmd):
        client.blocked = "pause"
        client.pending_cmds = [argv]
        return True
    return False


def _paused_for(server, client, cmd) -> bool:
    """An ALL pause holds everything; a WRITE pause holds what may change data,
    including an EXEC whose queue holds such a command."""
    if not server.pause_writes_only:
        return True
    if cmd.write or cmd.may_replicate:
        return True
    return cmd.name == b"exec" and client.multi is not None and \
        any(queued.write or queued.may_replicate for queued, _ in client.multi)
