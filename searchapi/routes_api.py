"""JSON routes: /api/search, /api/providers/{id}, /api/suggest, /healthz."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from searchapi.json_response import FastJSONResponse

from searchapi import serialize
from searchapi.errors import InvalidParameter, ServiceUnavailable
from searchapi.params import SearchParams, parse_search_params

router = APIRouter()

Text = Annotated[str | None, Query()]
Values = Annotated[list[str], Query()]


def read_search_params(
    request: Request,
    q: str | None,
    near: str | None,
    radius_km: str | None,
    sort: str | None,
    page: str | None,
    per_page: str | None,
) -> SearchParams:
    """Validate the search parameters of any route; facet filters are repeatable."""
    filters = {name: request.query_params.getlist(name) for name in ("rubriek", "beroep", "gemeente", "doelgroep")}
    return parse_search_params(request.app.state.settings, q, near, radius_km, sort, page, per_page, filters)


@router.get("/api/search", tags=["search"], summary="Search providers")
def api_search(
    request: Request,
    q: Annotated[str | None, Query(description="Dutch query text, e.g. 'psycholoog' or 'tandarts in Gent'.")] = None,
    near: Annotated[str | None, Query(description="A postcode (9000), a municipality (Gent) or 'lat,lon'.")] = None,
    radius_km: Annotated[str | None, Query(description="Only providers within this many km of near.")] = None,
    sort: Annotated[str | None, Query(description="relevance (default) or distance.")] = None,
    page: Annotated[str | None, Query(description="Page number, from 1.")] = None,
    per_page: Annotated[str | None, Query(description="Hits per page, 1 to 100.")] = None,
    rubriek: Annotated[list[str], Query(description="Rubriek code, repeatable, e.g. 02.01.")] = [],
    beroep: Annotated[list[str], Query(description="Profession code, repeatable, e.g. persclinicalpsychologist.")] = [],
    gemeente: Annotated[list[str], Query(description="NIS code of a municipality, repeatable.")] = [],
    doelgroep: Annotated[list[str], Query(description="Target group, repeatable, e.g. kinderen.")] = [],
) -> FastJSONResponse:
    params = read_search_params(request, q, near, radius_km, sort, page, per_page)
    result = request.app.state.service.search(params)
    return FastJSONResponse(serialize.search_json(result))


@router.get("/api/providers/{provider_id}", tags=["providers"], summary="One provider (the fiche as JSON)")
def api_provider(request: Request, provider_id: str) -> FastJSONResponse:
    provider = request.app.state.service.provider(provider_id)
    return FastJSONResponse(serialize.provider_detail(provider))


@router.get("/api/suggest", tags=["search"], summary="Autocomplete")
def api_suggest(
    request: Request,
    q: Annotated[str | None, Query(description="What the user typed so far.")] = None,
    limit: Annotated[str | None, Query(description="Number of suggestions, 1 to 20.")] = None,
) -> FastJSONResponse:
    prefix = (q or "").strip()
    if len(prefix) > 100:
        raise InvalidParameter("q", prefix[:50] + "…", "De tekst voor suggesties is langer dan 100 tekens.", fix="Typ minder tekens.")
    size = _parse_limit(limit)
    suggestions = request.app.state.service.suggest(prefix, size) if prefix else []
    return FastJSONResponse(serialize.suggestions_json(prefix, suggestions))


def _parse_limit(limit: str | None) -> int:
    if limit is None or not limit.strip():
        return 8
    try:
        size = int(limit)
    except ValueError:
        raise InvalidParameter("limit", limit, f"limit moet een geheel getal zijn, niet '{limit[:40]}'.", fix="Bv. limit=8.") from None
    if not 1 <= size <= 20:
        raise InvalidParameter("limit", limit, f"limit moet tussen 1 en 20 liggen, niet {size}.", fix="Bv. limit=8.")
    return size


@router.get("/healthz", tags=["health"], summary="Health of the service and its engine")
def healthz(request: Request) -> FastJSONResponse:
    health = request.app.state.engine.health()
    if not health.ok:
        raise ServiceUnavailable(
            f"De zoekmotor ({health.engine}) is niet klaar: er is geen index of de motor is niet bereikbaar.",
            fix=f"Bouw een index met 'socialekaart index BESTAND' of start met scripts/start.sh. Detail: {health.detail}",
        )
    return FastJSONResponse(
        {"status": "ok", "engine": health.engine, "documents": health.documents, "generation": health.generation}
    )
