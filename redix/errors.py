"""Every error string Redix replies with, exactly as Redis words it.

Clients map error prefixes (``WRONGTYPE``, ``EXECABORT``, ``NOAUTH``...) to
exception classes, so these strings are part of the protocol: change one only
to match Redis 7.0 byte for byte.  Messages are ``bytes`` without the leading
``-`` and trailing CRLF; the encoder adds those.

Handlers signal an error reply by raising ``CommandError(message)``; the
dispatcher turns it into ``-message``.
"""


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


def unknown_command(argv: list) -> bytes:
    """``ERR unknown command 'x', with args beginning with: 'a' 'b' ``.

    Like Redis, the echoed arguments stop once 128 characters are used, and
    each one is cut to what is left of those 128.
    """
    args = b""
    for arg in argv[1:]:
        if len(args) >= 128:
            break
        args += b"'%s' " % arg[:128 - len(args)]
    return b"ERR unknown command '%s', with args beginning with: %s" % (argv[0][:128], args)


def wrong_arity(name: bytes) -> bytes:
    return b"ERR wrong number of arguments for '%s' command" % name


def unknown_subcommand(sub: bytes, container: bytes) -> bytes:
    return b"ERR unknown subcommand '%s'. Try %s HELP." % (sub[:128], container.upper())


def subcommand_syntax(sub: bytes, container: bytes) -> bytes:
    """A known subcommand with the wrong arguments (CLIENT UNBLOCK 1 2 3); echoes it as typed."""
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
LIMIT_NEGATIVE = b"ERR LIMIT can't be negative"
MUST_BE_POSITIVE = b"ERR value is out of range, must be positive"
NUMKEYS_POSITIVE = b"ERR numkeys should be greater than 0"
COUNT_POSITIVE = b"ERR count should be greater than 0"
VALUE_OUT_OF_RANGE = b"ERR value is out of range"
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
