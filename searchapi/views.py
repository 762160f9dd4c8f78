"""Template contexts for the HTML pages, built from the same result objects as the JSON."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from indexer.record import Provider
from searchapi.engines.base import FacetCount
from searchapi.service import SearchResult

FACET_TITLES = {
    "rubriek": "Rubriek",
    "beroep": "Beroep",
    "gemeente": "Gemeente",
    "doelgroep": "Doelgroep",
}

RADIUS_CHOICES = (2, 5, 10, 25, 50)

# Facets show their most frequent values; the rest stays reachable by searching.
MAX_FACET_VALUES = 12


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    selected: bool
    url: str
    depth: int = 0


def _base_pairs(result: SearchResult) -> list[tuple[str, str]]:
    params = result.params
    pairs = [("q", params.q)]
    if params.near:
        pairs.append(("near", params.near))
    if params.radius_km is not None:
        pairs.append(("radius_km", f"{params.radius_km:g}"))
    if params.sort.value != "relevance":
        pairs.append(("sort", params.sort.value))
    if params.per_page != 20:
        pairs.append(("per_page", str(params.per_page)))
    return pairs


def _filter_pairs(filters: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    return [(facet, value) for facet, values in filters.items() for value in values]


def search_url(pairs: list[tuple[str, str]]) -> str:
    return "/zoeken?" + urlencode(pairs)


def _toggle_url(result: SearchResult, facet: str, value: str) -> str:
    filters = {name: list(values) for name, values in result.params.filters.items()}
    selected = filters.setdefault(facet, [])
    if value in selected:
        selected.remove(value)
    else:
        selected.append(value)
    cleaned = {name: tuple(values) for name, values in filters.items() if values}
    return search_url(_base_pairs(result) + _filter_pairs(cleaned))


def _facet_links(result: SearchResult, facet: str, values: list[FacetCount]) -> list[FacetLink]:
    shown = [value for value in values if value.selected]
    shown += [value for value in values if not value.selected][: max(0, MAX_FACET_VALUES - len(shown))]
    if facet == "rubriek":
        shown.sort(key=lambda value: value.value)
    links = []
    for value in shown:
        depth = value.value.count(".") if facet == "rubriek" else 0
        label = f"{value.value}. {value.label}" if facet == "rubriek" else value.label
        links.append(FacetLink(label, value.count, value.selected, _toggle_url(result, facet, value.value), depth))
    return links


def _page_url(result: SearchResult, page: int) -> str:
    pairs = _base_pairs(result) + _filter_pairs(result.params.filters)
    if page > 1:
        pairs.append(("page", str(page)))
    return search_url(pairs)


def _did_you_mean_url(result: SearchResult) -> str:
    """Link to the suggested query, keeping the place and the filters of this search."""
    pairs = [("q", result.did_you_mean or "")]
    if result.location is not None:
        pairs.append(("near", result.params.near or result.location.label))
    return search_url(pairs + _filter_pairs(result.params.filters))


def results_view(result: SearchResult, api_url: str) -> dict[str, object]:
    page = result.params.page
    facets = {
        facet: _facet_links(result, facet, values)
        for facet, values in result.page.facets.items()
        if values
    }
    corrected = result.did_you_mean
    last_page = result.total_pages
    past_the_end_url = _page_url(result, last_page) if last_page and page > last_page else None
    return {
        "result": result,
        "q": result.params.q,
        "near": result.params.near or "",
        "radius_km": result.params.radius_km,
        "facets": facets,
        "facet_titles": FACET_TITLES,
        "previous_url": _page_url(result, page - 1) if page > 1 else None,
        "next_url": _page_url(result, page + 1) if page < result.total_pages else None,
        "api_url": api_url,
        "did_you_mean_url": _did_you_mean_url(result) if corrected else None,
        "clear_filters_url": search_url(_base_pairs(result)) if result.params.filters else None,
        "past_the_end_url": past_the_end_url,
        "filter_pairs": _filter_pairs(result.params.filters),
        "sort": result.params.sort.value,
        "radius_choices": RADIUS_CHOICES,
    }


@dataclass(frozen=True)
class DayHours:
    weekday: int
    periods: list[str]


def opening_days(provider: Provider) -> list[DayHours]:
    """Group opening periods per weekday: "maandag: 09:00–12:00, 14:00–18:00"."""
    days: dict[int, list[str]] = {}
    for hours in sorted(provider.opening_hours, key=lambda item: (item.weekday, item.opens)):
        period = f"{hours.opens.strftime('%H:%M')}–{hours.closes.strftime('%H:%M')}"
        days.setdefault(hours.weekday, []).append(period)
    return [DayHours(weekday, periods) for weekday, periods in days.items()]


def fiche_view(provider: Provider) -> dict[str, object]:
    return {
        "provider": provider,
        "opening_days": opening_days(provider),
        "api_url": f"/api/providers/{provider.id}",
        "q": "",
        "near": "",
    }
