"""The demo dataset, read back through the generic CSV reader."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from indexer import taxonomy
from indexer.demo_data import write_demo_csv
from indexer.policy import ScopePolicy
from indexer.readers.base import Accepted, Rejection, SourceRecord
from indexer.readers.generic_csv import GenericCsvReader
from indexer.record import Provider, ProviderKind

FULL_COUNT = 20000


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.csv"
    started = time.perf_counter()
    written = write_demo_csv(path, FULL_COUNT, seed=1)
    print(f"demo data: {written} rows in {time.perf_counter() - started:.2f} s")
    assert written == FULL_COUNT
    return path


@pytest.fixture(scope="module")
def demo_read(demo_file: Path) -> tuple[list[Provider], list[Rejection]]:
    accepted: list[Provider] = []
    rejected: list[Rejection] = []
    for item in GenericCsvReader().read(demo_file):
        if isinstance(item, Accepted):
            accepted.append(item.provider)
        else:
            rejected.append(item)
    return accepted, rejected


def test_demo_all_rows_read(demo_read: tuple[list[Provider], list[Rejection]]) -> None:
    accepted, rejected = demo_read

    assert len(accepted) + len(rejected) == FULL_COUNT


def test_demo_alternative_offers_rejected_by_policy(demo_read: tuple[list[Provider], list[Rejection]]) -> None:
    accepted, rejected = demo_read
    records = [SourceRecord("demo.csv", number, provider) for number, provider in enumerate(accepted, start=1)]
    decided = ScopePolicy().apply(records)
    alternative = [rejection for rejection in decided.rejections if rejection.code == "alternative_treatment"]
    share = len(alternative) / FULL_COUNT

    # The reader keeps unknown profession labels, so the scope policy names the reason.
    assert rejected == []
    assert 0.01 <= share <= 0.06
    assert all(provider.unrecognised_professions == [] for provider in (record.provider for record in decided.accepted))


def test_demo_every_profession_present(demo_read: tuple[list[Provider], list[Rejection]]) -> None:
    accepted, _ = demo_read
    present = {profession.code for provider in accepted for profession in provider.professions}

    assert set(taxonomy.professions()) - present == set()


def test_demo_kinds(demo_read: tuple[list[Provider], list[Rejection]]) -> None:
    accepted, _ = demo_read
    kinds = Counter(provider.kind for provider in accepted)

    assert kinds[ProviderKind.PERSON] > kinds[ProviderKind.ORGANIZATION] > 0
    assert kinds[ProviderKind.SERVICE] > 0


@pytest.mark.parametrize("rubriek", ["01.17", "02.01", "03.01", "03.02", "14.04.01", "14.05.01", "01.06.01"])
def test_demo_rubriek_present(demo_read: tuple[list[Provider], list[Rejection]], rubriek: str) -> None:
    accepted, _ = demo_read
    count = sum(1 for provider in accepted if any(item.code == rubriek for item in provider.rubrieken))

    assert count >= 50


def test_demo_clinical_psychologists(demo_read: tuple[list[Provider], list[Rejection]]) -> None:
    accepted, _ = demo_read
    psychologists = [
        provider for provider in accepted
        if any(profession.code == "persclinicalpsychologist" for profession in provider.professions)
    ]
    complete = [provider for provider in psychologists if provider.registry_ids.recognition_number and provider.registry_ids.visa]

    assert len(psychologists) >= 1000
    assert 0.75 <= len(complete) / len(psychologists) < 1.0


def test_demo_cgg_themes(demo_read: tuple[list[Provider], list[Rejection]]) -> None:
    accepted, _ = demo_read
    cggs = [provider for provider in accepted if provider.name.startswith("CGG ")]
    text = " ".join(provider.description or "" for provider in cggs).lower()

    assert cggs
    for theme in ("depressie", "angst", "burn-out", "verslaving", "rouw", "slaapproblemen"):
        assert theme in text


def test_demo_clearly_fictional(demo_read: tuple[list[Provider], list[Rejection]]) -> None:
    accepted, _ = demo_read

    assert all("Fictief demorecord" in (provider.description or "") for provider in accepted)
    assert all(provider.source == "demo" for provider in accepted)
    assert all(email.endswith("@example.be") for provider in accepted for email in provider.emails)
    assert all("example.be" in website for provider in accepted for website in provider.websites)


def test_demo_flanders_and_brussels_only(demo_read: tuple[list[Provider], list[Rejection]]) -> None:
    accepted, _ = demo_read
    regions = Counter(provider.address.region for provider in accepted)

    assert set(regions) == {"Vlaams Gewest", "Brussels Hoofdstedelijk Gewest"}
    assert all(provider.location is not None and provider.location.is_in_belgium() for provider in accepted)


def test_demo_doelgroepen_from_list(demo_read: tuple[list[Provider], list[Rejection]]) -> None:
    accepted, _ = demo_read
    used = {doelgroep for provider in accepted for doelgroep in provider.doelgroepen}

    assert used == {"kinderen", "jongeren", "volwassenen", "ouderen", "gezinnen"}


def test_demo_some_opening_hours(demo_read: tuple[list[Provider], list[Rejection]]) -> None:
    accepted, _ = demo_read
    with_hours = [provider for provider in accepted if provider.opening_hours]

    assert 0.1 <= len(with_hours) / len(accepted) <= 0.6


def test_demo_deterministic(tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    second = tmp_path / "second.csv"
    other_seed = tmp_path / "other.csv"
    write_demo_csv(first, 500, seed=7)
    write_demo_csv(second, 500, seed=7)
    write_demo_csv(other_seed, 500, seed=8)

    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other_seed.read_bytes()


def test_demo_small_count_has_every_profession(tmp_path: Path) -> None:
    path = tmp_path / "small.csv"
    write_demo_csv(path, 40)
    codes = {
        profession.code
        for item in GenericCsvReader().read(path)
        if isinstance(item, Accepted)
        for profession in item.provider.professions
    }

    assert set(taxonomy.professions()) - codes == set()


def test_demo_zero_rows(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"

    assert write_demo_csv(path, 0) == 0
    assert list(GenericCsvReader().read(path)) == []


def test_demo_negative_count(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="count must be 0 or more"):
        write_demo_csv(tmp_path / "bad.csv", -1)


def test_demo_generation_fast(tmp_path: Path) -> None:
    started = time.perf_counter()
    write_demo_csv(tmp_path / "timed.csv", FULL_COUNT)
    elapsed = time.perf_counter() - started

    # `socialekaart demo-data` should finish in seconds; 5 s leaves room for slow CI runners.
    assert elapsed < 5.0
