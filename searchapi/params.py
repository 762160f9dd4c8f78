"""Validation of search parameters as they arrive in a URL, with Dutch error messages.

The JSON API and the HTML pages take the same parameters and share this module, so a
bad value gets the same explanation on both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from mappings.fields import FACETS
from searchapi.engines.base import SortOrder
from searchapi.errors import InvalidParameter
from searchapi.settings import Settings


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    near: str | None = None
    radius_km: float | None = None
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: SortOrder = SortOrder.RELEVANCE
    page: int = 1
    per_page: int = 20


def parse_search_params(
    settings: Settings,
    q: str | None,
    near: str | None,
    radius_km: str | None,
    sort: str | None,
    page: str | None,
    per_page: str | None,
    filters: dict[str, list[str]],
) -> SearchParams:
    text = _parse_text(settings, q)
    near_value = near.strip() if near and near.strip() else None
    radius = _parse_radius(settings, radius_km)
    sort_order = _parse_sort(sort, near_value)
    page_number = _parse_int("page", page, default=1, minimum=1)
    page_size = _parse_int("per_page", per_page, default=settings.default_per_page, minimum=1)

    if page_size > settings.max_per_page:
        raise InvalidParameter(
            "per_page",
            per_page,
            f"per_page mag hoogstens {settings.max_per_page} zijn, niet {page_size}.",
            fix=f"Vraag {settings.max_per_page} of minder resultaten per pagina.",
        )
    if page_number * page_size > settings.max_result_window:
        raise InvalidParameter(
            "page",
            page,
            f"Pagina {page_number} valt voorbij de eerste {settings.max_result_window} resultaten.",
            fix="Verfijn de zoekopdracht met een filter of een plaats in plaats van verder te bladeren.",
        )

    return SearchParams(
        q=text,
        near=near_value,
        radius_km=radius,
        filters=_parse_filters(filters),
        sort=sort_order,
        page=page_number,
        per_page=page_size,
    )


def _parse_text(settings: Settings, q: str | None) -> str:
    text = (q or "").strip()
    if len(text) > settings.max_query_length:
        raise InvalidParameter(
            "q",
            text[:50] + "…",
            f"De zoektekst is {len(text)} tekens lang; het maximum is {settings.max_query_length}.",
            fix="Zoek met minder woorden, bv. een beroep en een gemeente.",
        )
    if "\x00" in text:
        raise InvalidParameter("q", text[:50], "De zoektekst bevat een ongeldig teken (NUL).", fix="Verwijder het teken.")
    return text


def _parse_radius(settings: Settings, radius_km: str | None) -> float | None:
    if radius_km is None or not radius_km.strip():
        return None

    try:
        radius = float(radius_km.strip().replace(",", "."))
    except ValueError:
        raise InvalidParameter(
            "radius_km", radius_km, f"radius_km moet een getal zijn, niet '{radius_km[:40]}'.", fix="Bv. radius_km=5."
        ) from None

    if not math.isfinite(radius) or radius <= 0 or radius > settings.max_radius_km:
        raise InvalidParameter(
            "radius_km",
            radius_km,
            f"radius_km moet groter dan 0 en hoogstens {settings.max_radius_km:g} km zijn, niet {radius_km[:40]}.",
            fix="Kies een straal in kilometer, bv. radius_km=10.",
        )
    return radius


def _parse_sort(sort: str | None, near: str | None) -> SortOrder:
    if sort is None or not sort.strip():
        return SortOrder.RELEVANCE

    value = sort.strip().lower()
    try:
        order = SortOrder(value)
    except ValueError:
        raise InvalidParameter(
            "sort", sort, f"sort='{sort[:40]}' bestaat niet.", fix="Gebruik sort=relevance of sort=distance."
        ) from None
    return order


def _parse_int(name: str, value: str | None, default: int, minimum: int) -> int:
    if value is None or not value.strip():
        return default

    try:
        number = int(value.strip())
    except ValueError:
        raise InvalidParameter(
            name, value, f"{name} moet een geheel getal zijn, niet '{value[:40]}'.", fix=f"Bv. {name}={default}."
        ) from None

    if number < minimum:
        raise InvalidParameter(name, value, f"{name} moet minstens {minimum} zijn, niet {number}.", fix=f"Bv. {name}={default}.")
    return number


def _parse_filters(filters: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    parsed = {}
    for facet in FACETS:
        values = tuple(dict.fromkeys(value.strip() for value in filters.get(facet, []) if value.strip()))
        if values:
            parsed[facet] = values
    return parsed
