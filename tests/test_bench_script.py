"""benchmarks/bench_server.py runs and reports (never how fast: no speed is asserted)."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.servers import ROOT

SCRIPT = os.path.join(ROOT, "benchmarks", "bench_server.py")
pytestmark = pytest.mark.skipif(
    shutil.which("redis-benchmark") is None or shutil.which("redis-server") is None,
    reason="needs redis-benchmark and redis-server")


def bench(*args, env=None):
    return subprocess.run([sys.executable, SCRIPT, "-n", "300", "-c", "5", "--repeats", "1",
                           *args], capture_output=True, text=True, timeout=300,
                          env=env or os.environ)


def compiled_mode() -> str:
    """What a server started without REDIX_NO_EXTENSIONS will report (compiled/mixed/python)."""
    env = {k: v for k, v in os.environ.items() if k != "REDIX_NO_EXTENSIONS"}
    return subprocess.run(
        [sys.executable, "-c", "import redix.commands, redix.server.loop, redix._speedups as s;"
         "print(s.mode())"], capture_output=True, text=True, cwd=ROOT, env=env,
        check=True).stdout.strip()


def test_table_and_json(tmp_path):
    out = tmp_path / "bench.json"
    done = bench("--servers", "python,redis", "--tests", "ping_mbulk,get", "--pipelines", "1,4",
                 "--json", str(out))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "requests/s, median of 1, -n 300 -c 5"
    assert lines[1].split() == ["test", "python", "redis"]
    assert [" ".join(line.split()[:3]) for line in lines[3:]] == [
        "ping_mbulk -P 1", "ping_mbulk -P 4", "get -P 1", "get -P 4"]
    report = json.loads(out.read_text())
    assert list(report["implementations"]) == ["python"]
    assert report["implementations"]["python"]["implementation"] == "python"
    assert report["implementations"]["python"]["from"] in ("INFO", "startup log")
    for kind in ("python", "redis"):
        assert set(report["medians"][kind]) == {"ping_mbulk -P 1", "ping_mbulk -P 4",
                                                "get -P 1", "get -P 4"}
        assert all(v > 0 for v in report["medians"][kind].values())
        assert all(len(runs) == 1 for runs in report["runs"][kind].values())


def test_failed_cells_are_reported_not_fatal():
    done = bench("--servers", "python", "--tests", "nosuchtest,ping_inline", "--pipelines", "1")
    assert done.returncode == 0, done.stderr
    # redis-benchmark runs nothing for an unknown test name: the cell shows "error".
    lines = done.stdout.splitlines()
    assert lines[3].split() == ["nosuchtest", "-P", "1", "error"]
    assert lines[4].strip() == "python: no result (exit status 0; an unknown test name?)"
    assert lines[5].split()[:3] == ["ping_inline", "-P", "1"]


def test_compiled_server_is_checked():
    env = dict(os.environ, REDIX_NO_EXTENSIONS="1")      # the script must drop it
    done = bench("--servers", "compiled", "--tests", "ping_mbulk", "--pipelines", "1", env=env)
    mode = compiled_mode()
    if mode == "compiled":
        assert done.returncode == 0, done.stderr
        assert "implementation=compiled" in done.stderr
    else:
        assert done.returncode != 0
        assert f"the 'compiled' server reports implementation={mode}" in done.stderr
        allowed = bench("--servers", "compiled", "--tests", "ping_mbulk", "--pipelines", "1",
                        "--allow-uncompiled", env=env)
        assert allowed.returncode == 0, allowed.stderr
        assert f"note: the 'compiled' server ran implementation={mode}" in allowed.stdout
