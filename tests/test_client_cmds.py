"""CLIENT subcommands over the wire: exact bytes, RESP2 and RESP3, several connections."""
import re
import socket
import time

from tests.differential import Differ
from tests.wire import bulk_text, conn, server_fixture  # noqa: F401


srv = server_fixture()


def client_id(c) -> int:
    return int(c.cmd("CLIENT", "ID")[1:-2])


LIST_FIELDS = ["id", "addr", "laddr", "fd", "name", "age", "idle", "flags", "db", "sub", "psub",
               "ssub", "multi", "qbuf", "qbuf-free", "argv-mem", "multi-mem", "rbs", "rbp", "obl",
               "oll", "omem", "tot-mem", "events", "cmd", "user", "redir", "resp", "lib-name",
               "lib-ver"]


def fields(line: str) -> dict:
    pairs = [item.split("=", 1) for item in line.split(" ")]
    assert [k for k, _ in pairs] == LIST_FIELDS
    return dict(pairs)


# --- identity -------------------------------------------------------------------------------
def test_id_name_and_their_errors(conn):
    c = conn()
    first, second = client_id(c), client_id(conn())
    assert second > first > 0
    assert c.cmd("CLIENT", "GETNAME") == b"$-1\r\n"
    assert c.cmd("CLIENT", "SETNAME", "a b") == \
        b"-ERR Client names cannot contain spaces, newlines or special characters.\r\n"
    assert c.cmd("CLIENT", "SETNAME", "a\nb")[:4] == b"-ERR"
    assert c.cmd("CLIENT", "SETNAME", "conn-1") == b"+OK\r\n"
    assert c.cmd("CLIENT", "GETNAME") == b"$6\r\nconn-1\r\n"
    assert c.cmd("CLIENT", "SETNAME", "") == b"+OK\r\n"
    assert c.cmd("CLIENT", "GETNAME") == b"$-1\r\n"
    assert c.cmd("CLIENT", "SETNAME") == \
        b"-ERR wrong number of arguments for 'client|setname' command\r\n"
    assert c.cmd("CLIENT", "ID", "x") == \
        b"-ERR wrong number of arguments for 'client|id' command\r\n"
    assert c.cmd("CLIENT", "NOPE") == b"-ERR unknown subcommand 'NOPE'. Try CLIENT HELP.\r\n"
    assert c.cmd("CLIENT") == b"-ERR wrong number of arguments for 'client' command\r\n"


def test_setinfo_is_shown_by_client_info(conn):
    c = conn()
    assert c.cmd("CLIENT", "SETINFO", "LIB-NAME", "redis-py") == b"+OK\r\n"
    assert c.cmd("CLIENT", "SETINFO", "lib-ver", "5.0.1") == b"+OK\r\n"
    info = fields(bulk_text(c.cmd("CLIENT", "INFO")).rstrip("\n"))
    assert (info["lib-name"], info["lib-ver"]) == ("redis-py", "5.0.1")
    assert c.cmd("CLIENT", "SETINFO", "lib-foo", "x") == b"-ERR Unrecognized option 'lib-foo'\r\n"
    assert c.cmd("CLIENT", "SETINFO", "Lib-Name", "a b") == \
        b"-ERR Lib-Name cannot contain spaces, newlines or special characters.\r\n"
    assert c.cmd("CLIENT", "SETINFO", "lib-name") == \
        b"-ERR wrong number of arguments for 'client|setinfo' command\r\n"
    assert c.cmd("CLIENT", "SETINFO", "lib-name", "") == b"+OK\r\n"
    assert "lib-name= " in bulk_text(c.cmd("CLIENT", "INFO"))


# --- CLIENT LIST / INFO ----------------------------------------------------------------------
def test_client_list_line_layout(conn):
    a, b = conn(), conn()
    b.cmd("CLIENT", "SETNAME", "bee")
    b.cmd("SELECT", "3")
    reply = a.cmd("CLIENT", "LIST")
    assert reply.startswith(b"$") and reply.endswith(b"\n\r\n")
    lines = {fields(line)["id"]: fields(line) for line in bulk_text(reply).splitlines()}
    me, other = lines[str(client_id(a))], lines[str(client_id(b))]
    assert re.fullmatch(r"127\.0\.0\.1:\d+", me["addr"])
    assert me["laddr"].endswith(":%d" % a.sock.getpeername()[1])
    assert (me["cmd"], me["argv-mem"], me["name"], me["flags"], me["db"]) == \
        ("client|list", "10", "", "N", "0")
    assert (other["cmd"], other["name"], other["db"], other["argv-mem"]) == \
        ("select", "bee", "3", "0")
    assert (me["multi"], me["sub"], me["psub"], me["ssub"], me["user"], me["redir"],
            me["resp"], me["events"]) == ("-1", "0", "0", "0", "default", "-1", "2", "r")


def test_client_list_filters_and_errors(conn):
    a, b = conn(), conn()
    ida, idb = client_id(a), client_id(b)
    ids = [fields(line)["id"] for line in bulk_text(a.cmd("CLIENT", "LIST", "ID", idb, ida, 999999))
           .splitlines()]
    assert ids == [str(idb), str(ida)]                  # in the order asked
    normal = bulk_text(a.cmd("CLIENT", "LIST", "TYPE", "normal"))
    assert f"id={ida} " in normal and f"id={idb} " in normal
    for kind in ("pubsub", "master", "replica", "slave", "PUBSUB"):
        assert a.cmd("CLIENT", "LIST", "TYPE", kind) == b"$0\r\n\r\n"
    assert a.cmd("CLIENT", "LIST", "ID", "x") == b"-ERR Invalid client ID\r\n"
    assert a.cmd("CLIENT", "LIST", "ID", "1", "x") == b"-ERR Invalid client ID\r\n"
    assert a.cmd("CLIENT", "LIST", "TYPE", "foo") == b"-ERR Unknown client type 'foo'\r\n"
    for bad in (["TYPE"], ["foo"], ["TYPE", "normal", "ID", "1"], ["ID"]):
        assert a.cmd("CLIENT", "LIST", *bad) == b"-ERR syntax error\r\n"


def test_client_info_and_flags(conn):
    c = conn()
    c.cmd("CLIENT", "NO-EVICT", "on")
    c.cmd("CLIENT", "NO-TOUCH", "on")
    line = bulk_text(c.cmd("CLIENT", "INFO"))
    assert line.endswith("\n") and line.count("\n") == 1
    assert fields(line.rstrip("\n"))["flags"] == "eT"
    assert c.cmd("CLIENT", "NO-EVICT", "maybe") == b"-ERR syntax error\r\n"
    assert c.cmd("CLIENT", "NO-TOUCH", "maybe") == b"-ERR syntax error\r\n"
    assert c.cmd("CLIENT", "NO-EVICT", "OFF") == b"+OK\r\n"
    assert c.cmd("CLIENT", "NO-TOUCH", "off") == b"+OK\r\n"
    assert fields(bulk_text(c.cmd("CLIENT", "INFO")).rstrip("\n"))["flags"] == "N"


def test_client_list_and_info_are_verbatim_in_resp3(conn):
    c = conn()
    c.cmd("HELLO", "3")
    reply = c.cmd("CLIENT", "INFO")
    assert re.fullmatch(rb"=\d+\r\ntxt:id=\d+ .* resp=3 lib-name= lib-ver=\n\r\n", reply)
    assert c.cmd("CLIENT", "LIST").startswith(b"=")
    assert c.cmd("CLIENT", "LIST", "ID", "999999") == b"=4\r\ntxt:\r\n"


# --- CLIENT KILL --------------------------------------------------------------------------------
def addr_of(killer, victim) -> str:
    line = bulk_text(killer.cmd("CLIENT", "LIST", "ID", client_id(victim)))
    return fields(line.rstrip("\n"))["addr"]


def test_kill_by_address_closes_the_other_connection(conn):
    a, b = conn(), conn()
    assert a.cmd("CLIENT", "KILL", addr_of(a, b)) == b"+OK\r\n"
    assert b.closed()
    assert a.cmd("CLIENT", "KILL", "1.2.3.4:5") == b"-ERR No such client\r\n"
    assert a.cmd("PING") == b"+PONG\r\n"


def test_kill_filters(conn):
    a, b, c = conn(), conn(), conn()
    assert a.cmd("CLIENT", "KILL", "ID", client_id(b)) == b":1\r\n"
    assert b.closed()
    assert a.cmd("CLIENT", "KILL", "ID", 999999) == b":0\r\n"
    assert a.cmd("CLIENT", "KILL", "ADDR", addr_of(a, a)) == b":0\r\n"     # SKIPME yes
    assert a.cmd("CLIENT", "KILL", "ADDR", addr_of(a, c), "TYPE", "pubsub") == b":0\r\n"
    assert a.cmd("CLIENT", "KILL", "LADDR", "1.1.1.1:1") == b":0\r\n"
    assert a.cmd("CLIENT", "KILL", "ADDR", addr_of(a, c), "USER", "default", "TYPE", "normal") == \
        b":1\r\n"
    assert c.closed()
    d = conn()
    assert d.cmd("PING") == b"+PONG\r\n"      # accepted before the kill
    port = a.sock.getpeername()[1]
    killed = int(a.cmd("CLIENT", "KILL", "LADDR", f"127.0.0.1:{port}", "SKIPME", "yes")[1:-2])
    assert killed >= 1 and d.closed()
    assert a.cmd("PING") == b"+PONG\r\n"


def test_kill_errors(conn):
    a = conn()
    cases = {
        ("ID", "x"): b"-ERR client-id should be greater than 0\r\n",
        ("ID", "0"): b"-ERR client-id should be greater than 0\r\n",
        ("ID", "-5"): b"-ERR client-id should be greater than 0\r\n",
        ("TYPE", "foo"): b"-ERR Unknown client type 'foo'\r\n",
        ("USER", "nouser"): b"-ERR No such user 'nouser'\r\n",
        ("SKIPME", "maybe"): b"-ERR syntax error\r\n",
        ("TYPE", "normal", "foo"): b"-ERR syntax error\r\n",
        ("foo", "bar"): b"-ERR syntax error\r\n",
        ("ID", "1", "ID"): b"-ERR syntax error\r\n",
        ("MAXAGE", "10"): b"-ERR syntax error\r\n",
        ("addr",): b"-ERR No such client\r\n",
    }
    for args, expected in cases.items():
        assert a.cmd("CLIENT", "KILL", *args) == expected, args
    assert a.cmd("CLIENT", "KILL") == \
        b"-ERR wrong number of arguments for 'client|kill' command\r\n"


def test_kill_self(conn):
    a = conn()
    assert a.cmd("CLIENT", "KILL", "ID", client_id(a), "SKIPME", "no") == b":1\r\n"
    assert a.closed()
    b = conn()
    assert b.cmd("CLIENT", "KILL", addr_of(b, b)) == b"+OK\r\n"
    assert b.closed()


# --- CLIENT REPLY ---------------------------------------------------------------------------------
def test_reply_off_skip_on(conn):
    c = conn()
    c.send(b"CLIENT REPLY SKIP\r\nPING 1\r\nPING 2\r\nCLIENT REPLY OFF\r\nPING 3\r\n"
           b"CLIENT REPLY SKIP\r\nPING 4\r\nCLIENT REPLY ON\r\nPING 5\r\n")
    assert c.reply() == b"$1\r\n2\r\n"
    assert c.reply() == b"+OK\r\n"
    assert c.reply() == b"$1\r\n5\r\n"
    assert c.cmd("CLIENT", "REPLY", "foo") == b"-ERR syntax error\r\n"
    assert c.cmd("CLIENT", "REPLY") == \
        b"-ERR wrong number of arguments for 'client|reply' command\r\n"


# --- CLIENT PAUSE -------------------------------------------------------------------------------
def nothing_pending(c) -> bool:
    """True if no reply byte has arrived (the caller has made sure the server ran)."""
    c.sock.setblocking(False)
    try:
        c.sock.recv(1, socket.MSG_PEEK)
        return False
    except BlockingIOError:
        return not c.buf
    finally:
        c.sock.settimeout(10)


def no_reply_within(c, seconds: float) -> bool:
    """True if nothing arrives for ``seconds`` (used only where holding is the point)."""
    c.sock.settimeout(seconds)
    try:
        return not c.sock.recv(1, socket.MSG_PEEK)
    except socket.timeout:
        return True
    finally:
        c.sock.settimeout(10)


def test_pause_write_holds_a_write_until_unpause(conn):
    admin, writer = conn(), conn()
    assert admin.cmd("CLIENT", "PAUSE", 60000, "WRITE") == b"+OK\r\n"
    try:
        # One batch: PING runs, SET is held; PING's reply proves the batch was read.
        writer.send(b"PING\r\nSET paused v\r\nGET paused\r\n")
        assert writer.reply() == b"+PONG\r\n"
        assert admin.cmd("GET", "paused") == b"$-1\r\n"           # reads still run
        line = bulk_text(admin.cmd("CLIENT", "LIST", "ID", client_id_of(admin, writer)))
        assert "flags=b " in line
        assert nothing_pending(writer)
    finally:
        assert admin.cmd("CLIENT", "UNPAUSE") == b"+OK\r\n"
    assert writer.reply() == b"+OK\r\n"
    assert writer.reply() == b"$1\r\nv\r\n"                       # order kept after the held SET
    assert admin.cmd("GET", "paused") == b"$1\r\nv\r\n"


def client_id_of(admin, other) -> int:
    """The id of ``other`` as the server knows it, found from its local port."""
    port = other.sock.getsockname()[1]
    for line in bulk_text(admin.cmd("CLIENT", "LIST")).splitlines():
        f = fields(line)
        if f["addr"].endswith(":%d" % port):
            return int(f["id"])
    raise AssertionError("client not listed")


def test_pause_all_holds_reads_until_it_expires(conn):
    admin, reader = conn(), conn()
    start = time.monotonic()
    assert admin.cmd("CLIENT", "PAUSE", 150) == b"+OK\r\n"
    assert reader.cmd("PING") == b"+PONG\r\n"
    assert time.monotonic() - start >= 0.14


def test_pause_keeps_the_later_end_and_the_stronger_mode(conn):
    admin, reader = conn(), conn()
    start = time.monotonic()
    admin.cmd("CLIENT", "PAUSE", 400, "WRITE")
    admin.cmd("CLIENT", "PAUSE", 10, "ALL")         # becomes ALL until the WRITE pause's end
    assert reader.cmd("GET", "k") == b"$-1\r\n"
    assert time.monotonic() - start >= 0.35


def test_pause_errors(conn):
    c = conn()
    cases = {
        ("x",): b"-ERR timeout is not an integer or out of range\r\n",
        ("1.5",): b"-ERR timeout is not an integer or out of range\r\n",
        ("-1",): b"-ERR timeout is negative\r\n",
        ("10", "foo"): b"-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n",
        ("10", "write", "x"):
            b"-ERR unknown subcommand or wrong number of arguments for 'PAUSE'. "
            b"Try CLIENT HELP.\r\n",
    }
    for args, expected in cases.items():
        assert c.cmd("CLIENT", "PAUSE", *args) == expected, args
    assert c.cmd("CLIENT", "UNPAUSE", "x") == \
        b"-ERR wrong number of arguments for 'client|unpause' command\r\n"


def test_help_lists_every_subcommand(conn):
    reply = conn().cmd("CLIENT", "HELP")
    assert reply.startswith(b"*54\r\n+CLIENT <subcommand> [<arg> [value] [opt] ...]. "
                            b"Subcommands are:\r\n")
    for word in (b"SETINFO", b"NO-TOUCH", b"PAUSE", b"KILL"):
        assert b"\r\n+" + word in reply
    assert reply.endswith(b"+HELP\r\n+    Prints this help.\r\n")


# --- against a real redis-server ---------------------------------------------------------------
ERROR_CASES = [
    ["CLIENT", "SETNAME", "a b"], ["CLIENT", "SETNAME", "a", "b"], ["CLIENT", "GETNAME", "x"],
    ["CLIENT", "REPLY", "foo"], ["CLIENT", "NO-EVICT", "maybe"], ["CLIENT", "PAUSE", "x"],
    ["CLIENT", "PAUSE", "-1"], ["CLIENT", "PAUSE", "10", "foo"], ["CLIENT", "PAUSE", "x", "foo"],
    ["CLIENT", "PAUSE", "10", "write", "x"], ["CLIENT", "PAUSE", "99999999999999999999"],
    ["CLIENT", "LIST", "x", "y", "z"], ["CLIENT", "LIST", "TYPE"], ["CLIENT", "LIST", "ID"],
    ["CLIENT", "LIST", "TYPE", "foo"], ["CLIENT", "LIST", "ID", "x"],
    ["CLIENT", "LIST", "TYPE", "pubsub"], ["CLIENT", "LIST", "ID", "99999"],
    ["CLIENT", "KILL", "1.2.3.4:5"], ["CLIENT", "KILL", "id", "x"], ["CLIENT", "KILL", "id", "0"],
    ["CLIENT", "KILL", "id", "99999"], ["CLIENT", "KILL", "type", "foo"],
    ["CLIENT", "KILL", "skipme", "maybe"], ["CLIENT", "KILL", "user", "nouser"],
    ["CLIENT", "KILL", "laddr", "1.1.1.1:1"], ["CLIENT", "KILL", "maxage", "10"],
    ["CLIENT", "KILL", "type", "master"], ["CLIENT", "KILL", "id", "1", "id"],
    ["CLIENT", "INFO", "x"], ["CLIENT", "UNPAUSE", "x"], ["CLIENT", "foo"], ["CLIENT"],
    ["CLIENT", "GETNAME"], ["CLIENT", "SETNAME", "x"], ["CLIENT", "GETNAME"],
]


def test_errors_match_redis(srv, oracle):
    Differ(srv.port, oracle.port).assert_same(ERROR_CASES)
    Differ(srv.port, oracle.port).assert_same(ERROR_CASES, resp3=True)
