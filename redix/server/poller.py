"""Readiness polling for the loop: epoll directly where there is one, else ``selectors``.

``selectors`` wraps every ready descriptor in a ``SelectorKey`` tuple; at one
request per event (redis-benchmark ``-P 1``) that wrapping is a measurable
share of the per-request cost, so on Linux the loop talks to ``select.epoll``
itself and keeps its own fd -> object map.  Elsewhere the ``selectors``
fallback gives the same interface.

API: ``make_poller()``; ``poller.register(sock, mask, data)``, ``modify``,
``unregister(sock)``, ``poll(timeout) -> [(fd, mask)]``, ``poller.data`` (fd ->
data), masks ``READ``, ``WRITE`` and ``ERROR`` (hang-up or error: treat as readable).
"""
from __future__ import annotations

import select
import selectors

READ = 0x001      # EPOLLIN
WRITE = 0x004     # EPOLLOUT
ERROR = 0x008 | 0x010   # EPOLLERR | EPOLLHUP


class EpollPoller:
    __slots__ = ("_epoll", "data", "name")

    def __init__(self):
        self._epoll = select.epoll()
        self.data: dict = {}
        self.name = "epoll"

    def register(self, sock, mask: int, data) -> None:
        fd = sock.fileno()
        self._epoll.register(fd, mask)
        self.data[fd] = data

    def modify(self, sock, mask: int, data) -> None:
        fd = sock.fileno()
        self._epoll.modify(fd, mask)
        self.data[fd] = data

    def unregister(self, sock) -> None:
        fd = sock.fileno()
        if self.data.pop(fd, None) is not None or fd >= 0:
            try:
                self._epoll.unregister(fd)
            except (OSError, ValueError):
                pass

    def poll(self, timeout):
        return self._epoll.poll(-1 if timeout is None else timeout)


class SelectorsPoller:
    """The same interface over ``selectors.DefaultSelector`` (kqueue, poll, select)."""

    __slots__ = ("_selector", "data", "name")

    def __init__(self):
        self._selector = selectors.DefaultSelector()
        self.data: dict = {}
        self.name = type(self._selector).__name__

    @staticmethod
    def _events(mask: int) -> int:
        return (selectors.EVENT_READ if mask & READ else 0) | \
            (selectors.EVENT_WRITE if mask & WRITE else 0)

    def register(self, sock, mask: int, data) -> None:
        self._selector.register(sock, self._events(mask), data)
        self.data[sock.fileno()] = data

    def modify(self, sock, mask: int, data) -> None:
        self._selector.modify(sock, self._events(mask), data)
        self.data[sock.fileno()] = data

    def unregister(self, sock) -> None:
        self.data.pop(sock.fileno(), None)
        try:
            self._selector.unregister(sock)
        except (KeyError, ValueError):
            pass

    def poll(self, timeout):
        out = []
        for key, events in self._selector.select(timeout):
            mask = (READ if events & selectors.EVENT_READ else 0) | \
                (WRITE if events & selectors.EVENT_WRITE else 0)
            out.append((key.fd, mask))
        return out


def make_poller():
    return EpollPoller() if hasattr(select, "epoll") else SelectorsPoller()
