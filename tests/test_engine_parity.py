"""Both engines on the real pharmacy and hospital lists: the same requests, the same hits."""

from __future__ import annotations

import pytest

from indexer.gazetteer import default_gazetteer
from indexer.pipeline import collect_sources, documents_of
from searchapi.params import SearchParams
from searchapi.engines.base import SortOrder
from searchapi.service import SearchService


@pytest.fixture(scope="module")
def real_documents(shared_data):
    collected = collect_sources([shared_data / "last-pharmacies_afmps.json", shared_data / "BE.csv"])
    return list(documents_of(collected.providers))


@pytest.fixture(scope="module")
def services(real_documents, tmp_path_factory, request):
    from searchapi.engines.opensearch_engine import OpenSearchEngine
    from searchapi.engines.sqlite_engine import SqliteEngine

    sqlite = SqliteEngine(tmp_path_factory.mktemp("parity-sqlite"))
    opensearch = OpenSearchEngine(url=request.getfixturevalue("opensearch_url"), index_alias="parity-real-data")
    for engine in (sqlite, opensearch):
        engine.build(iter(real_documents))

    gazetteer = default_gazetteer()
    yield SearchService(sqlite, gazetteer), SearchService(opensearch, gazetteer)
    sqlite.close()
    opensearch.close()


def hit_ids(result) -> list[str]:
    return [hit.provider.id for hit in result.page.hits]


PARITY_REQUESTS = [
    SearchParams(q="apotheek", near="9000", radius_km=3, sort=SortOrder.DISTANCE, per_page=100),
    SearchParams(q="apotheek", near="9000", radius_km=3, per_page=100),
    SearchParams(q="ziekenhuis", near="Leuven", per_page=10),
    SearchParams(q="apotheek Sint-Niklaas", per_page=10),
    SearchParams(q="apotheken", near="2000", per_page=10),
    SearchParams(q="hospitaal", near="3000", radius_km=10, per_page=20),
    SearchParams(q="psychiatrisch ziekenhuis", near="Gent", per_page=10),
]


@pytest.mark.parametrize("params", PARITY_REQUESTS, ids=lambda params: f"{params.q}-{params.near}-{params.sort.value}")
def test_engines_return_same_hits(services, params):
    sqlite, opensearch = services

    expected = sqlite.search(params)
    actual = opensearch.search(params)

    assert actual.page.total == expected.page.total
    assert hit_ids(actual) == hit_ids(expected)


def test_apotheek_radius_is_exact(services):
    sqlite, opensearch = services
    params = PARITY_REQUESTS[0]

    for service in (sqlite, opensearch):
        result = service.search(params)
        distances = [hit.distance_km for hit in result.page.hits]
        assert result.page.total > 20
        assert all(distance <= 3 for distance in distances)
        assert distances == sorted(distances)
        assert all("perspharmacist" in [p.code for p in hit.provider.professions] for hit in result.page.hits)


@pytest.mark.parametrize("variant", ["apotheken", "Apotheek", "APOTHEKEN"])
def test_apotheek_forms_match_alike(services, variant):
    for service in services:
        expected = service.search(SearchParams(q="apotheek", near="9000", per_page=50))
        actual = service.search(SearchParams(q=variant, near="9000", per_page=50))
        assert actual.page.total == expected.page.total
        assert hit_ids(actual) == hit_ids(expected)


def test_leuven_hospitals_come_first(services):
    for service in services:
        result = service.search(SearchParams(q="ziekenhuis", near="Leuven", per_page=5))
        municipalities = {hit.provider.address.municipality for hit in result.page.hits}
        assert municipalities == {"Leuven"}
