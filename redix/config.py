"""Placeholder configuration (replaced by the full CONFIG table)."""


class ConfigError(Exception):
    pass


class ConfigFileError(Exception):
    pass


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
        self.client_output_buffer_limit = {"normal": (0, 0, 0), "slave": (256 << 20, 64 << 20, 60),
                                           "pubsub": (32 << 20, 8 << 20, 60)}
        self.loglevel = "notice"
        self.logfile = ""
        self.daemonize = False
        self.pidfile = ""
        self.dir = "."
        self.dbfilename = "dump.rdb"
        self.config_file = None

    def apply_args(self, argv):
        it = iter(argv)
        for name in it:
            value = next(it)
            name = name.lstrip("-").replace("-", "_")
            if name == "bind":
                value = value.split()
            elif value.isdigit():
                value = int(value)
            setattr(self, name, value)


def parse_args(argv):
    cfg = Config()
    cfg.apply_args(argv)
    return cfg
