"""Reader for pages of the sociale-kaart API (JSON).

A page is an object with the providers under "content" (current API) or under
"_embedded" → "healthOfferProviderRepresentationList" (older pages) and paging under
"page". The path may be one page, a JSON array of pages, or a folder of page files,
read in file-name order. Record numbers run on across pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from pydantic import ValidationError

from indexer import taxonomy
from indexer.readers import codes
from indexer.readers.base import Accepted, GazetteerBackedReader, ReadItem, Rejection, SourceReadError
from indexer.readers.cleaning import collapse_spaces, website_url
from indexer.readers.files import head_text, load_json
from indexer.readers.geocoding import LocationProblem, locate, normalise_postcode
from indexer.readers.values import InvalidValue
from indexer.record import Address, GeoPoint, Provider, ProviderKind, Rubriek

SOURCE = "sociale-kaart"

LEGACY_LIST_KEY = "healthOfferProviderRepresentationList"

KINDS = {
    "ORGANISATION": ProviderKind.ORGANIZATION,
    "ORGANIZATION": ProviderKind.ORGANIZATION,
    "PERSON": ProviderKind.PERSON,
    "SERVICE": ProviderKind.SERVICE,
    "HEALTH_OFFER": ProviderKind.SERVICE,
    "OFFER": ProviderKind.SERVICE,
}

JsonObject = Mapping[str, object]


def _object(value: object) -> JsonObject:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _description(value: object) -> str:
    """Return the text of a {"description": …} object, or of a plain string."""
    if isinstance(value, str):
        return collapse_spaces(value)
    text = _object(value).get("description")
    return collapse_spaces(text) if isinstance(text, str) else ""


def _values(items: object) -> list[str]:
    """Return the "value" of each contact item, primary ones first, without duplicates."""
    entries = [_object(item) for item in _list(items)]
    entries.sort(key=lambda entry: entry.get("primary") is not True)
    found: list[str] = []
    for entry in entries:
        value = entry.get("value")
        if isinstance(value, str) and value.strip() and value.strip() not in found:
            found.append(value.strip())
    return found


def page_records(page: object) -> list[object] | None:
    """Return the provider list of one page, or None when the object is no API page."""
    if not isinstance(page, Mapping):
        return None
    if "content" in page:
        return _list(page["content"])
    embedded = page.get("_embedded")
    if isinstance(embedded, Mapping) and LEGACY_LIST_KEY in embedded:
        return _list(embedded[LEGACY_LIST_KEY])
    if "page" in page:
        # A page past the last one has paging data but no list.
        return []
    return None


def _primary_address(record: JsonObject) -> JsonObject:
    addresses = [_object(item) for item in _list(record.get("addresses"))]
    for address in addresses:
        if address.get("primary") is True:
            return address
    for address in addresses:
        if address.get("type") == "Bezoekadres":
            return address
    return addresses[0] if addresses else {}


def _point(location: object) -> GeoPoint | None:
    """Return the point, or None when there is none; raise InvalidValue for a bad one."""
    fields = _object(location)
    latitude, longitude = fields.get("lat"), fields.get("lon")
    if latitude is None and longitude is None:
        return None

    invalid = InvalidValue(codes.INVALID_COORDINATES, f"Ongeldige coördinaten '{latitude}, {longitude}'.")
    if not isinstance(latitude, (int, float)) or not isinstance(longitude, (int, float)):
        raise invalid
    try:
        return GeoPoint(lat=float(latitude), lon=float(longitude))
    except ValidationError:
        raise invalid from None


def _rubrieken(activities: list[str]) -> list[Rubriek]:
    found: list[Rubriek] = []
    for activity in activities:
        match = taxonomy.rubriek_by_label(activity)
        if match is not None and match not in found:
            found.append(match)
    return found


class SocialeKaartApiReader(GazetteerBackedReader):
    """Reads sociale-kaart API pages (JSON)."""

    format_name = "sociale-kaart-api-json"

    def can_read(self, path: Path) -> bool:
        if path.is_dir():
            return any(self.can_read(child) for child in sorted(path.glob("*.json"))[:1])
        head = head_text(path)
        return '"content"' in head or LEGACY_LIST_KEY in head or '"authenticSource"' in head

    def read(self, path: Path) -> Iterator[ReadItem]:
        number = 0
        for page_path, page in self._pages(path):
            provider_records = page_records(page)
            if provider_records is None:
                raise SourceReadError(
                    str(page_path),
                    'verwacht werd een pagina van de sociale-kaart-API met "content" of "_embedded" → '
                    f'"{LEGACY_LIST_KEY}"; is dit een API-pagina?',
                )
            for record in provider_records:
                number += 1
                yield self._read_record(number, record)

    def _pages(self, path: Path) -> Iterator[tuple[Path, object]]:
        if path.is_dir():
            page_files = sorted(path.glob("*.json"))
            if not page_files:
                raise SourceReadError(str(path), "de map bevat geen *.json-paginabestanden; bewaar elke API-pagina als .json-bestand")
            for page_file in page_files:
                yield from self._pages(page_file)
            return

        content = load_json(path)
        if isinstance(content, list):
            for page in content:
                yield path, page
            return
        yield path, content

    def _read_record(self, number: int, value: object) -> ReadItem:
        if not isinstance(value, Mapping):
            return Rejection(SOURCE, number, codes.INVALID_RECORD, "Record is geen JSON-object.")
        record: JsonObject = value

        source_id = _object(record.get("id")).get("id")
        if not isinstance(source_id, str) or not source_id.strip():
            return Rejection(SOURCE, number, codes.MISSING_ID, "Record zonder id.id.")
        record_id = f"sk-{source_id.strip()}"

        state = str(record.get("state") or "")
        if state != "ACTIVE":
            return Rejection(
                SOURCE, number, codes.PROVIDER_NOT_ACTIVE,
                f"Aanbieder heeft status '{state or 'leeg'}' en is niet actief.", record_id,
            )

        name = _description(record.get("legalName")) or _description(record.get("name"))
        if not name:
            return Rejection(SOURCE, number, codes.MISSING_NAME, "Aanbieder zonder naam (legalName).", record_id)

        provider_type = str(record.get("type") or "")
        kind = KINDS.get(provider_type.upper())
        if kind is None:
            return Rejection(
                SOURCE, number, codes.INVALID_KIND,
                f"Onbekend type '{provider_type or 'leeg'}'; verwacht: ORGANISATION, PERSON of SERVICE.", record_id,
            )

        return self._provider(number, record, record_id, name, kind)

    def _provider(self, number: int, record: JsonObject, record_id: str, name: str, kind: ProviderKind) -> ReadItem:
        address_fields = _primary_address(record)
        try:
            point = _point(address_fields.get("location"))
        except InvalidValue as problem:
            return Rejection(SOURCE, number, problem.code, problem.reason, record_id)

        municipality = _object(address_fields.get("municipality"))
        address = Address(
            street=_description(_object(address_fields.get("street")).get("name")) or None,
            number=str(address_fields["number"]).strip() if address_fields.get("number") else None,
            postcode=normalise_postcode(str(municipality.get("postalCode") or "")),
            municipality=_description(municipality.get("name")) or None,
        )
        located = locate(address, point, self.gazetteer)
        if isinstance(located, LocationProblem):
            return Rejection(SOURCE, number, located.code, located.reason, record_id)

        activities = [text for item in _list(record.get("activities")) if (text := _description(_object(item).get("name")))]
        contact = _object(record.get("contactInfo"))
        websites = [url for value in _values(contact.get("websites")) if (url := website_url(value))]

        try:
            provider = Provider(
                id=record_id,
                kind=kind,
                name=name,
                description=_description(record.get("description")) or None,
                activities=activities,
                rubrieken=_rubrieken(activities),
                address=located.address,
                location=located.location,
                phones=_values(contact.get("phones")),
                emails=_values(contact.get("emails")),
                websites=websites,
                source=SOURCE,
                source_record=str(_object(record.get("id")).get("id")),
            )
        except ValidationError as error:
            return Rejection(SOURCE, number, codes.INVALID_RECORD, f"Ongeldig record: {error.errors()[0]['msg']}.", record_id)

        return Accepted(number, provider)
