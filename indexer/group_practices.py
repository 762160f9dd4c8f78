"""Multidisciplinary group practices and their members among the records of one run.

A group practice is an organization (or service) record in rubriek 01.17. A member is
a person record whose `organization` is the practice's name and whose postcode is the
practice's postcode. Names are compared folded, so case and accents do not count.
"""

from __future__ import annotations

from collections.abc import Iterable

from analyzers.text import fold
from indexer import taxonomy
from indexer.record import Provider, ProviderKind

GROUP_PRACTICE_RUBRIEK = "01.17"

# Recognition values of professions.csv that a practice may be listed through.
LISTABLE_RECOGNITIONS = frozenset({"wug", "listed"})

PracticeKey = tuple[str, str]


def is_group_practice(provider: Provider) -> bool:
    if provider.kind is ProviderKind.PERSON:
        return False
    return any(rubriek.code == GROUP_PRACTICE_RUBRIEK for rubriek in provider.rubrieken)


def practice_key(provider: Provider) -> PracticeKey:
    return (fold(provider.name), provider.address.postcode or "")


def membership_key(provider: Provider) -> PracticeKey | None:
    """Return the key of the practice a person names as organization, or None."""
    if provider.kind is not ProviderKind.PERSON or not provider.organization:
        return None
    return (fold(provider.organization), provider.address.postcode or "")


def has_recognised_profession(provider: Provider) -> bool:
    entries = taxonomy.professions()
    return any(
        entries[profession.code].recognition in LISTABLE_RECOGNITIONS
        for profession in provider.professions
        if profession.code in entries
    )


def practice_keys(providers: Iterable[Provider]) -> set[PracticeKey]:
    return {practice_key(provider) for provider in providers if is_group_practice(provider)}
