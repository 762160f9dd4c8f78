"""Merging two records of one provider into one, keeping the provenance of each field.

The kept record wins for single values; the other record fills the gaps. Lists of
contact details, professions, rubrieken, doelgroepen and activities are joined.
"""

from __future__ import annotations

from indexer.provenance import PROVENANCE_FIELDS, has_value
from indexer.record import FieldSource, Provider, RegistryIds

# Fields whose values are joined; all other provenance fields take one record's value.
JOINED_FIELDS = ("professions", "rubrieken", "doelgroepen", "activities", "phones", "emails", "websites")


def _joined(kept: list, other: list) -> list:
    return kept + [item for item in other if item not in kept]


def _joined_origins(kept: list[FieldSource], other: list[FieldSource]) -> list[FieldSource]:
    return kept + [origin for origin in other if origin not in kept]


def _merged_registry_ids(kept: RegistryIds, other: RegistryIds) -> RegistryIds:
    values = {name: getattr(kept, name) or getattr(other, name) for name in RegistryIds.model_fields}
    return RegistryIds(**values)


def merge_providers(kept: Provider, other: Provider) -> Provider:
    """Return `kept` completed with the data of `other`, with provenance per field."""
    update: dict[str, object] = {}
    provenance = {name: list(origins) for name, origins in kept.provenance.items()}

    for name in PROVENANCE_FIELDS:
        kept_value = getattr(kept, name)
        other_value = getattr(other, name)
        other_origins = other.provenance.get(name, [])
        if not has_value(other_value):
            continue

        if not has_value(kept_value):
            update[name] = other_value
            provenance[name] = list(other_origins)
            continue

        if name in JOINED_FIELDS:
            joined = _joined(kept_value, other_value)
            if len(joined) > len(kept_value):
                update[name] = joined
                provenance[name] = _joined_origins(provenance.get(name, []), other_origins)
            continue

        if name == "registry_ids":
            merged_ids = _merged_registry_ids(kept_value, other_value)
            if merged_ids != kept_value:
                update[name] = merged_ids
                provenance[name] = _joined_origins(provenance.get(name, []), other_origins)

    update["phone_links"] = {**other.phone_links, **kept.phone_links}
    update["verified"] = kept.verified or other.verified
    update["verification"] = kept.verification or other.verification
    update["updated_at"] = max((date for date in (kept.updated_at, other.updated_at) if date), default=None)
    update["provenance"] = provenance
    return kept.model_copy(update=update)
