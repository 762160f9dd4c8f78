"""The index run refuses builds that would empty or gut the serving index."""

from __future__ import annotations

import pytest

from corpus import corpus_documents
from indexer.pipeline import CollectedSources, build_index
from indexer.readers.base import SourceRecord
from searchapi.engines.base import IndexBuildError
from searchapi.engines.sqlite_engine import SqliteEngine


def collected_of(count: int) -> CollectedSources:
    providers = [document.provider for document in corpus_documents()[:count]]
    records = [SourceRecord(provider=provider, source="test", record_number=number) for number, provider in enumerate(providers, 1)]
    return CollectedSources(records=records, rejections=[], summaries=[])


@pytest.fixture()
def engine(tmp_path):
    built = SqliteEngine(tmp_path)
    built.build(corpus_documents())
    yield built
    built.close()


def test_shrink_below_half_refused(engine):
    with pytest.raises(IndexBuildError, match="allow-shrink"):
        build_index(engine, collected_of(5))

    assert engine.health().documents == len(corpus_documents())


def test_shrink_allowed_when_asked(engine):
    build_index(engine, collected_of(5), allow_shrink=True)

    assert engine.health().documents == 5


def test_small_shrink_passes(engine):
    build_index(engine, collected_of(20))

    assert engine.health().documents == 20


def test_empty_build_refused(engine):
    with pytest.raises(IndexBuildError, match="allow-empty"):
        build_index(engine, collected_of(0))

    assert engine.health().documents == len(corpus_documents())
