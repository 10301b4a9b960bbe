"""benchmarks/stream_consumer_group_example.py, small: a work queue on a consumer group
loses nothing when a consumer dies (XAUTOCLAIM recovers its pending entries).

Run against Redix, and against redis-server to show the scenario itself is sound.
"""
import importlib.util
import os
import subprocess
import sys

from tests.servers import ROOT

SCRIPT = os.path.join(ROOT, "benchmarks", "stream_consumer_group_example.py")
_spec = importlib.util.spec_from_file_location("stream_consumer_group_example", SCRIPT)
example = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(example)


def check(report: dict, jobs: int) -> None:
    assert report["errors"] == []
    assert report["missing"] == [] and report["distinct_jobs_done"] == jobs
    assert report["done_entries"] == jobs + report["redelivered"]
    assert report["pending_left"] == 0 and report["stream_length"] == jobs
    assert report["killed_consumer_died"]
    # The dead consumer's last read (up to 50 entries) was taken over by the others.
    assert 1 <= report["recovered_by_xautoclaim"] <= 50
    assert report["per_consumer"]["c3"] >= 10
    assert report["ok"]


def test_no_job_lost_on_redix(redix_server, r):
    check(example.run(redix_server.port, jobs=2000, kill_after=10, min_idle_ms=100,
                      timeout=60), 2000)


def test_no_job_lost_on_redis(oracle):
    check(example.run(oracle.port, jobs=2000, kill_after=10, min_idle_ms=100, timeout=60), 2000)


def test_script_runs_standalone():
    done = subprocess.run([sys.executable, SCRIPT, "--jobs", "500", "--kill-after", "20",
                           "--min-idle-ms", "100"], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok" in done.stdout and "True" in done.stdout.splitlines()[-1]
