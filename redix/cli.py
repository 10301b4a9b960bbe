"""Placeholder entry point (replaced by the full redis-server style CLI)."""
import sys

from redix.config import parse_args


def main(argv=None):
    cfg = parse_args(sys.argv[1:] if argv is None else argv)
    from redix.server.loop import Server
    return Server(cfg).run()
