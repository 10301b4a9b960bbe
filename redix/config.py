"""Runtime configuration: CONFIG GET/SET/REWRITE, redis.conf files, command lines.

``Config`` holds every parameter of ``config_table.PARAMS`` as a plain instance
attribute named after it with dashes as underscores (``cfg.maxclients``,
``cfg.proto_max_bulk_len``, ``cfg.maxmemory_policy``), so hot paths read a
value with one attribute lookup.  Value types are documented in
``config_types``: bools, ints, str for text (bytes decoded as UTF-8 with
surrogateescape), and structured values for save, bind, client-output-buffer-
limit and friends.  Users change values through ``set_many``/``load_*``,
which validate and notify.  Only code that owns a value outside CONFIG SET
assigns the attribute directly (the REPLICAOF command sets ``replicaof`` to
``(host, port)`` or None), so CONFIG GET and REWRITE report the live state.

API:
  get(pattern) / get_many(patterns) -> [(name, value)]   CONFIG GET, bytes in/out
  set_many([(name, value)], local_client=False)           CONFIG SET, atomic; ConfigError
  on_change(name, callback(name, old, new))               live reaction; raise ApplyError to veto
  load_text(bytes) / load_file(path) / apply_args(argv)   redis.conf and --name value syntax;
                                                          ConfigFileError with redis-server's text
  rewrite(path=None, extra=None)                          CONFIG REWRITE
  config_file                                             absolute path or None

Change callbacks run only for CONFIG SET (start-up reads the values directly),
after every value of the command is in place, so a server reacting to ``port``
also sees a ``bind`` given in the same command.
"""
from __future__ import annotations

import copy
import os
import re
from functools import lru_cache
from typing import Any, Callable, Iterable

from redix import errors
from redix.config_table import IMMUTABLE, LOOKUP, PARAMS, PROTECTED, VISIBLE, Param
from redix.config_types import c_repr

__all__ = ["Config", "ConfigError", "ConfigFileError", "ConfigOpenError", "ApplyError",
           "options_text", "split_args", "glob_match"]


class ConfigError(Exception):
    """A CONFIG command failed; ``str(e)`` is the reply text without the "-"."""


class ConfigFileError(Exception):
    """A config file or command line is invalid; ``str(e)`` is the block
    redis-server prints on stderr (the caller adds the surrounding newlines)."""


class ConfigOpenError(ConfigFileError):
    """The config file could not be read: redis-server logs this one as a
    warning line (to stdout) instead of the stderr block."""


class ApplyError(Exception):
    """Raised by an on_change callback to refuse a value; ``str(e)`` is the
    reason in Redis's words (e.g. errors.BIND_FAILED)."""


def _s(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _b(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


# --- glob patterns (Redis stringmatch, case-insensitive) ---

@lru_cache(maxsize=256)
def _glob_regex(pattern: bytes) -> re.Pattern:
    out, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i:i + 1]
        if c == b"*":
            out.append(b".*")
        elif c == b"?":
            out.append(b".")
        elif c == b"\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i:i + 1]))
        elif c == b"[":
            j, negate, items = i + 1, False, []
            if pattern[j:j + 1] == b"^":
                negate, j = True, j + 1
            while j < n and pattern[j:j + 1] != b"]":
                ch = pattern[j:j + 1]
                if ch == b"\\" and j + 1 < n:
                    j += 1
                    items.append(re.escape(pattern[j:j + 1]))
                elif pattern[j + 1:j + 2] == b"-" and j + 2 < n:
                    lo, hi = sorted((pattern[j:j + 1], pattern[j + 2:j + 3]))
                    items.append(re.escape(lo) + b"-" + re.escape(hi))
                    j += 2
                else:
                    items.append(re.escape(ch))
                j += 1
            body = b"".join(items)
            if body:
                out.append((b"[^" if negate else b"[") + body + b"]")
            else:  # "[]" matches nothing, "[^]" any one character
                out.append(b"." if negate else b"(?!)")
            i = j
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile(b"".join(out), re.DOTALL | re.IGNORECASE)


def glob_match(pattern: bytes, name: bytes) -> bool:
    """Redis glob (``* ? [a-z] [^x] \\x``), ignoring case as CONFIG GET does."""
    return _glob_regex(pattern).fullmatch(name) is not None


# --- config line syntax ---

_WS = b" \t\n\v\f\r"
_HEX = b"0123456789abcdefABCDEF"
_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("a"): 7}


def split_args(line: bytes) -> list[bytes] | None:
    """Split a config line like Redis (sdssplitargs); None on unbalanced quotes."""
    args, i, n = [], 0, len(line)
    while True:
        while i < n and line[i] in _WS:
            i += 1
        if i >= n:
            return args
        cur, quote = bytearray(), 0
        while True:
            c = line[i] if i < n else None
            if quote == 34:  # inside "..."
                if c is None:
                    return None
                if (c == 92 and i + 3 < n and line[i + 1] == 120
                        and line[i + 2] in _HEX and line[i + 3] in _HEX):
                    cur.append(int(line[i + 2:i + 4], 16))
                    i += 3
                elif c == 92 and i + 1 < n:
                    i += 1
                    cur.append(_ESCAPES.get(line[i], line[i]))
                elif c == 34:
                    # The closing quote must end the argument.
                    if i + 1 < n and line[i + 1] not in _WS:
                        return None
                    i += 1
                    break
                else:
                    cur.append(c)
            elif quote == 39:  # inside '...'
                if c is None:
                    return None
                if c == 92 and i + 1 < n and line[i + 1] == 39:
                    i += 1
                    cur.append(39)
                elif c == 39:
                    if i + 1 < n and line[i + 1] not in _WS:
                        return None
                    i += 1
                    break
                else:
                    cur.append(c)
            elif c is None or c in _WS:
                break
            elif c in (34, 39):
                quote = c
            else:
                cur.append(c)
            i += 1
        args.append(bytes(cur))


def options_text(argv: Iterable[str | bytes]) -> bytes:
    """redis-server turns ``--name a b --other c`` into config lines
    ``name "a" "b"`` / ``other "c"``: names raw, arguments quoted."""
    argv = [a if isinstance(a, bytes) else os.fsencode(a) for a in argv]
    out = bytearray()
    for j, arg in enumerate(argv):
        if arg.startswith(b"--"):
            if out:
                out += b"\n"
            out += arg[2:] + b" "
            # "--save" with nothing after it means save "" (no snapshots).
            if arg == b"--save" and (j + 1 == len(argv) or argv[j + 1].startswith(b"--")):
                out += b'"" '
        else:
            out += _b(c_repr(_s(arg))) + b" "
    return bytes(out)


def read_config_file(path: str, shown: str | None = None) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise ConfigOpenError(errors.conf_cant_open_file(shown or path, e.strerror)) from None


class _Fatal(Exception):
    """Internal: a config line is bad; carries the reason only."""


_IGNORED_DIRECTIVES = {"list-max-ziplist-entries", "list-max-ziplist-value"}


class Config:
    def __init__(self, matcher: Callable[[bytes, bytes], bool] | None = None):
        for p in PARAMS:
            setattr(self, p.attr, copy.deepcopy(p.default))
        self.dir = os.getcwd()
        self.config_file: str | None = None
        # CONFIG GET pattern matcher(pattern, name) -> bool; must ignore case.
        self.matcher = matcher or glob_match
        # Directives that belong to other subsystems, kept for them as read:
        # (old, new) command renames; argument lists of "user" and "loadmodule".
        self.renamed_commands: list[tuple[str, str]] = []
        self.acl_users: list[list[str]] = []
        self.load_modules: list[list[str]] = []
        self._callbacks: dict[str, list[Callable]] = {}

    # --- CONFIG GET ---

    def value_of(self, param: Param) -> bytes:
        return _b(param.type.format(getattr(self, param.attr)))

    def get(self, pattern: bytes) -> list[tuple[bytes, bytes]]:
        return self.get_many([pattern])

    def get_many(self, patterns: Iterable[bytes]) -> list[tuple[bytes, bytes]]:
        """CONFIG GET: each pattern is an exact name (echoed as typed) unless it
        holds a glob character; each parameter is reported once.  Redis replies
        in hash-table order; Redix in table order."""
        found: dict[bytes, tuple[bytes, bytes]] = {}
        for pat in patterns:
            if not any(c in pat for c in b"*?["):
                key = pat.lower()
                hit = LOOKUP.get(key.decode("latin-1"))
                if hit and key not in found:
                    found[key] = (pat, self.value_of(hit[1]))
                continue
            for name, param in VISIBLE:
                key = name.encode()
                if key not in found and self.matcher(pat, key):
                    found[key] = (key, self.value_of(param))
        return list(found.values())

    # --- CONFIG SET ---

    def on_change(self, name: str, callback: Callable[[str, Any, Any], None]) -> None:
        """Call ``callback(name, old, new)`` after CONFIG SET changes ``name``
        (an alias selects its parameter; ``name`` passed is the canonical one).
        Raising ApplyError rolls the whole CONFIG SET back."""
        self._callbacks.setdefault(LOOKUP[name.lower()][1].name, []).append(callback)

    def set_many(self, pairs: list[tuple[bytes, bytes]], *, local_client: bool = False) -> None:
        """CONFIG SET name value [name value ...], all or nothing.

        ``local_client``: the client is on a local socket, which unlocks
        protected parameters when enable-protected-configs is "local".
        """
        protected_ok = (self.enable_protected_configs == "yes"
                        or self.enable_protected_configs == "local" and local_client)
        # Pass 1, in argument order: names, mutability, duplicates (as typed).
        seen, chosen = set(), []
        for raw_name, raw_value in pairs:
            typed = raw_name.decode("latin-1")
            hit = LOOKUP.get(typed.lower())
            if hit is None:
                raise ConfigError(errors.config_set_unknown(typed))
            entry, param = hit
            if param.flags & IMMUTABLE:
                raise ConfigError(errors.config_set_failed(typed, errors.CONFIG_SET_IMMUTABLE))
            if param.flags & PROTECTED and not protected_ok:
                raise ConfigError(errors.config_set_failed(typed, errors.CONFIG_SET_PROTECTED))
            if entry in seen:
                raise ConfigError(errors.config_set_failed(typed, errors.CONFIG_SET_DUPLICATE))
            seen.add(entry)
            chosen.append((entry, param, _s(raw_value)))
        # Pass 2: parse everything before touching anything.
        parsed = []
        for entry, param, text in chosen:
            if param.type.multi_arg:
                args = text.split(" ") if text else []
            else:
                args = [text]
            try:
                value = self._parse(param, args)
            except ValueError as e:
                raise ConfigError(errors.config_set_failed(entry, str(e))) from None
            if param.runtime_fix:
                value = param.runtime_fix(value)
            parsed.append((entry, param, value))
        # Pass 3: assign, then tell the listeners; undo everything on a veto.
        undo: list[tuple[Param, Any]] = []
        notified: list[tuple[Param, Any, Any]] = []
        failing = None
        try:
            for entry, param, value in parsed:
                failing = entry
                undo.append((param, getattr(self, param.attr)))
                try:
                    self._assign(param, value)
                except ValueError as e:  # dir: chdir failed
                    raise ApplyError(str(e)) from None
            for (entry, param, _), (_, old) in zip(parsed, undo):
                failing = entry
                new = getattr(self, param.attr)
                if new != old:
                    notified.append((param, old, new))
                    for cb in self._callbacks.get(param.name, ()):
                        cb(param.name, old, new)
        except ApplyError as e:
            self._rollback(undo, notified)
            raise ConfigError(errors.config_set_failed(failing, str(e))) from None

    def _rollback(self, undo, notified) -> None:
        for param, old in reversed(undo):
            try:
                self._assign(param, old)
            except ValueError:
                pass  # e.g. the old dir vanished; keep what we have
        for param, old, new in notified:
            for cb in self._callbacks.get(param.name, ()):
                try:
                    cb(param.name, new, old)
                except Exception:  # noqa: BLE001 - best effort, as Redis's restore
                    pass

    def _parse(self, param: Param, args: list[str]):
        if param.type.merges:
            value = param.type.parse(args, getattr(self, param.attr))
        else:
            value = param.type.parse(args)
        if param.check:
            param.check(value, self)
        return value

    def _assign(self, param: Param, value) -> None:
        if param.attr == "dir":
            # Redis's dir *is* the working directory: relative file names
            # (dump.rdb, the AOF directory, includes) resolve against it.
            try:
                os.chdir(value)
            except OSError as e:
                raise ValueError(e.strerror) from None
            value = os.getcwd()
        setattr(self, param.attr, value)

    # --- config files and command lines ---

    def load_file(self, path: str) -> None:
        """Load a redis.conf; it becomes the file CONFIG REWRITE writes."""
        path = os.path.abspath(path)
        text = read_config_file(path)
        self.config_file = path
        self.load_text(text)

    def apply_args(self, argv: Iterable[str | bytes]) -> None:
        """Apply redis-server style options (``--port 7000 --save ""``)."""
        self.load_text(b"\n" + options_text(argv))

    def load_text(self, text: bytes) -> None:
        """Apply config-file text; ConfigFileError carries redis-server's report."""
        state = {"save_seen": False}
        self._load(text, state)
        if self.cluster_enabled and self.replicaof:
            raise ConfigFileError(errors.conf_fatal(errors.CONF_REPLICAOF_IN_CLUSTER))
        if self.logfile:
            try:
                open(self.logfile, "a").close()
            except OSError as e:
                raise ConfigFileError(
                    errors.conf_fatal(errors.conf_cant_open_log(e.strerror))) from None

    def _load(self, text: bytes, state: dict) -> None:
        for linenum, raw in enumerate(text.split(b"\n"), 1):
            line = raw.strip(b" \t\r\n")
            if not line or line.startswith(b"#"):
                continue
            argv = split_args(line)
            try:
                if argv is None:
                    raise _Fatal(errors.CONF_UNBALANCED_QUOTES)
                if argv:
                    self._directive([_s(a) for a in argv], state)
            except (_Fatal, ValueError) as e:
                raise ConfigFileError(errors.conf_fatal(str(e), linenum, _s(line))) from None

    def _directive(self, argv: list[str], state: dict) -> None:
        name, args = argv[0].lower(), argv[1:]
        hit = LOOKUP.get(name)
        if hit is not None:
            param = hit[1]
            if not param.type.multi_arg and len(args) != 1:
                raise _Fatal(errors.CONF_WRONG_ARGS)
            if param.type.multi_arg and args == [""]:
                args = []
            elif param.type.multi_arg and len(args) == 1:
                # Like Redis: one non-empty argument to a multi-argument option is
                # split by spaces, so --save "900 1" and --bind "a b" work.
                split = split_args(args[0].encode("utf-8", "surrogateescape"))
                if split is None:
                    raise _Fatal(errors.CONF_UNBALANCED_QUOTES)
                args = [_s(a) for a in split]
            value = self._parse(param, args)
            if param.attr == "save":
                # The first "save" of a load replaces the defaults, later ones add.
                if state["save_seen"] and value:
                    value = self.save + value
                state["save_seen"] = True
            self._assign(param, value)
        elif name == "include" and len(args) == 1:
            self._load(read_config_file(args[0]), state)
        elif name == "rename-command" and len(args) == 2:
            self.renamed_commands.append((args[0], args[1]))
        elif name == "user" and args:
            self.acl_users.append(args)
        elif name == "loadmodule" and args:
            self.load_modules.append(args)
        elif name == "sentinel":
            raise _Fatal(errors.CONF_SENTINEL_DIRECTIVE)
        elif name in _IGNORED_DIRECTIVES and len(args) == 1:
            pass  # removed in Redis 7, still accepted so old files load
        else:
            raise _Fatal(errors.CONF_BAD_DIRECTIVE)

    # --- CONFIG REWRITE ---

    def rewrite(self, path: str | None = None,
                extra: dict[str, list[str]] | None = None) -> None:
        """Rewrite the config file (``config_file`` unless ``path``), keeping
        comments and unknown lines.  ``extra`` maps other directives to the
        complete lines they now need (e.g. {"user": [...]} from the ACL code):
        their old lines are replaced.  Raises ConfigError."""
        from redix.config_rewrite import rewrite_file
        path = path or self.config_file
        if not path:
            raise ConfigError(errors.CONFIG_NO_FILE.decode())
        try:
            rewrite_file(self, path, extra or {})
        except OSError as e:
            raise ConfigError(errors.config_rewrite_failed(e.strerror)) from None
