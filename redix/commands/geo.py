"""GEO commands: positions kept as 52-bit geohash scores in a sorted set.

A geo key is an ordinary zset (TYPE says zset, every Z command works on it);
``redix.types.geohash`` turns positions into scores and back, measures
distances and picks the cells a search must scan.  GEOADD is ZADD with
computed scores.  The searches (GEOSEARCH, GEOSEARCHSTORE and the older
GEORADIUS family) share ``_search_generic``, which parses in Redis's order:
the key's type first, then the fixed arguments of the older forms, then the
options left to right (so FROMMEMBER of a missing member fails before a bad
COUNT after it), then the rules between options.

Reply formats, as Redis 7.0 writes them: distances with four decimals as
bulk strings in both protocols; coordinates as ``%.17Lf`` with the trailing
zeros cut, bulk strings in RESP2 and doubles in RESP3; hashes as integers.
"""
from __future__ import annotations

from redix import errors
from redix.commands.args import format_long_double, parse_double, parse_int
from redix.commands.registry import command
from redix.commands.zsets import CH, NX, XX, get_zset, store_result, zadd_apply
from redix.errors import CommandError
from redix.protocol.replies import EMPTY_ARRAY, NULL_ARRAY, Raw
from redix.types import geohash
from redix.types.geohash import Shape

_UNITS = {b"m": 1.0, b"km": 1000.0, b"ft": 0.3048, b"mi": 1609.34}


def _coordinate(value: float, resp3: bool):
    """One coordinate of a reply: human-readable long double (a double in RESP3)."""
    text = format_long_double(value)
    return Raw(b",%s\r\n" % text) if resp3 else text


def _position(lon: float, lat: float, resp3: bool) -> list:
    return [_coordinate(lon, resp3), _coordinate(lat, resp3)]


def _parse_lonlat(lon_raw: bytes, lat_raw: bytes):
    lon = parse_double(lon_raw)
    lat = parse_double(lat_raw)
    if not (geohash.LON_MIN <= lon <= geohash.LON_MAX
            and geohash.LAT_MIN <= lat <= geohash.LAT_MAX):
        raise CommandError(errors.geo_invalid_pair(lon, lat))
    return lon, lat


def _parse_unit(raw: bytes) -> float:
    unit = _UNITS.get(raw.lower())
    if unit is None:
        raise CommandError(errors.GEO_UNIT)
    return unit


def _parse_radius(radius_raw: bytes, unit_raw: bytes):
    """(radius, metres per unit) of ``radius unit``."""
    radius = parse_double(radius_raw, errors.GEO_RADIUS_NOT_NUMERIC)
    if radius < 0:
        raise CommandError(errors.GEO_RADIUS_NEGATIVE)
    return radius, _parse_unit(unit_raw)


def _parse_box(width_raw: bytes, height_raw: bytes, unit_raw: bytes):
    width = parse_double(width_raw, errors.GEO_WIDTH_NOT_NUMERIC)
    height = parse_double(height_raw, errors.GEO_HEIGHT_NOT_NUMERIC)
    if width < 0 or height < 0:
        raise CommandError(errors.GEO_BOX_NEGATIVE)
    return width, height, _parse_unit(unit_raw)


def _member_position(zset, member: bytes):
    score = zset.scores.get(member)
    if score is None:
        raise CommandError(errors.GEO_MEMBER_UNDECODABLE)
    return geohash.decode_score(score)


# --- GEOADD, GEOPOS, GEODIST, GEOHASH ----------------------------------------------------

_GEOADD_FLAGS = {b"nx": NX, b"xx": XX, b"ch": CH}


@command("geoadd")
def cmd_geoadd(client, argv):
    """GEOADD key [NX | XX] [CH] longitude latitude member [longitude latitude member ...]
    -- integer: members added (or changed, with CH)."""
    flags = 0
    i = 2
    while i < len(argv):
        flag = _GEOADD_FLAGS.get(argv[i].lower())
        if flag is None:
            break
        flags |= flag
        i += 1
    if (len(argv) - i) % 3 or (flags & NX and flags & XX) or i == len(argv):
        raise CommandError(errors.SYNTAX)
    scores, members = [], []
    for j in range(i, len(argv), 3):
        lon, lat = _parse_lonlat(argv[j], argv[j + 1])
        scores.append(float(geohash.encode(lon, lat)))
        members.append(argv[j + 2])
    return zadd_apply(client, argv[1], flags, scores, members)


@command("geopos")
def cmd_geopos(client, argv):
    """GEOPOS key [member ...] -- array: [longitude, latitude] per member, or a null array."""
    zset = get_zset(client.db, argv[1])
    scores = zset.scores if zset is not None else {}
    resp3 = client.resp3
    reply = []
    for member in argv[2:]:
        score = scores.get(member)
        if score is None:
            reply.append(NULL_ARRAY)
        else:
            reply.append(_position(*geohash.decode_score(score), resp3))
    return reply


@command("geodist")
def cmd_geodist(client, argv):
    """GEODIST key member1 member2 [M | KM | FT | MI] -- bulk string: the distance with
    four decimals, or null when a member is missing."""
    unit = 1.0
    if len(argv) == 5:
        unit = _parse_unit(argv[4])
    elif len(argv) > 5:
        raise CommandError(errors.SYNTAX)
    zset = get_zset(client.db, argv[1])
    if zset is None:
        return None
    first, second = zset.scores.get(argv[2]), zset.scores.get(argv[3])
    if first is None or second is None:
        return None
    dist = geohash.distance(*geohash.decode_score(first), *geohash.decode_score(second))
    return b"%.4f" % (dist / unit)


@command("geohash")
def cmd_geohash(client, argv):
    """GEOHASH key [member ...] -- array: an 11-character geohash per member, or null."""
    zset = get_zset(client.db, argv[1])
    scores = zset.scores if zset is not None else {}
    reply = []
    for member in argv[2:]:
        score = scores.get(member)
        reply.append(None if score is None else geohash.geohash_string(score))
    return reply


# --- searching ------------------------------------------------------------------------------

# Forms of search: centre and radius as fixed arguments, or as GEOSEARCH options.
_BY_COORDS, _BY_MEMBER, _SEARCH, _SEARCHSTORE = 0, 1, 2, 3
_SORT_NONE, _SORT_ASC, _SORT_DESC = 0, 1, 2


class _Options:
    __slots__ = ("withdist", "withhash", "withcoord", "any", "sort", "count", "store",
                 "storedist", "centre", "frommember", "fromlonlat", "radius", "box")

    def __init__(self):
        self.withdist = self.withhash = self.withcoord = self.any = False
        self.sort = _SORT_NONE
        self.count = 0
        self.store = None
        self.storedist = False
        self.centre = None            # (lon, lat) once known
        self.frommember = self.fromlonlat = False
        self.radius = None            # (radius, unit)
        self.box = None               # (width, height, unit)


def _parse_options(argv, first: int, form: int, zset, opts: _Options, can_store: bool) -> None:
    search = form >= _SEARCH
    i, n = first, len(argv)
    while i < n:
        option = argv[i].lower()
        left = n - i - 1
        if option == b"withdist":
            opts.withdist = True
        elif option == b"withhash":
            opts.withhash = True
        elif option == b"withcoord":
            opts.withcoord = True
        elif option == b"any":
            opts.any = True
        elif option == b"asc":
            opts.sort = _SORT_ASC
        elif option == b"desc":
            opts.sort = _SORT_DESC
        elif option == b"count" and left >= 1:
            opts.count = parse_int(argv[i + 1])
            if opts.count <= 0:
                raise CommandError(errors.GEO_COUNT_POSITIVE)
            i += 1
        elif option in (b"store", b"storedist") and left >= 1 and can_store:
            opts.store = argv[i + 1]
            opts.storedist = option == b"storedist"
            i += 1
        elif option == b"storedist" and form == _SEARCHSTORE:
            opts.storedist = True
        elif option == b"frommember" and left >= 1 and search and not opts.fromlonlat:
            # With no key there is nothing to decode: parsing goes on, the reply is empty.
            if zset is not None:
                opts.centre = _member_position(zset, argv[i + 1])
            opts.frommember = True
            i += 1
        elif option == b"fromlonlat" and left >= 2 and search and not opts.frommember:
            opts.centre = _parse_lonlat(argv[i + 1], argv[i + 2])
            opts.fromlonlat = True
            i += 2
        elif option == b"byradius" and left >= 2 and search and opts.box is None:
            opts.radius = _parse_radius(argv[i + 1], argv[i + 2])
            i += 2
        elif option == b"bybox" and left >= 3 and search and opts.radius is None:
            opts.box = _parse_box(argv[i + 1], argv[i + 2], argv[i + 3])
            i += 3
        else:
            raise CommandError(errors.SYNTAX)
        i += 1


def _search_generic(client, argv, form: int, readonly: bool = False):
    db = client.db
    key = argv[2] if form == _SEARCHSTORE else argv[1]
    zset = get_zset(db, key)
    opts = _Options()
    if form == _BY_COORDS:
        opts.centre = _parse_lonlat(argv[2], argv[3])
        opts.radius = _parse_radius(argv[4], argv[5])
        first = 6
    elif form == _BY_MEMBER:
        if zset is not None:
            opts.centre = _member_position(zset, argv[2])
            opts.radius = _parse_radius(argv[3], argv[4])
        first = 5
    else:
        first = 3 if form == _SEARCHSTORE else 2
        if form == _SEARCHSTORE:
            opts.store = argv[1]
    _parse_options(argv, first, form, zset, opts,
                   can_store=form in (_BY_COORDS, _BY_MEMBER) and not readonly)
    with_any = opts.withdist or opts.withhash or opts.withcoord
    if opts.store is not None and with_any:
        name = b"GEOSEARCHSTORE" if form == _SEARCHSTORE else b"STORE option in GEORADIUS"
        raise CommandError(errors.GEO_STORE_WITH % name)
    if form >= _SEARCH:
        if not (opts.frommember or opts.fromlonlat):
            raise CommandError(errors.GEO_NEED_FROM % argv[0])
        if opts.radius is None and opts.box is None:
            raise CommandError(errors.GEO_NEED_BY % argv[0])
    if opts.any and not opts.count:
        raise CommandError(errors.GEO_ANY_WITHOUT_COUNT)
    if zset is None:
        if opts.store is not None:
            db.delete(opts.store)
            return 0
        return EMPTY_ARRAY
    lon, lat = opts.centre
    if opts.radius is not None:
        radius, unit = opts.radius
        shape = Shape(lon, lat, unit, radius=radius)
    else:
        width, height, unit = opts.box
        shape = Shape(lon, lat, unit, width=width, height=height)
    found = _points_in(zset, shape, opts.count if opts.any else 0)
    sort = opts.sort
    if opts.count and sort == _SORT_NONE and not opts.any:
        sort = _SORT_ASC          # the nearest COUNT: sorting is implied
    if sort != _SORT_NONE:
        found.sort(key=_by_distance, reverse=sort == _SORT_DESC)
    if opts.count:
        del found[opts.count:]
    if opts.store is not None:
        if opts.storedist:
            pairs = [(member, dist / unit) for dist, member, _, _ in found]
        else:
            pairs = [(member, score) for _, member, score, _ in found]
        return store_result(client, opts.store, pairs)
    if not with_any:
        return [member for _, member, _, _ in found]
    resp3 = client.resp3
    reply = []
    for dist, member, score, position in found:
        item = [member]
        if opts.withdist:
            item.append(b"%.4f" % (dist / unit))
        if opts.withhash:
            item.append(int(score))
        if opts.withcoord:
            item.append(_position(*position, resp3))
        reply.append(item)
    return reply


def _by_distance(point) -> float:
    return point[0]


def _points_in(zset, shape: Shape, limit: int) -> list:
    """(distance, member, score, (lon, lat)) of the members inside ``shape``, in the order
    Redis finds them: cell by cell, by score within a cell; at most ``limit`` if nonzero."""
    order = zset.order
    found: list = []
    cells = geohash.search_cells(shape)
    last = 0
    for i, cell in enumerate(cells):
        if cell is None:
            continue
        # Huge radii can make neighbours coincide; like Redis, skip a repeat of the
        # cell just scanned (the centre cell itself is not compared).
        if last and cell == cells[last]:
            continue
        if found and limit and len(found) >= limit:
            break
        low, high = geohash.cell_score_range(*cell)
        start, end = zset.score_span(float(low), False, float(high), True)
        for score, member in order.islice(start, end):
            position = geohash.decode_score(score)
            dist = geohash.within(shape, *position)
            if dist is not None:
                found.append((dist, member, score, position))
            if found and limit and len(found) >= limit:
                break
        last = i
    return found


@command("geosearch")
def cmd_geosearch(client, argv):
    """GEOSEARCH key FROMMEMBER member | FROMLONLAT lon lat BYRADIUS r unit |
    BYBOX w h unit [ASC | DESC] [COUNT n [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]
    -- array of members, or of [member, dist?, hash?, [lon, lat]?]."""
    return _search_generic(client, argv, _SEARCH)


@command("geosearchstore")
def cmd_geosearchstore(client, argv):
    """GEOSEARCHSTORE dst src FROMMEMBER member | FROMLONLAT lon lat BYRADIUS r unit |
    BYBOX w h unit [ASC | DESC] [COUNT n [ANY]] [STOREDIST] -- integer: members stored."""
    return _search_generic(client, argv, _SEARCHSTORE)


@command("georadius")
def cmd_georadius(client, argv):
    """GEORADIUS key lon lat radius unit [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT n [ANY]]
    [ASC | DESC] [STORE key | STOREDIST key] -- as GEOSEARCH, or the count stored."""
    return _search_generic(client, argv, _BY_COORDS)


@command("georadius_ro")
def cmd_georadius_ro(client, argv):
    """GEORADIUS_RO key lon lat radius unit [WITHCOORD] [WITHDIST] [WITHHASH]
    [COUNT n [ANY]] [ASC | DESC] -- as GEOSEARCH."""
    return _search_generic(client, argv, _BY_COORDS, readonly=True)


@command("georadiusbymember")
def cmd_georadiusbymember(client, argv):
    """GEORADIUSBYMEMBER key member radius unit [WITHCOORD] [WITHDIST] [WITHHASH]
    [COUNT n [ANY]] [ASC | DESC] [STORE key | STOREDIST key] -- as GEORADIUS."""
    return _search_generic(client, argv, _BY_MEMBER)


@command("georadiusbymember_ro")
def cmd_georadiusbymember_ro(client, argv):
    """GEORADIUSBYMEMBER_RO key member radius unit [WITHCOORD] [WITHDIST] [WITHHASH]
    [COUNT n [ANY]] [ASC | DESC] -- as GEOSEARCH."""
    return _search_generic(client, argv, _BY_MEMBER, readonly=True)
