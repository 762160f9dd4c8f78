"""Parsers for the cell values of the generic CSV format.

Each parser returns the parsed value or raises `InvalidValue` with a rejection code and
a Dutch reason that names the bad value.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pydantic import ValidationError

from analyzers.text import fold
from indexer import taxonomy
from indexer.readers import codes
from indexer.record import GeoPoint, OpeningHours, Profession, ProviderKind, Rubriek

LIST_SEPARATOR = "|"

KINDS = {
    "person": ProviderKind.PERSON,
    "persoon": ProviderKind.PERSON,
    "organization": ProviderKind.ORGANIZATION,
    "organisation": ProviderKind.ORGANIZATION,
    "organisatie": ProviderKind.ORGANIZATION,
    "service": ProviderKind.SERVICE,
    "dienst": ProviderKind.SERVICE,
}

# Dutch weekday names and their usual two-letter abbreviations, Monday = 1.
WEEKDAYS = {
    "ma": 1, "maandag": 1,
    "di": 2, "dinsdag": 2,
    "wo": 3, "woensdag": 3,
    "do": 4, "donderdag": 4,
    "vr": 5, "vrijdag": 5,
    "za": 6, "zaterdag": 6,
    "zo": 7, "zondag": 7,
}

_PERIOD = re.compile(r"^(\d{1,2})[:.](\d{2})\s*-\s*(\d{1,2})[:.](\d{2})$")


class InvalidValue(ValueError):
    """A cell value that makes its record unusable."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def split_list(cell: str) -> list[str]:
    """Split a `|`-separated cell into stripped, non-empty items, keeping their order."""
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


def parse_kind(cell: str) -> ProviderKind:
    kind = KINDS.get(cell.strip().lower())
    if kind is None:
        raise InvalidValue(
            codes.INVALID_KIND,
            f"Ongeldig type '{cell}'; verwacht: person, organization of service.",
        )
    return kind


@lru_cache(maxsize=512)
def _profession(value: str) -> Profession | None:
    if value in taxonomy.professions():
        return taxonomy.profession(value)
    entry = taxonomy.profession_by_label(value)
    return entry.as_profession() if entry is not None else None


def split_professions(cell: str) -> tuple[list[Profession], list[str]]:
    """Parse CD-HCPARTY codes or Dutch labels ("persdentist|huisarts") into the known
    professions and the labels that are not in the profession list, each in order."""
    found: list[Profession] = []
    unknown: list[str] = []
    for value in split_list(cell):
        profession = _profession(value)
        if profession is None:
            if value not in unknown:
                unknown.append(value)
            continue
        if profession not in found:
            found.append(profession)
    return found, unknown


def parse_professions(cell: str) -> list[Profession]:
    """Parse CD-HCPARTY codes or Dutch labels; raise InvalidValue for an unknown one."""
    found, unknown = split_professions(cell)
    if unknown:
        raise InvalidValue(
            codes.UNKNOWN_PROFESSION,
            f"Onbekend beroep '{unknown[0]}': geen code of naam uit de beroepenlijst.",
        )
    return found


@lru_cache(maxsize=512)
def _rubriek(code: str) -> Rubriek | None:
    try:
        return taxonomy.rubriek(code)
    except KeyError:
        return None


def parse_rubrieken(cell: str) -> list[Rubriek]:
    """Parse rubriek codes ("02.01|03.01")."""
    found: list[Rubriek] = []
    for code in split_list(cell):
        rubriek = _rubriek(code)
        if rubriek is None:
            raise InvalidValue(codes.UNKNOWN_RUBRIEK, f"Onbekende rubriekcode '{code}'.")
        if rubriek not in found:
            found.append(rubriek)
    return found


def rubrieken_of(professions: list[Profession]) -> list[Rubriek]:
    """Return the rubriek that each profession belongs to, in order, without repeats."""
    found: list[Rubriek] = []
    for profession in professions:
        rubriek = _rubriek(taxonomy.professions()[profession.code].rubriek_code)
        if rubriek is not None and rubriek not in found:
            found.append(rubriek)
    return found


def parse_number(cell: str) -> float:
    """Parse a decimal with a point or a Belgian decimal comma ("51,05")."""
    return float(cell.strip().replace(",", "."))


def parse_point(lat_cell: str, lon_cell: str) -> GeoPoint | None:
    """Return the point, or None when both cells are empty."""
    if not lat_cell.strip() and not lon_cell.strip():
        return None

    shown = f"{lat_cell}, {lon_cell}"
    if not lat_cell.strip() or not lon_cell.strip():
        raise InvalidValue(codes.INVALID_COORDINATES, f"Onvolledige coördinaten '{shown}': lat en lon zijn allebei nodig.")

    try:
        return GeoPoint(lat=parse_number(lat_cell), lon=parse_number(lon_cell))
    except (ValueError, ValidationError):
        raise InvalidValue(codes.INVALID_COORDINATES, f"Ongeldige coördinaten '{shown}'.") from None


def parse_date(cell: str) -> dt.date | None:
    """Parse an ISO date ("2024-03-01"); an ISO date-time keeps only its date."""
    value = cell.strip()
    if not value:
        return None
    try:
        if "T" in value:
            return dt.datetime.fromisoformat(value).date()
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValue(codes.INVALID_DATE, f"Ongeldige datum '{value}'; verwacht JJJJ-MM-DD.") from None


def _time(hours: str, minutes: str) -> dt.time:
    hour, minute = int(hours), int(minutes)
    if hour == 24 and minute == 0:
        return dt.time(23, 59)
    return dt.time(hour, minute)


def _periods(weekday: int, text: str) -> list[OpeningHours]:
    periods: list[OpeningHours] = []
    for period in text.split(","):
        match = _PERIOD.match(period.strip())
        if match is None:
            raise ValueError(period)
        opens = _time(match.group(1), match.group(2))
        closes = _time(match.group(3), match.group(4))
        if closes <= opens:
            raise ValueError(period)
        periods.append(OpeningHours(weekday=weekday, opens=opens, closes=closes))
    return periods


def parse_opening_hours(cell: str) -> list[OpeningHours]:
    """Parse "ma 09:00-12:00|di 14:00-18:00"; a day with two periods is written
    "ma 09:00-12:00,13:00-17:00"."""
    hours: list[OpeningHours] = []
    for item in split_list(cell):
        day, _, periods = item.partition(" ")
        weekday = WEEKDAYS.get(fold(day).rstrip(".:"))
        try:
            if weekday is None or not periods.strip():
                raise ValueError(item)
            hours.extend(_periods(weekday, periods))
        except ValueError:
            raise InvalidValue(
                codes.INVALID_OPENING_HOURS,
                f"Ongeldige openingsuren '{item}'; verwacht bv. 'ma 09:00-12:00'.",
            ) from None
    return hours
