"""Server commands on the wire: INFO, CONFIG, TIME, LASTSAVE, SHUTDOWN, MONITOR,
SLOWLOG, LATENCY, MEMORY, DEBUG; exact bytes, RESP2 and RESP3, against redis-server too."""
import re
import socket
import time

import pytest

from tests.conftest import RawConnection, ServerProcess
from tests.differential import Differ
from tests.wire import bulk_text, conn, server_fixture  # noqa: F401


srv = server_fixture("--enable-debug-command", "yes")


def sections(report: str) -> list:
    return re.findall(r"^# (\w+)\r$", report, re.M)


def info_fields(report: str) -> dict:
    return dict(line.split(":", 1) for line in report.split("\r\n") if line and line[0] != "#")


# --- INFO --------------------------------------------------------------------------------------
DEFAULT = ["Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules",
           "Errorstats", "Cluster", "Keyspace", "Redix"]
EVERYTHING = ["Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU",
              "Modules", "Commandstats", "Errorstats", "Latencystats", "Cluster", "Keyspace",
              "Redix"]


def test_info_section_selection(conn):
    c = conn()
    report = bulk_text(c.cmd("INFO"))
    assert report.startswith("# Server\r\nredis_version:7.0.15\r\nredix_version:")
    assert sections(report) == DEFAULT
    assert "\r\n\r\n# Clients\r\n" in report and report.endswith("\r\n") and "\n\n" not in \
        report.replace("\r\n", "")
    assert sections(bulk_text(c.cmd("INFO", "all"))) == EVERYTHING
    assert sections(bulk_text(c.cmd("INFO", "everything"))) == EVERYTHING
    assert sections(bulk_text(c.cmd("INFO", "default"))) == DEFAULT
    assert sections(bulk_text(c.cmd("INFO", "default", "commandstats"))) == \
        DEFAULT[:8] + ["Commandstats"] + DEFAULT[8:]
    assert sections(bulk_text(c.cmd("INFO", "KEYSPACE", "server", "foo"))) == ["Server", "Keyspace"]
    assert c.cmd("INFO", "foo") == b"$0\r\n\r\n"
    assert c.cmd("INFO", "cluster") == b"$30\r\n# Cluster\r\ncluster_enabled:0\r\n\r\n"


def test_info_is_verbatim_in_resp3(conn):
    c = conn()
    c.cmd("HELLO", "3")
    assert c.cmd("INFO", "cluster") == b"=34\r\ntxt:# Cluster\r\ncluster_enabled:0\r\n\r\n"
    assert c.cmd("INFO", "foo") == b"=4\r\ntxt:\r\n"


def test_info_fields(srv, conn):
    c = conn()
    fields = info_fields(bulk_text(c.cmd("INFO", "everything")))
    assert fields["tcp_port"] == str(srv.port)
    assert fields["process_id"] == str(srv.proc.pid)
    assert re.fullmatch(r"[0-9a-f]{40}", fields["run_id"])
    assert fields["redis_mode"] == "standalone" and fields["role"] == "master"
    assert int(fields["used_memory"]) > 1_000_000
    assert fields["used_memory_human"].endswith("M")
    assert fields["maxmemory_human"] == "0B" and fields["maxmemory_policy"] == "noeviction"
    assert fields["loading"] == "0" and fields["aof_enabled"] == "0"
    assert fields["connected_clients"] == str(len(bulk_text(c.cmd("CLIENT", "LIST")).splitlines()))
    assert re.fullmatch(r"\d+\.\d{6}", fields["used_cpu_user"])
    assert fields["implementation"] in ("compiled", "python", "mixed")
    assert fields["resp"] in ("compiled", "python")


def test_keyspace_line(conn):
    c = conn()
    c.cmd("SET", "a", "1")
    assert c.cmd("INFO", "keyspace") == \
        b"$44\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n\r\n"
    c.cmd("SELECT", "2")
    c.cmd("SET", "b", "1", "EX", "100")
    report = bulk_text(c.cmd("INFO", "keyspace"))
    match = re.search(r"db2:keys=1,expires=1,avg_ttl=(\d+)\r\n", report)
    assert match and 90_000 < int(match.group(1)) <= 100_000


def test_commandstats_errorstats_and_rejections(conn):
    c = conn()
    assert c.cmd("CONFIG", "RESETSTAT") == b"+OK\r\n"
    c.cmd("SET", "k", "v")
    c.cmd("GET", "k")
    c.cmd("GET", "k")
    c.cmd("GET")                                      # rejected: arity
    c.cmd("SET", "k", "v", "EX", "0")                 # failed: ran and replied an error
    c.cmd("NOSUCHCMD")                                # counted only as an error
    c.cmd("CLIENT", "LIST")
    report = bulk_text(c.cmd("INFO", "commandstats"))
    assert re.search(r"\r\ncmdstat_get:calls=2,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=1,"
                     r"failed_calls=0\r\n", report)
    assert re.search(r"\r\ncmdstat_set:calls=2,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,"
                     r"failed_calls=1\r\n", report)
    assert "cmdstat_client|list:calls=1," in report
    assert c.cmd("INFO", "errorstats") == b"$37\r\n# Errorstats\r\nerrorstat_ERR:count=3\r\n\r\n"
    c.cmd("LPUSH", "k", "x")                          # not implemented here: ERR again
    fields = info_fields(bulk_text(c.cmd("INFO", "stats")))
    assert fields["total_error_replies"] == "4"
    assert int(fields["total_commands_processed"]) >= 5
    c.cmd("CONFIG", "RESETSTAT")
    assert bulk_text(c.cmd("INFO", "errorstats")) == "# Errorstats\r\n"
    assert "cmdstat_get" not in bulk_text(c.cmd("INFO", "commandstats"))


# --- CONFIG ------------------------------------------------------------------------------------
def test_config_get_as_redis_benchmark_uses_it(conn):
    c = conn()
    assert c.cmd("CONFIG", "GET", "save") == b"*2\r\n$4\r\nsave\r\n$0\r\n\r\n"
    assert c.cmd("CONFIG", "GET", "appendonly") == b"*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n"
    assert c.cmd("CONFIG", "GET", "nonexistent") == b"*0\r\n"
    assert c.cmd("CONFIG", "GET", "save", "SAVE", "save") == b"*2\r\n$4\r\nsave\r\n$0\r\n\r\n"
    c.cmd("HELLO", "3")
    assert c.cmd("CONFIG", "GET", "appendonly") == b"%1\r\n$10\r\nappendonly\r\n$2\r\nno\r\n"
    assert c.cmd("CONFIG", "GET", "nonexistent") == b"%0\r\n"


def test_config_errors_equal_redis(srv, oracle):
    Differ(srv.port, oracle.port).assert_same([
        ["CONFIG", "GET"], ["CONFIG", "SET", "foo", "bar"], ["CONFIG", "SET", "hz"],
        ["CONFIG", "SET", "hz", "10", "maxclients"], ["CONFIG", "SET", "hz", "abc"],
        ["CONFIG", "SET", "foo", "1", "hz", "x"], ["CONFIG", "SET", "hz", "10", "hz", "11"],
        ["CONFIG", "HELP"], ["CONFIG", "RESETSTAT", "x"], ["CONFIG", "REWRITE"],
        ["CONFIG", "FOO"], ["CONFIG"], ["CONFIG", "GET", "appendonly"],
    ])


def test_config_set_slowlog_takes_effect_at_once(conn):
    c = conn()
    try:
        assert c.cmd("CONFIG", "SET", "slowlog-log-slower-than", "0") == b"+OK\r\n"
        c.cmd("SLOWLOG", "RESET")
        c.cmd("SET", "slow", "v")
        assert b"$4\r\nslow\r\n" in c.cmd("SLOWLOG", "GET", "2")
        assert c.cmd("CONFIG", "SET", "slowlog-log-slower-than", "-1") == b"+OK\r\n"
        c.cmd("SLOWLOG", "RESET")
        c.cmd("SET", "fast", "v")
        assert c.cmd("SLOWLOG", "LEN") == b":0\r\n"
    finally:
        c.cmd("CONFIG", "SET", "slowlog-log-slower-than", "10000")


def test_config_set_maxclients_and_requirepass_apply_to_new_connections(srv, conn):
    c = conn()
    try:
        connected = int(info_fields(bulk_text(c.cmd("INFO", "clients")))["connected_clients"])
        assert c.cmd("CONFIG", "SET", "maxclients", connected) == b"+OK\r\n"
        refused = RawConnection(srv.port)
        assert refused.reply() == b"-ERR max number of clients reached\r\n"
        refused.close()
        c.cmd("CONFIG", "SET", "maxclients", "10000")
        assert c.cmd("CONFIG", "SET", "requirepass", "s3cret") == b"+OK\r\n"
        assert c.cmd("PING") == b"+PONG\r\n"              # already authenticated
        newcomer = conn()
        assert newcomer.cmd("PING") == b"-NOAUTH Authentication required.\r\n"
        assert newcomer.cmd("AUTH", "s3cret") == b"+OK\r\n"
        assert b"cmdstat_ping:" in newcomer.cmd("INFO", "commandstats")
        assert b"rejected_calls=1" in newcomer.cmd("INFO", "commandstats").split(
            b"cmdstat_ping:")[1].split(b"\r\n")[0]
    finally:
        c.cmd("CONFIG", "SET", "requirepass", "")
        c.cmd("CONFIG", "SET", "maxclients", "10000")


def test_config_set_proto_max_bulk_len_applies_to_open_connections(conn):
    c, other = conn(), conn()
    try:
        assert other.cmd("PING") == b"+PONG\r\n"             # connected before the change
        assert c.cmd("CONFIG", "SET", "proto-max-bulk-len", "1048576") == b"+OK\r\n"
        other.send(b"*2\r\n$4\r\nECHO\r\n$1048577\r\n")
        assert other.reply() == b"-ERR Protocol error: invalid bulk length\r\n"
    finally:
        c.cmd("CONFIG", "SET", "proto-max-bulk-len", str(512 * 1024 * 1024))


def test_config_set_timeout_closes_idle_clients():
    with ServerProcess("--hz", "50") as server:
        c, idle = RawConnection(server.port), RawConnection(server.port)
        assert idle.cmd("PING") == b"+PONG\r\n"
        assert c.cmd("CONFIG", "SET", "timeout", "1") == b"+OK\r\n"
        idle.sock.settimeout(5)
        start = time.monotonic()
        assert idle.closed()
        assert 0.5 < time.monotonic() - start < 4
        c.close()


def test_config_set_hz_reschedules_the_cron(conn):
    c = conn()
    try:
        assert c.cmd("CONFIG", "SET", "hz", "100") == b"+OK\r\n"
        assert info_fields(bulk_text(c.cmd("INFO", "server")))["hz"] == "100"
        # With a 10 ms cron, a 50 ms pause ends close to its deadline.
        start = time.monotonic()
        c.cmd("CLIENT", "PAUSE", 50)
        assert conn().cmd("PING") == b"+PONG\r\n"
        assert time.monotonic() - start < 0.5
    finally:
        c.cmd("CONFIG", "SET", "hz", "10")


# --- TIME, LASTSAVE, SHUTDOWN ----------------------------------------------------------------
def test_time_and_lastsave(conn):
    c = conn()
    reply = c.cmd("TIME")
    match = re.fullmatch(rb"\*2\r\n\$10\r\n(\d{10})\r\n\$\d\r\n(\d{1,6})\r\n", reply)
    assert match and abs(int(match.group(1)) - time.time()) < 5
    assert re.fullmatch(rb":\d{10}\r\n", c.cmd("LASTSAVE"))
    assert c.cmd("TIME", "x") == b"-ERR wrong number of arguments for 'time' command\r\n"


def test_shutdown_makes_the_process_exit():
    server = ServerProcess().start()
    try:
        c = RawConnection(server.port)
        assert c.cmd("SHUTDOWN", "ABORT") == b"-ERR No shutdown in progress.\r\n"
        assert c.cmd("SHUTDOWN", "FOO") == b"-ERR syntax error\r\n"
        assert c.cmd("SHUTDOWN", "NOSAVE", "SAVE") == b"-ERR syntax error\r\n"
        c.send(b"SHUTDOWN NOSAVE\r\nPING\r\n")
        assert c.closed() and c.buf == b""                # no reply at all
        assert server.proc.wait(10) == 0
        assert "ready to exit" in server.log()
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", server.port), timeout=1)
    finally:
        server.stop()


# --- MONITOR -----------------------------------------------------------------------------------
def monitor_lines(m, count: int) -> list:
    return [m.reply().decode("latin-1") for _ in range(count)]


def test_monitor_sees_other_clients_commands(conn):
    m, c = conn(), conn()
    assert m.cmd("MONITOR") == b"+OK\r\n"
    port = c.sock.getsockname()[1]
    c.cmd("SET", "a", "b")
    c.cmd("CONFIG", "GET", "hz")                     # admin: never shown
    c.cmd("GET")                                     # rejected: not shown
    c.cmd("AUTH", "secret")
    c.cmd("GET", 'a\n"\\\x01\xff'.encode("latin-1"))
    c.cmd("SELECT", "2")
    c.cmd("HELLO", "2", "AUTH", "default", "pw")
    c.cmd("PING")
    prefix = r"\+\d{10}\.\d{6} \[(\d) 127\.0\.0\.1:%d\] " % port
    expected = [('0', '"SET" "a" "b"'), ('0', '"AUTH" "(redacted)"'),
                ('0', r'"GET" "a\n\"\\\x01\xff"'), ('2', '"SELECT" "2"'),
                ('2', '"HELLO" "2" "AUTH" "(redacted)" "(redacted)"'), ('2', '"PING"')]
    for line, (db, args) in zip(monitor_lines(m, len(expected)), expected):
        match = re.fullmatch(prefix + r"(.*)\r\n", line)
        assert match, line
        assert (match.group(1), match.group(2)) == (db, args)


def test_monitor_client_sees_its_own_commands_after_their_replies(conn):
    m = conn()
    m.cmd("MONITOR")
    m.send(b"PING\r\n")
    assert m.reply() == b"+PONG\r\n"
    assert m.reply().endswith(b'"PING"\r\n')
    assert m.cmd("GET", "a") == b"-ERR Replica can't interact with the keyspace\r\n"
    m.send(b"MONITOR\r\nPING\r\n")                   # a second MONITOR has no reply
    assert m.reply() == b"+PONG\r\n"


# --- SLOWLOG -----------------------------------------------------------------------------------
def test_slowlog_entries(conn):
    c = conn()
    try:
        c.cmd("CONFIG", "SET", "slowlog-log-slower-than", "0")
        c.cmd("SLOWLOG", "RESET")
        port = c.sock.getsockname()[1]
        c.cmd("SET", "k", "v")
        c.cmd("CLIENT", "SETNAME", "nm")
        c.cmd("SET", "long", "x" * 200)
        c.cmd("DEL", *[f"k{i}" for i in range(40)])
        c.cmd("AUTH", "pw")
        reply = c.cmd("SLOWLOG", "GET", "5")
        addr = b"$%d\r\n127.0.0.1:%d\r\n" % (len("127.0.0.1:%d" % port), port)
        entries = re.findall(rb"\*6\r\n:(\d+)\r\n:(\d+)\r\n:(\d+)\r\n\*(\d+)\r\n", reply)
        assert len(entries) == 5 and reply.startswith(b"*5\r\n")
        ids = [int(e[0]) for e in entries]
        assert ids == sorted(ids, reverse=True) and ids[0] - ids[4] == 4
        assert all(abs(int(e[1]) - time.time()) < 5 for e in entries)
        assert reply.count(addr + b"$2\r\nnm\r\n") == 4       # name as it is after the command
        assert b"*2\r\n$4\r\nAUTH\r\n$10\r\n(redacted)\r\n" in reply
        assert b"$23\r\n... (10 more arguments)\r\n" in reply and entries[1][3] == b"32"
        cut = b"x" * 128 + b"... (72 more bytes)"
        assert b"$%d\r\n%s\r\n" % (len(cut), cut) in reply
        assert b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n" + addr + b"$0\r\n\r\n" in reply
        assert c.cmd("SLOWLOG", "LEN") == b":7\r\n"       # SLOWLOG RESET is logged too
        assert c.cmd("SLOWLOG", "GET", "0") == b"*0\r\n"
        assert c.cmd("SLOWLOG", "GET", "-1").startswith(b"*9\r\n")
        assert c.cmd("SLOWLOG", "RESET") == b"+OK\r\n"
        assert c.cmd("SLOWLOG", "LEN") == b":1\r\n"               # the RESET itself
        c.cmd("HELLO", "3")
        assert c.cmd("SLOWLOG", "GET", "1").startswith(b"*1\r\n*6\r\n:")
    finally:
        c.cmd("CONFIG", "SET", "slowlog-log-slower-than", "10000")


def test_slowlog_and_diagnostics_errors_equal_redis(srv, oracle):
    cases = [
        ["SLOWLOG", "GET", "x"], ["SLOWLOG", "GET", "-2"], ["SLOWLOG", "GET", "1", "2"],
        ["SLOWLOG", "HELP"], ["SLOWLOG", "RESET", "x"], ["SLOWLOG", "LEN", "x"], ["SLOWLOG"],
        ["SLOWLOG", "foo"], ["MEMORY", "USAGE", "nokey"], ["MEMORY", "USAGE", "k", "samples"],
        ["MEMORY", "USAGE", "k", "samples", "x"], ["MEMORY", "USAGE", "k", "foo", "1"],
        ["MEMORY", "USAGE", "k", "samples", "-1"], ["MEMORY", "HELP"], ["MEMORY", "PURGE"],
        ["MEMORY", "foo"], ["MEMORY", "DOCTOR"], ["LATENCY", "LATEST"],
        ["LATENCY", "HISTORY", "command"], ["LATENCY", "HISTORY"], ["LATENCY", "HELP"],
        ["LATENCY", "RESET", "nope", "command"], ["LATENCY", "DOCTOR"], ["LATENCY", "foo"],
        ["DEBUG", "OBJECT", "nokey"], ["DEBUG", "SLEEP", "x"], ["DEBUG", "SLEEP"], ["DEBUG", "foo"],
        ["DEBUG", "SET-ACTIVE-EXPIRE", "1"], ["DEBUG", "SET-ACTIVE-EXPIRE"], ["DEBUG", "OBJECT"],
        ["DEBUG", "OBJECT", "k", "x"], ["DEBUG", "SLEEP", "0"], ["DEBUG", "SLEEP", "1", "2"],
        ["DEBUG"], ["DEBUG", "ERROR", "WRONGTYPE custom"], ["DEBUG", "LOG", "hello"],
        ["MONITOR", "x"], ["TIME", "x"], ["LASTSAVE", "x"], ["SHUTDOWN", "foo"],
        ["SHUTDOWN", "abort"], ["SHUTDOWN", "nosave", "save"], ["SHUTDOWN", "now", "abort"],
        ["SHUTDOWN", "force", "force", "x"], ["INFO", "foo"],
    ]
    Differ(srv.port, oracle.port).assert_same(cases)
    Differ(srv.port, oracle.port).assert_same(cases, resp3=True)


# --- LATENCY -----------------------------------------------------------------------------------
def test_latency_monitor_records_slow_commands(conn):
    c = conn()
    try:
        assert c.cmd("LATENCY", "RESET") == b":0\r\n"
        c.cmd("DEBUG", "SLEEP", "0.02")
        assert c.cmd("LATENCY", "LATEST") == b"*0\r\n"      # threshold 0: not recording
        assert b"Latency monitoring is disabled" in c.cmd("LATENCY", "DOCTOR")
        c.cmd("CONFIG", "SET", "latency-monitor-threshold", "10")
        assert c.cmd("LATENCY", "DOCTOR").startswith(b"$196\r\nDave, no latency spike")
        c.cmd("DEBUG", "SLEEP", "0.02")
        c.cmd("DEBUG", "SLEEP", "0.03")
        c.cmd("PING")                                        # fast, under the threshold
        latest = re.fullmatch(rb"\*1\r\n\*4\r\n\$7\r\ncommand\r\n:(\d+)\r\n:(\d+)\r\n:(\d+)\r\n",
                              c.cmd("LATENCY", "LATEST"))
        assert latest and int(latest.group(2)) >= 20 and int(latest.group(3)) >= 30
        history = c.cmd("LATENCY", "HISTORY", "command")
        assert re.fullmatch(rb"\*[12]\r\n(\*2\r\n:\d+\r\n:\d+\r\n)+", history)
        assert b"1. command: " in c.cmd("LATENCY", "DOCTOR")
        assert c.cmd("LATENCY", "RESET", "command", "nope") == b":1\r\n"
        assert c.cmd("LATENCY", "HISTORY", "command") == b"*0\r\n"
    finally:
        c.cmd("CONFIG", "SET", "latency-monitor-threshold", "0")


# --- MEMORY ------------------------------------------------------------------------------------
def test_memory_usage_and_stats(conn):
    c = conn()
    c.cmd("SET", "small", "v")
    c.cmd("SET", "big", "x" * 10000)
    small = int(c.cmd("MEMORY", "USAGE", "small")[1:-2])
    big = int(c.cmd("MEMORY", "USAGE", "big", "SAMPLES", "0")[1:-2])
    assert 0 < small < 1000 and 10000 < big < 11000
    assert c.cmd("MEMORY", "USAGE", "missing") == b"$-1\r\n"
    c.cmd("HELLO", "3")
    assert c.cmd("MEMORY", "USAGE", "missing") == b"_\r\n"
    stats = c.cmd("MEMORY", "STATS")
    assert stats.startswith(b"%") and b"$10\r\nkeys.count\r\n:2\r\n" in stats
    assert b"$4\r\ndb.0\r\n%3\r\n" in stats
    assert c.cmd("MEMORY", "DOCTOR").startswith(b"=")


# --- DEBUG -------------------------------------------------------------------------------------
def test_debug_is_refused_by_default(raw):
    assert raw.cmd("DEBUG", "SLEEP", "0") == (
        b"-ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", "
        b"you can run it from a local connection, otherwise you need to set this option in the "
        b"configuration file, and then restart the server.\r\n")


def test_debug_object(conn):
    c = conn()
    c.cmd("SET", "n", "12345")
    c.cmd("SET", "s", "hello")
    c.cmd("SET", "r", "x" * 50)
    for key, encoding, length in (("n", "int", 3), ("s", "embstr", 6), ("r", "raw", 51)):
        reply = c.cmd("DEBUG", "OBJECT", key).decode()
        assert re.fullmatch(r"\+Value at:0x[0-9a-f]+ refcount:1 encoding:%s serializedlength:%d "
                            r"lru:\d+ lru_seconds_idle:0\r\n" % (encoding, length), reply), reply
    assert c.cmd("DEBUG", "OBJECT", "missing") == b"-ERR no such key\r\n"


def test_debug_sleep_blocks_the_whole_server(conn):
    sleeper, other = conn(), conn()
    sleeper.send(b"DEBUG SLEEP 0.3\r\n")
    start = time.monotonic()
    other.send(b"PING\r\n")
    assert other.reply() == b"+PONG\r\n"
    assert sleeper.reply() == b"+OK\r\n"
    assert time.monotonic() - start > 0.2


def test_debug_set_active_expire(conn):
    c = conn()
    try:
        assert c.cmd("DEBUG", "SET-ACTIVE-EXPIRE", "0") == b"+OK\r\n"
        c.cmd("SET", "gone", "v", "PX", "20")
        time.sleep(0.3)
        assert c.cmd("DBSIZE") == b":1\r\n"                  # nobody reclaimed it
        assert c.cmd("DEBUG", "SET-ACTIVE-EXPIRE", "1") == b"+OK\r\n"
        deadline = time.monotonic() + 5
        while c.cmd("DBSIZE") != b":0\r\n":                  # the cron does, soon
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        c.cmd("DEBUG", "SET-ACTIVE-EXPIRE", "1")
