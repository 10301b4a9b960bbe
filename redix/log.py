"""Redis-style server log.

Lines look like Redis's, so tools that parse them keep working::

    12345:M 26 Nov 2026 08:30:36.711 * Ready to accept connections

``pid:role``, local time with milliseconds, a level mark (``.`` debug,
``-`` verbose, ``*`` notice, ``#`` warning) and the message.  The role is
C before the server starts (and in children), M for a master, S for a replica.

API: ``setup(cfg)`` reads ``loglevel``/``logfile`` and follows later CONFIG SET
of loglevel; ``debug/verbose/notice/warning(msg)``; ``log(level, msg)``;
``raw(msg)`` writes a line without the prefix; ``set_role(char)``.

A filtered-out call costs one integer comparison, so callers need no guard.
An empty logfile means stdout.  A named logfile is opened and closed for
every line, as Redis does, so log rotation by renaming the file just works.
Syslog is not supported (syslog-enabled is accepted and ignored).
"""
from __future__ import annotations

import os
import sys
import time

DEBUG, VERBOSE, NOTICE, WARNING = 0, 1, 2, 3
LEVELS = {"debug": DEBUG, "verbose": VERBOSE, "notice": NOTICE, "warning": WARNING}
_MARKS = ".-*#"

_level = NOTICE
_logfile = ""
_role = "C"


def set_level(name: str) -> None:
    global _level
    _level = LEVELS[name]


def set_logfile(path: str) -> None:
    global _logfile
    _logfile = path


def set_role(role: str) -> None:
    """C (starting / child), M (master), S (replica), X (sentinel)."""
    global _role
    _role = role


def setup(cfg) -> None:
    """Take level and destination from a Config and follow loglevel changes."""
    set_level(cfg.loglevel)
    set_logfile(cfg.logfile)
    cfg.on_change("loglevel", lambda name, old, new: set_level(new))


def format_line(level: int, msg: str, now: float | None = None) -> str:
    now = time.time() if now is None else now
    stamp = time.strftime("%d %b %Y %H:%M:%S", time.localtime(now))
    return f"{os.getpid()}:{_role} {stamp}.{int(now * 1000) % 1000:03d} {_MARKS[level]} {msg}\n"


def _write(text: str) -> None:
    if _logfile:
        try:
            with open(_logfile, "a", encoding="utf-8", errors="surrogateescape") as f:
                f.write(text)
        except OSError:
            pass  # nowhere left to report it; Redis drops the line too
    else:
        out = sys.stdout
        out.write(text)
        out.flush()


def log(level: int, msg: str) -> None:
    if level >= _level:
        _write(format_line(level, msg))


def raw(msg: str) -> None:
    """A line without the pid/time prefix (the ASCII logo, crash reports)."""
    _write(msg if msg.endswith("\n") else msg + "\n")


def debug(msg: str) -> None:
    if _level <= DEBUG:
        _write(format_line(DEBUG, msg))


def verbose(msg: str) -> None:
    if _level <= VERBOSE:
        _write(format_line(VERBOSE, msg))


def notice(msg: str) -> None:
    if _level <= NOTICE:
        _write(format_line(NOTICE, msg))


def warning(msg: str) -> None:
    _write(format_line(WARNING, msg))
