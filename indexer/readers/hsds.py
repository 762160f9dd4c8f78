"""Reader for Open Referral HSDS 3.0 data: JSON, or a CSV data package folder.

JSON may be a list of organizations (with nested `services` and `locations`), a list
of services (each with a nested `organization`), one organization, or an API page
with the list under `contents`. A CSV data package is a folder with
organizations.csv, services.csv, locations.csv and related tables
(`indexer/readers/hsds_package.py`). docs/hsds-mapping.md gives the field mapping.

Each active service becomes one provider per location it is offered at; an
organization without services becomes one provider per physical location.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path

from pydantic import ValidationError

from indexer.readers import codes
from indexer.readers.base import Accepted, GazetteerBackedReader, ReadItem, Rejection, SourceReadError
from indexer.readers.cleaning import collapse_spaces, split_street_and_number, website_url
from indexer.readers.files import head_text, load_json
from indexer.readers.geocoding import LocationProblem, locate, normalise_postcode
from indexer.readers.hsds_package import is_data_package, read_data_package
from indexer.readers.hsds_terms import classify_terms
from indexer.readers.values import InvalidValue, parse_number
from indexer.record import Address, GeoPoint, OpeningHours, Provider, ProviderKind, RegistryIds

SOURCE = "hsds"

JsonObject = Mapping[str, object]

# Keys that only HSDS 3 objects have, to recognise a JSON file by its first bytes.
_MARKERS = ('"service_at_locations"', '"organization_identifiers"', '"location_type"', '"total_items"')

# iCalendar weekday codes of HSDS schedules, Monday = 1.
_BYDAY = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}

# Statuses of a service that mean it is listed.
_ACTIVE = {"", "active"}


def _object(value: object) -> JsonObject:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> list[JsonObject]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _text(record: JsonObject, key: str) -> str:
    value = record.get(key)
    return collapse_spaces(str(value)) if value not in (None, "") else ""


def organizations_of(content: object, path: Path) -> list[JsonObject]:
    """Return the organizations of any supported JSON shape, each with its services."""
    if isinstance(content, Mapping) and "contents" in content:
        content = content["contents"]
    if isinstance(content, Mapping):
        content = [content]
    if not isinstance(content, list):
        raise SourceReadError(str(path), "verwacht werden HSDS-organisaties of -diensten (een JSON-object of -lijst)")

    items = _list(content)
    if items and all("organization" in item or "service_at_locations" in item for item in items):
        return _organizations_from_services(items)
    return items


def _organizations_from_services(services: list[JsonObject]) -> list[JsonObject]:
    grouped: dict[str, dict[str, object]] = {}
    for service in services:
        organization = _object(service.get("organization"))
        key = _text(organization, "id") or _text(service, "organization_id")
        entry = grouped.setdefault(key, {**organization, "services": []})
        entry["services"].append(service)  # type: ignore[union-attr]
    return list(grouped.values())


def _point(location: JsonObject) -> GeoPoint | None:
    latitude, longitude = location.get("latitude"), location.get("longitude")
    if latitude in (None, "") and longitude in (None, ""):
        return None
    try:
        return GeoPoint(lat=parse_number(str(latitude)), lon=parse_number(str(longitude)))
    except (ValueError, ValidationError):
        raise InvalidValue(codes.INVALID_COORDINATES, f"Ongeldige coördinaten '{latitude}, {longitude}'.") from None


def _physical_address(location: JsonObject) -> JsonObject:
    addresses = _list(location.get("addresses"))
    for address in addresses:
        if _text(address, "address_type") in ("", "physical"):
            return address
    return addresses[0] if addresses else {}


def _address(location: JsonObject) -> Address:
    fields = _physical_address(location)
    street, number = split_street_and_number(_text(fields, "address_1"))
    return Address(
        street=street,
        number=number,
        postcode=normalise_postcode(_text(fields, "postal_code")),
        municipality=_text(fields, "city") or None,
    )


def _time(value: str) -> dt.time | None:
    # HSDS times may carry a zone ("09:00+01:00", "09:00Z"); the fiche shows local time.
    bare = value.strip()[:5]
    try:
        return dt.time.fromisoformat(bare)
    except ValueError:
        return None


def opening_hours(schedules: list[JsonObject]) -> list[OpeningHours]:
    """Return the weekly opening periods of HSDS schedules (freq WEEKLY, byday, opens_at,
    closes_at); other schedules are skipped, because the fiche has no place for them."""
    hours: list[OpeningHours] = []
    for schedule in schedules:
        if _text(schedule, "freq").upper() not in ("", "WEEKLY"):
            continue
        opens, closes = _time(_text(schedule, "opens_at")), _time(_text(schedule, "closes_at"))
        if opens is None or closes is None or closes <= opens:
            continue
        for day in _text(schedule, "byday").upper().split(","):
            weekday = _BYDAY.get(day.strip())
            if weekday is not None:
                hours.append(OpeningHours(weekday=weekday, opens=opens, closes=closes))
    return hours


def _phones(*owners: JsonObject) -> list[str]:
    found: list[str] = []
    for owner in owners:
        for phone in _list(owner.get("phones")):
            number = _text(phone, "number")
            if number and number not in found:
                found.append(number)
    return found


def _registry_ids(organization: JsonObject) -> RegistryIds:
    kbo = None
    for identifier in _list(organization.get("organization_identifiers")):
        kind = f"{_text(identifier, 'identifier_scheme')} {_text(identifier, 'identifier_type')}".upper()
        if "KBO" in kind or "BCE" in kind or "CBE" in kind:
            kbo = _text(identifier, "identifier")
    return RegistryIds(kbo_number=kbo)


def _updated_at(*records: JsonObject) -> dt.date | None:
    for record in records:
        for key in ("last_modified", "assured_date"):
            value = _text(record, key)
            if value:
                try:
                    return dt.date.fromisoformat(value[:10])
                except ValueError:
                    continue
    return None


class HsdsReader(GazetteerBackedReader):
    """Reads HSDS 3.0 JSON files and CSV data packages."""

    format_name = "hsds-3"

    def can_read(self, path: Path) -> bool:
        if path.is_dir():
            return is_data_package(path)
        head = head_text(path)
        return head.lstrip()[:1] in ("[", "{") and any(marker in head for marker in _MARKERS)

    def read(self, path: Path) -> Iterator[ReadItem]:
        organizations = read_data_package(path) if path.is_dir() else organizations_of(load_json(path), path)
        for number, organization in enumerate(organizations, start=1):
            yield from self._read_organization(number, organization)

    def _read_organization(self, number: int, organization: JsonObject) -> Iterator[ReadItem]:
        locations = {_text(location, "id"): location for location in _list(organization.get("locations"))}
        services = _list(organization.get("services"))
        if not services:
            yield from self._organization_places(number, organization, list(locations.values()))
            return

        for service in services:
            yield from self._service_places(number, organization, service, locations)

    def _organization_places(self, number: int, organization: JsonObject, locations: list[JsonObject]) -> Iterator[ReadItem]:
        physical = [location for location in locations if _text(location, "location_type") in ("", "physical")]
        base_id = f"hsds-{_text(organization, 'id')}"
        for location in physical or [{}]:
            record_id = base_id if len(physical) <= 1 else f"{base_id}-{_text(location, 'id')}"
            yield self._provider(number, record_id, ProviderKind.ORGANIZATION, organization, {}, location, {})

    def _service_places(
        self, number: int, organization: JsonObject, service: JsonObject, locations: dict[str, JsonObject]
    ) -> Iterator[ReadItem]:
        base_id = f"hsds-{_text(service, 'id')}"
        status = _text(service, "status").lower()
        if status not in _ACTIVE:
            yield Rejection(SOURCE, number, codes.PROVIDER_NOT_ACTIVE, f"Dienst heeft status '{status}' en is niet actief.", base_id)
            return

        links = _list(service.get("service_at_locations"))
        if not links:
            # Without a link the service is offered at the organization's first location.
            first = next(iter(locations.values()), {})
            yield self._provider(number, base_id, ProviderKind.SERVICE, organization, service, first, {})
            return

        for link in links:
            location = _object(link.get("location")) or locations.get(_text(link, "location_id"), {})
            record_id = base_id if len(links) == 1 else f"{base_id}-{_text(location, 'id') or _text(link, 'id')}"
            yield self._provider(number, record_id, ProviderKind.SERVICE, organization, service, location, link)

    def _provider(
        self,
        number: int,
        record_id: str,
        kind: ProviderKind,
        organization: JsonObject,
        service: JsonObject,
        location: JsonObject,
        link: JsonObject,
    ) -> ReadItem:
        if record_id in ("hsds-", "hsds--"):
            return Rejection(SOURCE, number, codes.MISSING_ID, "HSDS-record zonder id.")

        name = _text(service, "name") or _text(organization, "name")
        if not name:
            return Rejection(SOURCE, number, codes.MISSING_NAME, "HSDS-record zonder naam.", record_id)

        try:
            point = _point(location)
        except InvalidValue as problem:
            return Rejection(SOURCE, number, problem.code, problem.reason, record_id)

        located = locate(_address(location), point, self.gazetteer)
        if isinstance(located, LocationProblem):
            return Rejection(SOURCE, number, located.code, located.reason, record_id)

        terms = classify_terms(_list(service.get("attributes")) + _list(organization.get("attributes")))
        organization_name = _text(organization, "name")
        websites = [url for value in (_text(service, "url"), _text(organization, "website")) if (url := website_url(value))]
        emails = [email for email in dict.fromkeys((_text(service, "email"), _text(organization, "email"))) if email]
        schedules = _list(link.get("schedules")) or _list(service.get("schedules")) or _list(location.get("schedules"))

        try:
            provider = Provider(
                id=record_id,
                kind=kind,
                name=name,
                organization=organization_name if organization_name and organization_name != name else None,
                description=_text(service, "description") or _text(organization, "description") or None,
                professions=terms.professions,
                rubrieken=terms.rubrieken,
                doelgroepen=terms.doelgroepen,
                unrecognised_professions=terms.unknown_professions,
                address=located.address,
                location=located.location,
                phones=_phones(link, service, location, organization),
                emails=emails,
                websites=list(dict.fromkeys(websites)),
                opening_hours=opening_hours(schedules),
                registry_ids=_registry_ids(organization),
                source=SOURCE,
                source_record=_text(service, "id") or _text(organization, "id"),
                updated_at=_updated_at(service, organization),
            )
        except ValidationError as error:
            return Rejection(SOURCE, number, codes.INVALID_RECORD, f"Ongeldig record: {error.errors()[0]['msg']}.", record_id)

        return Accepted(number, provider)
