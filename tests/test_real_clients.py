"""Real clients against Redix: redis-cli (RESP3, --pipe, --scan, --bigkeys, an
interactive session with hints) and redis-benchmark.

These are the tools users point at a server first; their own parsers are
stricter than redis-py's.  Where output must match, it is compared with what
the same tool prints against a real redis-server (the ``oracle`` fixture).
Speed is never asserted.  Skipped when redis-tools is not installed.
"""
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import termios
import time

import pytest

from tests.resp_util import encode_command

REDIS_CLI = shutil.which("redis-cli")
REDIS_BENCHMARK = shutil.which("redis-benchmark")
needs_cli = pytest.mark.skipif(REDIS_CLI is None, reason="redis-cli is not installed")
needs_benchmark = pytest.mark.skipif(REDIS_BENCHMARK is None,
                                     reason="redis-benchmark is not installed")

def cli(port, *args, stdin=b"", timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run([REDIS_CLI, "-p", str(port), *args], input=stdin,
                          capture_output=True, timeout=timeout)


def load(raw, commands) -> None:
    """Send commands pipelined over the raw connection; every reply must succeed."""
    raw.send(b"".join(encode_command(*c) for c in commands))
    for c in commands:
        reply = raw.reply()
        assert not reply.startswith(b"-"), (c, reply)


@pytest.fixture
def flushed_oracle(oracle):
    assert cli(oracle.port, "FLUSHALL").stdout == b"OK\n"
    return oracle


# --- redis-cli: commands and RESP3 -------------------------------------------------------

CLI_SCRIPT = b"""PING
ECHO "hello world"
SET k v
GET k
GET missing
EXISTS k missing k
DEL k missing
SET n 10
SET n 11 GET
SET n 12 NX
SET n 13 XX GET
GET
NOSUCH a b
HELLO 4
"""


@needs_cli
@pytest.mark.parametrize("proto", [[], ["-3"]], ids=["resp2", "resp3"])
@pytest.mark.parametrize("mode", ["--no-raw", "--raw"])
def test_cli_output_matches_redis(raw, flushed_oracle, proto, mode):
    """Commands read from stdin print exactly what they print against redis-server."""
    ours = cli(raw.port, *proto, mode, stdin=CLI_SCRIPT)
    theirs = cli(flushed_oracle.port, *proto, mode, stdin=CLI_SCRIPT)
    assert ours.returncode == theirs.returncode == 0
    assert ours.stdout.decode().splitlines() == theirs.stdout.decode().splitlines()
    assert b"(nil)" in ours.stdout if mode == "--no-raw" else True


@needs_cli
def test_cli_resp3_types(raw):
    """-3 negotiates RESP3 (HELLO 3): nulls and maps come back as RESP3 types."""
    out = cli(raw.port, "-3", "--no-raw", "GET", "missing").stdout
    assert out == b"(nil)\n"
    hello = cli(raw.port, "-3", "--no-raw", "HELLO", "3").stdout.decode()
    assert hello.startswith('1# "server" => "redis"\n2# "version" => "7.0.15"\n'
                            '3# "proto" => (integer) 3\n')
    assert '5# "mode" => "standalone"\n6# "role" => "master"\n7# "modules" => (empty array)' \
        in hello
    assert cli(raw.port, "-3", "SET", "k", "v").stdout == b"OK\n"
    assert cli(raw.port, "-3", "--no-raw", "EXISTS", "k").stdout == b"(integer) 1\n"
    err = cli(raw.port, "-3", "--no-raw", "GET")
    assert err.stdout == b"(error) ERR wrong number of arguments for 'get' command\n"


# --- redis-cli --pipe ----------------------------------------------------------------------

@needs_cli
def test_cli_pipe_mass_insertion(raw):
    n = 100_000
    stream = b"".join(encode_command("SET", b"key:%d" % i, b"value:%d" % i) for i in range(n))
    done = cli(raw.port, "--pipe", stdin=stream, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "All data transferred. Waiting for the last reply..." in out
    assert "Last reply received from server." in out
    assert f"errors: 0, replies: {n}" in out
    assert raw.cmd("DBSIZE") == b":%d\r\n" % n
    assert raw.cmd("GET", "key:0") == b"$7\r\nvalue:0\r\n"
    assert raw.cmd("GET", "key:99999") == b"$11\r\nvalue:99999\r\n"
    assert raw.cmd("FLUSHALL") == b"+OK\r\n"


@needs_cli
def test_cli_pipe_counts_errors(raw):
    stream = encode_command("SET", "a", "1") + encode_command("GET") + \
        encode_command("NOSUCH") + encode_command("GET", "a")
    done = cli(raw.port, "--pipe", stdin=stream)
    assert "errors: 2, replies: 4" in done.stdout.decode()
    # Each error reply is echoed on stderr.
    assert done.stderr.decode().splitlines() == [
        "ERR wrong number of arguments for 'get' command",
        "ERR unknown command 'NOSUCH', with args beginning with: "]


# --- redis-cli --scan and --bigkeys ---------------------------------------------------------

@needs_cli
def test_cli_scan_and_pattern(raw):
    users = {f"user:{i}" for i in range(150)}
    items = {f"item:{i}" for i in range(250)}
    load(raw, [["SET", k, "x"] for k in users | items])
    every = cli(raw.port, "--scan").stdout.decode().split()
    assert sorted(every) == sorted(users | items)      # each key exactly once
    only_users = cli(raw.port, "--scan", "--pattern", "user:*").stdout.decode().split()
    assert sorted(only_users) == sorted(users)
    tens = cli(raw.port, "--scan", "--quoted-pattern", '"item:1?"').stdout.decode()
    assert sorted(tens.split()) == sorted(f"item:{i}" for i in range(10, 20))
    assert cli(raw.port, "-n", "1", "--scan").stdout == b""


BIGKEYS_DATA = [["SET", "small", "x"], ["SET", "big", "y" * 1000], ["SET", "medium", "z" * 100],
                ["SET", "empty", ""]]


@needs_cli
def test_cli_bigkeys_summary_matches_redis(raw, flushed_oracle):
    load(raw, BIGKEYS_DATA)
    assert cli(flushed_oracle.port, "MSET", *[a for c in BIGKEYS_DATA for a in c[1:]]).stdout \
        == b"OK\n"

    def summary(port):
        done = cli(port, "--bigkeys")
        assert done.returncode == 0, done.stderr
        out = done.stdout.decode()
        # The scan order (and so the "biggest so far" lines) may differ; the summary may not.
        return out[out.index("-------- summary -------"):].splitlines()
    ours = summary(raw.port)
    assert ours == summary(flushed_oracle.port)
    assert "Biggest string found '\"big\"' has 1000 bytes" in ours


# --- redis-cli interactive, under a pseudo-terminal -------------------------------------------

class Terminal:
    """redis-cli in a pseudo-terminal: type keys, wait for what appears on screen."""

    def __init__(self, *args):
        self.master, slave = pty.openpty()
        # A window size, so linenoise does not query the cursor position.
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 250, 0, 0))
        self.proc = subprocess.Popen([REDIS_CLI, *args], stdin=slave, stdout=slave,
                                     stderr=slave, start_new_session=True,
                                     env=dict(os.environ, TERM="xterm"))
        os.close(slave)
        self.screen = b""

    def type(self, text: bytes) -> None:
        # Wait for the prompt before typing: linenoise discards input typed ahead
        # of it (it enters raw mode with TCSAFLUSH).
        os.write(self.master, text)

    def expect(self, pattern: bytes, timeout: float = 15) -> re.Match:
        """Wait until ``pattern`` shows up in the output since the last match."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            match = rx.search(self.screen)
            if match:
                self.screen = self.screen[match.end():]
                return match
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{pattern!r} did not appear; screen: {self.screen!r}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.screen += os.read(self.master, 65536)
                except OSError:     # the child closed the terminal
                    raise AssertionError(f"{pattern!r} did not appear before exit; "
                                         f"screen: {self.screen!r}")

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(10)
        os.close(self.master)


HINT_STYLE = rb"\x1b\[0;90;49m"      # linenoise draws hints dark grey after the cursor
SET_HINT = (b"key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|"
            b"PXAT unix-time-milliseconds|KEEPTTL]")


@needs_cli
def test_cli_interactive_hints_and_replies(raw):
    term = Terminal("-p", str(raw.port))
    try:
        prompt = b"127.0.0.1:%d> " % raw.port
        term.expect(re.escape(prompt))
        term.type(b"SET ")
        term.expect(re.escape(prompt) + b"SET " + HINT_STYLE + re.escape(SET_HINT))
        term.type(b"greeting hello\r")
        # The hint shrinks as arguments are typed; then the reply is printed.
        term.expect(b"SET greeting hello" + HINT_STYLE + re.escape(b" [NX|XX] [GET]"))
        term.expect(b"\r\nOK\r\n" + re.escape(prompt))
        term.type(b"GET greeting\r")
        term.expect(b'\r\n"hello"\r\n' + re.escape(prompt))
        term.type(b"GET nothing\r")
        term.expect(b"\r\n\\(nil\\)\r\n" + re.escape(prompt))
        term.type(b"GET\r")
        term.expect(b"\r\n\\(error\\) ERR wrong number of arguments for 'get' command\r\n"
                    + re.escape(prompt))
        term.type(b"EXISTS greeting\r")
        term.expect(b"\r\n\\(integer\\) 1\r\n" + re.escape(prompt))
        term.type(b"quit\r")
        assert term.proc.wait(10) == 0
    finally:
        term.close()
    assert raw.cmd("GET", "greeting") == b"$5\r\nhello\r\n"


# --- redis-benchmark ---------------------------------------------------------------------

RESULT_LINE = re.compile(r"^([A-Z_]+(?: \(10 keys\))?): ([\d.]+) requests per second")
BENCH_TESTS = {"ping_inline": "PING_INLINE", "ping_mbulk": "PING_MBULK", "set": "SET",
               "get": "GET", "incr": "INCR", "mset": "MSET (10 keys)"}


def benchmark(port, *args) -> tuple[str, dict]:
    done = subprocess.run([REDIS_BENCHMARK, "-p", str(port), *args], capture_output=True,
                          timeout=300)
    out = done.stdout.decode() + done.stderr.decode()
    assert done.returncode == 0, out
    assert "Error from server" not in out
    lines = out.replace("\r", "\n").splitlines()
    results = {m.group(1): float(m.group(2)) for m in map(RESULT_LINE.match, lines) if m}
    return out, results


@needs_benchmark
@pytest.mark.parametrize("test", [
    "ping_inline", "ping_mbulk", "set", "get",
    pytest.param("incr"), pytest.param("mset")])
def test_benchmark_runs_without_errors(raw, test):
    _, results = benchmark(raw.port, "-t", test, "-n", "2000", "-q")
    assert list(results) == [BENCH_TESTS[test]]
    assert results[BENCH_TESTS[test]] > 0


@needs_benchmark
def test_benchmark_all_listed_tests(raw):
    _, results = benchmark(raw.port, "-t", ",".join(BENCH_TESTS), "-n", "2000", "-q")
    assert list(results) == list(BENCH_TESTS.values())


@needs_benchmark
def test_benchmark_reads_server_config(raw):
    """redis-benchmark starts with CONFIG GET save / appendonly, and warns when it fails."""
    out, _ = benchmark(raw.port, "-t", "ping_mbulk", "-n", "200", "-q")
    assert "WARNING: Could not fetch server CONFIG" not in out
