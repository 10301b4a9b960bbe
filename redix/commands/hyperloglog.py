"""HyperLogLog commands: PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST.

Sketches are plain string values in Redis's own byte format (see
``redix.types.hyperloglog``), so TYPE says string, GET returns the bytes
Redis would, and a string copied from Redis with GET/SET works here.

A key holding another type gets the usual WRONGTYPE; a string that is not an
HLL gets HLL's own WRONGTYPE text, and sparse opcodes that do not cover the
registers get INVALIDOBJ once a command needs them, as in Redis.  Changes are
made in place: the key keeps its TTL.  PFCOUNT of one key stores the count it
computed in the header, which is a write (WATCH sees it) exactly when the
cached count was stale.
"""
from __future__ import annotations

from redix import errors
from redix.commands.registry import command
from redix.errors import CommandError
from redix.protocol.replies import OK, Simple
from redix.types import hyperloglog as hll
from redix.types.hyperloglog import CorruptHLL, HyperLogLog

_DENSE = Simple(b"dense")
_SPARSE = Simple(b"sparse")


def _sparse_max(client) -> int:
    return getattr(client.server.config, "hll_sparse_max_bytes", 3000)


def _hll_value(db, key: bytes):
    """The HLL string at key, or None; WRONGTYPE for other types and non-HLL strings."""
    value = db.lookup(key)
    if value is None:
        return None
    if type(value) is not bytes:
        raise CommandError(errors.WRONGTYPE)
    if not hll.is_hll(value):
        raise CommandError(errors.HLL_WRONGTYPE)
    return value


def _store(db, key: bytes, sketch: HyperLogLog) -> bytes:
    """Write a changed sketch back in place (TTL kept) and notify."""
    value = sketch.to_bytes()
    db.data[key] = value
    hll.remember(value, sketch)
    db.written(key)
    return value


@command("pfadd")
def cmd_pfadd(client, argv):
    """Add elements to the HyperLogLog at key, creating it if needed.

    PFADD key [element [element ...]]
    Integer reply: 1 if a register changed (or the key was created), else 0.
    """
    db = client.db
    key = argv[1]
    value = _hll_value(db, key)
    if value is None:
        sketch = HyperLogLog.new()
        changed = True
    else:
        sketch = hll.load(value)
        changed = False
    sparse_max = _sparse_max(client)
    add = sketch.add
    try:
        for element in argv[2:]:
            if add(element, sparse_max):
                changed = True
    except CorruptHLL:
        # Redis edits in place: what the earlier elements changed stays.
        if changed:
            sketch.invalidate()
            _store(db, key, sketch)
        else:
            hll.remember(value, sketch)
        raise CommandError(errors.HLL_CORRUPT) from None
    if not changed:
        hll.remember(value, sketch)
        return 0
    sketch.invalidate()
    _store(db, key, sketch)
    return 1


@command("pfcount")
def cmd_pfcount(client, argv):
    """The estimated number of distinct elements added to the key(s).

    PFCOUNT key [key ...]
    Integer reply.  With several keys, the count of their union (no key changes).
    """
    db = client.db
    if len(argv) > 2:
        return _pfcount_union(db, argv)
    key = argv[1]
    value = _hll_value(db, key)
    if value is None:
        return 0
    count = hll.cached_count(value)
    if count is not None:
        return count
    sketch = hll.load(value)
    try:
        count = sketch.count()
    except CorruptHLL:
        hll.remember(value, sketch)
        raise CommandError(errors.HLL_CORRUPT) from None
    value = hll.with_count(value, count)
    sketch.header = value[:hll.HEADER_SIZE]
    db.data[key] = value
    hll.remember(value, sketch)
    db.written(key)
    return hll.signed(count)


def _union_registers(db, keys):
    """(registerwise max over the keys' sketches or None if none exists, any dense?)."""
    regs = None
    dense = False
    for key in keys:
        value = _hll_value(db, key)
        if value is None:
            continue
        sketch = hll.load(value)
        try:
            theirs = sketch.registers()
        except CorruptHLL:
            raise CommandError(errors.HLL_CORRUPT) from None
        finally:
            hll.remember(value, sketch)
        dense = dense or sketch.is_dense()
        regs = theirs if regs is None else hll.union(regs, theirs)
    return regs, dense


def _pfcount_union(db, argv) -> int:
    regs, _ = _union_registers(db, argv[1:])
    if regs is None:
        return 0
    return hll.signed(hll.estimate([regs.count(v) for v in range(64)]))


@command("pfmerge")
def cmd_pfmerge(client, argv):
    """Merge the source HyperLogLogs (and destkey's own) into destkey.

    PFMERGE destkey [sourcekey [sourcekey ...]]
    Simple string reply: OK.
    """
    db = client.db
    dest = argv[1]
    regs, dense = _union_registers(db, argv[1:])
    value = db.lookup(dest)
    sparse_max = _sparse_max(client)
    if value is None and regs is not None and not dense:
        body = hll.sparse_from_registers(regs, sparse_max)
        if body is not None:
            sketch = HyperLogLog.from_sparse_body(body)
            sketch.invalidate()
            _store(db, dest, sketch)
            return OK
        dense = True        # it would have turned dense on the way
    sketch = hll.load(value) if value is not None else HyperLogLog.new()
    try:
        if dense:
            sketch.to_dense()
        if regs is not None:
            if sketch.is_dense():
                sketch.regs = hll.pack_dense(regs)
                sketch.hist = None
            else:
                # Register by register in index order, as Redis does, so the
                # sparse bytes match; registers already at their value are
                # no-ops there too.
                set_register = sketch.set_register
                for index in hll.raised_registers(sketch.registers(), regs):
                    set_register(index, regs[index], sparse_max)
    except CorruptHLL:
        if value is not None:
            hll.remember(value, sketch)
        raise CommandError(errors.HLL_CORRUPT) from None
    sketch.invalidate()
    _store(db, dest, sketch)
    return OK


@command("pfdebug")
def cmd_pfdebug(client, argv):
    """Inspect or convert an HLL's representation (for tests and debugging).

    PFDEBUG GETREG|DECODE|ENCODING|TODENSE key
    GETREG: array of the 16384 registers (the key becomes dense); DECODE: bulk
    string of the sparse opcodes; ENCODING: status dense/sparse; TODENSE:
    integer 1 if converted, 0 if already dense.
    """
    db = client.db
    sub, key = argv[1], argv[2]
    value = _hll_value(db, key)
    if value is None:
        raise CommandError(errors.HLL_NO_KEY)
    name = sub.lower()
    if name == b"encoding":
        return _DENSE if value[4] == hll.DENSE else _SPARSE
    if name == b"decode":
        if value[4] != hll.SPARSE:
            raise CommandError(errors.HLL_NOT_SPARSE)
        return hll.describe_sparse(value)
    if name not in (b"getreg", b"todense"):
        raise CommandError(errors.pfdebug_unknown(sub))
    sketch = hll.load(value)
    converted = not sketch.is_dense()
    if converted:
        try:
            sketch.to_dense()
        except CorruptHLL:
            hll.remember(value, sketch)
            raise CommandError(errors.HLL_CORRUPT) from None
        value = _store(db, key, sketch)
    else:
        hll.remember(value, sketch)
    if name == b"todense":
        return int(converted)
    return list(hll.unpack_dense(value[hll.HEADER_SIZE:]))


@command("pfselftest")
def cmd_pfselftest(client, argv):
    """Check the register packing and the sparse/dense agreement of this build.

    PFSELFTEST
    Simple string reply: OK (an error names the failed check).  A lighter
    run than Redis's, which adds ten million elements.
    """
    failure = hll.self_test()
    if failure is not None:
        raise CommandError(b"ERR TESTFAILED " + failure.encode())
    return OK
