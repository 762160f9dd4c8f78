"""Relevance on the fixed test corpus must not fall below the committed baseline.

Raise the baseline (`socialekaart evaluate --json relevance/data/baseline.json`) when
a change improves the figures; a drop beyond the tolerance fails here.
"""

from __future__ import annotations

import json

import pytest

from indexer.gazetteer import default_gazetteer
from relevance.evaluate import BASELINE_PATH, evaluate_engine, load_corpus
from relevance.judgements import load_queries

# Ranking ties may fall differently after unrelated changes; a drop beyond this fails.
OVERALL_TOLERANCE = 0.01
KIND_TOLERANCE = 0.03

NDCG_TARGET = 0.90
ZERO_RESULT_TARGET = 0.02


@pytest.fixture(scope="module")
def report(engine_factory):
    query_set = load_queries(default_gazetteer())
    providers = load_corpus(expected_version=query_set.corpus_version)
    engine = engine_factory.create()
    try:
        yield evaluate_engine(engine, providers, query_set)
    finally:
        engine.close()


@pytest.fixture(scope="module")
def baseline(report):
    figures = json.loads(BASELINE_PATH.read_text(encoding="utf-8"))
    return figures["engines"][report.engine]


def test_ndcg_meets_target(report):
    assert report.overall.ndcg_at_10 >= NDCG_TARGET


def test_zero_results_meet_target(report):
    assert report.overall.zero_result_rate <= ZERO_RESULT_TARGET


def test_ndcg_not_below_baseline(report, baseline):
    assert report.overall.ndcg_at_10 >= baseline["overall"]["ndcg_at_10"] - OVERALL_TOLERANCE


def test_recall_not_below_baseline(report, baseline):
    assert report.overall.recall_at_20 >= baseline["overall"]["recall_at_20"] - OVERALL_TOLERANCE


def test_zero_results_not_above_baseline(report, baseline):
    assert report.overall.zero_result_rate <= baseline["overall"]["zero_result_rate"] + OVERALL_TOLERANCE


def test_every_kind_not_below_baseline(report, baseline):
    for kind, figures in baseline["kinds"].items():
        measured = report.kinds[kind]
        assert measured.ndcg_at_10 >= figures["ndcg_at_10"] - KIND_TOLERANCE, f"nDCG@10 of {kind}"
        assert measured.recall_at_20 >= figures["recall_at_20"] - KIND_TOLERANCE, f"recall@20 of {kind}"


def test_query_set_is_large_enough(report):
    assert report.overall.queries >= 80
