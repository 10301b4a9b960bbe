"""Run redis-py's own test suite against Redix (and, with --oracle, a real redis-server).

    python tests/tools/run_redis_py_suite.py [--oracle] [--output results.json]

What it does, each step cached under ``--cache`` (default ~/.cache/redix/redis-py):

1. ``pip download --no-deps --no-binary :all: redis==6.4.0``: the sdist, which
   carries the ``tests/`` folder the wheel lacks.  Nothing but PyPI is used.
2. Extracts ``tests/`` (and the sdist's pytest settings) next to it.
3. Makes a venv with that redis-py and what collecting the selected tests
   needs (pinned in ``REQUIREMENTS``): the suite runs in its own environment
   so it never touches the one Redix is tested in.
4. Starts Redix (``python -m redix`` from this checkout, on a free port) and,
   with ``--oracle``, ``redis-server --save '' --appendonly no``.
5. Runs pytest on the tests with ``--redis-url`` pointing at each server,
   leaving out what needs a cluster, sentinels, TLS or Redis Stack modules
   (``SELECTION``), and prints pass/fail/error/skip counts per file and in
   total, side by side when both servers ran.

It is a measuring tool, not part of ``pytest tests`` (``tests/tools`` is not
collected).  Against redis-server 7.0.15 with its default configuration about
1,740 tests pass and ~30 fail (DEBUG is disabled by default; some tests expect
Redis 7.2+ behaviour); Redix's count shows how far it is from that.  A run
takes about two minutes per server.  ``tests/tools/redis_py_plugin.py`` does
the counting; pytest's output for each server is kept in the logs folder
printed at the start.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.servers import OracleServer, ServerProcess, free_port  # noqa: E402

REDIS_PY = "6.4.0"

# What collecting and running the selected files needs, pinned to versions
# current when redis-py 6.4.0 was released so results are reproducible
# (coverage only because the suite's warning filters name one of its classes;
# redis-entraid because the credential tests import it at module level).
REQUIREMENTS = ["pytest==8.4.1", "pytest-asyncio==1.1.0", "pytest-timeout==2.4.0",
                "mock==5.2.0", "packaging==25.0", "coverage==7.10.3", "redis-entraid==1.0.0"]

# Left out: tests that need a cluster, sentinels, TLS, Redis Stack modules
# (JSON, search, time series, probabilistic, vector sets) or an Entra ID
# credential provider; the markers are the suite's own (its pyproject.toml).
# The retry tests go too: 163 tests of redis-py's retry machinery on mocked
# connections, which pass whatever the server is and would only blur the count.
MARKERS = "not onlycluster and not redismod and not ssl and not cp_integration"
IGNORED = [
    "tests/test_retry.py", "tests/test_asyncio/test_retry.py",
    "tests/test_cluster.py", "tests/test_cluster_transaction.py",
    "tests/test_asyncio/test_cluster.py", "tests/test_asyncio/test_cluster_transaction.py",
    "tests/test_sentinel.py", "tests/test_asyncio/test_sentinel.py",
    "tests/test_ssl.py", "tests/test_asyncio/test_ssl.py",
    "tests/test_json.py", "tests/test_asyncio/test_json.py",
    "tests/test_search.py", "tests/test_asyncio/test_search.py",
    "tests/test_timeseries.py", "tests/test_asyncio/test_timeseries.py",
    "tests/test_bloom.py", "tests/test_asyncio/test_bloom.py",
    "tests/test_vsets.py", "tests/test_asyncio/test_vsets.py",
]
SELECTION = {"markers": MARKERS, "ignored": IGNORED}
OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")


def log(msg: str) -> None:
    print(f"[redis-py suite] {msg}", file=sys.stderr, flush=True)


def run(cmd: list) -> None:
    """Run a setup step; its output goes to stderr so stdout is only the report."""
    log(" ".join(cmd))
    subprocess.run(cmd, check=True, stdout=sys.stderr)


# --- preparing the suite -------------------------------------------------------------------

def fetch_sdist(cache: str) -> str:
    path = os.path.join(cache, f"redis-{REDIS_PY}.tar.gz")
    if not os.path.exists(path):
        os.makedirs(cache, exist_ok=True)
        run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
             f"redis=={REDIS_PY}", "-d", cache])
    return path


def extract_tests(sdist: str, cache: str) -> str:
    """The sdist's tests/ and pytest settings under cache/suite; returns that folder."""
    suite = os.path.join(cache, f"suite-{REDIS_PY}")
    if os.path.isdir(os.path.join(suite, "tests")):
        return suite
    tmp = tempfile.mkdtemp(dir=cache)
    prefix = f"redis-{REDIS_PY}/"
    with tarfile.open(sdist) as tar:
        members = [m for m in tar.getmembers()
                   if m.name.startswith(prefix + "tests/")
                   or m.name in (prefix + "pyproject.toml", prefix + "dev_requirements.txt")]
        tar.extractall(tmp, members=members)
    os.replace(os.path.join(tmp, prefix), suite)
    shutil.rmtree(tmp, ignore_errors=True)
    return suite


def make_venv(sdist: str, cache: str) -> str:
    """A venv with redis-py from the sdist and REQUIREMENTS; returns its python."""
    venv = os.path.join(cache, f"venv-{REDIS_PY}")
    python = os.path.join(venv, "bin", "python")
    stamp = os.path.join(venv, "requirements.txt")
    wanted = "\n".join([sdist, *REQUIREMENTS])
    if os.path.exists(stamp) and open(stamp).read() == wanted:
        return python
    shutil.rmtree(venv, ignore_errors=True)
    run([sys.executable, "-m", "venv", venv])
    run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check",
         sdist, *REQUIREMENTS])
    with open(stamp, "w") as f:
        f.write(wanted)
    return python


# --- servers -------------------------------------------------------------------------------

def start_server(name: str) -> ServerProcess:
    if name == "redix":
        return ServerProcess().start()
    return OracleServer().start()


# --- running and reporting -----------------------------------------------------------------

def run_suite(python: str, suite: str, name: str, server, workdir: str, args) -> dict:
    counts_path = os.path.join(workdir, f"counts-{name}.json")
    env = dict(os.environ, REDIX_RPY_COUNTS=counts_path,
               PYTHONPATH=HERE + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # An unused port for the modules server, so nothing on the default 6479 is used.
    cmd = [python, "-m", "pytest", "tests", "-p", "redis_py_plugin", "-p", "no:cacheprovider",
           "-o", "addopts=", "-o", f"timeout={args.test_timeout}", "-q", "-rfE", "--durations=25",
           # Native tracebacks: pytest's own take seconds per failure in these big
           # files with tracemalloc on (the suite turns it on), i.e. hours for Redix.
           "--tb=native",
           f"--redis-url=redis://127.0.0.1:{server.port}/0",
           f"--redis-mod-url=redis://127.0.0.1:{free_port()}",
           f"--protocol={args.protocol}", "-m", MARKERS,
           *[f"--ignore={p}" for p in IGNORED], *args.pytest_args]
    log(f"running the suite against {name} on port {server.port}")
    start = time.monotonic()
    with open(os.path.join(workdir, f"pytest-{name}.log"), "wb") as out:
        subprocess.run(cmd, cwd=suite, env=env, stdout=out, stderr=subprocess.STDOUT)
    elapsed = time.monotonic() - start
    try:
        with open(counts_path) as f:
            result = json.load(f)
    except (OSError, ValueError):
        raise RuntimeError(f"pytest left no counts; see {workdir}/pytest-{name}.log")
    result["seconds"] = round(elapsed, 1)
    result["totals"] = {k: sum(c[k] for c in result["files"].values()) for k in OUTCOMES}
    return result


def print_table(results: dict) -> None:
    names = list(results)
    files = sorted({f for r in results.values() for f in r["files"]})
    short = {"passed": "pass", "failed": "fail", "error": "err", "skipped": "skip",
             "xfailed": "xf", "xpassed": "xp"}
    width = max(len(f) for f in files + ["TOTAL"]) - len("tests/")
    head = " " * width + " | " + " | ".join(
        f"{name:^{6 * len(OUTCOMES) - 1}}" for name in names)
    sub = " " * width + " | " + " | ".join(
        " ".join(f"{short[k]:>5}" for k in OUTCOMES) for _ in names)
    print(head)
    print(sub)
    print("-" * len(sub))

    def row(label, getter):
        cells = [" ".join(f"{getter(name).get(k, 0):>5}" for k in OUTCOMES) for name in names]
        print(f"{label:<{width}} | " + " | ".join(cells))
    for f in files:
        row(f.replace("tests/", "", 1), lambda name, f=f: results[name]["files"].get(f, {}))
    print("-" * len(sub))
    row("TOTAL", lambda name: results[name]["totals"])
    for name in names:
        r = results[name]
        print(f"{name}: {r['totals']['passed']} passed, {r['totals']['failed']} failed, "
              f"{r['totals']['error']} errors, {r['totals']['skipped']} skipped "
              f"in {r['seconds']} s")
        for note in r.get("notes", []):
            print(f"{name}: note: {note}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--oracle", action="store_true",
                        help="also run the suite against a real redis-server, for comparison")
    parser.add_argument("--no-redix", action="store_true", help="skip the Redix run")
    parser.add_argument("--output", help="write the per-file counts as JSON here")
    parser.add_argument("--cache", default=os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "redix", "redis-py"),
        help="where the sdist, the extracted tests and the venv are kept")
    parser.add_argument("--protocol", default="2", choices=["2", "3"],
                        help="RESP version redis-py's clients use (its --protocol)")
    parser.add_argument("--test-timeout", type=int, default=30,
                        help="per-test timeout in seconds (the suite's own default is 30)")
    parser.add_argument("pytest_args", nargs="*",
                        help="more pytest arguments, after --, e.g. -- -k hash -x")
    args = parser.parse_args(argv)
    if args.oracle and shutil.which("redis-server") is None:
        parser.error("--oracle needs redis-server on PATH")

    cache = os.path.abspath(args.cache)
    sdist = fetch_sdist(cache)
    suite = extract_tests(sdist, cache)
    python = make_venv(sdist, cache)
    workdir = tempfile.mkdtemp(prefix="redix-rpy-")
    log(f"logs in {workdir}")

    results = {}
    for name, wanted in (("redix", not args.no_redix), ("redis", args.oracle)):
        if not wanted:
            continue
        server = start_server(name)
        try:
            results[name] = run_suite(python, suite, name, server, workdir, args)
        finally:
            server.stop()
    if not results:
        parser.error("nothing to run (--no-redix without --oracle)")

    print_table(results)
    if args.output:
        with open(args.output, "w") as f:
            json.dump({"redis_py": REDIS_PY, "selection": SELECTION,
                       "protocol": args.protocol, "results": results}, f, indent=1)
        log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
