"""Deduplication across sources: the same provider read from two sources becomes one.

Two records are the same provider when they share a registry number (RIZIV-nummer,
visum, erkenningsnummer), or a KBO-nummer and the same address, or else when their
similarity score reaches `MATCH_THRESHOLD`. Only records from different source files
are compared: one file lists each provider once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from analyzers.text import tokenize
from indexer.merge import merge_providers
from indexer.readers.base import SourceRecord
from indexer.readers.cleaning import LEGAL_FORMS
from indexer.record import Provider, ProviderKind

# Chosen on the 44 labelled pairs in tests/dedupe_pairs.py (22 duplicates, 22 near
# misses): at 94 precision and recall are both 1.0; at 93 one near miss merges, at 96
# one duplicate stays apart. tests/test_dedupe.py prints the sweep. The margin is about
# one point on each side, so a new kind of near miss may need a higher threshold.
MATCH_THRESHOLD = 94.0

# Share of the name in the similarity score; the street has the rest.
NAME_WEIGHT = 0.75

# Words that name the kind of provider rather than the provider itself ("Apotheek
# Peeters" and "Peeters" are one pharmacy), titles, and legal forms.
_GENERIC_WORDS = frozenset(
    {"apotheek", "pharmacie", "apotheke", "dr", "dokter", "apr", "mevr", "dhr", "mr", "mevrouw", "praktijk"}
) | LEGAL_FORMS

_NAME_ABBREVIATIONS = {"st": "sint", "ste": "sint", "wzc": "woonzorgcentrum", "olv": "onze lieve vrouw"}

# Abbreviations of several tokens, matched on the space-joined folded name.
_PHRASE_ABBREVIATIONS = {"o l v": "onze lieve vrouw", "o l vr": "onze lieve vrouw"}

# The registry numbers that identify one person or one organization on their own.
EXACT_ID_FIELDS = ("riziv_number", "visa", "recognition_number")

_NON_DIGITS = re.compile(r"\D")


@dataclass(frozen=True)
class Merge:
    kept_id: str
    merged_id: str
    kept_source: str
    merged_source: str
    # "same_id", "riziv_number", "visa", "recognition_number", "kbo_number_and_address"
    # or "similar_name_and_address".
    reason: str
    score: float | None = None


def normalised_name(name: str) -> str:
    text = f" {' '.join(tokenize(name))} "
    for phrase, expansion in _PHRASE_ABBREVIATIONS.items():
        text = text.replace(f" {phrase} ", f" {expansion} ")
    words = [_NAME_ABBREVIATIONS.get(word, word) for word in text.split()]
    return " ".join(word for word in words if word not in _GENERIC_WORDS)


def name_similarity(first: str, second: str) -> float:
    """Return 0–100 for two names, ignoring word order and the spaces inside
    surnames ("Van Damme" and "Vandamme" score 100)."""
    first, second = normalised_name(first), normalised_name(second)
    in_order = fuzz.token_sort_ratio(first, second)
    joined = fuzz.ratio(first.replace(" ", ""), second.replace(" ", ""))
    return max(in_order, joined)


def normalised_number(value: str | None) -> str:
    """Return only the digits of a registry number: "1-23456-78-901" -> "12345678901"."""
    return _NON_DIGITS.sub("", value or "")


def house_number_base(number: str | None) -> str:
    """Return the leading digits of a house number: "12 bus 3" and "12A" -> "12"."""
    match = re.match(r"\s*(\d+)", number or "")
    return match.group(1) if match else ""


def _street(provider: Provider) -> str:
    return " ".join(tokenize(provider.address.street or ""))


def kinds_compatible(first: Provider, second: Provider) -> bool:
    """Return False for a person against an organization or service. An organization
    may match a service, because sources differ in which of the two they list."""
    return (first.kind is ProviderKind.PERSON) == (second.kind is ProviderKind.PERSON)


def professions_compatible(first: Provider, second: Provider) -> bool:
    codes_first = {profession.code for profession in first.professions}
    codes_second = {profession.code for profession in second.professions}
    return not codes_first or not codes_second or bool(codes_first & codes_second)


def exact_reason(first: Provider, second: Provider) -> str | None:
    """Return the registry field both records share, or None."""
    if not kinds_compatible(first, second):
        return None

    for field in EXACT_ID_FIELDS:
        value = normalised_number(getattr(first.registry_ids, field))
        if value and value == normalised_number(getattr(second.registry_ids, field)):
            return field

    kbo = normalised_number(first.registry_ids.kbo_number)
    if kbo and kbo == normalised_number(second.registry_ids.kbo_number) and same_address(first, second):
        return "kbo_number_and_address"
    return None


def same_address(first: Provider, second: Provider) -> bool:
    if first.address.postcode != second.address.postcode:
        return False
    if house_number_base(first.address.number) != house_number_base(second.address.number):
        return False
    return fuzz.ratio(_street(first), _street(second)) >= 85


def similarity(first: Provider, second: Provider) -> float | None:
    """Return a 0–100 score for two records being one provider, or None when a hard
    difference rules it out: another postcode, another house number (a second
    vestiging), another kind of provider, or professions that do not overlap."""
    if first.address.postcode != second.address.postcode:
        return None
    if not kinds_compatible(first, second) or not professions_compatible(first, second):
        return None

    numbers = (house_number_base(first.address.number), house_number_base(second.address.number))
    if all(numbers) and numbers[0] != numbers[1]:
        return None

    name_score = name_similarity(first.name, second.name)
    streets = (_street(first), _street(second))
    # An unknown street neither helps nor hurts, so the name alone decides.
    street_score = fuzz.ratio(*streets) if all(streets) else name_score
    score = NAME_WEIGHT * name_score + (1 - NAME_WEIGHT) * street_score

    shared_phone = set(first.phone_links.values()) & set(second.phone_links.values())
    if shared_phone:
        score = min(100.0, score + 10.0)
    return score


@dataclass(frozen=True)
class _Candidate:
    rank: tuple[int, float]
    first: int
    second: int
    reason: str
    score: float | None


def _exact_keys(provider: Provider) -> Iterator[tuple[str, str]]:
    for field in EXACT_ID_FIELDS:
        value = normalised_number(getattr(provider.registry_ids, field))
        if value:
            yield (field, value)
    kbo = normalised_number(provider.registry_ids.kbo_number)
    if kbo:
        yield ("kbo_number", kbo)


def candidate_pairs(records: list[SourceRecord], threshold: float) -> list[_Candidate]:
    """Return every cross-source pair that may be one provider, strongest first."""
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_postcode: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        for key in _exact_keys(record.provider):
            by_key[key].append(index)
        by_postcode[record.provider.address.postcode or ""].append(index)

    found: dict[tuple[int, int], _Candidate] = {}
    for members in by_key.values():
        for first, second in _cross_source_pairs(records, members):
            reason = exact_reason(records[first].provider, records[second].provider)
            if reason is not None:
                score = similarity(records[first].provider, records[second].provider) or 0.0
                found[(first, second)] = _Candidate((0, -score), first, second, reason, None)

    for postcode, members in by_postcode.items():
        if not postcode:
            continue
        for first, second in _cross_source_pairs(records, members):
            if (first, second) in found:
                continue
            score = similarity(records[first].provider, records[second].provider)
            if score is not None and score >= threshold:
                found[(first, second)] = _Candidate((1, -score), first, second, "similar_name_and_address", round(score, 1))

    return sorted(found.values(), key=lambda candidate: candidate.rank)


def _cross_source_pairs(records: list[SourceRecord], members: list[int]) -> Iterator[tuple[int, int]]:
    for position, first in enumerate(members):
        for second in members[position + 1:]:
            if records[first].source != records[second].source:
                yield (first, second)


def deduplicate(records: list[SourceRecord], threshold: float = MATCH_THRESHOLD) -> tuple[list[SourceRecord], list[Merge]]:
    """Merge records of the same provider; return the remaining records in input order
    and one Merge per record merged away.

    The earliest record of a group is kept, so list the most trusted source first. A
    group never contains two records of one source file. Two branches that one file
    lists separately therefore stay apart, even when both match one record elsewhere.
    """
    group_of = list(range(len(records)))
    members_of = {index: [index] for index in range(len(records))}
    sources_in_group = {index: {record.source} for index, record in enumerate(records)}
    merged_providers = {index: record.provider for index, record in enumerate(records)}
    merges: list[Merge] = []

    for candidate in candidate_pairs(records, threshold):
        first, second = group_of[candidate.first], group_of[candidate.second]
        if first == second or sources_in_group[first] & sources_in_group[second]:
            continue

        # A group is named by its earliest record, whose id the merged provider keeps.
        kept, absorbed = min(first, second), max(first, second)
        absorbed_provider = merged_providers.pop(absorbed)
        merges.append(
            Merge(
                kept_id=merged_providers[kept].id,
                merged_id=absorbed_provider.id,
                kept_source=records[kept].source,
                merged_source=records[absorbed].source,
                reason=candidate.reason,
                score=candidate.score,
            )
        )
        merged_providers[kept] = merge_providers(merged_providers[kept], absorbed_provider)
        sources_in_group[kept] |= sources_in_group.pop(absorbed)
        for index in members_of[absorbed]:
            group_of[index] = kept
        members_of[kept] += members_of.pop(absorbed)

    remaining = [
        SourceRecord(records[index].source, records[index].record_number, merged_providers[index])
        for index in range(len(records))
        if index in merged_providers
    ]
    return remaining, merges
