"""Test fixtures: a real Redix process on a free loopback port.

``redix_server`` (session) starts ``python -m redix --port N`` and yields its
port; ``r`` is a redis-py client on it (RESP2), flushed before each test;
``raw`` is a connected socket helper for exact-byte checks.  Set
``REDIX_NO_EXTENSIONS=1`` to run the whole suite against the pure-Python twins.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from tests.resp_util import encode_command

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc=None, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                if s.recv(64).startswith((b"+PONG", b"-NOAUTH")):
                    return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"server on port {port} did not come up")


class ServerProcess:
    """A Redix server subprocess; ``args`` are redis-server style options.

    Subclasses change ``command`` to run another server (tests.differential
    runs the real redis-server this way).
    """

    command: tuple = (sys.executable, "-m", "redix")

    def __init__(self, *args: str, port: int | None = None, env=None):
        self.port = port or free_port()
        self.args = ["--port", str(self.port), "--bind", "127.0.0.1", *args]
        self.env = dict(os.environ, **(env or {}))
        self.proc = None
        self.logpath = None

    def start(self):
        self.logpath = f"/tmp/redix-test-{self.port}.log"
        log = open(self.logpath, "wb")
        self.proc = subprocess.Popen([*self.command, *self.args],
                                     stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=self.env)
        wait_for_port(self.port, self.proc)
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def log(self) -> str:
        with open(self.logpath, errors="replace") as f:
            return f.read()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


@pytest.fixture(scope="session")
def redix_server():
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
