"""HTTP tests of the JSON API through the real ASGI app on the embedded engine."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from corpus import corpus_documents
from searchapi.app import create_app
from searchapi.engines.sqlite_engine import SqliteEngine
from searchapi.settings import Settings


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    data_dir = tmp_path_factory.mktemp("api-index")
    engine = SqliteEngine(data_dir)
    engine.build(corpus_documents())
    app = create_app(Settings(data_dir=data_dir), engine=engine)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def hit_ids(response) -> list[str]:
    return [hit["id"] for hit in response.json()["hits"]]


def test_search_returns_documented_shape(client):
    response = client.get("/api/search", params={"q": "psycholoog", "near": "9000"})
    body = response.json()

    assert response.status_code == 200
    assert {"total", "hits", "facets", "query", "warnings"} <= body.keys()
    first = body["hits"][0]
    assert {"id", "name", "address", "location", "distance_km"} <= first.keys()
    assert set(first["location"]) == {"lat", "lon"}
    assert set(body["facets"]) == {"rubriek", "beroep", "gemeente", "doelgroep"}


def test_search_without_point_has_no_distance(client):
    body = client.get("/api/search", params={"q": "apotheek"}).json()

    assert all("distance_km" not in hit for hit in body["hits"])


def test_near_postcode_sorts_by_distance(client):
    body = client.get("/api/search", params={"q": "apotheek", "near": "9000", "radius_km": "3", "sort": "distance"}).json()
    distances = [hit["distance_km"] for hit in body["hits"]]

    assert body["total"] == 2
    assert distances == sorted(distances)
    assert max(distances) <= 3


@pytest.mark.parametrize("near", ["Gent", "gent", "GENT", "9000", "51.0543,3.7174"])
def test_near_forms_resolve(client, near):
    response = client.get("/api/search", params={"q": "apotheek", "near": near, "radius_km": "5"})

    assert response.status_code == 200
    assert set(hit_ids(response)) == {"corpus-007", "corpus-008"}


def test_place_in_query_becomes_location(client):
    body = client.get("/api/search", params={"q": "apotheek in Gent", "radius_km": "5"}).json()

    assert body["query"]["location"]["origin"] == "query"
    assert body["query"]["searched_text"] == "apotheek"


def test_postcode_in_query_becomes_location(client):
    body = client.get("/api/search", params={"q": "psycholoog 2000"}).json()

    assert body["query"]["location"]["postcode"] == "2000"
    assert body["hits"][0]["address"]["postcode"] == "2000"


def test_filters_repeat_per_facet(client):
    response = client.get("/api/search", params=[("q", "apotheek"), ("gemeente", "44021"), ("gemeente", "11002")])

    assert response.json()["total"] == 4


def test_relaxed_search_when_all_words_fail(client):
    body = client.get("/api/search", params={"q": "apotheek zebra"}).json()

    assert body["total"] > 0
    assert body["query"]["relaxed"] is True
    assert body["warnings"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"near": "Xyzdorp"}, "near"),
        ({"near": "99.0,3.0"}, "near"),
        ({"near": "48.0,2.0"}, "near"),
        ({"near": "9000", "radius_km": "abc"}, "radius_km"),
        ({"near": "9000", "radius_km": "-1"}, "radius_km"),
        ({"near": "9000", "radius_km": "nan"}, "radius_km"),
        ({"near": "9000", "radius_km": "inf"}, "radius_km"),
        ({"radius_km": "5"}, "radius_km"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "100000"}, "page"),
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "1000"}, "per_page"),
        ({"per_page": "1.5"}, "per_page"),
        ({"sort": "random"}, "sort"),
        ({"q": "a" * 2000}, "q"),
    ],
)
def test_bad_parameter_gets_clear_422(client, params, parameter):
    response = client.get("/api/search", params=params)
    error = response.json()["error"]

    assert response.status_code == 422
    assert error["parameter"] == parameter
    assert error["code"] == "invalid_parameter"
    assert error["message"]
    assert error["fix"]


@pytest.mark.parametrize(
    "text",
    ['"psycholoog', "(apotheek", "apotheek AND", "OR", "*", "psy*", "a:b", "<b>apotheek</b>", "x" * 500, "%", "\\"],
)
def test_hostile_text_never_500(client, text):
    response = client.get("/api/search", params={"q": text})

    assert response.status_code == 200


def test_provider_by_id(client):
    response = client.get("/api/providers/corpus-004")

    assert response.status_code == 200
    assert response.json()["name"] == "CGG Eclips"


def test_unknown_provider_404(client):
    response = client.get("/api/providers/nope")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_suggest_returns_professions_and_places(client):
    body = client.get("/api/suggest", params={"q": "gen"}).json()
    kinds = {suggestion["kind"] for suggestion in body["suggestions"]}

    assert "plaats" in kinds


def test_suggest_bad_limit_422(client):
    response = client.get("/api/suggest", params={"q": "psy", "limit": "99"})

    assert response.status_code == 422


def test_healthz_reports_engine(client):
    body = client.get("/healthz").json()

    assert body["status"] == "ok"
    assert body["engine"] == "sqlite"
    assert body["documents"] == len(corpus_documents())


def test_openapi_lists_search(client):
    spec = client.get("/api/openapi.json").json()

    assert "/api/search" in spec["paths"]


def test_api_allows_cross_origin_calls(client):
    response = client.get("/api/search", params={"q": "apotheek"}, headers={"Origin": "https://partner.example"})

    assert response.headers["access-control-allow-origin"] == "*"


def test_missing_index_gives_503(tmp_path):
    app = create_app(Settings(data_dir=tmp_path))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.get("/api/search", params={"q": "apotheek"})

    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert response.json()["error"]["code"] == "service_unavailable"


def test_gemeente_filter_accepts_name(client):
    by_name = client.get("/api/search", params={"q": "apotheek", "gemeente": "Gent"}).json()
    by_code = client.get("/api/search", params={"q": "apotheek", "gemeente": "44021"}).json()

    assert by_name["total"] == by_code["total"] == 3
    assert by_name["warnings"] == []


def test_unknown_filter_value_warns(client):
    body = client.get("/api/search", params={"rubriek": "99.99"}).json()

    assert body["total"] == 0
    assert any("99.99" in warning for warning in body["warnings"])


def test_docs_page_needs_no_cdn(client):
    page = client.get("/api/docs")
    script = client.get("/api/docs-assets/swagger-ui-bundle.js")

    assert page.status_code == 200
    assert "cdn." not in page.text
    assert script.status_code == 200


def test_misspelt_near_suggests_municipality(client):
    error = client.get("/api/search", params={"q": "apotheek", "near": "Gentt"}).json()["error"]

    assert error["parameter"] == "near"
    assert "Bedoelde u Gent?" in error["fix"]


def test_misspelt_place_in_query_is_read(client):
    body = client.get("/api/search", params={"q": "apotheek in gnet", "radius_km": "5"}).json()

    assert body["query"]["location"]["municipality"] == "Gent"
    assert body["query"]["searched_text"] == "apotheek"
    assert any("gnet" in warning for warning in body["warnings"])
    assert body["total"] == 2


def test_misspelt_word_without_connector_is_no_place(client):
    body = client.get("/api/search", params={"q": "apotheek gnet"}).json()

    assert body["query"]["location"] is None
