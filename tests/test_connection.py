"""Connection commands over the wire: PING, ECHO, HELLO, AUTH, SELECT, QUIT, RESET."""
import pytest
import redis

from tests.conftest import ServerProcess


def test_ping_echo(raw):
    assert raw.cmd("PING") == b"+PONG\r\n"
    assert raw.cmd("PING", "hi") == b"$2\r\nhi\r\n"
    assert raw.cmd("PING", "a", "b") == b"-ERR wrong number of arguments for 'ping' command\r\n"
    assert raw.cmd("ECHO", "x y") == b"$3\r\nx y\r\n"


def test_inline_and_pipelined_replies_arrive_in_order(raw):
    raw.send(b"PING\r\nECHO a\r\n*2\r\n$4\r\nECHO\r\n$1\r\nb\r\n")
    assert raw.reply() == b"+PONG\r\n"
    assert raw.reply() == b"$1\r\na\r\n"
    assert raw.reply() == b"$1\r\nb\r\n"


def test_unknown_command_and_arity(raw):
    assert raw.cmd("FOO", "bar", "baz") == \
        b"-ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' \r\n"
    assert raw.cmd("GET") == b"-ERR wrong number of arguments for 'get' command\r\n"


def test_hello_switches_protocol(raw):
    reply = raw.cmd("HELLO", "3")
    assert reply.startswith(b"%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n")
    assert b"$5\r\nproto\r\n:3\r\n" in reply
    assert raw.cmd("HELLO", "4") == b"-NOPROTO unsupported protocol version\r\n"
    assert raw.cmd("HELLO", "x") == b"-ERR Protocol version is not an integer or out of range\r\n"
    assert raw.cmd("HELLO", "2", "foo") == b"-ERR Syntax error in HELLO option 'foo'\r\n"
    assert raw.cmd("HELLO", "2").startswith(b"*14\r\n")


def test_select(raw):
    assert raw.cmd("SELECT", "16") == b"-ERR DB index is out of range\r\n"
    assert raw.cmd("SELECT", "x") == b"-ERR value is not an integer or out of range\r\n"
    assert raw.cmd("SELECT", "3") == b"+OK\r\n"
    raw.cmd("SET", "k", "v3")
    assert raw.cmd("SELECT", "0") == b"+OK\r\n"
    assert raw.cmd("GET", "k") == b"$-1\r\n"


def test_quit_closes(raw):
    assert raw.cmd("QUIT") == b"+OK\r\n"
    assert raw.closed()


def test_reset(raw):
    raw.cmd("HELLO", "3")
    raw.cmd("SELECT", "2")
    assert raw.cmd("RESET") == b"+RESET\r\n"
    assert raw.cmd("GET", "nokey") == b"$-1\r\n"   # RESP2 again: null bulk


def test_protocol_error_replies_then_closes(raw):
    raw.send(b"PING\r\n*1\r\n$x\r\n")
    assert raw.reply() == b"+PONG\r\n"
    assert raw.reply() == b"-ERR Protocol error: invalid bulk length\r\n"
    assert raw.closed()


def test_auth_with_requirepass():
    with ServerProcess("--requirepass", "secret") as server:
        client = redis.Redis(port=server.port)
        with pytest.raises(redis.AuthenticationError):
            client.get("a")
        with pytest.raises(redis.AuthenticationError):
            redis.Redis(port=server.port, password="wrong").ping()
        good = redis.Redis(port=server.port, password="secret")
        assert good.ping() is True
        r3 = redis.Redis(port=server.port, password="secret", protocol=3)
        assert r3.set("k", "v") and r3.get("k") == b"v"


def test_auth_without_password_configured(raw):
    assert raw.cmd("AUTH", "x") == (b"-ERR AUTH <password> called without any password configured "
                                    b"for the default user. Are you sure your configuration is "
                                    b"correct?\r\n")
    assert raw.cmd("AUTH", "default", "anything") == b"+OK\r\n"
    assert raw.cmd("AUTH", "bob", "x") == \
        b"-WRONGPASS invalid username-password pair or user is disabled.\r\n"
