"""CONFIG GET / CONFIG SET semantics of redix.config, against recorded Redis 7.0.15 output.

Every expected string here was read from a real redis-server 7.0.15;
test_config_differential.py re-checks the same cases live when one is installed.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from redix import errors
from redix.config import ApplyError, Config, ConfigError, glob_match
from redix.config_table import LOOKUP, PARAMS
from redix.config_types import NOTIFY_ALL, NOTIFY_KEYEVENT, NOTIFY_KEYSPACE

SNAPSHOT = Path(__file__).parent / "data" / "redis_7_0_15_config.txt"
# Machine-specific: the snapshot server ran in /tmp/rsnap.
MACHINE_SPECIFIC = {"dir"}


def load_snapshot() -> dict[str, str]:
    out = {}
    for line in SNAPSHOT.read_text().splitlines():
        if not line.startswith("#"):
            name, _, value = line.partition(" ")
            out[name] = value
    return out


@pytest.fixture(autouse=True)
def keep_cwd():
    # "dir" changes the working directory, as in Redis.
    cwd = os.getcwd()
    yield
    os.chdir(cwd)


def get1(cfg: Config, name: str) -> str:
    ((_, value),) = cfg.get(name.encode())
    return value.decode()


def set1(cfg: Config, name: str, value: str) -> None:
    cfg.set_many([(name.encode(), value.encode())])


def set_error(cfg: Config, *pairs: str) -> str:
    args = [(pairs[i].encode(), pairs[i + 1].encode()) for i in range(0, len(pairs), 2)]
    with pytest.raises(ConfigError) as e:
        cfg.set_many(args)
    return str(e.value)


# --- defaults ---

def test_defaults_match_redis_snapshot():
    cfg = Config()
    cfg.apply_args(["--port", "7782"])  # the snapshot server's command line
    ours = {k.decode(): v.decode() for k, v in cfg.get(b"*")}
    theirs = load_snapshot()
    assert set(ours) == set(theirs)
    for name in set(theirs) - MACHINE_SPECIFIC:
        assert ours[name] == theirs[name], name
    assert ours["dir"] == os.getcwd()


def test_every_parameter_is_reachable_as_an_attribute():
    cfg = Config()
    for p in PARAMS:
        assert hasattr(cfg, p.attr), p.name
    assert len({p.attr for p in PARAMS}) == len(PARAMS)


def test_hot_values_have_natural_python_types():
    cfg = Config()
    assert cfg.maxclients == 10000 and cfg.port == 6379 and cfg.databases == 16
    assert cfg.proto_max_bulk_len == 512 * 1024 * 1024
    assert cfg.client_query_buffer_limit == 1024 ** 3
    assert cfg.requirepass == "" and cfg.dbfilename == "dump.rdb" and cfg.logfile == ""
    assert cfg.bind == ["*", "-::*"]
    assert cfg.hz == 10 and cfg.maxmemory == 0 and cfg.maxmemory_policy == "noeviction"
    assert cfg.slowlog_log_slower_than == 10000 and cfg.slowlog_max_len == 128
    assert cfg.latency_monitor_threshold == 0 and cfg.loglevel == "notice"
    assert cfg.daemonize is False and cfg.appendonly is False and cfg.pidfile == ""
    assert cfg.timeout == 0 and cfg.tcp_keepalive == 300
    assert cfg.save == [(3600, 1), (300, 100), (60, 10000)]
    assert cfg.client_output_buffer_limit == {
        "normal": (0, 0, 0), "replica": (268435456, 67108864, 60),
        "pubsub": (33554432, 8388608, 60)}
    assert cfg.notify_keyspace_events == 0
    assert cfg.replicaof is None and cfg.unixsocketperm == 0
    assert cfg.shutdown_on_sigint == () and cfg.oom_score_adj_values == (0, 200, 800)
    assert cfg.dir == os.getcwd() and cfg.config_file is None


def test_instances_do_not_share_mutable_defaults():
    a, b = Config(), Config()
    set1(a, "save", "10 1")
    set1(a, "client-output-buffer-limit", "normal 1 2 3")
    assert b.save == [(3600, 1), (300, 100), (60, 10000)]
    assert b.client_output_buffer_limit["normal"] == (0, 0, 0)


# --- CONFIG GET ---

def test_get_exact_name_is_echoed_as_typed():
    cfg = Config()
    assert cfg.get(b"PORT") == [(b"PORT", b"6379")]
    assert cfg.get(b"slaveof") == [(b"slaveof", b"")]
    assert cfg.get(b"nonexistent") == []


def test_get_glob_reports_names_and_aliases():
    cfg = Config()
    assert dict(cfg.get(b"hash-max-*")) == {
        b"hash-max-listpack-entries": b"512", b"hash-max-listpack-value": b"64",
        b"hash-max-ziplist-entries": b"512", b"hash-max-ziplist-value": b"64"}
    assert cfg.get(b"PO*") == [(b"port", b"6379")]
    assert cfg.get(b"por[t]") == [(b"port", b"6379")]


def test_get_backslash_alone_is_not_a_pattern():
    # Redis only treats * ? [ as glob characters; "p\ort" is looked up as is.
    assert Config().get(b"p\\ort") == []


def test_hidden_parameters_only_by_exact_name():
    cfg = Config()
    assert cfg.get(b"KEY-LOAD-DELAY") == [(b"KEY-LOAD-DELAY", b"0")]
    assert cfg.get(b"key-load-dela?") == []
    assert b"rdb-key-save-delay" not in dict(cfg.get(b"*"))
    assert cfg.get(b"loading-process-events-interval-bytes")[0][1] == b"2097152"


def test_get_many_reports_each_parameter_once():
    cfg = Config()
    assert cfg.get_many([b"port", b"PORT"]) == [(b"port", b"6379")]
    assert cfg.get_many([b"PORT", b"port"]) == [(b"PORT", b"6379")]
    got = cfg.get_many([b"maxmemory", b"maxmemory-policy", b"max*"])
    names = [n for n, _ in got]
    assert len(names) == len(set(names)) == 6
    assert names[:2] == [b"maxmemory", b"maxmemory-policy"]
    # An alias is a separate name, as in Redis.
    assert [n for n, _ in cfg.get_many([b"slaveof", b"replicaof"])] == [b"slaveof", b"replicaof"]
    assert len(cfg.get_many([b"*", b"hz"])) == len(cfg.get(b"*"))


def test_matcher_can_be_replaced():
    seen = []

    def matcher(pattern, name):
        seen.append((pattern, name))
        return name == b"hz"

    assert Config(matcher=matcher).get(b"h*") == [(b"hz", b"10")]
    assert seen


@pytest.mark.parametrize("pattern,name,expected", [
    (b"*", b"anything", True), (b"h?", b"hz", True), (b"h?", b"hzz", False),
    (b"[a-c]x", b"bx", True), (b"[^a-c]x", b"bx", False), (b"[^a-c]x", b"dx", True),
    (b"[c-a]x", b"bx", True), (b"a\\*", b"a*", True), (b"a\\*", b"ab", False),
    (b"HZ", b"hz", True), (b"[]", b"x", False), (b"[^]", b"x", True), (b"[a", b"a", True),
])
def test_glob_match(pattern, name, expected):
    assert glob_match(pattern, name) is expected


# --- CONFIG SET: values (recorded from redis 7.0.15: value -> CONFIG GET after) ---

ROUND_TRIPS = [
    ("maxmemory", "1gb", "1073741824"), ("maxmemory", "1GB", "1073741824"),
    ("maxmemory", "5k", "5000"), ("maxmemory", "5kb", "5120"), ("maxmemory", "10m", "10000000"),
    ("maxmemory", "1g", "1000000000"), ("maxmemory", "10b", "10"), ("maxmemory", "00", "0"),
    ("maxmemory", "010", "10"), ("maxmemory", "", "0"), ("maxmemory", "gb", "0"),
    ("maxmemory", "18446744073709551616", "18446744073709551615"),
    ("maxmemory", "17179869184gb", "0"),  # the unit multiplication wraps
    ("maxmemory", "18446744073709551616kb", "18446744073709550592"),
    ("maxmemory", "1" * 127, "18446744073709551615"),
    ("maxmemory-clients", "10%", "10%"), ("maxmemory-clients", "0%", "0"),
    ("maxmemory-clients", "18446744073709551615", "1%"), ("maxmemory-clients", "1gb", "1073741824"),
    ("hz", "0", "1"), ("hz", "1000", "500"), ("hz", "499", "499"),
    ("repl-backlog-size", "1", "16384"), ("repl-backlog-size", "1mb", "1048576"),
    ("slowlog-log-slower-than", "-1", "-1"), ("list-max-listpack-size", "-5", "-5"),
    ("appendonly", "YES", "yes"), ("appendfsync", "ALWAYS", "always"),
    ("maxmemory-policy", "ALLKEYS-LRU", "allkeys-lru"),
    ("oom-score-adj", "relative", "yes"), ("oom-score-adj", "absolute", "absolute"),
    ("shutdown-on-sigint", "now nosave force", "nosave now force"),
    ("shutdown-on-sigint", "default now", "now"), ("shutdown-on-sigint", "NOW", "now"),
    ("save", "", ""), ("save", "100 2 100 2", "100 2 100 2"), ("save", "010 5", "10 5"),
    ("save", "+5 +1", "5 1"), ("save", "\t100 1", "100 1"), ("save", "1 0", "1 0"),
    ("save", "99999999999999999999 1", "9223372036854775807 1"),
    # strtoll reads an empty field as 0, so a trailing space is a zero.
    ("save", "1 ", "1 0"), ("oom-score-adj-values", "0 200 ", "0 200 0"),
    ("client-output-buffer-limit", "normal   ",
     "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"),
    ("client-output-buffer-limit", "normal 1mb 2mb 60 replica 1 2 3",
     "normal 1048576 2097152 60 slave 1 2 3 pubsub 33554432 8388608 60"),
    ("client-output-buffer-limit", "NORMAL 1 2 01",
     "normal 1 2 1 slave 268435456 67108864 60 pubsub 33554432 8388608 60"),
    ("client-output-buffer-limit", "",
     "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"),
    ("notify-keyspace-events", "KEA", "AKE"), ("notify-keyspace-events", "Kg", "gK"),
    ("notify-keyspace-events", "KEg$lshzxe", "g$lshzxeKE"),
    ("notify-keyspace-events", "KEmn", "nKEm"), ("notify-keyspace-events", "An", "A"),
    ("notify-keyspace-events", "Kdt", "tdK"), ("notify-keyspace-events", "KEg$lshzxetdnm", "AKEm"),
    ("oom-score-adj-values", "00 -2000 +800", "0 -2000 800"),
    ("latency-tracking-info-percentiles", "50.0 99.90", "50 99.9"),
    ("latency-tracking-info-percentiles", "1e1 1.23456789012", "10 1.234568"),
    ("latency-tracking-info-percentiles", "", ""),
    ("bind", "127.0.0.1 ::1", "127.0.0.1 ::1"), ("bind", "", ""),
    ("proc-title-template", "x{title}", "x{title}"), ("proc-title-template", "{{title}}", "{{title}}"),
    ("proc-title-template", "{port}", "{port}"),
    ("cluster-announce-hostname", "a.b-c", "a.b-c"),
    ("requirepass", "a b", "a b"), ("masterauth", "x y", "x y"),
    ("slave-priority", "7", "7"), ("lua-time-limit", "100", "100"),
]


@pytest.mark.parametrize("name,value,shown", ROUND_TRIPS)
def test_set_then_get(name, value, shown):
    cfg = Config()
    set1(cfg, name, value)
    assert get1(cfg, name) == shown


def test_alias_sets_the_canonical_parameter():
    cfg = Config()
    set1(cfg, "slave-priority", "7")
    assert cfg.replica_priority == 7 and get1(cfg, "replica-priority") == "7"
    set1(cfg, "hash-max-ziplist-entries", "3")
    assert cfg.hash_max_listpack_entries == 3


def test_python_values_after_set():
    cfg = Config()
    set1(cfg, "notify-keyspace-events", "KEA")
    assert cfg.notify_keyspace_events == NOTIFY_ALL | NOTIFY_KEYSPACE | NOTIFY_KEYEVENT
    set1(cfg, "shutdown-on-sigterm", "force nosave")
    assert cfg.shutdown_on_sigterm == ("nosave", "force")
    set1(cfg, "maxmemory-clients", "5%")
    assert cfg.maxmemory_clients == -5
    set1(cfg, "latency-tracking-info-percentiles", "50 99.9")
    assert cfg.latency_tracking_info_percentiles == [50.0, 99.9]


# --- CONFIG SET: errors (recorded from redis 7.0.15) ---

def failed(name, reason):
    return f"ERR CONFIG SET failed (possibly related to argument '{name}') - {reason}"


ENUM_EVICTION = ("argument(s) must be one of the following: volatile-lru, volatile-lfu, "
                 "volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, "
                 "noeviction")
SET_ERRORS = [
    (("foo", "bar"), "ERR Unknown option or number of arguments for CONFIG SET - 'foo'"),
    (("maxmemory", "abc"), failed("maxmemory", "argument must be a memory value")),
    (("maxmemory", "-1"), failed("maxmemory", "argument must be a memory value")),
    (("maxmemory", "1.5gb"), failed("maxmemory", "argument must be a memory value")),
    (("maxmemory", " 1gb"), failed("maxmemory", "argument must be a memory value")),
    (("maxmemory", "1t"), failed("maxmemory", "argument must be a memory value")),
    (("maxmemory", "1" * 128), failed("maxmemory", "argument must be a memory value")),
    (("maxmemory-clients", "101%"),
     failed("maxmemory-clients", "percentage argument must be less or equal to 100")),
    (("maxmemory-clients", "9223372036854775808"),
     failed("maxmemory-clients", "percentage argument must be less or equal to 100")),
    (("maxmemory-clients", "05%"),
     failed("maxmemory-clients", "argument must be a memory or percent value")),
    (("proto-max-bulk-len", "1"),
     failed("proto-max-bulk-len", "argument must be between 1048576 and 9223372036854775807 inclusive")),
    (("auto-aof-rewrite-min-size", "18446744073709551615"),
     failed("auto-aof-rewrite-min-size", "argument must be between 0 and 9223372036854775807 inclusive")),
    (("databases", "3"), failed("databases", "can't set immutable config")),
    (("DATABASES", "3"), failed("DATABASES", "can't set immutable config")),
    (("daemonize", "yes"), failed("daemonize", "can't set immutable config")),
    (("slaveof", "x"), failed("slaveof", "can't set immutable config")),
    (("dir", "/tmp"), failed("dir", "can't set protected config")),
    (("dbfilename", "x.rdb"), failed("dbfilename", "can't set protected config")),
    (("port", "abc"), failed("port", "argument couldn't be parsed into an integer")),
    (("port", "99999"), failed("port", "argument must be between 0 and 65535 inclusive")),
    (("hz", "+10"), failed("hz", "argument couldn't be parsed into an integer")),
    (("hz", "010"), failed("hz", "argument couldn't be parsed into an integer")),
    (("hz", "-0"), failed("hz", "argument couldn't be parsed into an integer")),
    (("hz", "2147483648"), failed("hz", "argument must be between 0 and 2147483647 inclusive")),
    (("hz", "9223372036854775808"), failed("hz", "argument couldn't be parsed into an integer")),
    (("Hz", "x"), failed("hz", "argument couldn't be parsed into an integer")),
    (("maxclients", "0"), failed("maxclients", "argument must be between 1 and 4294967295 inclusive")),
    (("slowlog-log-slower-than", "-5"),
     failed("slowlog-log-slower-than", "argument must be between -1 and 9223372036854775807 inclusive")),
    (("appendonly", "maybe"), failed("appendonly", "argument must be 'yes' or 'no'")),
    (("appendonly", ""), failed("appendonly", "argument must be 'yes' or 'no'")),
    (("maxmemory-policy", "foo"), failed("maxmemory-policy", ENUM_EVICTION)),
    (("loglevel", "debug notice"), failed(
        "loglevel", "argument(s) must be one of the following: debug, verbose, notice, warning")),
    (("shutdown-on-sigint", "save nosave"), failed(
        "shutdown-on-sigint", "shutdown options SAVE and NOSAVE can't be used simultaneously")),
    (("shutdown-on-sigint", "nosave  now"), failed(
        "shutdown-on-sigint",
        "argument(s) must be one of the following: default, save, nosave, now, force")),
    (("save", "3600 1 300"), failed("save", "Invalid save parameters")),
    (("save", "100  2"), failed("save", "Invalid save parameters")),
    (("save", "0 1"), failed("save", "Invalid save parameters")),
    (("save", "1kb 5"), failed("save", "Invalid save parameters")),
    (("client-output-buffer-limit", "pubsub 1 2"),
     failed("client-output-buffer-limit", "Wrong number of arguments in buffer limit configuration.")),
    (("client-output-buffer-limit", "master 1 2 3"), failed(
        "client-output-buffer-limit", "Invalid client class specified in buffer limit configuration.")),
    (("client-output-buffer-limit", "normal 1 2 -1"), failed(
        "client-output-buffer-limit",
        "Error in hard, soft or soft_seconds setting in buffer limit configuration.")),
    (("notify-keyspace-events", "K E"), failed(
        "notify-keyspace-events", "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.")),
    (("oom-score-adj-values", "0  200 800"), failed("oom-score-adj-values", "wrong number of arguments")),
    (("oom-score-adj-values", "0 2001 800"), failed(
        "oom-score-adj-values",
        "Invalid oom-score-adj-values, elements must be between -2000 and 2000.")),
    (("latency-tracking-info-percentiles", "101"), failed(
        "latency-tracking-info-percentiles",
        "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]")),
    (("latency-tracking-info-percentiles", "50  99"), failed(
        "latency-tracking-info-percentiles", "Invalid latency-tracking-info-percentiles parameters")),
    (("proc-title-template", "{title}"), failed(
        "proc-title-template", "template format is invalid or contains unknown variables")),
    (("proc-title-template", "{unixsocket}"), failed(
        "proc-title-template", "template format is invalid or contains unknown variables")),
    (("cluster-announce-hostname", "a_b"), failed(
        "cluster-announce-hostname",
        "Hostnames may only contain alphanumeric characters, hyphens or dots")),
    (("cluster-announce-hostname", "x" * 256), failed(
        "cluster-announce-hostname", "Hostnames must be less than 256 characters")),
    (("activedefrag", "yes"), failed("activedefrag", errors.ACTIVEDEFRAG_UNSUPPORTED)),
    # Several parameters: names are checked first, in order, then values.
    (("maxmemory", "abc", "foo", "bar"),
     "ERR Unknown option or number of arguments for CONFIG SET - 'foo'"),
    (("databases", "1", "foo", "bar"), failed("databases", "can't set immutable config")),
    (("maxmemory", "1", "MAXMEMORY", "2"), failed("MAXMEMORY", "duplicate parameter")),
    (("maxmemory", "abc", "maxmemory", "1"), failed("maxmemory", "duplicate parameter")),
    (("hz", "abc", "maxmemory", "abc"), failed("hz", "argument couldn't be parsed into an integer")),
    (("dir", "/tmp", "DIR", "/tmp"), failed("dir", "can't set protected config")),
    (("slave-priority", "1", "replica-priority", "abc"),
     failed("replica-priority", "argument couldn't be parsed into an integer")),
    (("Slave-Priority", "abc"), failed("slave-priority", "argument couldn't be parsed into an integer")),
]


@pytest.mark.parametrize("args,message", SET_ERRORS)
def test_set_errors(args, message):
    assert set_error(Config(), *args) == message


def test_alias_and_name_in_one_set_are_not_duplicates():
    cfg = Config()
    cfg.set_many([(b"replica-priority", b"1"), (b"slave-priority", b"2")])
    assert cfg.replica_priority == 2


def test_failed_set_changes_nothing():
    cfg = Config()
    set_error(cfg, "maxmemory", "5", "hz", "20", "maxmemory-policy", "bad")
    assert cfg.maxmemory == 0 and cfg.hz == 10


# --- protected parameters and dir ---

def test_protected_configs_when_enabled(tmp_path):
    cfg = Config()
    cfg.apply_args(["--enable-protected-configs", "yes"])
    set1(cfg, "dir", str(tmp_path))
    assert cfg.dir == str(tmp_path.resolve()) == os.getcwd()
    assert set_error(cfg, "dir", str(tmp_path / "missing")) == failed(
        "dir", "No such file or directory")
    assert set_error(cfg, "dbfilename", "a/b") == failed(
        "dbfilename", "dbfilename can't be a path, just a filename")
    set1(cfg, "dbfilename", "")
    assert cfg.dbfilename == ""


def test_protected_configs_local_only(tmp_path):
    cfg = Config()
    cfg.apply_args(["--enable-protected-configs", "local"])
    assert set_error(cfg, "dir", str(tmp_path)) == failed("dir", "can't set protected config")
    cfg.set_many([(b"dir", str(tmp_path).encode())], local_client=True)
    assert cfg.dir == str(tmp_path.resolve())


def test_relative_dir_resolves_against_the_current_one(tmp_path):
    (tmp_path / "sub").mkdir()
    cfg = Config()
    cfg.apply_args(["--dir", str(tmp_path)])
    cfg.apply_args(["--dir", "sub"])
    assert cfg.dir == str((tmp_path / "sub").resolve())


def test_failed_set_moves_dir_back(tmp_path):
    cfg = Config()
    cfg.apply_args(["--enable-protected-configs", "yes"])
    start = os.getcwd()
    cfg.on_change("hz", lambda *a: (_ for _ in ()).throw(ApplyError("no")))
    with pytest.raises(ConfigError):
        cfg.set_many([(b"dir", str(tmp_path).encode()), (b"hz", b"50")])
    assert os.getcwd() == start == cfg.dir and cfg.hz == 10


# --- change callbacks ---

def test_on_change_called_after_all_values_are_in_place():
    cfg = Config()
    calls = []
    cfg.on_change("port", lambda name, old, new: calls.append((name, old, new, cfg.bind)))
    cfg.set_many([(b"port", b"7000"), (b"bind", b"127.0.0.1")])
    assert calls == [("port", 6379, 7000, ["127.0.0.1"])]


def test_on_change_by_alias_and_only_on_change():
    cfg = Config()
    calls = []
    cfg.on_change("slave-priority", lambda *a: calls.append(a))
    set1(cfg, "replica-priority", "100")  # unchanged: no call
    set1(cfg, "slave-priority", "5")
    assert calls == [("replica-priority", 100, 5)]


def test_apply_error_rolls_back_and_reports():
    cfg = Config()
    log = []

    def rebind(name, old, new):
        log.append((name, old, new))
        if new == ["10.9.9.9"]:
            raise ApplyError(errors.BIND_FAILED)

    cfg.on_change("bind", rebind)
    cfg.on_change("maxclients", lambda *a: log.append(a))
    message = set_error(cfg, "maxclients", "50", "bind", "10.9.9.9")
    assert message == failed("bind", "Failed to bind to specified addresses.")
    assert cfg.maxclients == 10000 and cfg.bind == ["*", "-::*"]
    # Listeners that saw the new value are told about the way back.
    assert log == [("maxclients", 10000, 50), ("bind", ["*", "-::*"], ["10.9.9.9"]),
                   ("maxclients", 50, 10000), ("bind", ["10.9.9.9"], ["*", "-::*"])]


def test_lookup_is_complete():
    assert len(LOOKUP) == 195  # 192 in CONFIG GET * plus 3 hidden
