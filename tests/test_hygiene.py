"""Belgian data hygiene after reading: phone notation and postcode–town agreement."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.gazetteer import default_gazetteer
from indexer.hygiene import clean_phones, clean_record
from indexer.phones import normalise_phone
from indexer.readers.base import Accepted
from indexer.readers.generic_csv import GenericCsvReader


@pytest.mark.parametrize(
    ("raw", "display", "e164"),
    [
        ("09 223 45 67", "09 223 45 67", "+3292234567"),
        ("09/223.45.67", "09 223 45 67", "+3292234567"),
        ("+32 (0)9 223 45 67", "09 223 45 67", "+3292234567"),
        ("0032 9 223 45 67", "09 223 45 67", "+3292234567"),
        ("0475/12.34.56", "0475 12 34 56", "+32475123456"),
        ("+32 475 12 34 56", "0475 12 34 56", "+32475123456"),
        ("02-555.12.34", "02 555 12 34", "+3225551234"),
        ("+33 1 42 68 53 00", "+33 1 42 68 53 00", "+33142685300"),
    ],
)
def test_phone_notations(raw: str, display: str, e164: str) -> None:
    phone = normalise_phone(raw)

    assert phone is not None
    assert phone.display == display
    assert phone.e164 == e164


def test_phone_duplicates_and_bad_numbers() -> None:
    phones, links, problems = clean_phones(["09 223 45 67", "09/223.45.67", "bel ons"])

    assert phones == ["09 223 45 67", "bel ons"]
    assert links == {"09 223 45 67": "+3292234567"}
    assert [code for code, _ in problems] == ["invalid_phone"]
    assert "bel ons" in problems[0][1]


def read_row(tmp_path: Path, postcode: str, municipality: str):
    path = tmp_path / "p.csv"
    path.write_text(f"id;kind;name;postcode;municipality\np-1;person;An;{postcode};{municipality}\n", encoding="utf-8")
    item = next(iter(GenericCsvReader().read(path)))
    assert isinstance(item, Accepted)
    return clean_record(item.provider, default_gazetteer())


def test_postcode_town_mismatch_warned(tmp_path: Path) -> None:
    cleaned = read_row(tmp_path, "9000", "Antwerpen")

    assert [code for code, _ in cleaned.problems] == ["postcode_municipality_mismatch"]
    assert "Antwerpen" in cleaned.problems[0][1]


@pytest.mark.parametrize(("postcode", "town"), [("9000", "Gent"), ("9032", "Wondelgem"), ("1000", "Bruxelles"), ("2018", "Antwerpen")])
def test_postcode_town_agreeing(tmp_path: Path, postcode: str, town: str) -> None:
    assert read_row(tmp_path, postcode, town).problems == []


def test_town_inside_merged_municipality_no_warning():
    from indexer.gazetteer import default_gazetteer
    from indexer.hygiene import postcode_town_mismatch
    from indexer.record import Address, Provider

    provider = Provider(
        id="x-1",
        kind="organization",
        name="Ziekenhuis",
        address=Address(postcode="9120", municipality="Beveren-Kruibeke-Zwijndrecht", locality="Beveren", nis_code="46030"),
        source="test",
    )

    assert postcode_town_mismatch(provider, default_gazetteer()) is None
