"""Micro benchmark of the RESP twins: request parsing and reply encoding.

Times the compiled reader/encoder (``redix.protocol._resp_c``, built with
``python setup.py build_ext --inplace``) against the pure-Python twin on the
shape of redis-benchmark traffic: pipelined ``SET key:NNNNNN value`` and
``GET key:NNNNNN`` arriving in 16 KiB reads (Redis's PROTO_IOBUF_LEN), and
bulk/status/integer replies appended to one output buffer.  Prints the best
of ``--repeat`` runs for each twin (garbage collector off, as in timeit) and
the compiled/python time ratio.

    python benchmarks/bench_resp.py [-n 100000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from redix.protocol.replies import OK, Raw  # noqa: E402

READ_SIZE = 16 * 1024


def request_stream(n: int, verb: bytes) -> bytes:
    parts = []
    for i in range(n):
        key = b"key:%06d" % i
        if verb == b"SET":
            parts.append(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$5\r\nvalue\r\n" % (len(key), key))
        else:
            parts.append(b"*2\r\n$3\r\nGET\r\n$%d\r\n%s\r\n" % (len(key), key))
    return b"".join(parts)


def parse(mod, stream: bytes, n: int) -> float:
    chunks = [stream[i:i + READ_SIZE] for i in range(0, len(stream), READ_SIZE)]
    reader = mod.Reader()
    got = 0
    start = time.perf_counter()
    for chunk in chunks:
        reader.feed(chunk)
        got += len(reader.commands())
    elapsed = time.perf_counter() - start
    assert got == n, (got, n)
    return elapsed


def encode_bulk(mod, values: list) -> float:
    write_reply = mod.write_reply
    out = bytearray()
    start = time.perf_counter()
    for value in values:
        write_reply(out, value, False)
    return time.perf_counter() - start


def encode_mixed(mod, values: list) -> float:
    write_reply = mod.write_reply
    out = bytearray()
    start = time.perf_counter()
    for value in values:
        write_reply(out, value, True)
    return time.perf_counter() - start


def best(fn, repeat: int, *args) -> float:
    # As timeit does: collections triggered by the many small lists would
    # time the garbage collector more than the code under test.
    gc.collect()
    gc.disable()
    try:
        return min(fn(*args) for _ in range(repeat))
    finally:
        gc.enable()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=100_000, help="commands / replies per run")
    ap.add_argument("--repeat", type=int, default=5, help="runs per case; the best counts")
    opts = ap.parse_args()
    n = opts.n

    py = importlib.import_module("redix.protocol._resp_py")
    try:
        c = importlib.import_module("redix.protocol._resp_c")
    except ImportError as exc:
        print(f"compiled twin not built ({exc}); run: python setup.py build_ext --inplace")
        return 1

    set_stream = request_stream(n, b"SET")
    get_stream = request_stream(n, b"GET")
    bulks = [b"value:%06d" % i for i in range(n)]
    mixed = [v for i in range(n // 4)
             for v in (b"v%d" % i, OK, i, None)] or [OK]
    lists = [[b"field", b"value", i] for i in range(n // 10)] or [[b"x"]]

    cases = [
        (f"parse {n} pipelined SET ({len(set_stream) >> 20} MiB)", parse, set_stream, n),
        (f"parse {n} pipelined GET", parse, get_stream, n),
        (f"encode {n} bulk replies (RESP2)", encode_bulk, bulks),
        (f"encode {len(mixed)} mixed bulk/+OK/int/null (RESP3)", encode_mixed, mixed),
        (f"encode {len(lists)} 3-element arrays (RESP2)", encode_bulk, lists),
    ]
    print(f"{'case':52} {'python':>10} {'compiled':>10} {'c/py':>7} {'speedup':>8}")
    for name, fn, *args in cases:
        t_py = best(fn, opts.repeat, py, *args)
        t_c = best(fn, opts.repeat, c, *args)
        print(f"{name:52} {t_py * 1e3:8.1f}ms {t_c * 1e3:8.1f}ms {t_c / t_py:7.3f} {t_py / t_c:7.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
