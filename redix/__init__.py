"""Redix: a Redis 7 compatible server in Python with Cython hot paths.

Layout (where to find X):
    cli.py, __main__.py   the ``redix-server`` command: redis-server style arguments
    config.py             every CONFIG parameter: name, type, default, validation
    errors.py             every error string, exactly as Redis words it
    _speedups.py          compiled-or-twin selection (REDIX_NO_EXTENSIONS)
    protocol/             RESP reader and RESP2/RESP3 encoder (compiled + twin), reply types
    server/               the selectors loop, clients, stats
    keyspace/             databases, lazy and active expiry, hashing (CRC16, CRC64, glob)
    types/                data structures (stream IDs...)
    commands/             the command table and one module per command family
"""
__version__ = "0.1.0"
