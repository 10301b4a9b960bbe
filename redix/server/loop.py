"""The server: one thread, one event loop (epoll, or ``selectors``), commands run one at a time.

Like Redis, every command is atomic because nothing else runs while it does.
A readable socket is drained into the client's ``Reader``; every complete
command is dispatched (``execute``), replies are encoded into the client's
output buffer, and the buffer goes out with one ``send`` after the batch.
Clients blocked on keys a command made ready are served right after that
command (``server.blocking``); ``before_sleep`` serves what is still ready,
resumes unblocked clients' held commands and flushes output queued for
other clients (pub/sub, unblocked replies).
Timers live in a heap; the select timeout is the nearest one.  ``cron`` runs
``hz`` times a second: active expiry, client timeouts, instantaneous stats.

API: ``Server(config)``, ``run() -> exit code``, ``request_shutdown()``,
``execute(client, argv)``, ``call_later(seconds, fn)``, ``close_client``,
``pause(seconds, writes_only)``/``unpause()`` (CLIENT PAUSE).

Bookkeeping for introspection happens here: per-command calls, time, failed
and rejected calls (``reject(client, message, cmd)``), error replies by code
(``count_error``), SLOWLOG entries and LATENCY samples (``record_slow``,
one threshold check on the hot path), and MONITOR lines (``feed_monitors``;
admin commands are never shown, secrets are redacted by ``redact``).
"""
from __future__ import annotations

import errno
import heapq
import itertools
import os
import signal
import socket
import time

from redix import __version__, _speedups, errors, log
from redix.commands.gate import gatekeeper
from redix.commands.registry import TABLE
from redix.errors import CommandError
from redix.keyspace import events
from redix.keyspace.db import Database, active_expire, clock_now
from redix.protocol.replies import BLOCKED, NO_REPLY, ErrorReply
from redix.pubsub import PubSub
from redix.protocol.resp import write_reply
from redix.server import hooks
from redix.server import blocking
from redix.server.client import Client
from redix.server.monitor import monitor_escape, redact
from redix.server.poller import ERROR, READ, WRITE, make_poller
from redix.server.stats import Stats
from redix.server.tracking import Tracking

_READ_SIZE = 64 * 1024
_LISTENER = object()   # poller data marking a listening socket
_perf_ns = time.perf_counter_ns


class Timer:
    """A ``call_later`` entry; ``cancelled`` is also set once it has fired."""
    __slots__ = ("when", "callback", "cancelled", "owner")

    def __init__(self, when: float, callback, owner=None):
        self.when = when
        self.callback = callback
        self.cancelled = False
        self.owner = owner

    def cancel(self) -> None:
        if not self.cancelled:
            self.cancelled = True
            if self.owner is not None:
                self.owner.timer_cancelled()


class Server:
    def __init__(self, config):
        self.config = config
        self.dbs = [Database(i, self) for i in range(config.databases)]
        self.clients: dict[int, Client] = {}
        self.pending_writes: set = set()
        self.poller = make_poller()
        self.listeners: list = []
        self._timers: list = []
        self._timer_seq = itertools.count()
        self._cancelled_timers = 0        # cancelled entries still in _timers
        self._client_ids = itertools.count(1)
        self._shutdown = False
        self.exit_code = 0
        self.dirty = 0
        self.stat_expired_keys = 0
        self.stats = Stats()
        self.start_time = time.time()
        self.monitors: list = []
        self.gate = False        # a server-wide condition forces the slow dispatch path
        self.paused_until = 0.0
        self.pause_writes_only = False
        self.ready_keys: list = []           # (db, key) written while clients wait on it
        self.unblocked_clients: list = []    # unblocked: resume their held commands
        self.blocked_clients = 0
        self.slowlog: list = []
        self.slowlog_next_id = 0
        self.latency_events: dict = {}
        self.lastsave = int(time.time())
        self.replication = None
        self.loading = False
        self.hooks_after_call: list = []
        self.blocking = blocking
        self.run_id = os.urandom(20).hex()
        self.now = time.time()      # wall clock, refreshed once per loop iteration
        self.pubsub = PubSub()
        self.slowlog_threshold_ns = 0
        self.refresh_slowlog_threshold()
        self.pause_timer = None
        self.active_expire = True  # DEBUG SET-ACTIVE-EXPIRE 0 turns the expiry cycle off
        # Who is running what, kept by ``call`` (the slow path) for NOLOOP and keymiss.
        self.current_client = self.executing = self.executing_argv = None
        self.tracking = Tracking(self)
        self.keymiss_events = False
        on_change = getattr(config, "on_change", None)
        if on_change is not None:
            for name in ("slowlog-log-slower-than", "latency-monitor-threshold"):
                on_change(name, self.refresh_slowlog_threshold)
            on_change("maxmemory", self.refresh_gate)
            on_change("proto-max-bulk-len", self._apply_proto_max_bulk_len)
            on_change("notify-keyspace-events", lambda *_: events.refresh(self))
        events.refresh(self)

    # --- startup and the loop ------------------------------------------------------------
    def listen(self) -> None:
        """Open the listening sockets for every ``bind`` address.

        As in Redis, ``*`` is every IPv4 address, ``::*`` every IPv6 one, and a
        leading ``-`` marks an address that may be missing on this host.
        """
        port = self.config.port
        if port == 0:
            return
        for entry in self.config.bind or ["*"]:
            optional = entry.startswith("-")
            addr = entry[1:] if optional else entry
            addr = {"*": "0.0.0.0", "::*": "::"}.get(addr, addr)
            family = socket.AF_INET6 if ":" in addr else socket.AF_INET
            try:
                sock = socket.socket(family, socket.SOCK_STREAM)
            except OSError as exc:
                if optional:
                    continue
                raise OSError(f"Could not create server TCP listening socket {entry}:{port}: {exc}")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                sock.bind((addr, port))
            except OSError as exc:
                sock.close()
                if optional and exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT,
                                              errno.EPROTONOSUPPORT, errno.EINVAL):
                    continue
                raise OSError(f"Could not create server TCP listening socket {entry}:{port}: "
                              f"{exc.strerror or exc}")
            sock.listen(self.config.tcp_backlog)
            sock.setblocking(False)
            self.poller.register(sock, READ, _LISTENER)
            self.listeners.append(sock)
        if not self.listeners:
            raise OSError(f"Could not listen on any address for port {port}")

    def bound_port(self) -> int:
        return self.listeners[0].getsockname()[1] if self.listeners else 0

    def run(self) -> int:
        try:
            self.listen()
        except OSError as exc:
            log.warning(f"Failed listening on port {self.config.port} (tcp), aborting: {exc}")
            return 1
        self._install_signals()
        self._raise_open_files_limit()
        self.call_later(self._cron_period(), self._cron_tick)
        log.notice(f"Redix {__version__} (Redis {REDIS_VERSION} compatible) started, "
                   f"pid={os.getpid()}, port={self.bound_port()}, "
                   f"implementation={_speedups.mode()}")
        if self.on_startup is not None:
            self.on_startup(self)
        log.notice("Ready to accept connections tcp")
        try:
            self._loop()
        finally:
            self._shutdown_now()
        return self.exit_code

    on_startup = None

    def _raise_open_files_limit(self) -> None:
        """Like Redis, ask for enough descriptors for maxclients plus our own."""
        try:
            import resource
        except ImportError:
            return
        want = self.config.maxclients + 32
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft == resource.RLIM_INFINITY or soft >= want:
            return
        target = want if hard == resource.RLIM_INFINITY else min(want, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            target = soft
        if target < want:
            log.warning(f"You requested maxclients of {self.config.maxclients} requiring at least "
                        f"{want} max file descriptors; the limit is {target}.")

    def _install_signals(self) -> None:
        def handler(signum, _frame):
            log.warning(f"Received {signal.Signals(signum).name} scheduling shutdown...")
            self.request_shutdown()
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                signal.signal(sig, handler)
            except ValueError:      # not the main thread (embedded in tests)
                pass

    def request_shutdown(self, exit_code: int = 0) -> None:
        self._shutdown = True
        self.exit_code = exit_code

    def _loop(self) -> None:
        poll = self.poller.poll
        handlers = self.poller.data
        timers = self._timers
        while not self._shutdown:
            self.before_sleep()
            self.now = time.time()
            if self.pending_writes:
                timeout = 0
            elif timers:
                timeout = max(0.0, timers[0][0] - time.monotonic())
            else:
                timeout = None
            for fd, mask in poll(timeout):
                client = handlers.get(fd)
                if client is None:
                    continue
                if client is _LISTENER:
                    self._accept_fd(fd)
                    continue
                if mask & WRITE:
                    self._flush(client)
                if mask & (READ | ERROR) and not client.closed:
                    self._read(client)
            if timers:
                self._run_timers()

    def _run_timers(self) -> None:
        now = time.monotonic()
        timers = self._timers
        while timers and timers[0][0] <= now:
            _, _, timer = heapq.heappop(timers)
            if timer.cancelled:
                self._cancelled_timers -= 1
            else:
                timer.cancelled = True
                timer.callback()

    def call_later(self, delay: float, callback) -> Timer:
        when = time.monotonic() + delay
        timer = Timer(when, callback, self)
        heapq.heappush(self._timers, (when, next(self._timer_seq), timer))
        return timer

    def _cron_period(self) -> float:
        # Read each tick so CONFIG SET hz takes effect at once (Redis clamps to 1..500).
        return 1.0 / min(max(self.config.hz, 1), 500)

    def _cron_tick(self) -> None:
        try:
            self.cron()
        finally:
            self.call_later(self._cron_period(), self._cron_tick)

    def timer_cancelled(self) -> None:
        """Purge cancelled timers once they are most of the heap: clients blocked with
        long timeouts and served early would otherwise pile up until their deadlines."""
        self._cancelled_timers += 1
        timers = self._timers
        if self._cancelled_timers > 256 and 2 * self._cancelled_timers > len(timers):
            timers[:] = [entry for entry in timers if not entry[2].cancelled]
            heapq.heapify(timers)
            self._cancelled_timers = 0

    def call_every(self, period: float, callback) -> None:
        def tick():
            callback()
            self.call_later(period, tick)
        self.call_later(period, tick)

    # --- connections ---------------------------------------------------------------------
    def _accept_fd(self, fd: int) -> None:
        for listener in self.listeners:
            if listener.fileno() == fd:
                self._accept(listener)
                return

    def _accept(self, listener) -> None:
        for _ in range(1000):
            try:
                sock, addr = listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                log.warning(f"Accepting client connection: {exc}")
                return
            self.stats.connections_received += 1
            if len(self.clients) >= self.config.maxclients:
                self.stats.rejected_connections += 1
                try:
                    sock.send(b"-%s\r\n" % errors.MAX_CLIENTS)
                except OSError:
                    pass
                sock.close()
                continue
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.config.tcp_keepalive:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
            self.add_client(sock, _fmt_addr(addr), _fmt_addr(sock.getsockname()))

    def add_client(self, sock, addr: str, laddr: str) -> Client:
        client = Client(self, sock, next(self._client_ids), addr, laddr)
        self.clients[client.id] = client
        if sock is not None:
            self.poller.register(sock, READ, client)
        return client

    def close_client(self, client: Client) -> None:
        if client.closed:
            return
        client.closed = True
        self.clients.pop(client.id, None)
        self.pending_writes.discard(client)
        for hook in self.on_client_close:
            hook(client)
        if client.monitor and client in self.monitors:
            self.monitors.remove(client)
        if client.sock is not None:
            try:
                self.poller.unregister(client.sock)
            except (KeyError, ValueError):
                pass
            try:
                client.sock.close()
            except OSError:
                pass

    # Cleanup callbacks (WATCH, pub/sub, blocking) registered by their modules.
    on_client_close = hooks.on_client_close

    def _read(self, client: Client) -> None:
        try:
            data = client.sock.recv(_READ_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self.close_client(client)
            return
        if not data:
            self.close_client(client)
            return
        self.stats.net_input_bytes += len(data)
        client.last_interaction = self.now
        reader = client.reader
        reader.feed(data)
        if client.pending_cmds is not None or client.blocked is not None:
            # Held back while blocked or paused; parsed later in order.
            if reader.pending() > self.config.client_query_buffer_limit:
                self._query_buffer_overflow(client)
            return
        self.process_input(client)
        if reader.pending() > self.config.client_query_buffer_limit:
            self._query_buffer_overflow(client)

    def _query_buffer_overflow(self, client: Client) -> None:
        log.warning(f"Closing client that reached max query buffer length: "
                    f"id={client.id} addr={client.addr} (qbuf initial bytes: ...)")
        self.close_client(client)

    def process_input(self, client: Client) -> None:
        """Run every complete command the client has sent, then send the replies."""
        reader = client.reader
        cmds = reader.commands()
        if client.pending_cmds is not None:
            cmds = client.pending_cmds + cmds
            client.pending_cmds = None
        execute = self.execute
        for i, argv in enumerate(cmds):
            execute(client, argv)
            if client.close_after_reply:
                break
            if client.blocked is not None:
                rest = cmds[i + 1:]
                if client.pending_cmds is not None:
                    # The gate held this very command (CLIENT PAUSE): keep the order.
                    client.pending_cmds += rest
                elif rest:
                    client.pending_cmds = rest
                break
        if reader.error is not None and client.pending_cmds is None and not client.close_after_reply:
            log.verbose(f"Protocol error ({reader.error}) from client: id={client.id} addr={client.addr}")
            write_reply(client.out, ErrorReply(errors.protocol(reader.error)), client.resp3)
            client.close_after_reply = True
        if client.out:
            # Written in before_sleep with everyone else's replies, as Redis does:
            # peers then get their replies in one burst, which keeps a client
            # like redis-benchmark efficient (more ready sockets per wakeup).
            self.pending_writes.add(client)
        elif client.close_after_reply:
            self.close_client(client)

    def _flush(self, client: Client) -> None:
        out = client.out
        if client.closed:
            return
        try:
            sent = client.sock.send(out)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            self.close_client(client)
            return
        self.stats.net_output_bytes += sent
        if sent == len(out):
            out.clear()
            if client.want_write:
                client.want_write = False
                self.poller.modify(client.sock, READ, client)
            if client.close_after_reply:
                self.close_client(client)
            return
        del out[:sent]
        if not client.want_write:
            client.want_write = True
            self.poller.modify(client.sock, READ | WRITE, client)
        self.check_output_limits(client)

    def check_output_limits(self, client: Client) -> None:
        """client-output-buffer-limit for the client's class (normal, replica, pubsub)."""
        limits = self.config.client_output_buffer_limit
        cls = client.kind if client.kind != "normal" or not client.subscriptions() else "pubsub"
        if cls == "normal" and client.subscriptions():
            cls = "pubsub"
        hard, soft, soft_seconds = limits.get(cls, (0, 0, 0))
        size = len(client.out)
        now = time.monotonic()
        if hard and size >= hard:
            return self._obuf_overflow(client, size)
        if soft and size >= soft:
            if not client.obuf_soft_since:
                client.obuf_soft_since = now
            elif now - client.obuf_soft_since >= soft_seconds:
                return self._obuf_overflow(client, size)
        else:
            client.obuf_soft_since = 0.0

    def _obuf_overflow(self, client: Client, size: int) -> None:
        log.warning(f"Client id={client.id} addr={client.addr} scheduled to be closed ASAP "
                    f"for overcoming of output buffer limits.")
        self.close_client(client)

    # --- dispatch -----------------------------------------------------------------------
    def execute(self, client: Client, argv: list) -> None:
        """Dispatch one command: lookup, arity, slow-path gate, run, reply.

        The common case (known command, right arity, no gate) is kept inline:
        it is the per-request cost every benchmark measures.
        """
        cmd = TABLE.get(argv[0])
        if cmd is None:
            cmd = TABLE.get(argv[0].lower())
            if cmd is None:
                client.last_cmd = b"NULL"
                return self.reject(client, errors.unknown_command(argv))
        if cmd.subcommands:
            if len(argv) >= 2:
                sub = cmd.subcommands.get(argv[1].lower())
                if sub is None:
                    client.last_cmd = b"NULL"
                    return self.reject(client, errors.unknown_subcommand(argv[1], cmd.name))
                cmd = sub
            elif cmd.handler is None:    # COMMAND alone is valid; CONFIG alone is not
                return self.reject(client, errors.wrong_arity(cmd.fullname), cmd)
        # Set before running, as Redis does: CLIENT LIST shows the command in progress.
        client.last_cmd = cmd.fullname
        arity = cmd.arity
        if (arity > 0 and len(argv) != arity) or len(argv) < -arity:
            return self.reject(client, errors.wrong_arity(cmd.fullname), cmd)
        if client.gate or self.gate:
            if self.gatekeeper(client, cmd, argv):
                return
            reply = self.call(client, cmd, argv)
            if reply is not BLOCKED and reply is not NO_REPLY:
                try:
                    client.reply(reply)
                except Exception as exc:  # noqa: BLE001
                    self.reply_unencodable(client, cmd, exc)
            if client.monitor and self.monitors:
                # A monitor sees its own commands after their replies.
                self.feed_monitors(client, cmd, argv, client)
            if client.tracking is not None:
                self.tracking.after_command(client, cmd)
            if self.ready_keys:
                self.blocking.serve_ready(self)
            return
        dirty = self.dirty
        start = _perf_ns()
        try:
            reply = cmd.handler(client, argv)
        except CommandError as exc:
            reply = ErrorReply(exc.message)
            cmd.failed_calls += 1
            self.count_error(exc.message)
        except Exception as exc:  # noqa: BLE001 - a bug in one handler must not kill the server
            reply = self.handler_crashed(cmd, argv, exc)
        elapsed = _perf_ns() - start
        cmd.calls += 1
        cmd.usec += elapsed
        if elapsed > self.slowlog_threshold_ns:
            self.record_slow(client, cmd, argv, elapsed // 1000)
        if self.monitors:
            self.feed_monitors(client, cmd, argv)
        if self.hooks_after_call and self.dirty != dirty:
            for hook in self.hooks_after_call:
                hook(client, cmd, argv)
        if reply is not BLOCKED and reply is not NO_REPLY:
            try:
                write_reply(client.out, reply, client.resp3)
            except Exception as exc:  # noqa: BLE001 - a reply we cannot encode is a bug
                self.reply_unencodable(client, cmd, exc)
        if self.ready_keys:
            # As Redis after each command: waiters get what this one pushed
            # before the next pipelined command can take it.
            self.blocking.serve_ready(self)

    def reply_unencodable(self, client: Client, cmd, exc: Exception) -> None:
        """The reply half-written into the buffer can't be finished: the stream is
        corrupt for this client, so drop the connection rather than the server."""
        log.warning(f"Internal error encoding the reply of '{cmd.fullname.decode()}': {exc!r}; "
                    f"closing client id={client.id}")
        client.out.clear()
        self.close_client(client)

    def handler_crashed(self, cmd, argv, exc: Exception) -> ErrorReply:
        """Log an unexpected exception from a handler and answer with an error reply."""
        import traceback
        log.warning(f"Internal error running '{cmd.fullname.decode()}': "
                    + "".join(traceback.format_exception(exc)).rstrip())
        cmd.failed_calls += 1
        message = b"ERR internal error in '%s': %s" % (cmd.fullname, str(exc).encode()[:200])
        self.count_error(message)
        return ErrorReply(message.replace(b"\r", b" ").replace(b"\n", b" "))

    def reject(self, client: Client, message: bytes, cmd=None) -> None:
        """An error before the command ran; inside MULTI it also dooms EXEC.

        ``cmd``, when the command was identified, counts the rejection in its
        ``rejected_calls`` (INFO commandstats).
        """
        if cmd is not None:
            cmd.rejected_calls += 1
        if client.multi is not None:
            client.multi_error = True
        self.count_error(message)
        client.reply(ErrorReply(message))
        if client.tracking is not None:
            self.tracking.after_command(client, cmd)

    def count_error(self, message: bytes) -> None:
        """INFO errorstats: count an error reply under its code (the first word)."""
        stats = self.stats
        stats.total_error_replies += 1
        space = message.find(b" ", 0, 32)
        code = message[:space] if space > 0 else b"ERR"
        errors_by_code = stats.errors
        errors_by_code[code] = errors_by_code.get(code, 0) + 1

    def gatekeeper(self, client, cmd, argv) -> bool:
        """Slow-path checks (auth, MULTI, pub/sub context, pause): see commands.gate."""
        return gatekeeper(self, client, cmd, argv)

    def call(self, client: Client, cmd, argv: list):
        """Run a handler with statistics, slowlog, MONITOR and propagation; return its reply.

        ``execute`` inlines this same sequence for the fast path, where nobody needs
        to know the running client and command; here they are recorded for
        NOLOOP and keymiss, and a tracking client's reads are remembered.
        """
        dirty = self.dirty
        outer = self.current_client, self.executing, self.executing_argv
        self.current_client, self.executing, self.executing_argv = client, cmd, argv
        start = _perf_ns()
        try:
            reply = cmd.handler(client, argv)
        except CommandError as exc:
            reply = ErrorReply(exc.message)
            cmd.failed_calls += 1
            self.count_error(exc.message)
        except Exception as exc:  # noqa: BLE001 - a bug in one handler must not kill the server
            reply = self.handler_crashed(cmd, argv, exc)
        self.current_client, self.executing, self.executing_argv = outer
        if client.tracking is not None and cmd.readonly:
            self.tracking.remember(client, cmd, argv)
        elapsed = _perf_ns() - start
        cmd.calls += 1
        cmd.usec += elapsed
        if elapsed > self.slowlog_threshold_ns:
            self.record_slow(client, cmd, argv, elapsed // 1000)
        if self.monitors:
            self.feed_monitors(client, cmd, argv)
        if self.hooks_after_call and self.dirty != dirty:
            for hook in self.hooks_after_call:
                hook(client, cmd, argv)
        return reply

    def refresh_slowlog_threshold(self, *_ignored) -> None:
        """One threshold for the hot path: the lower of the slowlog and latency monitor ones."""
        config = self.config
        slowlog = config.slowlog_log_slower_than
        threshold = slowlog * 1000 if slowlog >= 0 else 1 << 62
        latency_ms = getattr(config, "latency_monitor_threshold", 0)
        if latency_ms > 0:
            threshold = min(threshold, latency_ms * 1_000_000 - 1)
        self.slowlog_threshold_ns = threshold

    def record_slow(self, client, cmd, argv, micros: int) -> None:
        """A command ran past a threshold: SLOWLOG entry and/or LATENCY sample."""
        config = self.config
        latency_ms = getattr(config, "latency_monitor_threshold", 0)
        if latency_ms > 0 and micros // 1000 >= latency_ms:
            self.latency_sample(b"fast-command" if cmd.fast else b"command", micros // 1000)
        threshold = config.slowlog_log_slower_than
        if threshold < 0 or micros < threshold or "skip_slowlog" in cmd.flags:
            return
        argv = redact(cmd, argv)
        args = [a if len(a) <= 128 else a[:128] + b"... (%d more bytes)" % (len(a) - 128)
                for a in argv[:32]]
        if len(argv) > 32:
            args[-1] = b"... (%d more arguments)" % (len(argv) - 31)
        self.slowlog.insert(0, (self.slowlog_next_id, int(time.time()), micros, args,
                                client.addr.encode(), client.name))
        self.slowlog_next_id += 1
        del self.slowlog[config.slowlog_max_len:]

    def latency_sample(self, event: bytes, ms: int) -> None:
        """LATENCY: keep the worst sample per second, 160 seconds of history per event."""
        entry = self.latency_events.get(event)
        if entry is None:
            entry = self.latency_events[event] = {"samples": [], "max": 0}
        now = int(time.time())
        samples = entry["samples"]
        if samples and samples[-1][0] == now:
            samples[-1] = (now, max(samples[-1][1], ms))
        else:
            samples.append((now, ms))
            del samples[:-160]
        entry["max"] = max(entry["max"], ms)

    def feed_monitors(self, client, cmd, argv, only=None) -> None:
        """MONITOR: one line per executed command; admin commands are never shown."""
        if cmd.admin or "skip_monitor" in cmd.flags:
            return
        now = time.time()
        args = " ".join('"%s"' % monitor_escape(a) for a in redact(cmd, argv))
        line = "+%.6f [%d %s] %s\r\n" % (now, client.db.id, client.addr, args)
        data = line.encode()
        for monitor in ((only,) if only is not None else self.monitors):
            if monitor is not client or only is not None:
                monitor.out += data
                self.pending_writes.add(monitor)

    # --- between batches ---------------------------------------------------------------
    def before_sleep(self) -> None:
        if self.ready_keys or self.unblocked_clients:
            self.blocking.before_sleep(self)
        if self.tracking.pending:
            self.tracking.broadcast()
        if self.pending_writes:
            clients = list(self.pending_writes)
            self.pending_writes.clear()
            for client in clients:
                if client.out and not client.want_write:
                    self._flush(client)

    def signal_key_ready(self, db, key) -> None:
        self.ready_keys.append((db, key))

    def key_expired(self, db, key) -> None:
        """Hook for keyspace events and propagation of expiries (DEL to replicas)."""
        for hook in self.on_key_expired:
            hook(db, key)

    on_key_expired = hooks.on_key_expired

    def cron(self) -> None:
        self.stats.sample(self)
        clock = clock_now()
        for db in self.dbs:
            db.housekeeping(clock)
        if self.active_expire:
            # Like Redis's slow expire cycle: at most a quarter of the cron period.
            active_expire(self.dbs, 0.25 / max(self.config.hz, 1))
        if self.paused_until and self.paused_until <= time.monotonic():
            self.unpause()
        timeout = self.config.timeout
        if timeout:
            cutoff = time.time() - timeout
            for client in list(self.clients.values()):
                if (client.last_interaction < cutoff and client.kind == "normal"
                        and client.blocked is None and not client.subscriptions()):
                    self.close_client(client)

    def pause(self, seconds: float, writes_only: bool) -> None:
        """CLIENT PAUSE: during a pause, the later end and the stronger mode (ALL) win."""
        now = time.monotonic()
        if self.paused_until > now:
            writes_only = writes_only and self.pause_writes_only
        if now + seconds > self.paused_until:
            self.paused_until = now + seconds
            if self.pause_timer is not None:
                self.pause_timer.cancel()
            self.pause_timer = self.call_later(seconds, self._pause_expired)
        self.pause_writes_only = writes_only
        self.refresh_gate()

    def _pause_expired(self) -> None:
        self.pause_timer = None
        if self.paused_until and self.paused_until <= time.monotonic():
            self.unpause()

    def unpause(self) -> None:
        self.paused_until = 0.0
        if self.pause_timer is not None:
            self.pause_timer.cancel()
            self.pause_timer = None
        self.refresh_gate()
        self._resume_held()

    def _resume_held(self) -> None:
        """Run the commands CLIENT PAUSE held back, client by client in connection order."""
        for client in list(self.clients.values()):
            if client.closed or client.pending_cmds is None:
                continue
            if client.blocked == "pause":
                client.blocked = None
            elif client.blocked is not None:
                continue
            self.process_input(client)

    def _apply_proto_max_bulk_len(self, *_ignored) -> None:
        limit = self.config.proto_max_bulk_len
        for client in self.clients.values():
            try:
                client.reader.max_bulk_len = limit
            except AttributeError:   # a compiled reader without a writable limit
                pass

    def refresh_gate(self, *_ignored) -> None:
        self.gate = bool(self.paused_until or self.loading or self.config.maxmemory
                         or self.keymiss_events or self.replication_gate())

    def replication_gate(self) -> bool:
        return False

    def _shutdown_now(self) -> None:
        for hook in self.on_shutdown:
            try:
                hook(self)
            except Exception as exc:  # noqa: BLE001 - never let shutdown crash
                log.warning(f"Error during shutdown: {exc}")
        for client in list(self.clients.values()):
            if client.out:
                try:
                    client.sock.setblocking(True)
                    client.sock.settimeout(0.5)
                    client.sock.sendall(client.out)
                except OSError:
                    pass
            self.close_client(client)
        for sock in self.listeners:
            try:
                self.poller.unregister(sock)
            except (KeyError, ValueError):
                pass
            sock.close()
        log.notice("Redix is now ready to exit, bye bye...")

    on_shutdown = hooks.on_shutdown
    on_client_reset = hooks.on_client_reset


REDIS_VERSION = "7.0.15"


def _fmt_addr(addr) -> str:
    if isinstance(addr, tuple):
        host, port = addr[0], addr[1]
        return f"{host}:{port}"
    return str(addr)
