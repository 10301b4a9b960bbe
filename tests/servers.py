"""Server subprocesses for tests and tools: Redix, or a real redis-server as the oracle.

``ServerProcess(*args, port=None, env=None, config_file=None)`` runs ``python
-m redix`` from this checkout with redis-server style options (after the
config file, if any) on a free loopback port; ``OracleServer(*args,
config_file=None)`` runs ``redis-server`` with persistence off in a scratch
directory.  Both: ``start()`` (waits for PING), ``stop()``, ``port``,
``log()``, and use as a context manager.  No pytest here: the tools in
``tests/tools`` and ``benchmarks/`` use these too.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

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

    Subclasses change ``command`` to run another server (``OracleServer``).
    """

    command: tuple = (sys.executable, "-m", "redix")

    def __init__(self, *args: str, port: int | None = None, env=None,
                 config_file: str | None = None):
        self.port = port or free_port()
        # No snapshots from test servers unless a test asks for them.  A config file
        # must come first on the command line.
        self.args = [*([config_file] if config_file else []),
                     "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", *args]
        self.env = dict(os.environ, **(env or {}))
        self.proc = None
        self.logpath = None

    def start(self):
        self.logpath = f"/tmp/redix-test-{self.port}.log"
        with open(self.logpath, "wb") as log:
            self.proc = subprocess.Popen([*self.command, *self.args], stdout=log,
                                         stderr=subprocess.STDOUT, cwd=ROOT, env=self.env)
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


class OracleServer(ServerProcess):
    """A real redis-server subprocess with persistence off, in a scratch directory."""

    command = ("redis-server",)

    def __init__(self, *args: str, port: int | None = None, config_file: str | None = None):
        self.dir = tempfile.mkdtemp(prefix="redix-oracle-")
        super().__init__("--appendonly", "no", "--dir", self.dir, *args, port=port,
                         config_file=config_file)

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.dir, ignore_errors=True)
