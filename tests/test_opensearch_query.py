"""Golden tests of the OpenSearch query builder: the JSON is pinned, no cluster needed."""

from __future__ import annotations

from analyzers.chain import Alternative, AnalysedQuery, QueryClause
from searchapi.engines.base import GeoFilter, SearchRequest, SortOrder
from searchapi.engines.opensearch_query import page_window, search_body, suggest_body

# The analysed queries are written out, so a change to the synonyms file cannot move them.
PSYCHOLOOG = AnalysedQuery(
    (
        QueryClause(
            ("psycholoog",),
            (
                Alternative(("psycholog",)),
                Alternative(("klinisch", "psycholog"), origin="synonym", label="klinisch psycholoog"),
                Alternative(("kind", "psycholog"), phrase=False, origin="compound"),
            ),
        ),
    )
)
APOTHEEK_GENT = AnalysedQuery(
    (
        QueryClause(("apotheek",), (Alternative(("apothek",)),)),
        QueryClause(("gent",), (Alternative(("gent",)),)),
    )
)

FIELDS = ["name^10", "professions^8", "rubrieken^6", "activities^3", "description^1", "place^2", "parts^1.5"]
PROVIDERS_ONLY = {"term": {"doc_type": "provider"}}
BY_NAME = [{"sort_name": {"order": "asc"}}, {"id": {"order": "asc"}}]
SOURCE = ["provider", "location"]


def words_query(text: str, name: str) -> dict:
    return {
        "multi_match": {
            "query": text,
            "type": "cross_fields",
            "fields": FIELDS,
            "analyzer": "sk_verbatim",
            "tie_breaker": 1.0,
            "_name": name,
            "operator": "and",
        }
    }


STRONG_FIELDS = ["name^10", "professions^8", "rubrieken^6"]


def strong_words_query(text: str) -> dict:
    return {
        "multi_match": {
            "query": text,
            "type": "cross_fields",
            "fields": STRONG_FIELDS,
            "analyzer": "sk_verbatim",
            "tie_breaker": 1.0,
            "operator": "and",
        }
    }


def facet_aggs(filters: dict[str, dict]) -> dict:
    return {
        facet: {
            "filter": filters.get(facet, {"match_all": {}}),
            "aggs": {"values": {"terms": {"field": f"facets.{facet}", "size": 5000}}},
        }
        for facet in ("rubriek", "beroep", "gemeente", "doelgroep")
    }


STRONG_PSYCHOLOOG = {
    "bool": {
        "should": [
            strong_words_query("psycholog"),
            {
                "multi_match": {
                    "query": "klinisch psycholog",
                    "type": "phrase",
                    "fields": STRONG_FIELDS,
                    "analyzer": "sk_verbatim",
                    "tie_breaker": 1.0,
                }
            },
            strong_words_query("kind psycholog"),
        ],
        "minimum_should_match": 1,
    }
}


def test_plain_text_body():
    body = search_body(SearchRequest(text="psycholoog"), PSYCHOLOOG)

    assert body == {
        "from": 0,
        "size": 20,
        "track_total_hits": True,
        "track_scores": True,
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "must": [
                            {
                                "bool": {
                                    "should": [
                                        words_query("psycholog", "c0.a0"),
                                        {
                                            "multi_match": {
                                                "query": "klinisch psycholog",
                                                "type": "phrase",
                                                "fields": FIELDS,
                                                "analyzer": "sk_verbatim",
                                                "tie_breaker": 1.0,
                                                "_name": "c0.a1",
                                            }
                                        },
                                        words_query("kind psycholog", "c0.a2"),
                                    ],
                                    "minimum_should_match": 1,
                                }
                            }
                        ],
                        "filter": [PROVIDERS_ONLY],
                    }
                },
                "functions": [{"filter": STRONG_PSYCHOLOOG, "weight": 10_000.0}],
                "score_mode": "sum",
                "boost_mode": "sum",
            }
        },
        "sort": [{"_score": {"order": "desc"}}, *BY_NAME],
        "aggs": facet_aggs({}),
        "_source": SOURCE,
    }


def test_near_radius_distance_body():
    request = SearchRequest(
        text="apotheek gent",
        geo=GeoFilter(51.05, 3.72, 5.0),
        sort=SortOrder.DISTANCE,
        page=3,
        per_page=10,
    )

    body = search_body(request, APOTHEEK_GENT)

    assert body == {
        "from": 20,
        "size": 10,
        "track_total_hits": True,
        "track_scores": True,
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "must": [{"bool": {"must": [words_query("apothek", "c0.a0"), words_query("gent", "c1.a0")]}}],
                        "filter": [
                            PROVIDERS_ONLY,
                            {
                                "geo_distance": {
                                    "distance": "5.0km",
                                    "distance_type": "arc",
                                    "location": {"lat": 51.05, "lon": 3.72},
                                }
                            },
                        ],
                    }
                },
                "functions": [
                    {
                        "filter": {"bool": {"must": [strong_words_query("apothek"), strong_words_query("gent")]}},
                        "weight": 10_000.0,
                    }
                ],
                "score_mode": "sum",
                "boost_mode": "sum",
            }
        },
        "sort": [
            {
                "_geo_distance": {
                    "location": {"lat": 51.05, "lon": 3.72},
                    "order": "asc",
                    "unit": "km",
                    "distance_type": "arc",
                }
            },
            {"_score": {"order": "desc"}},
            *BY_NAME,
        ],
        "aggs": facet_aggs({}),
        "_source": SOURCE,
    }


def test_near_relevance_scores_strength_only():
    request = SearchRequest(text="apotheek gent", geo=GeoFilter(51.05, 3.72), match="any")

    body = search_body(request, APOTHEEK_GENT)

    strong = {"bool": {"should": [strong_words_query("apothek"), strong_words_query("gent")], "minimum_should_match": 1}}
    assert body["query"] == {
        "function_score": {
            "query": {
                "bool": {
                    "must": [
                        {
                            "bool": {
                                "should": [words_query("apothek", "c0.a0"), words_query("gent", "c1.a0")],
                                "minimum_should_match": 1,
                            }
                        }
                    ],
                    "filter": [PROVIDERS_ONLY],
                }
            },
            "functions": [{"filter": strong, "weight": 2}, {"filter": {"match_all": {}}, "weight": 1}],
            "score_mode": "max",
            "boost_mode": "replace",
        }
    }
    assert body["sort"] == [
        {"_score": {"order": "desc"}},
        {
            "_geo_distance": {
                "location": {"lat": 51.05, "lon": 3.72},
                "order": "asc",
                "unit": "km",
                "distance_type": "arc",
            }
        },
        *BY_NAME,
    ]


def test_two_facet_filters_body():
    request = SearchRequest(filters={"gemeente": ("44021", "11002"), "rubriek": ("01",)})

    body = search_body(request, AnalysedQuery(()))

    gemeente = {"terms": {"facets.gemeente": ["44021", "11002"]}}
    rubriek = {"terms": {"facets.rubriek": ["01"]}}
    assert body["post_filter"] == {"bool": {"filter": [gemeente, rubriek]}}
    assert body["aggs"] == facet_aggs(
        {
            "rubriek": {"bool": {"filter": [gemeente]}},
            "beroep": {"bool": {"filter": [gemeente, rubriek]}},
            "gemeente": {"bool": {"filter": [rubriek]}},
            "doelgroep": {"bool": {"filter": [gemeente, rubriek]}},
        }
    )
    assert body["query"] == {"bool": {"must": [{"match_all": {}}], "filter": [PROVIDERS_ONLY]}}


def test_empty_query_body():
    body = search_body(SearchRequest(), AnalysedQuery(()))

    assert body == {
        "from": 0,
        "size": 20,
        "track_total_hits": True,
        "track_scores": True,
        "query": {"bool": {"must": [{"match_all": {}}], "filter": [PROVIDERS_ONLY]}},
        "sort": [{"_score": {"order": "desc"}}, *BY_NAME],
        "aggs": facet_aggs({}),
        "_source": SOURCE,
    }


def test_page_window_stops_at_limit():
    assert page_window(1, 20, 10_000) == (0, 20)
    assert page_window(500, 20, 10_000) == (9980, 20)
    assert page_window(501, 20, 10_000) == (10_000, 0)
    assert page_window(334, 30, 10_000) == (9990, 10)


def test_suggest_body_uses_prefix():
    body = suggest_body("psy", 8)

    assert body["size"] == 8
    assert body["query"] == {
        "bool": {"filter": [{"term": {"doc_type": "suggestion"}}, {"prefix": {"suggestion.keys": "psy"}}]}
    }
    assert body["sort"][0] == {"suggestion.weight": {"order": "desc"}}


def test_hostile_text_stays_a_value():
    hostile = AnalysedQuery((QueryClause(('name:"x" OR *',), (Alternative(('name:"x" OR *',)),)),))

    body = search_body(SearchRequest(text="ignored"), hostile)

    assert body["query"]["function_score"]["query"]["bool"]["must"][0] == words_query('name:"x" OR *', "c0.a0")
    assert "query_string" not in str(body)
