"""Reply values: what command handlers return, before encoding.

Handlers never build RESP bytes by hand; they return Python values and the
encoder (``resp.write_reply``) turns them into RESP2 or RESP3 for each client:

=====================  =======================  ==========================
value                  RESP2                    RESP3
=====================  =======================  ==========================
``bytes``              bulk string ``$``        bulk string ``$``
``int``                integer ``:``            integer ``:``
``None``               null bulk ``$-1``        null ``_``
``list`` / ``tuple``   array ``*``              array ``*``
``Simple``             status ``+``             status ``+``
``ErrorReply``         error ``-``              error ``-``
``float``              bulk, ``%.17g``          double ``,``
``bool``               integer 1/0              boolean ``#t``/``#f``
``dict``               flat array               map ``%``
``set``/``frozenset``  array                    set ``~``
``SetReply``           array                    set ``~``, in list order
``Push``               array                    push ``>``
``Verbatim``           bulk string              verbatim ``=`` (txt)
``BigNumber``          bulk string              big number ``(``
``NULL_ARRAY``         null array ``*-1``       null ``_``
``Raw``                its bytes as they are    its bytes as they are
``Preencoded``         ``.resp2``               ``.resp3``
=====================  =======================  ==========================

``BLOCKED`` and ``NO_REPLY`` tell the dispatcher that nothing is to be sent now.
"""


class Simple(bytes):
    """A status reply such as ``+OK``."""
    __slots__ = ()


class ErrorReply(bytes):
    """An error reply; the message carries its prefix (``ERR``, ``WRONGTYPE``...)."""
    __slots__ = ()


class Raw(bytes):
    """Pre-encoded bytes, the same in both protocols (``+OK\\r\\n``)."""
    __slots__ = ()


class Verbatim(bytes):
    """Text for humans (INFO, CLIENT LIST): verbatim ``txt`` in RESP3."""
    __slots__ = ()


class BigNumber(bytes):
    """A decimal integer too large for ``:``."""
    __slots__ = ()


class SetReply(list):
    """A set whose order matters (SMEMBERS of an intset is sorted): ``~`` in RESP3."""
    __slots__ = ()


class Push(list):
    """Out-of-band data (pub/sub messages, invalidations): ``>`` in RESP3."""
    __slots__ = ()


class Preencoded:
    """Bytes prepared once per protocol (COMMAND INFO entries)."""
    __slots__ = ("resp2", "resp3")

    def __init__(self, resp2: bytes, resp3: bytes):
        self.resp2 = resp2
        self.resp3 = resp3


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


NULL_ARRAY = _Sentinel("NULL_ARRAY")
BLOCKED = _Sentinel("BLOCKED")
NO_REPLY = _Sentinel("NO_REPLY")

OK = Raw(b"+OK\r\n")
PONG = Raw(b"+PONG\r\n")
QUEUED = Raw(b"+QUEUED\r\n")
EMPTY_ARRAY = Raw(b"*0\r\n")


def help_reply(container: bytes, lines) -> list:
    """A ``<CONTAINER> HELP`` reply: status lines, with Redis's header and HELP footer."""
    head = b"%s <subcommand> [<arg> [value] [opt] ...]. Subcommands are:" % container.upper()
    return [Simple(line) for line in (head, *lines, b"HELP", b"    Prints this help.")]
