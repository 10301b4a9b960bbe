"""Pub/Sub over the wire: exact frames in RESP2 and RESP3, patterns, shard channels,
the RESP2 subscribed context, redis-py's PubSub, and a subscriber that never reads."""
import socket
import threading
import time

import redis

from tests.conftest import RawConnection, ServerProcess, encode_command


def test_subscribe_publish_resp2(raw):
    pub = raw.connect()
    raw.send(encode_command("SUBSCRIBE", "a", "b"))
    assert raw.reply() == b"*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n"
    assert raw.reply() == b"*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n"
    assert pub.cmd("PUBLISH", "a", "hi") == b":1\r\n"
    assert raw.reply() == b"*3\r\n$7\r\nmessage\r\n$1\r\na\r\n$2\r\nhi\r\n"
    assert pub.cmd("PUBLISH", "zzz", "x") == b":0\r\n"


def test_resp2_subscribed_context(raw):
    raw.send(encode_command("SUBSCRIBE", "a"))
    raw.reply()
    assert raw.cmd("PING") == b"*2\r\n$4\r\npong\r\n$0\r\n\r\n"
    assert raw.cmd("PING", "x") == b"*2\r\n$4\r\npong\r\n$1\r\nx\r\n"
    assert raw.cmd("GET", "x") == (b"-ERR Can't execute 'get': only (P|S)SUBSCRIBE / "
                                   b"(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this "
                                   b"context\r\n")
    assert raw.cmd("UNSUBSCRIBE") == b"*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:0\r\n"
    assert raw.cmd("GET", "x") == b"$-1\r\n"


def test_unsubscribe_when_not_subscribed(raw):
    assert raw.cmd("UNSUBSCRIBE") == b"*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n"
    assert raw.cmd("PUNSUBSCRIBE") == b"*3\r\n$12\r\npunsubscribe\r\n$-1\r\n:0\r\n"


def test_patterns_and_counts(raw):
    pub = raw.connect()
    raw.send(encode_command("SUBSCRIBE", "news.x"))
    raw.reply()
    assert raw.cmd("PSUBSCRIBE", "news.*") == b"*3\r\n$10\r\npsubscribe\r\n$6\r\nnews.*\r\n:2\r\n"
    assert pub.cmd("PUBLISH", "news.x", "m") == b":2\r\n"
    assert raw.reply() == b"*3\r\n$7\r\nmessage\r\n$6\r\nnews.x\r\n$1\r\nm\r\n"
    assert raw.reply() == b"*4\r\n$8\r\npmessage\r\n$6\r\nnews.*\r\n$6\r\nnews.x\r\n$1\r\nm\r\n"
    assert pub.cmd("PUBSUB", "NUMPAT") == b":1\r\n"
    assert pub.cmd("PUBSUB", "NUMSUB", "news.x", "nope") == \
        b"*4\r\n$6\r\nnews.x\r\n:1\r\n$4\r\nnope\r\n:0\r\n"
    assert pub.cmd("PUBSUB", "CHANNELS", "news.*") == b"*1\r\n$6\r\nnews.x\r\n"


def test_shard_channels(raw):
    pub = raw.connect()
    raw.send(encode_command("SSUBSCRIBE", "s1", "s2"))
    assert raw.reply() == b"*3\r\n$10\r\nssubscribe\r\n$2\r\ns1\r\n:1\r\n"
    assert raw.reply() == b"*3\r\n$10\r\nssubscribe\r\n$2\r\ns2\r\n:2\r\n"
    assert pub.cmd("SPUBLISH", "s1", "x") == b":1\r\n"
    assert raw.reply() == b"*3\r\n$8\r\nsmessage\r\n$2\r\ns1\r\n$1\r\nx\r\n"
    assert pub.cmd("PUBSUB", "SHARDNUMSUB", "s1") == b"*2\r\n$2\r\ns1\r\n:1\r\n"
    assert pub.cmd("PUBSUB", "SHARDCHANNELS") in (b"*2\r\n$2\r\ns1\r\n$2\r\ns2\r\n",
                                                  b"*2\r\n$2\r\ns2\r\n$2\r\ns1\r\n")


def test_resp3_push_frames_and_normal_commands(raw):
    pub = raw.connect()
    raw.cmd("HELLO", "3")
    assert raw.cmd("SUBSCRIBE", "a") == b">3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n"
    assert raw.cmd("GET", "x") == b"_\r\n"
    pub.cmd("PUBLISH", "a", "hi")
    assert raw.reply() == b">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$2\r\nhi\r\n"


def test_disconnected_subscriber_is_forgotten(raw):
    sub = raw.connect()
    sub.send(encode_command("SUBSCRIBE", "gone"))
    sub.reply()
    sub.close()
    deadline = time.monotonic() + 5
    while raw.cmd("PUBSUB", "NUMSUB", "gone") != b"*2\r\n$4\r\ngone\r\n:0\r\n":
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_redis_py_pubsub(r):
    p = r.pubsub()
    p.subscribe("chan")
    p.psubscribe("ch*")
    assert p.get_message(timeout=2)["type"] == "subscribe"
    assert p.get_message(timeout=2)["type"] == "psubscribe"
    assert r.publish("chan", "hello") == 2
    m1, m2 = p.get_message(timeout=2), p.get_message(timeout=2)
    assert (m1["type"], m1["data"]) == ("message", b"hello")
    assert (m2["type"], m2["pattern"], m2["data"]) == ("pmessage", b"ch*", b"hello")
    received = []
    done = threading.Event()

    def handler(message):
        received.append(message["data"])
        if len(received) == 3:
            done.set()
    p2 = r.pubsub()
    p2.subscribe(**{"thr": handler})
    thread = p2.run_in_thread(sleep_time=0.01)
    deadline = time.monotonic() + 5
    while r.pubsub_numsub("thr")[0][1] != 1:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    for i in range(3):
        r.publish("thr", str(i))
    assert done.wait(5)
    thread.stop()
    thread.join(5)
    p2.close()
    assert received == [b"0", b"1", b"2"]
    p.close()


def test_slow_subscriber_is_dropped_while_others_get_everything():
    with ServerProcess("--client-output-buffer-limit", "pubsub 1mb 256kb 1") as server:
        slow = socket.create_connection(("127.0.0.1", server.port))
        slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        slow.sendall(encode_command("SUBSCRIBE", "feed"))
        fast = RawConnection(server.port)
        fast.send(encode_command("SUBSCRIBE", "feed"))
        assert fast.reply().startswith(b"*3\r\n$9\r\nsubscribe")
        pub = redis.Redis(port=server.port)
        while pub.pubsub_numsub("feed")[0][1] != 2:
            time.sleep(0.01)
        payload = b"x" * 10_000
        received = 0
        for i in range(3000):
            pub.publish("feed", payload)
            # The fast subscriber reads as it goes.
            while fast.buf or received <= i:
                reply = fast.reply()
                assert reply.endswith(payload + b"\r\n")
                received += 1
                if received > i:
                    break
        assert received == 3000
        assert pub.pubsub_numsub("feed")[0][1] == 1   # the slow one was cut off
        slow.close()


def test_redis_py_listen(r):
    import threading
    p = r.pubsub(ignore_subscribe_messages=True)
    p.subscribe("lst")

    def publisher():
        deadline = time.monotonic() + 5
        while r.pubsub_numsub("lst")[0][1] != 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        for word in ("a", "b", "stop"):
            r.publish("lst", word)
    threading.Thread(target=publisher).start()
    got = []
    for message in p.listen():
        if message["type"] != "message":
            continue
        got.append(message["data"])
        if message["data"] == b"stop":
            break
    p.close()
    assert got == [b"a", b"b", b"stop"]
