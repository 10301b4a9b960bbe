"""INFO: the report's sections, in Redis 7.0's order and format.

Each section is a builder ``fn(server) -> list of "field:value" lines``; the
report is ``# Title`` then those lines, sections joined by an empty line, all
with CRLF line ends, exactly as Redis prints them.  ``generate(server, args)``
picks sections as Redis 7 does: none -> the default set; ``all`` -> every
section; ``everything`` -> every section (Redix loads no modules, so the same);
``default``; any mix of section names (case-insensitive, unknown ones ignored),
always printed in the canonical order.

Modules that own a subsystem (replication, persistence) can replace a section
with ``register_section(name, builder)``.

Fields Redix has no equivalent for (fork, defrag, io-threads...) are printed
with the neutral value Redis shows when the feature is idle, so parsers that
expect them keep working.
"""
from __future__ import annotations

import itertools
import os
import platform
import resource
import selectors
import sys
import time

from redix import __version__, _speedups

REDIS_VERSION = "7.0.15"

# name -> [title, builder, in the default set]; dict order is the canonical order.
_SECTIONS: dict = {}


def register_section(name: str, builder, default: bool = True, title: str | None = None):
    """Add a section, or replace the builder of an existing one (keeping its place)."""
    if name in _SECTIONS:
        _SECTIONS[name][1] = builder
    else:
        _SECTIONS[name] = [title or name.capitalize(), builder, default]


def generate(server, args: list) -> bytes:
    """The INFO report for ``args`` (the section names after INFO)."""
    wanted = set()
    if not args:
        wanted.add(b"default")
    for arg in args:
        wanted.add(arg.lower())
    everything = b"all" in wanted or b"everything" in wanted
    default = b"default" in wanted
    parts = []
    for name, (title, builder, in_default) in _SECTIONS.items():
        if everything or (default and in_default) or name.encode() in wanted:
            lines = builder(server)
            parts.append("# %s\r\n%s" % (title, "".join(line + "\r\n" for line in lines)))
    return "\r\n".join(parts).encode()


def human_bytes(n: int) -> str:
    """Redis's bytesToHuman: 1023B, 1.00K, 2.50M... (binary units)."""
    if n < 1024:
        return "%dB" % n
    for power, unit in ((2, "K"), (3, "M"), (4, "G"), (5, "T"), (6, "P")):
        if n < 1024 ** power:
            return "%.2f%s" % (n / 1024 ** (power - 1), unit)
    return "%dB" % n


# --- process measurements -------------------------------------------------------------------
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_peak_memory = 0


def used_memory() -> int:
    """Resident memory of the process: Redix's nearest equivalent of Redis's used_memory."""
    global _peak_memory
    try:
        with open("/proc/self/statm", "rb") as f:
            rss = int(f.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    _peak_memory = max(_peak_memory, rss)
    return rss


def peak_memory() -> int:
    return max(_peak_memory, used_memory())


def total_system_memory() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def lru_clock() -> int:
    """Redis's 24-bit LRU clock (seconds resolution), shown by INFO and DEBUG OBJECT."""
    return int(time.time()) & ((1 << 24) - 1)


def _multiplexing_api() -> str:
    name = type(selectors.DefaultSelector()).__name__
    return name.replace("Selector", "").lower() or "select"


_MULTIPLEXING_API = _multiplexing_api()
_EXECUTABLE = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else sys.executable
_FALLBACK_REPLID = os.urandom(20).hex()


def _config(server, name: str, default=""):
    return getattr(server.config, name, default)


def _yes(value) -> int:
    return int(value is True or value in ("yes", b"yes", 1))


# --- sections --------------------------------------------------------------------------------
def _server(server) -> list:
    now = time.time()
    uptime = int(now - server.start_time)
    hz = _config(server, "hz", 10)
    uname = os.uname()
    return [
        f"redis_version:{REDIS_VERSION}",
        f"redix_version:{__version__}",
        "redis_git_sha1:00000000",
        "redis_git_dirty:0",
        "redis_build_id:0",
        "redis_mode:standalone",
        f"os:{uname.sysname} {uname.release} {uname.machine}",
        f"arch_bits:{64 if sys.maxsize > 2 ** 32 else 32}",
        "monotonic_clock:POSIX clock_gettime",
        f"multiplexing_api:{_MULTIPLEXING_API}",
        "atomicvar_api:gil",
        "gcc_version:0.0.0",
        f"process_id:{os.getpid()}",
        "process_supervised:no",
        f"run_id:{server.run_id}",
        f"tcp_port:{server.bound_port() or _config(server, 'port', 0)}",
        f"server_time_usec:{int(now * 1_000_000)}",
        f"uptime_in_seconds:{uptime}",
        f"uptime_in_days:{uptime // 86400}",
        f"hz:{min(max(hz, 1), 500)}",
        f"configured_hz:{hz}",
        f"lru_clock:{lru_clock()}",
        f"executable:{_EXECUTABLE}",
        f"config_file:{_config(server, 'config_file') or ''}",
        "io_threads_active:0",
    ]


def _clients(server) -> list:
    clients = server.clients.values()
    normal = [c for c in clients if c.kind != "replica"]
    return [
        f"connected_clients:{len(normal)}",
        "cluster_connections:0",
        f"maxclients:{_config(server, 'maxclients', 0)}",
        f"client_recent_max_input_buffer:{max((c.reader.pending() for c in clients), default=0)}",
        f"client_recent_max_output_buffer:{max((len(c.out) for c in clients), default=0)}",
        # Clients held by CLIENT PAUSE are not counted as blocked, as in Redis.
        f"blocked_clients:{sum(1 for c in clients if c.blocked not in (None, 'pause'))}",
        f"tracking_clients:{sum(1 for c in clients if c.tracking)}",
        "clients_in_timeout_table:0",
    ]


def _memory(server) -> list:
    used = used_memory()
    peak = peak_memory()
    system = total_system_memory()
    maxmemory = _config(server, "maxmemory", 0)
    return [
        f"used_memory:{used}",
        f"used_memory_human:{human_bytes(used)}",
        f"used_memory_rss:{used}",
        f"used_memory_rss_human:{human_bytes(used)}",
        f"used_memory_peak:{peak}",
        f"used_memory_peak_human:{human_bytes(peak)}",
        f"used_memory_peak_perc:{used * 100 / peak if peak else 0:.2f}%",
        f"total_system_memory:{system}",
        f"total_system_memory_human:{human_bytes(system)}",
        f"maxmemory:{maxmemory}",
        f"maxmemory_human:{human_bytes(maxmemory)}",
        f"maxmemory_policy:{_config(server, 'maxmemory_policy', 'noeviction')}",
        "mem_fragmentation_ratio:1.00",
        "mem_allocator:libc",
        "active_defrag_running:0",
        "lazyfree_pending_objects:0",
        "lazyfreed_objects:0",
    ]


def _persistence(server) -> list:
    changes = server.dirty - getattr(server, "dirty_at_last_save", 0)
    return [
        f"loading:{int(bool(server.loading))}",
        "async_loading:0",
        "current_cow_peak:0",
        "current_cow_size:0",
        "current_cow_size_age:0",
        "current_fork_perc:0.00",
        "current_save_keys_processed:0",
        "current_save_keys_total:0",
        f"rdb_changes_since_last_save:{changes}",
        "rdb_bgsave_in_progress:0",
        f"rdb_last_save_time:{server.lastsave}",
        "rdb_last_bgsave_status:ok",
        "rdb_last_bgsave_time_sec:-1",
        "rdb_current_bgsave_time_sec:-1",
        "rdb_saves:0",
        "rdb_last_cow_size:0",
        "rdb_last_load_keys_expired:0",
        "rdb_last_load_keys_loaded:0",
        f"aof_enabled:{_yes(_config(server, 'appendonly', False))}",
        "aof_rewrite_in_progress:0",
        "aof_rewrite_scheduled:0",
        "aof_last_rewrite_time_sec:-1",
        "aof_current_rewrite_time_sec:-1",
        "aof_last_bgrewrite_status:ok",
        "aof_rewrites:0",
        "aof_rewrites_consecutive_failures:0",
        "aof_last_write_status:ok",
        "aof_last_cow_size:0",
        "module_fork_in_progress:0",
        "module_fork_last_cow_size:0",
    ]


def all_commands():
    """Every command and subcommand, each once, in table order."""
    from redix.commands.registry import all_commands as top_level
    for cmd in top_level():
        if cmd.handler is not None:
            yield cmd
        yield from cmd.subcommands.values()


def _stats(server) -> list:
    stats = server.stats
    clients = server.clients.values()
    return [
        f"total_connections_received:{stats.connections_received}",
        f"total_commands_processed:{sum(cmd.calls for cmd in all_commands())}",
        f"instantaneous_ops_per_sec:{stats.ops_per_sec()}",
        f"total_net_input_bytes:{stats.net_input_bytes}",
        f"total_net_output_bytes:{stats.net_output_bytes}",
        "total_net_repl_input_bytes:0",
        "total_net_repl_output_bytes:0",
        f"instantaneous_input_kbps:{stats.input_kbps():.2f}",
        f"instantaneous_output_kbps:{stats.output_kbps():.2f}",
        "instantaneous_input_repl_kbps:0.00",
        "instantaneous_output_repl_kbps:0.00",
        f"rejected_connections:{stats.rejected_connections}",
        "sync_full:0",
        "sync_partial_ok:0",
        "sync_partial_err:0",
        f"expired_keys:{server.stat_expired_keys}",
        "expired_stale_perc:0.00",
        "expired_time_cap_reached_count:0",
        "expire_cycle_cpu_milliseconds:0",
        f"evicted_keys:{stats.evicted_keys}",
        "evicted_clients:0",
        "total_eviction_exceeded_time:0",
        "current_eviction_exceeded_time:0",
        f"keyspace_hits:{stats.keyspace_hits}",
        f"keyspace_misses:{stats.keyspace_misses}",
        f"pubsub_channels:{len(set().union(*(c.channels for c in clients)))}",
        f"pubsub_patterns:{len(set().union(*(c.patterns for c in clients)))}",
        f"pubsubshard_channels:{len(set().union(*(c.shard_channels for c in clients)))}",
        "latest_fork_usec:0",
        "total_forks:0",
        "migrate_cached_sockets:0",
        "slave_expires_tracked_keys:0",
        "active_defrag_hits:0",
        "active_defrag_misses:0",
        "active_defrag_key_hits:0",
        "active_defrag_key_misses:0",
        "total_active_defrag_time:0",
        "current_active_defrag_time:0",
        "tracking_total_keys:0",
        "tracking_total_items:0",
        "tracking_total_prefixes:0",
        "unexpected_error_replies:0",
        f"total_error_replies:{stats.total_error_replies}",
        "dump_payload_sanitizations:0",
        "total_reads_processed:0",
        "total_writes_processed:0",
        "io_threaded_reads_processed:0",
        "io_threaded_writes_processed:0",
        "reply_buffer_shrinks:0",
        "reply_buffer_expands:0",
    ]


def _replication(server) -> list:
    replication = server.replication
    if replication is not None and hasattr(replication, "info_lines"):
        return replication.info_lines()
    return [
        "role:master",
        "connected_slaves:0",
        "master_failover_state:no-failover",
        f"master_replid:{getattr(server, 'replid', _FALLBACK_REPLID)}",
        "master_replid2:0000000000000000000000000000000000000000",
        "master_repl_offset:0",
        "second_repl_offset:-1",
        "repl_backlog_active:0",
        f"repl_backlog_size:{_config(server, 'repl_backlog_size', 1048576)}",
        "repl_backlog_first_byte_offset:0",
        "repl_backlog_histlen:0",
    ]


def _cpu(server) -> list:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    thread = resource.getrusage(getattr(resource, "RUSAGE_THREAD", resource.RUSAGE_SELF))
    return [
        f"used_cpu_sys:{own.ru_stime:.6f}",
        f"used_cpu_user:{own.ru_utime:.6f}",
        f"used_cpu_sys_children:{children.ru_stime:.6f}",
        f"used_cpu_user_children:{children.ru_utime:.6f}",
        f"used_cpu_sys_main_thread:{thread.ru_stime:.6f}",
        f"used_cpu_user_main_thread:{thread.ru_utime:.6f}",
    ]


def _modules(server) -> list:
    return []


def _commandstats(server) -> list:
    lines = []
    for cmd in all_commands():
        if cmd.calls or cmd.failed_calls or cmd.rejected_calls:
            usec = cmd.usec // 1000          # the loop accumulates nanoseconds
            per_call = usec / cmd.calls if cmd.calls else 0.0
            lines.append(f"cmdstat_{cmd.fullname.decode('latin-1')}:calls={cmd.calls},"
                         f"usec={usec},usec_per_call={per_call:.2f},"
                         f"rejected_calls={cmd.rejected_calls},failed_calls={cmd.failed_calls}")
    return lines


def _errorstats(server) -> list:
    return [f"errorstat_{code.decode('latin-1')}:count={count}"
            for code, count in server.stats.errors.items()]


def _latencystats(server) -> list:
    # Per-command latency percentiles need a histogram per call on the hot path: not kept.
    return []


def _cluster(server) -> list:
    return ["cluster_enabled:0"]


def _keyspace(server) -> list:
    lines = []
    now_ms = time.time() * 1000
    for db in server.dbs:
        keys = len(db.data)
        if not keys:
            continue
        expires = len(db.expires)
        avg_ttl = db.avg_ttl
        if expires and not avg_ttl:
            # A small sample stands in for Redis's running estimate.
            sample = [when - now_ms for when in itertools.islice(db.expires.values(), 64)]
            live = [ttl for ttl in sample if ttl > 0]
            avg_ttl = int(sum(live) / len(live)) if live else 0
        lines.append(f"db{db.id}:keys={keys},expires={expires},avg_ttl={avg_ttl}")
    return lines


def _redix(server) -> list:
    lines = [f"implementation:{_speedups.mode()}",
             f"python_version:{platform.python_version()}",
             f"python_implementation:{platform.python_implementation()}"]
    lines.extend(f"{stem}:{kind}" for stem, kind in sorted(_speedups.active().items()))
    return lines


for _name, _builder, _default, _title in (
        ("server", _server, True, None), ("clients", _clients, True, None),
        ("memory", _memory, True, None), ("persistence", _persistence, True, None),
        ("stats", _stats, True, None), ("replication", _replication, True, None),
        ("cpu", _cpu, True, "CPU"), ("modules", _modules, True, None),
        ("commandstats", _commandstats, False, None), ("errorstats", _errorstats, True, None),
        ("latencystats", _latencystats, False, None), ("cluster", _cluster, True, None),
        ("keyspace", _keyspace, True, None), ("redix", _redix, True, None)):
    register_section(_name, _builder, _default, _title)
