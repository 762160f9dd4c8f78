"""The scope policy: which read records may be listed on the sociale kaart.

Rules, checked in this order; the first one that fails rejects the record:

1. no alternative treatments (the open list in `alternative_treatments.txt`), looked
   up in profession labels, the name, the description and the activities;
2. every profession label must be in the profession list (`professions.csv`);
3. a person in a group practice is listed only with a recognised profession
   (recognised = wug or listed);
4. a profession without legal recognition (recognised = partner) only from a partner
   source (`partner_sources.csv`);
5. a clinical psychologist only with an erkenningsnummer and a visum;
6. a group practice with member records only when one of them is listed.

A group practice without any member record in the run is kept, because the run
contains no evidence on whether it employs a recognised provider.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from indexer import taxonomy
from indexer.alternatives import AlternativeTreatments, default_alternative_treatments
from indexer.group_practices import has_recognised_profession, is_group_practice, membership_key, practice_key, practice_keys
from indexer.readers import codes
from indexer.readers.base import Rejection, SourceRecord
from indexer.record import Provider

PARTNER_SOURCES_FILE = "partner_sources.csv"
PROFESSIONS_FILE = "professions.csv"
CLINICAL_PSYCHOLOGIST = "persclinicalpsychologist"


@dataclass(frozen=True)
class Violation:
    code: str
    reason: str


@dataclass
class PolicyResult:
    accepted: list[SourceRecord] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


@lru_cache(maxsize=1)
def default_partner_sources() -> frozenset[str]:
    rows = csv.DictReader(taxonomy.data_lines(PARTNER_SOURCES_FILE), delimiter=";")
    return frozenset(row["source"].strip() for row in rows if row["source"].strip())


class ScopePolicy:
    """The rules above, with the lists they read."""

    def __init__(
        self,
        alternatives: AlternativeTreatments | None = None,
        partner_sources: Iterable[str] | None = None,
    ) -> None:
        self.alternatives = alternatives or default_alternative_treatments()
        self.partner_sources = frozenset(partner_sources) if partner_sources is not None else default_partner_sources()

    def versions(self) -> dict[str, str | None]:
        """Return the version of each list, for the import report."""
        return {
            PROFESSIONS_FILE: taxonomy.data_version(PROFESSIONS_FILE),
            "alternative_treatments.txt": self.alternatives.version,
            PARTNER_SOURCES_FILE: taxonomy.data_version(PARTNER_SOURCES_FILE),
        }

    def apply(self, records: list[SourceRecord]) -> PolicyResult:
        """Split records into listed ones and rejections, in input order."""
        practices = practice_keys(record.provider for record in records)
        result = PolicyResult()
        listed_members: set[tuple[str, str]] = set()
        members_seen: set[tuple[str, str]] = set()

        for record in records:
            violation = self.check(record.provider, practices)
            membership = membership_key(record.provider)
            if membership in practices:
                members_seen.add(membership)
            if violation is not None:
                result.rejections.append(rejection_of(record, violation))
                continue
            if membership in practices:
                listed_members.add(membership)
            result.accepted.append(record)

        # Rule 6 needs the outcome of every member, so practices are judged last.
        kept: list[SourceRecord] = []
        for record in result.accepted:
            violation = practice_violation(record.provider, members_seen, listed_members)
            if violation is None:
                kept.append(record)
            else:
                result.rejections.append(rejection_of(record, violation))
        result.accepted = kept
        return result

    def check(self, provider: Provider, practices: set[tuple[str, str]] | None = None) -> Violation | None:
        """Return the first rule the provider breaks (rules 1 to 5), or None."""
        checks = (
            self._alternative_treatment(provider),
            unknown_profession(provider),
            group_practice_member(provider, practices or set()),
            self._partner_profession(provider),
            clinical_psychologist_numbers(provider),
        )
        return next((violation for violation in checks if violation is not None), None)

    def _alternative_treatment(self, provider: Provider) -> Violation | None:
        fields = [("beroep", label) for label in provider.unrecognised_professions]
        fields += [("beroep", profession.label) for profession in provider.professions]
        fields += [("naam", provider.name), ("beschrijving", provider.description or "")]
        fields += [("aanbod", activity) for activity in provider.activities]

        for field_name, text in fields:
            match = self.alternatives.find(text)
            if match is not None:
                return Violation(
                    codes.ALTERNATIVE_TREATMENT,
                    f"Alternatieve behandeling '{match.found}' in {field_name} '{text}' "
                    f"(lijstterm '{match.term}'): zulke aanbieders worden niet opgenomen.",
                )
        return None

    def _partner_profession(self, provider: Provider) -> Violation | None:
        if provider.source in self.partner_sources:
            return None

        entries = taxonomy.professions()
        for profession in provider.professions:
            entry = entries.get(profession.code)
            if entry is not None and entry.recognition == "partner":
                return Violation(
                    codes.PARTNER_SOURCE_REQUIRED,
                    f"Beroep '{profession.label}' is niet wettelijk erkend en wordt enkel opgenomen via een "
                    f"erkende partnerorganisatie of beroepsvereniging; bron '{provider.source}' staat niet op "
                    f"de partnerlijst ({PARTNER_SOURCES_FILE}).",
                )
        return None


def unknown_profession(provider: Provider) -> Violation | None:
    if not provider.unrecognised_professions:
        return None
    label = provider.unrecognised_professions[0]
    return Violation(
        codes.UNKNOWN_PROFESSION,
        f"Onbekend beroep '{label}': geen code of naam uit de beroepenlijst.",
    )


def group_practice_member(provider: Provider, practices: set[tuple[str, str]]) -> Violation | None:
    membership = membership_key(provider)
    if membership is None or membership not in practices or has_recognised_profession(provider):
        return None

    labels = ", ".join(profession.label for profession in provider.professions) or "geen beroep"
    return Violation(
        codes.GROUP_PRACTICE_MEMBER_NOT_RECOGNISED,
        f"Lid van groepspraktijk '{provider.organization}' zonder erkend zorgberoep ({labels}): "
        "een groepspraktijk wordt enkel via haar erkende zorgverleners vermeld.",
    )


def clinical_psychologist_numbers(provider: Provider) -> Violation | None:
    if not any(profession.code == CLINICAL_PSYCHOLOGIST for profession in provider.professions):
        return None

    ids = provider.registry_ids
    if not ids.recognition_number:
        return Violation(
            codes.MISSING_RECOGNITION_NUMBER,
            f"Klinisch psycholoog '{provider.name}' zonder erkenningsnummer (Agentschap Zorg en Gezondheid).",
        )
    if not ids.visa:
        return Violation(
            codes.MISSING_VISA,
            f"Klinisch psycholoog '{provider.name}' zonder visum (FOD Volksgezondheid).",
        )
    return None


def practice_violation(
    provider: Provider,
    members_seen: set[tuple[str, str]],
    listed_members: set[tuple[str, str]],
) -> Violation | None:
    if not is_group_practice(provider):
        return None

    key = practice_key(provider)
    if key not in members_seen or key in listed_members:
        return None
    return Violation(
        codes.GROUP_PRACTICE_WITHOUT_RECOGNISED_PROVIDER,
        f"Groepspraktijk '{provider.name}' heeft geen opgenomen zorgverlener met een erkend beroep.",
    )


def rejection_of(record: SourceRecord, violation: Violation) -> Rejection:
    return Rejection(
        source=record.source,
        record_number=record.record_number,
        code=violation.code,
        reason=violation.reason,
        record_id=record.provider.id,
        professions=tuple(profession.code for profession in record.provider.professions),
    )
