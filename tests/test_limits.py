"""Faults and limits: many clients, slow readers, maxclients, bulk and query-buffer limits."""
import socket
import threading
import time

import redis

from tests.conftest import RawConnection, ServerProcess, encode_command


def test_thousand_concurrent_clients(redix_server):
    socks = [socket.create_connection(("127.0.0.1", redix_server.port)) for _ in range(1000)]
    try:
        for i, s in enumerate(socks):
            s.sendall(encode_command("ECHO", f"c{i}"))
        for i, s in enumerate(socks):
            s.settimeout(10)
            want = b"$%d\r\nc%d\r\n" % (len(str(i)) + 1, i)
            got = b""
            while len(got) < len(want):
                chunk = s.recv(100)
                assert chunk, f"client {i} closed"
                got += chunk
            assert got == want
    finally:
        for s in socks:
            s.close()


def test_client_that_stops_reading_does_not_block_others(redix_server):
    r = redis.Redis(port=redix_server.port)
    r.set("big", b"x" * 1_000_000)
    hog = socket.create_connection(("127.0.0.1", redix_server.port))
    hog.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    # 200 MB of replies that the hog never reads.
    hog.sendall(encode_command("GET", "big") * 200)
    other = redis.Redis(port=redix_server.port, socket_timeout=5)
    start = time.monotonic()
    for _ in range(100):
        assert other.ping() is True
    assert other.get("big") == b"x" * 1_000_000
    # Not a timing assertion of speed: only that the loop kept serving (a stall
    # would hit the 5 s socket timeout above).
    assert time.monotonic() - start < 30
    hog.close()
    r.delete("big")


def test_maxclients_refuses_with_redis_error():
    with ServerProcess("--maxclients", "2") as server:
        a = RawConnection(server.port)
        b = RawConnection(server.port)
        assert a.cmd("PING") == b"+PONG\r\n" and b.cmd("PING") == b"+PONG\r\n"
        c = RawConnection(server.port)
        assert c.reply() == b"-ERR max number of clients reached\r\n"
        assert c.closed()
        a.close()
        # A freed slot is usable again.
        deadline = time.monotonic() + 5
        while True:
            d = RawConnection(server.port)
            d.send(b"PING\r\n")
            reply = d.reply()
            if reply == b"+PONG\r\n" or time.monotonic() > deadline:
                break
            d.close()
        assert reply == b"+PONG\r\n"


def test_bulk_longer_than_proto_max_bulk_len_is_refused(raw):
    raw.send(b"*2\r\n$3\r\nSET\r\n$600000000\r\n")
    assert raw.reply() == b"-ERR Protocol error: invalid bulk length\r\n"
    assert raw.closed()


def test_invalid_multibulk_length(raw):
    raw.send(b"*3000000000\r\n")
    assert raw.reply() == b"-ERR Protocol error: invalid multibulk length\r\n"
    assert raw.closed()


def test_unauthenticated_limits():
    with ServerProcess("--requirepass", "pw") as server:
        conn = RawConnection(server.port)
        conn.send(b"*20\r\n")
        assert conn.reply() == b"-ERR Protocol error: unauthenticated multibulk length\r\n"
        assert conn.closed()
        conn = RawConnection(server.port)
        conn.send(b"*1\r\n$20000\r\n")
        assert conn.reply() == b"-ERR Protocol error: unauthenticated bulk length\r\n"
        assert conn.closed()


def test_query_buffer_limit_closes_client():
    with ServerProcess("--client-query-buffer-limit", "1048576") as server:
        conn = RawConnection(server.port)
        conn.send(b"*2\r\n$3\r\nGET\r\n$3000000\r\n")
        try:
            conn.send(b"x" * 1_500_000)
        except OSError:
            pass
        assert conn.closed()
        assert redis.Redis(port=server.port).ping() is True


def test_garbage_never_kills_the_server(redix_server):
    import random
    rng = random.Random(1234)
    for _ in range(200):
        conn = RawConnection(redix_server.port)
        conn.sock.settimeout(2)
        try:
            conn.send(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))))
        except OSError:
            pass
        conn.close()
    assert redis.Redis(port=redix_server.port).ping() is True


def test_concurrent_writers_lose_nothing(redix_server):
    def worker(n):
        client = redis.Redis(port=redix_server.port)
        pipe = client.pipeline(transaction=False)
        for i in range(500):
            pipe.set(f"w{n}:{i}", i)
        assert all(pipe.execute())
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert redis.Redis(port=redix_server.port).dbsize() >= 8 * 500
