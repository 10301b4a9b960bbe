"""One connected client: its socket, parser, output buffer and session state.

The loop owns sockets; handlers see a ``Client`` through ``client.db``
(selected database), ``client.server`` and the session fields below.  Handlers
return reply values; only ``reply``/``push`` append encoded bytes to ``out``.

``gate`` is True whenever this client needs the slow dispatch path (not
authenticated, inside MULTI, subscribed in RESP2, replies switched off...):
the common case pays for one attribute test instead of a chain of checks.
"""
from __future__ import annotations

import time

from redix.protocol.resp import Reader, write_reply

REPLY_ON, REPLY_OFF, REPLY_SKIP_NEXT, REPLY_SKIP = 0, 1, 2, 3


class Client:
    __slots__ = (
        "server", "sock", "fd", "id", "addr", "laddr", "name", "reader", "out",
        "db", "resp3", "authenticated", "gate", "multi", "multi_error", "dirty_cas",
        "watched", "channels", "patterns", "shard_channels", "close_after_reply",
        "closed", "created", "last_interaction", "lib_name", "lib_ver", "last_cmd",
        "reply_mode", "blocked", "pending_cmds", "monitor", "no_evict", "no_touch",
        "kind", "want_write", "obuf_soft_since",
        "tracking", "user", "unix_socket", "propagate_as", "in_exec", "watched_expired",
    )

    def __init__(self, server, sock, client_id: int, addr: str, laddr: str):
        self.server = server
        self.sock = sock
        self.fd = sock.fileno() if sock is not None else -1
        self.id = client_id
        self.addr = addr
        self.laddr = laddr
        self.name = b""
        self.reader = Reader(server.config.proto_max_bulk_len) if server is not None else Reader()
        self.out = bytearray()
        self.db = server.dbs[0] if server is not None else None
        self.resp3 = False
        self.authenticated = not (server is not None and server.config.requirepass)
        self.reader.strict = not self.authenticated
        self.multi = None            # list of queued (cmd, argv) inside MULTI
        self.multi_error = False     # a command failed to queue: EXEC aborts
        self.in_exec = False         # running EXEC's queue: blocking commands must not block
        self.watched_expired = False  # a WATCHed key was already logically expired
        self.dirty_cas = False       # a WATCHed key changed
        self.watched: list = []      # (db, key) pairs
        self.channels: set = set()
        self.patterns: set = set()
        self.shard_channels: set = set()
        self.close_after_reply = False
        self.closed = False
        self.created = self.last_interaction = time.time()
        self.lib_name = b""
        self.lib_ver = b""
        self.last_cmd = b"NULL"
        self.reply_mode = REPLY_ON
        self.blocked = None          # blocking state while waiting on keys
        self.pending_cmds = None     # parsed commands held back while blocked
        self.monitor = False
        self.no_evict = False
        self.no_touch = False
        self.kind = "normal"         # normal | pubsub | replica | master
        self.want_write = False      # output is waiting for the socket to drain
        self.obuf_soft_since = 0.0
        self.tracking = None         # ClientTracking while CLIENT TRACKING is on
        self.user = b"default"
        self.unix_socket = False
        self.propagate_as = None     # argv, or list of argvs, to replicate instead
        self.in_exec = False         # EXEC/scripts running its commands: nothing may block
        self.gate = not self.authenticated

    def update_gate(self) -> None:
        """Recompute whether dispatch must take the slow path for this client."""
        self.gate = bool(
            not self.authenticated or self.multi is not None
            or (not self.resp3 and (self.channels or self.patterns or self.shard_channels))
            or self.reply_mode != REPLY_ON or self.monitor
            # Tracking clients: their reads are remembered on the slow path (server.tracking).
            or self.tracking is not None
        )

    def reply(self, value) -> None:
        """Queue a reply to the command this client sent."""
        mode = self.reply_mode
        if mode:
            if mode == REPLY_SKIP_NEXT:
                self.reply_mode = REPLY_SKIP
            elif mode == REPLY_SKIP:
                self.reply_mode = REPLY_ON
                self.update_gate()
            return
        write_reply(self.out, value, self.resp3)

    def push(self, value) -> None:
        """Send data this client did not ask for just now (pub/sub, unblocked replies)."""
        if self.closed:
            return
        write_reply(self.out, value, self.resp3)
        self.server.pending_writes.add(self)

    def subscriptions(self) -> int:
        return len(self.channels) + len(self.patterns)

    def flags_string(self) -> str:
        """CLIENT LIST ``flags=``: one letter per state, in Redis's order; N for none."""
        flags = ""
        if self.monitor:
            flags += "O"
        elif self.kind == "replica":
            flags += "S"
        if self.kind == "master":
            flags += "M"
        if self.channels or self.patterns or self.shard_channels:
            flags += "P"
        if self.multi is not None:
            flags += "x"
        if self.blocked is not None:
            flags += "b"
        tracking = self.tracking
        if tracking is not None:
            flags += "t"
            if tracking.broken:
                flags += "R"
            if tracking.bcast:
                flags += "B"
        if self.dirty_cas:
            flags += "d"
        if self.close_after_reply:
            flags += "c"
        if self.unix_socket:
            flags += "U"
        if self.no_evict:
            flags += "e"
        if self.no_touch:
            flags += "T"
        return flags or "N"
