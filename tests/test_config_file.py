"""redis.conf syntax, redis-server option lines, and CONFIG REWRITE.

Expected texts were read from redis-server 7.0.15 runs (its stderr reports and
the files its CONFIG REWRITE wrote).  Redis appends new rewrite lines in
hash-table order; Redix in table order, so appended blocks compare as sets.
"""
from __future__ import annotations

import os
import stat

import pytest

from redix.config import (Config, ConfigError, ConfigFileError, ConfigOpenError, options_text,
                          split_args)

BANNER = "*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***"


@pytest.fixture(autouse=True)
def keep_cwd():
    cwd = os.getcwd()
    yield
    os.chdir(cwd)


def fatal(linenum, line, reason):
    return f"{BANNER}\nReading the configuration file, at line {linenum}\n>>> '{line}'\n{reason}"


def load_error(text: bytes) -> str:
    with pytest.raises(ConfigFileError) as e:
        Config().load_text(text)
    return str(e.value)


def args_error(*argv: str) -> str:
    with pytest.raises(ConfigFileError) as e:
        Config().apply_args(list(argv))
    return str(e.value)


def value(cfg, name):
    return cfg.get(name.encode())[0][1].decode()


# --- line syntax ---

@pytest.mark.parametrize("line,args", [
    (b'port "abc"', [b"port", b"abc"]),
    (b"  a\t b  ", [b"a", b"b"]),
    (b"port 'ab\\'c'", [b"port", b"ab'c"]),
    (b'port "a\\x41\\n\\"\\\\"', [b"port", b'aA\n"\\']),
    (b'"" x', [b"", b"x"]),
    (b'a"b c"', [b"ab c"]),
    (b"'a\\nb'", [b"a\\nb"]),
    (b'"\\xzz"', [b"xzz"]),
    (b"", []),
    (b'port "abc', None),
    (b'port 7794 "a"b', None),
    (b"'x'y", None),
    (b"'x", None),
])
def test_split_args(line, args):
    assert split_args(line) == args


def test_options_text_quotes_values_and_keeps_names_raw():
    assert options_text(["--port", "abc", "--bind", "a", "b"]) == b'port "abc" \nbind "a" "b" '
    assert options_text(["-x"]) == b'"-x" '
    assert options_text(["--save", "--port", "1"]) == b'save "" \nport "1" '
    assert options_text(["--port", 'a b"c\\n']) == b'port "a b\\"c\\\\n" '


# --- errors in files (recorded from redis-server 7.0.15) ---

FILE_ERRORS = [
    (b'port 7792\n# comment\n\nport "abc"\n',
     fatal(4, 'port "abc"', "argument couldn't be parsed into an integer")),
    (b"port abc\n", fatal(1, "port abc", "argument couldn't be parsed into an integer")),
    (b"  port   abc  \n", fatal(1, "port   abc", "argument couldn't be parsed into an integer")),
    (b"PORT abc", fatal(1, "PORT abc", "argument couldn't be parsed into an integer")),
    (b'port "abc\n', fatal(1, 'port "abc', "Unbalanced quotes in configuration line")),
    (b'port 7794 "a"b\n', fatal(1, 'port 7794 "a"b', "Unbalanced quotes in configuration line")),
    (b"foo\n", fatal(1, "foo", "Bad directive or wrong number of arguments")),
    (b'port 7794\r\nsave ""\r\nloglevel warning\r\n   \t# indented comment\nport 7794 \\\n',
     fatal(5, "port 7794 \\", "wrong number of arguments")),
    (b"port 'ab\\'c'\n", fatal(1, "port 'ab\\'c'", "argument couldn't be parsed into an integer")),
    (b'port "a\\x41\\n"\n', fatal(1, 'port "a\\x41\\n"', "argument couldn't be parsed into an integer")),
    (b"include\n", fatal(1, "include", "Bad directive or wrong number of arguments")),
    (b"include a b\n", fatal(1, "include a b", "Bad directive or wrong number of arguments")),
    (b"rename-command get\n", fatal(1, "rename-command get", "Bad directive or wrong number of arguments")),
    (b"user\n", fatal(1, "user", "Bad directive or wrong number of arguments")),
    (b"loadmodule\n", fatal(1, "loadmodule", "Bad directive or wrong number of arguments")),
    (b"sentinel myid x\n", fatal(1, "sentinel myid x", "sentinel directive while not in sentinel mode")),
    (b"dbfilename a/b\n", fatal(1, "dbfilename a/b", "dbfilename can't be a path, just a filename")),
    (b'appendfilename ""\n', fatal(1, 'appendfilename ""', "appendfilename can't be empty")),
    (b'appenddirname ""\n', fatal(1, 'appenddirname ""', "appenddirname can't be empty")),
    (b"appenddirname a/b\n", fatal(1, "appenddirname a/b", "appenddirname can't be a path, just a dirname")),
    (b'proc-title-template ""\n', fatal(1, 'proc-title-template ""',
                                        "template format is invalid or contains unknown variables")),
    (b"unixsocketperm 8\n", fatal(1, "unixsocketperm 8", "argument couldn't be parsed as an octal number")),
    (b"unixsocketperm 07777\n",
     fatal(1, "unixsocketperm 07777", "argument must be between 0 and 777 inclusive")),
    (b"io-threads 0\n", fatal(1, "io-threads 0", "argument must be between 1 and 128 inclusive")),
    (b"replicaof a 12x\n", fatal(1, "replicaof a 12x", "Invalid master port")),
    (b"replicaof a -1\n", fatal(1, "replicaof a -1", "Invalid master port")),
    (b"slaveof 127.0.0.1\n", fatal(1, "slaveof 127.0.0.1", "wrong number of arguments")),
    (b"enable-protected-configs foo\n", fatal(1, "enable-protected-configs foo",
                                              "argument(s) must be one of the following: no, yes, local")),
    (b"syslog-facility foo\n", fatal(1, "syslog-facility foo", "argument(s) must be one of the following: "
                                     "user, local0, local1, local2, local3, local4, local5, local6, local7")),
    (b"bind " + b" ".join(b"%d" % i for i in range(17)) + b"\n",
     fatal(1, "bind " + " ".join(map(str, range(17))), "Too many bind addresses specified.")),
]


@pytest.mark.parametrize("text,message", FILE_ERRORS)
def test_file_errors(text, message):
    assert load_error(text) == message


ARG_ERRORS = [
    (["--port", "abc"], fatal(2, 'port "abc"', "argument couldn't be parsed into an integer")),
    (["--foo", "bar"], fatal(2, 'foo "bar"', "Bad directive or wrong number of arguments")),
    (["--port"], fatal(2, "port", "wrong number of arguments")),
    (["--port", "1", "2"], fatal(2, 'port "1" "2"', "wrong number of arguments")),
    (["--port", "7790", "--foo", "bar"], fatal(3, 'foo "bar"', "Bad directive or wrong number of arguments")),
    (["-x"], fatal(2, '"-x"', "Bad directive or wrong number of arguments")),
    (["--save", "", "--port", "1", "--", "foo"],
     fatal(4, '"foo"', "Bad directive or wrong number of arguments")),
    (["--save", "--port", "abc"], fatal(3, 'port "abc"', "argument couldn't be parsed into an integer")),
    (["--port", 'a b"c\\n'], fatal(2, 'port "a b\\"c\\\\n"', "argument couldn't be parsed into an integer")),
    (["--port", "a\tb\x01\udcff"],
     fatal(2, 'port "a\\tb\\x01\\xff"', "argument couldn't be parsed into an integer")),
    (["--dir", "/nonexistent"], fatal(2, 'dir "/nonexistent"', "No such file or directory")),
    (["--dir", "/etc/passwd"], fatal(2, 'dir "/etc/passwd"', "Not a directory")),
    (["--databases", "0"], fatal(2, 'databases "0"', "argument must be between 1 and 2147483647 inclusive")),
    (["--maxmemory", "1x"], fatal(2, 'maxmemory "1x"', "argument must be a memory value")),
    (["--client-output-buffer-limit", "foo", "1", "2", "3"],
     fatal(2, 'client-output-buffer-limit "foo" "1" "2" "3"',
           "Invalid client class specified in buffer limit configuration.")),
    (["--notify-keyspace-events", "a"],
     fatal(2, 'notify-keyspace-events "a"', "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.")),
    (["--logfile", "/nonexistent/x.log"], f"{BANNER}\nCan't open the log file: No such file or directory"),
    (["--cluster-enabled", "yes", "--replicaof", "a", "1"],
     f"{BANNER}\nreplicaof directive not allowed in cluster mode"),
]


@pytest.mark.parametrize("argv,message", ARG_ERRORS)
def test_argument_errors(argv, message):
    assert args_error(*argv) == message


def test_include_errors_count_lines_of_the_included_file(tmp_path):
    (tmp_path / "q2.conf").write_text('port "1"\n')
    (tmp_path / "q3.conf").write_text("port x\n")
    (tmp_path / "inc.conf").write_text(f"include {tmp_path}/q2.conf\nport 7795x\n")
    (tmp_path / "inc2.conf").write_text(f"loglevel debug\ninclude {tmp_path}/q3.conf\nport 7795\n")
    with pytest.raises(ConfigFileError) as e:
        Config().load_file(str(tmp_path / "inc.conf"))
    assert str(e.value) == fatal(2, "port 7795x", "argument couldn't be parsed into an integer")
    with pytest.raises(ConfigFileError) as e:
        Config().load_file(str(tmp_path / "inc2.conf"))
    assert str(e.value) == fatal(1, "port x", "argument couldn't be parsed into an integer")


def test_unreadable_files():
    with pytest.raises(ConfigOpenError) as e:
        Config().load_file("/nonexistent.conf")
    assert str(e.value) == ("Fatal error, can't open config file '/nonexistent.conf': "
                            "No such file or directory")
    with pytest.raises(ConfigOpenError) as e:
        Config().apply_args(["--include", "/nonexistent"])
    assert str(e.value) == "Fatal error, can't open config file '/nonexistent': No such file or directory"


# --- values from files and options ---

def test_load_file_values_and_absolute_path(tmp_path, monkeypatch):
    (tmp_path / "part.conf").write_text("timeout 5\n")
    (tmp_path / "r.conf").write_text(
        "# comment\nport 7796\n  # indented\ninclude part.conf\nmaxmemory 1gb\n"
        "slave-priority 50\nrequirepass 'p w'\nrename-command FLUSHALL \"\"\n"
        "user alice on >pw ~* +@all\nloadmodule /x.so a b\nlist-max-ziplist-entries 5\n")
    monkeypatch.chdir(tmp_path)
    cfg = Config()
    cfg.load_file("r.conf")
    assert cfg.config_file == str(tmp_path / "r.conf")
    assert (cfg.port, cfg.timeout, cfg.maxmemory, cfg.replica_priority) == (7796, 5, 1 << 30, 50)
    assert cfg.requirepass == "p w"
    assert cfg.renamed_commands == [("FLUSHALL", "")]
    assert cfg.acl_users == [["alice", "on", ">pw", "~*", "+@all"]]
    assert cfg.load_modules == [["/x.so", "a", "b"]]


@pytest.mark.parametrize("text,expected", [
    (b"save 100 1\nsave 200 2\n", "100 1 200 2"),
    (b'save ""\nsave 100 1\n', "100 1"),
    (b'save 100 1\nsave ""\n', ""),
    (b"save\n", ""),
    (b"save 100 1 200 2\n", "100 1 200 2"),
    (b"save 100 1\n\n" + options_text(["--save", "5", "5"]), "100 1 5 5"),
])
def test_save_lines_accumulate_within_one_load(text, expected):
    cfg = Config()
    cfg.load_text(text)
    assert value(cfg, "save") == expected


@pytest.mark.parametrize("argv,name,expected", [
    (["--save", "10", "1", "--save", "20", "2"], "save", "10 1 20 2"),
    (["--save"], "save", ""),
    (["--save", "--port", "7797"], "port", "7797"),
    (["--bind", "127.0.0.1", "::1"], "bind", "127.0.0.1 ::1"),
    (["--bind"], "bind", ""),
    (["--unixsocketperm", "0777"], "unixsocketperm", "777"),
    (["--unixsocketperm", "700"], "unixsocketperm", "700"),
    (["--replicaof", "127.0.0.1", "6390"], "slaveof", "127.0.0.1 6390"),
    (["--replicaof", "a", "+12"], "replicaof", "a 12"),
    (["--replicaof", "a", "012"], "replicaof", "a 12"),
    (["--slaveof", "a", "5"], "replicaof", "a 5"),
    (["--replicaof", "NO", "ONE"], "replicaof", ""),
    (["--masterauth", "a b"], "masterauth", "a b"),
    (["--client-output-buffer-limit", "replica", "1", "2", "3",
      "--client-output-buffer-limit", "normal", "5", "5", "5"], "client-output-buffer-limit",
     "normal 5 5 5 slave 1 2 3 pubsub 33554432 8388608 60"),
    (["--notify-keyspace-events", "KEA"], "notify-keyspace-events", "AKE"),
    (["--oom-score-adj-values", "1", "2", "3"], "oom-score-adj-values", "1 2 3"),
    (["--latency-tracking-info-percentiles", ""], "latency-tracking-info-percentiles", ""),
    (["--shutdown-on-sigint", "nosave", "now"], "shutdown-on-sigint", "nosave now"),
    (["--hz", "1000"], "hz", "500"),
    # The backlog minimum is applied by CONFIG SET only.
    (["--repl-backlog-size", "1"], "repl-backlog-size", "1"),
    (["--PORT", "7000"], "port", "7000"),
    (["--dbfilename", ""], "dbfilename", ""),
])
def test_argument_values(argv, name, expected):
    cfg = Config()
    cfg.apply_args(argv)
    assert value(cfg, name) == expected


def test_immutable_parameters_load_from_files():
    cfg = Config()
    cfg.load_text(b"databases 4\ndaemonize yes\nunixsocket /tmp/x.sock\n")
    assert (cfg.databases, cfg.daemonize, cfg.unixsocket) == (4, True, "/tmp/x.sock")


def test_dir_in_a_file_changes_directory_for_the_following_lines(tmp_path):
    (tmp_path / "inc.conf").write_text("hz 77\n")
    cfg = Config()
    cfg.load_text(f"dir {tmp_path}\ninclude inc.conf\n".encode())
    assert cfg.hz == 77 and cfg.dir == str(tmp_path) == os.getcwd()


# --- CONFIG REWRITE ---

def split_rewrite(text: str) -> tuple[str, set[str]]:
    head, sig, tail = text.partition("# Generated by CONFIG REWRITE\n")
    return head + sig, set(tail.splitlines())


def test_rewrite_without_a_config_file():
    with pytest.raises(ConfigError) as e:
        Config().rewrite()
    assert str(e.value) == "ERR The server is running without a config file"


def test_rewrite_failure_is_reported(tmp_path):
    cfg = Config()
    with pytest.raises(ConfigError) as e:
        cfg.rewrite(str(tmp_path / "missing" / "r.conf"))
    assert str(e.value) == "ERR Rewriting config file: No such file or directory"


R_CONF = """\
# My comment
port 7796
  # indented comment
save 100 1
save 200 2
maxmemory 1gb
include {part}
loglevel notice
bind 127.0.0.1
slave-priority 50
hash-max-ziplist-entries 100
rename-command FLUSHALL ""
client-output-buffer-limit normal 1 2 3
maxmemory-policy allkeys-lru

# trailing
"""


def test_rewrite_keeps_comments_and_rewrites_in_place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the rewrite always records dir
    part = tmp_path / "part.conf"
    part.write_text("timeout 5\n")
    conf = tmp_path / "r.conf"
    conf.write_text(R_CONF.format(part=part))
    cfg = Config()
    cfg.load_file(str(conf))
    cfg.set_many([(b"maxmemory", b"2mb"), (b"hz", b"20"), (b"loglevel", b"warning"), (b"save", b""),
                  (b"maxmemory-policy", b"noeviction"), (b"slave-lazy-flush", b"yes"),
                  (b"notify-keyspace-events", b"KEA"), (b"masterauth", b'p"w d'),
                  (b"proc-title-template", b"{title} {port}"),
                  (b"client-output-buffer-limit", b"pubsub 1 2 3"),
                  (b"oom-score-adj-values", b"1 2 3")])
    cfg.rewrite(extra={"user": ["user default on nopass ~* &* +@all"]})
    head, appended = split_rewrite(conf.read_text())
    assert head == f"""\
# My comment
port 7796
# indented comment
save ""

maxmemory 2mb
include {part}
loglevel warning
bind 127.0.0.1
replica-priority 50
hash-max-listpack-entries 100
rename-command FLUSHALL ""
client-output-buffer-limit normal 1 2 3
maxmemory-policy noeviction

# trailing

# Generated by CONFIG REWRITE
"""
    assert appended == {
        "client-output-buffer-limit pubsub 1 2 3", f'dir "{tmp_path}"', "oom-score-adj-values 1 2 3",
        "hz 20", "replica-lazy-flush yes", "latency-tracking-info-percentiles 50 99 99.9",
        'proc-title-template "{title} {port}"', "timeout 5", 'masterauth "p\\"w d"',
        'notify-keyspace-events "AKE"', "user default on nopass ~* &* +@all"}


def test_rewrite_reuses_leftover_lines_even_for_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the rewrite always records dir
    conf = tmp_path / "r.conf"
    conf.write_text("port 7796\nclient-output-buffer-limit normal 1 2 3\n")
    cfg = Config()
    cfg.load_file(str(conf))
    cfg.set_many([(b"client-output-buffer-limit", b"normal 1mb 2048 3 pubsub 1gb 1000 0")])
    cfg.rewrite()
    cfg.set_many([(b"hz", b"33")])
    cfg.rewrite()
    # As Redis: the class lines fill the old slots in class order, so the
    # default replica class lands where the pubsub line was, and pubsub moves
    # to the end, after the blank line the previous trailing newline left.
    assert conf.read_text() == f"""\
port 7796
client-output-buffer-limit normal 1mb 2kb 3

# Generated by CONFIG REWRITE
client-output-buffer-limit replica 256mb 64mb 60
save 3600 1
save 300 100
save 60 10000
dir "{tmp_path}"
latency-tracking-info-percentiles 50 99 99.9

client-output-buffer-limit pubsub 1gb 1000 0
hz 33
"""


def test_rewrite_blank_lines_and_trailing_newline(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the rewrite always records dir
    conf = tmp_path / "a.conf"
    conf.write_bytes(b"port 7796\nhz 11")
    cfg = Config()
    cfg.load_file(str(conf))
    forced = {f'dir "{tmp_path}"', "save 3600 1", "save 300 100", "save 60 10000",
              "latency-tracking-info-percentiles 50 99 99.9"}
    cfg.set_many([(b"timeout", b"5")])
    cfg.rewrite()  # A: no trailing newline, so no blank line before the signature
    head, appended = split_rewrite(conf.read_text())
    assert head == "port 7796\nhz 11\n# Generated by CONFIG REWRITE\n"
    assert appended == forced | {"timeout 5"}
    cfg.rewrite()  # B: unchanged values; the trailing newline becomes a blank line
    b_text = conf.read_text()
    assert b_text.endswith("\n\n") and not b_text.endswith("\n\n\n")
    cfg.set_many([(b"tcp-keepalive", b"10")])
    cfg.rewrite()  # C: runs of blank lines squeeze to one before the new line
    assert conf.read_text() == b_text + "tcp-keepalive 10\n"
    cfg.set_many([(b"tcp-keepalive", b"300"), (b"timeout", b"0"), (b"hz", b"10")])
    cfg.rewrite()  # D: back to defaults, the old lines stay with default values
    text = conf.read_text()
    assert text.startswith("port 7796\nhz 10\n# Generated by CONFIG REWRITE\n")
    assert "timeout 0\n" in text and text.endswith("\ntcp-keepalive 300\n\n")


def test_rewrite_removes_unset_values_and_duplicates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the rewrite always records dir
    conf = tmp_path / "b.conf"
    conf.write_text("""\
port 7796
masterauth foo
maxmemory 1gb
hz 11
hz 12
slave-lazy-flush yes
replica-lazy-flush yes
slaveof 127.0.0.1 1
notify-keyspace-events KEA
bind 127.0.0.1
unixsocketperm 700
save 100 1
user default on nopass ~* &* +@all
user alice on nopass ~* +@all
ignore-warnings foo
   \n\t
# end
""")
    cfg = Config()
    cfg.load_file(str(conf))
    assert cfg.hz == 12 and cfg.replicaof == ("127.0.0.1", 1)
    cfg.set_many([(b"masterauth", b""), (b"maxmemory", b"0"), (b"notify-keyspace-events", b""),
                  (b"bind", b"* -::*"), (b"ignore-warnings", b""), (b"slowlog-log-slower-than", b"-1"),
                  (b"list-max-listpack-size", b"-3"), (b"repl-backlog-size", b"1025"),
                  (b"maxmemory-clients", b"5%"), (b"client-query-buffer-limit", b"1025mb")])
    cfg.replicaof = None  # what REPLICAOF NO ONE does
    cfg.rewrite(extra={"user": ["user alice on nopass ~* resetchannels +@all",
                                "user default on nopass sanitize-payload ~* &* +@all"]})
    head, appended = split_rewrite(conf.read_text())
    assert head == """\
port 7796

maxmemory 0
hz 12

replica-lazy-flush yes

notify-keyspace-events ""

unixsocketperm 700
save 100 1
user alice on nopass ~* resetchannels +@all
user default on nopass sanitize-payload ~* &* +@all
ignore-warnings ""

# end

# Generated by CONFIG REWRITE
"""
    assert appended == {
        f'dir "{tmp_path}"', "client-query-buffer-limit 1025mb",
        "latency-tracking-info-percentiles 50 99 99.9", "list-max-listpack-size -3",
        "slowlog-log-slower-than -1", "repl-backlog-size 16kb", "maxmemory-clients 5%"}


def test_rewrite_formats(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the rewrite always records dir
    conf = tmp_path / "c.conf"
    conf.write_text('port 7796\nsave ""\n')
    cfg = Config()
    cfg.load_file(str(conf))
    cfg.replicaof = ("127.0.0.1", 7999)
    cfg.set_many([(b"latency-tracking-info-percentiles", b""), (b"key-load-delay", b"5"),
                  (b"maxmemory-clients", b"1gb"), (b"client-output-buffer-limit", b"replica 0 0 0"),
                  (b"cluster-announce-ip", b"a b"), (b"shutdown-on-sigint", b"nosave now"),
                  (b"requirepass", b"pw"), (b"appendonly", b"yes")])
    cfg.rewrite()
    head, appended = split_rewrite(conf.read_text())
    assert head == 'port 7796\nsave ""\n\n# Generated by CONFIG REWRITE\n'
    assert appended == {
        "maxmemory-clients 1gb", "key-load-delay 5", f'dir "{tmp_path}"',
        "replicaof 127.0.0.1 7999", "client-output-buffer-limit replica 0 0 0",
        'cluster-announce-ip "a b"', 'latency-tracking-info-percentiles ""',
        "shutdown-on-sigint nosave now", 'requirepass "pw"', "appendonly yes"}


@pytest.mark.parametrize("name", ["masterauth", "pidfile", "unixsocket", "tls-cert-file",
                                  "bind-source-addr", "requirepass"])
def test_rewrite_drops_empty_nullable_strings(tmp_path, name):
    conf = tmp_path / "e.conf"
    conf.write_text(f'port 7796\n{name} ""\n')
    cfg = Config()
    cfg.load_file(str(conf))
    cfg.rewrite()
    assert conf.read_text().splitlines()[1] == ""


@pytest.mark.parametrize("name", ["ignore-warnings", "logfile", "syslog-ident", "aclfile",
                                  "cluster-config-file", "dbfilename"])
def test_rewrite_keeps_empty_plain_strings(tmp_path, name):
    conf = tmp_path / "e.conf"
    conf.write_text(f'port 7796\n{name} ""\n')
    cfg = Config()
    cfg.load_file(str(conf))
    cfg.rewrite()
    assert conf.read_text().splitlines()[1] == f'{name} ""'


def test_rewritten_file_loads_back_to_the_same_values(tmp_path):
    conf = tmp_path / "rt.conf"
    conf.write_text("# start\nport 7000\n")
    cfg = Config()
    cfg.load_file(str(conf))
    cfg.set_many([(b"maxmemory", b"3gb"), (b"save", b"10 1 20 2"), (b"bind", b"127.0.0.1 ::1"),
                  (b"client-output-buffer-limit", b"normal 1kb 2mb 3 pubsub 1 2 3"),
                  (b"notify-keyspace-events", b"Ex"), (b"masterauth", b"s\xffc\"\n"),
                  (b"shutdown-on-sigterm", b"save now"), (b"maxmemory-clients", b"7%"),
                  (b"latency-tracking-info-percentiles", b"1.5 99.99")])
    cfg.replicaof = ("10.0.0.1", 6380)
    cfg.rewrite()
    again = Config()
    again.load_file(str(conf))
    assert again.get(b"*") == cfg.get(b"*")


def test_rewrite_creates_a_missing_file_and_keeps_the_mode(tmp_path):
    conf = tmp_path / "new.conf"
    cfg = Config()
    cfg.set_many([(b"hz", b"20")])
    cfg.rewrite(str(conf))
    assert conf.read_text().startswith("# Generated by CONFIG REWRITE\n")
    os.chmod(conf, 0o600)
    cfg.rewrite(str(conf))
    assert stat.S_IMODE(os.stat(conf).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["new.conf"]
