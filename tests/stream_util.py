"""Helpers for the stream tests: expected reply bytes built from Python values.

``enc(value, resp3=False)`` encodes with Redis's rules, independently of
Redix's encoder: ``bytes``/``str`` -> bulk, ``int`` -> integer, ``None`` ->
null bulk (RESP3 ``_``), ``NULLARR`` -> null array (RESP3 ``_``), list ->
array, dict -> flat array (RESP3 map), ``Err("...")`` -> error.
``entry(id, *fields)`` is one stream entry as XRANGE returns it.
"""
from __future__ import annotations

NULLARR = object()


class Err(str):
    """An error reply's text (without the leading '-')."""


def enc(value, resp3: bool = False) -> bytes:
    if isinstance(value, Err):
        return b"-%s\r\n" % value.encode()
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"$%d\r\n%s\r\n" % (len(value), value)
    if isinstance(value, bool):
        raise TypeError("no booleans in stream replies")
    if isinstance(value, int):
        return b":%d\r\n" % value
    if value is None or value is NULLARR:
        return b"_\r\n" if resp3 else (b"$-1\r\n" if value is None else b"*-1\r\n")
    if isinstance(value, (list, tuple)):
        return b"*%d\r\n" % len(value) + b"".join(enc(v, resp3) for v in value)
    if isinstance(value, dict):
        head = b"%%%d\r\n" % len(value) if resp3 else b"*%d\r\n" % (2 * len(value))
        return head + b"".join(enc(k, resp3) + enc(v, resp3) for k, v in value.items())
    raise TypeError(type(value))


def entry(sid: str, *fields: str) -> list:
    return [sid, list(fields)]


def err(text: str) -> bytes:
    return b"-%s\r\n" % text.encode()


WRONGTYPE = err("WRONGTYPE Operation against a key holding the wrong kind of value")
INVALID_ID = err("ERR Invalid stream ID specified as stream command argument")
SYNTAX = err("ERR syntax error")
NOT_INT = err("ERR value is not an integer or out of range")
OK = b"+OK\r\n"


def arity(name: str) -> bytes:
    return err(f"ERR wrong number of arguments for '{name}' command")


def parse(buf: bytes):
    """One complete reply as Python values (maps as dicts, errors as ``Err``)."""
    value, pos = _parse(buf, 0)
    assert pos == len(buf), buf
    return value


def _parse(buf: bytes, pos: int):
    nl = buf.index(b"\r\n", pos)
    kind, head = buf[pos:pos + 1], buf[pos + 1:nl]
    pos = nl + 2
    if kind == b"$":
        n = int(head)
        return (None, pos) if n < 0 else (buf[pos:pos + n], pos + n + 2)
    if kind in (b"*", b"%"):
        n = int(head)
        if n < 0:
            return NULLARR, pos
        items = []
        for _ in range(2 * n if kind == b"%" else n):
            item, pos = _parse(buf, pos)
            items.append(item)
        if kind == b"%":
            return dict(zip(items[::2], items[1::2])), pos
        return items, pos
    if kind == b":":
        return int(head), pos
    if kind == b"_":
        return None, pos
    if kind == b"-":
        return Err(head.decode()), pos
    if kind == b"+":
        return head, pos
    raise ValueError(f"unexpected reply type {kind!r}")
