"""redis-benchmark against Redix compiled, Redix pure Python and redis-server.

    python benchmarks/bench_server.py [-n 100000] [--tests set,get,incr,mset,ping_mbulk]
                                      [--pipelines 1,16] [-c 50] [--repeats 3]
                                      [--servers compiled,python,redis] [--json out.json]

The script starts each server itself on a free loopback port: Redix as
installed in this checkout with the compiled modules (``REDIX_NO_EXTENSIONS``
removed from its environment), Redix with ``REDIX_NO_EXTENSIONS=1``, and
``redis-server --save '' --appendonly no``.  Every (test, pipeline) cell runs
``redis-benchmark -t <test> -n N -c C -P P --csv`` ``--repeats`` times per
server, the servers taking turns, and the median requests/s is reported with
the ratios compiled/python and compiled/redis.  See benchmarks/README.md.

Before measuring, it checks that each Redix server really runs the
implementation it is labelled with, from ``INFO`` (an ``implementation:``
field) when the server has it, else from the startup log line
``implementation=compiled|python|mixed``; a "compiled" server that is not
fully compiled stops the run unless ``--allow-uncompiled`` is given.
"""
from __future__ import annotations

import argparse
import csv
import io
import shlex
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from tests.servers import OracleServer, ServerProcess  # noqa: E402

TESTS = ["set", "get", "incr", "mset", "ping_mbulk"]
SERVERS = ["compiled", "python", "redis"]
IMPLEMENTATION = re.compile(r"implementation[=:](compiled|python|mixed)")


def start(kind: str):
    if kind == "redis":
        return OracleServer().start()
    env = {k: v for k, v in os.environ.items() if k != "REDIX_NO_EXTENSIONS"}
    if kind == "python":
        env["REDIX_NO_EXTENSIONS"] = "1"
    server = ServerProcess()
    server.env = env
    return server.start()


def info_implementation(port: int):
    """The implementation INFO reports, or None when INFO does not say."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"*1\r\n$4\r\nINFO\r\n")
        data = b""
        while True:
            chunk = s.recv(65536)
            data += chunk
            if not chunk or data.startswith(b"-"):
                break
            head, _, rest = data.partition(b"\r\n")
            if head.startswith(b"$") and len(rest) >= int(head[1:]) + 2:
                break
    match = IMPLEMENTATION.search(data.decode("latin-1"))
    return match.group(1) if match else None


def implementation(server) -> tuple[str, str]:
    """(implementation, where it was read) for a Redix server."""
    found = info_implementation(server.port)
    if found:
        return found, "INFO"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        match = IMPLEMENTATION.search(server.log())
        if match:
            return match.group(1), "startup log"
        time.sleep(0.05)
    return "unknown", "neither INFO nor the startup log"


def run_benchmark(port: int, test: str, requests: int, clients: int, pipeline: int,
                  extra: list) -> dict:
    # A test is a redis-benchmark -t name, or "cmd:<command line>" for an
    # arbitrary command (XADD mystream * field value).
    what = shlex.split(test[4:]) if test.startswith("cmd:") else ["-t", test]
    cmd = ["redis-benchmark", "-p", str(port), "-n", str(requests),
           "-c", str(clients), "-P", str(pipeline), "--csv", *extra, *what]
    done = subprocess.run(cmd, capture_output=True, timeout=600)
    text = done.stdout.decode(errors="replace")
    rows = list(csv.DictReader(io.StringIO(text)))
    if done.returncode != 0 or not rows:
        lines = (done.stdout + done.stderr).decode(errors="replace").replace("\r", "\n")
        errors = [line.strip() for line in lines.splitlines() if "Error" in line]
        return {"error": errors[0] if errors else
                f"no result (exit status {done.returncode}; an unknown test name?)"}
    return {"rps": float(rows[0]["rps"]), "p50_ms": float(rows[0]["p50_latency_ms"])}


def fmt_rps(value) -> str:
    return f"{value:,.0f}" if isinstance(value, float) else "error"


def fmt_ratio(a, b) -> str:
    return f"{a / b:.2f}x" if isinstance(a, float) and isinstance(b, float) and b else "-"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--requests", type=int, default=100_000,
                        help="requests per redis-benchmark run (default 100000)")
    parser.add_argument("-c", "--clients", type=int, default=50,
                        help="parallel connections (default 50)")
    parser.add_argument("--tests", default=",".join(TESTS),
                        help="comma-separated redis-benchmark tests (default: %(default)s)")
    parser.add_argument("--pipelines", default="1,16",
                        help="comma-separated -P values (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs per cell; the median is reported (default 3)")
    parser.add_argument("--servers", default=",".join(SERVERS),
                        help="which of compiled,python,redis to measure (default: all)")
    parser.add_argument("--random-keys", type=int, default=0,
                        help="redis-benchmark -r: spread keys over this many (default: one key)")
    parser.add_argument("--allow-uncompiled", action="store_true",
                        help="measure the 'compiled' server even if it runs Python twins")
    parser.add_argument("--json", help="write every run and the medians here")
    parser.add_argument("--command", action="append", default=[],
                        help="also benchmark this command line (repeatable), "
                             "e.g. --command 'XADD mystream * field value'")
    args = parser.parse_args(argv)

    tests = [t.strip() for t in args.tests.split(",") if t.strip()]
    tests += ["cmd:" + line for line in args.command]
    pipelines = [int(p) for p in args.pipelines.split(",")]
    kinds = [k.strip() for k in args.servers.split(",") if k.strip()]
    unknown = set(kinds) - set(SERVERS)
    if unknown:
        parser.error(f"unknown servers: {', '.join(sorted(unknown))}")
    for tool in ["redis-benchmark"] + (["redis-server"] if "redis" in kinds else []):
        if shutil.which(tool) is None:
            parser.error(f"{tool} is not on PATH "
                         f"(Debian: apt-get install redis-server redis-tools)")
    extra = ["-r", str(args.random_keys)] if args.random_keys else []

    servers, impls = {}, {}
    try:
        for kind in kinds:
            servers[kind] = start(kind)
            if kind == "redis":
                continue
            impl, source = implementation(servers[kind])
            impls[kind] = {"implementation": impl, "from": source}
            print(f"{kind}: Redix on port {servers[kind].port}, implementation={impl} "
                  f"(from {source})", file=sys.stderr)
            if kind == "python" and impl != "python":
                raise SystemExit(f"the pure-Python server reports implementation={impl}")
            if kind == "compiled" and impl != "compiled" and not args.allow_uncompiled:
                raise SystemExit(
                    f"the 'compiled' server reports implementation={impl}: build the "
                    f"extensions first (pip install -e . with Cython and a C compiler), "
                    f"or pass --allow-uncompiled to measure it anyway")

        runs = {k: {} for k in kinds}
        for test in tests:
            for pipeline in pipelines:
                cell = f"{test} -P {pipeline}"
                for repeat in range(args.repeats):
                    for kind in kinds:     # take turns, so drift hits every server alike
                        result = run_benchmark(servers[kind].port, test, args.requests,
                                               args.clients, pipeline, extra)
                        runs[kind].setdefault(cell, []).append(result)
                        print(f"  {cell:<18} {kind:<8} run {repeat + 1}: "
                              f"{fmt_rps(result.get('rps'))}", file=sys.stderr)
    finally:
        for server in servers.values():
            server.stop()

    medians = {kind: {cell: (statistics.median(r["rps"] for r in results)
                             if all("rps" in r for r in results) else None)
                      for cell, results in cells.items()}
               for kind, cells in runs.items()}
    cells = list(next(iter(runs.values())))

    header = f"{'test':<18}" + "".join(f"{k:>12}" for k in kinds)
    show_ratio = {"compiled/python": {"compiled", "python"} <= set(kinds),
                  "compiled/redis": {"compiled", "redis"} <= set(kinds)}
    header += "".join(f"{name:>17}" for name, shown in show_ratio.items() if shown)
    print(f"requests/s, median of {args.repeats}, -n {args.requests} -c {args.clients}")
    print(header)
    print("-" * len(header))
    for cell in cells:
        line = f"{cell:<18}" + "".join(f"{fmt_rps(medians[k][cell]):>12}" for k in kinds)
        if show_ratio["compiled/python"]:
            line += f"{fmt_ratio(medians['compiled'][cell], medians['python'][cell]):>17}"
        if show_ratio["compiled/redis"]:
            line += f"{fmt_ratio(medians['compiled'][cell], medians['redis'][cell]):>17}"
        print(line)
        for kind in kinds:
            errors = {r["error"] for r in runs[kind][cell] if "error" in r}
            for error in errors:
                print(f"{'':<18}{kind}: {error[:100]}")
    if impls.get("compiled", {}).get("implementation", "compiled") != "compiled":
        print(f"note: the 'compiled' server ran implementation="
              f"{impls['compiled']['implementation']} (--allow-uncompiled)")

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"settings": {"requests": args.requests, "clients": args.clients,
                                    "repeats": args.repeats, "tests": tests,
                                    "pipelines": pipelines, "random_keys": args.random_keys},
                       "machine": {"python": platform.python_version(),
                                   "platform": platform.platform(), "cpus": os.cpu_count()},
                       "implementations": impls, "medians": medians, "runs": runs}, f, indent=1)
        print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
