"""Minimal RESP for tests: encode a command; where does one complete reply end?

``RawConnection(port)`` is a socket speaking raw bytes (``.cmd(*args)`` returns
one reply's exact bytes).
"""
from __future__ import annotations

import socket


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


def parse_reply(buf: bytes):
    """One complete reply as Python values: bytes, int, float (RESP3 doubles), None, list,
    ``("error", message)`` for errors, ``("status", text)`` for simple strings."""
    value, _ = _parse(buf, 0)
    return value


def _parse(buf: bytes, pos: int):
    nl = buf.index(b"\r\n", pos)
    kind, head = buf[pos:pos + 1], buf[pos + 1:nl]
    pos = nl + 2
    if kind == b"$":
        n = int(head)
        if n < 0:
            return None, pos
        return buf[pos:pos + n], pos + n + 2
    if kind in (b"*", b"~", b">", b"%"):
        n = int(head)
        if n < 0:
            return None, pos
        items = []
        for _ in range(n * 2 if kind == b"%" else n):
            item, pos = _parse(buf, pos)
            items.append(item)
        return items, pos
    if kind == b":":
        return int(head), pos
    if kind == b",":
        return float(head), pos
    if kind == b"_":
        return None, pos
    if kind == b"-":
        return ("error", head), pos
    if kind == b"#":
        return head == b"t", pos
    return ("status", head), pos


class RawConnection:
    """A socket speaking raw bytes: send exactly, read exactly."""

    def __init__(self, port: int):
        self.port = port
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buf = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def read_until(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def reply(self) -> bytes:
        """Exactly one complete RESP reply, as bytes."""
        while True:
            n = reply_length(self.buf)
            if n is not None:
                out, self.buf = self.buf[:n], self.buf[n:]
                return out
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError(f"closed; pending {self.buf!r}")
            self.buf += chunk

    def cmd(self, *args) -> bytes:
        """Send one command as a multibulk; return its reply bytes."""
        self.send(encode_command(*args))
        return self.reply()

    def closed(self) -> bool:
        """True once the server has closed the connection (waits for EOF)."""
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return True
                self.buf += chunk
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False

    def close(self) -> None:
        self.sock.close()
