"""OpenSearch-only behaviour: generations behind an alias, rebuilds under load, failures."""

from __future__ import annotations

import socket
import threading
import uuid

import pytest

from corpus import corpus_documents, corpus_providers
from searchapi.engines.base import EngineUnavailable, IndexBuildError, SearchRequest
from searchapi.settings import Settings


@pytest.fixture()
def engine(opensearch_url):
    from searchapi.engines.opensearch_engine import OpenSearchEngine

    created = OpenSearchEngine(url=opensearch_url, index_alias=f"test-engine-{uuid.uuid4().hex[:12]}")
    yield created
    created.client.indices.delete(index=f"{created.alias}-*", ignore_unavailable=True)
    created.close()


def alias_targets(engine) -> list[str]:
    return sorted(engine.client.indices.get_alias(name=engine.alias))


def generations(engine) -> list[str]:
    return sorted(engine.client.indices.get(index=f"{engine.alias}-*"))


def test_build_swaps_alias(engine):
    first = engine.build(corpus_documents())
    second = engine.build(corpus_documents()[:10])

    assert first.generation != second.generation
    assert alias_targets(engine) == [second.generation]
    assert generations(engine) == [second.generation]
    assert engine.health().generation == second.generation


def test_failed_build_deletes_new_index(engine):
    engine.build(corpus_documents())

    def broken_documents():
        yield from corpus_documents()[:3]
        raise RuntimeError("source broke")

    with pytest.raises(IndexBuildError):
        engine.build(broken_documents())

    assert len(generations(engine)) == 1
    assert alias_targets(engine) == generations(engine)


def test_duplicate_ids_fail_build(engine):
    documents = corpus_documents()

    with pytest.raises(IndexBuildError, match="corpus-001"):
        engine.build([*documents, documents[0]])

    assert generations(engine) == []


def test_searches_survive_rebuild(engine):
    engine.build(corpus_documents())
    expected = len(corpus_providers())
    totals: list[int] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def search_until_done() -> None:
        while not done.is_set():
            try:
                totals.append(engine.search(SearchRequest(per_page=5)).total)
            except Exception as error:  # collected, so the test names the failure
                errors.append(error)

    searcher = threading.Thread(target=search_until_done)
    searcher.start()
    try:
        engine.build(corpus_documents())
        engine.build(corpus_documents())
    finally:
        done.set()
        searcher.join(timeout=30)

    assert errors == []
    assert len(totals) > 5
    assert set(totals) == {expected}


def test_health_without_alias(engine):
    health = engine.health()

    assert not health.ok
    assert engine.alias in health.detail


def test_search_without_alias_unavailable(engine):
    with pytest.raises(EngineUnavailable):
        engine.search(SearchRequest(text="apotheek"))


def test_node_down_unavailable():
    from searchapi.engines.opensearch_engine import OpenSearchEngine

    # A port that was free a moment ago: nothing listens there.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = OpenSearchEngine(url=f"http://127.0.0.1:{port}", index_alias="nothing-here", timeout_s=2)

    health = engine.health()

    assert not health.ok
    assert "unreachable" in health.detail
    with pytest.raises(EngineUnavailable):
        engine.search(SearchRequest())


def test_from_settings_uses_alias():
    from searchapi.engines.opensearch_engine import OpenSearchEngine

    settings = Settings(opensearch_url="http://127.0.0.1:9", opensearch_index="kaart", opensearch_timeout_s=3)
    engine = OpenSearchEngine.from_settings(settings)

    assert engine.alias == "kaart"
    assert engine.timeout_s == 3


def test_invalid_alias_rejected():
    from searchapi.engines.opensearch_engine import OpenSearchEngine

    with pytest.raises(ValueError, match="lowercase"):
        OpenSearchEngine(url="http://127.0.0.1:9", index_alias="Sociale Kaart")
