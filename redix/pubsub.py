"""The publish/subscribe registry: who listens to which channel or pattern.

``PubSub`` keeps, per kind (channels, patterns, shard channels), a dict of
name -> {client: None} (insertion-ordered sets).  ``publish`` encodes each
message once per protocol (RESP2 array / RESP3 push) and appends the same
bytes to every receiver's output buffer, so fan-out to 1,000 subscribers
costs 1,000 buffer appends, not 1,000 encodings.  Pattern matching uses the
compiled glob matcher.

A subscriber that stops reading is cut off by ``client-output-buffer-limit
pubsub`` (checked as its buffer grows) without slowing the publisher.
"""
from __future__ import annotations

from redix.keyspace.hashing import glob_match
from redix.protocol.replies import Push
from redix.protocol.resp import encode


class PubSub:
    __slots__ = ("channels", "patterns", "shard_channels")

    def __init__(self):
        self.channels: dict = {}
        self.patterns: dict = {}
        self.shard_channels: dict = {}

    @staticmethod
    def add(registry: dict, name: bytes, client) -> bool:
        members = registry.get(name)
        if members is None:
            members = registry[name] = {}
        if client in members:
            return False
        members[client] = None
        return True

    @staticmethod
    def remove(registry: dict, name: bytes, client) -> bool:
        members = registry.get(name)
        if members is None or client not in members:
            return False
        del members[client]
        if not members:
            del registry[name]
        return True

    def publish(self, server, channel: bytes, message: bytes, shard: bool = False) -> int:
        """Deliver to channel (or shard channel) subscribers and matching patterns."""
        receivers = 0
        kind = b"smessage" if shard else b"message"
        subscribers = (self.shard_channels if shard else self.channels).get(channel)
        if subscribers:
            frame = [kind, channel, message]
            receivers += _deliver(server, subscribers, frame)
        if not shard and self.patterns:
            for pattern, clients in list(self.patterns.items()):
                if glob_match(pattern, channel):
                    receivers += _deliver(server, clients, [b"pmessage", pattern, channel, message])
        return receivers


def _deliver(server, clients, frame: list) -> int:
    resp2 = resp3 = None
    pending = server.pending_writes
    count = 0
    for client in list(clients):
        if client.closed:
            continue
        if client.resp3:
            if resp3 is None:
                resp3 = encode(Push(frame), True)
            client.out += resp3
        else:
            if resp2 is None:
                resp2 = encode(frame, False)
            client.out += resp2
        count += 1
        if client.want_write:
            # Its socket is backed up: this is where a slow subscriber is caught.
            server.check_output_limits(client)
        else:
            pending.add(client)
    return count
