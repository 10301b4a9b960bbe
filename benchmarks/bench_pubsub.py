"""PUBLISH throughput with 1, 100 and 1000 subscribers: Redix compiled, pure Python, redis-server.

    python benchmarks/bench_pubsub.py [--subscribers 1,100,1000] [--deliveries 300000]
                                      [--pipeline 64] [--size 16] [--repeats 3]
                                      [--servers compiled,python,redis] [--json out.json]

redis-benchmark cannot subscribe, so this script drives the servers itself
(it starts them as bench_server.py does, on free loopback ports):

* N subscriber connections SUBSCRIBE to one channel; they are spread over a
  few drainer processes (``--drainers``, at most 4 by default) that read
  their sockets with ``selectors`` and count bytes until every message has
  arrived on every connection (the message frame has a known size);
* one publisher connection sends ``PUBLISH channel <payload>`` in pipelined
  batches of ``--pipeline`` commands, reading each batch's replies before the
  next (so nothing piles up unboundedly in either direction);
* the clock runs from the first PUBLISH to the last byte received by the
  last subscriber.  Messages per run: ``--deliveries / N`` (at least 100), so
  every row moves about the same number of messages.

Reported per row: published messages/s (PUBLISH commands) and delivered
messages/s (published x subscribers), the median of ``--repeats`` runs, and
the ratios compiled/redis and python/redis of the delivered rate.  The
drainers run on the same machine and compete for CPU with the server: read
ratios, not absolute numbers.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import selectors
import socket
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_server import SERVERS, implementation, start  # noqa: E402
from bench_server import fmt_ratio as ratio, fmt_rps as fmt  # noqa: E402

CHANNEL = b"bench-channel"


def _command(*args: bytes) -> bytes:
    return b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args)


def _frame_size(payload: bytes) -> int:
    """Bytes of one ``message`` push as a RESP2 subscriber receives it."""
    return len(b"*3\r\n$7\r\nmessage\r\n" + b"$%d\r\n%s\r\n" % (len(CHANNEL), CHANNEL)
               + b"$%d\r\n%s\r\n" % (len(payload), payload))


def _raise_fd_limit(want: int) -> None:
    try:
        import resource
    except ImportError:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < want:
        target = want if hard == resource.RLIM_INFINITY else min(want, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def _drainer(port: int, count: int, expected: int, ready, go, done) -> None:
    """One process: ``count`` subscribers; reports when each got ``expected`` bytes."""
    _raise_fd_limit(count + 64)
    selector = selectors.DefaultSelector()
    confirm = _command(b"SUBSCRIBE", CHANNEL)
    socks = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(confirm)
        socks.append(sock)
    for sock in socks:               # the subscribe confirmation, then non-blocking reads
        data = b""
        while not data.endswith(b":1\r\n"):
            data += sock.recv(4096)
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ, [0])
    ready.put(True)
    go.wait()
    remaining = count
    while remaining:
        for key, _ in selector.select():
            try:
                chunk = key.fileobj.recv(1 << 20)
            except BlockingIOError:
                continue
            if not chunk:
                raise ConnectionError("a subscriber was disconnected")
            got = key.data
            got[0] += len(chunk)
            if got[0] >= expected:
                selector.unregister(key.fileobj)
                remaining -= 1
    done.put(time.monotonic())
    for sock in socks:
        sock.close()


def _publish(port: int, messages: int, payload: bytes, pipeline: int) -> float:
    """Send every PUBLISH in pipelined batches; the time the first batch was sent."""
    sock = socket.create_connection(("127.0.0.1", port))
    one = _command(b"PUBLISH", CHANNEL, payload)
    started = time.monotonic()
    sent = 0
    while sent < messages:
        batch = min(pipeline, messages - sent)
        sock.sendall(one * batch)
        sent += batch
        replies, data = 0, b""
        while replies < batch:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("the publisher was disconnected")
            data += chunk
            replies = data.count(b"\r\n")
    sock.close()
    return started


def run_once(port: int, subscribers: int, messages: int, payload: bytes, pipeline: int,
             drainers: int) -> dict:
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    ready, done, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    expected = messages * _frame_size(payload)
    shares = [subscribers // drainers + (i < subscribers % drainers) for i in range(drainers)]
    procs = [ctx.Process(target=_drainer, args=(port, n, expected, ready, go, done))
             for n in shares if n]
    for proc in procs:
        proc.start()
    for _ in procs:
        ready.get(timeout=120)
    go.set()
    started = _publish(port, messages, payload, pipeline)
    finished = max(done.get(timeout=600) for _ in procs)
    for proc in procs:
        proc.join()
    elapsed = finished - started
    return {"elapsed_s": elapsed, "published_per_s": messages / elapsed,
            "delivered_per_s": messages * subscribers / elapsed}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", default="1,100,1000",
                        help="comma-separated subscriber counts (default: %(default)s)")
    parser.add_argument("--deliveries", type=int, default=300_000,
                        help="messages delivered per run, all subscribers together; each "
                             "run publishes deliveries/subscribers (default %(default)s)")
    parser.add_argument("--pipeline", type=int, default=64,
                        help="PUBLISH commands per round trip (default %(default)s)")
    parser.add_argument("--size", type=int, default=16, help="payload bytes (default 16)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs per cell; the median is reported (default 3)")
    parser.add_argument("--drainers", type=int, default=0,
                        help="subscriber processes (default: min(4, subscribers))")
    parser.add_argument("--servers", default=",".join(SERVERS),
                        help="which of compiled,python,redis to measure (default: all)")
    parser.add_argument("--allow-uncompiled", action="store_true",
                        help="measure the compiled server even if it runs pure Python")
    parser.add_argument("--json", help="also write the settings, runs and medians here")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.subscribers.split(",")]
    kinds = [k for k in args.servers.split(",") if k]
    payload = b"x" * args.size
    _raise_fd_limit(max(counts) + 256)

    servers = {kind: start(kind) for kind in kinds}
    results: dict = {kind: {} for kind in kinds}
    try:
        for kind, server in servers.items():
            if kind != "redis":
                found, where = implementation(server)
                if kind == "compiled" and found != "compiled" and not args.allow_uncompiled:
                    print(f"the compiled server runs '{found}' ({where}): build the extensions "
                          f"(pip install -e .) or pass --allow-uncompiled", file=sys.stderr)
                    return 2
        for n in counts:
            messages = max(100, args.deliveries // n)
            drainers = args.drainers or min(4, n)
            runs = {kind: [] for kind in kinds}
            for _ in range(args.repeats):
                for kind in kinds:        # servers take turns, as in bench_server.py
                    runs[kind].append(run_once(servers[kind].port, n, messages, payload,
                                               args.pipeline, drainers))
            for kind in kinds:
                results[kind][n] = {
                    "messages": messages, "runs": runs[kind],
                    "published_per_s": statistics.median(r["published_per_s"] for r in runs[kind]),
                    "delivered_per_s": statistics.median(r["delivered_per_s"] for r in runs[kind]),
                }
    finally:
        for server in servers.values():
            server.stop()

    print(f"PUBLISH with N subscribers, median of {args.repeats}, {args.size}-byte payload, "
          f"pipeline {args.pipeline}; published/s and delivered/s")
    header = ["subscribers"] + [f"{k} pub/s" for k in kinds] + [f"{k} deliv/s" for k in kinds]
    ratios = [(a, "redis") for a in ("compiled", "python") if a in kinds and "redis" in kinds]
    header += [f"{a}/{b}" for a, b in ratios]
    print("  ".join(f"{h:>16}" for h in header))
    for n in counts:
        row = [str(n)] + [fmt(results[k][n]["published_per_s"]) for k in kinds]
        row += [fmt(results[k][n]["delivered_per_s"]) for k in kinds]
        row += [ratio(results[a][n]["delivered_per_s"], results[b][n]["delivered_per_s"])
                for a, b in ratios]
        print("  ".join(f"{c:>16}" for c in row))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"settings": vars(args), "machine": platform.platform(),
                       "cpus": os.cpu_count(),
                       "results": {k: {str(n): v for n, v in r.items()}
                                   for k, r in results.items()}}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
