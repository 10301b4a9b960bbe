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
MUST_BE_POSITIVE = b"ERR value is out of range, must be positive"
NUMKEYS_NOT_POSITIVE = b"ERR numkeys should be greater than 0"
NUMKEYS_TOO_MANY = b"ERR Number of keys can't be greater than number of args"
LIMIT_NEGATIVE = b"ERR LIMIT can't be negative"
