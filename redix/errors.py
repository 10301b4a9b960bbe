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


def _printed(arg: bytes, limit: int = 128) -> bytes:
    """An argument as Redis's ``%.*s`` prints it: cut at a NUL, then at ``limit`` bytes."""
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


def protocol(detail: str) -> bytes:
    return b"ERR Protocol error: " + detail.encode()


# --- connection ----------------------------------------------------------------
HELLO_PROTO_NOT_INT = b"ERR Protocol version is not an integer or out of range"
MULTI_NESTED = b"ERR MULTI calls can not be nested"


def hello_syntax(option: bytes) -> bytes:
    return b"ERR Syntax error in HELLO option '%s'" % option


# --- strings -------------------------------------------------------------------
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
