"""Shared pieces of wire tests: a module-scoped server, raw connections, a real redis-server.

    from tests.wire import bulk_text, conn, oracle, same_replies, server_fixture  # noqa: F401
    srv = server_fixture("--enable-debug-command", "yes")

``server_fixture(*args)`` makes a module-scoped ``srv`` fixture: a Redix
``ServerProcess`` started with those options.  ``conn`` (needs ``srv``) is a
factory of ``RawConnection``s to it, emptied with FLUSHALL first and all closed
after the test.  ``bulk_text(reply)`` is the text of a bulk or verbatim reply.
``oracle`` (module scope) starts ``redis-server --save '' --appendonly no
--enable-debug-command yes`` on a free port and yields the port.
``same_replies(redix_port, oracle_port, commands, resp3=False)`` empties both
servers (FLUSHALL), runs the same commands on a fresh connection to each and
asserts the raw reply bytes are equal, one command at a time, naming the first
command that differs.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import RawConnection, ServerProcess, free_port, wait_for_port


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


@pytest.fixture(scope="module")
def oracle():
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--enable-debug-command", "yes"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, proc)
        yield port
    finally:
        proc.terminate()
        proc.wait(10)


def same_replies(redix_port: int, oracle_port: int, commands, resp3: bool = False) -> list:
    """Assert both servers answer ``commands`` with the same bytes; return the replies."""
    conns = [RawConnection(redix_port), RawConnection(oracle_port)]
    try:
        for conn in conns:
            assert conn.cmd("FLUSHALL") == b"+OK\r\n"
            if resp3:
                conn.cmd("HELLO", "3")
        replies = []
        for command in commands:
            mine, theirs = (conn.cmd(*command) for conn in conns)
            assert mine == theirs, f"{command}: redix {mine!r} != redis {theirs!r}"
            replies.append(mine)
        return replies
    finally:
        for conn in conns:
            conn.close()
