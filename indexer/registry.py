"""Registry lists (such as the federal list of clinical psychologists) and the
cross-check that marks listed providers as verified.

A registry list is a CSV file (";" or ",", UTF-8) with the columns `name`,
`profession` (CD-HCPARTY code or Dutch label), `postcode` and at least one of `visa`,
`riziv_number` and `recognition_number`. Dutch column names (naam, beroep, visum,
riziv, erkenningsnummer) are accepted too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from indexer.dedupe import normalised_name, normalised_number
from indexer.readers import codes
from indexer.readers.base import SourceReadError, SourceRecord
from indexer.readers.csvfiles import read_table, records
from indexer.readers.geocoding import normalise_postcode
from indexer.readers.values import split_professions
from indexer.record import Provider, ProviderKind, Verification

COLUMN_ALIASES = {
    "naam": "name",
    "beroep": "profession",
    "visum": "visa",
    "riziv": "riziv_number",
    "riziv-nummer": "riziv_number",
    "rizivnummer": "riziv_number",
    "erkenningsnummer": "recognition_number",
}
NUMBER_FIELDS = ("visa", "riziv_number", "recognition_number")

# Names that score lower than this (rapidfuzz token_sort_ratio on normalised names)
# make a registry match inconsistent.
NAME_MATCH_MIN = 85.0


@dataclass(frozen=True)
class RegistryEntry:
    line: int
    name: str
    profession: str | None
    postcode: str | None
    visa: str = ""
    riziv_number: str = ""
    recognition_number: str = ""


@dataclass
class Registry:
    name: str
    entries: list[RegistryEntry]
    _by_number: dict[tuple[str, str], RegistryEntry] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for number_field in NUMBER_FIELDS:
                value = getattr(entry, number_field)
                if value:
                    self._by_number.setdefault((number_field, value), entry)

    @property
    def professions(self) -> set[str]:
        return {entry.profession for entry in self.entries if entry.profession}

    def counts(self) -> dict[str, int]:
        """Return the number of registered providers per profession code."""
        return dict(Counter(entry.profession for entry in self.entries if entry.profession))

    def find(self, provider: Provider) -> tuple[str, RegistryEntry] | None:
        """Return (number field, entry) of the first number the provider shares with an entry."""
        for number_field in NUMBER_FIELDS:
            value = normalised_number(getattr(provider.registry_ids, number_field))
            entry = self._by_number.get((number_field, value)) if value else None
            if entry is not None:
                return number_field, entry
        return None


@dataclass(frozen=True)
class RegistryIssue:
    provider_id: str
    source: str
    record_number: int
    code: str
    message: str


def read_registry(path: Path) -> Registry:
    """Read a registry list; raise SourceReadError when a needed column is missing."""
    table = read_table(path, (), "registry list", allow_cp1252=True)
    header = [COLUMN_ALIASES.get(name, name) for name in table.header]
    table = type(table)(header=header, rows=table.rows, encoding=table.encoding, separator=table.separator, warnings=table.warnings)

    missing = [name for name in ("name", "profession") if name not in header]
    if missing or not any(name in header for name in NUMBER_FIELDS):
        raise SourceReadError(
            str(path),
            "een registerlijst heeft de kolommen name en profession nodig en minstens een van visa, "
            f"riziv_number, recognition_number (kopregel: {', '.join(header)})",
        )

    entries = []
    for record in records(table):
        values = record.values
        found, _ = split_professions(values.get("profession", ""))
        entries.append(
            RegistryEntry(
                line=record.number,
                name=values.get("name", ""),
                profession=found[0].code if found else None,
                postcode=normalise_postcode(values.get("postcode")),
                **{number_field: normalised_number(values.get(number_field)) for number_field in NUMBER_FIELDS},
            )
        )
    return Registry(name=path.name, entries=entries)


def differences(provider: Provider, entry: RegistryEntry) -> list[str]:
    """Return a Dutch phrase for each way the provider contradicts its registry entry."""
    found: list[str] = []
    score = fuzz.token_sort_ratio(normalised_name(provider.name), normalised_name(entry.name))
    if score < NAME_MATCH_MIN:
        found.append(f"naam '{provider.name}' tegenover '{entry.name}' in het register")

    codes_listed = {profession.code for profession in provider.professions}
    if entry.profession and entry.profession not in codes_listed:
        found.append(f"beroep in het register is '{entry.profession}'")

    for number_field in NUMBER_FIELDS:
        listed = normalised_number(getattr(provider.registry_ids, number_field))
        registered = getattr(entry, number_field)
        if listed and registered and listed != registered:
            found.append(f"{number_field} '{listed}' tegenover '{registered}' in het register")
    return found


def cross_check(
    records_in: Iterable[SourceRecord],
    registry: Registry,
    checked_at: dt.date,
) -> tuple[list[SourceRecord], list[RegistryIssue]]:
    """Mark persons that match their registry entry as verified; report the persons of a
    profession that the registry covers whose entry is missing or contradicts them.

    A different postcode is kept as a note on the verification and does not block it,
    because registries often hold the home address rather than the practice.
    """
    covered = registry.professions
    checked: list[SourceRecord] = []
    issues: list[RegistryIssue] = []

    for record in records_in:
        provider = record.provider
        in_scope = provider.kind is ProviderKind.PERSON and any(p.code in covered for p in provider.professions)
        if not in_scope:
            checked.append(record)
            continue

        match = registry.find(provider)
        if match is None:
            issues.append(_issue(record, codes.REGISTRATION_MISSING, f"'{provider.name}' staat niet in {registry.name}: geen visum, RIZIV-nummer of erkenningsnummer komt overeen."))
            checked.append(record)
            continue

        number_field, entry = match
        problems = differences(provider, entry)
        if problems:
            issues.append(_issue(record, codes.REGISTRATION_INCONSISTENT, f"'{provider.name}' wijkt af van regel {entry.line} van {registry.name}: {'; '.join(problems)}."))
            checked.append(record)
            continue

        notes = []
        if entry.postcode and provider.address.postcode and entry.postcode != provider.address.postcode:
            notes.append(f"postcode {entry.postcode} in het register, {provider.address.postcode} op de fiche")
        verification = Verification(registry=registry.name, matched_on=number_field, checked_at=checked_at, notes=notes)
        verified = provider.model_copy(update={"verified": True, "verification": verification})
        checked.append(SourceRecord(record.source, record.record_number, verified))

    return checked, issues


def _issue(record: SourceRecord, code: str, message: str) -> RegistryIssue:
    return RegistryIssue(record.provider.id, record.source, record.record_number, code, message)
