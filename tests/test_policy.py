"""The scope policy: each rule with accepted and rejected records, in the report of a
real index run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.alternatives import AlternativeTreatments
from indexer.cli import main
from indexer.policy import ScopePolicy
from indexer.readers.base import Accepted, SourceRecord
from indexer.readers.generic_csv import GenericCsvReader

HEADER = "id;kind;name;organization;description;professions;rubrieken;activities;postcode;visa;recognition_number;source"

# (row, expected rejection code or None for listed). Sources "demo" and "bvp": only bvp
# is on the partner list.
CASES = [
    ("yoga-1;person;Yogastudio Zen;;;yogadocent;;;9000;;;demo", "alternative_treatment"),
    ("reiki-1;person;Praktijk Licht;;Reiki en energetische behandeling.;;;;9000;;;demo", "alternative_treatment"),
    ("coach-1;person;Els Coach;;;;;life coaching|stressbeheer;9000;;;demo", "alternative_treatment"),
    ("homeo-1;person;Jan Bol;;;homeopaat;;;9000;;;demo", "alternative_treatment"),
    ("astro-1;person;Piet Ster;;;astroloog;;;9000;;;demo", "unknown_profession"),
    ("gp-1;person;An Peeters;;Huisarts met eigen praktijk.;huisarts;;;9000;;;demo", None),
    ("tabac-1;person;Tom Rook;;;tabacoloog;;;9000;;;demo", None),
    ("osteo-1;person;Olga Bot;;;osteopaat;;;9000;;;demo", None),
    ("psy-1;person;Piet Psy;;;psycholoog;;;9000;;;demo", "partner_source_required"),
    ("psy-2;person;Paula Psy;;;psycholoog;;;9000;;;bvp", None),
    ("clin-1;person;Klaas Klin;;;persclinicalpsychologist;;;9000;1234567;;demo", "missing_recognition_number"),
    ("clin-2;person;Karen Klin;;;persclinicalpsychologist;;;9000;;912345678;demo", "missing_visa"),
    ("clin-3;person;Kim Klin;;;persclinicalpsychologist;;;9000;1234567;912345678;demo", None),
    ("gp-group;organization;Groepspraktijk De Linde;;;;01.17;;2800;;;demo", None),
    ("gp-group-gp;person;Bart Arts;Groepspraktijk De Linde;;huisarts;;;2800;;;demo", None),
    ("gp-group-sw;person;Saskia Werk;Groepspraktijk De Linde;;maatschappelijk werker;;;2800;;;caw", "group_practice_member_not_recognised"),
    ("gp-group-none;person;Nele Niets;Groepspraktijk De Linde;;;;;2800;;;demo", "group_practice_member_not_recognised"),
    ("lonely-group;organization;Groepspraktijk Alleen;;;;01.17;;3000;;;demo", "group_practice_without_recognised_provider"),
    ("lonely-member;person;Stijn Werk;Groepspraktijk Alleen;;maatschappelijk werker;;;3000;;;caw", "group_practice_member_not_recognised"),
    ("other-group;organization;Groepspraktijk Zonder Leden;;;;01.17;;8000;;;demo", None),
]


@pytest.fixture(scope="module")
def policy_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("policy") / "partner.csv"
    path.write_text("\n".join([HEADER, *(row for row, _ in CASES)]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report(policy_file: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("policy-run")
    report_path = folder / "report.json"
    code = main(["index", str(policy_file), "--data-dir", str(folder / "data"), "--report", str(report_path)])
    assert code == 0
    return json.loads(report_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("row", "expected"), CASES, ids=[row.split(";")[0] for row, _ in CASES])
def test_policy_rule_in_report(report: dict, row: str, expected: str | None) -> None:
    record_id = row.split(";")[0]
    rejections = {rejection["record_id"]: rejection for rejection in report["rejections"]}

    if expected is None:
        assert record_id not in rejections
        return
    assert rejections[record_id]["code"] == expected
    assert rejections[record_id]["reason"]
    assert rejections[record_id]["record_number"] == [case[0] for case in CASES].index(row) + 1


def test_policy_reason_names_value(report: dict) -> None:
    reasons = {rejection["record_id"]: rejection["reason"] for rejection in report["rejections"]}

    assert "yogadocent" in reasons["yoga-1"]
    assert "astroloog" in reasons["astro-1"]
    assert "life coaching" in reasons["coach-1"]
    assert "'demo'" in reasons["psy-1"]
    assert "Groepspraktijk De Linde" in reasons["gp-group-sw"]


def test_policy_versions_in_report(report: dict) -> None:
    versions = report["policy_versions"]

    assert versions["professions.csv"] == "2025.1"
    assert versions["alternative_treatments.txt"] == "2025.1"
    assert versions["partner_sources.csv"] == "2025.1"


def test_policy_rejections_counted_per_source(report: dict) -> None:
    summary = report["sources"][0]
    expected_rejected = sum(1 for _, code in CASES if code)

    assert summary["rejected"] == expected_rejected
    assert summary["accepted"] == len(CASES) - expected_rejected
    assert summary["rejected_by_code"]["alternative_treatment"] == 4


def test_policy_alternative_list_is_open(policy_file: Path) -> None:
    # A curator's extra term rejects a record the default list accepts.
    records = [SourceRecord(str(policy_file), item.record_number, item.provider) for item in GenericCsvReader().read(policy_file) if isinstance(item, Accepted)]
    default = ScopePolicy().apply(records)
    stricter = ScopePolicy(alternatives=AlternativeTreatments([*ScopePolicy().alternatives.terms, "osteopa"])).apply(records)

    assert "osteo-1" in {record.provider.id for record in default.accepted}
    assert "osteo-1" in {rejection.record_id for rejection in stricter.rejections}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kinderyoga op woensdag", "kinderyoga"),
        ("Bachbloesemtherapie", "bachbloesemtherapie"),
        ("Sofrologie en ontspanning", "sofrologie"),
        ("Kruidengeneeskunde", "kruidengeneeskunde"),
        ("Mindfulness-training", "mindfulness"),
        ("gezondheidscoaching", "gezondheidscoaching"),
    ],
)
def test_alternative_terms_found(text: str, found: str) -> None:
    match = ScopePolicy().alternatives.find(text)

    assert match is not None
    assert match.found == found


@pytest.mark.parametrize("text", ["Kinesitherapeut", "Pharmacie Homeoplant", "Apotheek F. Rodenbach", "Psychologische begeleiding"])
def test_alternative_terms_not_found(text: str) -> None:
    assert ScopePolicy().alternatives.find(text) is None
