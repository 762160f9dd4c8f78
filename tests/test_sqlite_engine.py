"""Behaviour of the embedded engine that the shared conformance suite does not cover."""

from __future__ import annotations

import threading
import time

import pytest

from corpus import corpus_documents
from searchapi.engines.base import EngineUnavailable, IndexBuildError, SearchRequest
from searchapi.engines.sqlite_engine import INDEX_FILE_NAME, SqliteEngine


@pytest.fixture()
def engine(tmp_path):
    built = SqliteEngine(tmp_path)
    built.build(corpus_documents())
    yield built
    built.close()


def test_missing_index_is_unavailable(tmp_path):
    engine = SqliteEngine(tmp_path)

    with pytest.raises(EngineUnavailable):
        engine.search(SearchRequest(text="apotheek"))
    assert engine.health().ok is False


def test_failed_build_leaves_no_files(engine, tmp_path):
    def broken():
        yield from corpus_documents()[:3]
        raise RuntimeError("source broke")

    with pytest.raises(IndexBuildError):
        engine.build(broken())

    assert sorted(path.name for path in tmp_path.iterdir()) == [INDEX_FILE_NAME]


def test_duplicate_ids_fail_build(engine):
    documents = corpus_documents()

    with pytest.raises(IndexBuildError, match="corpus-001"):
        engine.build(documents + documents[:1])
    assert engine.health().documents == len(documents)


def test_rebuild_during_searches_loses_nothing(engine, tmp_path):
    failures: list[str] = []
    totals: list[int] = []
    stop = threading.Event()

    def search_until_stopped() -> None:
        reader = SqliteEngine(tmp_path)
        deadline = time.monotonic() + 30
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                totals.append(reader.search(SearchRequest(text="apotheek")).total)
            except Exception as error:  # every failure counts, whatever its type
                failures.append(repr(error))
        reader.close()

    searcher = threading.Thread(target=search_until_stopped)
    searcher.start()
    for _ in range(5):
        engine.build(corpus_documents())
    stop.set()
    searcher.join(timeout=60)

    assert failures == []
    assert len(totals) > 10
    assert set(totals) == {4}


def test_other_process_sees_new_generation(engine, tmp_path):
    reader = SqliteEngine(tmp_path)
    assert reader.search(SearchRequest()).total == len(corpus_documents())

    engine.build(corpus_documents()[:4])

    assert reader.search(SearchRequest()).total == 4
    reader.close()


def test_slow_query_hits_time_limit(tmp_path):
    from indexer.documents import build_document
    from searchapi.engines.sqlite_engine import QueryTimeout

    providers = [document.provider for document in corpus_documents()]
    copies = [
        build_document(provider.model_copy(update={"id": f"{provider.id}-{number}"}))
        for number in range(100)
        for provider in providers
    ]
    engine = SqliteEngine(tmp_path, query_time_limit_ms=2000)
    engine.build(copies)
    engine.query_time_limit_ms = 0

    with pytest.raises(QueryTimeout):
        engine.search(SearchRequest(text="apotheek"))
