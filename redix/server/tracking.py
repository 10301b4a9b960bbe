"""Client-side caching: which clients may hold which keys, and telling them when one changes.

Modes (``CLIENT TRACKING ON ...``, handlers in ``commands.tracking_cmds``):

default   The server remembers each key a tracking client reads: the key
          arguments of its read-only commands (``Command.get_keys``), in
          ``keys``: key -> {client id: None}.  The first change of such a key
          sends each of those clients one invalidation and forgets the key: it
          is tracked again once read again.  Ids stay in the table when a client
          turns tracking off (as in Redis, they are skipped lazily).
          OPTIN remembers only right after ``CLIENT CACHING yes``, OPTOUT
          skips right after ``CLIENT CACHING no``: the choice lasts one command
          (any command but CLIENT ..., even a rejected one, ends it), or a whole
          MULTI ... EXEC.
BCAST     Nothing is remembered.  A change of a key under one of the client's
          prefixes ("" = every key) is collected per prefix and sent in
          ``before_sleep`` as one message per prefix (prefixes and keys sorted,
          as Redis's radix trees give them).
NOLOOP    Changes the client makes itself are not reported to it.
REDIRECT  Messages go to another connection: a RESP3 one gets the push; a RESP2
          one gets ``message __redis__:invalidate <keys>`` if it is subscribed to
          anything.  A target that is gone marks the redirect broken
          (``tracking-redir-broken`` push to a RESP3 tracking client).

Messages are ``>2 invalidate [key ...]``; FLUSHDB/FLUSHALL send a null instead
of keys to every tracking client, encoded as the *tracking* client's protocol
writes a null (``_`` or ``$-1``), even when redirected, as Redis does.  A
message for the client whose command caused it is held until that command's
reply is out (``after_command``), so it never lands inside a reply.

Cost: only tracking clients record keys, on the slow dispatch path they all
take (``Client.gate``); invalidation hangs off ``Database.written`` through
the ``TRACKING`` bit of ``db.signals``, set only while some client tracks
(``keyspace.events.refresh``).

API (``server.tracking``): ``enable``, ``disable``, ``remember``,
``invalidate``, ``flushed``, ``after_command``, ``broadcast`` (before_sleep,
when ``pending``), ``info``.
"""
from __future__ import annotations

from redix.protocol.replies import Push, Raw
from redix.protocol.resp import encode
from redix.server import hooks

_INVALIDATE = b">2\r\n$10\r\ninvalidate\r\n"
_INVALIDATE_MESSAGE = b"*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n"
_CLIENT = b"client"


class ClientTracking:
    """One client's tracking options (``client.tracking`` while tracking is on)."""
    __slots__ = ("bcast", "optin", "optout", "noloop", "redirect", "prefixes", "caching",
                 "broken")

    def __init__(self):
        self.bcast = self.optin = self.optout = self.noloop = False
        self.redirect = 0            # client id, 0 for none
        self.prefixes: set = set()
        self.caching = False         # CLIENT CACHING yes/no given for the next command
        self.broken = False          # the redirect target has gone

    def flag_names(self) -> list:
        """CLIENT TRACKINGINFO ``flags``, in Redis's order."""
        flags = [b"on"]
        for on, name in ((self.bcast, b"bcast"), (self.optin, b"optin"),
                         (self.optout, b"optout"), (self.caching and self.optin, b"caching-yes"),
                         (self.caching and self.optout, b"caching-no"),
                         (self.noloop, b"noloop"), (self.broken, b"broken_redirect")):
            if on:
                flags.append(name)
        return flags


class _Prefix:
    """BCAST subscribers of one prefix and the keys changed under it since the last send."""
    __slots__ = ("clients", "changed")

    def __init__(self):
        self.clients: dict = {}
        # key -> the client that changed it, or None when several did (or one we
        # cannot name): NOLOOP may only hide a key its own client alone changed.
        self.changed: dict = {}


class Tracking:
    def __init__(self, server):
        self.server = server
        self.keys: dict = {}
        self.prefixes: dict = {}
        self.active = 0           # clients with tracking on
        self.pending = False      # some prefix has changed keys to broadcast
        self.held: list = []      # (client, keys) waiting for that client's reply

    # --- turning it on and off ----------------------------------------------------------------
    def enable(self, client, bcast: bool, optin: bool, optout: bool, noloop: bool,
               redirect: int, prefixes: list) -> None:
        """CLIENT TRACKING ON with validated options (the mode switches are checked by then)."""
        tracking = client.tracking
        if tracking is None:
            tracking = client.tracking = ClientTracking()
            self.active += 1
            client.update_gate()
            if self.active == 1:
                self._refresh()
        tracking.bcast, tracking.optin, tracking.optout = bcast, optin, optout
        tracking.noloop = noloop
        tracking.redirect = redirect
        tracking.broken = False
        if bcast:
            for prefix in prefixes or (b"",):
                tracking.prefixes.add(prefix)
                state = self.prefixes.get(prefix)
                if state is None:
                    state = self.prefixes[prefix] = _Prefix()
                state.clients[client] = None

    def disable(self, client) -> None:
        tracking = client.tracking
        if tracking is None:
            return
        for prefix in tracking.prefixes:
            state = self.prefixes.get(prefix)
            if state is not None:
                state.clients.pop(client, None)
                if not state.clients:
                    del self.prefixes[prefix]
        client.tracking = None
        client.update_gate()
        self.active -= 1
        if self.active == 0:
            self._refresh()

    def _refresh(self) -> None:
        from redix.keyspace.events import refresh
        refresh(self.server)

    # --- reads and writes ----------------------------------------------------------------------
    def remember(self, client, cmd, argv) -> None:
        """After a read-only command of a tracking client: the keys it may now cache."""
        tracking = client.tracking
        if tracking.bcast or (tracking.optin and not tracking.caching) \
                or (tracking.optout and tracking.caching):
            return
        keys = self.keys
        cid = client.id
        for pos in cmd.get_keys(argv):
            ids = keys.get(argv[pos])
            if ids is None:
                ids = keys[argv[pos]] = {}
            ids[cid] = None

    def invalidate(self, key: bytes, modifier) -> None:
        """``key`` changed (``modifier``: the client whose command changed it, or None)."""
        ids = self.keys.pop(key, None)
        if ids:
            clients = self.server.clients
            current = self.server.current_client
            for cid in ids:
                target = clients.get(cid)
                if target is None:
                    continue
                tracking = target.tracking
                if tracking is None or tracking.bcast or (tracking.noloop and target is modifier):
                    continue
                if target is current:
                    self.held.append((target, [key]))
                else:
                    self.send(target, [key])
        if self.prefixes:
            for prefix, state in self.prefixes.items():
                if key.startswith(prefix):
                    changed = state.changed
                    if key in changed and changed[key] is not modifier:
                        changed[key] = None
                    else:
                        changed[key] = modifier
                    self.pending = True

    def flushed(self) -> None:
        """FLUSHDB/FLUSHALL: every tracking client drops everything (a null invalidation)."""
        current = self.server.current_client
        for client in list(self.server.clients.values()):
            if client.tracking is not None:
                if client is current:
                    self.held.append((client, None))
                else:
                    self.send(client, None)
        self.keys = {}

    def after_command(self, client, cmd) -> None:
        """A tracking client's command is over (run or rejected) and its reply queued."""
        tracking = client.tracking
        if tracking is not None and tracking.caching and client.multi is None \
                and (cmd is None or cmd.parent is None or cmd.parent.name != _CLIENT):
            tracking.caching = False
        if self.held:
            held, self.held = self.held, []
            for target, keys in held:
                if target.tracking is not None:
                    self.send(target, keys)
        limit = self.server.config.tracking_table_max_keys
        if limit and len(self.keys) > limit:
            self._shrink(limit)

    def _shrink(self, limit: int) -> None:
        """tracking-table-max-keys: forget the oldest keys, invalidating them (clients must
        not keep caching what the server no longer watches)."""
        while len(self.keys) > limit:
            key = next(iter(self.keys))
            self.invalidate(key, None)

    def broadcast(self) -> None:
        """before_sleep: one message per BCAST client and prefix with the keys changed."""
        self.pending = False
        for prefix in sorted(self.prefixes):
            state = self.prefixes[prefix]
            if not state.changed:
                continue
            changed = state.changed
            state.changed = {}
            keys = sorted(changed)
            for client in list(state.clients):
                if client.tracking.noloop:
                    mine = [key for key in keys if changed[key] is not client]
                    if mine:
                        self.send(client, mine)
                else:
                    self.send(client, keys)

    # --- delivery -----------------------------------------------------------------------------
    def send(self, client, keys) -> None:
        """One invalidation message for ``client`` (``keys`` None: everything)."""
        tracking = client.tracking
        target = client
        redirected = tracking.redirect != 0
        if redirected:
            target = self.server.clients.get(tracking.redirect)
            if target is None or target.closed:
                tracking.broken = True
                if client.resp3:
                    client.push(Push([b"tracking-redir-broken", tracking.redirect]))
                return
        if keys is None:
            payload = b"_\r\n" if client.resp3 else b"$-1\r\n"
        else:
            payload = encode(keys, False)
        if target.resp3:
            target.push(Raw(_INVALIDATE + payload))
        elif redirected and (target.channels or target.patterns or target.shard_channels):
            target.push(Raw(_INVALIDATE_MESSAGE + payload))
        # A RESP2 client without a redirect cannot be told anything, as in Redis.

    def info(self) -> tuple:
        """INFO stats: (tracking_total_keys, tracking_total_items, tracking_total_prefixes)."""
        return len(self.keys), sum(len(ids) for ids in self.keys.values()), len(self.prefixes)


def _forget(client) -> None:
    if client.tracking is not None:
        client.server.tracking.disable(client)


hooks.on_client_close.append(_forget)
hooks.on_client_reset.append(_forget)
