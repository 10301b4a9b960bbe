"""A stream work queue through redis-py: one producer, three consumers, one of them killed.

    python benchmarks/stream_consumer_group_example.py [--jobs 20000] [--kill-after 300]
                                                       [--min-idle-ms 500] [--port P]
                                                       [--against redix|redis]

The script starts its own server on a free loopback port (Redix from this
checkout, or ``redis-server`` with ``--against redis`` to compare), unless
``--port`` names one already running, then:

* the producer XADDs ``--jobs`` entries ``job=<n>`` (pipelined) to ``jobs``;
* three consumers of the group ``workers`` read with XREADGROUP ... BLOCK,
  "process" each entry by XADDing ``job=<n> by=<consumer>`` to ``done``, and
  XACK it only then: at-least-once delivery;
* consumer ``c3`` is killed after ``--kill-after`` entries: it stops dead
  right after a read, so the entries it was given stay pending for it;
* the survivors run XAUTOCLAIM whenever they find nothing new, taking over
  entries idle for ``--min-idle-ms``; that is how the dead consumer's
  entries get done.

At the end it checks that nothing was lost: every job appears in ``done``
at least once (duplicates are allowed, and counted), the group has nothing
pending, and ``jobs`` holds exactly what was produced.  It prints a report
(jobs/s, redeliveries, entries recovered by XAUTOCLAIM) and exits 1 if a
check fails.  ``run(port, ...)`` does the same for a caller (the test
suite runs a small one) and returns the report as a dict.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time

import redis

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from tests.servers import OracleServer, ServerProcess  # noqa: E402

STREAM, DONE, GROUP = "jobs", "done", "workers"


class Consumer(threading.Thread):
    """Reads new entries, recovers stale ones with XAUTOCLAIM, acks after processing."""

    def __init__(self, port: int, name: str, stop: threading.Event, kill_after=None,
                 min_idle_ms: int = 500):
        super().__init__(name=name, daemon=True)
        self.r = redis.Redis(port=port, socket_timeout=30)
        self.stop = stop
        self.kill_after = kill_after
        self.min_idle_ms = min_idle_ms
        self.processed = 0
        self.recovered = 0
        self.killed = False
        self.error = None

    def process(self, entries) -> None:
        pipe = self.r.pipeline(transaction=False)
        for entry_id, fields in entries:
            if fields is None:          # deleted meanwhile: nothing to do but ack
                continue
            pipe.xadd(DONE, {"job": fields[b"job"], "by": self.name})
        pipe.xack(STREAM, GROUP, *[entry_id for entry_id, _ in entries])
        pipe.execute()
        self.processed += len(entries)

    def run(self) -> None:
        try:
            self._loop()
        except Exception as exc:  # noqa: BLE001 - reported by the main thread
            self.error = exc

    def _loop(self) -> None:
        cursor = "0-0"
        while not self.stop.is_set():
            reply = self.r.xreadgroup(GROUP, self.name, {STREAM: ">"}, count=50, block=50)
            if self.kill_after is not None and self.processed >= self.kill_after and reply:
                self.killed = True      # dies holding what it just read, unacknowledged
                self.r.close()
                return
            if reply:
                self.process(reply[0][1])
                continue
            # Nothing new: take over entries another consumer left pending too long.
            cursor, claimed, _deleted = self.r.xautoclaim(
                STREAM, GROUP, self.name, self.min_idle_ms, cursor, count=50)
            if claimed:
                self.recovered += len(claimed)
                self.process(claimed)


def produce(port: int, jobs: int, batch: int = 500) -> None:
    r = redis.Redis(port=port, socket_timeout=30)
    for start in range(0, jobs, batch):
        pipe = r.pipeline(transaction=False)
        for n in range(start, min(start + batch, jobs)):
            pipe.xadd(STREAM, {"job": n})
        pipe.execute()
    r.close()


def run(port: int, jobs: int = 20000, kill_after: int = 300, min_idle_ms: int = 500,
        timeout: float = 300.0) -> dict:
    """Run the scenario against the server on ``port``; returns the report."""
    admin = redis.Redis(port=port, socket_timeout=30)
    admin.delete(STREAM, DONE)
    admin.xgroup_create(STREAM, GROUP, id="$", mkstream=True)
    stop = threading.Event()
    consumers = [Consumer(port, "c1", stop, min_idle_ms=min_idle_ms),
                 Consumer(port, "c2", stop, min_idle_ms=min_idle_ms),
                 Consumer(port, "c3", stop, kill_after=kill_after, min_idle_ms=min_idle_ms)]
    started = time.monotonic()
    for consumer in consumers:
        consumer.start()
    produce(port, jobs)
    deadline = started + timeout
    while time.monotonic() < deadline:
        if any(c.error for c in consumers):
            break
        if admin.xlen(DONE) >= jobs and admin.xpending(STREAM, GROUP)["pending"] == 0:
            break
        time.sleep(0.05)
    stop.set()
    for consumer in consumers:
        consumer.join(10)
    elapsed = time.monotonic() - started
    done = admin.xrange(DONE, "-", "+")
    seen = [int(fields[b"job"]) for _, fields in done]
    distinct = set(seen)
    report = {
        "jobs": jobs,
        "seconds": round(elapsed, 3),
        "jobs_per_second": round(jobs / elapsed, 1),
        "done_entries": len(seen),
        "distinct_jobs_done": len(distinct),
        "redelivered": len(seen) - len(distinct),
        "missing": sorted(set(range(jobs)) - distinct)[:20],
        "pending_left": admin.xpending(STREAM, GROUP)["pending"],
        "stream_length": admin.xlen(STREAM),
        "killed_consumer_died": consumers[2].killed,
        "recovered_by_xautoclaim": sum(c.recovered for c in consumers),
        "per_consumer": {c.name: c.processed for c in consumers},
        "errors": [repr(c.error) for c in consumers if c.error],
    }
    report["ok"] = (not report["missing"] and len(distinct) == jobs
                    and report["pending_left"] == 0 and report["stream_length"] == jobs
                    and report["killed_consumer_died"] and not report["errors"])
    admin.close()
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=20000)
    parser.add_argument("--kill-after", type=int, default=300)
    parser.add_argument("--min-idle-ms", type=int, default=500)
    parser.add_argument("--port", type=int, help="use a server already running there")
    parser.add_argument("--against", choices=["redix", "redis"], default="redix")
    args = parser.parse_args(argv)
    server = None
    port = args.port
    if port is None:
        server = (OracleServer() if args.against == "redis" else ServerProcess()).start()
        port = server.port
    try:
        report = run(port, args.jobs, args.kill_after, args.min_idle_ms)
    finally:
        if server is not None:
            server.stop()
    width = max(map(len, report))
    for key, value in report.items():
        print(f"{key:<{width}}  {value}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
