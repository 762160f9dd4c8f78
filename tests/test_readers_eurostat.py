"""The Eurostat hospital reader on the real list and on small broken files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import skip_or_fail

from indexer.readers import reader_for
from indexer.readers.base import Accepted, ReadItem, Rejection, SourceReadError
from indexer.readers.cleaning import readable_case
from indexer.readers.eurostat import EurostatReader, hospital_name
from indexer.record import Provider, ProviderKind

EUROSTAT_FILE = "BE.csv"

HEADER = (
    "id,hospital_name,site_name,lat,lon,geo_qual,street,house_number,postcode,city,cc,country,"
    "cap_beds,cap_prac,cap_rooms,emergency,facility_type,public_private,list_specs,tel,email,url,ref_date,pub_date,comments"
)
ROW = (
    "1010,ALGEMEEN ZIEKENHUIS ST.-JAN BRUGGE-OOSTENDE,ST. JAN BRUGGE,51.2206661,3.1933863,-1,RUDDERSHOVE 10,,8000,BRUGGE,"
    "BE,Belgium,727,,,yes,Algemeen ziekenhuis,private,,050/45.21.11,,www.azsintjan.be,01/02/20,16/04/2020,"
)


def split_items(items: Iterable[ReadItem]) -> tuple[list[Provider], list[Rejection]]:
    accepted: list[Provider] = []
    rejected: list[Rejection] = []
    for item in items:
        if isinstance(item, Accepted):
            accepted.append(item.provider)
        else:
            rejected.append(item)
    return accepted, rejected


def write_csv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def row_with(**changes: str) -> str:
    """Return ROW with some cells replaced, by column name."""
    names = HEADER.split(",")
    cells = ROW.split(",")
    for name, value in changes.items():
        cells[names.index(name)] = value
    return ",".join(cells)


@pytest.fixture(scope="module")
def eurostat_items(shared_data: Path) -> list[ReadItem]:
    path = shared_data / EUROSTAT_FILE
    if not path.exists():
        skip_or_fail(f"{path} is missing")
    return list(EurostatReader().read(path))


def test_eurostat_real_all_accounted(eurostat_items: list[ReadItem]) -> None:
    accepted, rejected = split_items(eurostat_items)

    assert len(accepted) + len(rejected) == 272
    assert len(accepted) >= 265


def test_eurostat_real_fields(eurostat_items: list[ReadItem]) -> None:
    accepted, _ = split_items(eurostat_items)

    assert all(provider.id.startswith("eurostat-") for provider in accepted)
    assert all(provider.kind is ProviderKind.ORGANIZATION for provider in accepted)
    assert all([rubriek.code for rubriek in provider.rubrieken] == ["01.03"] for provider in accepted)
    assert all(provider.source == "eurostat" for provider in accepted)
    assert all(provider.location is not None and provider.location.is_in_belgium() for provider in accepted)


def test_eurostat_real_no_all_caps_names(eurostat_items: list[ReadItem]) -> None:
    accepted, _ = split_items(eurostat_items)
    shouting = [provider.name for provider in accepted if provider.name.isupper()]

    assert shouting == []


def test_eurostat_record_mapping(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "BE.csv", HEADER, ROW)
    accepted, rejected = split_items(EurostatReader().read(path))
    provider = accepted[0]

    assert rejected == []
    assert provider.id == "eurostat-1010"
    assert provider.name == "Algemeen Ziekenhuis St.-Jan Brugge-Oostende - St. Jan Brugge"
    assert provider.address.street == "Ruddershove"
    assert provider.address.number == "10"
    assert provider.address.municipality == "Brugge"
    assert provider.phones == ["050/45.21.11"]
    assert provider.websites == ["https://www.azsintjan.be"]
    assert provider.description is not None and "Algemeen ziekenhuis" in provider.description


@pytest.mark.parametrize(
    ("hospital", "site", "expected"),
    [
        ("AZ GROENINGE", "", "AZ Groeninge"),
        ("AZ GROENINGE", "KENNEDYLAAN", "AZ Groeninge - Kennedylaan"),
        ("JAN YPERMAN ZIEKENHUIS Vzw", "POPERINGE", "Jan Yperman Ziekenhuis - Poperinge"),
        ("AZ ZENO", "AZ ZENO", "AZ Zeno"),
    ],
)
def test_eurostat_hospital_name(hospital: str, site: str, expected: str) -> None:
    assert hospital_name(hospital, site) == expected


def test_readable_case_leaves_mixed_case() -> None:
    assert readable_case("Clinique Saint-Pierre") == "Clinique Saint-Pierre"


def test_eurostat_missing_point_geocoded(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "BE.csv", HEADER, row_with(lat="", lon=""))
    accepted, _ = split_items(EurostatReader().read(path))

    assert accepted[0].location is not None
    assert accepted[0].address.nis_code == "31005"


def test_eurostat_bad_coordinates(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "BE.csv", HEADER, row_with(lat="north", lon="3.19"))
    _, rejected = split_items(EurostatReader().read(path))

    assert rejected[0].code == "invalid_coordinates"
    assert "north" in rejected[0].reason


def test_eurostat_point_outside_belgium(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "BE.csv", HEADER, row_with(lat="52.37", lon="4.89"))
    _, rejected = split_items(EurostatReader().read(path))

    assert rejected[0].code == "location_outside_belgium"


def test_eurostat_wrong_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "BE.csv", "id,hospital_name,site_name,latitude,longitude", "1,A,B,51,4")

    with pytest.raises(SourceReadError, match="verplichte kolom\\(men\\) ontbreken: lat, lon"):
        list(EurostatReader().read(path))


def test_eurostat_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "BE.csv"
    path.write_bytes((HEADER + "\n" + row_with(city="LIÈGE") + "\n").encode("cp1252"))

    with pytest.raises(SourceReadError, match="geen geldige UTF-8"):
        list(EurostatReader().read(path))


def test_eurostat_bom_accepted(tmp_path: Path) -> None:
    path = tmp_path / "BE.csv"
    path.write_bytes(("\ufeff" + HEADER + "\n" + ROW + "\n").encode("utf-8"))
    accepted, _ = split_items(EurostatReader().read(path))

    assert len(accepted) == 1


def test_eurostat_empty_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "BE.csv", "")

    with pytest.raises(SourceReadError, match="bestand is leeg"):
        list(EurostatReader().read(path))


def test_eurostat_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceReadError, match="bestand niet gevonden"):
        list(EurostatReader().read(tmp_path / "absent.csv"))


def test_eurostat_detected_by_reader_for(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "hospitals.csv", HEADER, ROW)

    assert isinstance(reader_for(path), EurostatReader)
