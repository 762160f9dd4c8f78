"""Reader for the Eurostat GISCO hospital list of Belgium ("Healthcare services in Europe").

A comma-separated UTF-8 file with one row per hospital site: id, hospital_name, site_name,
lat, lon, street, house_number, postcode, city, cap_beds, emergency, facility_type,
public_private, tel, email, url and more. Names and addresses are mostly in capitals.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from analyzers.text import fold
from indexer import taxonomy
from indexer.readers import codes
from indexer.readers.base import Accepted, GazetteerBackedReader, ReadItem, Rejection
from indexer.readers.cleaning import readable_case, split_street_and_number, strip_legal_form, website_url
from indexer.readers.csvfiles import CsvRecord, read_table, records
from indexer.readers.files import head_text
from indexer.readers.geocoding import LocationProblem, locate, normalise_postcode
from indexer.readers.values import InvalidValue, parse_point
from indexer.record import Address, Provider, ProviderKind

SOURCE = "eurostat"
HOSPITAL_RUBRIEK = "01.03"

REQUIRED_COLUMNS = (
    "id",
    "hospital_name",
    "site_name",
    "lat",
    "lon",
    "street",
    "house_number",
    "postcode",
    "city",
    "facility_type",
    "tel",
    "url",
)


def hospital_name(hospital: str, site: str) -> str:
    """Join the hospital and site names, in readable case, without repeating the site."""
    hospital = strip_legal_form(readable_case(strip_legal_form(hospital)))
    site = readable_case(site)
    if not site or fold(site) in fold(hospital):
        return hospital
    if not hospital:
        return site
    return f"{hospital} - {site}"


def hospital_description(values: dict[str, str]) -> str | None:
    parts: list[str] = []
    if values.get("facility_type"):
        parts.append(values["facility_type"])
    if values.get("cap_beds", "0") not in ("", "0"):
        parts.append(f"{values['cap_beds']} bedden")
    if values.get("emergency") == "yes":
        parts.append("spoedgevallendienst")
    if not parts:
        return None
    return ", ".join(parts) + "."


class EurostatReader(GazetteerBackedReader):
    """Reads the Eurostat hospital CSV."""

    format_name = "eurostat-hospitals-csv"

    def can_read(self, path: Path) -> bool:
        header = head_text(path).split("\n", 1)[0].lower()
        return "hospital_name" in header and "site_name" in header

    def read(self, path: Path) -> Iterator[ReadItem]:
        table = read_table(path, REQUIRED_COLUMNS, "Eurostat hospital")
        for record in records(table):
            yield self._read_record(record)

    def _read_record(self, record: CsvRecord) -> ReadItem:
        values = record.values
        number = record.number

        if not values["id"]:
            return Rejection(SOURCE, number, codes.MISSING_ID, "Ziekenhuis zonder id.")
        record_id = f"eurostat-{values['id']}"

        name = hospital_name(values["hospital_name"], values["site_name"])
        if not name:
            return Rejection(SOURCE, number, codes.MISSING_NAME, "Ziekenhuis zonder naam.", record_id)

        try:
            point = parse_point(values["lat"], values["lon"])
        except InvalidValue as problem:
            return Rejection(SOURCE, number, problem.code, problem.reason, record_id)

        street, house_number = split_street_and_number(readable_case(values["street"]))
        address = Address(
            street=street,
            number=values["house_number"] or house_number,
            postcode=normalise_postcode(values["postcode"]),
            municipality=readable_case(values["city"]) or None,
        )
        located = locate(address, point, self.gazetteer)
        if isinstance(located, LocationProblem):
            return Rejection(SOURCE, number, located.code, located.reason, record_id)

        website = website_url(values["url"])
        organization = strip_legal_form(readable_case(values["hospital_name"]))
        try:
            provider = Provider(
                id=record_id,
                kind=ProviderKind.ORGANIZATION,
                name=name,
                organization=organization if organization and fold(organization) != fold(name) else None,
                description=hospital_description(values),
                rubrieken=[taxonomy.rubriek(HOSPITAL_RUBRIEK)],
                address=located.address,
                location=located.location,
                phones=[values["tel"]] if values["tel"] else [],
                emails=[values["email"]] if values.get("email") else [],
                websites=[website] if website else [],
                source=SOURCE,
                source_record=values["id"],
            )
        except ValidationError as error:
            return Rejection(SOURCE, number, codes.INVALID_RECORD, f"Ongeldig record: {error.errors()[0]['msg']}.", record_id)

        return Accepted(number, provider)
