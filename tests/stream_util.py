"""Helpers for the stream tests: expected reply bytes built from Python values.

``enc(value, resp3=False)`` encodes with Redis's rules, independently of
Redix's encoder: ``bytes``/``str`` -> bulk, ``int`` -> integer, ``None`` ->
null bulk (RESP3 ``_``), ``NULLARR`` -> null array (RESP3 ``_``), list ->
array, dict -> flat array (RESP3 map); ``err(text)`` is an error reply's bytes.
``entry(id, *fields)`` is one stream entry as XRANGE returns it; ``as_map``
reads a map parsed by ``tests.differential.parse``.  ``c`` is a fixture: the
``raw`` connection in RESP2 and RESP3 (import it into a test module).
"""
from __future__ import annotations

import pytest

NULLARR = object()


def enc(value, resp3: bool = False) -> bytes:
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



def as_map(flat: list) -> dict:
    """A map reply as ``tests.differential.parse`` gives it (flat, in either protocol)."""
    return dict(zip(flat[::2], flat[1::2]))


@pytest.fixture(params=[False, True], ids=["resp2", "resp3"])
def c(request, raw):
    """The ``raw`` connection in RESP2 or RESP3; ``c.resp3`` tells which."""
    if request.param:
        raw.cmd("HELLO", "3")
    raw.resp3 = request.param
    return raw
