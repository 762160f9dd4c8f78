"""The FAGG pharmacy reader on the real list and on small broken files."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import skip_or_fail

from indexer.readers import reader_for
from indexer.readers.base import Accepted, ReadItem, Rejection, SourceReadError
from indexer.readers.fagg import FaggReader, pharmacy_display_name
from indexer.record import Provider, ProviderKind

FAGG_FILE = "last-pharmacies_afmps.json"


def split_items(items: Iterable[ReadItem]) -> tuple[list[Provider], list[Rejection]]:
    accepted: list[Provider] = []
    rejected: list[Rejection] = []
    for item in items:
        if isinstance(item, Accepted):
            accepted.append(item.provider)
        else:
            rejected.append(item)
    return accepted, rejected


def pharmacy(**changes: object) -> dict[str, object]:
    """Return one pharmacy object shaped like the FAGG list, with `changes` applied."""
    record: dict[str, object] = {
        "authorization_id": 123456,
        "name": "Familia",
        "textual_address": "Kerkstraat 42 B",
        "zipCode": 9000,
        "municipality": "Gent",
        "geo": [
            {"format": "epsg:3812", "x": 650000.0, "y": 690000.0},
            {"format": "epsg:4326", "latitude": 51.05, "longitude": 3.72},
        ],
        "authorization_holder": {"name": "PEETERS BVBA", "entreprise_number": "0401388176"},
        "status": "ACTIVE",
    }
    record.update(changes)
    return record


def write_json(path: Path, content: object) -> Path:
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def fagg_items(shared_data: Path) -> list[ReadItem]:
    path = shared_data / FAGG_FILE
    if not path.exists():
        skip_or_fail(f"{path} is missing")
    started = time.perf_counter()
    items = list(FaggReader().read(path))
    print(f"FAGG read: {len(items)} records in {time.perf_counter() - started:.2f} s")
    return items


def test_fagg_real_all_accounted(fagg_items: list[ReadItem]) -> None:
    accepted, rejected = split_items(fagg_items)

    assert len(accepted) + len(rejected) == 5026
    assert len(accepted) == 4717


def test_fagg_real_in_file_order(fagg_items: list[ReadItem]) -> None:
    numbers = [item.record_number for item in fagg_items]

    assert numbers == list(range(1, 5027))


def test_fagg_real_suspended_rejected(fagg_items: list[ReadItem]) -> None:
    _, rejected = split_items(fagg_items)
    codes = {rejection.code for rejection in rejected}

    assert len(rejected) == 309
    assert codes == {"pharmacy_not_active"}
    assert all("TEMPORARILY_SUSPENDED" in rejection.reason for rejection in rejected)


def test_fagg_real_locations_in_belgium(fagg_items: list[ReadItem]) -> None:
    accepted, _ = split_items(fagg_items)
    outside = [provider.id for provider in accepted if provider.location is None or not provider.location.is_in_belgium()]

    assert outside == []


def test_fagg_real_fields(fagg_items: list[ReadItem]) -> None:
    accepted, _ = split_items(fagg_items)
    ids = [provider.id for provider in accepted]

    assert len(set(ids)) == len(ids)
    assert all(provider_id.startswith("fagg-") for provider_id in ids)
    assert all(provider.kind is ProviderKind.ORGANIZATION for provider in accepted)
    assert all([profession.code for profession in provider.professions] == ["perspharmacist"] for provider in accepted)
    assert all([rubriek.code for rubriek in provider.rubrieken] == ["01.02"] for provider in accepted)
    assert all(provider.source == "fagg" for provider in accepted)


def test_fagg_real_gazetteer_fills(fagg_items: list[ReadItem]) -> None:
    accepted, _ = split_items(fagg_items)
    with_nis = [provider for provider in accepted if provider.address.nis_code]
    flemish = [provider for provider in accepted if provider.address.region == "Vlaams Gewest"]

    assert len(with_nis) / len(accepted) >= 0.99
    assert len(flemish) >= 2500


def test_fagg_real_names_read_well(fagg_items: list[ReadItem]) -> None:
    accepted, _ = split_items(fagg_items)
    legal_form_endings = [provider.name for provider in accepted if provider.name.lower().endswith((" bvba", " nv", " srl"))]

    assert legal_form_endings == []


def test_fagg_record_mapping(tmp_path: Path) -> None:
    path = write_json(tmp_path / "pharmacies.json", [pharmacy()])
    accepted, rejected = split_items(FaggReader().read(path))
    provider = accepted[0]

    assert rejected == []
    assert provider.id == "fagg-123456"
    assert provider.name == "Apotheek Familia"
    assert provider.organization == "Peeters"
    assert provider.address.street == "Kerkstraat"
    assert provider.address.number == "42 B"
    assert provider.address.postcode == "9000"
    assert provider.address.municipality == "Gent"
    assert provider.address.nis_code == "44021"
    assert provider.address.province == "Provincie Oost-Vlaanderen"
    assert provider.registry_ids.kbo_number == "0401388176"
    assert provider.location is not None and provider.location.lat == 51.05


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Familia", "Apotheek Familia"),
        ("Apotheek Peeters Bvba", "Apotheek Peeters"),
        ("Pharmacie Detrez Srl", "Pharmacie Detrez"),
        ("Multipharma Cv", "Apotheek Multipharma"),
        ("DE LINDE", "Apotheek De Linde"),
    ],
)
def test_fagg_display_name(name: str, shown: str) -> None:
    assert pharmacy_display_name(name) == shown


def test_fagg_missing_point_geocoded(tmp_path: Path) -> None:
    path = write_json(tmp_path / "pharmacies.json", [pharmacy(geo=[])])
    accepted, _ = split_items(FaggReader().read(path))

    assert accepted[0].location is not None
    assert accepted[0].location.is_in_belgium()


def test_fagg_point_outside_belgium(tmp_path: Path) -> None:
    geo = [{"format": "epsg:4326", "latitude": 48.85, "longitude": 2.35}]
    path = write_json(tmp_path / "pharmacies.json", [pharmacy(geo=geo)])
    _, rejected = split_items(FaggReader().read(path))

    assert rejected[0].code == "location_outside_belgium"
    assert "48.850000, 2.350000" in rejected[0].reason


def test_fagg_unknown_postcode_without_point(tmp_path: Path) -> None:
    path = write_json(tmp_path / "pharmacies.json", [pharmacy(geo=[], zipCode=9999)])
    _, rejected = split_items(FaggReader().read(path))

    assert rejected[0].code == "unknown_postcode"
    assert "9999" in rejected[0].reason


def test_fagg_unknown_postcode_with_point(tmp_path: Path) -> None:
    path = write_json(tmp_path / "pharmacies.json", [pharmacy(zipCode=9999)])
    accepted, rejected = split_items(FaggReader().read(path))

    assert rejected == []
    assert accepted[0].address.nis_code is None


def test_fagg_bad_records_rejected(tmp_path: Path) -> None:
    content = [pharmacy(), "not an object", pharmacy(authorization_id=None), pharmacy(authorization_id=7, name=" ")]
    path = write_json(tmp_path / "pharmacies.json", content)
    items = list(FaggReader().read(path))
    codes = [item.code for item in items if isinstance(item, Rejection)]

    assert len(items) == 4
    assert codes == ["invalid_record", "missing_id", "missing_name"]


def test_fagg_truncated_json(tmp_path: Path) -> None:
    path = tmp_path / "pharmacies.json"
    path.write_text(json.dumps([pharmacy(), pharmacy()])[:-40], encoding="utf-8")

    with pytest.raises(SourceReadError, match="ongeldige JSON op regel 1"):
        list(FaggReader().read(path))


def test_fagg_not_a_list(tmp_path: Path) -> None:
    path = write_json(tmp_path / "pharmacies.json", {"authorization_id": 1})

    with pytest.raises(SourceReadError, match="verwacht werd een JSON-lijst"):
        list(FaggReader().read(path))


def test_fagg_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "pharmacies.json"
    path.write_text("", encoding="utf-8")

    with pytest.raises(SourceReadError, match="bestand is leeg"):
        list(FaggReader().read(path))


def test_fagg_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceReadError, match="bestand niet gevonden"):
        list(FaggReader().read(tmp_path / "absent.json"))


def test_fagg_detected_by_reader_for(tmp_path: Path) -> None:
    path = write_json(tmp_path / "export.json", [pharmacy()])

    assert isinstance(reader_for(path), FaggReader)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Gent Sint-pieters", "Gent Sint-Pieters"), ("UPC KU LEUVEN", "UPC KU Leuven"), ("De Linde", "De Linde")],
)
def test_names_get_readable_case(raw, expected):
    from indexer.readers.cleaning import readable_case

    assert readable_case(raw) == expected
