"""The judgement rules and metrics behind the relevance figures."""

from __future__ import annotations

import pytest

from indexer import taxonomy
from indexer.gazetteer import default_gazetteer
from indexer.record import Address, GeoPoint, Provider, ProviderKind
from relevance import metrics
from relevance.evaluate import load_corpus
from relevance.judgements import JudgementError, Query, load_queries, parse_rule


def dentist(nis_code: str, lat: float, lon: float) -> Provider:
    return Provider(
        id="p1",
        kind=ProviderKind.PERSON,
        name="Test",
        professions=[taxonomy.profession("persdentist")],
        rubrieken=[taxonomy.rubriek("01.04")],
        address=Address(postcode="9000", municipality="Gent", nis_code=nis_code),
        location=GeoPoint(lat=lat, lon=lon),
        source="test",
    )


def test_first_matching_rule_grades():
    rules = (parse_rule("beroep=persdentist AND gemeente=44021 => 2"), parse_rule("beroep=persdentist AND within=15 => 1"))
    query = Query("q", "tandarts in Gent", "plaats", rules, place="Gent", reference=(51.04, 3.71))

    assert query.grade(dentist("44021", 51.05, 3.72)) == 2
    assert query.grade(dentist("44019", 51.10, 3.72)) == 1
    assert query.grade(dentist("11002", 51.22, 4.40)) == 0


def test_rubriek_covers_children():
    query = Query("q", "tandzorg", "beroep", (parse_rule("rubriek=01 => 2"),))

    assert query.grade(dentist("44021", 51.05, 3.72)) == 2


@pytest.mark.parametrize("rule", ["beroep=persdentist", "naam=Jan => 2", "beroep= => 1", "beroep=x => twee"])
def test_invalid_rule_raises(rule):
    with pytest.raises(JudgementError):
        parse_rule(rule)


def test_ndcg_of_ideal_order_is_one():
    assert metrics.ndcg_at([2, 2, 1], [1, 2, 0, 2], 10) == pytest.approx(1.0)


def test_ndcg_penalises_wrong_order():
    assert metrics.ndcg_at([1, 2, 2], [2, 2, 1], 10) < 1.0


def test_recall_is_capped_at_depth():
    assert metrics.recall_at([1] * 20, relevant_count=200, k=20) == 1.0


def test_queries_load_and_match_corpus_version():
    query_set = load_queries(default_gazetteer())
    providers = load_corpus(expected_version=query_set.corpus_version)

    assert len(query_set.queries) >= 80
    assert len(providers) >= 300


def test_every_query_has_a_relevant_provider():
    query_set = load_queries(default_gazetteer())
    providers = load_corpus(expected_version=query_set.corpus_version)

    for query in query_set.queries:
        assert any(query.grade(provider) > 0 for provider in providers), query.id
