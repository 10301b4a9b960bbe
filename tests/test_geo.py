"""GEO commands over the wire: exact reply bytes (RESP2 and RESP3), errors, stores.

Expected bytes were read from Redis 7.0.15; ``test_geo_differential.py``
compares many more cases (random points and searches) with a live redis-server.
"""
import pytest

WRONGTYPE = b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
SYNTAX = b"-ERR syntax error\r\n"
PALERMO = ("13.361389", "38.115556", "Palermo")
CATANIA = ("15.087269", "37.502669", "Catania")
PALERMO_POS = b"*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n"
CATANIA_POS = b"*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n"


def bulk(*items: bytes) -> bytes:
    return b"".join(b"$%d\r\n%s\r\n" % (len(i), i) for i in items)


@pytest.fixture
def sicily(raw):
    assert raw.cmd("GEOADD", "g", *PALERMO, *CATANIA) == b":2\r\n"
    return raw


def test_geoadd(raw):
    assert raw.cmd("GEOADD", "g", *PALERMO) == b":1\r\n"
    assert raw.cmd("ZSCORE", "g", "Palermo") == bulk(b"3479099956230698")
    assert raw.cmd("TYPE", "g") == b"+zset\r\n"
    assert raw.cmd("GEOADD", "g", "CH", *PALERMO, "1", "1", "new") == b":1\r\n"
    assert raw.cmd("GEOADD", "g", "XX", "CH", "1", "2", "new", "3", "3", "nope") == b":1\r\n"
    assert raw.cmd("GEOADD", "g", "NX", "5", "5", "new") == b":0\r\n"
    assert raw.cmd("ZCARD", "g") == b":2\r\n"
    assert raw.cmd("GEOADD", "g", "200", "100", "x") == \
        b"-ERR invalid longitude,latitude pair 200.000000,100.000000\r\n"
    assert raw.cmd("GEOADD", "g", "180", "85.05112879", "x") == \
        b"-ERR invalid longitude,latitude pair 180.000000,85.051129\r\n"
    assert raw.cmd("GEOADD", "g", "inf", "1", "x") == \
        b"-ERR invalid longitude,latitude pair inf,1.000000\r\n"
    assert raw.cmd("GEOADD", "g", "abc", "1", "x") == b"-ERR value is not a valid float\r\n"
    assert raw.cmd("GEOADD", "g", "NX", "XX", "1", "1", "x") == SYNTAX
    assert raw.cmd("GEOADD", "g", "foo", "1", "1", "x") == SYNTAX
    assert raw.cmd("GEOADD", "g", "NX", "CH", "CH") == SYNTAX
    assert raw.cmd("GEOADD", "g", "1", "1") == \
        b"-ERR wrong number of arguments for 'geoadd' command\r\n"
    # A bad pair anywhere: nothing is added.
    assert raw.cmd("GEOADD", "g2", "1", "1", "a", "500", "1", "b") != b":1\r\n"
    assert raw.cmd("EXISTS", "g2") == b":0\r\n"
    raw.cmd("SET", "s", "x")
    assert raw.cmd("GEOADD", "s", "1", "1", "a") == WRONGTYPE


def test_geopos_geohash_geodist(sicily):
    raw = sicily
    raw.cmd("GEOADD", "g", "180", "85.05112878", "edge", "-0", "-0", "zero")
    assert raw.cmd("GEOPOS", "g", "Palermo", "nope", "edge", "zero") == (
        b"*4\r\n" + PALERMO_POS + b"*-1\r\n"
        + b"*2\r\n$3\r\n180\r\n$19\r\n85.0511287799999991\r\n"
        + b"*2\r\n$19\r\n0.00000268220901489\r\n$19\r\n0.00000126736058093\r\n")
    assert raw.cmd("GEOPOS", "nokey", "a") == b"*1\r\n*-1\r\n"
    assert raw.cmd("GEOPOS", "g") == b"*0\r\n"
    assert raw.cmd("GEOHASH", "g", "Palermo", "Catania", "nope", "zero") == (
        b"*4\r\n" + bulk(b"sqc8b49rny0", b"sqdtr74hyu0") + b"$-1\r\n" + bulk(b"s0000000000"))
    assert raw.cmd("GEODIST", "g", "Palermo", "Catania") == bulk(b"166274.1516")
    assert raw.cmd("GEODIST", "g", "Palermo", "Catania", "km") == bulk(b"166.2742")
    assert raw.cmd("GEODIST", "g", "Palermo", "Catania", "MI") == bulk(b"103.3182")
    assert raw.cmd("GEODIST", "g", "Palermo", "Catania", "ft") == bulk(b"545518.8700")
    assert raw.cmd("GEODIST", "g", "Palermo", "Palermo") == bulk(b"0.0000")
    assert raw.cmd("GEODIST", "g", "Palermo", "nope") == b"$-1\r\n"
    assert raw.cmd("GEODIST", "nokey", "a", "b") == b"$-1\r\n"
    assert raw.cmd("GEODIST", "g", "Palermo", "Catania", "yd") == \
        b"-ERR unsupported unit provided. please use M, KM, FT, MI\r\n"
    assert raw.cmd("GEODIST", "g", "Palermo", "Catania", "km", "x") == SYNTAX
    raw.cmd("SET", "s", "x")
    for cmd in (("GEOPOS", "s", "a"), ("GEOHASH", "s", "a"), ("GEODIST", "s", "a", "b")):
        assert raw.cmd(*cmd) == WRONGTYPE
    raw.cmd("HELLO", "3")
    assert raw.cmd("GEOPOS", "g", "Palermo", "nope") == \
        b"*2\r\n*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n_\r\n"
    assert raw.cmd("GEODIST", "g", "Palermo", "Catania") == bulk(b"166274.1516")


def test_positions_from_scores_geoadd_never_writes(raw):
    # Negative, fractional, beyond 52 bits: decoded as Redis's x86-64 build does.
    raw.cmd("ZADD", "g", "-1", "neg", "4503599627370496", "big", "1e300", "huge", "1.5", "frac")
    assert raw.cmd("GEOPOS", "g", "neg", "big", "huge", "frac") == (
        b"*4\r\n*2\r\n$3\r\n180\r\n$19\r\n85.0511287799999991\r\n"
        b"*2\r\n$22\r\n-179.99999731779098511\r\n$19\r\n85.0511287799999991\r\n"
        b"*2\r\n$22\r\n-179.99999731779098511\r\n$21\r\n-85.05112751263942528\r\n"
        b"*2\r\n$22\r\n-179.99999731779098511\r\n$21\r\n-85.05112497791824921\r\n")
    assert raw.cmd("GEOHASH", "g", "neg", "huge", "frac") == \
        b"*3\r\n" + bulk(b"bp05b5048p0", b"00bh0hbj200", b"00bh0hbj210")


def test_geosearch_replies(sicily):
    raw = sicily
    assert raw.cmd("GEOSEARCH", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km") == \
        b"*2\r\n" + bulk(b"Palermo", b"Catania")
    assert raw.cmd("GEOSEARCH", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC",
                   "WITHCOORD", "WITHDIST", "WITHHASH") == (
        b"*2\r\n*4\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n:3479447370796909\r\n" + CATANIA_POS
        + b"*4\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n:3479099956230698\r\n" + PALERMO_POS)
    assert raw.cmd("GEOSEARCH", "g", "FROMMEMBER", "Palermo", "BYBOX", "400", "400", "km",
                   "DESC", "COUNT", "1") == b"*1\r\n" + bulk(b"Catania")
    # COUNT without ANY sorts by distance; with ANY it stops at the first found.
    assert raw.cmd("GEOSEARCH", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km",
                   "COUNT", "5") == b"*2\r\n" + bulk(b"Catania", b"Palermo")
    assert raw.cmd("GEOSEARCH", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km",
                   "COUNT", "1", "ANY") == b"*1\r\n" + bulk(b"Palermo")
    assert raw.cmd("GEOSEARCH", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "0", "km") == b"*0\r\n"
    assert raw.cmd("GEOSEARCH", "nokey", "FROMMEMBER", "x", "BYRADIUS", "1", "km") == b"*0\r\n"
    assert raw.cmd("GEORADIUS", "g", "15", "37", "200", "km", "WITHDIST") == (
        b"*2\r\n*2\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n*2\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n")
    assert raw.cmd("GEORADIUSBYMEMBER", "g", "Palermo", "200", "km", "WITHCOORD") == (
        b"*2\r\n*2\r\n$7\r\nPalermo\r\n" + PALERMO_POS + b"*2\r\n$7\r\nCatania\r\n" + CATANIA_POS)
    assert raw.cmd("GEORADIUS_RO", "g", "15", "37", "100", "km") == b"*1\r\n" + bulk(b"Catania")
    assert raw.cmd("GEORADIUSBYMEMBER_RO", "g", "Catania", "1", "m") == b"*1\r\n" + bulk(b"Catania")
    raw.cmd("HELLO", "3")
    assert raw.cmd("GEOSEARCH", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "100", "km",
                   "WITHCOORD", "WITHDIST") == (
        b"*1\r\n*3\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n"
        b"*2\r\n,15.08726745843887329\r\n,37.50266842333162032\r\n")


def test_store_forms(sicily):
    raw = sicily
    assert raw.cmd("GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200",
                   "km", "STOREDIST") == b":2\r\n"
    assert raw.cmd("ZRANGE", "d", "0", "-1", "WITHSCORES") == b"*4\r\n" + bulk(
        b"Catania", b"56.441257870158204", b"Palermo", b"190.44242984775784")
    assert raw.cmd("GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200",
                   "km") == b":2\r\n"
    assert raw.cmd("ZRANGE", "d", "0", "-1", "WITHSCORES") == b"*4\r\n" + bulk(
        b"Palermo", b"3479099956230698", b"Catania", b"3479447370796909")
    assert raw.cmd("OBJECT", "ENCODING", "d") == bulk(b"listpack")
    assert raw.cmd("GEORADIUS", "g", "15", "37", "200", "km", "STOREDIST", "d2", "COUNT", "1") \
        == b":1\r\n"
    assert raw.cmd("ZRANGE", "d2", "0", "-1", "WITHSCORES") == b"*2\r\n" + bulk(
        b"Catania", b"56.441257870158204")
    assert raw.cmd("GEORADIUSBYMEMBER", "g", "Palermo", "1", "km", "STORE", "d3") == b":1\r\n"
    assert raw.cmd("ZSCORE", "d3", "Palermo") == bulk(b"3479099956230698")
    # Nothing found (or no source key): the destination is deleted, whatever it held.
    raw.cmd("SET", "s", "x")
    assert raw.cmd("GEOSEARCHSTORE", "s", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "1",
                   "m") == b":0\r\n"
    assert raw.cmd("EXISTS", "s") == b":0\r\n"
    assert raw.cmd("GEORADIUS", "nokey", "15", "37", "200", "km", "STORE", "d3") == b":0\r\n"
    assert raw.cmd("EXISTS", "d3") == b":0\r\n"


def test_search_errors(sicily):
    raw = sicily

    def search(*args):
        return raw.cmd("GEOSEARCH", "g", *args)
    assert search("FROMMEMBER", "nope", "BYRADIUS", "1", "km") == \
        b"-ERR could not decode requested zset member\r\n"
    # The member is looked up when its option is read: before a bad COUNT after it.
    assert search("FROMMEMBER", "nope", "BYRADIUS", "1", "km", "COUNT", "0") == \
        b"-ERR could not decode requested zset member\r\n"
    assert search("FROMLONLAT", "15", "37", "BYRADIUS", "-1", "km") == \
        b"-ERR radius cannot be negative\r\n"
    assert search("FROMLONLAT", "15", "37", "BYRADIUS", "abc", "km") == \
        b"-ERR need numeric radius\r\n"
    assert search("FROMLONLAT", "15", "37", "BYRADIUS", "1e400", "km") == \
        b"-ERR need numeric radius\r\n"
    assert search("FROMLONLAT", "15", "37", "BYBOX", "abc", "1", "km") == \
        b"-ERR need numeric width\r\n"
    assert search("FROMLONLAT", "15", "37", "BYBOX", "1", "abc", "km") == \
        b"-ERR need numeric height\r\n"
    assert search("FROMLONLAT", "15", "37", "BYBOX", "-1", "1", "km") == \
        b"-ERR height or width cannot be negative\r\n"
    assert search("FROMLONLAT", "15", "37", "BYRADIUS", "1", "yd") == \
        b"-ERR unsupported unit provided. please use M, KM, FT, MI\r\n"
    assert search("FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "COUNT", "0") == \
        b"-ERR COUNT must be > 0\r\n"
    assert search("FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "COUNT", "x") == \
        b"-ERR value is not an integer or out of range\r\n"
    assert search("FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "ANY") == \
        b"-ERR the ANY argument requires COUNT argument\r\n"
    assert search("FROMLONLAT", "200", "37", "BYRADIUS", "1", "km") == \
        b"-ERR invalid longitude,latitude pair 200.000000,37.000000\r\n"
    assert search("FROMMEMBER", "Palermo", "COUNT", "1", "ASC") == \
        b"-ERR exactly one of BYRADIUS and BYBOX can be specified for GEOSEARCH\r\n"
    assert raw.cmd("geosearch", "g", "BYBOX", "1", "1", "km", "ASC") == \
        b"-ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for geosearch\r\n"
    for args in (("FROMLONLAT", "15", "37", "FROMMEMBER", "Palermo", "BYRADIUS", "1", "km"),
                 ("FROMMEMBER", "Palermo", "BYRADIUS", "1", "km", "BYBOX", "1", "1", "km"),
                 ("FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "STOREDIST"),
                 ("FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "STORE", "x"),
                 ("FROMLONLAT", "15", "37", "BYRADIUS", "1"),
                 ("FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "foo")):
        assert search(*args) == SYNTAX, args
    assert raw.cmd("GEOSEARCH", "g", "FROMLONLAT", "15", "37") == \
        b"-ERR wrong number of arguments for 'geosearch' command\r\n"
    assert raw.cmd("GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km",
                   "WITHDIST") == (b"-ERR GEOSEARCHSTORE is not compatible with WITHDIST, "
                                   b"WITHHASH and WITHCOORD options\r\n")
    assert raw.cmd("GEORADIUS", "g", "15", "37", "1", "km", "STORE", "d", "WITHHASH") == (
        b"-ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and "
        b"WITHCOORD options\r\n")
    assert raw.cmd("GEORADIUS_RO", "g", "15", "37", "1", "km", "STORE", "d") == SYNTAX
    assert raw.cmd("GEORADIUS", "g", "15", "37", "1", "km", "FROMMEMBER", "x") == SYNTAX
    assert raw.cmd("GEORADIUSBYMEMBER", "g", "nope", "-1", "km") == \
        b"-ERR could not decode requested zset member\r\n"
    # With no key, GEORADIUSBYMEMBER does not even look at its radius.
    assert raw.cmd("GEORADIUSBYMEMBER", "nokey", "x", "1", "yd") == b"*0\r\n"
    raw.cmd("SET", "s", "x")
    assert raw.cmd("GEOSEARCH", "s", "FROMMEMBER", "a", "BYRADIUS", "1", "km") == WRONGTYPE
    assert raw.cmd("GEORADIUS", "s", "1", "1", "1", "km") == WRONGTYPE


def test_redis_py_round_trip(r):
    assert r.geoadd("g", [13.361389, 38.115556, "Palermo", 15.087269, 37.502669, "Catania"]) == 2
    assert r.geodist("g", "Palermo", "Catania", unit="km") == 166.2742
    assert r.geohash("g", "Palermo") == ["sqc8b49rny0"]
    (lon, lat), = r.geopos("g", "Palermo")
    assert (round(lon, 6), round(lat, 6)) == (13.361389, 38.115556)
    assert r.geosearch("g", longitude=15, latitude=37, radius=100, unit="km",
                       withdist=True) == [[b"Catania", 56.4413]]
