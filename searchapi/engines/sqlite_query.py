"""Pure functions that turn an analysed query and filters into SQLite SQL.

Nothing here touches a database, so golden tests can pin the generated SQL. User text
never reaches FTS5 syntax directly: every term is an analysed token, quoted as an FTS5
string, and the operators come only from this module.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from analyzers.chain import Alternative, AnalysedQuery
from mappings.fields import TEXT_FIELDS

EARTH_RADIUS_KM = 6371.0088

FTS_TABLE = "providers_fts"


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float


@dataclass(frozen=True)
class SqlQuery:
    sql: str
    params: tuple[object, ...]


def quote_fts_term(term: str) -> str:
    """Quote one token as an FTS5 string, so no character in it acts as syntax."""
    return '"' + term.replace('"', '""') + '"'


def alternative_expression(alternative: Alternative, columns: tuple[str, ...] = ()) -> str:
    """Return one alternative as FTS5 syntax, each term limited to `columns` when given."""
    prefix = "{" + " ".join(columns) + "} : " if columns else ""
    terms = [quote_fts_term(stem) for stem in alternative.stems]
    if len(terms) == 1:
        return prefix + terms[0]
    if alternative.phrase:
        return prefix + " + ".join(terms)
    return "(" + " AND ".join(prefix + term for term in terms) + ")"


def fts_match_expression(query: AnalysedQuery, match: str = "all", columns: tuple[str, ...] = ()) -> str | None:
    """Build the FTS5 MATCH expression: alternatives ORed, clauses ANDed (or ORed).

    With `columns`, every term must occur in one of those columns. Returns None for a
    query without clauses, which matches every document.
    """
    clause_expressions = []
    for clause in query.clauses:
        alternatives = list(dict.fromkeys(alternative_expression(alt, columns) for alt in clause.alternatives))
        if len(alternatives) == 1:
            clause_expressions.append(alternatives[0])
        else:
            clause_expressions.append("(" + " OR ".join(alternatives) + ")")

    if not clause_expressions:
        return None
    joiner = " AND " if match == "all" else " OR "
    return joiner.join(clause_expressions)


def text_match_docs_query(match_expression: str) -> SqlQuery:
    """SQL for the rowids that match, without scoring, which is several times faster."""
    return SqlQuery(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", (match_expression,))


def bm25_expression() -> str:
    weights = ", ".join(f"{field.weight:g}" for field in TEXT_FIELDS)
    return f"bm25({FTS_TABLE}, {weights})"


def bounding_box(lat: float, lon: float, radius_km: float) -> BoundingBox:
    """Return the lat/lon box that contains every point within `radius_km` of (lat, lon)."""
    delta_lat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = max(math.cos(math.radians(lat)), 1e-6)
    delta_lon = math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat))
    return BoundingBox(lat - delta_lat, lat + delta_lat, lon - delta_lon, lon + delta_lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def text_match_query(match_expression: str) -> SqlQuery:
    """SQL for the documents that match the text: (rowid, score), higher is better.

    BM25 in FTS5 is negative with better matches lower, so the score is negated.
    """
    sql = f"SELECT rowid, -{bm25_expression()} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
    return SqlQuery(sql, (match_expression,))


def box_query(box: BoundingBox) -> SqlQuery:
    """SQL for the rowids whose point lies inside the box, through the R*Tree."""
    sql = "SELECT id FROM provider_geo WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?"
    return SqlQuery(sql, (box.min_lat, box.max_lat, box.min_lon, box.max_lon))
