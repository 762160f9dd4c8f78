"""The generic provider CSV reader on small files written for each case, and format detection."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT
from indexer.readers import SUPPORTED_FORMATS, reader_for
from indexer.readers.base import Accepted, ReadItem, Rejection, SourceReadError
from indexer.readers.generic_csv import COLUMNS, GenericCsvReader
from indexer.record import Provider, ProviderKind

HEADER = "id;kind;name;professions;rubrieken;doelgroepen;street;number;postcode;municipality;lat;lon;websites;opening_hours;updated_at;source"
GOOD_ROW = "p-1;person;An Peeters;persclinicalpsychologist;;volwassenen|ouderen;Kerkstraat;12;9000;Gent;51,0536;3,7250;www.example.be;ma 09:00-12:00,13:00-17:00|do 14:00-19:00;2025-03-01;partnerx"


def split_items(items: Iterable[ReadItem]) -> tuple[list[Provider], list[Rejection]]:
    accepted: list[Provider] = []
    rejected: list[Rejection] = []
    for item in items:
        if isinstance(item, Accepted):
            accepted.append(item.provider)
        else:
            rejected.append(item)
    return accepted, rejected


def write_csv(path: Path, *lines: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def row_with(**changes: str) -> str:
    """Return GOOD_ROW with some cells replaced, by column name."""
    names = HEADER.split(";")
    cells = GOOD_ROW.split(";")
    for name, value in changes.items():
        cells[names.index(name)] = value
    return ";".join(cells)


def read_one(tmp_path: Path, row: str) -> ReadItem:
    path = write_csv(tmp_path / "partner.csv", HEADER, row)
    items = list(GenericCsvReader().read(path))
    assert len(items) == 1
    return items[0]


def rejection_of(tmp_path: Path, row: str) -> Rejection:
    item = read_one(tmp_path, row)
    assert isinstance(item, Rejection)
    return item


def test_csv_record_mapping(tmp_path: Path) -> None:
    item = read_one(tmp_path, GOOD_ROW)
    assert isinstance(item, Accepted)
    provider = item.provider

    assert provider.id == "p-1"
    assert provider.kind is ProviderKind.PERSON
    assert [profession.code for profession in provider.professions] == ["persclinicalpsychologist"]
    assert [rubriek.code for rubriek in provider.rubrieken] == ["02.02"]
    assert provider.doelgroepen == ["volwassenen", "ouderen"]
    assert provider.location is not None and provider.location.lat == pytest.approx(51.0536)
    assert provider.address.nis_code == "44021"
    assert provider.websites == ["https://www.example.be"]
    assert len(provider.opening_hours) == 3
    assert provider.opening_hours[1].opens == dt.time(13, 0)
    assert provider.updated_at == dt.date(2025, 3, 1)
    assert provider.source == "partnerx"


def test_csv_comma_separator(tmp_path: Path) -> None:
    header = "id,kind,name,postcode,lat,lon"
    path = write_csv(tmp_path / "partner.csv", header, "c-1,organization,CAW Test,2000,51.2,4.4")
    accepted, rejected = split_items(GenericCsvReader().read(path))

    assert rejected == []
    assert accepted[0].address.municipality == "Antwerpen"


def test_csv_quoted_separator(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "partner.csv", "id,kind,name,postcode", 'c-1,organization,"Peeters, Janssens & co",2000')
    accepted, _ = split_items(GenericCsvReader().read(path))

    assert accepted[0].name == "Peeters, Janssens & co"


def test_csv_bom_accepted(tmp_path: Path) -> None:
    path = tmp_path / "partner.csv"
    path.write_bytes(("\ufeff" + HEADER + "\n" + GOOD_ROW + "\n").encode("utf-8"))
    reader = GenericCsvReader()
    accepted, _ = split_items(reader.read(path))

    assert len(accepted) == 1
    assert reader.warnings == []


def test_csv_cp1252_read_with_warning(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "partner.csv", HEADER, row_with(name="Diëtiste Hélène Maës"), encoding="cp1252")
    reader = GenericCsvReader()
    accepted, _ = split_items(reader.read(path))

    assert accepted[0].name == "Diëtiste Hélène Maës"
    assert len(reader.warnings) == 1
    assert "Windows-1252" in reader.warnings[0]


def test_csv_missing_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "partner.csv", "id;naam;postcode", "1;X;9000")

    with pytest.raises(SourceReadError, match="verplichte kolom\\(men\\) ontbreken: kind, name"):
        list(GenericCsvReader().read(path))


def test_csv_unknown_column_warned(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "partner.csv", "id;kind;name;postcode;beroep", "1;person;X;9000;tandarts")
    reader = GenericCsvReader()
    list(reader.read(path))

    assert any("beroep" in warning for warning in reader.warnings)


def test_csv_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "partner.csv"
    path.write_text("", encoding="utf-8")

    with pytest.raises(SourceReadError, match="bestand is leeg"):
        list(GenericCsvReader().read(path))


def test_csv_header_only(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "partner.csv", HEADER)

    assert list(GenericCsvReader().read(path)) == []


def test_csv_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceReadError, match="bestand niet gevonden"):
        list(GenericCsvReader().read(tmp_path / "absent.csv"))


@pytest.mark.parametrize(
    ("changes", "code", "named_value"),
    [
        ({"id": ""}, "missing_id", None),
        ({"name": ""}, "missing_name", None),
        ({"kind": "robot"}, "invalid_kind", "robot"),
        ({"rubrieken": "99.99"}, "unknown_rubriek", "99.99"),
        ({"lat": "abc"}, "invalid_coordinates", "abc"),
        ({"lon": ""}, "invalid_coordinates", "51,0536"),
        ({"lat": "95", "lon": "3.7"}, "invalid_coordinates", "95"),
        ({"lat": "48.85", "lon": "2.35"}, "location_outside_belgium", "48.850000"),
        ({"lat": "", "lon": "", "postcode": "9999"}, "unknown_postcode", "9999"),
        ({"lat": "", "lon": "", "postcode": ""}, "missing_location", None),
        ({"updated_at": "01/03/2025"}, "invalid_date", "01/03/2025"),
        ({"opening_hours": "maandag 9-12"}, "invalid_opening_hours", "maandag 9-12"),
        ({"opening_hours": "ma 12:00-09:00"}, "invalid_opening_hours", "ma 12:00-09:00"),
        ({"opening_hours": "xx 09:00-12:00"}, "invalid_opening_hours", "xx 09:00-12:00"),
        ({"name": "x" * 301}, "invalid_record", "name"),
    ],
)
def test_csv_bad_value_rejected(tmp_path: Path, changes: dict[str, str], code: str, named_value: str | None) -> None:
    rejection = rejection_of(tmp_path, row_with(**changes))

    assert rejection.code == code
    assert rejection.reason
    if named_value is not None:
        assert named_value in rejection.reason


def test_csv_unknown_profession_kept(tmp_path: Path) -> None:
    # The scope policy, not the reader, rejects these: it distinguishes an alternative treatment
    # (reikitherapeut) from an unknown profession.
    item = read_one(tmp_path, row_with(professions="huisarts|reikitherapeut"))
    assert isinstance(item, Accepted)

    assert [profession.code for profession in item.provider.professions] == ["persgeneralphysician"]
    assert item.provider.unrecognised_professions == ["reikitherapeut"]


def test_csv_profession_label_accepted(tmp_path: Path) -> None:
    item = read_one(tmp_path, row_with(professions="Diëtisten|tandarts"))
    assert isinstance(item, Accepted)

    assert [profession.code for profession in item.provider.professions] == ["persdietician", "persdentist"]


def test_csv_unknown_postcode_with_point(tmp_path: Path) -> None:
    item = read_one(tmp_path, row_with(postcode="9999"))

    assert isinstance(item, Accepted)
    assert item.provider.address.nis_code is None


def test_csv_duplicate_id_rejected(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "partner.csv", HEADER, GOOD_ROW, "", GOOD_ROW, row_with(id="p-2"))
    items = list(GenericCsvReader().read(path))

    assert [type(item).__name__ for item in items] == ["Accepted", "Rejection", "Accepted"]
    assert isinstance(items[1], Rejection)
    assert items[1].code == "duplicate_id"
    assert items[1].record_number == 2
    assert "p-1" in items[1].reason


def test_csv_too_many_cells(tmp_path: Path) -> None:
    rejection = rejection_of(tmp_path, GOOD_ROW + ";extra")

    assert rejection.code == "invalid_record"
    assert "17" in rejection.reason


def test_csv_docs_example_reads(tmp_path: Path) -> None:
    # The example in the format description must stay a valid file.
    docs = (PROJECT_ROOT / "docs" / "csv-format.md").read_text(encoding="utf-8")
    example = re.search(r"```csv\n(.*?)```", docs, re.DOTALL)
    assert example is not None
    path = tmp_path / "example.csv"
    path.write_text(example.group(1), encoding="utf-8")
    accepted, rejected = split_items(GenericCsvReader().read(path))

    assert rejected == []
    assert len(accepted) == 2


def test_csv_docs_list_every_column() -> None:
    docs = (PROJECT_ROOT / "docs" / "csv-format.md").read_text(encoding="utf-8")
    undocumented = [column for column in COLUMNS if f"`{column}`" not in docs]

    assert undocumented == []


def test_csv_detected_by_reader_for(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "partner.csv", HEADER, GOOD_ROW)

    assert isinstance(reader_for(path), GenericCsvReader)


def test_reader_for_unknown_format(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "other.csv", "a;b;c", "1;2;3")

    with pytest.raises(SourceReadError, match="onbekend bronformaat") as raised:
        reader_for(path)

    assert all(fmt in str(raised.value) for fmt in SUPPORTED_FORMATS)


def test_reader_for_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceReadError, match="bestand niet gevonden"):
        reader_for(tmp_path / "absent.csv")
