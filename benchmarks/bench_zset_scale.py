"""How sorted-set operations scale: per-operation time at 1k, 100k and 1M members.

ZADD of a new member, ZRANK of a random member and ZRANGEBYSCORE from a
random score with LIMIT 0 10 are all O(log n) in Redis; in Redix they rest
on a dict plus a ``sortedcontainers.SortedList``, so their cost should
barely grow from a thousand members to a million.  For each size the script
fills one key (pipelined ZADDs of 1000 members), then times ``--ops``
operations of each kind sent through redis-py pipelines of ``--batch``
commands, and prints the time per operation and the growth factor from the
smallest size to the largest.  The pipeline round trips cost the same at
every size, so the growth factor is the structure's own.

It starts its own Redix (``python -m redix`` on a free port) and, when
``redis-server`` is installed, a real Redis for comparison (``--no-redis``
to skip).  Not part of the test suite.

    python benchmarks/bench_zset_scale.py [--sizes 1000,100000,1000000] [--ops 20000]
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
KEY = "bench:zset"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(argv: list, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{argv[0]} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"{argv[0]} did not start on port {port}")


def fill(client, size: int) -> None:
    client.delete(KEY)
    pipe = client.pipeline(transaction=False)
    for start_at in range(0, size, 1000):
        pipe.zadd(KEY, {b"m%d" % i: i for i in range(start_at, min(size, start_at + 1000))})
        if len(pipe) >= 50:
            pipe.execute()
    pipe.execute()
    assert client.zcard(KEY) == size


def timed(client, commands, batch: int) -> float:
    """Seconds per command, for commands sent in pipelines of ``batch``."""
    start = time.perf_counter()
    for i in range(0, len(commands), batch):
        pipe = client.pipeline(transaction=False)
        for args in commands[i:i + batch]:
            pipe.execute_command(*args)
        pipe.execute()
    return (time.perf_counter() - start) / len(commands)


def measure(client, size: int, ops: int, batch: int, rng) -> dict:
    fill(client, size)
    adds = [("ZADD", KEY, rng.random() * size, b"new%d" % i) for i in range(ops)]
    ranks = [("ZRANK", KEY, b"m%d" % rng.randrange(size)) for _ in range(ops)]
    ranges = [("ZRANGEBYSCORE", KEY, rng.randrange(size), "+inf", "LIMIT", 0, 10)
              for _ in range(ops)]
    result = {
        "ZADD": timed(client, adds, batch),
        "ZRANK": timed(client, ranks, batch),
        "ZRANGEBYSCORE": timed(client, ranges, batch),
    }
    client.delete(KEY)
    return result


def report(name: str, sizes: list, results: dict) -> None:
    print(f"\n{name}: microseconds per operation")
    print(f"{'members':>12}" + "".join(f"{op:>16}" for op in results[sizes[0]]))
    for size in sizes:
        print(f"{size:>12,}" + "".join(f"{t * 1e6:>16.2f}" for t in results[size].values()))
    first, last = results[sizes[0]], results[sizes[-1]]
    print(f"{'growth':>12}" + "".join(f"{last[op] / first[op]:>15.2f}x" for op in first))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--ops", type=int, default=20000, help="operations timed per kind")
    parser.add_argument("--batch", type=int, default=100, help="commands per pipeline")
    parser.add_argument("--no-redis", action="store_true", help="skip redis-server")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    import redis

    servers = [("Redix", [sys.executable, "-m", "redix", "--port", "{port}",
                          "--bind", "127.0.0.1"])]
    binary = shutil.which("redis-server")
    if binary and not args.no_redis:
        servers.append(("redis-server", [binary, "--port", "{port}", "--bind", "127.0.0.1",
                                         "--save", "", "--appendonly", "no"]))
    for name, argv in servers:
        port = free_port()
        proc = start([a.format(port=port) for a in argv], port)
        try:
            client = redis.Redis(port=port, socket_timeout=600)
            rng = random.Random(1)
            results = {size: measure(client, size, args.ops, args.batch, rng) for size in sizes}
            client.close()
        finally:
            proc.terminate()
            proc.wait(10)
        report(name, sizes, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
