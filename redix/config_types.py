"""Value types of CONFIG parameters: parsing, CONFIG GET display, CONFIG REWRITE lines.

Each type turns the argument list of a config line (or the value of a CONFIG
SET, split on single spaces for multi-argument types) into a Python value,
raising ``ValueError(reason)`` with Redis's exact reason text, and turns the
value back into the text CONFIG GET shows and the lines CONFIG REWRITE writes.

Python values, per type:
  Bool -> bool; Int, Memory, Octal -> int; MemoryOrPercent -> int (bytes, or
  ``-percent`` when negative, as Redis stores it); Enum -> str (canonical name);
  Flags -> tuple of flag names in canonical order (``()`` is "default");
  String -> str (bytes decoded as UTF-8 with surrogateescape, so any byte string
  round-trips); Save -> list of (seconds, changes); Bind -> list of str;
  ClientOutputBufferLimit -> dict class -> (hard, soft, soft_seconds) with the
  classes "normal", "replica", "pubsub"; NotifyKeyspaceEvents -> int bitmask of
  the NOTIFY_* flags below; OomScoreAdjValues -> tuple of 3 ints;
  Percentiles -> list of float; ReplicaOf -> (host, port) or None.

The number parsers mirror the C functions Redis uses, because their quirks are
visible to users: strict integers (no "+", no leading zeros), memory values
that wrap around 2**64, strtoll-style fields that accept "+5" and "010".
"""
from __future__ import annotations

import re

from redix import errors

LLONG_MIN, LLONG_MAX = -(1 << 63), (1 << 63) - 1
ULLONG_MAX = (1 << 64) - 1
INT_MIN, INT_MAX = -(1 << 31), (1 << 31) - 1
UINT_MAX = (1 << 32) - 1

# --- number parsing, as the C helpers behave ---

_STRICT_INT = re.compile(r"-?[1-9][0-9]*|0")
_STRTOLL = re.compile(r"[ \t\n\v\f\r]*([+-]?[0-9]+)")
_STRTOLL8 = re.compile(r"[ \t\n\v\f\r]*([+-]?[0-7]+)")
_MEM_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1024, "m": 1000 ** 2, "mb": 1024 ** 2,
              "g": 1000 ** 3, "gb": 1024 ** 3}
_DIGITS = re.compile(r"[0-9]*")
_STRTOD = re.compile(r"[ \t\n\v\f\r]*[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
                     r"|inf(?:inity)?|nan)", re.IGNORECASE)


def strict_int(s: str) -> int | None:
    """Redis string2ll: canonical decimal only, within 64 bits, else None."""
    if _STRICT_INT.fullmatch(s) is None:
        return None
    v = int(s)
    return v if LLONG_MIN <= v <= LLONG_MAX else None


def strtoll(s: str, octal: bool = False) -> int | None:
    """C strtoll plus Redis's check that parsing stopped at the end; saturates.

    An empty string passes as 0: strtoll consumes nothing and stops at the end.
    """
    if not s:
        return 0
    m = (_STRTOLL8 if octal else _STRTOLL).fullmatch(s)
    if m is None:
        return None
    v = int(m.group(1), 8 if octal else 10)
    return min(max(v, LLONG_MIN), LLONG_MAX)


def memtoull(s: str) -> int | None:
    """Redis memtoull: digits then an optional unit; empty digits mean 0.

    The count saturates at 2**64-1 and the unit multiplication wraps modulo
    2**64, exactly like the unsigned C arithmetic.
    """
    digits = _DIGITS.match(s).group()
    mul = _MEM_UNITS.get(s[len(digits):].lower())
    if mul is None or len(digits) >= 128:
        return None
    n = min(int(digits), ULLONG_MAX) if digits else 0
    return (n * mul) & ULLONG_MAX


def format_memory(v: int) -> str:
    """Bytes as CONFIG REWRITE writes them: the largest exact unit."""
    for unit, size in (("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10)):
        if v and v % size == 0:
            return f"{v // size}{unit}"
    return str(v)


def c_repr(value: str) -> str:
    """sdscatrepr: double-quoted with C escapes; non-printables as \\xNN."""
    out = ['"']
    for byte in value.encode("utf-8", "surrogateescape"):
        c = chr(byte)
        if c in '\\"':
            out.append("\\" + c)
        elif c in _REPR_ESCAPES:
            out.append(_REPR_ESCAPES[c])
        elif 32 <= byte < 127:
            out.append(c)
        else:
            out.append(f"\\x{byte:02x}")
    out.append('"')
    return "".join(out)


_REPR_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\a": "\\a", "\b": "\\b"}

# --- types ---


class ParamType:
    """Base: a single-argument parameter with a plain display."""
    multi_arg = False
    merges = False  # parse(args, current): the new value builds on the old one

    def parse(self, args: list[str]):
        raise NotImplementedError

    def format(self, value) -> str:
        return str(value)

    def rewrite_value(self, value) -> str:
        return self.format(value)

    def rewrite(self, name: str, value, default) -> list[tuple[str, bool]]:
        """(line, force) pairs. A line fills an old slot of the option if one is
        left; otherwise it is appended only when forced. An empty list clears the
        option's old lines."""
        return [(f"{name} {self.rewrite_value(value)}", value != default)]


class Bool(ParamType):
    def parse(self, args):
        v = args[0].lower()
        if v == "yes":
            return True
        if v == "no":
            return False
        raise ValueError(errors.ARG_NOT_YES_NO)

    def format(self, value):
        return "yes" if value else "no"


class Int(ParamType):
    """Integer within [lo, hi]; ``clamp`` silently narrows it afterwards (hz)."""

    def __init__(self, lo: int, hi: int, clamp: tuple[int, int] | None = None):
        self.lo, self.hi, self.clamp = lo, hi, clamp

    def _number(self, s: str) -> int | None:
        return strict_int(s)

    def _not_number(self) -> str:
        return errors.ARG_NOT_INTEGER

    def parse(self, args):
        v = self._number(args[0])
        if v is None:
            raise ValueError(self._not_number())
        if not self.lo <= v <= self.hi:
            raise ValueError(self._range_error())
        if self.clamp:
            v = min(max(v, self.clamp[0]), self.clamp[1])
        return v

    def _range_error(self):
        return errors.arg_out_of_range(self.lo, self.hi)


class Memory(Int):
    """Byte count with k/kb/m/mb/g/gb units; CONFIG GET shows plain bytes."""

    def _number(self, s):
        v = memtoull(s)
        if v is not None and self.hi <= LLONG_MAX and v > LLONG_MAX:
            v -= 1 << 64  # the C code stores it in a signed long long
        return v

    def _not_number(self):
        return errors.ARG_NOT_MEMORY

    def rewrite_value(self, value):
        return format_memory(value)


class MemoryOrPercent(ParamType):
    """maxmemory-clients: bytes, or "N%" stored as -N."""

    def parse(self, args):
        s = args[0]
        if s.endswith("%"):
            p = strict_int(s[:-1])
            if p is None or p < 0:
                raise ValueError(errors.ARG_NOT_MEMORY_OR_PERCENT)
            v = -p
        else:
            u = memtoull(s)
            if u is None:
                raise ValueError(errors.ARG_NOT_MEMORY_OR_PERCENT)
            v = u - (1 << 64) if u > LLONG_MAX else u
        if v < -100:
            raise ValueError(errors.ARG_PERCENT_TOO_BIG)
        return v

    def format(self, value):
        return f"{-value}%" if value < 0 else str(value)

    def rewrite_value(self, value):
        return f"{-value}%" if value < 0 else format_memory(value)


class Octal(Int):
    """unixsocketperm: parsed and shown in octal."""

    def _number(self, s):
        return strtoll(s, octal=True)

    def _not_number(self):
        return errors.ARG_NOT_OCTAL

    def _range_error(self):
        return errors.arg_out_of_range(f"{self.lo:o}", f"{self.hi:o}")

    def format(self, value):
        return f"{value:o}"


class Enum(ParamType):
    """One of a fixed set of names; several names may share a value (yes/relative)."""

    def __init__(self, *names: str, same: dict[str, str] | None = None):
        self.names = names
        self.same = same or {}  # synonym -> name it displays as

    def parse(self, args):
        v = args[0].lower()
        if v not in self.names:
            raise ValueError(errors.arg_not_in_enum(self.names))
        return self.same.get(v, v)


class Flags(ParamType):
    """shutdown-on-sig*: any combination of flags; "default" is the empty set."""
    multi_arg = True

    def __init__(self, default_name: str, *flags: str):
        self.default_name, self.flags = default_name, flags

    def parse(self, args):
        chosen = set()
        for a in args or [""]:
            a = a.lower()
            if a == self.default_name:
                continue
            if a not in self.flags:
                raise ValueError(errors.arg_not_in_enum((self.default_name,) + self.flags))
            chosen.add(a)
        if {"save", "nosave"} <= chosen:
            raise ValueError(errors.SHUTDOWN_SAVE_NOSAVE)
        return tuple(f for f in self.flags if f in chosen)

    def format(self, value):
        return " ".join(value) if value else self.default_name


class String(ParamType):
    """Free text. ``nullable``: empty means unset (Redis keeps NULL), so CONFIG
    REWRITE drops the option instead of writing ``name ""``."""

    def __init__(self, nullable: bool = False):
        self.nullable = nullable

    def parse(self, args):
        return args[0]

    def rewrite_value(self, value):
        return c_repr(value)

    def rewrite(self, name, value, default):
        if self.nullable and not value:
            return []
        return [(f"{name} {c_repr(value)}", value != default)]


class Dir(String):
    """dir: the process working directory (Config changes into it on set)."""

    def rewrite(self, name, value, default):
        return [(f"{name} {c_repr(value)}", True)]


class Save(ParamType):
    multi_arg = True

    def parse(self, args):
        if len(args) % 2:
            raise ValueError(errors.SAVE_INVALID)
        points = []
        for i in range(0, len(args), 2):
            seconds, changes = strtoll(args[i]), strtoll(args[i + 1])
            if seconds is None or changes is None or seconds < 1 or changes < 0:
                raise ValueError(errors.SAVE_INVALID)
            points.append((seconds, changes))
        return points

    def format(self, value):
        return " ".join(f"{s} {c}" for s, c in value)

    def rewrite(self, name, value, default):
        # Redis always writes save lines, default or not.
        if not value:
            return [(f'{name} ""', True)]
        return [(f"{name} {s} {c}", True) for s, c in value]


class Bind(ParamType):
    multi_arg = True
    MAX = 16

    def parse(self, args):
        if len(args) > self.MAX:
            raise ValueError(errors.BIND_TOO_MANY)
        return list(args)

    def format(self, value):
        return " ".join(value)

    def rewrite(self, name, value, default):
        return [(f"{name} {self.format(value)}", True)] if value != default else []


COBL_CLASSES = ("normal", "replica", "pubsub")
_COBL_NAMES = {"normal": "normal", "slave": "replica", "replica": "replica", "pubsub": "pubsub"}
_COBL_DISPLAY = {"normal": "normal", "replica": "slave", "pubsub": "pubsub"}


class ClientOutputBufferLimit(ParamType):
    multi_arg = True
    merges = True

    def parse(self, args, current=None):
        """Only the classes named change; ``current`` supplies the others."""
        if len(args) % 4:
            raise ValueError(errors.COBL_WRONG_ARGS)
        value = dict(current or {})
        for i in range(0, len(args), 4):
            cls = _COBL_NAMES.get(args[i].lower())
            if cls is None:
                raise ValueError(errors.COBL_BAD_CLASS)
            hard, soft, secs = memtoull(args[i + 1]), memtoull(args[i + 2]), strtoll(args[i + 3])
            if hard is None or soft is None or secs is None or secs < 0:
                raise ValueError(errors.COBL_BAD_VALUE)
            value[cls] = (hard, soft, secs)
        return value

    def format(self, value):
        return " ".join(f"{_COBL_DISPLAY[c]} {h} {s} {t}" for c, (h, s, t) in
                        ((c, value[c]) for c in COBL_CLASSES))

    def rewrite(self, name, value, default):
        return [(f"{name} {c} {format_memory(value[c][0])} {format_memory(value[c][1])} "
                 f"{value[c][2]}", value[c] != default[c]) for c in COBL_CLASSES]


# Keyspace notification flags (the keyspace-events code tests these bits).
NOTIFY_KEYSPACE = 1 << 0     # K
NOTIFY_KEYEVENT = 1 << 1     # E
NOTIFY_GENERIC = 1 << 2      # g
NOTIFY_STRING = 1 << 3       # $
NOTIFY_LIST = 1 << 4         # l
NOTIFY_SET = 1 << 5          # s
NOTIFY_HASH = 1 << 6         # h
NOTIFY_ZSET = 1 << 7         # z
NOTIFY_EXPIRED = 1 << 8      # x
NOTIFY_EVICTED = 1 << 9      # e
NOTIFY_STREAM = 1 << 10      # t
NOTIFY_KEY_MISS = 1 << 11    # m (not part of A)
NOTIFY_LOADED = 1 << 12      # module "loaded" events; no character
NOTIFY_MODULE = 1 << 13      # d
NOTIFY_NEW = 1 << 14         # n (not part of A)
NOTIFY_ALL = (NOTIFY_GENERIC | NOTIFY_STRING | NOTIFY_LIST | NOTIFY_SET | NOTIFY_HASH
              | NOTIFY_ZSET | NOTIFY_EXPIRED | NOTIFY_EVICTED | NOTIFY_STREAM | NOTIFY_MODULE)
_NOTIFY_CHARS = {"g": NOTIFY_GENERIC, "$": NOTIFY_STRING, "l": NOTIFY_LIST, "s": NOTIFY_SET,
                 "h": NOTIFY_HASH, "z": NOTIFY_ZSET, "x": NOTIFY_EXPIRED, "e": NOTIFY_EVICTED,
                 "t": NOTIFY_STREAM, "d": NOTIFY_MODULE, "n": NOTIFY_NEW, "A": NOTIFY_ALL,
                 "K": NOTIFY_KEYSPACE, "E": NOTIFY_KEYEVENT, "m": NOTIFY_KEY_MISS}


class NotifyKeyspaceEvents(ParamType):
    def parse(self, args):
        flags = 0
        for ch in args[0]:
            bit = _NOTIFY_CHARS.get(ch)
            if bit is None:
                raise ValueError(errors.NOTIFY_BAD_CHAR)
            flags |= bit
        return flags

    def format(self, value):
        # As Redis: "A" stands for the class flags and hides "n" when shown.
        if value & NOTIFY_ALL == NOTIFY_ALL:
            out = "A"
        else:
            out = "".join(c for c in "g$lshzxetdn" if value & _NOTIFY_CHARS[c])
        for c in "KEm":
            if value & _NOTIFY_CHARS[c]:
                out += c
        return out

    def rewrite_value(self, value):
        return c_repr(self.format(value))


class OomScoreAdjValues(ParamType):
    multi_arg = True

    def parse(self, args):
        if len(args) != 3:
            raise ValueError(errors.OOM_WRONG_ARGS)
        values = tuple(strtoll(a) for a in args)
        if any(v is None or not -2000 <= v <= 2000 for v in values):
            raise ValueError(errors.OOM_OUT_OF_RANGE)
        return values

    def format(self, value):
        return " ".join(map(str, value))


class Percentiles(ParamType):
    multi_arg = True

    def parse(self, args):
        out = []
        for a in args:
            if _STRTOD.fullmatch(a) is None:
                raise ValueError(errors.PERCENTILES_INVALID)
            v = float(a)
            if not 0.0 <= v <= 100.0:
                raise ValueError(errors.PERCENTILES_RANGE)
            out.append(v)
        return out

    def format(self, value):
        return " ".join(("%f" % v).rstrip("0").rstrip(".") for v in value)

    def rewrite(self, name, value, default):
        # Redis 7.0 writes this line on every rewrite, even at its default.
        return [(f"{name} {self.format(value) if value else chr(34) * 2}", True)]


class ReplicaOf(ParamType):
    multi_arg = True

    def parse(self, args):
        if len(args) != 2:
            raise ValueError(errors.CONF_WRONG_ARGS)
        if args[0].lower() == "no" and args[1].lower() == "one":
            return None
        port = strtoll(args[1])
        if port is None or not 0 <= port <= 65535:
            raise ValueError(errors.MASTER_PORT_INVALID)
        return (args[0], port)

    def format(self, value):
        return f"{value[0]} {value[1]}" if value else ""

    def rewrite(self, name, value, default):
        return [(f"{name} {value[0]} {value[1]}", True)] if value else []


# --- validators for String parameters ---

def check_basename(option: str, what: str = "filename", allow_empty: bool = True):
    """dbfilename and the AOF names must name a file in ``dir``, not a path."""
    def check(value: str, cfg=None):
        if not value and not allow_empty:
            raise ValueError(errors.cant_be_empty(option))
        if "/" in value or "\\" in value:
            raise ValueError(errors.not_a_path(option, what))
    return check


def check_hostname(value: str, cfg=None):
    if len(value) >= 256:
        raise ValueError(errors.HOSTNAME_TOO_LONG)
    if any(not (c.isascii() and c.isalnum()) and c not in "-." for c in value):
        raise ValueError(errors.HOSTNAME_BAD_CHARS)


PROC_TITLE_VARS = ("title", "listen-addr", "server-mode", "port", "tls-port",
                   "unixsocket", "config-file")


def expand_template(template: str, variables: dict[str, str]) -> str | None:
    """Expand {name} variables; "{{" is a literal brace. None if malformed."""
    out, i, n = [], 0, len(template)
    while i < n:
        c = template[i]
        if c == "{":
            if template.startswith("{{", i):
                out.append("{")
                i += 2
                continue
            end = template.find("}", i + 1)
            if end < 0 or template[i + 1:end] not in variables:
                return None
            out.append(variables[template[i + 1:end]])
            i = end + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)
