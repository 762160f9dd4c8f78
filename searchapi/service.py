"""One data function per page: the search, fiche and suggest results that JSON and HTML
both render."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from analyzers.text import fold
from indexer.gazetteer import Gazetteer
from indexer.record import Provider
from searchapi.engines.base import (
    Engine,
    EngineError,
    EngineUnavailable,
    GeoFilter,
    SearchPage,
    SearchRequest,
    SortOrder,
    Suggestion,
)
from searchapi.errors import InvalidParameter, NotFound, ServiceUnavailable
from searchapi.params import SearchParams
from searchapi.places import Location, parse_near, place_label, split_misspelt_place, split_place_from_text

logger = logging.getLogger(__name__)

# A search with this many hits or fewer gets a "Bedoelde u …?" when a close query finds more.
FEW_HITS = 2


@dataclass
class SearchResult:
    params: SearchParams
    page: SearchPage
    # The text that was searched, after a place was taken off it.
    searched_text: str
    location: Location | None
    warnings: list[str] = field(default_factory=list)
    # True when no provider matched every word and the search fell back to any word.
    relaxed: bool = False
    # A query that finds more: the correction the engine applied, or a suggestion.
    did_you_mean: str | None = None

    @property
    def total_pages(self) -> int:
        if self.page.total == 0:
            return 0
        return (self.page.total + self.params.per_page - 1) // self.params.per_page


class SearchService:
    def __init__(self, engine: Engine, gazetteer: Gazetteer) -> None:
        self.engine = engine
        self.gazetteer = gazetteer

    def search(self, params: SearchParams) -> SearchResult:
        warnings: list[str] = []
        location = parse_near(params.near, self.gazetteer) if params.near else None
        text = params.q
        if location is None and params.q:
            split = split_place_from_text(params.q, self.gazetteer)
            text, location = split.text, split.location
        if location is None and params.q:
            misspelt = split_misspelt_place(params.q, self.gazetteer)
            if misspelt is not None:
                (text, location), typed = (misspelt[0].text, misspelt[0].location), misspelt[1]
                warnings.append(f"'{typed}' is geen gekende plaats; we zochten in de buurt van {location.label}.")

        if params.radius_km is not None and location is None:
            raise InvalidParameter(
                "radius_km",
                params.radius_km,
                "radius_km heeft een vertrekpunt nodig.",
                fix="Geef ook near mee (bv. near=9000) of zet een plaats in de zoektekst (bv. 'tandarts in Gent').",
            )

        sort = params.sort
        if sort == SortOrder.DISTANCE and location is None:
            warnings.append("Sorteren op afstand kan pas met een plaats; de resultaten staan op relevantie.")
            sort = SortOrder.RELEVANCE

        filters = self._resolve_municipality_names(params.filters, warnings)
        request = SearchRequest(
            text=text,
            geo=GeoFilter(location.lat, location.lon, params.radius_km) if location else None,
            filters=filters,
            sort=sort,
            page=params.page,
            per_page=params.per_page,
        )
        page = self._run(request)

        relaxed = False
        if page.total == 0 and len(text.split()) > 1:
            relaxed_page = self._run(_with_match(request, "any"))
            if relaxed_page.total > 0:
                page, relaxed = relaxed_page, True
                warnings.append("Geen aanbieder past bij alle woorden; dit zijn resultaten voor een deel van de woorden.")

        warnings.extend(page.warnings)
        warnings.extend(_unknown_filter_warnings(page, filters))
        did_you_mean = page.interpretation.corrected_text
        if did_you_mean is None and (page.total <= FEW_HITS or relaxed):
            did_you_mean = self._better_query(request, page.total if not relaxed else 0)
        return SearchResult(params, page, text, location, warnings, relaxed, did_you_mean)

    def _better_query(self, request: SearchRequest, total: int) -> str | None:
        """Return a close query that finds more providers than `total`, or None."""
        if not request.text.strip():
            return None
        suggestion = self.engine.spelling_suggestion(request.text)
        if suggestion is None:
            return None
        probe = self._run(replace(request, text=suggestion, page=1, per_page=1))
        return suggestion if probe.total > total else None

    def _resolve_municipality_names(
        self, filters: dict[str, tuple[str, ...]], warnings: list[str]
    ) -> dict[str, tuple[str, ...]]:
        """Accept a municipality name or postcode where the gemeente filter wants a NIS code."""
        values = filters.get("gemeente")
        if not values:
            return filters

        resolved = []
        for value in values:
            if len(value) == 5 and value.isdigit():
                resolved.append(value)
                continue
            place = self.gazetteer.resolve(value)
            if place is None:
                warnings.append(f"De gemeente '{value[:60]}' is onbekend; gebruik een NIS-code (bv. 44021 voor Gent) of een gemeentenaam.")
                resolved.append(value)
            else:
                resolved.append(place.nis_code)
        return {**filters, "gemeente": tuple(dict.fromkeys(resolved))}

    def _run(self, request: SearchRequest) -> SearchPage:
        try:
            return self.engine.search(request)
        except EngineUnavailable as error:
            logger.warning("engine=%s unavailable: %s", self.engine.name, error)
            raise ServiceUnavailable(
                "De zoekdienst is tijdelijk niet beschikbaar.", fix="Probeer het over een halve minuut opnieuw."
            ) from error
        except EngineError as error:
            logger.error("engine=%s search failed: %s", self.engine.name, error)
            raise ServiceUnavailable(
                "De zoekopdracht kon niet worden uitgevoerd.", fix="Probeer het opnieuw of vereenvoudig de zoekopdracht."
            ) from error

    def provider(self, provider_id: str) -> Provider:
        try:
            provider = self.engine.get(provider_id)
        except EngineUnavailable as error:
            raise ServiceUnavailable(
                "De zoekdienst is tijdelijk niet beschikbaar.", fix="Probeer het over een halve minuut opnieuw."
            ) from error
        if provider is None:
            shown = provider_id if len(provider_id) <= 80 else provider_id[:80] + "…"
            raise NotFound(
                f"Er is geen aanbieder met id '{shown}'.",
                fix="Zoek de aanbieder opnieuw via de zoekpagina; de fiche kan verwijderd zijn.",
            )
        return provider

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Complete professions, rubrieken, provider names and places."""
        try:
            from_index = self.engine.suggest(prefix, limit)
        except EngineUnavailable as error:
            raise ServiceUnavailable("De zoekdienst is tijdelijk niet beschikbaar.") from error

        places = self._place_suggestions(prefix, limit)
        merged = _interleave(from_index, places, limit)
        return merged

    def _place_suggestions(self, prefix: str, limit: int) -> list[Suggestion]:
        key = " ".join(fold(prefix).replace("-", " ").split())
        if len(key) < 2:
            return []
        matches = []
        for place in self.gazetteer.places():
            if place.kind != "municipality":
                continue
            names = {fold(place.municipality_nl).replace("-", " "), fold(place.municipality_fr).replace("-", " ")}
            if any(name.startswith(key) for name in names):
                matches.append(place)
        # Shortest names first, so "gen" offers Gent before Genepiën.
        matches.sort(key=lambda place: (len(place.municipality_nl), place.municipality_nl))
        found = [Suggestion(text=place_label(place), kind="plaats") for place in matches[:limit]]
        if key.isdigit():
            place = self.gazetteer.by_postcode(key) if len(key) == 4 else None
            if place is not None:
                found.insert(0, Suggestion(text=place_label(place), kind="plaats"))
        return found


FILTER_NAMES = {"rubriek": "rubriek", "beroep": "beroep", "gemeente": "gemeente", "doelgroep": "doelgroep"}


def _unknown_filter_warnings(page: SearchPage, filters: dict[str, tuple[str, ...]]) -> list[str]:
    """Warn about selected filter values that no indexed provider has, e.g. a typo in a code."""
    warnings = []
    for facet, values in filters.items():
        known = {value.value for value in page.facets.get(facet, []) if value.label != value.value or value.count}
        for value in values:
            already_warned = facet == "gemeente" and not (len(value) == 5 and value.isdigit())
            if value not in known and not already_warned:
                warnings.append(
                    f"Geen enkele aanbieder heeft {FILTER_NAMES.get(facet, facet)} '{value[:60]}'; controleer de code."
                )
    return warnings


def _with_match(request: SearchRequest, match: str) -> SearchRequest:
    return SearchRequest(
        text=request.text,
        geo=request.geo,
        filters=request.filters,
        sort=request.sort,
        page=request.page,
        per_page=request.per_page,
        match=match,
    )


def _interleave(first: list[Suggestion], second: list[Suggestion], limit: int) -> list[Suggestion]:
    """Keep index suggestions first but leave room for a few places."""
    room_for_places = min(len(second), max(2, limit - len(first)))
    kept = first[: limit - room_for_places] + second[:room_for_places]
    return kept[:limit]
