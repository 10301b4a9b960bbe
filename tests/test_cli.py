"""redix-server's command line: parse_args, main's reports and exit codes, daemonizing.

Expected texts and exit codes come from redis-server 7.0.15: config errors go
to stderr framed by newlines with exit code 1; an unreadable config file is a
log line on stdout; -h prints usage on stderr and exits 1.
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

from redix import cli
from redix.config import ConfigFileError, ConfigOpenError

ROOT = Path(__file__).resolve().parent.parent
BANNER = "*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***"
LOG_PREFIX = r"\d+:[CMS] \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d\.\d{3} "
NOT_INT = "argument couldn't be parsed into an integer"
PORT_ABC = 'port "abc"'
FOO_BAR = 'foo "bar"'


def fatal(linenum, line, reason):
    return f"{BANNER}\nReading the configuration file, at line {linenum}\n>>> '{line}'\n{reason}"


def parse_error(argv, stdin=None) -> str:
    with pytest.raises(ConfigFileError) as e:
        cli.parse_args(argv, stdin=stdin)
    return str(e.value)


@pytest.fixture
def confs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.conf").write_text("port 7792\n")
    (tmp_path / "ok2.conf").write_text("port 7792")  # no final newline
    return tmp_path


# --- parse_args: file, stdin and options make one text, as in redis-server ---

@pytest.mark.parametrize("argv,stdin,expected", [
    (["ok.conf", "--port", "abc"], None, fatal(3, 'port "abc"', NOT_INT)),
    (["ok2.conf", "--port", "abc"], None, fatal(2, 'port "abc"', NOT_INT)),
    (["ok.conf", "--save", "", "--port", "abc"], None, fatal(4, 'port "abc"', NOT_INT)),
    (["-"], b"port abc\n", fatal(1, "port abc", NOT_INT)),
    (["--port", "1", "-"], b"hz 5\nhz x\n", fatal(2, "hz x", NOT_INT)),
    (["--port", "x", "-"], b"hz 5\n", fatal(3, 'port "x"', NOT_INT)),
    (["ok.conf", "--port", "x", "-"], b"hz 5\n", fatal(4, 'port "x"', NOT_INT)),
    (["-", "--port", "x"], b"hz 5\n", fatal(3, 'port "x"', NOT_INT)),
    (["ok.conf", "-", "--port", "x"], None,
     fatal(3, '"-"', "Bad directive or wrong number of arguments")),
    (["ok.conf", "--port", "1", "-"], b"hz x", fatal(2, "hz x", NOT_INT)),
])
def test_parse_args_line_numbers(confs, argv, stdin, expected):
    assert parse_error(argv, io.BytesIO(stdin) if stdin is not None else None) == expected


def test_parse_args_values(confs):
    cfg = cli.parse_args(["ok.conf", "--maxmemory", "1mb", "-"], stdin=io.BytesIO(b"hz 20\n"))
    assert (cfg.port, cfg.hz, cfg.maxmemory) == (7792, 20, 1 << 20)
    assert cfg.config_file == str(confs / "ok.conf")
    assert cli.parse_args([]).config_file is None


def test_parse_args_unreadable_file_uses_the_absolute_path(confs):
    with pytest.raises(ConfigOpenError) as e:
        cli.parse_args(["port", "7790"])
    assert str(e.value) == (f"Fatal error, can't open config file '{confs}/port': "
                            "No such file or directory")


# --- main, in process ---

def test_version(capsys):
    assert cli.main(["-v"]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"Redix server v=\S+ redis_version=7\.0\.15 python=\S+ bits=64\n", out)
    assert cli.main(["--version", "--port", "x"]) == 0


def test_help_goes_to_stderr_with_exit_code_1(capsys):
    assert cli.main(["-h"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("Usage: redix-server [/path/to/redis.conf]")
    assert cli.main(["--help"]) == 1


def test_config_error_report(capsys):
    assert cli.main(["--port", "abc"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "\n" + fatal(2, PORT_ABC, NOT_INT) + "\n"


def test_unreadable_config_file_is_logged_on_stdout(capsys):
    assert cli.main(["/nonexistent.conf"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    assert re.fullmatch(LOG_PREFIX + "# Fatal error, can't open config file '/nonexistent.conf': "
                        "No such file or directory\n", captured.out)


def test_reading_stdin_is_logged(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"port abc\n")))
    assert cli.main(["-"]) == 1
    captured = capsys.readouterr()
    assert re.fullmatch(LOG_PREFIX + "# Reading config from stdin\n", captured.out)
    assert captured.err == "\n" + fatal(1, "port abc", NOT_INT) + "\n"


class FakeServer:
    """Stands in for redix.server.loop.Server: records what main hands over."""
    seen: list = []

    def __init__(self, cfg):
        self.cfg = cfg

    def run(self):
        pidfile = self.cfg.pidfile
        written = Path(pidfile).read_text() if pidfile and Path(pidfile).exists() else None
        FakeServer.seen.append((self.cfg, written))
        return 3


@pytest.fixture
def fake_server(monkeypatch):
    module = types.ModuleType("redix.server.loop")
    module.Server = FakeServer
    monkeypatch.setitem(sys.modules, "redix.server.loop", module)
    FakeServer.seen = []
    return FakeServer


def test_main_runs_the_server_and_returns_its_exit_code(fake_server, tmp_path, capsys):
    pidfile = tmp_path / "redix.pid"
    assert cli.main(["--port", "7001", "--pidfile", str(pidfile), "--loglevel", "warning"]) == 3
    ((cfg, pid_text),) = fake_server.seen
    assert cfg.port == 7001 and pid_text == f"{os.getpid()}\n"
    assert not pidfile.exists()  # removed on the way out, as Redis does
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(LOG_PREFIX + "# oO0OoO0OoO0Oo Redix is starting oO0OoO0OoO0Oo", lines[0])
    assert lines[-1].endswith("# Configuration loaded")


def test_main_without_arguments_warns_about_the_default_config(fake_server, capsys):
    assert cli.main([]) == 3
    assert "# Warning: no config file specified, using the default config." in capsys.readouterr().out


def test_unwritable_pidfile_is_only_a_warning(fake_server, capsys):
    assert cli.main(["--pidfile", "/nonexistent/dir/x.pid"]) == 3
    assert "# Failed to write PID file: No such file or directory" in capsys.readouterr().out


# --- as a process ---

def run(args, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, *args], capture_output=True, env=env, timeout=60,
                          stdin=subprocess.DEVNULL, **kw)


def test_process_config_error_exit_code_and_stderr():
    proc = run(["-m", "redix", "--port", "abc"])
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr == ("\n" + fatal(2, PORT_ABC, NOT_INT) + "\n").encode()


def test_process_cli_module_and_main_function():
    proc = run(["-m", "redix.cli", "--version"])
    assert proc.returncode == 0 and proc.stdout.startswith(b"Redix server v=")
    proc = run(["-c", "from redix.cli import main; raise SystemExit(main(['--foo', 'bar']))"])
    assert proc.returncode == 1
    assert proc.stderr == (
        "\n" + fatal(2, FOO_BAR, "Bad directive or wrong number of arguments") + "\n").encode()


def test_process_non_utf8_argument_is_echoed_as_redis_does():
    proc = run(["-m", "redix", "--port", os.fsdecode(b"a\tb\x01\xff")])
    assert proc.returncode == 1
    assert b">>> 'port \"a\\tb\\x01\\xff\"'\n" in proc.stderr


DAEMON_SCRIPT = """
import os, sys, types
from pathlib import Path
marker, pidfile = sys.argv[1], sys.argv[2]
class Server:
    def __init__(self, cfg): self.cfg = cfg
    def run(self):
        Path(marker + ".tmp").write_text(
            f"{os.getpid()} {os.getsid(0) == os.getpid()} {Path(pidfile).read_text().strip()}")
        os.rename(marker + ".tmp", marker)
        return 0
mod = types.ModuleType("redix.server.loop"); mod.Server = Server
sys.modules["redix.server.loop"] = mod
from redix.cli import main
raise SystemExit(main(["--daemonize", "yes", "--pidfile", pidfile, "--logfile", sys.argv[3]]))
"""


def test_daemonize_detaches_and_writes_the_pidfile(tmp_path):
    marker, pidfile, logfile = tmp_path / "marker", tmp_path / "x.pid", tmp_path / "log"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", DAEMON_SCRIPT, str(marker), str(pidfile),
                             str(logfile)], stdout=subprocess.PIPE, env=env)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0 and out == b""
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pid, leader, written = marker.read_text().split()
    # Double fork: not the process we started, and not a session leader.
    assert int(pid) != proc.pid and leader == "False" and written == pid
    while pidfile.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not pidfile.exists()
    assert "Configuration loaded" in logfile.read_text()
