"""The request reader's decisions against a live redis-server 7.0.

For each raw request stream the pure-Python twin (the reference; the compiled
twin must match it, see ``test_twins_resp``) predicts what Redis does: which
commands it runs before it stops, and whether it then replies
``-ERR Protocol error: <detail>`` and closes, or keeps waiting for bytes.
Replies are predicted exactly for PING and ECHO, whose output shows how the
arguments were split; any other command only has to give an error line.

The tests use the shared ``oracle`` (skipped when redis-server is not on PATH),
and one with ``--requirepass`` of their own.
"""
from __future__ import annotations

import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redix.errors import protocol
from redix.protocol import _resp_py

pytestmark = pytest.mark.differential

READ = 16 * 1024        # Redis reads requests in PROTO_IOBUF_LEN pieces
IDLE = 0.15             # silence that means "Redis is waiting for more"


@pytest.fixture(scope="module")
def auth_oracle(fresh_oracle):
    """A redis-server that requires a password: the limits on unauthenticated clients."""
    return fresh_oracle("--requirepass", "secret")


def _replies(raw):
    """Split Redis's output into replies (only +, -, : and $ occur here)."""
    out, pos = [], 0
    while pos < len(raw):
        end = raw.index(b"\r\n", pos)
        line = raw[pos:end]
        pos = end + 2
        if line[:1] == b"$" and line != b"$-1":
            n = int(line[1:])
            out.append(raw[pos:pos + n])
            pos += n + 2
        else:
            out.append(line)
    return out


def _exchange(port, data):
    """Send ``data``; return Redis's replies and whether it closed the connection."""
    chunks, closed = [], False
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        try:
            s.sendall(data)
            s.settimeout(IDLE)
            while True:
                got = s.recv(65536)
                if not got:
                    closed = True
                    break
                chunks.append(got)
        except socket.timeout:
            pass
        except ConnectionResetError:
            closed = True
    return _replies(b"".join(chunks)), closed


def _predict(data, strict=False):
    """Replies the reference reader implies, and whether the connection closes."""
    reader = _resp_py.Reader()
    reader.strict = strict
    commands = []
    for pos in range(0, len(data), READ):
        reader.feed(data[pos:pos + READ])
        commands += reader.commands()
        if reader.error:
            break
    replies = []
    for cmd in commands:
        name = cmd[0].upper()
        if strict:
            replies.append(b"-NOAUTH Authentication required.")
        elif name == b"PING" and len(cmd) == 1:
            replies.append(b"+PONG")
        elif name in (b"PING", b"ECHO") and len(cmd) == 2:
            replies.append(cmd[1])
        else:
            replies.append(None)        # some error line
    if reader.error:
        replies.append(b"-" + protocol(reader.error))
    return replies, reader.error is not None


def _check(port, data, strict=False):
    expected, closes = _predict(data, strict)
    got, closed = _exchange(port, data)
    assert closed == closes, (data[:80], got)
    assert len(got) == len(expected), (data[:80], got, expected)
    for g, e in zip(got, expected):
        if e is None:
            assert g.startswith(b"-ERR "), g
        else:
            assert g == e


LONG = 70000

VECTORS = [
    b"*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$5\r\na\r\nb\x00\r\n",
    b"*1\r\n$3\r\nfoo",
    b"*3000000000\r\n",
    b"*1\r\n$-1\r\n",
    b"a" * LONG,
    b"*1\r\nx",
    b"*1\r\nx\r\n",
    b"*1\r\n\xff\r\n",
    b"*1\r\n\r\n",
    b"*1\r\n\n\r\n",
    b"*1\x00\r\n",
    b"*1\r\n$3\x00\r\n",
    b"ECHO a\x0bb\r\n",
    b"ECHO \x0b\x0cab\r\n",
    b'ECHO "\\x41\\n"\r\nECHO \'it\\\'s\'\r\nECHO "\\x4g"\r\nECHO "\\q"\r\n',
    b"*" + b"1" * LONG + b"\r",
    b"*" + b"1" * LONG,
    b"*1\r\n$" + b"1" * LONG,
    b"*1\r\n" + b"x" * LONG,
    b"*1\r\n$" + b"1" * LONG + b"\r",
    b"PING\x00\n",
    b"PING\x00" + b"a" * LONG + b"\n",
    b"PING\r\nPING\r\n*x\r\n",
    b"*-1\r\n*0\r\n*-5\r\nPING\r\n",
    b"*-0\r\n",
    b"*+1\r\n$4\r\nPING\r\n",
    b"*1\r\n$04\r\nPING\r\n",
    b'ECHO "abc\r\n',
    b"ECHO 'abc\r\n",
    b'ECHO "abc"d\r\n',
    b'ECHO "a\\\r\n',
    b"*1\rX$4\rXPING\r\nPING\r\n",
    b"\r\n\n  \r\nPING\r\n",
    b"*1\r\n$536870913\r\n",
    b"*1\r\n$536870912\r\n",
    b"*1\r\n$000000000000000000001\r\n",
    b"*" + b"9" * 20 + b"\r\n",
    b"*2\r\n$4\r\nECHOXX$2\r\nhiZZ",
    b"PING\rPING\n",
]


@pytest.mark.parametrize("data", VECTORS, ids=[repr(v[:24])[2:-1] for v in VECTORS])
def test_vectors_match_redis(oracle, data):
    _check(oracle.port, data)


@pytest.mark.parametrize("data", [
    b"*11\r\n", b"*10\r\n", b"*1\r\n$16385\r\n", b"*1\r\n$16384\r\n",
    b"*1\r\n$536870913\r\n", b"*3000000000\r\n", b"PING " + b"a " * 20 + b"\r\n",
])
def test_unauthenticated_limits_match_redis(auth_oracle, data):
    _check(auth_oracle.port, data, strict=True)


# Fragments that cannot spell a command with side effects: any command they
# form is PING, ECHO or unknown, so every reply is predictable.
FRAGMENTS = st.sampled_from([
    b"*", b"$", b"\r\n", b"\r", b"\n", b"0", b"1", b"2", b"3", b"9", b"-", b"+", b"x", b" ",
    b"\t", b"\x0b", b"\x00", b'"', b"'", b"\\", b"\\x4", b"\\x41", b"\xff", b"PING", b"ECHO ",
    b"*1\r\n", b"*2\r\n", b"$1\r\n", b"$4\r\nPING\r\n", b"$4\r\nECHO\r\n", b"$-1\r\n",
    b"PING\r\n",
])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.lists(FRAGMENTS, min_size=1, max_size=30).map(b"".join))
def test_random_streams_match_redis(oracle, data):
    _check(oracle.port, data)
