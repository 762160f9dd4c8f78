"""The HSDS 3.0 reader: JSON organizations and services, and the CSV data package."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from indexer.readers import reader_for
from indexer.readers.base import Accepted, Rejection
from indexer.readers.hsds import HsdsReader
from indexer.record import ProviderKind

ORGANIZATION = {
    "id": "org-1",
    "name": "CGG De Pont",
    "description": "Centrum voor geestelijke gezondheidszorg.",
    "email": "info@depont.example.be",
    "website": "www.depont.example.be",
    "organization_identifiers": [{"id": "oi-1", "identifier_scheme": "BE-KBO", "identifier_type": "KBO-nummer", "identifier": "0412.345.678"}],
    "phones": [{"id": "ph-org", "number": "015 20 30 40"}],
    "locations": [
        {
            "id": "loc-1",
            "location_type": "physical",
            "latitude": 51.0259,
            "longitude": 4.4776,
            "addresses": [{"id": "ad-1", "address_1": "Stationsstraat 5", "city": "Mechelen", "postal_code": "2800", "country": "BE", "address_type": "physical"}],
        },
        {
            "id": "loc-2",
            "location_type": "physical",
            "addresses": [{"id": "ad-2", "address_1": "Grote Markt 1", "city": "Lier", "postal_code": "2500", "country": "BE", "address_type": "physical"}],
        },
    ],
    "services": [
        {
            "id": "svc-1",
            "name": "CGG De Pont - volwassenen",
            "status": "active",
            "last_modified": "2025-02-15T10:00:00Z",
            "service_at_locations": [{"id": "sal-1", "location_id": "loc-1"}, {"id": "sal-2", "location_id": "loc-2"}],
            "schedules": [{"id": "sch-1", "freq": "WEEKLY", "byday": "MO,TU", "opens_at": "09:00", "closes_at": "17:00"}],
            "attributes": [
                {"id": "at-1", "taxonomy_term": {"id": "tt-1", "code": "02.01", "name": "CGG", "taxonomy": "rubriek"}},
                {"id": "at-2", "taxonomy_term": {"id": "tt-2", "name": "volwassenen", "taxonomy": "doelgroep"}},
            ],
        },
        {"id": "svc-2", "name": "Oude dienst", "status": "defunct"},
        {
            "id": "svc-3",
            "name": "Reiki-avonden",
            "status": "active",
            "attributes": [{"id": "at-3", "taxonomy_term": {"id": "tt-3", "name": "reikitherapeut", "taxonomy": "beroep"}}],
        },
    ],
}


def read(path: Path) -> tuple[list, list[Rejection]]:
    items = list(HsdsReader().read(path))
    return [item.provider for item in items if isinstance(item, Accepted)], [item for item in items if isinstance(item, Rejection)]


@pytest.fixture()
def organizations_json(tmp_path: Path) -> Path:
    path = tmp_path / "hsds.json"
    path.write_text(json.dumps([ORGANIZATION]), encoding="utf-8")
    return path


def test_hsds_json_detected(organizations_json: Path) -> None:
    assert isinstance(reader_for(organizations_json), HsdsReader)


def test_hsds_service_per_location(organizations_json: Path) -> None:
    providers, _ = read(organizations_json)
    by_id = {provider.id: provider for provider in providers}

    assert sorted(by_id) == ["hsds-svc-1-loc-1", "hsds-svc-1-loc-2", "hsds-svc-3"]
    first = by_id["hsds-svc-1-loc-1"]
    assert first.kind is ProviderKind.SERVICE
    assert first.organization == "CGG De Pont"
    assert first.address.street == "Stationsstraat"
    assert first.address.number == "5"
    assert first.location.lat == pytest.approx(51.0259)
    assert by_id["hsds-svc-1-loc-2"].address.municipality == "Lier"
    assert [rubriek.code for rubriek in first.rubrieken] == ["02.01"]
    assert first.doelgroepen == ["volwassenen"]
    assert first.phones == ["015 20 30 40"]
    assert first.websites == ["https://www.depont.example.be"]
    assert first.registry_ids.kbo_number == "0412.345.678"
    assert [(hours.weekday, hours.opens) for hours in first.opening_hours] == [(1, dt.time(9)), (2, dt.time(9))]
    assert first.updated_at == dt.date(2025, 2, 15)


def test_hsds_inactive_service_rejected(organizations_json: Path) -> None:
    _, rejections = read(organizations_json)

    assert [(rejection.record_id, rejection.code) for rejection in rejections] == [("hsds-svc-2", "provider_not_active")]


def test_hsds_unknown_profession_kept_for_policy(organizations_json: Path) -> None:
    providers, _ = read(organizations_json)
    reiki = next(provider for provider in providers if provider.id == "hsds-svc-3")

    assert reiki.unrecognised_professions == ["reikitherapeut"]


def test_hsds_service_list_and_page(tmp_path: Path) -> None:
    organization = {key: value for key, value in ORGANIZATION.items() if key != "services"}
    service = {**ORGANIZATION["services"][0], "organization": organization}
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"total_items": 1, "contents": [service]}), encoding="utf-8")

    providers, _ = read(path)

    assert [provider.id for provider in providers] == ["hsds-svc-1-loc-1", "hsds-svc-1-loc-2"]


def test_hsds_point_outside_belgium_rejected(tmp_path: Path) -> None:
    organization = {"id": "org-9", "name": "Praktijk Parijs", "locations": [{"id": "l", "latitude": "48,85", "longitude": "2,35", "addresses": []}]}
    path = tmp_path / "paris.json"
    path.write_text(json.dumps([organization]), encoding="utf-8")

    _, rejections = read(path)

    assert [rejection.code for rejection in rejections] == ["location_outside_belgium"]


def write_table(folder: Path, name: str, *lines: str) -> None:
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture()
def data_package(tmp_path: Path) -> Path:
    folder = tmp_path / "package"
    folder.mkdir()
    write_table(folder, "organizations.csv", "id,name,description,email,website", "org-1,CAW Antwerpen,Algemeen welzijnswerk.,info@caw.example.be,caw.example.be")
    write_table(folder, "services.csv", "id,organization_id,name,description,status,last_modified", "svc-1,org-1,Onthaal,Vrij onthaal,active,2025-01-10")
    write_table(folder, "locations.csv", "id,organization_id,location_type,latitude,longitude", "loc-1,org-1,physical,\"51,2108\",\"4,4078\"")
    write_table(folder, "addresses.csv", "id,location_id,address_1,city,postal_code,country,address_type", "ad-1,loc-1,Van Immerseelstraat 66,Antwerpen,2018,BE,physical")
    write_table(folder, "phones.csv", "id,location_id,service_id,organization_id,number", "ph-1,,svc-1,,03/456.78.90")
    write_table(folder, "service_at_locations.csv", "id,service_id,location_id", "sal-1,svc-1,loc-1")
    write_table(folder, "schedules.csv", "id,service_id,freq,byday,opens_at,closes_at", "sch-1,svc-1,WEEKLY,WE,13:00,16:30")
    write_table(folder, "taxonomy_terms.csv", "id,code,name,taxonomy", "tt-1,03.01,CAW,rubriek")
    write_table(folder, "attributes.csv", "id,link_id,taxonomy_term_id,link_entity", "at-1,svc-1,tt-1,service")
    return folder


def test_hsds_package_detected(data_package: Path) -> None:
    assert isinstance(reader_for(data_package), HsdsReader)


def test_hsds_package_mapping(data_package: Path) -> None:
    providers, rejections = read(data_package)
    provider = providers[0]

    assert rejections == []
    assert [item.id for item in providers] == ["hsds-svc-1"]
    assert provider.name == "Onthaal"
    assert provider.organization == "CAW Antwerpen"
    assert provider.location.lon == pytest.approx(4.4078)
    assert provider.address.postcode == "2018"
    assert provider.phones == ["03/456.78.90"]
    assert [rubriek.code for rubriek in provider.rubrieken] == ["03.01"]
    assert provider.opening_hours[0].weekday == 3
    assert provider.emails == ["info@caw.example.be"]


def test_hsds_folder_without_tables(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()

    assert HsdsReader().can_read(folder) is False
