"""Pure-Python twin of the RESP reader and reply encoder (``_resp_c`` is the compiled one).

API (identical in both twins):

``Reader(max_bulk_len=512 MiB)``
    ``feed(data)``: append received bytes.
    ``gets()``: the next complete command as ``list[bytes]``, or ``NEED_MORE``.
    ``commands()``: every complete command buffered, as a list.  A protocol
    error raises ``ProtocolError(detail)`` from ``gets``; ``commands`` returns
    the commands before the bad bytes and sets ``.error`` to the detail, so the
    server can run them first, as Redis does, then reply and close.
    ``pending()``: bytes received but not yet consumed (query-buffer limit).
    ``.strict``: the client is not authenticated yet: Redis's tighter limits
    (10 arguments, 16 KiB bulks) apply.
    Bulk payloads are waited for without re-scanning: the reader remembers
    where it is inside a multibulk, so a 100 MB argument is checked once.

``write_reply(out, value, resp3)``: append the RESP encoding of a reply value
    (see ``replies``) to the bytearray ``out``.
``encode(value, resp3)``: the same, returned as bytes.
``split_inline(line)``: Redis's ``sdssplitargs`` for inline commands: list of
    bytes, or None for unbalanced quotes.

Redis 7.0 quirks kept on purpose (checked against redis-server 7.0.15): a
header line counts as complete once its '\r' and one more byte are in, and
only then is its first byte checked for '$'; the "too big ... string" errors
need the '\r' to be missing, not just the '\n'; and Redis finds line ends
with ``strchr``, so a NUL byte before the '\r' (or, inline, the '\n') hides
it and the reader waits, as Redis does, until the 64 KiB limit trips.
"""
from __future__ import annotations

from redix.errors import ProtocolError
from redix.protocol.replies import (
    NULL_ARRAY, BigNumber, ErrorReply, Preencoded, Push, Raw, SetReply, Simple, Verbatim,
)



class _NeedMore:
    __slots__ = ()

    def __repr__(self) -> str:
        return "NEED_MORE"


NEED_MORE = _NeedMore()

INLINE_MAX = 64 * 1024      # PROTO_INLINE_MAX_SIZE: longest header or inline line
MULTIBULK_MAX = 2**31 - 1   # INT_MAX
STRICT_MULTIBULK_MAX = 10
STRICT_BULK_MAX = 16384
_COMPACT_AT = 64 * 1024     # drop consumed bytes once this many have piled up


def _strict_int(digits: bytes):
    """Redis's string2ll: optional '-', no '+', no leading zeros, no spaces; else None."""
    if not digits or len(digits) > 20:
        return None
    body = digits[1:] if digits[0] == 45 else digits
    if not body.isdigit() or (body[0] == 48 and len(body) > 1):
        return None
    if digits[0] == 45 and body == b"0":
        return None
    value = int(digits)
    if value > 9223372036854775807 or value < -9223372036854775808:
        return None
    return value


_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("a"): 7}
_HEX = b"0123456789abcdefABCDEF"


def split_inline(line: bytes):
    """Split an inline command like Redis's sdssplitargs; None if quotes are unbalanced."""
    # sdssplitargs reads a C string: nothing after a NUL exists for it.
    nul = line.find(b"\0")
    if nul >= 0:
        line = line[:nul]
    args = []
    i, n = 0, len(line)
    while True:
        while i < n and line[i] in b" \n\r\t\v\f":
            i += 1
        if i >= n:
            return args
        cur = bytearray()
        in_dq = in_sq = False
        while True:
            if in_dq:
                if i >= n:
                    return None
                c = line[i]
                if (c == 92 and i + 3 < n and line[i + 1] == 120
                        and line[i + 2] in _HEX and line[i + 3] in _HEX):
                    cur.append(int(line[i + 2:i + 4], 16))
                    i += 3
                elif c == 92 and i + 1 < n:
                    i += 1
                    cur.append(_ESCAPES.get(line[i], line[i]))
                elif c == 34:
                    # A closing quote must be followed by a space or the end.
                    if i + 1 < n and line[i + 1] not in b" \n\r\t\v\f":
                        return None
                    in_dq = False
                    i += 1
                    break
                else:
                    cur.append(c)
            elif in_sq:
                if i >= n:
                    return None
                c = line[i]
                if c == 92 and i + 1 < n and line[i + 1] == 39:
                    i += 1
                    cur.append(39)
                elif c == 39:
                    if i + 1 < n and line[i + 1] not in b" \n\r\t\v\f":
                        return None
                    in_sq = False
                    i += 1
                    break
                else:
                    cur.append(c)
            else:
                if i >= n:
                    break
                c = line[i]
                # Blanks between tokens are isspace(), but a bare token ends
                # only at these four: Redis keeps \v and \f inside it.
                if c in b" \n\r\t":
                    break
                if c == 34:
                    in_dq = True
                elif c == 39:
                    in_sq = True
                else:
                    cur.append(c)
            i += 1
        args.append(bytes(cur))


class Reader:
    """Incremental request parser: multibulk and inline, pipelined, split anywhere."""

    __slots__ = ("_buf", "_pos", "_argc", "_args", "_bulk", "max_bulk_len", "strict", "error")

    def __init__(self, max_bulk_len: int = 512 * 1024 * 1024):
        self._buf = bytearray()
        self._pos = 0
        self._argc = 0          # arguments still expected in the current multibulk
        self._args = None       # arguments read so far in it
        self._bulk = -1         # length of the bulk being awaited, -1 = need its header
        self.max_bulk_len = max_bulk_len
        self.strict = False
        self.error = None

    def feed(self, data) -> None:
        self._buf += data

    def pending(self) -> int:
        return len(self._buf) - self._pos

    def commands(self) -> list:
        out = []
        gets = self.gets
        try:
            while True:
                cmd = gets()
                if cmd is NEED_MORE:
                    return out
                out.append(cmd)
        except ProtocolError as exc:
            self.error = exc.args[0]
            return out

    def _compact(self) -> None:
        if self._pos:
            del self._buf[:self._pos]
            self._pos = 0

    def gets(self):
        buf = self._buf
        while True:
            if not self._argc:
                pos = self._pos
                if pos >= len(buf):
                    buf.clear()
                    self._pos = 0
                    return NEED_MORE
                if buf[pos] != 42:  # not '*': inline command
                    nl = buf.find(b"\n", pos)
                    if nl >= 0 and buf.find(b"\0", pos, nl) >= 0:
                        nl = -1     # strchr stops at the NUL
                    if nl < 0:
                        if len(buf) - pos > INLINE_MAX:
                            raise ProtocolError("too big inline request")
                        self._compact()
                        return NEED_MORE
                    end = nl - 1 if nl > pos and buf[nl - 1] == 13 else nl
                    args = split_inline(bytes(buf[pos:end]))
                    self._pos = nl + 1
                    if args is None:
                        raise ProtocolError("unbalanced quotes in request")
                    if args:
                        return args
                    continue
                cr = buf.find(b"\r", pos)
                count = None
                if cr >= 0:
                    count = _strict_int(bytes(buf[pos + 1:cr]))
                    # A valid count has no NUL, so only a bad one needs the check.
                    if count is None and buf.find(b"\0", pos, cr) >= 0:
                        cr = -1
                if cr < 0:
                    if len(buf) - pos > INLINE_MAX:
                        raise ProtocolError("too big mbulk count string")
                    self._compact()
                    return NEED_MORE
                if cr + 1 >= len(buf):
                    self._compact()
                    return NEED_MORE
                if count is None or count > MULTIBULK_MAX:
                    raise ProtocolError("invalid multibulk length")
                if self.strict and count > STRICT_MULTIBULK_MAX:
                    raise ProtocolError("unauthenticated multibulk length")
                self._pos = cr + 2
                if count <= 0:
                    continue
                self._argc = count
                self._args = []
            while self._argc:
                pos = self._pos
                if self._bulk < 0:
                    if pos >= len(buf):
                        self._compact()
                        return NEED_MORE
                    cr = buf.find(b"\r", pos)
                    n = None
                    if cr >= 0:
                        if buf[pos] == 36:  # '$'
                            n = _strict_int(bytes(buf[pos + 1:cr]))
                        if n is None and buf.find(b"\0", pos, cr) >= 0:
                            cr = -1
                    if cr < 0:
                        if len(buf) - pos > INLINE_MAX:
                            raise ProtocolError("too big bulk count string")
                        self._compact()
                        return NEED_MORE
                    if cr + 1 >= len(buf):
                        self._compact()
                        return NEED_MORE
                    # Redis looks at the '$' only once the whole line is in.
                    if buf[pos] != 36:
                        raise ProtocolError("expected '$', got '%s'" % chr(buf[pos]))
                    if n is None or n < 0 or n > self.max_bulk_len:
                        raise ProtocolError("invalid bulk length")
                    if self.strict and n > STRICT_BULK_MAX:
                        raise ProtocolError("unauthenticated bulk length")
                    pos = self._pos = cr + 2
                    self._bulk = n
                n = self._bulk
                if len(buf) - pos < n + 2:
                    if pos > _COMPACT_AT:
                        self._compact()
                    return NEED_MORE
                self._args.append(bytes(buf[pos:pos + n]))
                self._pos = pos + n + 2
                self._bulk = -1
                self._argc -= 1
            args = self._args
            self._args = None
            if self._pos > _COMPACT_AT:
                self._compact()
            return args


# --- reply encoding ------------------------------------------------------------

def _format_double(value: float) -> bytes:
    if value != value:
        return b"nan"
    if value == float("inf"):
        return b"inf"
    if value == float("-inf"):
        return b"-inf"
    return b"%.17g" % value


def write_reply(out: bytearray, value, resp3: bool) -> None:
    kind = type(value)
    if kind is bytes:
        out += b"$%d\r\n" % len(value)
        out += value
        out += b"\r\n"
    elif kind is Raw:
        out += value
    elif kind is int:
        out += b":%d\r\n" % value
    elif value is None:
        out += b"_\r\n" if resp3 else b"$-1\r\n"
    elif kind is list or kind is tuple:
        out += b"*%d\r\n" % len(value)
        for item in value:
            write_reply(out, item, resp3)
    elif kind is Simple:
        out += b"+%s\r\n" % value
    elif kind is ErrorReply:
        out += b"-%s\r\n" % value
    elif kind is bool:
        if resp3:
            out += b"#t\r\n" if value else b"#f\r\n"
        else:
            out += b":1\r\n" if value else b":0\r\n"
    elif kind is float:
        text = _format_double(value)
        if resp3:
            out += b",%s\r\n" % text
        else:
            out += b"$%d\r\n%s\r\n" % (len(text), text)
    elif kind is dict:
        out += (b"%%%d\r\n" if resp3 else b"*%d\r\n") % (len(value) if resp3 else 2 * len(value))
        for key, item in value.items():
            write_reply(out, key, resp3)
            write_reply(out, item, resp3)
    elif kind is set or kind is frozenset or kind is SetReply:
        out += (b"~%d\r\n" if resp3 else b"*%d\r\n") % len(value)
        for item in value:
            write_reply(out, item, resp3)
    elif kind is Push:
        out += (b">%d\r\n" if resp3 else b"*%d\r\n") % len(value)
        for item in value:
            write_reply(out, item, resp3)
    elif kind is Verbatim:
        if resp3:
            out += b"=%d\r\ntxt:%s\r\n" % (len(value) + 4, value)
        else:
            out += b"$%d\r\n%s\r\n" % (len(value), value)
    elif kind is BigNumber:
        if resp3:
            out += b"(%s\r\n" % value
        else:
            out += b"$%d\r\n%s\r\n" % (len(value), value)
    elif value is NULL_ARRAY:
        out += b"_\r\n" if resp3 else b"*-1\r\n"
    elif kind is Preencoded:
        out += value.resp3 if resp3 else value.resp2
    elif kind is str:
        write_reply(out, value.encode(), resp3)
    else:
        raise TypeError(f"cannot encode reply of type {kind.__name__}")


def encode(value, resp3: bool = False) -> bytes:
    out = bytearray()
    write_reply(out, value, resp3)
    return bytes(out)
