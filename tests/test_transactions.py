"""MULTI / EXEC / DISCARD / WATCH over the wire, and redis-py's transaction helpers."""
import threading
import time

import pytest
import redis


def test_queue_and_exec(raw):
    assert raw.cmd("MULTI") == b"+OK\r\n"
    assert raw.cmd("SET", "a", "1") == b"+QUEUED\r\n"
    assert raw.cmd("INCR", "a") == b"+QUEUED\r\n"
    assert raw.cmd("GET", "a") == b"+QUEUED\r\n"
    assert raw.cmd("EXEC") == b"*3\r\n+OK\r\n:2\r\n$1\r\n2\r\n"


def test_runtime_errors_are_elements(raw):
    raw.cmd("SET", "s", "x")
    raw.cmd("MULTI")
    raw.cmd("INCR", "s")
    raw.cmd("SET", "t", "1")
    assert raw.cmd("EXEC") == \
        b"*2\r\n-ERR value is not an integer or out of range\r\n+OK\r\n"


def test_queue_time_error_aborts(raw):
    raw.cmd("MULTI")
    assert raw.cmd("SET", "a") == b"-ERR wrong number of arguments for 'set' command\r\n"
    assert raw.cmd("NOSUCH") .startswith(b"-ERR unknown command 'NOSUCH'")
    assert raw.cmd("SET", "a", "1") == b"+QUEUED\r\n"
    assert raw.cmd("EXEC") == b"-EXECABORT Transaction discarded because of previous errors.\r\n"
    assert raw.cmd("GET", "a") == b"$-1\r\n"


def test_errors_outside_and_nested(raw):
    assert raw.cmd("EXEC") == b"-ERR EXEC without MULTI\r\n"
    assert raw.cmd("DISCARD") == b"-ERR DISCARD without MULTI\r\n"
    raw.cmd("MULTI")
    assert raw.cmd("MULTI") == b"-ERR MULTI calls can not be nested\r\n"
    assert raw.cmd("WATCH", "x") == b"-ERR WATCH inside MULTI is not allowed\r\n"
    # Neither error dooms the transaction.
    raw.cmd("SET", "n", "1")
    assert raw.cmd("EXEC") == b"*1\r\n+OK\r\n"


def test_discard_drops_queue(raw):
    raw.cmd("MULTI")
    raw.cmd("SET", "d", "1")
    assert raw.cmd("DISCARD") == b"+OK\r\n"
    assert raw.cmd("GET", "d") == b"$-1\r\n"


def test_watch_touched_by_other_client_aborts(raw):
    other = raw.connect()
    raw.cmd("SET", "w", "1")
    raw.cmd("WATCH", "w")
    other.cmd("SET", "w", "2")
    raw.cmd("MULTI")
    raw.cmd("SET", "w", "3")
    assert raw.cmd("EXEC") == b"*-1\r\n"
    assert raw.cmd("GET", "w") == b"$1\r\n2\r\n"


def test_watch_null_is_resp3_null(raw):
    other = raw.connect()
    raw.cmd("HELLO", "3")
    raw.cmd("WATCH", "w")
    other.cmd("SET", "w", "2")
    raw.cmd("MULTI")
    raw.cmd("PING")
    assert raw.cmd("EXEC") == b"_\r\n"


def test_watch_untouched_succeeds_and_exec_unwatches(raw):
    other = raw.connect()
    raw.cmd("WATCH", "w")
    raw.cmd("MULTI")
    raw.cmd("SET", "w", "mine")
    assert raw.cmd("EXEC") == b"*1\r\n+OK\r\n"
    # After EXEC nothing is watched any more.
    other.cmd("SET", "w", "theirs")
    raw.cmd("MULTI")
    raw.cmd("GET", "w")
    assert raw.cmd("EXEC") == b"*1\r\n$6\r\ntheirs\r\n"


@pytest.mark.parametrize("touch", [
    ["DEL", "w"], ["EXPIRE", "w", "100"], ["FLUSHDB"], ["FLUSHALL"], ["RENAME", "w", "w2"],
    ["SWAPDB", "0", "1"], ["APPEND", "w", "x"],
])
def test_every_kind_of_write_invalidates_watch(raw, touch):
    other = raw.connect()
    raw.cmd("SET", "w", "1")
    raw.cmd("WATCH", "w")
    reply = other.cmd(*touch)
    assert not reply.startswith(b"-"), reply
    raw.cmd("MULTI")
    raw.cmd("PING")
    assert raw.cmd("EXEC") == b"*-1\r\n"
    other.cmd("SWAPDB", "0", "1") if touch[0] == "SWAPDB" else None


def test_watch_then_expiry_aborts(raw):
    raw.cmd("SET", "w", "1", "PX", "30")
    raw.cmd("WATCH", "w")
    time.sleep(0.08)
    raw.cmd("MULTI")
    raw.cmd("PING")
    assert raw.cmd("EXEC") == b"*-1\r\n"


def test_unwatch(raw):
    other = raw.connect()
    raw.cmd("WATCH", "w")
    assert raw.cmd("UNWATCH") == b"+OK\r\n"
    other.cmd("SET", "w", "x")
    raw.cmd("MULTI")
    raw.cmd("PING")
    assert raw.cmd("EXEC") == b"*1\r\n+PONG\r\n"


def test_commands_not_allowed_in_multi(raw):
    raw.cmd("MULTI")
    assert raw.cmd("SAVE") in (b"-ERR Command not allowed inside a transaction\r\n",
                               b"-ERR unknown command 'SAVE', with args beginning with: \r\n")
    assert raw.cmd("EXEC") .startswith(b"-EXECABORT")


def test_redis_py_pipeline_transaction(r):
    pipe = r.pipeline(transaction=True)
    pipe.set("p", 1).incr("p").incrby("p", 10).get("p")
    assert pipe.execute() == [True, 2, 12, b"12"]


def test_redis_py_watch_retry_loop(redix_server):
    r = redis.Redis(port=redix_server.port)
    r.set("counter", 0)
    attempts = []

    def increment(pipe):
        value = int(pipe.get("counter"))
        attempts.append(value)
        pipe.multi()
        pipe.set("counter", value + 1)

    def worker():
        client = redis.Redis(port=redix_server.port)
        for _ in range(50):
            client.transaction(increment, "counter")

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert int(r.get("counter")) == 200
    assert len(attempts) >= 200
