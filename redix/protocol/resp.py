"""RESP reader and encoder: the compiled module when built, else the pure-Python twin.

See ``_resp_py`` for the API both twins share.
"""
from typing import TYPE_CHECKING

from redix import _speedups

if TYPE_CHECKING:
    from redix.protocol._resp_py import (  # noqa: F401
        NEED_MORE, Reader, encode, split_inline, write_reply,
    )
else:
    _impl = _speedups.load("redix.protocol", "resp")
    NEED_MORE = _impl.NEED_MORE
    Reader = _impl.Reader
    encode = _impl.encode
    split_inline = _impl.split_inline
    write_reply = _impl.write_reply
    IMPLEMENTATION = _impl.__name__
