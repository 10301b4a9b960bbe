"""Command families: importing this package registers every handler in the table.

One module per family (``strings``, ``bitmaps``, ``keys``, ``expire``,
``connection``, ``transactions``, ``pubsub``, ``server``, ``diagnostics``,
``client_cmds``, ``tracking_cmds``, ``command_cmds``, ``streams``...), each with handlers named
``cmd_<name>`` registered by ``@command``.  ``gate`` holds the slow-path checks (auth, MULTI
queueing, pub/sub context, pause).
"""
from redix.commands import gate  # noqa: F401
from redix.commands import connection  # noqa: F401
from redix.commands import strings  # noqa: F401
from redix.commands import bitmaps  # noqa: F401
from redix.commands import keys  # noqa: F401
from redix.commands import expire  # noqa: F401
from redix.commands import transactions  # noqa: F401
from redix.commands import pubsub  # noqa: F401
from redix.commands import server  # noqa: F401
from redix.commands import diagnostics  # noqa: F401
from redix.commands import client_cmds  # noqa: F401
from redix.commands import tracking_cmds  # noqa: F401
from redix.commands import command_cmds  # noqa: F401
from redix.commands import hyperloglog  # noqa: F401
from redix.commands import zsets  # noqa: F401
from redix.commands import zsets_ranges  # noqa: F401
from redix.commands import zsets_setops  # noqa: F401
from redix.commands import geo  # noqa: F401
from redix.commands import lists  # noqa: F401
from redix.commands import lists_blocking  # noqa: F401
from redix.commands import unblock  # noqa: F401
from redix.commands import zsets_blocking  # noqa: F401
from redix.commands import hashes  # noqa: F401
from redix.commands import sets  # noqa: F401
from redix.commands import streams  # noqa: F401
from redix.commands import stream_groups  # noqa: F401
from redix.commands import stream_read  # noqa: F401
from redix.commands import stream_info  # noqa: F401
