"""Clients waiting on keys: the one blocking mechanism every blocking command uses.

BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP use it now; BZPOPMIN, BZPOPMAX,
BZMPOP and XREAD/XREADGROUP BLOCK are meant to use it unchanged.

Blocking
    A handler that finds nothing to serve returns
    ``blocking.block(client, db, keys, timeout, serve, on_timeout, data)``.
    The client is queued on every key (in ``db.blocked_keys``: key -> dict
    of client -> ``BlockState``, an insertion-ordered set), a timer is armed
    unless ``timeout`` is 0 (for ever), ``client.blocked`` holds the state
    and ``replies.BLOCKED`` goes back to the dispatcher, which sends nothing.
    While ``client.blocked`` is set the loop keeps the client's further
    input unread (``Server._read``) and its pipelined commands held
    (``client.pending_cmds``).  ``timeout`` is in seconds, as
    ``args.parse_timeout`` (seconds, long-double rules) or
    ``args.parse_timeout_ms`` (integer milliseconds) return it.

Serving
    Every change to a key ends in ``Database.written``, which calls
    ``server.signal_key_ready(db, key)`` when the key has waiters.  After
    each top-level command (``Server.execute``, as Redis 7.0 does after each
    ``call``: a pipelined ``RPUSH k a`` / ``LPOP k`` hands ``a`` to the waiter,
    not to LPOP) and again in ``before_sleep``, ``serve_ready`` takes the
    ready keys in the order they were signalled and offers each one to its
    waiters in the order they blocked (first come, first served):
    ``serve(client, key)`` returns the reply that ends the wait, or None
    to keep waiting (the key is empty again, or holds another type: Redis
    7.0 keeps such a waiter blocked).  ``serve`` may raise ``CommandError``:
    the waiter gets that error and stops waiting (BLMOVE into a key of the
    wrong type).  A ``serve`` that returns None is not asked again for the
    same key in that round, for the other waiters sharing it: share a
    module-level function between waiters that ask the same thing of a key
    (all BLPOPs), and give each waiter its own callable when the answer
    depends on the waiter (XREAD after different IDs).  ``serve`` finds its
    command's details in ``client.blocked.data``; ``client.db`` is the
    database it blocked in (a blocked client runs nothing, not even SELECT).
    Serving can make other keys ready (BLMOVE pushes): those are served in
    the same pass, so chains of BLMOVEs complete at once.

Unblocking
    A served, timed-out or CLIENT UNBLOCKed client gets its reply through
    ``client.reply`` (CLIENT REPLY modes apply), leaves every key's queue,
    has its timer cancelled, and is queued in ``server.unblocked_clients``;
    ``before_sleep`` then runs the commands it pipelined behind the blocking
    one, as Redis does after an unblock.  ``on_timeout(client)`` gives the
    timeout reply (default: the null array, ``*-1`` / RESP3 ``_``).  A client
    that disconnects while blocked is forgotten (``client_closed``, an
    ``on_client_close`` hook): a later push serves nobody and the list keeps
    the element.

Not blocking
    Inside MULTI/EXEC (``client.multi`` set, or ``client.in_exec``, which
    EXEC and scripts set while they run commands) a blocking command must not
    block: ``block`` then returns ``on_timeout(client)`` at once.  Commands
    whose non-blocking answer differs from their timeout reply (BLMOVE gives
    a null bulk in EXEC but a null array on timeout) test ``may_block``
    first.

CLIENT PAUSE
    While the server is paused, ready keys wait: their waiters are served
    once the pause ends (the pause's own timeout still applies).

Replication
    A blocking command propagates as its non-blocking form (BLPOP as LPOP
    key, BLMOVE as LMOVE...).  Whatever pops for a waiter sets
    ``client.propagate_as`` to that argv, both when the handler pops at once
    and when ``serve`` pops later; for a served waiter this module runs
    ``server.hooks_after_call`` with ``(client, command, propagate_as)``, the
    after-call hooks' usual arguments, since no dispatcher call surrounds it.
    ``propagate_as`` may also be a list of argvs (a served XREADGROUP
    replicates as one XCLAIM per entry): the hooks then run once per argv.
    A consumer of ``propagate_as`` resets it to None once read.

Stats: ``server.blocked_clients`` counts clients blocked here (INFO clients).

Example, as a sorted-set module would write BZPOPMIN::

    def _serve_bzpopmin(client, key):          # shared by every BZPOPMIN waiter
        zset = client.db.lookup(key)
        if type(zset) is not ZSet:
            return None                        # empty again, or not a zset: keep waiting
        client.propagate_as = [b"ZPOPMIN", key]
        return [key, *pop_min(client.db, key, zset)]

    # in the handler, every key empty:
    return blocking.block(client, client.db, keys, parse_timeout(argv[-1]), _serve_bzpopmin)

A key is offered to its waiters on every write, deletion included, so a
``serve`` can also end a wait with an error when its key went away (XREADGROUP).

API: ``block``, ``may_block``, ``BlockState``, ``serve_ready(server)``,
``before_sleep(server)``, ``unblock_client(client, error) -> bool``
(CLIENT UNBLOCK), ``client_closed(client)``, ``timed_out_null``.
"""
from __future__ import annotations

import time

from redix.commands import registry
from redix.errors import UNBLOCKED_BY_CLIENT, CommandError
from redix.server import hooks
from redix.protocol.replies import BLOCKED, NULL_ARRAY, ErrorReply


class BlockState:
    """What a blocked client waits for (``client.blocked``)."""

    __slots__ = ("db", "keys", "serve", "on_timeout", "data", "timer")

    def __init__(self, db, keys, serve, on_timeout, data):
        self.db = db
        self.keys = keys
        self.serve = serve
        self.on_timeout = on_timeout
        self.data = data
        self.timer = None


def timed_out_null(client):
    """The usual timeout reply: a null array."""
    return NULL_ARRAY


def may_block(client) -> bool:
    """False inside MULTI/EXEC or a script, where blocking commands answer at once."""
    return client.multi is None and not client.in_exec


def block(client, db, keys, timeout: float, serve, on_timeout=timed_out_null, data=None):
    """Make ``client`` wait on ``keys`` of ``db``; returns the handler's reply (BLOCKED)."""
    if not may_block(client):
        return on_timeout(client)
    state = BlockState(db, keys, serve, on_timeout, data)
    blocked_keys = db.blocked_keys
    for key in keys:
        waiters = blocked_keys.get(key)
        if waiters is None:
            waiters = blocked_keys[key] = {}
        waiters[client] = state
    server = client.server
    if timeout:
        state.timer = server.call_later(timeout, lambda: _timed_out(client, state))
    client.blocked = state
    server.blocked_clients += 1
    return BLOCKED


def _forget(client, state: BlockState) -> None:
    """Take the client off every key's queue and disarm its timer."""
    if state.timer is not None:
        state.timer.cancel()
    blocked_keys = state.db.blocked_keys
    for key in state.keys:
        waiters = blocked_keys.get(key)
        if waiters is not None:
            waiters.pop(client, None)
            if not waiters:
                del blocked_keys[key]
    client.blocked = None
    client.server.blocked_clients -= 1


def _release(client, state: BlockState, reply) -> None:
    _forget(client, state)
    server = client.server
    client.reply(reply)
    server.pending_writes.add(client)
    server.unblocked_clients.append(client)


def _timed_out(client, state: BlockState) -> None:
    if client.blocked is state and not client.closed:
        _release(client, state, state.on_timeout(client))


def unblock_client(client, error: bool) -> bool:
    """CLIENT UNBLOCK: end the wait as a timeout, or with the UNBLOCKED error."""
    state = client.blocked
    if not isinstance(state, BlockState):
        return False
    _release(client, state, ErrorReply(UNBLOCKED_BY_CLIENT) if error else state.on_timeout(client))
    return True


def client_closed(client) -> None:
    state = client.blocked
    if isinstance(state, BlockState):
        _forget(client, state)


def serve_ready(server) -> None:
    """Offer every ready key to its waiters, until no key is left ready."""
    ready = server.ready_keys
    if server.paused_until and server.paused_until > time.monotonic():
        return
    while ready:
        # Signals repeat (one per write); each key is offered once a round.
        batch = list(dict.fromkeys(ready))
        ready.clear()
        for db, key in batch:
            _serve_key(server, db, key)


def _serve_key(server, db, key) -> None:
    waiters = db.blocked_keys.get(key)
    if not waiters:
        return
    declined = None
    for client, state in list(waiters.items()):
        if client.blocked is not state:
            continue            # served meanwhile through another key
        serve = state.serve
        if declined is not None and serve in declined:
            continue
        client.propagate_as = None
        try:
            reply = serve(client, key)
        except CommandError as exc:
            reply = ErrorReply(exc.message)
        if reply is None:
            if declined is None:
                declined = set()
            declined.add(serve)
            continue
        _release(client, state, reply)
        propagate = client.propagate_as
        if propagate is not None:
            client.propagate_as = None
            if server.hooks_after_call:
                # One argv, or a list of argvs (XREADGROUP's claims).
                argvs = propagate if not propagate or type(propagate[0]) is list \
                    else (propagate,)
                for argv in argvs:
                    cmd = registry.lookup(argv)
                    for hook in server.hooks_after_call:
                        hook(client, cmd, argv)


def before_sleep(server) -> None:
    """Serve ready keys, then run what unblocked clients pipelined behind their wait."""
    serve_ready(server)
    while server.unblocked_clients:
        clients = server.unblocked_clients
        server.unblocked_clients = []
        for client in clients:
            if not client.closed and client.blocked is None:
                server.process_input(client)
        serve_ready(server)


hooks.on_client_close.append(client_closed)
