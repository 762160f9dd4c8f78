"""The curation commands through the real CLI on the embedded engine: index with broken
and unreadable sources, registry check, upsert, delete and coverage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.cli import main
from searchapi.engines.sqlite_engine import SqliteEngine

HEADER = "id;kind;name;professions;street;number;postcode;municipality;phones;visa;recognition_number;riziv_number;source"


def good_row(number: int) -> str:
    return f"p-{number};person;Huisarts {number};huisarts;Kerkstraat;{number};9000;Gent;09 223 45 {number % 100:02d};;;;partnerx"


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*arguments: str) -> int:
    return main(list(arguments))


def test_broken_records_reported_rest_indexed(tmp_path: Path) -> None:
    rows = [good_row(number) for number in range(1, 101)]
    broken = {10: "unknown_postcode", 30: "invalid_kind", 50: "location_outside_belgium", 70: "missing_name", 90: "invalid_date"}
    rows[9] = "p-10;person;Huisarts 10;huisarts;Kerkstraat;10;9999;Gent;;;;;partnerx"
    rows[29] = "p-30;robot;Huisarts 30;huisarts;Kerkstraat;30;9000;Gent;;;;;partnerx"
    rows[49] = "p-50;person;Huisarts 50;huisarts;Kerkstraat;50;9000;Gent;;;;;partnerx"
    rows[69] = "p-70;person;;huisarts;Kerkstraat;70;9000;Gent;;;;;partnerx"
    rows[89] = "p-90;person;Huisarts 90;huisarts;Kerkstraat;90;9000;Gent;;;;;partnerx"
    header = HEADER + ";lat;lon;updated_at"
    lines = [row + ";;;" for row in rows]
    lines[49] = rows[49] + ";48,85;2,35;"
    lines[89] = rows[89] + ";;;01/02/2025"
    source = write(tmp_path / "partner.csv", header, *lines)
    report_path = tmp_path / "report.json"

    code = run("index", str(source), "--data-dir", str(tmp_path / "data"), "--report", str(report_path))
    report = json.loads(report_path.read_text(encoding="utf-8"))
    reported = {rejection["record_number"]: rejection["code"] for rejection in report["rejections"]}

    assert code == 0
    assert SqliteEngine(tmp_path / "data").health().documents == 95
    assert reported == broken
    assert all(rejection["reason"] for rejection in report["rejections"])


def test_unreadable_source_keeps_index(tmp_path: Path) -> None:
    data = tmp_path / "data"
    good = write(tmp_path / "good.csv", HEADER, good_row(1), good_row(2))
    assert run("index", str(good), "--data-dir", str(data)) == 0
    truncated = tmp_path / "broken.json"
    truncated.write_text('[{"authorization_id": 1, "name": "Apotheek', encoding="utf-8")
    before = (data / "index.sqlite").stat().st_mtime_ns

    code = run("index", str(good), str(truncated), "--data-dir", str(data))

    assert code != 0
    assert (data / "index.sqlite").stat().st_mtime_ns == before
    assert SqliteEngine(data).health().documents == 2


def test_upsert_applies_policy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run("index", str(write(tmp_path / "base.csv", HEADER, good_row(1))), "--data-dir", str(data)) == 0
    update = write(
        tmp_path / "update.csv",
        HEADER,
        good_row(2),
        "yoga-1;person;Yogastudio Zen;yogadocent;Kerkstraat;3;9000;Gent;;;;;partnerx",
        "p-1;person;Huisarts Een;huisarts;Kerkstraat;1;9000;Gent;09/223.45.01;;;;partnerx",
    )
    report_path = tmp_path / "upsert.json"

    code = run("upsert", str(update), "--data-dir", str(data), "--report", str(report_path))
    engine = SqliteEngine(data)
    report = json.loads(report_path.read_text(encoding="utf-8"))

    assert code == 0
    assert engine.health().documents == 2
    assert engine.get("yoga-1") is None
    assert engine.get("p-1").name == "Huisarts Een"
    assert engine.get("p-1").phones == ["09 223 45 01"]
    assert engine.get("p-1").phone_links == {"09 223 45 01": "+3292234501"}
    assert [rejection["code"] for rejection in report["rejections"]] == ["alternative_treatment"]
    assert report["kind"] == "upsert"


def test_upsert_without_index_fails(tmp_path: Path) -> None:
    source = write(tmp_path / "update.csv", HEADER, good_row(1))

    assert run("upsert", str(source), "--data-dir", str(tmp_path / "empty")) != 0


def test_delete_by_id(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run("index", str(write(tmp_path / "base.csv", HEADER, good_row(1), good_row(2))), "--data-dir", str(data)) == 0

    code = run("delete", "p-1", "--data-dir", str(data))
    engine = SqliteEngine(data)

    assert code == 0
    assert engine.get("p-1") is None
    assert engine.get("p-2") is not None


def test_delete_unknown_id_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run("index", str(write(tmp_path / "base.csv", HEADER, good_row(1))), "--data-dir", str(data)) == 0

    code = run("delete", "p-1", "p-404", "--data-dir", str(data))
    output = capsys.readouterr().err

    assert code != 0
    assert "p-404" in output
    assert SqliteEngine(data).get("p-1") is None


REGISTRY = """name;profession;visa;recognition_number;postcode
Kim Klin;persclinicalpsychologist;1234567;912345678;9000
Karel Andere Naam;persclinicalpsychologist;7654321;987654321;9000
Lies Lijst;persclinicalpsychologist;1111111;911111111;2000
"""

PSYCHOLOGISTS = [
    "clin-1;person;Kim Klin;persclinicalpsychologist;Kerkstraat;1;9000;Gent;;1234567;912345678;;partnerx",
    "clin-2;person;Karel Klin;persclinicalpsychologist;Kerkstraat;2;9000;Gent;;7654321;987654321;;partnerx",
    "clin-3;person;Kees Nergens;persclinicalpsychologist;Kerkstraat;3;9000;Gent;;5555555;955555555;;partnerx",
    "clin-4;person;Lies Lijst;persclinicalpsychologist;Kerkstraat;4;9000;Gent;;1111111;911111111;;partnerx",
]


@pytest.fixture()
def registry_run(tmp_path: Path) -> tuple[Path, dict]:
    source = write(tmp_path / "psy.csv", HEADER, *PSYCHOLOGISTS, good_row(9))
    registry = write(tmp_path / "registry.csv", REGISTRY)
    report_path = tmp_path / "data" / "reports" / "index-20250101T000000.json"
    code = run("index", str(source), "--registry", str(registry), "--data-dir", str(tmp_path / "data"), "--report", str(report_path))
    assert code == 0
    return tmp_path / "data", json.loads(report_path.read_text(encoding="utf-8"))


def test_registry_marks_verified(registry_run: tuple[Path, dict]) -> None:
    data, _ = registry_run
    engine = SqliteEngine(data)

    assert engine.get("clin-1").verified is True
    assert engine.get("clin-1").verification.matched_on == "visa"
    assert engine.get("clin-2").verified is False
    assert engine.get("clin-3").verified is False
    assert engine.get("clin-4").verified is True
    assert engine.get("clin-4").verification.notes == ["postcode 2000 in het register, 9000 op de fiche"]
    assert engine.get("p-9").verified is False


def test_registry_issues_reported(registry_run: tuple[Path, dict]) -> None:
    _, report = registry_run
    issues = {issue["provider_id"]: issue for issue in report["registry_issues"]}

    assert set(issues) == {"clin-2", "clin-3"}
    assert issues["clin-2"]["code"] == "registration_inconsistent"
    assert "Karel Andere Naam" in issues["clin-2"]["message"]
    assert issues["clin-3"]["code"] == "registration_missing"
    assert report["registry_counts"] == {"persclinicalpsychologist": 3}


def test_registry_unreadable_fails(tmp_path: Path) -> None:
    source = write(tmp_path / "psy.csv", HEADER, *PSYCHOLOGISTS)
    registry = write(tmp_path / "registry.csv", "naam;postcode\nKim;9000")

    assert run("index", str(source), "--registry", str(registry), "--data-dir", str(tmp_path / "data")) != 0


def test_coverage_prints_table(registry_run: tuple[Path, dict], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, _ = registry_run
    counts = write(tmp_path / "counts.csv", "profession;registered", "persclinicalpsychologist;8000", "huisarts;12.000")
    capsys.readouterr()

    code = run("coverage", "--data-dir", str(data), "--registry-counts", str(counts))
    lines = capsys.readouterr().out.splitlines()
    psychologists = next(line for line in lines if line.startswith("klinisch psycholoog"))

    assert code == 0
    assert "Beroep" in lines[1]
    assert "Aandeel opgenomen" in lines[1]
    assert psychologists.split()[2:7] == ["4", "0", "2", "8.000", "0,1"]
    assert any(line.startswith("huisarts ") and "12.000" in line for line in lines)


def test_coverage_json(registry_run: tuple[Path, dict], capsys: pytest.CaptureFixture[str]) -> None:
    data, _ = registry_run
    capsys.readouterr()

    code = run("coverage", "--data-dir", str(data), "--json")
    body = json.loads(capsys.readouterr().out)
    psychologists = next(row for row in body["professions"] if row["code"] == "persclinicalpsychologist")

    assert code == 0
    assert psychologists["listed"] == 4
    assert psychologists["verified"] == 2
    assert psychologists["registered"] == 3
    assert psychologists["share_listed"] == pytest.approx(4 / 3)


def test_coverage_without_report_fails(tmp_path: Path) -> None:
    assert run("coverage", "--data-dir", str(tmp_path)) != 0


def test_fiche_shows_provenance(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from searchapi.app import create_app
    from searchapi.settings import Settings

    data = tmp_path / "data"
    first = write(tmp_path / "first.csv", HEADER + ";updated_at", good_row(1) + ";2025-03-01")
    second = write(tmp_path / "second.csv", HEADER + ";updated_at", "q-1;person;Huisarts 1;huisarts;Kerkstraat;1;9000;Gent;0475/12.34.56;;;;partnery;2025-04-02")
    assert run("index", str(first), str(second), "--data-dir", str(data)) == 0

    with TestClient(create_app(Settings(data_dir=data))) as client:
        page = client.get("/aanbieder/p-1").text

    assert "Herkomst van de gegevens" in page
    assert "partnerx" in page
    assert "partnery" in page
    assert "02/04/2025" in page
    assert 'href="tel:+32475123456"' in page
    assert "0475 12 34 56" in page
