"""Pure functions that turn an analysed query and a request into OpenSearch JSON.

Nothing here talks to a cluster, so golden tests can pin the generated bodies. User
text never reaches query_string syntax. The text query is built from the stems that
`analyzers/` produced, as `multi_match` queries with the verbatim (whitespace)
analyzer, and the index analyzer puts the same stems in the index. Typo correction,
synonyms and compound parts are already in those stems.

Each alternative of each clause is a named query ("c0.a1"), so a hit's
`matched_queries` tell which query words and synonyms it matched.
"""

from __future__ import annotations

from typing import Any

from analyzers.chain import Alternative, AnalysedQuery
from mappings.fields import FACETS, STRONG_FIELDS, TEXT_FIELDS
from mappings.opensearch import DOC_TYPE_PROVIDER, DOC_TYPE_SUGGESTION, VERBATIM_ANALYZER
from searchapi.engines.base import GeoFilter, SearchRequest, SortOrder

JsonObject = dict[str, Any]

# Enough buckets for every value of a facet: the taxonomy has fewer than a hundred
# rubrieken and professions, and Flanders and Brussels a few hundred municipalities.
FACET_SIZE = 5000

# Page size of the composite aggregations that load the vocabulary and facet labels.
COMPOSITE_PAGE_SIZE = 10_000

# Added to the score of a strong match (every query word in a strong field), so strong
# matches sort before weak ones; BM25 scores of this index stay far below it.
STRONG_MATCH_BONUS = 10_000.0

_PROVIDERS_ONLY: JsonObject = {"term": {"doc_type": DOC_TYPE_PROVIDER}}


def query_name(clause: int, alternative: int) -> str:
    """Return the name of one alternative's query, as it comes back in `matched_queries`."""
    return f"c{clause}.a{alternative}"


def search_body(request: SearchRequest, analysed: AnalysedQuery, max_result_window: int = 10_000) -> JsonObject:
    """Return the body of the `_search` request for one page of results with facets."""
    start, size = page_window(request.page, request.per_page, max_result_window)
    body: JsonObject = {
        "from": start,
        "size": size,
        "track_total_hits": True,
        "track_scores": True,
        "query": scored_query(request, analysed),
        "sort": sort_clauses(request),
        "aggs": facet_aggregations(request.filters),
        "_source": ["provider", "location"],
    }
    post_filter = facet_filter(request.filters)
    if post_filter is not None:
        body["post_filter"] = post_filter
    return body


def page_window(page: int, per_page: int, max_result_window: int) -> tuple[int, int]:
    """Return (from, size) of a page, cut off at the index's result window."""
    start = min((page - 1) * per_page, max_result_window)
    size = max(0, min(per_page, max_result_window - start))
    return start, size


def scored_query(request: SearchRequest, analysed: AnalysedQuery) -> JsonObject:
    """Return the matching query (text and radius), scored to rank like the embedded engine.

    A strong match (every query word in the name, profession or rubriek) sorts first.
    Relevance order with a point then sorts by distance alone, so the score is only
    the match strength (2 or 1); otherwise the score is BM25 plus a large bonus for a
    strong match.
    """
    text = text_query(analysed, request.match)
    filters: list[JsonObject] = [_PROVIDERS_ONLY]
    if request.geo is not None and request.geo.radius_km is not None:
        filters.append(radius_filter(request.geo))

    query: JsonObject = {"bool": {"must": [text or {"match_all": {}}], "filter": filters}}
    if text is None:
        return query

    strong = text_query(analysed, request.match, STRONG_FIELDS, named=False)
    if request.geo is not None and request.sort == SortOrder.RELEVANCE:
        return strength_only(query, strong)
    return strength_bonus(query, strong)


def strength_only(query: JsonObject, strong: JsonObject) -> JsonObject:
    """Replace the score by 2 for a strong match and 1 for any other match."""
    return {
        "function_score": {
            "query": query,
            "functions": [{"filter": strong, "weight": 2}, {"filter": {"match_all": {}}, "weight": 1}],
            "score_mode": "max",
            "boost_mode": "replace",
        }
    }


def strength_bonus(query: JsonObject, strong: JsonObject) -> JsonObject:
    """Add STRONG_MATCH_BONUS to the BM25 score of a strong match."""
    return {
        "function_score": {
            "query": query,
            "functions": [{"filter": strong, "weight": STRONG_MATCH_BONUS}],
            "score_mode": "sum",
            "boost_mode": "sum",
        }
    }


def text_query(
    analysed: AnalysedQuery,
    match: str = "all",
    fields: tuple[str, ...] | None = None,
    named: bool = True,
) -> JsonObject | None:
    """Return clauses ANDed ("all") or ORed ("any"), each an OR of its alternatives.

    `fields` limits the match to those text fields; `named` names each alternative for
    `matched_queries`. Returns None for a query without clauses, which matches every
    document.
    """
    clauses = [
        clause_query(number, clause.alternatives, fields, named) for number, clause in enumerate(analysed.clauses)
    ]
    if not clauses:
        return None
    if len(clauses) == 1:
        return clauses[0]
    if match == "all":
        return {"bool": {"must": clauses}}
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def clause_query(
    number: int,
    alternatives: tuple[Alternative, ...],
    fields: tuple[str, ...] | None = None,
    named: bool = True,
) -> JsonObject:
    queries = [
        alternative_query(alternative, query_name(number, index) if named else None, fields)
        for index, alternative in enumerate(alternatives)
    ]
    if len(queries) == 1:
        return queries[0]
    return {"bool": {"should": queries, "minimum_should_match": 1}}


def alternative_query(alternative: Alternative, name: str | None, fields: tuple[str, ...] | None = None) -> JsonObject:
    """Return the query for one alternative, named `name` when given.

    A phrase must occur in one field with its stems adjacent. The stems of any other
    alternative (a single word, or the parts of a compound) may each occur in any
    field, like FTS5's `a AND b`. `cross_fields` blends the fields' term statistics,
    which comes closer to FTS5's BM25 over the whole row than per-field IDF does. A
    tie_breaker of 1 sums the field scores, as FTS5's bm25() does.
    """
    is_phrase = alternative.phrase and len(alternative.stems) > 1
    chosen = [field for field in TEXT_FIELDS if fields is None or field.name in fields]
    query: JsonObject = {
        "query": " ".join(alternative.stems),
        "type": "phrase" if is_phrase else "cross_fields",
        "fields": [f"{field.name}^{field.weight:g}" for field in chosen],
        "analyzer": VERBATIM_ANALYZER,
        "tie_breaker": 1.0,
    }
    if name is not None:
        query["_name"] = name
    if not is_phrase:
        query["operator"] = "and"
    return {"multi_match": query}


def radius_filter(geo: GeoFilter) -> JsonObject:
    return {
        "geo_distance": {
            "distance": f"{geo.radius_km}km",
            "distance_type": "arc",
            "location": {"lat": geo.lat, "lon": geo.lon},
        }
    }


def sort_clauses(request: SearchRequest) -> list[JsonObject]:
    """Return the sort: distance or score first, then name and provider id to break every tie."""
    by_score: JsonObject = {"_score": {"order": "desc"}}
    by_name = [{"sort_name": {"order": "asc"}}, {"id": {"order": "asc"}}]
    if request.geo is None:
        return [by_score, *by_name]

    by_distance = geo_distance_sort(request.geo)
    if request.sort == SortOrder.DISTANCE:
        return [by_distance, by_score, *by_name]
    # The score is only the match strength here (see scored_query).
    return [by_score, by_distance, *by_name]


def geo_distance_sort(geo: GeoFilter) -> JsonObject:
    # Documents without a point get an infinite distance, so they sort last.
    return {
        "_geo_distance": {
            "location": {"lat": geo.lat, "lon": geo.lon},
            "order": "asc",
            "unit": "km",
            "distance_type": "arc",
        }
    }


def facet_filter(filters: dict[str, tuple[str, ...]], leave_out: str | None = None) -> JsonObject | None:
    """Return the filter for the selected facet values: OR within a facet, AND across facets.

    `leave_out` names a facet whose own selection is ignored (for its multi-select counts).
    """
    terms = [
        {"terms": {f"facets.{facet}": list(filters[facet])}}
        for facet in sorted(filters)
        if facet != leave_out and filters[facet]
    ]
    if not terms:
        return None
    return {"bool": {"filter": terms}}


def facet_aggregations(filters: dict[str, tuple[str, ...]]) -> JsonObject:
    """Return one aggregation per facet, filtered by the selections of the other facets.

    The main query has no facet filter (they are in `post_filter`), so a facet with a
    selection counts as if its own selection were not made.
    """
    aggregations: JsonObject = {}
    for facet in FACETS:
        other_selections = facet_filter(filters, leave_out=facet) or {"match_all": {}}
        aggregations[facet] = {
            "filter": other_selections,
            "aggs": {"values": {"terms": {"field": f"facets.{facet}", "size": FACET_SIZE}}},
        }
    return aggregations


def suggest_body(key: str, limit: int) -> JsonObject:
    """Return the search for autocomplete entries with a word that starts with `key` (folded)."""
    return {
        "size": limit,
        "query": {
            "bool": {
                "filter": [
                    {"term": {"doc_type": DOC_TYPE_SUGGESTION}},
                    {"prefix": {"suggestion.keys": key}},
                ]
            }
        },
        "sort": [
            {"suggestion.weight": {"order": "desc"}},
            {"suggestion.label": {"order": "asc"}},
            {"suggestion.kind": {"order": "asc"}},
        ],
        "_source": ["suggestion"],
    }


def composite_terms_body(field: str, after: JsonObject | None = None) -> JsonObject:
    """Return one page of a composite aggregation over every value of a provider field."""
    composite: JsonObject = {"size": COMPOSITE_PAGE_SIZE, "sources": [{"value": {"terms": {"field": field}}}]}
    if after is not None:
        composite["after"] = after
    return {"size": 0, "query": _PROVIDERS_ONLY, "aggs": {"values": {"composite": composite}}}


def count_body() -> JsonObject:
    return {"query": _PROVIDERS_ONLY}
