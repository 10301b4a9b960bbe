"""Placeholder configuration (replaced by the full CONFIG table on the ``config`` branch).

It implements just enough of that branch's API for CONFIG GET/SET to be
exercised: ``get_many(patterns)``, ``set_many(pairs)`` raising
``ConfigError(message)``, ``rewrite(path)``, ``config_file`` and
``on_change(name, callback)``.  When merging ``config``, take that branch's file.
"""
from redix.keyspace.hashing import glob_match


class ConfigError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ConfigFileError(Exception):
    pass


# name -> kind; the attribute is the name with '-' -> '_'.
_PARAMS = {
    "port": "int", "bind": "list", "databases": "int", "maxclients": "int",
    "proto-max-bulk-len": "int", "client-query-buffer-limit": "int", "requirepass": "str",
    "hz": "int", "timeout": "int", "tcp-keepalive": "int", "tcp-backlog": "int",
    "slowlog-log-slower-than": "int", "slowlog-max-len": "int", "maxmemory": "int",
    "maxmemory-policy": "str", "latency-monitor-threshold": "int", "loglevel": "str",
    "logfile": "str", "daemonize": "bool", "pidfile": "str", "dir": "str",
    "dbfilename": "str", "save": "str", "appendonly": "bool", "enable-debug-command": "str",
}


class Config:
    def __init__(self):
        self.port = 6379
        self.bind = ["*"]
        self.databases = 16
        self.maxclients = 10000
        self.proto_max_bulk_len = 512 * 1024 * 1024
        self.client_query_buffer_limit = 1024 * 1024 * 1024
        self.requirepass = ""
        self.hz = 10
        self.timeout = 0
        self.tcp_keepalive = 300
        self.tcp_backlog = 511
        self.slowlog_log_slower_than = 10000
        self.slowlog_max_len = 128
        self.maxmemory = 0
        self.maxmemory_policy = "noeviction"
        self.latency_monitor_threshold = 0
        self.client_output_buffer_limit = {"normal": (0, 0, 0), "slave": (256 << 20, 64 << 20, 60),
                                           "pubsub": (32 << 20, 8 << 20, 60)}
        self.loglevel = "notice"
        self.logfile = ""
        self.daemonize = False
        self.pidfile = ""
        self.dir = "."
        self.dbfilename = "dump.rdb"
        self.save = ""
        self.appendonly = False
        self.enable_debug_command = "no"
        self.config_file = None
        self._callbacks: dict = {}

    def apply_args(self, argv):
        it = iter(argv)
        for name in it:
            value = next(it)
            name = name.lstrip("-").replace("-", "_")
            if name == "bind":
                value = value.split()
            elif name in ("daemonize", "appendonly"):
                value = value == "yes"
            elif value.isdigit():
                value = int(value)
            setattr(self, name, value)

    def _format(self, name: str) -> bytes:
        value = getattr(self, name.replace("-", "_"))
        kind = _PARAMS[name]
        if kind == "bool":
            return b"yes" if value else b"no"
        if kind == "list":
            return " ".join(value).encode()
        return str(value).encode()

    def get_many(self, patterns):
        out, seen = [], set()
        for pattern in patterns:
            for name in _PARAMS:
                if name not in seen and glob_match(pattern, name.encode(), True):
                    seen.add(name)
                    out.append((name.encode(), self._format(name)))
        return out

    def set_many(self, pairs):
        seen, parsed = set(), []
        for raw_name, raw_value in pairs:
            name = raw_name.decode("latin-1").lower()
            if name not in _PARAMS:
                raise ConfigError("ERR Unknown option or number of arguments for CONFIG SET - "
                                  f"'{raw_name.decode('latin-1')}'")
            if name in seen:
                raise ConfigError(f"ERR CONFIG SET failed (possibly related to argument '{name}')"
                                  " - duplicate parameter")
            seen.add(name)
            kind, text = _PARAMS[name], raw_value.decode("latin-1")
            if kind == "int":
                try:
                    value = int(text)
                except ValueError:
                    raise ConfigError(f"ERR CONFIG SET failed (possibly related to argument "
                                      f"'{name}') - argument couldn't be parsed into an integer")
            elif kind == "bool":
                value = text.lower() == "yes"
            elif kind == "list":
                value = text.split()
            else:
                value = text
            parsed.append((name, value))
        for name, value in parsed:
            setattr(self, name.replace("-", "_"), value)
        for name, _ in parsed:
            for callback in self._callbacks.get(name, ()):
                callback(name)

    def on_change(self, name, callback):
        self._callbacks.setdefault(name, []).append(callback)

    def rewrite(self, path):
        with open(path, "w") as f:
            for name in _PARAMS:
                f.write(f"{name} {self._format(name).decode()}\n")


def parse_args(argv):
    cfg = Config()
    cfg.apply_args(argv)
    return cfg
