"""Provenance: which source, with which date, supplied each field of a provider."""

from __future__ import annotations

import datetime as dt

from indexer.record import FieldSource, Provider

# Fields whose origin the fiche shows. Ids, kind and bookkeeping fields are left out.
PROVENANCE_FIELDS = (
    "name",
    "organization",
    "description",
    "professions",
    "rubrieken",
    "doelgroepen",
    "activities",
    "address",
    "location",
    "phones",
    "emails",
    "websites",
    "opening_hours",
    "registry_ids",
)


def has_value(value: object) -> bool:
    """Return True for a non-empty value, or a model with at least one filled field."""
    if hasattr(value, "model_dump"):
        return any(has_value(part) for part in value.model_dump().values())
    return value not in (None, "", [], {})


def stamp_provenance(provider: Provider, file_date: dt.date | None) -> Provider:
    """Return the provider with every filled field attributed to its own source.

    The date is the record's `updated_at`, or else `file_date`, the date of the file.
    """
    origin = FieldSource(source=provider.source, updated_at=provider.updated_at or file_date)
    provenance = {
        name: [origin] for name in PROVENANCE_FIELDS if has_value(getattr(provider, name))
    }
    return provider.model_copy(update={"provenance": provenance})


def sources_of(provider: Provider) -> list[str]:
    """Return every source named in the provider's provenance, in first-seen order."""
    found: list[str] = []
    for origins in provider.provenance.values():
        for origin in origins:
            if origin.source not in found:
                found.append(origin.source)
    return found or [provider.source]
