"""Test fixtures: a real Redix process on a free loopback port.

``redix_server`` (session) starts ``python -m redix --port N`` and yields its
port; ``r`` is a redis-py client on it (RESP2), flushed before each test;
``raw`` is a connected socket helper for exact-byte checks.  Set
``REDIX_NO_EXTENSIONS=1`` to run the whole suite against the pure-Python twins.

``REDIX_TEST_EXTERNAL_PORT=N`` points the fixtures at a server already
running on port N instead of starting Redix: run a test module against a real
redis-server (with ``--runxfail``) to check that the tests themselves expect
what Redis does.
"""
from __future__ import annotations

import os
import socket

import pytest

from tests.differential import assert_same, differ, oracle  # noqa: F401  (fixtures for all tests)
from tests.resp_util import encode_command
from tests.servers import ROOT, ServerProcess, free_port, wait_for_port  # noqa: F401

# Scripts and measuring tools (the redis-py suite runner...), not tests.
collect_ignore = ["tools"]


@pytest.fixture(scope="session")
def redix_server():
    external = os.environ.get("REDIX_TEST_EXTERNAL_PORT")
    if external:
        yield ServerProcess(port=int(external))     # not started: someone else's server
        return
    server = ServerProcess().start()
    yield server
    server.stop()


@pytest.fixture
def r(redix_server):
    import redis
    client = redis.Redis(port=redix_server.port, socket_timeout=10)
    client.flushall()
    yield client
    client.close()


class RawConnection:
    """A socket speaking raw bytes: send exactly, read exactly."""

    def __init__(self, port: int):
        self.port = port
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buf = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def read_until(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def reply(self) -> bytes:
        """Exactly one complete RESP reply, as bytes."""
        from tests.resp_util import reply_length
        while True:
            n = reply_length(self.buf)
            if n is not None:
                out, self.buf = self.buf[:n], self.buf[n:]
                return out
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError(f"closed; pending {self.buf!r}")
            self.buf += chunk

    def cmd(self, *args) -> bytes:
        """Send one command as a multibulk; return its reply bytes."""
        self.send(encode_command(*args))
        return self.reply()

    def closed(self) -> bool:
        """True once the server has closed the connection (waits for EOF)."""
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return True
                self.buf += chunk
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def raw(redix_server):
    conns = []

    def connect():
        conn = RawConnection(redix_server.port)
        conns.append(conn)
        return conn
    conn = connect()
    conn.connect = connect
    assert conn.cmd("FLUSHALL") == b"+OK\r\n"
    yield conn
    for c in conns:
        c.close()
