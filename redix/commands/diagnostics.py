"""Diagnostics: SLOWLOG, LATENCY and MEMORY.

The loop records what these report (``Server.record_slow``,
``Server.latency_sample``): a slowlog entry for a command that ran at least
``slowlog-log-slower-than`` microseconds, and a latency sample (event
``command`` or ``fast-command``) for one that took at least
``latency-monitor-threshold`` milliseconds when that is not 0.  MEMORY USAGE
is an estimate from Python's object sizes, not an allocator's count.
"""
from __future__ import annotations

import gc
import itertools
import sys

from redix import errors
from redix.commands.args import parse_int, to_int
from redix.commands.registry import command
from redix.errors import CommandError
from redix.protocol.replies import OK, Verbatim, help_reply
from redix.server import info


# --- SLOWLOG ------------------------------------------------------------------------------------
@command("slowlog|get")
def cmd_slowlog_get(client, argv):
    """SLOWLOG GET [count] -- array of [id, timestamp, microseconds, arguments,
    client address, client name], newest first (10 by default, -1 for all)."""
    if len(argv) > 3:
        raise CommandError(errors.subcommand_syntax(argv[1], b"slowlog"))
    count = 10
    if len(argv) == 3:
        count = to_int(argv[2])
        if count is None or count < -1:
            raise CommandError(errors.SLOWLOG_COUNT)
    entries = client.server.slowlog
    chosen = entries if count == -1 else entries[:count]
    return [[entry_id, stamp, micros, list(args), addr, name]
            for entry_id, stamp, micros, args, addr, name in chosen]


@command("slowlog|len")
def cmd_slowlog_len(client, argv):
    """SLOWLOG LEN -- integer: entries in the slowlog."""
    return len(client.server.slowlog)


@command("slowlog|reset")
def cmd_slowlog_reset(client, argv):
    """SLOWLOG RESET -- +OK; the entries are dropped (ids keep counting)."""
    client.server.slowlog.clear()
    return OK


_SLOWLOG_HELP = (
    b"GET [<count>]",
    b"    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
    b"    Entries are made of:",
    b"    id, timestamp, time in microseconds, arguments array, client IP and port,",
    b"    client name",
    b"LEN",
    b"    Return the length of the slowlog.",
    b"RESET",
    b"    Reset the slowlog.",
)


@command("slowlog|help")
def cmd_slowlog_help(client, argv):
    """SLOWLOG HELP -- array of status lines."""
    return help_reply(b"slowlog", _SLOWLOG_HELP)


# --- LATENCY -------------------------------------------------------------------------------------
@command("latency|latest")
def cmd_latency_latest(client, argv):
    """LATENCY LATEST -- array of [event, timestamp, latest ms, all-time max ms]."""
    return [[event, entry["samples"][-1][0], entry["samples"][-1][1], entry["max"]]
            for event, entry in client.server.latency_events.items() if entry["samples"]]


@command("latency|history")
def cmd_latency_history(client, argv):
    """LATENCY HISTORY event -- array of [timestamp, ms] samples, oldest first."""
    entry = client.server.latency_events.get(argv[2])
    return [] if entry is None else [[stamp, ms] for stamp, ms in entry["samples"]]


@command("latency|reset")
def cmd_latency_reset(client, argv):
    """LATENCY RESET [event ...] -- integer: event series dropped."""
    events = client.server.latency_events
    if len(argv) == 2:
        count = len(events)
        events.clear()
        return count
    return sum(1 for name in set(argv[2:]) if events.pop(name, None) is not None)


_LATENCY_DISABLED = (
    b"I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. "
    b"You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable "
    b"it. If we weren't in a deep space mission I'd suggest to take a look at "
    b"https://redis.io/topics/latency-monitor.\n")
_LATENCY_QUIET = (
    b"Dave, no latency spike was observed during the lifetime of this Redis instance, not in "
    b"the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and "
    b"think things over.\n")


@command("latency|doctor")
def cmd_latency_doctor(client, argv):
    """LATENCY DOCTOR -- verbatim string: a report on the recorded latency events."""
    server = client.server
    if getattr(server.config, "latency_monitor_threshold", 0) <= 0:
        return Verbatim(_LATENCY_DISABLED)
    events = {name: e for name, e in server.latency_events.items() if e["samples"]}
    if not events:
        return Verbatim(_LATENCY_QUIET)
    lines = [b"Dave, I have observed latency spikes in this Redis instance. You don't mind "
             b"talking about it, do you Dave?", b""]
    for n, (name, entry) in enumerate(events.items(), 1):
        values = [ms for _, ms in entry["samples"]]
        mean = sum(values) / len(values)
        deviation = sum(abs(v - mean) for v in values) / len(values)
        stamps = [stamp for stamp, _ in entry["samples"]]
        period = (stamps[-1] - stamps[0]) / (len(stamps) - 1) if len(stamps) > 1 else 1
        lines.append(b"%d. %s: %d latency spikes (average %dms, mean deviation %dms, period "
                     b"%.2f sec). Worst all time event %dms." % (
                         n, name, len(values), mean, deviation, period, entry["max"]))
    lines += [b"", b"I have a few advices for you:", b"",
              b"- Check your Slow Log to understand what are the commands you are running "
              b"which are too slow to execute.", b""]
    return Verbatim(b"\n".join(lines))


_LATENCY_HELP = (
    b"DOCTOR",
    b"    Return a human readable latency analysis report.",
    b"GRAPH <event>",
    b"    Return an ASCII latency graph for the <event> class.",
    b"HISTORY <event>",
    b"    Return time-latency samples for the <event> class.",
    b"LATEST",
    b"    Return the latest latency samples for all events.",
    b"RESET [<event> ...]",
    b"    Reset latency data of one or more <event> classes.",
    b"    (default: reset all data for all event classes)",
    b"HISTOGRAM [COMMAND ...]",
    b"    Return a cumulative distribution of latencies in the format of a histogram for the "
    b"specified command names.",
    b"    If no commands are specified then all histograms are replied.",
)


@command("latency|help")
def cmd_latency_help(client, argv):
    """LATENCY HELP -- array of status lines."""
    return help_reply(b"latency", _LATENCY_HELP)


# --- MEMORY --------------------------------------------------------------------------------------
_ENTRY_OVERHEAD = 48        # a dict slot plus its share of the table, roughly


def _sizeof(item) -> int:
    if isinstance(item, tuple):
        return sum(_sizeof(part) for part in item)
    return sys.getsizeof(item)


def value_size(value, samples: int) -> int:
    """Bytes a value takes: exact for strings, sampled for collections (0 = all)."""
    if type(value) is bytes:
        return sys.getsizeof(value)
    size = sys.getsizeof(value)
    try:
        count = len(value)
        elements = iter(value.items()) if isinstance(value, dict) else iter(value)
    except TypeError:
        return size
    if not count:
        return size
    sample = list(elements if samples == 0 else itertools.islice(elements, samples))
    per_element = sum(_sizeof(item) for item in sample) / len(sample) if sample else 0
    return size + int(per_element * count)


@command("memory|usage")
def cmd_memory_usage(client, argv):
    """MEMORY USAGE key [SAMPLES count] -- integer: estimated bytes, or null for no key."""
    samples = 5
    i = 3
    while i < len(argv):
        if argv[i].lower() == b"samples" and i + 1 < len(argv):
            samples = parse_int(argv[i + 1])
            if samples < 0:
                raise CommandError(errors.SYNTAX)
            i += 2
        else:
            raise CommandError(errors.SYNTAX)
    db = client.db
    value = db.lookup(argv[2])
    if value is None:
        return None
    size = sys.getsizeof(argv[2]) + _ENTRY_OVERHEAD + value_size(value, samples)
    if argv[2] in db.expires:
        size += _ENTRY_OVERHEAD
    return size


@command("memory|stats")
def cmd_memory_stats(client, argv):
    """MEMORY STATS -- map of memory figures (flat array in RESP2)."""
    server = client.server
    used = info.used_memory()
    peak = info.peak_memory()
    keys = sum(len(db.data) for db in server.dbs)
    clients_out = sum(len(c.out) + c.reader.pending() for c in server.clients.values())
    stats = {
        b"peak.allocated": peak,
        b"total.allocated": used,
        b"startup.allocated": getattr(server, "startup_memory", 0),
        b"replication.backlog": 0,
        b"clients.slaves": 0,
        b"clients.normal": clients_out,
        b"cluster.links": 0,
        b"aof.buffer": 0,
        b"lua.caches": 0,
        b"functions.caches": 0,
    }
    for db in server.dbs:
        if db.data:
            stats[b"db.%d" % db.id] = {
                b"overhead.hashtable.main": sys.getsizeof(db.data),
                b"overhead.hashtable.expires": sys.getsizeof(db.expires),
                b"overhead.hashtable.slot-to-keys": 0}
    stats.update({
        b"overhead.total": clients_out + sum(sys.getsizeof(db.data) for db in server.dbs),
        b"keys.count": keys,
        b"keys.bytes-per-key": used // keys if keys else 0,
        b"dataset.bytes": used,
        b"dataset.percentage": 100.0,
        b"peak.percentage": used * 100.0 / peak if peak else 100.0,
        b"fragmentation": 1.0,
        b"fragmentation.bytes": 0,
    })
    return stats


_MEMORY_EMPTY = (
    b"Hi Sam, this instance is empty or is using very little memory, my issues detector can't "
    b"be used in these conditions. Please, leave for your mission on Earth and fill it with "
    b"some data. The new Sam and I will be back to our programming as soon as I finished "
    b"rebooting.\n")
_MEMORY_FINE = (b"Hi Sam, I can't find any memory issue in your instance. I can only account "
                b"for what occurs on this base.\n")


@command("memory|doctor")
def cmd_memory_doctor(client, argv):
    """MEMORY DOCTOR -- verbatim string: a report on memory problems."""
    empty = not any(db.data for db in client.server.dbs)
    return Verbatim(_MEMORY_EMPTY if empty else _MEMORY_FINE)


@command("memory|malloc-stats")
def cmd_memory_malloc_stats(client, argv):
    """MEMORY MALLOC-STATS -- verbatim string: the allocator's statistics."""
    return Verbatim(b"Stats not supported for the current allocator")


@command("memory|purge")
def cmd_memory_purge(client, argv):
    """MEMORY PURGE -- +OK; Python's cyclic garbage is collected."""
    gc.collect()
    return OK


_MEMORY_HELP = (
    b"DOCTOR",
    b"    Return memory problems reports.",
    b"MALLOC-STATS",
    b"    Return internal statistics report from the memory allocator.",
    b"PURGE",
    b"    Attempt to purge dirty pages for reclamation by the allocator.",
    b"STATS",
    b"    Return information about the memory usage of the server.",
    b"USAGE <key> [SAMPLES <count>]",
    b"    Return memory in bytes used by <key> and its value. Nested values are",
    b"    sampled up to <count> times (default: 5, 0 means sample all).",
)


@command("memory|help")
def cmd_memory_help(client, argv):
    """MEMORY HELP -- array of status lines."""
    return help_reply(b"memory", _MEMORY_HELP)
