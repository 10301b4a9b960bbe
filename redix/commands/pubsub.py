"""Pub/Sub commands: (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH, PUBSUB.

Subscription confirmations are one reply per channel, so these handlers send
them with ``client.reply`` themselves and return ``NO_REPLY``.  In RESP2 a
subscribed client enters the restricted context enforced by ``gate``; in
RESP3 messages are push frames and every command keeps working.
"""
from __future__ import annotations

from redix.commands.registry import command
from redix.keyspace.hashing import glob_match
from redix.protocol.replies import NO_REPLY, Push
from redix.server import hooks


def _registry(client, kind: str) -> dict:
    return getattr(client.server.pubsub, kind)


def _confirm(client, verb: bytes, name, count: int) -> None:
    client.reply(Push([verb, name, count]))


def _count(client, shard: bool) -> int:
    if shard:
        return len(client.shard_channels)
    return len(client.channels) + len(client.patterns)


_KINDS = {
    # kind: (client attribute, registry attribute, subscribe verb, unsubscribe verb, shard?)
    "channel": ("channels", "channels", b"subscribe", b"unsubscribe", False),
    "pattern": ("patterns", "patterns", b"psubscribe", b"punsubscribe", False),
    "shard": ("shard_channels", "shard_channels", b"ssubscribe", b"sunsubscribe", True),
}


def _subscribe(client, names, kind: str) -> None:
    attr, reg_attr, verb, _, shard = _KINDS[kind]
    mine = getattr(client, attr)
    registry = _registry(client, reg_attr)
    for name in names:
        if name not in mine:
            mine.add(name)
            client.server.pubsub.add(registry, name, client)
        _confirm(client, verb, name, _count(client, shard))
    client.update_gate()


def _unsubscribe(client, names, kind: str, notify: bool = True) -> None:
    attr, reg_attr, _, verb, shard = _KINDS[kind]
    mine = getattr(client, attr)
    registry = _registry(client, reg_attr)
    if not names:
        names = list(mine)
        if not names and notify:
            _confirm(client, verb, None, _count(client, shard))
    for name in names:
        if name in mine:
            mine.discard(name)
            client.server.pubsub.remove(registry, name, client)
        if notify:
            _confirm(client, verb, name, _count(client, shard))
    client.update_gate()


@command("subscribe")
def cmd_subscribe(client, argv):
    """SUBSCRIBE channel [channel ...] -- a subscribe confirmation per channel."""
    _subscribe(client, argv[1:], "channel")
    return NO_REPLY


@command("psubscribe")
def cmd_psubscribe(client, argv):
    """PSUBSCRIBE pattern [pattern ...] -- a psubscribe confirmation per pattern."""
    _subscribe(client, argv[1:], "pattern")
    return NO_REPLY


@command("ssubscribe")
def cmd_ssubscribe(client, argv):
    """SSUBSCRIBE shardchannel [shardchannel ...] -- an ssubscribe confirmation each."""
    _subscribe(client, argv[1:], "shard")
    return NO_REPLY


@command("unsubscribe")
def cmd_unsubscribe(client, argv):
    """UNSUBSCRIBE [channel ...] -- an unsubscribe confirmation per channel."""
    _unsubscribe(client, argv[1:], "channel")
    return NO_REPLY


@command("punsubscribe")
def cmd_punsubscribe(client, argv):
    """PUNSUBSCRIBE [pattern ...] -- a punsubscribe confirmation per pattern."""
    _unsubscribe(client, argv[1:], "pattern")
    return NO_REPLY


@command("sunsubscribe")
def cmd_sunsubscribe(client, argv):
    """SUNSUBSCRIBE [shardchannel ...] -- an sunsubscribe confirmation each."""
    _unsubscribe(client, argv[1:], "shard")
    return NO_REPLY


@command("publish")
def cmd_publish(client, argv):
    """PUBLISH channel message -- integer: clients that received it."""
    server = client.server
    return server.pubsub.publish(server, argv[1], argv[2])


@command("spublish")
def cmd_spublish(client, argv):
    """SPUBLISH shardchannel message -- integer: clients that received it."""
    server = client.server
    return server.pubsub.publish(server, argv[1], argv[2], shard=True)


def _matching(names, pattern):
    if pattern is None:
        return list(names)
    return [name for name in names if glob_match(pattern, name)]


@command("pubsub|channels")
def cmd_pubsub_channels(client, argv):
    """PUBSUB CHANNELS [pattern] -- array of active channels."""
    return _matching(client.server.pubsub.channels, argv[2] if len(argv) > 2 else None)


@command("pubsub|shardchannels")
def cmd_pubsub_shardchannels(client, argv):
    """PUBSUB SHARDCHANNELS [pattern] -- array of active shard channels."""
    return _matching(client.server.pubsub.shard_channels, argv[2] if len(argv) > 2 else None)


@command("pubsub|numsub")
def cmd_pubsub_numsub(client, argv):
    """PUBSUB NUMSUB [channel ...] -- flat array of channel, count (also in RESP3)."""
    return _counts(client.server.pubsub.channels, argv[2:])


@command("pubsub|shardnumsub")
def cmd_pubsub_shardnumsub(client, argv):
    """PUBSUB SHARDNUMSUB [shardchannel ...] -- flat array of shard channel, count."""
    return _counts(client.server.pubsub.shard_channels, argv[2:])


def _counts(registry: dict, names) -> list:
    return [x for name in names for x in (name, len(registry.get(name, ())))]


@command("pubsub|numpat")
def cmd_pubsub_numpat(client, argv):
    """PUBSUB NUMPAT -- integer: patterns subscribed by anyone."""
    return len(client.server.pubsub.patterns)


@command("pubsub|help")
def cmd_pubsub_help(client, argv):
    """PUBSUB HELP -- help lines."""
    from redix.protocol.replies import Simple
    lines = [
        "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)",
        "HELP",
        "    Prints this help.",
    ]
    return [Simple(line.encode()) for line in lines]


def _forget(client) -> None:
    for kind in ("channel", "pattern", "shard"):
        _unsubscribe(client, [], kind, notify=False)


hooks.on_client_close.append(_forget)
hooks.on_client_reset.append(_forget)
