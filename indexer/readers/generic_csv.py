"""Reader for the generic provider CSV that partners deliver (format: docs/csv-format.md).

The file is UTF-8, with or without a byte order mark. A file that is not valid UTF-8 is
read as Windows-1252, with a warning that is logged and kept in `warnings`. The separator
is ";" or ",", whichever splits the header line into more columns.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from indexer.gazetteer import Gazetteer
from indexer.readers import codes
from indexer.readers.base import Accepted, GazetteerBackedReader, ReadItem, Rejection
from indexer.readers.cleaning import website_url
from indexer.readers.csvfiles import CsvRecord, read_table, records
from indexer.readers.files import head_text
from indexer.readers.geocoding import LocationProblem, locate, normalise_postcode
from indexer.readers.values import (
    InvalidValue,
    parse_date,
    parse_kind,
    parse_opening_hours,
    parse_point,
    split_professions,
    parse_rubrieken,
    rubrieken_of,
    split_list,
)
from indexer.record import Address, Provider, RegistryIds

logger = logging.getLogger(__name__)

DEFAULT_SOURCE = "csv"

COLUMNS = (
    "id",
    "kind",
    "name",
    "organization",
    "description",
    "professions",
    "rubrieken",
    "doelgroepen",
    "activities",
    "street",
    "number",
    "postcode",
    "municipality",
    "lat",
    "lon",
    "phones",
    "emails",
    "websites",
    "riziv_number",
    "visa",
    "recognition_number",
    "kbo_number",
    "opening_hours",
    "updated_at",
    "source",
)

REQUIRED_COLUMNS = ("id", "kind", "name", "postcode")


def _optional(values: dict[str, str], column: str) -> str | None:
    return values.get(column) or None


class GenericCsvReader(GazetteerBackedReader):
    """Reads the generic provider CSV."""

    format_name = "generic-csv"

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        super().__init__(gazetteer)
        # Problems of the last read that did not stop it (encoding, unknown columns).
        self.warnings: list[str] = []

    def can_read(self, path: Path) -> bool:
        header = head_text(path).split("\n", 1)[0].lower().replace(";", ",")
        names = {name.strip().strip('"') for name in header.split(",")}
        return set(REQUIRED_COLUMNS) <= names

    def read(self, path: Path) -> Iterator[ReadItem]:
        table = read_table(path, REQUIRED_COLUMNS, "generic provider CSV", allow_cp1252=True)
        self.warnings = list(table.warnings)

        unknown = [name for name in table.header if name not in COLUMNS]
        if unknown:
            warning = f"{path}: ignored unknown column(s) {', '.join(unknown)}; see docs/csv-format.md for the header"
            logger.warning(warning)
            self.warnings.append(warning)

        seen_ids: set[str] = set()
        width = len(table.header)
        for record in records(table):
            item = self._read_record(record, width, seen_ids)
            if isinstance(item, Accepted):
                seen_ids.add(item.provider.id)
            yield item

    def _read_record(self, record: CsvRecord, width: int, seen_ids: set[str]) -> ReadItem:
        values = record.values
        number = record.number
        source = values.get("source") or DEFAULT_SOURCE
        record_id = values["id"] or None

        if record.cell_count > width:
            return Rejection(
                source, number, codes.INVALID_RECORD,
                f"Rij heeft {record.cell_count} velden, de kopregel {width}; controleer het scheidingsteken in de waarden.",
                record_id,
            )
        if record_id is None:
            return Rejection(source, number, codes.MISSING_ID, "Record zonder id.")
        if record_id in seen_ids:
            return Rejection(source, number, codes.DUPLICATE_ID, f"Id '{record_id}' komt al eerder in het bestand voor.", record_id)
        if not values["name"]:
            return Rejection(source, number, codes.MISSING_NAME, "Record zonder naam.", record_id)

        try:
            return self._accepted(record, source, record_id)
        except InvalidValue as problem:
            return Rejection(source, number, problem.code, problem.reason, record_id)

    def _accepted(self, record: CsvRecord, source: str, record_id: str) -> ReadItem:
        """Build the provider; raises InvalidValue for the first bad cell."""
        values = record.values
        number = record.number

        kind = parse_kind(values["kind"])
        # Labels outside the profession list are kept for the scope policy, which
        # distinguishes an alternative treatment from an unknown profession.
        professions, unrecognised = split_professions(values.get("professions", ""))
        rubrieken = parse_rubrieken(values.get("rubrieken", ""))
        # A profession's own rubriek is added, so a file may leave rubrieken empty for
        # individual providers and they still show up when browsing the tree.
        rubrieken += [rubriek for rubriek in rubrieken_of(professions) if rubriek not in rubrieken]
        point = parse_point(values.get("lat", ""), values.get("lon", ""))
        opening_hours = parse_opening_hours(values.get("opening_hours", ""))
        updated_at = parse_date(values.get("updated_at", ""))

        address = Address(
            street=_optional(values, "street"),
            number=_optional(values, "number"),
            postcode=normalise_postcode(values["postcode"]),
            municipality=_optional(values, "municipality"),
        )
        located = locate(address, point, self.gazetteer)
        if isinstance(located, LocationProblem):
            return Rejection(source, number, located.code, located.reason, record_id)

        websites = [url for value in split_list(values.get("websites", "")) if (url := website_url(value))]
        try:
            provider = Provider(
                id=record_id,
                kind=kind,
                name=values["name"],
                organization=_optional(values, "organization"),
                description=_optional(values, "description"),
                professions=professions,
                rubrieken=rubrieken,
                doelgroepen=split_list(values.get("doelgroepen", "")),
                activities=split_list(values.get("activities", "")),
                address=located.address,
                location=located.location,
                phones=split_list(values.get("phones", "")),
                emails=split_list(values.get("emails", "")),
                websites=websites,
                opening_hours=opening_hours,
                registry_ids=RegistryIds(
                    riziv_number=_optional(values, "riziv_number"),
                    visa=_optional(values, "visa"),
                    recognition_number=_optional(values, "recognition_number"),
                    kbo_number=_optional(values, "kbo_number"),
                ),
                source=source,
                source_record=record_id,
                updated_at=updated_at,
                unrecognised_professions=unrecognised,
            )
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"])
            return Rejection(source, number, codes.INVALID_RECORD, f"Ongeldige waarde in '{field}': {first['msg']}.", record_id)

        return Accepted(number, provider)
