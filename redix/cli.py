"""redix-server: the command line, the way redis-server reads it.

    redix-server [/path/to/redis.conf] [--name value ...] [-]

An optional config file comes first; ``-`` (first or last) adds the config read
from stdin; every ``--name`` starts a directive whose values run up to the next
``--name``.  All of it becomes one config text (file, stdin, then one line per
option), so an error reports the same line number redis-server would.

``parse_args(argv)`` builds the Config (raising ConfigFileError, or its
ConfigOpenError subclass for an unreadable file); ``main(argv)`` adds what
redis-server does around it: -v/--version, -h/--help, error reporting (the
FATAL block on stderr, or a log line on stdout for an unreadable file; exit
code 1), logging setup, daemonizing, the pidfile, then
``redix.server.loop.Server(cfg).run()``, whose return value is the exit code.
Signal handling (SIGTERM/SIGINT -> ``server.request_shutdown()``) belongs to
the Server, which owns the event loop.
"""
from __future__ import annotations

import os
import platform
import sys

from redix import errors, log
from redix.config import Config, ConfigFileError, ConfigOpenError, options_text, read_config_file
from redix.version import REDIS_VERSION, REDIX_VERSION

DEFAULT_PIDFILE = "/var/run/redix.pid"

USAGE = """\
Usage: redix-server [/path/to/redis.conf] [options] [-]
       redix-server - (read config from stdin)
       redix-server -v or --version
       redix-server -h or --help

Examples:
       redix-server (run the server with default conf)
       echo 'maxmemory 128mb' | redix-server -
       redix-server /etc/redis/6379.conf
       redix-server --port 7777
       redix-server --port 7777 --replicaof 127.0.0.1 8888
       redix-server /etc/myredis.conf --loglevel verbose -
       redix-server /etc/myredis.conf --loglevel verbose
"""


def version_line() -> str:
    return (f"Redix server v={REDIX_VERSION} redis_version={REDIS_VERSION} "
            f"python={platform.python_version()} bits=64")


def split_argv(argv: list[str]) -> tuple[str | None, bool, list[str]]:
    """(config file, read stdin?, option words) as redis-server splits them."""
    config_path, start = None, 0
    if argv and not argv[0].startswith("-"):
        config_path, start = argv[0], 1
    from_stdin, options = False, []
    for j in range(start, len(argv)):
        # "-" means stdin only as the very first or the very last argument.
        if argv[j] == "-" and (j == 0 or j == len(argv) - 1):
            from_stdin = True
        else:
            options.append(argv[j])
    return config_path, from_stdin, options


def parse_args(argv: list[str], stdin=None) -> Config:
    """Build the Config from redis-server style arguments (without argv[0])."""
    config_path, from_stdin, options = split_argv(list(argv))
    cfg = Config(matcher=_config_matcher)
    text = b""
    if config_path is not None:
        cfg.config_file = os.path.abspath(config_path)
        text += read_config_file(cfg.config_file)
    if from_stdin:
        stream = stdin if stdin is not None else sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        text += data if isinstance(data, bytes) else data.encode("utf-8", "surrogateescape")
    cfg.load_text(text + b"\n" + options_text(options))
    return cfg


def _stderr(text: str) -> None:
    data = text.encode("utf-8", "surrogateescape")
    try:
        sys.stderr.flush()
        sys.stderr.buffer.write(data)
        sys.stderr.buffer.flush()
    except AttributeError:  # a text-only stream (tests)
        sys.stderr.write(text)


def daemonize() -> None:
    """Detach: double fork so the server is no session leader and can never
    reacquire a terminal; stdio goes to /dev/null as with Redis."""
    sys.stdout.flush()
    sys.stderr.flush()
    if os.fork():
        os._exit(0)
    os.setsid()
    if os.fork():
        os._exit(0)
    fd = os.open(os.devnull, os.O_RDWR)
    for std in (0, 1, 2):
        os.dup2(fd, std)
    if fd > 2:
        os.close(fd)


def write_pidfile(cfg: Config) -> str | None:
    """Write the pid where asked (or the default when daemonized); failing to
    is only a warning, as in Redis.  Returns the path written."""
    if not cfg.pidfile:
        cfg.pidfile = DEFAULT_PIDFILE
    try:
        with open(cfg.pidfile, "w") as f:
            f.write(f"{os.getpid()}\n")
    except OSError as e:
        log.warning(f"Failed to write PID file: {e.strerror}")
        return None
    return cfg.pidfile


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in ("-v", "--version"):
        print(version_line())
        return 0
    if argv and argv[0] in ("-h", "--help"):
        _stderr(USAGE)  # redis-server prints its usage on stderr and exits 1
        return 1
    if split_argv(argv)[1]:
        log.warning(errors.CONF_READING_STDIN)
    try:
        cfg = parse_args(argv)
    except ConfigOpenError as e:
        log.warning(str(e))
        return 1
    except ConfigFileError as e:
        _stderr(f"\n{e}\n")
        return 1

    log.setup(cfg)
    log.warning("oO0OoO0OoO0Oo Redix is starting oO0OoO0OoO0Oo")
    log.warning(f"Redix version={REDIX_VERSION}, redis_version={REDIS_VERSION}, bits=64, "
                f"pid={os.getpid()}, just started")
    if argv:
        log.warning("Configuration loaded")
    else:
        log.warning("Warning: no config file specified, using the default config. "
                    "In order to specify a config file use redix-server /path/to/redis.conf")
    background = cfg.daemonize and cfg.supervised == "no"
    if background:
        daemonize()
    pidfile = write_pidfile(cfg) if background or cfg.pidfile else None
    log.set_role("S" if cfg.replicaof else "M")

    from redix.server.loop import Server  # imported late: start-up errors need no server
    try:
        code = Server(cfg).run()
    finally:
        if pidfile:
            try:
                os.unlink(pidfile)
            except OSError:
                pass
    return code or 0


if __name__ == "__main__":
    raise SystemExit(main())


def _config_matcher(pattern: bytes, name: bytes) -> bool:
    """CONFIG GET patterns go through the compiled glob matcher, case-insensitively."""
    from redix.keyspace.hashing import glob_match
    return glob_match(pattern, name, True)
