"""Test fixtures: a real Redix process on a free loopback port.

``redix_server`` (session) starts ``python -m redix --port N`` and yields its
port; ``r`` is a redis-py client on it (RESP2), flushed before each test;
``raw`` is a connected socket helper for exact-byte checks.  Set
``REDIX_NO_EXTENSIONS=1`` to run the whole suite against the pure-Python twins.

``REDIX_TEST_EXTERNAL_PORT=N`` points the fixtures at a server already
running on port N instead of starting Redix: run a test module against a real
redis-server (with ``--runxfail``) to check that the tests themselves expect
what Redis does.

The real redis-server to compare with (``oracle``, ``fresh_oracle``) and the
comparing fixtures (``assert_same``, ``pair``) come from tests/differential.py.
"""
from __future__ import annotations

import os

import pytest

from tests.differential import (  # noqa: F401  (fixtures for all tests)
    assert_same, differ, fresh_oracle, oracle, pair)
from tests.resp_util import RawConnection, encode_command  # noqa: F401  (re-exported)
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
