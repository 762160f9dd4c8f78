"""Reader for the FAGG/AFMPS pharmacy list: a JSON array with one object per pharmacy.

Each object has authorization_id, name, textual_address ("Kerkstraat 42 "), zipCode (a
number), municipality, geo (a list with a Lambert 2008 and a WGS84 "epsg:4326" entry),
authorization_holder {name, entreprise_number} and status. Only ACTIVE pharmacies are
listed; every other status becomes a rejection.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from pydantic import ValidationError

from analyzers.text import fold
from indexer import taxonomy
from indexer.readers import codes
from indexer.readers.base import Accepted, GazetteerBackedReader, ReadItem, Rejection, SourceReadError
from indexer.readers.cleaning import (
    capitalise_place,
    collapse_spaces,
    folded_contains,
    readable_case,
    split_street_and_number,
    strip_legal_form,
)
from indexer.readers.files import head_text, load_json
from indexer.readers.geocoding import LocationProblem, locate, normalise_postcode
from indexer.record import Address, GeoPoint, Provider, ProviderKind, RegistryIds

SOURCE = "fagg"
PHARMACIST = "perspharmacist"
PHARMACY_RUBRIEK = "01.02"

# Name parts that already tell the reader it is a pharmacy (Dutch, French, German).
_PHARMACY_WORDS = ("apothe", "pharmac")


def pharmacy_display_name(name: str) -> str:
    """Return a name that reads well in a result list: "Familia" -> "Apotheek Familia",
    "Apotheek Peeters Bvba" -> "Apotheek Peeters"."""
    bare = strip_legal_form(readable_case(name))
    if folded_contains(bare, _PHARMACY_WORDS):
        return bare
    return f"Apotheek {bare}"


def _wgs84_point(geo: object) -> GeoPoint | None:
    if not isinstance(geo, list):
        return None

    for entry in geo:
        if not isinstance(entry, Mapping) or entry.get("format") != "epsg:4326":
            continue
        latitude = entry.get("latitude")
        longitude = entry.get("longitude")
        if isinstance(latitude, (int, float)) and isinstance(longitude, (int, float)):
            return GeoPoint(lat=float(latitude), lon=float(longitude))
    return None


def _text(record: Mapping[str, object], key: str) -> str:
    value = record.get(key)
    return collapse_spaces(str(value)) if value is not None else ""


class FaggReader(GazetteerBackedReader):
    """Reads the FAGG pharmacy list (JSON)."""

    format_name = "fagg-pharmacies-json"

    def can_read(self, path: Path) -> bool:
        head = head_text(path).lstrip()
        return head.startswith("[") and '"authorization_id"' in head

    def read(self, path: Path) -> Iterator[ReadItem]:
        records = load_json(path)
        if not isinstance(records, list):
            raise SourceReadError(str(path), "verwacht werd een JSON-lijst van apotheken; is dit de FAGG-lijst?")

        for number, record in enumerate(records, start=1):
            yield self._read_record(number, record)

    def _read_record(self, number: int, record: object) -> ReadItem:
        if not isinstance(record, Mapping):
            return Rejection(SOURCE, number, codes.INVALID_RECORD, "Record is geen JSON-object.")

        authorization_id = _text(record, "authorization_id")
        if not authorization_id:
            return Rejection(SOURCE, number, codes.MISSING_ID, "Record zonder authorization_id.")
        record_id = f"fagg-{authorization_id}"

        status = _text(record, "status")
        if status != "ACTIVE":
            return Rejection(
                SOURCE,
                number,
                codes.PHARMACY_NOT_ACTIVE,
                f"Apotheek heeft status '{status or 'leeg'}' en is niet actief.",
                record_id,
                # Counted under apotheker in the coverage report.
                professions=(PHARMACIST,),
            )

        name = _text(record, "name")
        if not name:
            return Rejection(SOURCE, number, codes.MISSING_NAME, "Apotheek zonder naam.", record_id)

        street, house_number = split_street_and_number(_text(record, "textual_address"))
        town = _text(record, "municipality")
        address = Address(
            street=street,
            number=house_number,
            postcode=normalise_postcode(_text(record, "zipCode")),
            municipality=capitalise_place(town) if town else None,
        )
        located = locate(address, _wgs84_point(record.get("geo")), self.gazetteer)
        if isinstance(located, LocationProblem):
            return Rejection(SOURCE, number, located.code, located.reason, record_id)

        holder = record.get("authorization_holder")
        holder = holder if isinstance(holder, Mapping) else {}
        holder_name = strip_legal_form(readable_case(_text(holder, "name"))) or None
        display_name = pharmacy_display_name(name)

        try:
            provider = Provider(
                id=record_id,
                kind=ProviderKind.ORGANIZATION,
                name=display_name,
                organization=holder_name if holder_name and fold(holder_name) != fold(display_name) else None,
                professions=[taxonomy.profession(PHARMACIST)],
                rubrieken=[taxonomy.rubriek(PHARMACY_RUBRIEK)],
                address=located.address,
                location=located.location,
                registry_ids=RegistryIds(kbo_number=_text(holder, "entreprise_number") or None),
                source=SOURCE,
                source_record=authorization_id,
            )
        except ValidationError as error:
            return Rejection(SOURCE, number, codes.INVALID_RECORD, f"Ongeldig record: {error.errors()[0]['msg']}.", record_id)

        return Accepted(number, provider)
