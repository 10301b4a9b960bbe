"""Config behaviour compared live with a real redis-server (skipped without one).

Starts a redis-server of its own (``fresh_oracle``) and, for a grid of parameters and values,
compares CONFIG SET replies and CONFIG GET results byte for byte with
redix.config; also compares start-up error reports and CONFIG REWRITE output.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from redix.config import Config, ConfigError, ConfigFileError
from tests.differential import start_oracle

pytestmark = pytest.mark.differential
REDIS = shutil.which("redis-server")
if REDIS is None:
    pytest.skip("redis-server is not installed", allow_module_level=True)
_version = subprocess.run([REDIS, "-v"], capture_output=True, text=True).stdout
if "v=7.0." not in _version:
    pytest.skip(f"needs redis-server 7.0.x, found {_version.strip()}", allow_module_level=True)

SNAPSHOT = Path(__file__).parent / "data" / "redis_7_0_15_config.txt"


class Resp:
    """Just enough RESP2 to drive CONFIG."""

    def __init__(self, port: int):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.file = self.sock.makefile("rb")

    def __call__(self, *args: bytes | str):
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a.encode("utf-8", "surrogateescape") if isinstance(a, str) else a
            out.append(b"$%d\r\n%s\r\n" % (len(a), a))
        self.sock.sendall(b"".join(out))
        return self._read()

    def _read(self):
        line = self.file.readline()
        if not line:
            raise ConnectionError("closed")
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest
        if kind == b"-":
            return ConfigError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            return None if n < 0 else self.file.read(n + 2)[:-2]
        return [self._read() for _ in range(int(rest))]

    def close(self):
        self.file.close()
        self.sock.close()


@pytest.fixture(scope="module")
def redis(fresh_oracle):
    # A server of this module's own: the grid sets every parameter.
    server = fresh_oracle()
    client = Resp(server.port)
    yield client, server.port
    client.close()


@pytest.fixture(autouse=True)
def keep_cwd():
    cwd = os.getcwd()
    yield
    os.chdir(cwd)


def ours_for(port: int) -> Config:
    cfg = Config()
    cfg.apply_args(["--port", str(port), "--bind", "127.0.0.1", "--save", ""])
    return cfg


def compare_set(client, port, name: str, value: str):
    default = client("CONFIG", "GET", name)[1]
    reply = client("CONFIG", "SET", name, value)
    if isinstance(reply, ConfigError):
        theirs = str(reply)
    else:
        theirs = client("CONFIG", "GET", name)[1]
        client("CONFIG", "SET", name, default)
    cfg = ours_for(port)
    try:
        cfg.set_many([(name.encode(), value.encode("utf-8", "surrogateescape"))])
        ours = cfg.get(name.encode())[0][1]
    except ConfigError as e:
        ours = str(e)
    assert ours == theirs, (name, value)


# Real effects on the server process, or TLS, which Redix does not have.
SIDE_EFFECTS = {"bind", "port", "tls-port", "requirepass", "maxclients", "tls-replication",
                "tls-cluster", "dir"}
GENERIC_VALUES = ["abc", "-1", "0", "1", "00", "010", "+1", "1k", "1kb", "1gb", "1GB", "5%",
                  "101%", "", " 1", "1 ", "9223372036854775807", "9223372036854775808",
                  "18446744073709551615", "-9223372036854775808", "yes", "no", "YES", "700"]


def all_names() -> list[str]:
    return [line.split(" ")[0] for line in SNAPSHOT.read_text().splitlines()
            if not line.startswith("#")]


@pytest.mark.parametrize("name", [n for n in all_names() if n not in SIDE_EFFECTS])
def test_set_grid(redis, name):
    client, port = redis
    for value in GENERIC_VALUES:
        compare_set(client, port, name, value)


SPECIAL_VALUES = {
    "save": ["", "100 1", "0 1", "100  2", "100 2 ", "+5 1", "010 5", "99999999999999999999 1",
             "\t100 1", "100\t1", "3600 1 300", "5 1.0"],
    "client-output-buffer-limit": ["normal 1 2 3", "normal 1mb 2mb 60 replica 1 2 3", "pubsub 1 2",
                                   "foo 1 2 3", "normal 1 2 -1", "NORMAL 1 2 01", "normal 1  2 3",
                                   "normal 1 2 3 foo 1 2 3", "slave 5 5 5 normal 0 0 0"],
    "notify-keyspace-events": ["KEA", "A", "Kg", "KEg$lshzxe", "KEmn", "An", "tdn", "$g", "a",
                               "K E", "KEg$lshzxetdnm"],
    "oom-score-adj-values": ["0 200 800", "0 2001 800", " 0 200 800", "-0 200 800", "+1 200 800",
                             "1e2 200 800", "1 2", "\t1 2 3", "1 2 3\t"],
    "latency-tracking-info-percentiles": ["50.0 99.90", "1 2 3 4", "101", "-1", "1e1", "abc",
                                          "50  99", "1.23456789012", ".5", "5.", "0.0000001"],
    "shutdown-on-sigterm": ["save", "nosave now", "now nosave force", "save nosave", "default now",
                            "nosave  now", " now", "NOW", "foo"],
    "maxmemory": ["1gB", "1 gb", "0x10", "18446744073709551616", "17179869184gb", "1t", "1g", "gb",
                  "k", "1kk", "-0", "1" * 127, "1" * 128, "18014398509481985kb"],
    "maxmemory-clients": ["10%", "0%", "50", "-5%", "5.5%", "+5%", "05%", "%", "100%", "1kb%",
                          "9223372036854775809", "1gb"],
    "proc-title-template": ["{title", "title}", "{port}", "{tls-port}", "{unixsocket}",
                            "{config-file}", "{server-mode}", "{listen-addr}", " {title} ",
                            "{{title}}", "x{title}", "{title}", "{foo}", "a{}", "{{", "}"],
    "cluster-announce-hostname": ["a b", "a_b", "a.b-c", "x" * 255, "x" * 256],
    "hz": ["500", "501"],
    "repl-backlog-size": ["16383", "16385", "1mb"],
}


@pytest.mark.parametrize("name", sorted(SPECIAL_VALUES))
def test_set_special(redis, name):
    client, port = redis
    for value in SPECIAL_VALUES[name]:
        compare_set(client, port, name, value)


@pytest.mark.parametrize("args", [
    ("maxmemory", "abc", "foo", "bar"), ("databases", "1", "foo", "bar"),
    ("maxmemory", "1", "MAXMEMORY", "2"), ("hz", "abc", "maxmemory", "abc"),
    ("slave-priority", "1", "replica-priority", "abc"), ("DATABASES", "1"), ("dir", "/tmp"),
    ("maxmemory", "5", "maxmemory-policy", "bad"), ("Slave-Priority", "abc"),
])
def test_set_several(redis, args):
    client, port = redis
    reply = client("CONFIG", "SET", *args)
    assert isinstance(reply, ConfigError)
    with pytest.raises(ConfigError) as e:
        ours_for(port).set_many([(args[i].encode(), args[i + 1].encode())
                                 for i in range(0, len(args), 2)])
    assert str(e.value) == str(reply)


@pytest.mark.parametrize("patterns", [["*"], ["PORT", "port"], ["hash-max-*"], ["*", "hz"],
                                      ["por[t]"], ["slave*"], ["KEY-LOAD-DELAY"], ["p\\ort"]])
def test_get(redis, patterns):
    client, port = redis
    theirs = client("CONFIG", "GET", *patterns)
    theirs = dict(zip(theirs[::2], theirs[1::2]))
    theirs.pop(b"dir", None)
    ours = dict(ours_for(port).get_many([p.encode() for p in patterns]))
    ours.pop(b"dir", None)
    assert ours == theirs


START_ERRORS = [
    ["--port", "abc"], ["--foo", "bar"], ["--port"], ["--port", "1", "2"], ["-x"],
    ["--save", "", "--port", "1", "--", "foo"], ["--save", "--port", "abc"],
    ["--port", 'a b"c\\n'], ["--dir", "/nonexistent"], ["--logfile", "/nonexistent/x.log"],
    ["--cluster-enabled", "yes", "--replicaof", "a", "1"], ["--unixsocketperm", "8"],
    ["--replicaof", "a", "12x"], ["--bind", *map(str, range(17))], ["--appendfilename", "a/b"],
    ["--activedefrag", "yes"], ["--io-threads", "0"], ["--syslog-facility", "foo"],
    ["--client-output-buffer-limit", "foo", "1", "2", "3"], ["--proc-title-template", ""],
]


@pytest.mark.parametrize("argv", START_ERRORS)
def test_start_up_errors(tmp_path, argv):
    real = subprocess.run([REDIS, *argv], capture_output=True, cwd=tmp_path, timeout=20)
    assert real.returncode == 1
    with pytest.raises(ConfigFileError) as e:
        Config().apply_args(argv)
    assert real.stderr == f"\n{e.value}\n".encode()


def test_rewrite_matches_redis(tmp_path):
    text = ("# head\nport 7796\n  # indented\nsave 100 1\nsave 200 2\nmaxmemory 1gb\nhz 11\nhz 12\n"
            "slave-priority 50\nmasterauth foo\nbind 127.0.0.1\nrename-command FLUSHALL \"\"\n"
            "client-output-buffer-limit normal 1 2 3\nnotify-keyspace-events KEA\n\n\n# tail\n")
    changes = [("maxmemory", "2mb"), ("hz", "20"), ("save", ""), ("masterauth", ""),
               ("slave-lazy-flush", "yes"), ("client-output-buffer-limit", "pubsub 1 2 3"),
               ("notify-keyspace-events", ""), ("maxmemory-clients", "5%"),
               ("proc-title-template", "{title} {port}")]
    results = []
    for who in ("redis", "redix"):
        workdir = tmp_path / who
        workdir.mkdir()
        conf = workdir / "r.conf"
        # Keep port/bind/save on the command line so the file is all ours.
        conf.write_text(text.replace("port 7796\n", "").replace("bind 127.0.0.1\n", ""))
        if who == "redis":
            server = start_oracle(config_file=str(conf))
            client = Resp(server.port)
            try:
                for name, value in changes:
                    assert client("CONFIG", "SET", name, value) == b"OK"
                assert client("CONFIG", "REWRITE") == b"OK"
            finally:
                client.close()
                server.stop()
        else:
            os.chdir(workdir)
            cfg = Config()
            cfg.load_file(str(conf))
            cfg.set_many([(n.encode(), v.encode()) for n, v in changes])
            cfg.rewrite()
        head, sig, tail = conf.read_text().partition("# Generated by CONFIG REWRITE\n")
        appended = {line for line in tail.splitlines()
                    if not line.startswith(("user ", "dir ", "port ", "bind ", "save "))}
        results.append((head, appended))
    assert results[0] == results[1]
