"""Redis-style log lines: ``pid:role dd Mon yyyy hh:mm:ss.mmm <level> message``.

Placeholder until the config work lands: notice and warning go to stdout.
"""
import os
import sys
import time

DEBUG, VERBOSE, NOTICE, WARNING = 0, 1, 2, 3
_level = NOTICE
_role = "M"
_out = sys.stdout


def setup(cfg) -> None:
    pass


def set_role(role: str) -> None:
    global _role
    _role = role


def _log(level: int, mark: str, msg: str) -> None:
    if level < _level:
        return
    now = time.time()
    stamp = time.strftime("%d %b %Y %H:%M:%S", time.localtime(now)) + ".%03d" % (now % 1 * 1000)
    _out.write(f"{os.getpid()}:{_role} {stamp} {mark} {msg}\n")
    _out.flush()


def debug(msg: str) -> None:
    _log(DEBUG, ".", msg)


def verbose(msg: str) -> None:
    _log(VERBOSE, "-", msg)


def notice(msg: str) -> None:
    _log(NOTICE, "*", msg)


def warning(msg: str) -> None:
    _log(WARNING, "#", msg)
