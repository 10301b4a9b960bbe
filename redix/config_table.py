"""The table of every CONFIG parameter of Redis 7.0.15.

Names, aliases, defaults, ranges and which parameters are immutable were taken
from a running redis-server 7.0.15 (``CONFIG GET *``, and CONFIG SET / start-up
probes for ranges and error texts); ``tests/data/redis_7_0_15_config.txt`` is
the recorded snapshot the defaults are tested against.

Flags: IMMUTABLE (only from a config file or the command line), PROTECTED
(CONFIG SET only with ``enable-protected-configs``), HIDDEN (CONFIG GET finds
it by exact name only, never through a pattern).

``PARAMS`` is in the order CONFIG GET * and CONFIG REWRITE use; ``LOOKUP``
maps every lowercase name and alias to ``(name as typed in the table, Param)``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from redix import errors
from redix.config_types import (
    INT_MAX, INT_MIN, LLONG_MAX, ULLONG_MAX, UINT_MAX, Bind, Bool, ClientOutputBufferLimit,
    Dir, Enum, Flags, Int, Memory, MemoryOrPercent, NotifyKeyspaceEvents, Octal,
    OomScoreAdjValues, ParamType, Percentiles, ReplicaOf, Save, String, check_basename,
    check_hostname, expand_template)

IMMUTABLE, PROTECTED, HIDDEN = 1, 2, 4


@dataclass(eq=False)
class Param:
    name: str
    type: ParamType
    default: Any
    flags: int = 0
    aliases: tuple[str, ...] = ()
    # check(value, cfg) raises ValueError(reason) for values the type accepts
    # but the parameter does not.
    check: Callable | None = None
    # CONFIG SET only: adjust the parsed value (Redis's apply functions that
    # clamp, e.g. the replication backlog minimum).
    runtime_fix: Callable | None = None
    attr: str = field(init=False)

    def __post_init__(self):
        self.attr = self.name.replace("-", "_")


def _check_proc_title(value: str, cfg) -> None:
    """Valid when every variable is known and the expansion is not blank, using
    an empty {title} like Redis's own validation."""
    listen = f"{cfg.bind[0] if cfg.bind else '*'}:{cfg.port or cfg.tls_port}"
    variables = {
        "title": "", "listen-addr": listen,
        "server-mode": "[cluster]" if cfg.cluster_enabled else "",
        "port": str(cfg.port), "tls-port": str(cfg.tls_port), "unixsocket": cfg.unixsocket,
        "config-file": cfg.config_file or "-",
    }
    out = expand_template(value, variables)
    if out is None or not out.strip(" "):
        raise ValueError(errors.PROC_TITLE_INVALID)


def _check_no_defrag(value: bool, cfg) -> None:
    # Redix has no allocator to defragment: refuse like a Redis built without
    # its patched jemalloc.
    if value:
        raise ValueError(errors.ACTIVEDEFRAG_UNSUPPORTED)


_YES_NO_LOCAL = Enum("no", "yes", "local")
_EVICTION = Enum("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
                 "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction")
_SHUTDOWN = Flags("default", "save", "nosave", "now", "force")


def _b(name, default, flags=0, aliases=()):
    return Param(name, Bool(), default, flags, aliases)


def _i(name, lo, hi, default, flags=0, aliases=(), **kw):
    return Param(name, Int(lo, hi, kw.pop("clamp", None)), default, flags, aliases, **kw)


def _m(name, lo, hi, default, flags=0, aliases=(), **kw):
    return Param(name, Memory(lo, hi), default, flags, aliases, **kw)


def _s(name, default="", flags=0, aliases=(), nullable=False, check=None):
    return Param(name, String(nullable), default, flags, aliases, check)


def _n(name, flags=0, aliases=(), check=None):
    """A string Redis keeps as NULL when empty."""
    return _s(name, "", flags, aliases, nullable=True, check=check)


PARAMS: list[Param] = [
    # --- network ---
    _s("bind-source-addr", nullable=True),
    Param("bind", Bind(), ["*", "-::*"]),
    _i("port", 0, 65535, 6379),
    _i("tls-port", 0, 65535, 0),
    _i("tcp-backlog", 0, INT_MAX, 511, IMMUTABLE),
    _n("unixsocket", IMMUTABLE),
    Param("unixsocketperm", Octal(0, 0o777), 0, IMMUTABLE),
    _i("socket-mark-id", 0, UINT_MAX, 0, IMMUTABLE),
    _i("timeout", 0, INT_MAX, 0),
    _i("tcp-keepalive", 0, INT_MAX, 300),
    _b("protected-mode", True),
    _i("maxclients", 1, UINT_MAX, 10000),
    _m("client-query-buffer-limit", 1024 * 1024, LLONG_MAX, 1 << 30),
    _m("proto-max-bulk-len", 1024 * 1024, LLONG_MAX, 512 << 20),
    Param("client-output-buffer-limit", ClientOutputBufferLimit(),
          {"normal": (0, 0, 0), "replica": (256 << 20, 64 << 20, 60),
           "pubsub": (32 << 20, 8 << 20, 60)}),
    _i("io-threads", 1, 128, 1, IMMUTABLE),
    _b("io-threads-do-reads", False, IMMUTABLE),
    # --- general ---
    _b("daemonize", False, IMMUTABLE),
    Param("supervised", Enum("upstart", "systemd", "auto", "no"), "no", IMMUTABLE),
    _n("pidfile", IMMUTABLE),
    Param("loglevel", Enum("debug", "verbose", "notice", "warning"), "notice"),
    _s("logfile", "", IMMUTABLE),
    _b("syslog-enabled", False, IMMUTABLE),
    _s("syslog-ident", "redis", IMMUTABLE),
    Param("syslog-facility", Enum("user", *(f"local{i}" for i in range(8))), "local0",
          IMMUTABLE),
    _b("crash-log-enabled", True),
    _b("crash-memcheck-enabled", True),
    _i("databases", 1, INT_MAX, 16, IMMUTABLE),
    _b("always-show-logo", False, IMMUTABLE),
    _b("set-proc-title", True, IMMUTABLE),
    _s("proc-title-template", "{title} {listen-addr} {server-mode}", check=_check_proc_title),
    Param("enable-protected-configs", _YES_NO_LOCAL, "no", IMMUTABLE),
    Param("enable-debug-command", _YES_NO_LOCAL, "no", IMMUTABLE),
    Param("enable-module-command", _YES_NO_LOCAL, "no", IMMUTABLE),
    _s("ignore-warnings"),
    _b("disable-thp", True, IMMUTABLE),
    _b("jemalloc-bg-thread", True),
    _n("server_cpulist", IMMUTABLE),
    _n("bio_cpulist", IMMUTABLE),
    _n("aof_rewrite_cpulist", IMMUTABLE),
    _n("bgsave_cpulist", IMMUTABLE),
    Param("oom-score-adj", Enum("no", "yes", "relative", "absolute",
                                same={"relative": "yes"}), "no"),
    Param("oom-score-adj-values", OomScoreAdjValues(), (0, 200, 800)),
    # --- snapshotting ---
    Param("save", Save(), [(3600, 1), (300, 100), (60, 10000)]),
    _b("stop-writes-on-bgsave-error", True),
    _b("rdbcompression", True),
    _b("rdbchecksum", True, IMMUTABLE),
    Param("sanitize-dump-payload", Enum("no", "yes", "clients"), "no"),
    _s("dbfilename", "dump.rdb", PROTECTED, check=check_basename("dbfilename")),
    _b("rdb-del-sync-files", False),
    Param("dir", Dir(), "", PROTECTED),
    _b("rdb-save-incremental-fsync", True),
    _i("rdb-key-save-delay", INT_MIN, INT_MAX, 0, HIDDEN),
    _i("key-load-delay", INT_MIN, INT_MAX, 0, HIDDEN),
    _i("loading-process-events-interval-bytes", 1024, INT_MAX, 2 * 1024 * 1024, HIDDEN),
    # --- replication ---
    Param("replicaof", ReplicaOf(), None, IMMUTABLE, ("slaveof",)),
    _n("masterauth"),
    _n("masteruser"),
    _b("replica-serve-stale-data", True, aliases=("slave-serve-stale-data",)),
    _b("replica-read-only", True, aliases=("slave-read-only",)),
    _b("repl-diskless-sync", True),
    _i("repl-diskless-sync-delay", 0, INT_MAX, 5),
    _i("repl-diskless-sync-max-replicas", 0, INT_MAX, 0),
    Param("repl-diskless-load", Enum("disabled", "on-empty-db", "swapdb"), "disabled"),
    _i("repl-ping-replica-period", 1, INT_MAX, 10, aliases=("repl-ping-slave-period",)),
    _i("repl-timeout", 1, INT_MAX, 60),
    _b("repl-disable-tcp-nodelay", False),
    _m("repl-backlog-size", 1, LLONG_MAX, 1024 * 1024,
       runtime_fix=lambda v: max(v, 16 * 1024)),
    _i("repl-backlog-ttl", 0, LLONG_MAX, 3600),
    _i("replica-priority", 0, INT_MAX, 100, aliases=("slave-priority",)),
    _b("replica-announced", True),
    _i("min-replicas-to-write", 0, INT_MAX, 0, aliases=("min-slaves-to-write",)),
    _i("min-replicas-max-lag", 0, INT_MAX, 10, aliases=("min-slaves-max-lag",)),
    _n("replica-announce-ip", aliases=("slave-announce-ip",)),
    _i("replica-announce-port", 0, 65535, 0, aliases=("slave-announce-port",)),
    _b("replica-ignore-maxmemory", True, aliases=("slave-ignore-maxmemory",)),
    _b("replica-lazy-flush", False, aliases=("slave-lazy-flush",)),
    _b("replica-ignore-disk-write-errors", False),
    Param("propagation-error-behavior", Enum("ignore", "panic", "panic-on-replicas"), "ignore"),
    # --- security ---
    _s("aclfile", "", IMMUTABLE),
    _i("acllog-max-len", 0, LLONG_MAX, 128),
    Param("acl-pubsub-default", Enum("allchannels", "resetchannels"), "resetchannels"),
    _n("requirepass"),
    # --- memory management ---
    _m("maxmemory", 0, ULLONG_MAX, 0),
    Param("maxmemory-policy", _EVICTION, "noeviction"),
    _i("maxmemory-samples", 1, INT_MAX, 5),
    _i("maxmemory-eviction-tenacity", 0, 100, 10),
    Param("maxmemory-clients", MemoryOrPercent(), 0),
    _b("lazyfree-lazy-eviction", False),
    _b("lazyfree-lazy-expire", False),
    _b("lazyfree-lazy-server-del", False),
    _b("lazyfree-lazy-user-del", False),
    _b("lazyfree-lazy-user-flush", False),
    _i("lfu-log-factor", 0, INT_MAX, 10),
    _i("lfu-decay-time", 0, INT_MAX, 1),
    _i("active-expire-effort", 1, 10, 1),
    # --- append only file ---
    _b("appendonly", False),
    _s("appendfilename", "appendonly.aof", IMMUTABLE,
       check=check_basename("appendfilename", allow_empty=False)),
    _s("appenddirname", "appendonlydir", IMMUTABLE,
       check=check_basename("appenddirname", "dirname", allow_empty=False)),
    Param("appendfsync", Enum("everysec", "always", "no"), "everysec"),
    _b("no-appendfsync-on-rewrite", False),
    _i("auto-aof-rewrite-percentage", 0, INT_MAX, 100),
    _m("auto-aof-rewrite-min-size", 0, LLONG_MAX, 64 << 20),
    _b("aof-load-truncated", True),
    _b("aof-use-rdb-preamble", True),
    _b("aof-timestamp-enabled", False),
    _b("aof-rewrite-incremental-fsync", True),
    _b("aof-disable-auto-gc", False),
    # --- shutdown, scripts, latency ---
    _i("shutdown-timeout", 0, INT_MAX, 10),
    Param("shutdown-on-sigint", _SHUTDOWN, ()),
    Param("shutdown-on-sigterm", _SHUTDOWN, ()),
    _i("busy-reply-threshold", 0, LLONG_MAX, 5000, aliases=("lua-time-limit",)),
    _i("slowlog-log-slower-than", -1, LLONG_MAX, 10000),
    _i("slowlog-max-len", 0, LLONG_MAX, 128),
    _i("latency-monitor-threshold", 0, LLONG_MAX, 0),
    _b("latency-tracking", True),
    Param("latency-tracking-info-percentiles", Percentiles(), [50.0, 99.0, 99.9]),
    Param("notify-keyspace-events", NotifyKeyspaceEvents(), 0),
    # --- data structures ---
    _i("hash-max-listpack-entries", 0, LLONG_MAX, 512, aliases=("hash-max-ziplist-entries",)),
    _m("hash-max-listpack-value", 0, LLONG_MAX, 64, aliases=("hash-max-ziplist-value",)),
    _i("list-max-listpack-size", INT_MIN, INT_MAX, -2, aliases=("list-max-ziplist-size",)),
    _i("list-compress-depth", 0, INT_MAX, 0),
    _i("set-max-intset-entries", 0, LLONG_MAX, 512),
    _i("zset-max-listpack-entries", 0, LLONG_MAX, 128, aliases=("zset-max-ziplist-entries",)),
    _m("zset-max-listpack-value", 0, LLONG_MAX, 64, aliases=("zset-max-ziplist-value",)),
    _m("hll-sparse-max-bytes", 0, LLONG_MAX, 3000),
    _m("stream-node-max-bytes", 0, LLONG_MAX, 4096),
    _i("stream-node-max-entries", 0, LLONG_MAX, 100),
    _b("activerehashing", True),
    _i("hz", 0, INT_MAX, 10, clamp=(1, 500)),
    _b("dynamic-hz", True),
    _i("tracking-table-max-keys", 0, LLONG_MAX, 1000000),
    # --- active defragmentation ---
    Param("activedefrag", Bool(), False, check=_check_no_defrag),
    _m("active-defrag-ignore-bytes", 1, LLONG_MAX, 100 << 20),
    _i("active-defrag-threshold-lower", 0, 1000, 10),
    _i("active-defrag-threshold-upper", 0, 1000, 100),
    _i("active-defrag-cycle-min", 1, 99, 1),
    _i("active-defrag-cycle-max", 1, 99, 25),
    _i("active-defrag-max-scan-fields", 1, LLONG_MAX, 1000),
    # --- cluster ---
    _b("cluster-enabled", False, IMMUTABLE),
    _s("cluster-config-file", "nodes.conf", IMMUTABLE),
    _i("cluster-port", 0, 65535, 0, IMMUTABLE),
    _i("cluster-node-timeout", 0, LLONG_MAX, 15000),
    _i("cluster-replica-validity-factor", 0, INT_MAX, 10,
       aliases=("cluster-slave-validity-factor",)),
    _i("cluster-migration-barrier", 0, INT_MAX, 1),
    _b("cluster-allow-replica-migration", True),
    _b("cluster-require-full-coverage", True),
    _b("cluster-replica-no-failover", False, aliases=("cluster-slave-no-failover",)),
    _b("cluster-allow-reads-when-down", False),
    _b("cluster-allow-pubsubshard-when-down", True),
    _n("cluster-announce-ip"),
    _n("cluster-announce-hostname", check=check_hostname),
    _i("cluster-announce-port", 0, 65535, 0),
    _i("cluster-announce-bus-port", 0, 65535, 0),
    _i("cluster-announce-tls-port", 0, 65535, 0),
    Param("cluster-preferred-endpoint-type", Enum("ip", "hostname", "unknown-endpoint"), "ip"),
    _m("cluster-link-sendbuf-limit", 0, ULLONG_MAX, 0),
    # --- TLS ---
    _n("tls-cert-file"),
    _n("tls-key-file"),
    _n("tls-key-file-pass"),
    _n("tls-client-cert-file"),
    _n("tls-client-key-file"),
    _n("tls-client-key-file-pass"),
    _n("tls-dh-params-file"),
    _n("tls-ca-cert-file"),
    _n("tls-ca-cert-dir"),
    _n("tls-protocols"),
    _n("tls-ciphers"),
    _n("tls-ciphersuites"),
    Param("tls-auth-clients", Enum("no", "yes", "optional"), "yes"),
    _b("tls-replication", False),
    _b("tls-cluster", False),
    _b("tls-prefer-server-ciphers", False),
    _b("tls-session-caching", True),
    _i("tls-session-cache-size", 0, INT_MAX, 20 * 1024),
    _i("tls-session-cache-timeout", 0, INT_MAX, 300),
]

LOOKUP: dict[str, tuple[str, Param]] = {}
for _p in PARAMS:
    for _name in (_p.name, *_p.aliases):
        assert _name not in LOOKUP, _name
        LOOKUP[_name] = (_name, _p)

# (name, Param) pairs a CONFIG GET pattern can match: aliases too, hidden ones not.
VISIBLE: list[tuple[str, Param]] = [(n, p) for p in PARAMS if not p.flags & HIDDEN
                                    for n in (p.name, *p.aliases)]
