"""Regenerate redix/data/commands.json from a real redis-server 7.0.

The command table is interface data, not code: COMMAND INFO and COMMAND DOCS
replies are part of the protocol clients see (redis-cli builds its hints from
COMMAND DOCS).  This script asks the oracle server for both, in RESP2 and RESP3,
and keeps the exact reply bytes for each command (so Redix answers byte for
byte) plus the decoded fields dispatch needs (arity, flags, key specs).

    python tests/tools/dump_command_table.py [port]
"""
import json
import socket
import sys


def read_reply(sock, buf):
    """Read one complete reply; return (value, raw_bytes, leftover)."""
    while True:
        try:
            value, end = parse(buf, 0)
            return value, bytes(buf[:end]), buf[end:]
        except (IndexError, ValueError):
            chunk = sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError("server closed")
            buf += chunk


def parse(buf, pos):
    """Decode RESP2/RESP3 at pos; returns (value, end). IndexError if incomplete.

    Values keep their raw span: aggregates decode to lists of (value, start, end).
    """
    nl = buf.find(b"\r\n", pos)
    if nl < 0:
        raise IndexError
    kind, line = chr(buf[pos]), bytes(buf[pos + 1:nl])
    pos = nl + 2
    if kind in "+-:,#(_":
        return (kind, line), pos
    if kind in "$=!":
        n = int(line)
        if n < 0:
            return (kind, None), pos
        if len(buf) < pos + n + 2:
            raise IndexError
        return (kind, bytes(buf[pos:pos + n])), pos + n + 2
    if kind in "*~>%|":
        n = int(line)
        if kind in "%|":
            n *= 2
        items = []
        for _ in range(max(n, 0)):
            start = pos
            value, pos = parse(buf, pos)
            items.append((value, start, pos))
        return (kind, items), pos
    raise RuntimeError(f"bad reply type {kind!r}")


def plain(node):
    """Decoded value without spans: bytes->str, maps->dict, arrays->list."""
    kind, v = node
    if kind in "*~>":
        return [plain(x[0]) for x in v]
    if kind in "%|":
        vals = [plain(x[0]) for x in v]
        return dict(zip(vals[::2], vals[1::2]))
    if kind == ":":
        return int(v)
    return v.decode() if isinstance(v, bytes) else v


def command(sock, *args):
    out = b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args)
    sock.sendall(out)
    value, raw, rest = read_reply(sock, bytearray())
    assert not rest
    return value, raw


def info_entry(node, raw, info3_node, raw3):
    """Fields of one COMMAND INFO element, plus its exact bytes."""
    fields = plain(info3_node)
    entry = {
        "arity": fields[1], "flags": fields[2], "first": fields[3], "last": fields[4],
        "step": fields[5], "acl": fields[6], "tips": fields[7], "key_specs": fields[8],
        "info2": raw.decode("latin-1"), "info3": raw3.decode("latin-1"),
        "subcommands": {},
    }
    subs2, subs3 = node[1][9], info3_node[1][9]
    for (sub2, s2, e2), (sub3, s3, e3) in zip(subs2[0][1], subs3[0][1]):
        name = sub2[1][0][0][1].decode()
        entry["subcommands"][name] = info_entry(sub2, RAW2[s2:e2], sub3, RAW3[s3:e3])
    return entry


def docs_map(node, raw):
    """name -> exact bytes of its COMMAND DOCS value (subcommands included in it)."""
    return raw.decode("latin-1")


def main():
    global RAW2, RAW3
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 6379
    s2 = socket.create_connection(("127.0.0.1", port))
    s3 = socket.create_connection(("127.0.0.1", port))
    command(s3, b"HELLO", b"3")
    names, _ = command(s2, b"COMMAND", b"LIST")
    table = {}
    for name in sorted(plain(names)):
        n = name.encode()
        info2, r2 = command(s2, b"COMMAND", b"INFO", n)
        info3, r3 = command(s3, b"COMMAND", b"INFO", n)
        (node2, a2, b2), (node3, a3, b3) = info2[1][0], info3[1][0]
        RAW2, RAW3 = r2, r3
        entry = info_entry(node2, r2[a2:b2], node3, r3[a3:b3])
        d2, dr2 = command(s2, b"COMMAND", b"DOCS", n)
        d3, dr3 = command(s3, b"COMMAND", b"DOCS", n)
        entry["docs2"] = dr2[d2[1][1][1]:d2[1][1][2]].decode("latin-1")
        entry["docs3"] = dr3[d3[1][1][1]:d3[1][1][2]].decode("latin-1")
        table[name] = entry
    with open("redix/data/commands.json", "w") as f:
        json.dump(table, f, indent=None, separators=(",", ":"), sort_keys=True)
    print(f"{len(table)} commands written")


if __name__ == "__main__":
    main()
