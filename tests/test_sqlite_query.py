"""Golden tests of the embedded engine's SQL builder, plus its geometry helpers.

The builder is pure, so its output is pinned as exact strings. A few tests then run the
pinned SQL on a real index of the test corpus, so a pinned string is also valid SQL.
"""

from __future__ import annotations

import math
import sqlite3

import pytest

from analyzers.chain import AnalysedQuery, Alternative, QueryClause, default_analyzer
from corpus import corpus_documents
from searchapi.engines import sqlite_query
from searchapi.engines.sqlite_engine import SqliteEngine
from searchapi.engines.sqlite_query import (
    BoundingBox,
    bm25_expression,
    bounding_box,
    box_query,
    fts_match_expression,
    haversine_km,
    quote_fts_term,
    text_match_query,
)

PSYCHOLOOG_EXPRESSION = '("psycholog" OR "klinisch" + "psycholog" OR "cgg")'
TANDARTS_EXPRESSION = '("tandart" OR "tandheelkund")'
APOTHEEK_EXPRESSION = '("apothek" OR "apotheker" OR "farmacie")'

# Belfort of Gent and the town hall of Antwerpen, WGS84 degrees.
GENT_BELFORT = (51.0537, 3.7249)
ANTWERPEN_STADHUIS = (51.2213, 4.3997)


def match_expression(text: str, match: str = "all") -> str | None:
    return fts_match_expression(default_analyzer().analyse_query(text), match)


def single_clause(*alternatives: Alternative) -> AnalysedQuery:
    return AnalysedQuery((QueryClause(("typed",), alternatives),))


# ------------------------------------------------------------------ FTS5 MATCH expressions


def test_match_one_word():
    assert match_expression("gent") == '"gent"'


def test_match_one_word_stemmed():
    assert match_expression("Gentse") == '"gent"'


def test_match_synonym_clause():
    assert match_expression("psycholoog") == PSYCHOLOOG_EXPRESSION


def test_match_plural_same_clause():
    assert match_expression("psychologen") == PSYCHOLOOG_EXPRESSION


def test_match_two_clauses():
    assert match_expression("tandarts gent") == f'{TANDARTS_EXPRESSION} AND "gent"'


def test_match_any():
    assert match_expression("tandarts gent", match="any") == f'{TANDARTS_EXPRESSION} OR "gent"'


def test_match_stopwords_dropped():
    assert match_expression("ik zoek een tandarts in gent") == f'{TANDARTS_EXPRESSION} AND "gent"'


def test_match_compound_parts():
    assert match_expression("kinderpsycholoog") == '("kinderpsycholog" OR ("kind" AND "psycholog"))'


def test_match_multiword_synonym():
    assert match_expression("woon zorg centrum") == '"woonzorgcentrum"'


def test_match_empty_query():
    assert match_expression("") is None
    assert match_expression("de van het") is None


def test_match_hostile_text_only_quoted_tokens():
    """FTS5 operators typed by a user arrive as plain quoted words."""
    expression = match_expression('"psycholoog" OR gent* NEAR(apotheek) -x')

    assert expression == f'{PSYCHOLOOG_EXPRESSION} AND "or" AND "gent" AND "near" AND {APOTHEEK_EXPRESSION} AND "x"'


def test_match_quote_doubled():
    query = single_clause(Alternative(('o"neill',)))

    assert fts_match_expression(query) == '"o""neill"'


def test_match_quotes_doubled_in_parts():
    query = single_clause(Alternative(('o"neill',)), Alternative(('a""b', "c"), phrase=False))

    assert fts_match_expression(query) == '("o""neill" OR ("a""""b" AND "c"))'


def test_match_phrase_joined_with_plus():
    query = single_clause(Alternative(("sociaal", "huis"), phrase=True))

    assert fts_match_expression(query) == '"sociaal" + "huis"'


def test_match_duplicate_alternatives_once():
    query = single_clause(Alternative(("cgg",)), Alternative(("cgg",), origin="synonym"))

    assert fts_match_expression(query) == '"cgg"'


@pytest.mark.parametrize(
    ("term", "quoted"),
    [("gent", '"gent"'), ('a"b', '"a""b"'), ('""', '""""""'), ("a OR b", '"a OR b"'), ("x*", '"x*"')],
)
def test_quote_fts_term(term, quoted):
    assert quote_fts_term(term) == quoted


# ------------------------------------------------------------------ SQL statements


def test_bm25_weights_follow_fields():
    assert bm25_expression() == "bm25(providers_fts, 10, 8, 6, 3, 1, 2, 1.5)"


def test_text_match_query_pinned():
    query = text_match_query(APOTHEEK_EXPRESSION)

    assert query.sql == (
        "SELECT rowid, -bm25(providers_fts, 10, 8, 6, 3, 1, 2, 1.5)"
        " FROM providers_fts WHERE providers_fts MATCH ?"
    )
    assert query.params == (APOTHEEK_EXPRESSION,)


def test_text_match_query_keeps_text_out_of_sql():
    hostile = '"x"); DROP TABLE providers; --'
    query = text_match_query(hostile)

    assert hostile not in query.sql
    assert query.params == (hostile,)


def test_box_query_pinned():
    query = box_query(BoundingBox(min_lat=50.9, max_lat=51.1, min_lon=3.6, max_lon=3.9))

    assert query.sql == (
        "SELECT id FROM provider_geo WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?"
    )
    assert query.params == (50.9, 51.1, 3.6, 3.9)


# ------------------------------------------------------------------ the pinned SQL on a real index


@pytest.fixture(scope="module")
def index_connection(tmp_path_factory: pytest.TempPathFactory):
    data_dir = tmp_path_factory.mktemp("sqlite-query-index")
    engine = SqliteEngine(data_dir)
    engine.build(corpus_documents())
    engine.close()
    connection = sqlite3.connect(f"file:{engine.path}?mode=ro", uri=True)
    yield connection
    connection.close()


def provider_ids(connection: sqlite3.Connection, rowids: list[int]) -> set[str]:
    placeholders = ", ".join("?" for _ in rowids)
    rows = connection.execute(f"SELECT id FROM providers WHERE rowid IN ({placeholders})", rowids)
    return {row[0] for row in rows}


def test_text_match_runs_on_index(index_connection):
    query = text_match_query(match_expression("apotheek"))
    rows = index_connection.execute(query.sql, query.params).fetchall()

    assert provider_ids(index_connection, [row[0] for row in rows]) == {
        "corpus-007", "corpus-008", "corpus-009", "corpus-010",
    }
    assert all(score > 0 for _, score in rows)


def test_text_match_synonym_on_index(index_connection):
    query = text_match_query(match_expression("psycholoog"))
    rows = index_connection.execute(query.sql, query.params).fetchall()

    assert provider_ids(index_connection, [row[0] for row in rows]) == {
        "corpus-001", "corpus-002", "corpus-003", "corpus-004", "corpus-005", "corpus-006",
    }


@pytest.mark.parametrize("term", ['o"neill', 'a""b', "x OR y", "NEAR", "*", "-", ")("])
def test_quoted_term_is_valid_fts5(index_connection, term):
    """A term that is FTS5 syntax unquoted still runs once quoted, and matches nothing here."""
    query = text_match_query(fts_match_expression(single_clause(Alternative((term,)))))

    assert index_connection.execute(query.sql, query.params).fetchall() == []


def test_box_query_runs_on_index(index_connection):
    gent = (51.0543, 3.7174)
    query = box_query(bounding_box(*gent, 3.0))
    rowids = [row[0] for row in index_connection.execute(query.sql, query.params)]
    found = provider_ids(index_connection, rowids)

    assert {"corpus-007", "corpus-008", "corpus-001", "corpus-004"} <= found
    assert "corpus-009" not in found
    assert "corpus-003" not in found


# ------------------------------------------------------------------ geometry


def destination(lat: float, lon: float, bearing_deg: float, distance_km: float) -> tuple[float, float]:
    """Return the point `distance_km` from (lat, lon) along a great circle, on the same sphere."""
    radius = sqlite_query.EARTH_RADIUS_KM
    angle = distance_km / radius
    phi1, lambda1, theta = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    phi2 = math.asin(math.sin(phi1) * math.cos(angle) + math.cos(phi1) * math.sin(angle) * math.cos(theta))
    lambda2 = lambda1 + math.atan2(
        math.sin(theta) * math.sin(angle) * math.cos(phi1),
        math.cos(angle) - math.sin(phi1) * math.sin(phi2),
    )
    return math.degrees(phi2), math.degrees(lambda2)


def box_contains(box: BoundingBox, point: tuple[float, float]) -> bool:
    lat, lon = point
    return box.min_lat <= lat <= box.max_lat and box.min_lon <= lon <= box.max_lon


@pytest.mark.parametrize("centre", [(51.0543, 3.7174), (50.8798, 4.7005), (0.0, 0.0), (-33.9, 18.4)])
@pytest.mark.parametrize("radius_km", [0.5, 5.0, 50.0, 300.0])
@pytest.mark.parametrize(("direction", "bearing"), [("north", 0), ("east", 90), ("south", 180), ("west", 270)])
def test_bounding_box_contains_radius(centre, radius_km, direction, bearing):
    box = bounding_box(*centre, radius_km)
    # Just inside the radius, so rounding in the last digit cannot push it out.
    point = destination(*centre, bearing, radius_km * 0.999999)

    assert haversine_km(*centre, *point) == pytest.approx(radius_km * 0.999999, rel=1e-9)
    assert box_contains(box, point), f"{direction} point {point} outside {box}"


@pytest.mark.parametrize(("direction", "bearing"), [("north", 0), ("south", 180)])
def test_bounding_box_tight_in_latitude(direction, bearing):
    centre = (51.0543, 3.7174)
    box = bounding_box(*centre, 10.0)
    point = destination(*centre, bearing, 10.1)

    assert not box_contains(box, point), f"{direction} point 10.1 km away is inside a 10 km box"


def test_bounding_box_tight_in_longitude():
    lat, lon = 51.0543, 3.7174
    box = bounding_box(lat, lon, 10.0)
    # On the same parallel, 10.1 km east and west measured along the parallel.
    delta_lon = math.degrees(10.1 / (sqlite_query.EARTH_RADIUS_KM * math.cos(math.radians(lat))))

    assert not box_contains(box, (lat, lon + delta_lon))
    assert not box_contains(box, (lat, lon - delta_lon))


def test_bounding_box_wider_in_longitude():
    """At 51° N a degree of longitude is shorter than one of latitude, so the box is wider."""
    box = bounding_box(51.0543, 3.7174, 10.0)

    assert box.max_lon - box.min_lon > box.max_lat - box.min_lat
    assert box.max_lat - box.min_lat == pytest.approx(2 * 10.0 / 111.195, rel=1e-3)


def test_haversine_gent_antwerpen():
    distance = haversine_km(*GENT_BELFORT, *ANTWERPEN_STADHUIS)

    assert distance == pytest.approx(50.63, abs=0.01)


def test_haversine_matches_cosine_rule():
    """The spherical law of cosines is a second formula for the same great-circle distance."""
    (lat1, lon1), (lat2, lon2) = GENT_BELFORT, ANTWERPEN_STADHUIS
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    central_angle = math.acos(
        math.sin(phi1) * math.sin(phi2) + math.cos(phi1) * math.cos(phi2) * math.cos(math.radians(lon2 - lon1))
    )

    assert haversine_km(lat1, lon1, lat2, lon2) == pytest.approx(central_angle * sqlite_query.EARTH_RADIUS_KM, rel=1e-9)


def test_haversine_symmetric():
    assert haversine_km(*GENT_BELFORT, *ANTWERPEN_STADHUIS) == haversine_km(*ANTWERPEN_STADHUIS, *GENT_BELFORT)


def test_haversine_same_point_zero():
    assert haversine_km(*GENT_BELFORT, *GENT_BELFORT) == 0.0


def test_haversine_one_degree_latitude():
    assert haversine_km(50.0, 4.0, 51.0, 4.0) == pytest.approx(111.195, abs=0.001)


def test_haversine_antipodes():
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(math.pi * sqlite_query.EARTH_RADIUS_KM)
