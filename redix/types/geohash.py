"""Geohash arithmetic for the GEO commands: positions as sorted-set scores.

A position is stored as a 52-bit integer score: the longitude and latitude
are each scaled to a 26-bit cell index (longitude over [-180, 180], latitude
over the Web Mercator limits [-85.05112878, 85.05112878]) and the two indexes
are interleaved bit by bit, latitude in the even bits and longitude in the
odd ones.  Nearby points then have nearby scores, and a cell of any coarser
"step" (bits per coordinate) is one contiguous score range.

Everything here is plain double arithmetic done in the same order as Redis
does it, so scores, decoded coordinates and distances match real Redis to
the last bit (the tests compare them with a redis-server).  That includes
what Redis does with scores that GEOADD never writes (negative, fractional,
or beyond 52 bits, set with ZADD): they are truncated to a 64-bit unsigned
integer the way x86-64 converts a double, then decoded and clamped.

A radius or box search (``search_cells``) looks at the cell of the centre
and its eight neighbours at a step coarse enough to cover the shape,
dropping the neighbours the shape cannot reach; the caller walks those
cells' score ranges and filters by exact distance (``within``).

API: ``encode``, ``decode``, ``score_to_bits``, ``geohash_string``,
``distance``, ``Shape``, ``search_cells``, ``cell_score_range``, ``within``,
constants ``LON_MIN``... and ``EARTH_RADIUS``.
"""
from __future__ import annotations

import math

LON_MIN, LON_MAX = -180.0, 180.0
LAT_MIN, LAT_MAX = -85.05112878, 85.05112878
STEP_MAX = 26                      # bits per coordinate in a stored score
EARTH_RADIUS = 6372797.560856      # metres, as Redis uses
MERCATOR_MAX = 20037726.37
_D_R = math.pi / 180.0

_MASK32 = 0xFFFFFFFF
_MASK64 = (1 << 64) - 1
_SIGN64 = 1 << 63
_BASE32 = b"0123456789bcdefghjkmnpqrstuvwxyz"


def _spread(v: int) -> int:
    """The 32 bits of v moved to the even bit positions of a 64-bit word."""
    v &= _MASK32
    v = (v | (v << 16)) & 0x0000FFFF0000FFFF
    v = (v | (v << 8)) & 0x00FF00FF00FF00FF
    v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0F
    v = (v | (v << 2)) & 0x3333333333333333
    v = (v | (v << 1)) & 0x5555555555555555
    return v


def _squash(v: int) -> int:
    """The even bits of a 64-bit word packed into 32 bits (inverse of ``_spread``)."""
    v &= 0x5555555555555555
    v = (v | (v >> 1)) & 0x3333333333333333
    v = (v | (v >> 2)) & 0x0F0F0F0F0F0F0F0F
    v = (v | (v >> 4)) & 0x00FF00FF00FF00FF
    v = (v | (v >> 8)) & 0x0000FFFF0000FFFF
    v = (v | (v >> 16)) & 0x00000000FFFFFFFF
    return v


def interleave(lat_index: int, lon_index: int) -> int:
    return _spread(lat_index) | (_spread(lon_index) << 1)


def deinterleave(bits: int):
    """(lat_index, lon_index) of an interleaved word."""
    return _squash(bits), _squash(bits >> 1)


def _libm(fn):
    """``fn`` with C's answer (NaN) where Python's math raises (cos(inf), asin(1.0000001))."""
    def call(x: float) -> float:
        try:
            return fn(x)
        except ValueError:
            return math.nan
    return call


_sin, _cos, _asin, _sqrt = _libm(math.sin), _libm(math.cos), _libm(math.asin), _libm(math.sqrt)


def deg_rad(angle: float) -> float:
    return angle * _D_R


def rad_deg(angle: float) -> float:
    return angle / _D_R


# --- encoding and decoding ------------------------------------------------------------


def encode(lon: float, lat: float, step: int = STEP_MAX,
           lon_range=(LON_MIN, LON_MAX), lat_range=(LAT_MIN, LAT_MAX)) -> int:
    """The interleaved cell bits of a position (0 for one outside the ranges)."""
    if lon > 180 or lon < -180 or lat > 85.05112878 or lat < -85.05112878:
        return 0
    if lat < lat_range[0] or lat > lat_range[1] or lon < lon_range[0] or lon > lon_range[1]:
        return 0
    lat_offset = (lat - lat_range[0]) / (lat_range[1] - lat_range[0])
    lon_offset = (lon - lon_range[0]) / (lon_range[1] - lon_range[0])
    lat_offset *= 1 << step
    lon_offset *= 1 << step
    return interleave(int(lat_offset), int(lon_offset))


def cell_area(bits: int, step: int):
    """(lon_min, lon_max, lat_min, lat_max) of a cell."""
    lat_index, lon_index = deinterleave(bits)
    lat_scale = LAT_MAX - LAT_MIN
    lon_scale = LON_MAX - LON_MIN
    cells = 1 << step
    return (LON_MIN + (lon_index / cells) * lon_scale,
            LON_MIN + (((lon_index + 1) & _MASK32) / cells) * lon_scale,
            LAT_MIN + (lat_index / cells) * lat_scale,
            LAT_MIN + (((lat_index + 1) & _MASK32) / cells) * lat_scale)


def decode(bits: int, step: int = STEP_MAX):
    """(lon, lat) of the centre of a cell, clamped to the valid ranges."""
    lon_min, lon_max, lat_min, lat_max = cell_area(bits, step)
    lon = (lon_min + lon_max) / 2
    lon = min(max(lon, LON_MIN), LON_MAX)
    lat = (lat_min + lat_max) / 2
    lat = min(max(lat, LAT_MIN), LAT_MAX)
    return lon, lat


def score_to_bits(score: float) -> int:
    """``(uint64_t)score`` as x86-64 computes it, for any double a zset may hold."""
    two63 = 9223372036854775808.0
    if score < two63:
        if score != score or score < -two63:
            return _SIGN64                    # the "integer indefinite" result
        return int(score) & _MASK64
    shifted = score - two63
    if shifted >= two63:
        return 0                              # indefinite, then the sign bit flipped back
    return (int(shifted) & _MASK64) ^ _SIGN64


def decode_score(score: float):
    """(lon, lat) of a stored score."""
    return decode(score_to_bits(score))


def geohash_string(score: float) -> bytes:
    """GEOHASH's 11-character standard geohash (latitude over [-90, 90]) of a score."""
    lon, lat = decode_score(score)
    bits = encode(lon, lat, STEP_MAX, (-180.0, 180.0), (-90.0, 90.0))
    chars = bytearray(11)
    for i in range(10):
        chars[i] = _BASE32[(bits >> (52 - (i + 1) * 5)) & 0x1F]
    chars[10] = _BASE32[0]          # 52 bits fill ten characters and two bits of the last
    return bytes(chars)


# --- distances -------------------------------------------------------------------------


def lat_distance(lat1: float, lat2: float) -> float:
    return EARTH_RADIUS * abs(deg_rad(lat2) - deg_rad(lat1))


def distance(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Haversine distance in metres."""
    lon1r = deg_rad(lon1)
    lon2r = deg_rad(lon2)
    v = _sin((lon2r - lon1r) / 2)
    if v == 0.0:
        return lat_distance(lat1, lat2)
    lat1r = deg_rad(lat1)
    lat2r = deg_rad(lat2)
    u = _sin((lat2r - lat1r) / 2)
    a = u * u + _cos(lat1r) * _cos(lat2r) * v * v
    return 2.0 * EARTH_RADIUS * _asin(_sqrt(a))


# --- searching -------------------------------------------------------------------------


class Shape:
    """A search area: a circle (``radius``) or a box (``width``, ``height``) around
    (lon, lat), dimensions in the unit whose size in metres is ``conversion``."""
    __slots__ = ("lon", "lat", "radius", "width", "height", "conversion")

    def __init__(self, lon, lat, conversion, radius=None, width=None, height=None):
        self.lon = lon
        self.lat = lat
        self.conversion = conversion
        self.radius = radius
        self.width = width
        self.height = height


def _bounding_box(shape: Shape):
    """(min_lon, min_lat, max_lon, max_lat) that encloses the shape."""
    if shape.radius is not None:
        height = width = shape.conversion * shape.radius
    else:
        height = shape.conversion * (shape.height / 2)
        width = shape.conversion * (shape.width / 2)
    lat_delta = rad_deg(height / EARTH_RADIUS)
    lon_delta_top = rad_deg(width / EARTH_RADIUS / _cos(deg_rad(shape.lat + lat_delta)))
    lon_delta_bottom = rad_deg(width / EARTH_RADIUS / _cos(deg_rad(shape.lat - lat_delta)))
    # Towards the pole a box is narrower: take the wider edge of the two.
    delta = lon_delta_bottom if shape.lat < 0 else lon_delta_top
    return shape.lon - delta, shape.lat - lat_delta, shape.lon + delta, shape.lat + lat_delta


def _steps_for(range_metres: float, lat: float) -> int:
    """The coarsest step whose cells are about as large as the search radius."""
    if range_metres == 0:
        return 26
    step = 1
    while range_metres < MERCATOR_MAX:
        range_metres *= 2
        step += 1
    step -= 2
    if lat > 66 or lat < -66:
        step -= 1
        if lat > 80 or lat < -80:
            step -= 1
    return min(max(step, 1), 26)


def _move(bits: int, step: int, dlon: int, dlat: int) -> int:
    """The neighbouring cell, wrapping around at the edges of the grid."""
    lat_index, lon_index = deinterleave(bits)
    mask = (1 << step) - 1
    return interleave((lat_index + dlat) & mask, (lon_index + dlon) & mask)


# The centre cell, then north, south, east, west, NE, NW, SE, SW: the order in which
# Redis visits them, which shows in unsorted replies.
_DIRECTIONS = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
_NORTH, _SOUTH, _EAST, _WEST, _NORTH_EAST, _NORTH_WEST, _SOUTH_EAST, _SOUTH_WEST = range(8)


def search_cells(shape: Shape):
    """The cells to scan for ``shape``: a list of (bits, step), None for a dropped one."""
    min_lon, min_lat, max_lon, max_lat = _bounding_box(shape)
    if shape.radius is not None:
        radius = shape.radius
    else:
        radius = _sqrt((shape.width / 2) * (shape.width / 2)
                       + (shape.height / 2) * (shape.height / 2))
    radius *= shape.conversion
    step = _steps_for(radius, shape.lat)
    centre = encode(shape.lon, shape.lat, step)
    neighbours = [_move(centre, step, dx, dy) for dx, dy in _DIRECTIONS]
    # Near an edge of its cell the estimate can fall short: if the shape reaches past
    # the far side of a neighbour, use cells twice as large.
    north, south, east, west = (cell_area(neighbours[i], step) for i in range(4))
    if step > 1 and (north[3] < max_lat or south[2] > min_lat
                     or east[1] < max_lon or west[0] > min_lon):
        step -= 1
        centre = encode(shape.lon, shape.lat, step)
        neighbours = [_move(centre, step, dx, dy) for dx, dy in _DIRECTIONS]
    cells = [(centre, step)] + [(bits, step) for bits in neighbours]
    if step >= 2:
        lon_min, lon_max, lat_min, lat_max = cell_area(centre, step)
        dropped = set()
        if lat_min < min_lat:
            dropped.update((_SOUTH, _SOUTH_EAST, _SOUTH_WEST))
        if lat_max > max_lat:
            dropped.update((_NORTH, _NORTH_EAST, _NORTH_WEST))
        if lon_min < min_lon:
            dropped.update((_WEST, _NORTH_WEST, _SOUTH_WEST))
        if lon_max > max_lon:
            dropped.update((_EAST, _NORTH_EAST, _SOUTH_EAST))
        for i in dropped:
            cells[i + 1] = None
    return cells


def cell_score_range(bits: int, step: int):
    """[min, max) scores of the stored positions inside a cell."""
    shift = 52 - step * 2
    return bits << shift, (bits + 1) << shift


def within(shape: Shape, lon: float, lat: float):
    """The distance in metres from the shape's centre if (lon, lat) is inside, else None."""
    if shape.radius is not None:
        dist = distance(shape.lon, shape.lat, lon, lat)
        return None if dist > shape.radius * shape.conversion else dist
    if lat_distance(lat, shape.lat) > shape.height * shape.conversion / 2:
        return None
    if distance(lon, lat, shape.lon, lat) > shape.width * shape.conversion / 2:
        return None
    return distance(shape.lon, shape.lat, lon, lat)
