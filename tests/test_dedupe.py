"""Deduplication across sources: labelled pairs, the threshold, and the pharmacy list
imported twice or in two formats."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from dedupe_pairs import DUPLICATES, LABELLED_PAIRS, NEAR_MISSES, org
from indexer.dedupe import MATCH_THRESHOLD, deduplicate, similarity
from indexer.cli import main
from indexer.readers.base import Accepted, SourceRecord
from indexer.readers.fagg import FaggReader
from indexer.record import FieldSource, Provider, RegistryIds
from searchapi.engines.sqlite_engine import SqliteEngine


def precision_recall(threshold: float) -> tuple[float, float]:
    predicted = [(score is not None and score >= threshold, label) for score, label in scored_pairs()]
    true_positive = sum(1 for guess, label in predicted if guess and label)
    false_positive = sum(1 for guess, label in predicted if guess and not label)
    false_negative = sum(1 for guess, label in predicted if not guess and label)
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 1.0
    return precision, true_positive / (true_positive + false_negative)


def scored_pairs() -> list[tuple[float | None, bool]]:
    return [(similarity(first, second), label) for first, second, label in LABELLED_PAIRS]


def test_labelled_pairs_enough() -> None:
    assert len(DUPLICATES) >= 20
    assert len(NEAR_MISSES) >= 20
    assert len(LABELLED_PAIRS) >= 40


def test_threshold_precision_recall() -> None:
    for threshold in range(85, 100):
        precision, recall = precision_recall(threshold)
        print(f"threshold {threshold}: precision {precision:.3f} recall {recall:.3f}")

    precision, recall = precision_recall(MATCH_THRESHOLD)

    assert precision == 1.0
    assert recall == 1.0


@pytest.mark.parametrize(("first", "second"), NEAR_MISSES, ids=[f"{a.name}|{b.name}" for a, b in NEAR_MISSES])
def test_near_miss_stays_apart(first: Provider, second: Provider) -> None:
    records = [SourceRecord("a.csv", 1, first), SourceRecord("b.csv", 1, second)]

    remaining, merges = deduplicate(records)

    assert len(remaining) == 2
    assert merges == []


def test_branches_match_one_record_each() -> None:
    # One file lists two branches; the other file lists the first branch again. Only
    # that pair merges, although both branches share a KBO-nummer.
    kbo = RegistryIds(kbo_number="0123.456.789")
    branch_a = org("Apotheek Peeters", "Kerkstraat", "12", "9000").model_copy(update={"id": "a-1", "registry_ids": kbo})
    branch_b = org("Apotheek Peeters", "Kerkstraat", "80", "9000").model_copy(update={"id": "a-2", "registry_ids": kbo})
    again = org("APOTHEEK PEETERS BV", "Kerkstraat", "12", "9000").model_copy(update={"id": "b-1", "registry_ids": kbo})
    records = [SourceRecord("a.json", 1, branch_a), SourceRecord("a.json", 2, branch_b), SourceRecord("b.csv", 1, again)]

    remaining, merges = deduplicate(records)

    assert [record.provider.id for record in remaining] == ["a-1", "a-2"]
    assert [(merge.kept_id, merge.merged_id, merge.reason) for merge in merges] == [("a-1", "b-1", "kbo_number_and_address")]


def test_exact_registry_number_merges() -> None:
    first = org("Dr. A. Peeters", "Kerkstraat", "12", "9000").model_copy(update={"id": "a-1", "kind": "person", "registry_ids": RegistryIds(riziv_number="1-23456-78-901")})
    second = org("Anneleen Peeters", None, None, "9050").model_copy(update={"id": "b-1", "kind": "person", "registry_ids": RegistryIds(riziv_number="12345678901")})

    remaining, merges = deduplicate([SourceRecord("a", 1, first), SourceRecord("b", 1, second)])

    assert len(remaining) == 1
    assert merges[0].reason == "riziv_number"


def test_merge_keeps_provenance() -> None:
    first = org("Apotheek Peeters", "Kerkstraat", "12", "9000").model_copy(
        update={"id": "a-1", "source": "fagg", "provenance": {"name": [FieldSource(source="fagg")], "address": [FieldSource(source="fagg")]}}
    )
    second = org("Peeters", "Kerkstraat", "12", "9000").model_copy(
        update={"id": "b-1", "source": "partnerx", "phones": ["09 223 45 67"], "provenance": {"name": [FieldSource(source="partnerx")], "phones": [FieldSource(source="partnerx")]}}
    )

    remaining, _ = deduplicate([SourceRecord("a", 1, first), SourceRecord("b", 1, second)])
    merged = remaining[0].provider

    assert merged.name == "Apotheek Peeters"
    assert merged.phones == ["09 223 45 67"]
    assert [origin.source for origin in merged.provenance["name"]] == ["fagg"]
    assert [origin.source for origin in merged.provenance["phones"]] == ["partnerx"]


# ------------------------------------------------------- the pharmacy list, twice


@pytest.fixture(scope="module")
def pharmacies(shared_data: Path) -> Path:
    return shared_data / "last-pharmacies_afmps.json"


@pytest.fixture(scope="module")
def active_pharmacies(pharmacies: Path) -> list[Provider]:
    return [item.provider for item in FaggReader().read(pharmacies) if isinstance(item, Accepted)]


def write_generic_export(path: Path, providers: list[Provider]) -> Path:
    """Write the pharmacies as a partner would export them: own ids, capitals in every
    third name, decimal commas, no KBO-nummer in every fifth row."""
    columns = ["id", "kind", "name", "professions", "street", "number", "postcode", "municipality", "lat", "lon", "kbo_number", "source"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter=";")
        writer.writeheader()
        for index, provider in enumerate(providers):
            location = provider.location
            writer.writerow(
                {
                    "id": f"export-{provider.source_record}",
                    "kind": "organization",
                    "name": provider.name.upper() if index % 3 == 0 else provider.name,
                    "professions": "apotheker",
                    "street": provider.address.street or "",
                    "number": provider.address.number or "",
                    "postcode": provider.address.postcode,
                    "municipality": provider.address.municipality or "",
                    "lat": f"{location.lat:.6f}".replace(".", ","),
                    "lon": f"{location.lon:.6f}".replace(".", ","),
                    "kbo_number": "" if index % 5 == 0 else provider.registry_ids.kbo_number or "",
                    "source": "apotheken-export",
                }
            )
    return path


def index_report(tmp_path: Path, *sources: Path) -> tuple[SqliteEngine, dict]:
    report = tmp_path / "report.json"
    code = main(["index", *map(str, sources), "--data-dir", str(tmp_path / "data"), "--report", str(report)])
    assert code == 0
    return SqliteEngine(tmp_path / "data"), json.loads(report.read_text(encoding="utf-8"))


def test_pharmacies_twice_one_each(tmp_path: Path, pharmacies: Path, active_pharmacies: list[Provider]) -> None:
    engine, report = index_report(tmp_path, pharmacies, pharmacies)

    assert engine.health().documents == len(active_pharmacies)
    assert report["merged"] == len(active_pharmacies)
    assert {merge["reason"] for merge in report["merges"]} == {"same_id"}


def test_pharmacies_fagg_and_csv_one_each(tmp_path: Path, pharmacies: Path, active_pharmacies: list[Provider]) -> None:
    export = write_generic_export(tmp_path / "export.csv", active_pharmacies)

    engine, report = index_report(tmp_path, pharmacies, export)
    pairs = {(merge["kept_id"], merge["merged_id"]) for merge in report["merges"]}
    expected = {(f"fagg-{provider.source_record}", f"export-{provider.source_record}") for provider in active_pharmacies}

    assert engine.health().documents == len(active_pharmacies)
    assert pairs == expected
    assert engine.get(f"export-{active_pharmacies[0].source_record}") is None


def test_pharmacy_fiche_provenance(tmp_path: Path, pharmacies: Path, active_pharmacies: list[Provider]) -> None:
    export = write_generic_export(tmp_path / "export.csv", active_pharmacies)

    engine, _ = index_report(tmp_path, pharmacies, export)
    provider = engine.get(f"fagg-{active_pharmacies[1].source_record}")

    assert provider is not None
    assert [origin.source for origin in provider.provenance["name"]] == ["fagg"]
    assert all(origin.updated_at is not None for origin in provider.provenance["name"])
