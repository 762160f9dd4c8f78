"""The gazetteer against the reference postcode list (bpost localities joined with Statbel)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from analyzers.text import tokenize
from indexer.gazetteer import Place, default_gazetteer, distance_km

REFERENCE_FILE = "be_postcode_gazetteer.csv"


@pytest.fixture(scope="module")
def reference_rows(shared_data: Path) -> dict[str, list[dict[str, str]]]:
    """Reference rows by postcode; a row with "2870,2890" counts for both codes."""
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (shared_data / REFERENCE_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for postcode in row["postal_codes"].split(","):
                rows[postcode.strip()].append(row)
    return dict(rows)


def test_gazetteer_counts() -> None:
    gazetteer = default_gazetteer()
    print(f"gazetteer: {len(gazetteer.postcodes())} postcodes, {len(gazetteer.municipalities())} municipalities")

    assert len(gazetteer.municipalities()) == 565
    assert len(gazetteer.postcodes()) >= 1140
    assert len(gazetteer.places()) == len(gazetteer.postcodes()) + len(gazetteer.municipalities())


def test_gazetteer_is_cached() -> None:
    assert default_gazetteer() is default_gazetteer()


@pytest.mark.parametrize(
    ("postcode", "municipality"),
    [("9000", "Gent"), ("2000", "Antwerpen"), ("1000", "Brussel"), ("3000", "Leuven"), ("8500", "Kortrijk")],
)
def test_postcode_known_cities(postcode: str, municipality: str) -> None:
    place = default_gazetteer().by_postcode(postcode)

    assert place is not None
    assert place.kind == "postcode"
    assert place.postcode == postcode
    assert place.name == municipality
    assert place.municipality_nl == municipality


@pytest.mark.parametrize("text", ["B-9000", "b9000", " 9000 "])
def test_postcode_prefixed_forms(text: str) -> None:
    place = default_gazetteer().by_postcode(text)

    assert place is not None
    assert place.postcode == "9000"


@pytest.mark.parametrize("text", ["0000", "99999", "900", "abcd", ""])
def test_postcode_unknown_is_none(text: str) -> None:
    assert default_gazetteer().by_postcode(text) is None


@pytest.mark.parametrize(
    ("text", "nis_code"),
    [
        ("Sint-Niklaas", "46021"),
        ("sint niklaas", "46021"),
        ("SINT NIKLAAS", "46021"),
        ("St-Niklaas", "46021"),
        ("Gent", "44021"),
        ("Gand", "44021"),
        ("Bruxelles", "21004"),
        ("Brussel", "21004"),
        ("Liège", "62063"),
        ("luik", "62063"),
        ("Antwerpen", "11002"),
        ("Anvers", "11002"),
    ],
)
def test_name_municipality_spellings(text: str, nis_code: str) -> None:
    place = default_gazetteer().by_name(text)

    assert place is not None
    assert place.kind == "municipality"
    assert place.nis_code == nis_code


def test_name_locality_gives_postcode() -> None:
    place = default_gazetteer().by_name("Wondelgem")

    assert place is not None
    assert place.kind == "postcode"
    assert place.postcode == "9032"
    assert place.name == "Gent"
    assert place.locality == "Wondelgem"


def test_name_unknown_is_none() -> None:
    gazetteer = default_gazetteer()

    assert gazetteer.by_name("Atlantis") is None
    assert gazetteer.by_name("   ") is None


def test_leuven_province_and_region() -> None:
    place = default_gazetteer().by_name("Leuven")

    assert place is not None
    assert place.province == "Provincie Vlaams-Brabant"
    assert place.region == "Vlaams Gewest"


def test_brussels_has_no_province() -> None:
    place = default_gazetteer().by_postcode("1000")

    assert place is not None
    assert place.province is None
    assert place.region == "Brussels Hoofdstedelijk Gewest"


def test_wallonia_region() -> None:
    place = default_gazetteer().by_name("Namur")

    assert place is not None
    assert place.region == "Waals Gewest"
    assert place.province == "Provincie Namen"


def test_resolve_code_name_and_both() -> None:
    gazetteer = default_gazetteer()
    by_code = gazetteer.resolve("9000")
    by_name = gazetteer.resolve("Gent")
    by_both = gazetteer.resolve("9000 Gent")

    assert by_code is not None and by_code.postcode == "9000"
    assert by_name is not None and by_name.kind == "municipality"
    assert by_both is not None and by_both.postcode == "9000"
    assert gazetteer.resolve("") is None


def test_shared_postcode_picks_named_municipality() -> None:
    # 1040 and 1050 belong to Brussel and to Etterbeek / Elsene; the locality decides.
    gazetteer = default_gazetteer()
    etterbeek = gazetteer.municipality_for_postcode("1040")
    elsene = gazetteer.municipality_for_postcode("1050")

    assert etterbeek is not None and etterbeek.municipality_nl == "Etterbeek"
    assert elsene is not None and elsene.municipality_nl == "Elsene"


def test_municipality_for_postcode_level() -> None:
    place = default_gazetteer().municipality_for_postcode("9032")

    assert place is not None
    assert place.kind == "municipality"
    assert place.postcode is None
    assert place.name == "Gent"


def test_municipality_point_is_named_postcode() -> None:
    # Gent's point is the one of postcode 9000, whose locality is "Gent".
    gazetteer = default_gazetteer()
    city = gazetteer.by_name("Gent")
    postcode = gazetteer.by_postcode("9000")

    assert city is not None and postcode is not None
    assert (city.lat, city.lon) == (postcode.lat, postcode.lon)


def test_every_point_in_belgium() -> None:
    outside = [place for place in default_gazetteer().places() if not (49.45 <= place.lat <= 51.55 and 2.5 <= place.lon <= 6.45)]

    assert outside == []


@pytest.mark.parametrize(
    ("tokens", "start", "name"),
    [
        (["tandarts", "in", "sint", "niklaas"], 2, "Sint-Niklaas"),
        (["tandarts", "in", "gent"], 2, "Gent"),
        (["gent"], 0, "Gent"),
        (["huisarts", "sint", "pieters", "leeuw"], 1, "Sint-Pieters-Leeuw"),
        (["psycholoog", "bruxelles"], 1, "Brussel"),
    ],
)
def test_trailing_place_names(tokens: list[str], start: int, name: str) -> None:
    found = default_gazetteer().match_trailing_place(tokens)

    assert found is not None
    assert found[0] == start
    assert found[1].name == name


def test_trailing_place_postcode() -> None:
    found = default_gazetteer().match_trailing_place(["psycholoog", "2000"])

    assert found is not None
    assert found[0] == 1
    assert found[1].postcode == "2000"


def test_trailing_place_postcode_and_name() -> None:
    found = default_gazetteer().match_trailing_place(tokenize("huisarts 9000 Gent"))

    assert found is not None
    assert found[0] == 1
    assert found[1].postcode == "9000"


@pytest.mark.parametrize("tokens", [[], ["tandarts"], ["hulp", "nodig", "meer"], ["psycholoog", "0000"]])
def test_trailing_place_none(tokens: list[str]) -> None:
    assert default_gazetteer().match_trailing_place(tokens) is None


def test_reference_postcodes_resolve(reference_rows: dict[str, list[dict[str, str]]]) -> None:
    gazetteer = default_gazetteer()
    single_codes = [code for code in reference_rows if code.isdigit()]
    resolved = [code for code in single_codes if gazetteer.by_postcode(code) is not None]

    assert len(resolved) / len(single_codes) >= 0.95


def test_reference_municipalities_agree(reference_rows: dict[str, list[dict[str, str]]]) -> None:
    gazetteer = default_gazetteer()
    disagreements: list[str] = []
    for code, rows in reference_rows.items():
        place = gazetteer.by_postcode(code)
        if place is None:
            continue
        nis_codes = {nis for row in rows for nis in row["nis_codes"].split("|")}
        if place.nis_code not in nis_codes:
            disagreements.append(code)

    assert disagreements == []


def test_reference_provinces_agree(reference_rows: dict[str, list[dict[str, str]]]) -> None:
    gazetteer = default_gazetteer()
    disagreements: list[str] = []
    for code, rows in reference_rows.items():
        place = gazetteer.by_postcode(code)
        if place is None:
            continue
        if (place.province or "") != rows[0]["province_nl"] or place.region != rows[0]["region_nl"]:
            disagreements.append(code)

    assert disagreements == []


def _nearest_reference_km(place: Place, rows: list[dict[str, str]]) -> float:
    return min(distance_km(place.lat, place.lon, float(row["lat"]), float(row["lon"])) for row in rows)


def test_reference_postcode_points_close(reference_rows: dict[str, list[dict[str, str]]]) -> None:
    # The reference has every locality of a postcode, the package one point per postcode,
    # so each point is compared with the nearest reference locality of its code.
    gazetteer = default_gazetteer()
    distances = sorted(
        _nearest_reference_km(place, reference_rows[code])
        for code in reference_rows
        if (place := gazetteer.by_postcode(code)) is not None
    )
    within_3_km = [distance for distance in distances if distance <= 3.0]

    assert distances[len(distances) // 2] <= 1.0
    assert len(within_3_km) / len(distances) >= 0.95


def test_reference_municipality_points_close(reference_rows: dict[str, list[dict[str, str]]]) -> None:
    gazetteer = default_gazetteer()
    rows_by_nis: dict[str, list[dict[str, str]]] = defaultdict(list)
    for rows in reference_rows.values():
        for row in rows:
            rows_by_nis[row["nis_codes"]].append(row)

    distances = sorted(
        _nearest_reference_km(place, rows_by_nis[place.nis_code])
        for place in gazetteer.municipalities()
        if place.nis_code in rows_by_nis
    )
    within_5_km = [distance for distance in distances if distance <= 5.0]

    assert len(distances) >= 550
    assert len(within_5_km) / len(distances) >= 0.98


def test_reference_outlier_corrected(reference_rows: dict[str, list[dict[str, str]]]) -> None:
    # The postcode package places 2223 Schriek 34 km away; the gazetteer moves it back.
    place = default_gazetteer().by_postcode("2223")

    assert place is not None
    assert _nearest_reference_km(place, reference_rows["2223"]) < 10.0
