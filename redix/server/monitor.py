"""What MONITOR and SLOWLOG show of a command: secrets redacted, arguments escaped.

``redact(cmd, argv)`` hides AUTH passwords (AUTH, HELLO ... AUTH, MIGRATE ...
AUTH/AUTH2) as Redis does; ``monitor_escape(arg)`` quotes one argument the
way a MONITOR line shows it.  ``Server.feed_monitors`` and ``record_slow`` use them.
"""
from __future__ import annotations

_REDACTED = b"(redacted)"


def redact(cmd, argv: list) -> list:
    """Hide secrets from MONITOR and SLOWLOG, as Redis does (AUTH, HELLO AUTH, MIGRATE AUTH)."""
    name = cmd.name
    if name == b"auth":
        return argv[:1] + [_REDACTED] * (len(argv) - 1)
    if name in (b"hello", b"migrate"):
        out = list(argv)
        for i, arg in enumerate(argv):
            word = arg.lower()
            hidden = 2 if word == b"auth" and name == b"hello" else \
                1 if word == b"auth" else 2 if word == b"auth2" and name == b"migrate" else 0
            for j in range(i + 1, min(i + 1 + hidden, len(out))):
                out[j] = _REDACTED
        return out
    return argv


def monitor_escape(arg: bytes) -> str:
    """An argument as MONITOR quotes it: printable ASCII, C escapes, \\xHH otherwise."""
    out = []
    for b in arg:
        if b == 92:
            out.append("\\\\")
        elif b == 34:
            out.append('\\"')
        elif b == 10:
            out.append("\\n")
        elif b == 13:
            out.append("\\r")
        elif b == 9:
            out.append("\\t")
        elif b == 7:
            out.append("\\a")
        elif b == 8:
            out.append("\\b")
        elif 32 <= b < 127:
            out.append(chr(b))
        else:
            out.append("\\x%02x" % b)
    return "".join(out)
