"""Every error string Redix replies with, exactly as Redis words it.

Clients map error prefixes (``WRONGTYPE``, ``EXECABORT``, ``NOAUTH``...) to
exception classes, so these strings are part of the protocol: change one only
to match Redis 7.0 byte for byte.  Messages are ``bytes`` without the leading
``-`` and trailing CRLF; the encoder adds those.

Handlers signal an error reply by raising ``CommandError(message)``; the
dispatcher turns it into ``-message``.
"""
from __future__ import annotations

from redix.version import REDIS_VERSION



class CommandError(Exception):
    """Raised by a handler: the client gets ``-<message>`` and the command has no effect."""

    __slots__ = ("message",)

    def __init__(self, message: bytes):
        self.message = message


class ProtocolError(Exception):
    """The client sent bytes that are not RESP; reply ``-ERR Protocol error: ...`` and close."""


# --- generic -----------------------------------------------------------------
SYNTAX = b"ERR syntax error"
WRONGTYPE = b"WRONGTYPE Operation against a key holding the wrong kind of value"
NOT_INTEGER = b"ERR value is not an integer or out of range"
NOT_FLOAT = b"ERR value is not a valid float"
OVERFLOW = b"ERR increment or decrement would overflow"
INCR_NAN_INF = b"ERR increment would produce NaN or Infinity"
NO_SUCH_KEY = b"ERR no such key"
OUT_OF_RANGE = b"ERR index out of range"
DB_INDEX_RANGE = b"ERR DB index is out of range"
INVALID_DB_INDEX = b"ERR invalid DB index"
SAME_OBJECT = b"ERR source and destination objects are the same"
INVALID_EXPIRE = b"ERR invalid expire time in '%s' command"
STRING_TOO_LONG = b"ERR string exceeds maximum allowed size (proto-max-bulk-len)"
BIT_OFFSET = b"ERR bit offset is not an integer or out of range"
BIT_VALUE = b"ERR bit is not an integer or out of range"
OOM = b"OOM command not allowed when used memory > 'maxmemory'."
NOAUTH = b"NOAUTH Authentication required."
WRONGPASS = b"WRONGPASS invalid username-password pair or user is disabled."
AUTH_NOT_CONFIGURED = (b"ERR AUTH <password> called without any password configured for the "
                       b"default user. Are you sure your configuration is correct?")
NOPROTO = b"NOPROTO unsupported protocol version"
TIMEOUT_NEGATIVE = b"ERR timeout is negative"
TIMEOUT_NOT_FLOAT = b"ERR timeout is not a float or out of range"
TIMEOUT_NOT_INTEGER = b"ERR timeout is not an integer or out of range"
MAX_CLIENTS = b"ERR max number of clients reached"
LOADING = b"LOADING Redis is loading the dataset in memory"
NO_SUCH_CLIENT = b"ERR No such client"
BUSY_KEY = b"BUSYKEY Target key name already exists."
SUBSCRIBED_ONLY = (b"ERR Can't execute '%s': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / "
                   b"QUIT / RESET are allowed in this context")


def _printed(arg: bytes, limit: int | None = 128) -> bytes:
    """An argument as Redis's ``%.*s`` prints it: cut at a NUL, then at ``limit`` bytes
    (None: a plain ``%s``, no limit)."""
    nul = arg.find(b"\0")
    return (arg if nul < 0 else arg[:nul])[:limit]


def _one_line(message: bytes) -> bytes:
    """Redis turns CR and LF in a formatted error into spaces: an error is one line."""
    return message.replace(b"\r", b" ").replace(b"\n", b" ")


def unknown_command(argv: list) -> bytes:
    """``ERR unknown command 'x', with args beginning with: 'a' 'b' ``.

    Like Redis, the echoed arguments stop once 128 characters are used, and
    each one is cut to what is left of those 128.
    """
    args = b""
    for arg in argv[1:]:
        if len(args) >= 128:
            break
        args += b"'%s' " % _printed(arg, 128 - len(args))
    return _one_line(b"ERR unknown command '%s', with args beginning with: %s"
                     % (_printed(argv[0]), args))


def wrong_arity(name: bytes) -> bytes:
    return b"ERR wrong number of arguments for '%s' command" % name


def unknown_subcommand(sub: bytes, container: bytes) -> bytes:
    return _one_line(b"ERR unknown subcommand '%s'. Try %s HELP."
                     % (_printed(sub), container.upper()))


def subcommand_syntax(sub: bytes, container: bytes) -> bytes:
    """A known subcommand with the wrong arguments (CLIENT UNBLOCK 1 2 3, SLOWLOG GET 1 2);
    echoes it as typed."""
    return (b"ERR unknown subcommand or wrong number of arguments for '%s'. Try %s HELP."
            % (sub[:128], container.upper()))


def protocol(detail: str) -> bytes:
    """The error line for a reader's ``ProtocolError`` detail, as Redis sends it.

    The detail may quote one raw request byte (``expected '$', got '\\xff'``):
    Redis sends that byte as it is, and maps CR and LF to spaces so the
    error stays one line.
    """
    raw = detail.encode("latin-1", "replace")
    return b"ERR Protocol error: " + raw.replace(b"\r", b" ").replace(b"\n", b" ")


# --- connection ----------------------------------------------------------------
HELLO_PROTO_NOT_INT = b"ERR Protocol version is not an integer or out of range"
MULTI_NESTED = b"ERR MULTI calls can not be nested"


def hello_syntax(option: bytes) -> bytes:
    return b"ERR Syntax error in HELLO option '%s'" % option


# --- keyspace and expiry --------------------------------------------------------
INVALID_CURSOR = b"ERR invalid cursor"
INT32_RANGE = b"ERR value is out of range, value must between -2147483648 and 2147483647"
SWAPDB_FIRST_INDEX = b"ERR invalid first DB index"
SWAPDB_SECOND_INDEX = b"ERR invalid second DB index"
EXPIRE_NX_AND_OTHERS = b"ERR NX and XX, GT or LT options at the same time are not compatible"
EXPIRE_GT_AND_LT = b"ERR GT and LT options at the same time are not compatible"
LFU_NOT_SELECTED = (b"ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
                    b"Please note that when switching between policies at runtime LRU and LFU "
                    b"data will take some time to adjust.")
LFU_SELECTED = (b"ERR An LFU maxmemory policy is selected, idle time not tracked. Please note "
                b"that when switching between policies at runtime LRU and LFU data will take "
                b"some time to adjust.")


def unsupported_option(option: bytes) -> bytes:
    """``ERR Unsupported option x``; Redis turns line breaks in the echo into spaces."""
    return b"ERR Unsupported option " + option.replace(b"\r", b" ").replace(b"\n", b" ")


# --- lists -----------------------------------------------------------------------
MUST_BE_POSITIVE = b"ERR value is out of range, must be positive"
NUMKEYS_POSITIVE = b"ERR numkeys should be greater than 0"
COUNT_POSITIVE = b"ERR count should be greater than 0"
LPOS_RANK_ZERO = (b"ERR RANK can't be zero: use 1 to start from the first match, 2 from the "
                  b"second ... or use negative to start from the end of the list")
LPOS_COUNT_NEGATIVE = b"ERR COUNT can't be negative"
LPOS_MAXLEN_NEGATIVE = b"ERR MAXLEN can't be negative"


# --- blocking --------------------------------------------------------------------
UNBLOCK_REASON = b"ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"
UNBLOCKED_BY_CLIENT = b"UNBLOCKED client unblocked via CLIENT UNBLOCK"


# --- strings -------------------------------------------------------------------


# --- hashes and sets ---------------------------------------------------------------
HASH_NOT_INTEGER = b"ERR hash value is not an integer"
HASH_NOT_FLOAT = b"ERR hash value is not a float"
INCR_NOT_FINITE = b"ERR value is NaN or Infinity"
# A count read as a long in [-LONG_MAX, LONG_MAX] (HRANDFIELD, SRANDMEMBER).
COUNT_RANGE = (b"ERR value is out of range, value must between -9223372036854775807 and "
               b"9223372036854775807")
# HRANDFIELD WITHVALUES with |count| > LONG_MAX / 2 (the reply would hold 2 * count items).
VALUE_OUT_OF_RANGE = b"ERR value is out of range"
# SPOP's count and SINTERCARD's numkeys use MUST_BE_POSITIVE and NUMKEYS_POSITIVE (lists).
NUMKEYS_TOO_MANY = b"ERR Number of keys can't be greater than number of args"
LIMIT_NEGATIVE = b"ERR LIMIT can't be negative"


# --- streams -------------------------------------------------------------------
XADD_ID_TOO_SMALL = (b"ERR The ID specified in XADD is equal or smaller than the target stream "
                     b"top item")
XADD_ID_ZERO = b"ERR The ID specified in XADD must be greater than 0-0"
XADD_SEQ_OVERFLOW = b"ERR Elements are too large to be stored"
STREAM_ID_INVALID = b"ERR Invalid stream ID specified as stream command argument"
STREAM_EXHAUSTED = (b"ERR The stream has exhausted the last possible ID, unable to add more "
                    b"items")
LIMIT_WITHOUT_STRATEGY = (b"ERR syntax error, LIMIT cannot be used without specifying a "
                          b"trimming strategy")
LIMIT_WITHOUT_APPROX = b"ERR syntax error, LIMIT cannot be used without the special ~ option"
XTRIM_NO_STRATEGY = b"ERR syntax error, XTRIM must be called with a trimming strategy"
MAXLEN_AND_MINID = (b"ERR syntax error, MAXLEN and MINID options at the same time are not "
                    b"compatible")
MAXLEN_NEGATIVE = b"ERR The MAXLEN argument must be >= 0."
XTRIM_LIMIT_NEGATIVE = b"ERR The LIMIT argument must be >= 0."
INTERVAL_START = b"ERR invalid start ID for the interval"
INTERVAL_END = b"ERR invalid end ID for the interval"
XSETID_TOO_SMALL = b"ERR The ID specified in XSETID is smaller than the target stream top item"
XSETID_BELOW_MAX_DELETED = (b"ERR The ID specified in XSETID is smaller than the provided "
                            b"max_deleted_entry_id")
XSETID_ENTRIES_ADDED_NEGATIVE = b"ERR entries_added must be positive"
XSETID_ENTRIES_ADDED_SMALL = (b"ERR The entries_added specified in XSETID is smaller than the "
                              b"target stream length")
XREAD_UNBALANCED = (b"ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' "
                    b"must be specified.")
XREAD_GROUP_OPTION = (b"ERR The GROUP option is only supported by XREADGROUP. You called XREAD "
                      b"instead.")
XREAD_NOACK_OPTION = (b"ERR The NOACK option is only supported by XREADGROUP. You called XREAD "
                      b"instead.")
XREADGROUP_NO_GROUP_OPTION = b"ERR Missing GROUP option for XREADGROUP"
XREADGROUP_DOLLAR = (b"ERR The $ ID is meaningless in the context of XREADGROUP: you want to "
                     b"read the history of this consumer by specifying a proper ID, or use the "
                     b"> ID to get new messages. The $ ID would just return an empty result set.")
XREAD_GT_ID = (b"ERR The > ID can be specified only when calling XREADGROUP using the GROUP "
               b"<group> <consumer> option.")
XREADGROUP_GROUP_GONE = b"NOGROUP the consumer group this client was blocked on no longer exists"
XREADGROUP_KEY_GONE = b"UNBLOCKED the stream key no longer exists"
XGROUP_NEEDS_KEY = (b"ERR The XGROUP subcommand requires the key to exist. Note that for CREATE "
                    b"you may want to use the MKSTREAM option to create an empty stream "
                    b"automatically.")
BUSYGROUP = b"BUSYGROUP Consumer Group name already exists"
ENTRIESREAD_NEGATIVE = b"ERR value for ENTRIESREAD must be positive or -1"
XCLAIM_MIN_IDLE = b"ERR Invalid min-idle-time argument for XCLAIM"
XCLAIM_IDLE = b"ERR Invalid IDLE option argument for XCLAIM"
XCLAIM_TIME = b"ERR Invalid TIME option argument for XCLAIM"
XCLAIM_RETRYCOUNT = b"ERR Invalid RETRYCOUNT option argument for XCLAIM"
XAUTOCLAIM_MIN_IDLE = b"ERR Invalid min-idle-time argument for XAUTOCLAIM"
XAUTOCLAIM_COUNT = b"ERR COUNT must be > 0"


def no_group(key: bytes, group: bytes) -> bytes:
    """XPENDING, XCLAIM, XAUTOCLAIM: no such key or group."""
    return _one_line(b"NOGROUP No such key '%s' or consumer group '%s'"
                     % (_printed(key, None), _printed(group, None)))


def no_group_xreadgroup(key: bytes, group: bytes) -> bytes:
    return _one_line(b"NOGROUP No such key '%s' or consumer group '%s' in XREADGROUP with GROUP "
                     b"option" % (_printed(key, None), _printed(group, None)))


def no_group_for_key(group: bytes, key: bytes) -> bytes:
    """XGROUP and XINFO CONSUMERS: the key exists, the group does not."""
    return _one_line(b"NOGROUP No such consumer group '%s' for key name '%s'"
                     % (_printed(group, None), _printed(key, None)))


def xclaim_option(option: bytes) -> bytes:
    return _one_line(b"ERR Unrecognized XCLAIM option '%s'" % _printed(option, None))


# --- transactions --------------------------------------------------------------
EXEC_WITHOUT_MULTI = b"ERR EXEC without MULTI"
DISCARD_WITHOUT_MULTI = b"ERR DISCARD without MULTI"
WATCH_IN_MULTI = b"ERR WATCH inside MULTI is not allowed"
EXECABORT = b"EXECABORT Transaction discarded because of previous errors."
NOT_IN_TRANSACTION = b"ERR Command not allowed inside a transaction"


# --- server and introspection (INFO, CONFIG, CLIENT, COMMAND, SLOWLOG, DEBUG...) ----------
TIMEOUT_NOT_INT = TIMEOUT_NOT_INTEGER
PAUSE_MODE = b"ERR CLIENT PAUSE mode must be WRITE or ALL"
CLIENT_NAME_CHARS = b"ERR Client names cannot contain spaces, newlines or special characters."
CLIENT_ID_INVALID = b"ERR Invalid client ID"
CLIENT_ID_POSITIVE = b"ERR client-id should be greater than 0"
CONFIG_NO_FILE = b"ERR The server is running without a config file"
CONFIG_REWRITE_FAILED = b"ERR Rewriting config file: %s"
NO_SHUTDOWN = b"ERR No shutdown in progress."
SHUTDOWN_FAILED = b"ERR Errors trying to SHUTDOWN. Check logs."
SLOWLOG_COUNT = b"ERR count should be greater than or equal to -1"
NO_LATENCY_SAMPLES = b"ERR No samples available for event '%s'"
DEBUG_NOT_ALLOWED = (b"ERR DEBUG command not allowed. If the enable-debug-command option is set "
                     b"to \"local\", you can run it from a local connection, otherwise you need "
                     b"to set this option in the configuration file, and then restart the "
                     b"server.")
GETKEYS_INVALID_COMMAND = b"ERR Invalid command specified"
GETKEYS_INVALID_ARITY = b"ERR Invalid number of arguments specified for command"
GETKEYS_INVALID_ARGS = b"ERR Invalid arguments specified for command"
GETKEYS_NO_KEYS = b"ERR The command has no key arguments"
REPLICA_KEYSPACE = b"ERR Replica can't interact with the keyspace"


def unknown_client_type(name: bytes) -> bytes:
    return b"ERR Unknown client type '%s'" % name


def no_such_user(name: bytes) -> bytes:
    return b"ERR No such user '%s'" % name


def unrecognized_option(name: bytes) -> bytes:
    return b"ERR Unrecognized option '%s'" % name


def client_attr_chars(attr: bytes) -> bytes:
    return b"ERR %s cannot contain spaces, newlines or special characters." % attr



# --- config ---
# CONFIG SET (replied as "-<text>").
CONFIG_SET_IMMUTABLE = "can't set immutable config"
CONFIG_SET_PROTECTED = "can't set protected config"
CONFIG_SET_DUPLICATE = "duplicate parameter"


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


OFFSET_OUT_OF_RANGE = b"ERR offset is out of range"
DECR_OVERFLOW = b"ERR decrement would overflow"
LCS_NOT_STRINGS = b"ERR The specified keys must contain string values"
LCS_LEN_AND_IDX = b"ERR If you want both the length and indexes, please just use IDX."
LCS_TOO_BIG = b"ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"


# --- bitmaps -------------------------------------------------------------------
BIT_ARGUMENT = b"ERR The bit argument must be 1 or 0."
BITOP_NOT_ONE_SOURCE = b"ERR BITOP NOT must be called with a single source key."
BITFIELD_TYPE = (b"ERR Invalid bitfield type. Use something like i16 u8. "
                 b"Note that u64 is not supported but i64 is.")
BITFIELD_OVERFLOW_TYPE = b"ERR Invalid OVERFLOW type specified"
BITFIELD_RO_GET_ONLY = b"ERR BITFIELD_RO only supports the GET subcommand"


# --- hyperloglog -------------------------------------------------------------------
HLL_WRONGTYPE = b"WRONGTYPE Key is not a valid HyperLogLog string value."
HLL_CORRUPT = b"INVALIDOBJ Corrupted HLL object detected"
HLL_NO_KEY = b"ERR The specified key does not exist"
HLL_NOT_SPARSE = b"ERR HLL encoding is not sparse"


def pfdebug_unknown(sub: bytes) -> bytes:
    """Redis echoes the whole subcommand, line breaks turned into spaces."""
    return b"ERR Unknown PFDEBUG subcommand '%s'" % sub.replace(b"\r", b" ").replace(b"\n", b" ")


# --- sorted sets -------------------------------------------------------------------
ZADD_XX_NX = b"ERR XX and NX options at the same time are not compatible"
ZADD_GT_LT_NX = b"ERR GT, LT, and/or NX options at the same time are not compatible"
ZADD_INCR_PAIRS = b"ERR INCR option supports a single increment-element pair"
SCORE_NAN = b"ERR resulting score is not a number (NaN)"
MIN_MAX_NOT_FLOAT = b"ERR min or max is not a float"
MIN_MAX_NOT_LEX = b"ERR min or max not valid string range item"
ZRANGE_WITHSCORES_BYLEX = b"ERR syntax error, WITHSCORES not supported in combination with BYLEX"
ZRANGE_LIMIT_BY_RANK = (b"ERR syntax error, LIMIT is only supported in combination with either "
                        b"BYSCORE or BYLEX")
WEIGHT_NOT_FLOAT = b"ERR weight value is not a float"
LONG_RANGE = (b"ERR value is out of range, value must between -9223372036854775807 and "
              b"9223372036854775807")


def no_input_keys(name: bytes) -> bytes:
    """ZUNION/ZINTER/ZDIFF family with numkeys < 1; ``name`` is the lower-case command."""
    return b"ERR at least 1 input key is needed for '%s' command" % name


# --- geo ---------------------------------------------------------------------------
GEO_MEMBER_UNDECODABLE = b"ERR could not decode requested zset member"
GEO_RADIUS_NOT_NUMERIC = b"ERR need numeric radius"
GEO_RADIUS_NEGATIVE = b"ERR radius cannot be negative"
GEO_WIDTH_NOT_NUMERIC = b"ERR need numeric width"
GEO_HEIGHT_NOT_NUMERIC = b"ERR need numeric height"
GEO_BOX_NEGATIVE = b"ERR height or width cannot be negative"
GEO_UNIT = b"ERR unsupported unit provided. please use M, KM, FT, MI"
GEO_COUNT_POSITIVE = b"ERR COUNT must be > 0"
GEO_ANY_WITHOUT_COUNT = b"ERR the ANY argument requires COUNT argument"
GEO_STORE_WITH = b"ERR %s is not compatible with WITHDIST, WITHHASH and WITHCOORD options"
GEO_NEED_FROM = b"ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for %s"
GEO_NEED_BY = b"ERR exactly one of BYRADIUS and BYBOX can be specified for %s"


def geo_invalid_pair(lon: float, lat: float) -> bytes:
    return b"ERR invalid longitude,latitude pair %f,%f" % (lon, lat)


# --- client-side caching (CLIENT TRACKING, CACHING) ------------------------------------
TRACKING_REDIRECT_TWICE = b"ERR A client can only redirect to a single other client"
TRACKING_REDIRECT_MISSING = b"ERR The client ID you want redirect to does not exist"
TRACKING_PREFIX_NEEDS_BCAST = b"ERR PREFIX option requires BCAST mode to be enabled"
TRACKING_SWITCH_BCAST = (b"ERR You can't switch BCAST mode on/off before disabling tracking for "
                         b"this client, and then re-enabling it with a different mode.")
TRACKING_BCAST_OPTIN = b"ERR OPTIN and OPTOUT are not compatible with BCAST"
TRACKING_OPTIN_AND_OPTOUT = b"ERR You can't specify both OPTIN mode and OPTOUT mode"
TRACKING_SWITCH_OPTIN = (b"ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for "
                         b"this client, and then re-enabling it with a different mode.")
CACHING_NOT_TRACKING = (b"ERR CLIENT CACHING can be called only when the client is in tracking "
                        b"mode with OPTIN or OPTOUT mode enabled")
CACHING_YES_NEEDS_OPTIN = b"ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode."
CACHING_NO_NEEDS_OPTOUT = b"ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode."


def prefix_overlap(prefix: bytes, other: bytes, existing: bool) -> bytes:
    """CLIENT TRACKING BCAST: a PREFIX that is a prefix of another one (or the reverse)."""
    kind = b"an existing" if existing else b"another provided"
    return (b"ERR Prefix '%s' overlaps with %s prefix '%s'. Prefixes for a single client "
            b"must not overlap." % (prefix, kind, other))
