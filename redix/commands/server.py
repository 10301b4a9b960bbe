"""Server commands: INFO, CONFIG, TIME, LASTSAVE, SHUTDOWN, MONITOR, DEBUG.

They read or steer the process rather than the keyspace.  INFO's sections are
built in ``redix/server/info.py``; CONFIG delegates to the config object
(``get_many``/``set_many``/``rewrite``), whose ``on_change`` callbacks let the
server apply a new value at once (slowlog and latency thresholds, maxmemory,
proto-max-bulk-len; ``hz``, ``timeout``, ``maxclients`` and ``requirepass``
are read live).  SLOWLOG, LATENCY and MEMORY live in ``diagnostics.py``.
"""
from __future__ import annotations

import math
import time

from redix import errors, log
from redix.commands.args import to_int
from redix.commands.registry import command
from redix.config import ConfigError
from redix.errors import CommandError
from redix.protocol.replies import NO_REPLY, OK, Simple, Verbatim, help_reply
from redix.server import info
from redix.types import encoding_name


@command("info")
def cmd_info(client, argv):
    """INFO [section [section ...]] -- bulk string (verbatim in RESP3): the report."""
    return Verbatim(info.generate(client.server, argv[1:]))


@command("time")
def cmd_time(client, argv):
    """TIME -- array: [unix seconds, microseconds] as bulk strings."""
    micros = time.time_ns() // 1000
    return [b"%d" % (micros // 1_000_000), b"%d" % (micros % 1_000_000)]


@command("lastsave")
def cmd_lastsave(client, argv):
    """LASTSAVE -- integer: unix time of the last successful save."""
    return client.server.lastsave


# --- CONFIG ------------------------------------------------------------------------------------
def _config_error(exc: Exception) -> bytes:
    message = getattr(exc, "message", None) or (exc.args[0] if exc.args else "")
    if isinstance(message, str):
        message = message.encode()
    return message if message.startswith(b"ERR") else b"ERR " + message


@command("config|get")
def cmd_config_get(client, argv):
    """CONFIG GET parameter [parameter ...] -- map name -> value (flat array in RESP2)."""
    return dict(client.server.config.get_many(argv[2:]))


@command("config|set")
def cmd_config_set(client, argv):
    """CONFIG SET parameter value [parameter value ...] -- +OK; all or nothing."""
    if len(argv) % 2:
        raise CommandError(errors.SYNTAX)
    try:
        client.server.config.set_many(list(zip(argv[2::2], argv[3::2])))
    except ConfigError as exc:
        raise CommandError(_config_error(exc))
    return OK


@command("config|resetstat")
def cmd_config_resetstat(client, argv):
    """CONFIG RESETSTAT -- +OK; INFO's counters, commandstats and errorstats restart."""
    server = client.server
    server.stats.reset()
    server.stat_expired_keys = 0
    for cmd in info.all_commands():
        cmd.calls = cmd.usec = cmd.failed_calls = cmd.rejected_calls = 0
    return OK


@command("config|rewrite")
def cmd_config_rewrite(client, argv):
    """CONFIG REWRITE -- +OK; the config file is rewritten with the running values."""
    config = client.server.config
    path = getattr(config, "config_file", None)
    if not path:
        raise CommandError(errors.CONFIG_NO_FILE)
    try:
        config.rewrite(path)
    except OSError as exc:
        log.warning(f"CONFIG REWRITE failed: {exc.strerror}")
        raise CommandError(errors.CONFIG_REWRITE_FAILED % (exc.strerror or str(exc)).encode())
    except ConfigError as exc:
        raise CommandError(_config_error(exc))
    log.notice("CONFIG REWRITE executed with success.")
    return OK


_CONFIG_HELP = (
    b"GET <pattern>",
    b"    Return parameters matching the glob-like <pattern> and their values.",
    b"SET <directive> <value>",
    b"    Set the configuration <directive> to <value>.",
    b"RESETSTAT",
    b"    Reset statistics reported by the INFO command.",
    b"REWRITE",
    b"    Rewrite the configuration file.",
)


@command("config|help")
def cmd_config_help(client, argv):
    """CONFIG HELP -- array of status lines."""
    return help_reply(b"config", _CONFIG_HELP)


# --- SHUTDOWN and MONITOR ----------------------------------------------------------------------
_SHUTDOWN_FLAGS = frozenset((b"nosave", b"save", b"now", b"force", b"abort"))


@command("shutdown")
def cmd_shutdown(client, argv):
    """SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT] -- no reply: the server exits.

    Redix never waits for lagging replicas, so there is no shutdown in progress
    for ABORT to cancel.  Saving is done by ``server.save_on_shutdown`` when a
    persistence module provides it; ``server.shutdown_flags`` tells
    ``on_shutdown`` hooks what was asked.
    """
    flags = set()
    for arg in argv[1:]:
        word = arg.lower()
        if word not in _SHUTDOWN_FLAGS:
            raise CommandError(errors.SYNTAX)
        flags.add(word)
    if (b"save" in flags and b"nosave" in flags) or (b"abort" in flags and len(flags) > 1):
        raise CommandError(errors.SYNTAX)
    if b"abort" in flags:
        raise CommandError(errors.NO_SHUTDOWN)
    server = client.server
    log.warning("User requested shutdown...")
    save_configured = bool(getattr(server.config, "save", ""))
    save = b"save" in flags or (b"nosave" not in flags and save_configured)
    saver = getattr(server, "save_on_shutdown", None)
    if save and saver is not None:
        try:
            saver()
        except Exception as exc:  # noqa: BLE001 - any failure to save refuses the shutdown
            log.warning(f"Error trying to save the DB, can't exit: {exc}")
            if b"force" not in flags:
                raise CommandError(errors.SHUTDOWN_FAILED)
    server.shutdown_flags = flags
    server.request_shutdown(0)
    client.close_after_reply = True      # nothing after SHUTDOWN runs
    return NO_REPLY


@command("monitor")
def cmd_monitor(client, argv):
    """MONITOR -- +OK, then a line per command any client runs."""
    if client.monitor:
        return NO_REPLY                  # Redis ignores a second MONITOR silently
    client.monitor = True
    client.server.monitors.append(client)
    client.update_gate()
    return OK


# --- DEBUG -------------------------------------------------------------------------------------
def _debug_allowed(client) -> bool:
    setting = getattr(client.server.config, "enable_debug_command", "no")
    if isinstance(setting, bytes):
        setting = setting.decode()
    setting = str(setting).lower()
    if setting in ("yes", "true", "1"):
        return True
    if setting == "local":
        return client.unix_socket or client.addr.startswith(("127.", "::1", "[::1]"))
    return False


def _rdb_length(n: int) -> int:
    return 1 if n < 64 else 2 if n < 16384 else 5


def _serialized_length(value) -> int:
    """An estimate of the value's RDB size (no LZF compression is modelled)."""
    if type(value) is bytes:
        number = to_int(value) if len(value) <= 11 else None
        if number is not None and -(1 << 31) <= number < (1 << 31):
            return 2 if -128 <= number < 128 else 3 if -32768 <= number < 32768 else 5
        return _rdb_length(len(value)) + len(value)
    try:
        items = list(value.items()) if isinstance(value, dict) else list(value)
    except TypeError:
        return 0
    total = _rdb_length(len(items))
    for item in items:
        for part in (item if isinstance(item, tuple) else (item,)):
            part = part if isinstance(part, bytes) else str(part).encode()
            total += _rdb_length(len(part)) + len(part)
    return total


def _debug_object(client, argv):
    db = client.db
    value = db.peek(argv[2])             # looking is not an access: the idle time stays
    if value is None:
        raise CommandError(errors.NO_SUCH_KEY)
    idle = db.idle_seconds(argv[2])
    lru = (info.lru_clock() - idle) & ((1 << 24) - 1)
    return Simple(b"Value at:0x%x refcount:1 encoding:%s serializedlength:%d lru:%d "
                  b"lru_seconds_idle:%d" % (id(value), encoding_name(value),
                                            _serialized_length(value), lru, idle))


def _debug_sleep(client, argv):
    try:
        seconds = float(argv[2])
    except ValueError:
        seconds = 0.0            # strtod's answer for text that is not a number
    if seconds > 0 and math.isfinite(seconds):
        time.sleep(seconds)      # the whole server stops, as in Redis
    return OK


def _debug_set_active_expire(client, argv):
    client.server.active_expire = to_int(argv[2]) != 0
    return OK


def _debug_log(client, argv):
    log.warning("DEBUG LOG: " + argv[2].decode("utf-8", "replace"))
    return OK


def _debug_error(client, argv):
    raise CommandError(argv[2])          # sent as given, without an ERR prefix


def _debug_help(client, argv):
    return help_reply(b"debug", _DEBUG_HELP)


# subcommand -> (handler, argument count including DEBUG and the subcommand)
_DEBUG = {
    b"help": (_debug_help, 2),
    b"object": (_debug_object, 3),
    b"sleep": (_debug_sleep, 3),
    b"set-active-expire": (_debug_set_active_expire, 3),
    b"log": (_debug_log, 3),
    b"error": (_debug_error, 3),
}

_DEBUG_HELP = (
    b"ERROR <string>",
    b"    Return a Redis protocol error with <string> as message. Useful for clients",
    b"    unit tests to simulate Redis errors.",
    b"LOG <message>",
    b"    Write <message> to the server log.",
    b"OBJECT <key>",
    b"    Show low level info about `key` and associated value.",
    b"SET-ACTIVE-EXPIRE <0|1>",
    b"    Setting it to 0 disables expiring keys in background when they are not",
    b"    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
    b"    default.",
    b"SLEEP <seconds>",
    b"    Stop the server for <seconds>. Decimals allowed.",
)


@command("debug")
def cmd_debug(client, argv):
    """DEBUG subcommand [arg ...] -- depends on the subcommand (HELP lists those Redix has).

    Refused unless ``enable-debug-command`` is ``yes`` (or ``local`` for a local client).
    """
    if not _debug_allowed(client):
        raise CommandError(errors.DEBUG_NOT_ALLOWED)
    entry = _DEBUG.get(argv[1].lower())
    if entry is None or len(argv) != entry[1]:
        raise CommandError(errors.subcommand_syntax(argv[1], b"debug"))
    return entry[0](client, argv)

