"""CLIENT TRACKING, CACHING, GETREDIR, TRACKINGINFO: client-side caching's commands.

The mechanism (what is remembered, when invalidations go out, redirection) is
``redix.server.tracking``; this module parses options and checks them in
Redis 7.0's order: while reading the options, REDIRECT (once, an integer, a
connected client); then, for ON, PREFIX without BCAST, a BCAST switch while
tracking, BCAST with OPTIN/OPTOUT, OPTIN with OPTOUT, an OPTIN/OPTOUT switch,
and prefixes that overlap the client's or each other.
"""
from __future__ import annotations

from redix import errors
from redix.commands.args import parse_int
from redix.commands.registry import command
from redix.errors import CommandError
from redix.protocol.replies import OK, Preencoded
from redix.protocol.resp import encode


@command("client|tracking")
def cmd_client_tracking(client, argv):
    """CLIENT TRACKING ON|OFF [REDIRECT client-id] [PREFIX prefix [PREFIX prefix ...]]
    [BCAST] [OPTIN] [OPTOUT] [NOLOOP] -- +OK."""
    switch = argv[2].lower()
    if switch not in (b"on", b"off"):
        raise CommandError(errors.SYNTAX)
    server = client.server
    bcast = optin = optout = noloop = False
    redirect = 0
    prefixes: list = []
    i = 3
    while i < len(argv):
        option = argv[i].lower()
        if option == b"redirect" and i + 1 < len(argv):
            if redirect:
                raise CommandError(errors.TRACKING_REDIRECT_TWICE)
            redirect = parse_int(argv[i + 1])
            target = server.clients.get(redirect)
            if target is None or target.closed:
                raise CommandError(errors.TRACKING_REDIRECT_MISSING)
            i += 2
        elif option == b"prefix" and i + 1 < len(argv):
            prefixes.append(argv[i + 1])
            i += 2
        elif option in (b"bcast", b"optin", b"optout", b"noloop"):
            if option == b"bcast":
                bcast = True
            elif option == b"optin":
                optin = True
            elif option == b"optout":
                optout = True
            else:
                noloop = True
            i += 1
        else:
            raise CommandError(errors.SYNTAX)
    if switch == b"off":
        server.tracking.disable(client)
        return OK
    current = client.tracking
    if prefixes and not bcast:
        raise CommandError(errors.TRACKING_PREFIX_NEEDS_BCAST)
    if current is not None and current.bcast != bcast:
        raise CommandError(errors.TRACKING_SWITCH_BCAST)
    if bcast and (optin or optout):
        raise CommandError(errors.TRACKING_BCAST_OPTIN)
    if optin and optout:
        raise CommandError(errors.TRACKING_OPTIN_AND_OPTOUT)
    if current is not None and ((optin and current.optout) or (optout and current.optin)):
        raise CommandError(errors.TRACKING_SWITCH_OPTIN)
    _check_prefixes(current.prefixes if current is not None else (), prefixes)
    server.tracking.enable(client, bcast, optin, optout, noloop, redirect, prefixes)
    return OK


def _overlap(a: bytes, b: bytes) -> bool:
    return a.startswith(b) or b.startswith(a)


def _check_prefixes(existing, given: list) -> None:
    """BCAST prefixes of one client must not be prefixes of each other."""
    existing = sorted(existing)
    for i, prefix in enumerate(given):
        for other in existing:
            if _overlap(prefix, other):
                raise CommandError(errors.prefix_overlap(prefix, other, True))
        for j, other in enumerate(given):
            if i != j and _overlap(prefix, other):
                raise CommandError(errors.prefix_overlap(prefix, other, False))


@command("client|caching")
def cmd_client_caching(client, argv):
    """CLIENT CACHING YES|NO -- +OK; tracks (OPTIN) or skips (OPTOUT) the next command's keys."""
    tracking = client.tracking
    if tracking is None:
        raise CommandError(errors.CACHING_NOT_TRACKING)
    answer = argv[2].lower()
    if answer == b"yes":
        if not tracking.optin:
            raise CommandError(errors.CACHING_YES_NEEDS_OPTIN)
    elif answer == b"no":
        if not tracking.optout:
            raise CommandError(errors.CACHING_NO_NEEDS_OPTOUT)
    else:
        raise CommandError(errors.SYNTAX)
    tracking.caching = True
    return OK


@command("client|getredir")
def cmd_client_getredir(client, argv):
    """CLIENT GETREDIR -- integer: the redirect client id, 0 without one, -1 when not tracking."""
    tracking = client.tracking
    return -1 if tracking is None else tracking.redirect


@command("client|trackinginfo")
def cmd_client_trackinginfo(client, argv):
    """CLIENT TRACKINGINFO -- map: flags (a set), redirect (integer), prefixes (array)."""
    tracking = client.tracking
    if tracking is None:
        flags, redirect, prefixes = [b"off"], -1, []
    else:
        flags, redirect = tracking.flag_names(), tracking.redirect
        prefixes = sorted(tracking.prefixes)
    # A set whose order matters (Redis lists the flags in a fixed order): the array's
    # bytes with the set marker.
    array = encode(flags)
    flag_set = Preencoded(array, b"~" + array[1:])
    return {b"flags": flag_set, b"redirect": redirect, b"prefixes": prefixes}
