"""Which arguments of a command are keys, with their access flags (COMMAND GETKEYS).

Redis 7 describes key positions with *key specs* (recorded per command in
``redix/data/commands.json``): where to start looking (``begin_search``: a
fixed index, or just after a keyword) and how many keys follow
(``find_keys``: a range, or a count read from the arguments).  A few commands
cannot be described that way (the spec is ``unknown``, ``incomplete``, or its
flags depend on the arguments); Redis gives those a dedicated function, and so
does this module (``_PROCS``).

Rules observed on Redis 7.0 and kept here:

* specs flagged ``not_key`` (SPUBLISH's channel...) are not keys;
* a keyword search never looks at the last argument, and backwards searches
  stop before argument 1;
* a spec whose range or key count runs past the arguments invalidates the whole
  answer: no keys at all (or the dedicated function's answer);
* keys come out in spec order, not sorted, and are not deduplicated.

API: ``key_refs(cmd, argv) -> [(position, flags)]``, ``has_keys(cmd)``.
"""
from __future__ import annotations

from redix.commands.args import to_int


def has_keys(cmd) -> bool:
    """False for commands that take no keys (COMMAND GETKEYS refuses them)."""
    return cmd.fullname in _PROCS or any("not_key" not in s["flags"] for s in cmd.key_specs)


def key_refs(cmd, argv: list) -> list:
    """[(position, flags tuple)] of the keys in argv (argv[0] is the command name)."""
    specs = [s for s in cmd.key_specs if "not_key" not in s["flags"]]
    proc = _PROCS.get(cmd.fullname)
    if specs and not any("variable_flags" in s["flags"] for s in specs):
        refs = _from_specs(specs, argv)
        if refs is not None:
            return refs
    return proc(argv) if proc is not None else []


def _from_specs(specs, argv):
    """Keys found by the specs, or None when one of them does not fit the arguments."""
    argc = len(argv)
    refs = []
    for spec in specs:
        search, find = spec["begin_search"], spec["find_keys"]
        if "incomplete" in spec["flags"]:
            return None
        if search["type"] == "index":
            first = search["spec"]["index"]
        elif search["type"] == "keyword":
            first = _after_keyword(argv, search["spec"]["keyword"].encode().lower(),
                                   search["spec"]["startfrom"])
            if first is None:
                continue        # keyword absent: this spec contributes nothing
        else:
            return None
        if find["type"] == "range":
            fk = find["spec"]
            step = fk["keystep"]
            if fk["lastkey"] >= 0:
                last = first + fk["lastkey"]
            elif not fk["limit"]:
                last = argc + fk["lastkey"]
            else:
                last = first + (argc - first) // fk["limit"] + fk["lastkey"]
        elif find["type"] == "keynum":
            fk = find["spec"]
            step = fk["keystep"]
            if first + fk["keynumidx"] >= argc:
                return None
            count = to_int(argv[first + fk["keynumidx"]])
            if count is None or count < 0:
                return None
            first += fk["firstkey"]
            last = first + count - 1
        else:
            return None
        if last >= argc or last < first or first >= argc:
            return None
        flags = tuple(spec["flags"])
        refs.extend((i, flags) for i in range(first, last + 1, step))
    return refs


def _after_keyword(argv, keyword: bytes, startfrom: int):
    argc = len(argv)
    if startfrom > 0:
        positions = range(startfrom, argc - 1)
    else:
        positions = range(argc + startfrom, 1, -1)
    for i in positions:
        if i >= argc or i < 1:
            break
        if argv[i].lower() == keyword:
            return i + 1
    return None


# --- commands whose keys the specs cannot describe -----------------------------------------
_RO = ("RO", "access")


def _set_keys(argv):
    # SET ... GET reads the old value, so the key's access depends on the options.
    reads = any(arg.lower() == b"get" for arg in argv[3:])
    return [(1, ("RW", "access", "update") if reads else ("OW", "update"))]


def _bitfield_keys(argv):
    writes, i = False, 2
    while i < len(argv):
        word = argv[i].lower()
        if word == b"get":
            i += 3
        elif word in (b"set", b"incrby"):
            writes = True
            i += 4
        elif word == b"overflow":
            i += 2
        else:
            i += 1
    return [(1, ("RW", "access", "update") if writes else _RO)]


def _sort_keys(argv):
    refs = [(1, _RO)]
    store, i = None, 2
    while i < len(argv):
        word = argv[i].lower()
        if word == b"limit":
            i += 3
        elif word in (b"get", b"by"):
            i += 2
        elif word == b"store":
            if i + 1 < len(argv):
                store = i + 1
            i += 2
        else:
            i += 1
    if store is not None:
        refs.append((store, ("OW", "update")))
    return refs


def _sort_ro_keys(argv):
    return [(1, _RO)]


def _migrate_keys(argv):
    flags = ("RW", "access", "delete")
    first, count = 3, 1
    i = 6
    while i < len(argv):
        word = argv[i].lower()
        if word == b"keys":
            if argv[3]:
                return []       # KEYS needs the single-key argument to be empty
            first, count = i + 1, len(argv) - i - 1
            break
        i += 2 if word == b"auth" else 3 if word == b"auth2" else 1
    return [(first + n, flags) for n in range(count)]


_PROCS = {
    b"set": _set_keys,
    b"bitfield": _bitfield_keys,
    b"sort": _sort_keys,
    b"sort_ro": _sort_ro_keys,
    b"migrate": _migrate_keys,
}
