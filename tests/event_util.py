"""Watching keyspace notifications in tests: what a subscriber to ``__key*__:*`` receives.

``EventLog(port)`` is a subscriber (RESP2, or RESP3 with ``resp3=True``) to
every keyspace and keyevent channel, plus a marker channel.  ``run(conn,
*args)`` sends one command on ``conn`` and returns ``(reply, events)``: the
events are read up to a marker published *after* the command, so they are
exactly that command's (a server delivers one client's messages in order),
with no waiting on timers.  An event is ``(kind, db, name, key)``: ``kind`` is
``"space"`` or ``"event"``; ``compact(events)`` keeps one line per keyspace
event, ``"name key"`` (``"name key @db"`` outside db 0), which is how the
expected lists in the tests are written.

``notifications(conn, flags)`` sets ``notify-keyspace-events`` for a block
and restores "" afterwards, even when the block fails (the servers are
shared by the whole session).
"""
from __future__ import annotations

from contextlib import contextmanager

from tests.resp_util import RawConnection, parse_reply

MARK = b"__test_mark__"


class EventLog:
    def __init__(self, port: int, resp3: bool = False, pattern: str = "__key*__:*"):
        self.sub = RawConnection(port)
        if resp3:
            assert self.sub.cmd("HELLO", "3").startswith(b"%")
        self.sub.cmd("PSUBSCRIBE", pattern)
        self.sub.cmd("SUBSCRIBE", MARK)
        self.marker = RawConnection(port)
        self.count = 0

    def collect(self) -> list:
        """The events published before now (since the last collect)."""
        self.count += 1
        mark = b"%d" % self.count
        assert self.marker.cmd("PUBLISH", MARK, mark) == b":1\r\n"
        events = []
        while True:
            frame = self.next_frame()
            if frame[0] == b"message" and frame[1] == MARK:
                assert frame[2] == mark, frame
                return events
            events.append(_event(frame))

    def next_frame(self) -> list:
        return parse_reply(self.sub.reply())

    def next_event(self) -> tuple:
        """Wait for the next event (active expiry...), up to the socket timeout."""
        return _event(self.next_frame())

    def run(self, conn, *args):
        reply = conn.cmd(*args)
        return reply, self.collect()

    def close(self) -> None:
        self.sub.close()
        self.marker.close()


def _event(frame) -> tuple:
    assert frame[0] == b"pmessage", frame
    channel, message = frame[2], frame[3]
    prefix, _, rest = channel.partition(b"@")
    db, _, name = rest.partition(b"__:")
    if prefix == b"__keyspace":
        return ("space", int(db), message, name)
    assert prefix == b"__keyevent", channel
    return ("event", int(db), name, message)


def compact(events) -> list:
    """``"name key"`` per keyspace event (``"name key @db"`` outside db 0); the keyevent
    twin of each must follow it, which is checked here."""
    out = []
    for i in range(0, len(events), 2):
        space, twin = events[i], events[i + 1] if i + 1 < len(events) else None
        assert space[0] == "space" and twin == ("event",) + space[1:], events
        line = f"{space[2].decode()} {space[3].decode()}"
        out.append(line if space[1] == 0 else f"{line} @{space[1]}")
    return out


@contextmanager
def notifications(conn, flags: str):
    """``notify-keyspace-events`` set to ``flags`` for the block (via ``conn``)."""
    assert conn.cmd("CONFIG", "SET", "notify-keyspace-events", flags) == b"+OK\r\n"
    try:
        yield
    finally:
        conn.cmd("CONFIG", "SET", "notify-keyspace-events", "")
