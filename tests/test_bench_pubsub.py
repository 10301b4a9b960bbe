"""benchmarks/bench_pubsub.py runs and reports (never how fast: no speed is asserted)."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.servers import ROOT

SCRIPT = os.path.join(ROOT, "benchmarks", "bench_pubsub.py")
pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")


def test_table_and_json(tmp_path):
    out = tmp_path / "pubsub.json"
    done = subprocess.run([sys.executable, SCRIPT, "--servers", "python,redis", "--subscribers",
                           "1,5", "--deliveries", "500", "--repeats", "1", "--json", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("PUBLISH with N subscribers, median of 1")
    assert lines[1].split() == ["subscribers", "python", "pub/s", "redis", "pub/s", "python",
                                "deliv/s", "redis", "deliv/s", "python/redis"]
    rows = [line.split() for line in lines[2:]]
    assert [row[0] for row in rows] == ["1", "5"]
    assert all(row[-1].endswith("x") for row in rows)
    data = json.loads(out.read_text())
    five = data["results"]["python"]["5"]
    assert five["messages"] == 100 and len(five["runs"]) == 1
    # Delivered is published times subscribers.
    run = five["runs"][0]
    assert run["delivered_per_s"] == pytest.approx(5 * run["published_per_s"])
