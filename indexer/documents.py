"""Turning a provider record into the document that both engines index."""

from __future__ import annotations

from dataclasses import dataclass, field

from analyzers.text import fold
from indexer import taxonomy
from indexer.record import Provider


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str


@dataclass
class SearchDocument:
    """A provider as the engines see it: raw text per field, facet values and a point.

    Text stays raw here; each engine analyses it with the same Dutch chain (the
    embedded engine in Python, OpenSearch with settings rendered from `analyzers/`).
    """

    id: str
    text: dict[str, str]
    facets: dict[str, list[FacetValue]]
    lat: float | None
    lon: float | None
    sort_name: str
    provider: Provider
    suggestions: list[tuple[str, str]] = field(default_factory=list)


def build_document(provider: Provider) -> SearchDocument:
    address = provider.address
    place_words = [address.postcode, address.municipality, address.locality, address.province]

    text = {
        "name": " ".join(part for part in (provider.name, provider.organization) if part),
        "professions": " ".join(profession.label for profession in provider.professions),
        "rubrieken": " ".join(rubriek.label for rubriek in provider.rubrieken),
        "activities": " ".join(provider.activities + provider.doelgroepen),
        "description": provider.description or "",
        "place": " ".join(word for word in place_words if word),
    }

    location = provider.location
    return SearchDocument(
        id=provider.id,
        text=text,
        facets=_facet_values(provider),
        lat=location.lat if location else None,
        lon=location.lon if location else None,
        sort_name=fold(provider.name),
        provider=provider,
        suggestions=_suggestions(provider),
    )


def _facet_values(provider: Provider) -> dict[str, list[FacetValue]]:
    rubrieken: dict[str, FacetValue] = {}
    for rubriek in provider.rubrieken:
        # Count a provider under every ancestor too, so a tree level's count is the
        # number of providers below it.
        for code in taxonomy.rubriek_ancestor_codes(rubriek.code):
            label = taxonomy.rubriek_labels().get(code, rubriek.label if code == rubriek.code else code)
            rubrieken.setdefault(code, FacetValue(code, label))

    professions = {profession.code: FacetValue(profession.code, profession.label) for profession in provider.professions}

    municipalities = []
    if provider.address.nis_code and provider.address.municipality:
        municipalities.append(FacetValue(provider.address.nis_code, provider.address.municipality))

    doelgroepen = {fold(group): FacetValue(fold(group), group) for group in provider.doelgroepen}

    return {
        "rubriek": list(rubrieken.values()),
        "beroep": list(professions.values()),
        "gemeente": municipalities,
        "doelgroep": list(doelgroepen.values()),
    }


def _suggestions(provider: Provider) -> list[tuple[str, str]]:
    """(kind, label) pairs that the autocomplete offers for this provider."""
    found = [("naam", provider.name)]
    found.extend(("beroep", profession.label) for profession in provider.professions)
    found.extend(("rubriek", rubriek.label) for rubriek in provider.rubrieken)
    return found
