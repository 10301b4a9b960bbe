"""The command table: one ``Command`` per name, driving dispatch and introspection.

Handlers register with ``@command("name")`` (subcommands as ``"client|setname"``).
Arity, flags, key positions, key specs, ACL categories and the exact
``COMMAND INFO`` / ``COMMAND DOCS`` reply bytes come from
``redix/data/commands.json``, recorded from redis-server 7.0.15 by
``tests/tools/dump_command_table.py``, so what clients see matches Redis byte
for byte.  Commands Redis 7.0 lacks (``CLIENT SETINFO``...) pass their
metadata to the decorator: ``arity``, ``flags``, ``acl``, and ``docs`` (a dict
in COMMAND DOCS shape: summary, since, group, complexity, arguments).

Only implemented commands enter ``TABLE``; ``COMMAND COUNT`` and friends
therefore describe what Redix really serves.

API:
    ``command(name, **meta)``      decorator registering a handler
    ``TABLE``                      dict: name in lower and upper case -> Command
    ``lookup(argv)``               the Command for argv, or None (subcommands resolved)
    ``all_commands()``             top-level Commands, each once
    ``Command.get_keys(argv)``     key positions from the key specs (COMMAND GETKEYS)
"""
from __future__ import annotations

import json
import os

from redix.commands.keyspecs import key_refs
from redix.protocol.replies import Preencoded
from redix.protocol.resp import encode

_DATA_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "commands.json")
with open(_DATA_PATH, encoding="latin-1") as _f:
    _META: dict = json.load(_f)


class Command:
    """One command or subcommand: metadata, handler and statistics."""

    __slots__ = (
        "name", "fullname", "handler", "arity", "flags", "first", "last", "step",
        "key_specs", "acl", "group", "subcommands", "parent", "info", "docs",
        "calls", "usec", "failed_calls", "rejected_calls",
        "write", "readonly", "denyoom", "noauth", "pubsub_ok", "loading_ok",
        "stale_ok", "noscript", "blocking", "admin", "may_replicate", "fast",
    )

    def __init__(self, fullname: str, meta: dict, handler=None, parent=None):
        self.fullname = fullname.encode()
        self.name = fullname.split("|")[-1].encode()
        self.handler = handler
        self.parent = parent
        self.arity = meta["arity"]
        self.flags = frozenset(meta.get("flags", ()))
        self.first = meta.get("first", 0)
        self.last = meta.get("last", 0)
        self.step = meta.get("step", 0)
        self.key_specs = meta.get("key_specs", [])
        self.acl = meta.get("acl", [])
        self.group = meta.get("group", "")
        self.subcommands: dict[bytes, Command] = {}
        self.info = Preencoded(meta["info2"].encode("latin-1"), meta["info3"].encode("latin-1"))
        docs2, docs3 = meta.get("docs2"), meta.get("docs3")
        self.docs = (Preencoded(docs2.encode("latin-1"), docs3.encode("latin-1"))
                     if docs2 is not None else None)
        self.calls = self.usec = self.failed_calls = self.rejected_calls = 0
        flags = self.flags
        self.write = "write" in flags
        self.readonly = "readonly" in flags
        self.denyoom = "denyoom" in flags
        self.noauth = "no_auth" in flags
        self.pubsub_ok = "pubsub" in flags
        self.loading_ok = "loading" in flags
        self.stale_ok = "stale" in flags
        self.noscript = "noscript" in flags
        self.blocking = "blocking" in flags
        self.admin = "admin" in flags
        self.may_replicate = "may_replicate" in flags
        self.fast = "fast" in flags

    def __repr__(self) -> str:
        return f"<Command {self.fullname.decode()}>"

    def get_keys(self, argv: list) -> list[int]:
        """Positions of the key arguments (COMMAND GETKEYS); see ``keyspecs``."""
        return [pos for pos, _ in key_refs(self, argv)]


TABLE: dict[bytes, Command] = {}


def _synth_info(fullname: str, meta: dict) -> dict:
    """COMMAND INFO (and DOCS) bytes for a command Redis 7.0's table lacks.

    Flags and ACL categories keep the order given (Redis's canonical order);
    in RESP3 every list in an INFO entry is a set, as Redis sends it.
    """
    def entry(resp3: bool) -> str:
        mark = b"~" if resp3 else b"*"
        flags = meta.get("flags", ())
        acl = meta.get("acl", ())
        out = encode(fullname.encode(), resp3) + b":%d\r\n" % meta["arity"]
        out += mark + b"%d\r\n" % len(flags) + b"".join(b"+%s\r\n" % f.encode() for f in flags)
        out += b":%d\r\n:%d\r\n:%d\r\n" % (meta.get("first", 0), meta.get("last", 0),
                                           meta.get("step", 0))
        out += mark + b"%d\r\n" % len(acl)
        out += b"".join(b"+@%s\r\n" % a.lstrip("@").encode() for a in acl)
        out += mark + b"0\r\n" + mark + b"0\r\n" + mark + b"0\r\n"   # tips, key specs, subcommands
        return (b"*10\r\n" + out).decode("latin-1")
    meta = dict(meta)
    meta["info2"], meta["info3"] = entry(False), entry(True)
    meta["acl"] = ["@" + a.lstrip("@") for a in meta.get("acl", ())]
    docs = meta.get("docs")
    if docs is not None:
        meta["docs2"] = encode(docs, False).decode("latin-1")
        meta["docs3"] = encode(docs, True).decode("latin-1")
    return meta


def _meta_for(fullname: str, overrides: dict) -> dict:
    parent, _, sub = fullname.partition("|")
    meta = _META.get(parent)
    if meta is not None and sub:
        meta = meta["subcommands"].get(fullname)
    if meta is None:
        if "arity" not in overrides:
            raise KeyError(f"{fullname}: not a Redis 7.0 command; pass arity= and flags=")
        return _synth_info(fullname, overrides)
    merged = dict(meta)
    merged.update(overrides)
    if overrides.get("arity", meta["arity"]) != meta["arity"]:
        # A later Redis's arity (ZRANK's WITHSCORE): COMMAND INFO must say it too.
        head = "$%d\r\n%s\r\n" % (len(fullname), fullname)
        for field in ("info2", "info3"):
            merged[field] = merged[field].replace(head + ":%d\r\n" % meta["arity"],
                                                  head + ":%d\r\n" % overrides["arity"], 1)
    return merged


def _container(name: str) -> Command:
    key = name.encode()
    cmd = TABLE.get(key)
    if cmd is None:
        cmd = Command(name, _META[name])
        TABLE[key] = TABLE[key.upper()] = cmd
    return cmd


def command(name: str, **overrides):
    """Register the decorated function as the handler of ``name``."""
    def register(handler):
        parent, _, sub = name.partition("|")
        meta = _meta_for(name, overrides)
        if sub:
            container = _container(parent)
            cmd = Command(name, meta, handler, container)
            container.subcommands[sub.encode()] = cmd
        else:
            cmd = Command(name, meta, handler)
            key = name.encode()
            TABLE[key] = TABLE[key.upper()] = cmd
        return handler
    return register


def lookup(argv: list):
    """Resolve argv[0] (and argv[1] for containers); None if unknown."""
    cmd = TABLE.get(argv[0])
    if cmd is None:
        cmd = TABLE.get(argv[0].lower())
        if cmd is None:
            return None
    if cmd.subcommands and len(argv) > 1:
        return cmd.subcommands.get(argv[1].lower(), cmd)
    return cmd


def all_commands() -> list[Command]:
    seen = {}
    for cmd in TABLE.values():
        seen[id(cmd)] = cmd
    return list(seen.values())


def docs_for(name: bytes):
    """COMMAND DOCS entry of a Redis 7.0 command we implement."""
    cmd = TABLE.get(name.lower())
    return cmd.docs if cmd is not None else None
