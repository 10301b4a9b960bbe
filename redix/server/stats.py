"""Server-wide counters for INFO stats, and the instantaneous rates Redis samples.

``errors`` maps an error code (``ERR``, ``WRONGTYPE``...) to how many error
replies carried it (INFO errorstats); ``reset`` is CONFIG RESETSTAT.
"""
from __future__ import annotations

import time


class Stats:
    SAMPLES = 16

    def __init__(self):
        self.connections_received = 0
        self.rejected_connections = 0
        self.net_input_bytes = 0
        self.net_output_bytes = 0
        self.keyspace_hits = 0
        self.keyspace_misses = 0
        self.evicted_keys = 0
        self.total_error_replies = 0
        self.errors: dict = {}
        self._last = None
        self._ops: list = []
        self._in: list = []
        self._out: list = []

    def sample(self, server) -> None:
        """Called from cron: rates over the last ~1.6 s, like Redis's trackInstantaneousMetric."""
        now = time.monotonic()
        total = sum(c.calls for c in _commands())
        point = (now, total, self.net_input_bytes, self.net_output_bytes)
        if self._last is not None:
            dt = now - self._last[0]
            if dt > 0:
                for series, i in ((self._ops, 1), (self._in, 2), (self._out, 3)):
                    series.append((point[i] - self._last[i]) / dt)
                    del series[:-self.SAMPLES]
        self._last = point

    @staticmethod
    def _avg(series) -> float:
        return sum(series) / len(series) if series else 0.0

    def ops_per_sec(self) -> int:
        return int(self._avg(self._ops))

    def input_kbps(self) -> float:
        return self._avg(self._in) / 1024

    def output_kbps(self) -> float:
        return self._avg(self._out) / 1024

    def reset(self) -> None:
        self.__init__()


def _commands():
    from redix.commands.registry import all_commands
    for cmd in all_commands():
        yield cmd
        yield from cmd.subcommands.values()
