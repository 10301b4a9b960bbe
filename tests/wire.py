"""Shared pieces of wire tests: a module-scoped server and raw connections to it.

    from tests.wire import bulk_text, conn, server_fixture  # noqa: F401
    srv = server_fixture("--enable-debug-command", "yes")

``server_fixture(*args)`` makes a module-scoped ``srv`` fixture: a Redix
``ServerProcess`` started with those options.  ``conn`` (needs ``srv``) is a
factory of ``RawConnection``s to it, emptied with FLUSHALL first and all closed
after the test.  ``bulk_text(reply)`` is the text of a bulk or verbatim reply.
Compare ``srv`` with redis-server through ``Differ(srv.port, oracle.port)``
(tests.differential).
"""
from __future__ import annotations

import pytest

from tests.conftest import RawConnection, ServerProcess


def server_fixture(*args):
    @pytest.fixture(scope="module")
    def srv():
        with ServerProcess(*args) as server:
            yield server
    return srv


@pytest.fixture
def conn(srv):
    made = []

    def connect():
        c = RawConnection(srv.port)
        made.append(c)
        return c
    assert connect().cmd("FLUSHALL") == b"+OK\r\n"
    yield connect
    for c in made:
        c.close()


def bulk_text(reply: bytes) -> str:
    """The payload of a bulk or verbatim string reply, as text."""
    head, _, rest = reply.partition(b"\r\n")
    body = rest[:int(head[1:])]
    assert rest[len(body):] == b"\r\n"
    return (body[4:] if reply.startswith(b"=") else body).decode()
