"""Dutch HTML pages: start page, results, fiche. They work without JavaScript."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from searchapi.routes_api import read_search_params
from searchapi.views import fiche_view, results_view

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def start_page(request: Request) -> HTMLResponse:
    return request.app.state.pages.render(request, "index.html", {"q": "", "near": ""})


@router.get("/zoeken", response_class=HTMLResponse)
def results_page(request: Request) -> HTMLResponse:
    query = request.query_params
    params = read_search_params(
        request,
        query.get("q"),
        query.get("near"),
        query.get("radius_km"),
        query.get("sort"),
        query.get("page"),
        query.get("per_page"),
    )
    result = request.app.state.service.search(params)
    api_url = "/api/search?" + urlencode(list(query.multi_items()))
    return request.app.state.pages.render(request, "results.html", results_view(result, api_url))


@router.get("/aanbieder/{provider_id}", response_class=HTMLResponse)
def fiche_page(request: Request, provider_id: str) -> HTMLResponse:
    provider = request.app.state.service.provider(provider_id)
    return request.app.state.pages.render(request, "provider.html", fiche_view(provider))
