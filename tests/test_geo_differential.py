"""GEO commands, Redix against a real redis-server: same reply bytes.

Skipped when ``redis-server`` is not installed.  Thousands of random points
(worldwide, clustered, and crowded near the poles and the antimeridian)
check scores, GEOPOS bytes, GEOHASH strings and distances; random searches
of every shape, unit and option check which members are found, their order
(also the unsorted order, which follows Redis's cell walk) and every field.
Points are random doubles, so no two lie at the same distance from a centre
and sorting ties (which Redis breaks with an unstable sort) do not occur.
"""
import random

import pytest

from tests.resp_util import parse_reply

pytestmark = pytest.mark.differential

N_POINTS = 3000


def random_points(rng, n):
    points = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            lon, lat = rng.uniform(-180, 180), rng.uniform(-85.05112878, 85.05112878)
        elif kind == 1:
            lon, lat = rng.gauss(12, 2), rng.gauss(45, 2)
        elif kind == 2:
            lon, lat = rng.uniform(170, 180) * rng.choice((1, -1)), rng.uniform(60, 85.05)
        else:
            lon, lat = rng.uniform(-180, 180), rng.uniform(-85.05, -70)
        points.append((lon, lat))
    return points


def load(pair, key, points):
    args = []
    for i, (lon, lat) in enumerate(points):
        args += [repr(lon), repr(lat), "p%d" % i]
    pair.same("GEOADD", key, *args)


def test_scores_positions_hashes_distances(pair):
    rng = random.Random(11)
    points = random_points(rng, N_POINTS)
    load(pair, "g", points)
    members = ["p%d" % i for i in range(N_POINTS)]
    pair.same("ZRANGE", "g", "0", "-1", "WITHSCORES")
    pair.same("GEOPOS", "g", *members)
    pair.same("GEOHASH", "g", *members)
    for _ in range(300):
        pair.same("GEODIST", "g", rng.choice(members), rng.choice(members),
             rng.choice(["m", "km", "mi", "ft"]))
    # Same longitude: the latitude-only distance.
    pair.same("GEOADD", "g", "10", "10", "s1", "10", "-20", "s2", "10", "85", "s3")
    pair.same("GEODIST", "g", "s1", "s2")
    pair.same("GEODIST", "g", "s1", "s3", "km")
    pair.hello3()
    pair.same("GEOPOS", "g", *members[:200])


def random_search(rng, n_points):
    roll = rng.random()
    if roll < 0.4:
        centre = ["FROMLONLAT", "%.5f" % rng.gauss(12, 3),
                  "%.5f" % max(min(rng.gauss(45, 3), 85.0), -85.0)]
    elif roll < 0.6:
        centre = ["FROMLONLAT", "%.5f" % rng.uniform(-180, 180),
                  "%.5f" % rng.choice([rng.uniform(-85, 85), rng.uniform(70, 85.05),
                                       rng.uniform(-85.05, -70), 0.0])]
    else:
        centre = ["FROMMEMBER", "p%d" % rng.randrange(n_points)]
    unit = rng.choice(["m", "km", "mi", "ft"])
    scale = {"m": 1000, "km": 1, "mi": 0.6, "ft": 3280}[unit]
    size = rng.choice([1, 10, 50, 200, 1000, 5000, 20000])
    if rng.random() < 0.5:
        shape = ["BYRADIUS", "%.3f" % (rng.uniform(0.1, 1) * size * scale), unit]
    else:
        shape = ["BYBOX", "%.3f" % (rng.uniform(0.1, 2) * size * scale),
                 "%.3f" % (rng.uniform(0.1, 2) * size * scale), unit]
    options = []
    if rng.random() < 0.5:
        options.append(rng.choice(["ASC", "DESC"]))
    if rng.random() < 0.4:
        options += ["COUNT", str(rng.choice([1, 3, 10, 100]))]
        if rng.random() < 0.3:
            options.append("ANY")
    return centre, shape, options


@pytest.mark.parametrize("resp3", [False, True], ids=["resp2", "resp3"])
def test_random_searches(pair, resp3):
    rng = random.Random(5 + resp3)
    load(pair, "g", random_points(rng, N_POINTS))
    if resp3:
        pair.hello3()
    for i in range(300):
        centre, shape, options = random_search(rng, N_POINTS)
        withs = [w for w in ("WITHDIST", "WITHHASH", "WITHCOORD") if rng.random() < 0.3]
        pair.same("GEOSEARCH", "g", *centre, *shape, *options, *withs)
        if i % 10 == 0:
            stored = pair.same("GEOSEARCHSTORE", "d", "g", *centre, *shape, *options,
                          *(["STOREDIST"] if rng.random() < 0.5 else []))
            if parse_reply(stored):
                pair.same("ZRANGE", "d", "0", "-1", "WITHSCORES")
                pair.same("OBJECT", "ENCODING", "d")
        if i % 7 == 0 and shape[0] == "BYRADIUS":
            radius, unit = shape[1:]
            if centre[0] == "FROMLONLAT":
                pair.same("GEORADIUS", "g", centre[1], centre[2], radius, unit, *options, *withs)
            else:
                pair.same("GEORADIUSBYMEMBER", "g", centre[1], radius, unit, *options, *withs)


def test_scripted(pair):
    pair.script("""
        GEOADD g 13.361389 38.115556 Palermo 15.087269 37.502669 Catania
        GEOADD g 180 85.05112878 edge -180 -85.05112878 edge3 -0 -0 zero
        GEOADD g 180 85.05112879 edge2
        GEOADD g CH 13.361389 38.115556 Palermo 1 1 new
        GEOADD g XX CH 1 2 new 3 3 nope
        GEOADD g NX XX 1 1 a
        GEOADD g NX CH CH
        GEOPOS g Palermo nope edge edge3 zero
        GEOHASH g Palermo Catania nope edge edge3 zero
        GEODIST g Palermo Catania
        GEODIST g Palermo Catania Km
        GEODIST g Palermo Catania foo
        GEODIST g Palermo Catania km x
        GEODIST nokey a b foo
        ZADD g -1 neg 4503599627370496 big 4503599627370497 big2 1e300 huge 1.5 frac
        ZADD g -1e300 nhuge 9.3e18 over63 2e19 over64
        GEOPOS g neg big big2 huge frac nhuge over63 over64
        GEOHASH g neg big big2 huge frac nhuge over63 over64
        GEOSEARCH g FROMLONLAT 0 0 BYRADIUS 50000 km WITHHASH
        GEOSEARCH g FROMLONLAT 0 0 BYBOX 50000 50000 km WITHHASH
        GEOSEARCH g FROMLONLAT 15 37 BYRADIUS inf km
        GEOSEARCH g FROMLONLAT 15 37 BYBOX inf 1 km
        GEOSEARCH g FROMLONLAT 15 37 BYRADIUS 0 km
        GEOSEARCH g FROMMEMBER Palermo BYRADIUS 0 km
        GEOSEARCH g FROMMEMBER Palermo FROMMEMBER Catania BYRADIUS 1 km
        GEOSEARCH g FROMMEMBER Palermo FROMMEMBER nope BYRADIUS 1 km
        GEOSEARCH g FROMLONLAT 15 37 BYRADIUS 200 km WITHDIST COUNT 1 ANY COUNT 2
        GEOSEARCH g FROMLONLAT 15 37 BYRADIUS 1 km COUNT 1 ANY ANY
        GEOSEARCH g FROMLONLAT 15 37 BYRADIUS 1 km ASC DESC
        GEOSEARCH g FROMLONLAT 15 byradius 1 km
        GEOSEARCH g FROMLONLAT 15 37 BYBOX 1 km
        GEOSEARCH nokey FROMMEMBER nope BYRADIUS 1 km
        GEOSEARCH nokey BYBOX 1 1 km COUNT 1 ASC
        GEOSEARCHSTORE d g BYRADIUS 1 km STORE x
        GEOSEARCHSTORE d nokey FROMLONLAT 1 1 BYRADIUS 1 km
        GEORADIUS g 15 37 200 km COUNT 0
        GEORADIUS g 15 37 200 km STORE
        GEORADIUS g 15 37 200 km BYBOX 1 1 km
        GEORADIUS g 15 37 200 km COUNT 1 ANY WITHDIST
        GEORADIUS g 200 37 1 km
        GEORADIUS g 15 37 200 foo
        GEORADIUSBYMEMBER g nope 200 foo
        GEORADIUSBYMEMBER g nope 200 km foo
        GEORADIUSBYMEMBER nokey nope 200 km foo
        GEORADIUSBYMEMBER nokey nope 200 km STORE d
        GEORADIUSBYMEMBER g Palermo 200 km any
        GEORADIUSBYMEMBER_RO g Palermo 200 km STOREDIST d
        GEORADIUS g 15 37 200 km STOREDIST d2 DESC
        ZRANGE d2 0 -1 WITHSCORES
        HELLO 3
        GEOPOS g Palermo nope
        GEOSEARCH g FROMLONLAT 15 37 BYRADIUS 200 km WITHCOORD WITHDIST WITHHASH
        GEORADIUS g 15 37 200 km WITHCOORD
    """)
