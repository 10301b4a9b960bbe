"""Every error string Redix replies with, exactly as Redis words it.

Strings are stored without the leading ``-`` of a RESP error; the reply
encoder adds it.  Group them by subsystem under banner comments so each team
can find (and add to) its own section.  Anything with a parameter is a small
function returning the finished text.
"""
from __future__ import annotations

from redix.version import REDIS_VERSION

# --- config ---
# CONFIG SET (replied as "-<text>").
CONFIG_SET_IMMUTABLE = "can't set immutable config"
CONFIG_SET_PROTECTED = "can't set protected config"
CONFIG_SET_DUPLICATE = "duplicate parameter"
CONFIG_NO_FILE = "ERR The server is running without a config file"


def config_set_unknown(name: str) -> str:
    return f"ERR Unknown option or number of arguments for CONFIG SET - '{name}'"


def config_set_failed(name: str, reason: str) -> str:
    return f"ERR CONFIG SET failed (possibly related to argument '{name}') - {reason}"


def config_rewrite_failed(reason: str) -> str:
    return f"ERR Rewriting config file: {reason}"


# Reasons shared by CONFIG SET and config files (the text after " - ").
ARG_NOT_INTEGER = "argument couldn't be parsed into an integer"
ARG_NOT_OCTAL = "argument couldn't be parsed as an octal number"
ARG_NOT_MEMORY = "argument must be a memory value"
ARG_NOT_MEMORY_OR_PERCENT = "argument must be a memory or percent value"
ARG_PERCENT_TOO_BIG = "percentage argument must be less or equal to 100"
ARG_NOT_YES_NO = "argument must be 'yes' or 'no'"
SAVE_INVALID = "Invalid save parameters"
SHUTDOWN_SAVE_NOSAVE = "shutdown options SAVE and NOSAVE can't be used simultaneously"
COBL_WRONG_ARGS = "Wrong number of arguments in buffer limit configuration."
COBL_BAD_CLASS = "Invalid client class specified in buffer limit configuration."
COBL_BAD_VALUE = "Error in hard, soft or soft_seconds setting in buffer limit configuration."
NOTIFY_BAD_CHAR = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."
OOM_WRONG_ARGS = "wrong number of arguments"
OOM_OUT_OF_RANGE = "Invalid oom-score-adj-values, elements must be between -2000 and 2000."
PERCENTILES_INVALID = "Invalid latency-tracking-info-percentiles parameters"
PERCENTILES_RANGE = "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"
BIND_TOO_MANY = "Too many bind addresses specified."
BIND_FAILED = "Failed to bind to specified addresses."
MASTER_PORT_INVALID = "Invalid master port"
PROC_TITLE_INVALID = "template format is invalid or contains unknown variables"
HOSTNAME_TOO_LONG = "Hostnames must be less than 256 characters"
ACTIVEDEFRAG_UNSUPPORTED = (
    "Active defragmentation cannot be enabled: it requires a Redis server compiled with a "
    "modified Jemalloc like the one shipped by default with the Redis source distribution")
HOSTNAME_BAD_CHARS = "Hostnames may only contain alphanumeric characters, hyphens or dots"


def arg_out_of_range(lo: int | str, hi: int | str) -> str:
    return f"argument must be between {lo} and {hi} inclusive"


def arg_not_in_enum(names) -> str:
    return "argument(s) must be one of the following: " + ", ".join(names)


def not_a_path(option: str, what: str = "filename") -> str:
    return f"{option} can't be a path, just a {what}"


def cant_be_empty(option: str) -> str:
    return f"{option} can't be empty"


def maxclients_os_limit(possible: int) -> str:
    return ("The operating system is not able to handle the specified number "
            f"of clients, try with {possible}")


# Config files and redis-server style command lines.
CONF_BAD_DIRECTIVE = "Bad directive or wrong number of arguments"
CONF_WRONG_ARGS = "wrong number of arguments"
CONF_UNBALANCED_QUOTES = "Unbalanced quotes in configuration line"
CONF_REPLICAOF_IN_CLUSTER = "replicaof directive not allowed in cluster mode"
CONF_SENTINEL_DIRECTIVE = "sentinel directive while not in sentinel mode"
CONF_NO_SUCH_COMMAND = "No such command in rename-command"
CONF_READING_STDIN = "Reading config from stdin"
CONF_FATAL_BANNER = f"*** FATAL CONFIG FILE ERROR (Redis {REDIS_VERSION}) ***"


def conf_cant_open_log(reason: str) -> str:
    return f"Can't open the log file: {reason}"


def conf_cant_open_file(path: str, reason: str) -> str:
    return f"Fatal error, can't open config file '{path}': {reason}"


def conf_fatal(reason: str, linenum: int | None = None, line: str | None = None) -> str:
    """The block redis-server prints to stderr (without its surrounding newlines)."""
    if linenum is None:
        return f"{CONF_FATAL_BANNER}\n{reason}"
    return (f"{CONF_FATAL_BANNER}\nReading the configuration file, at line {linenum}\n"
            f">>> '{line}'\n{reason}")
