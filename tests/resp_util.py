"""Minimal RESP for tests: encode a command; where does one complete reply end?"""
from __future__ import annotations


def reply_length(buf: bytes, pos: int = 0):
    """Byte length of the complete reply starting at pos, or None if incomplete."""
    end = _skip(buf, pos)
    return None if end is None else end - pos


def _skip(buf: bytes, pos: int):
    nl = buf.find(b"\r\n", pos)
    if nl < 0:
        return None
    kind = buf[pos:pos + 1]
    head = buf[pos + 1:nl]
    pos = nl + 2
    if kind in (b"$", b"=", b"!"):
        n = int(head)
        if n < 0:
            return pos
        return pos + n + 2 if len(buf) >= pos + n + 2 else None
    if kind in (b"*", b"~", b">", b"%", b"|"):
        n = int(head)
        if kind in (b"%", b"|"):
            n *= 2
        for _ in range(max(n, 0)):
            pos = _skip(buf, pos)
            if pos is None:
                return None
        return pos
    return pos


def encode_command(*args) -> bytes:
    """A command as a RESP multibulk; str and int arguments are encoded as ASCII."""
    parts = [a if isinstance(a, bytes) else str(a).encode() for a in args]
    return b"*%d\r\n" % len(parts) + b"".join(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts)
