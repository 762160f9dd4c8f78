"""The project's profession list and rubrieken tree, loaded from `indexer/data/`.

Profession codes are eHealth CD-HCPARTY codes where one exists; the few professions
without one (tabacoloog, coach bewegen op verwijzing, osteopaat, klinisch seksuoloog,
maatschappelijk werker) have a code of the same shape that we made up.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from indexer.record import Profession, Rubriek


@dataclass(frozen=True)
class ProfessionEntry:
    code: str
    label: str
    plural: str
    # "wug": recognised by the law on the health professions; "listed": admitted by
    # the scope policy although not a WUG profession; "partner": only when a
    # recognised partner organisation supplies the record.
    recognition: str
    rubriek_code: str

    def as_profession(self) -> Profession:
        return Profession(code=self.code, label=self.label)


# The first line of a versioned data file: "# version: 2025.1".
_VERSION_PREFIX = "# version:"


def read_data_text(name: str) -> str:
    return resources.files("indexer").joinpath("data", name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[str]:
    """Return the lines of a data file without comment lines (starting with "#")."""
    return [line for line in read_data_text(name).splitlines() if not line.startswith("#")]


def data_version(name: str) -> str | None:
    """Return the version a data file declares on a "# version: …" line, if any."""
    for line in read_data_text(name).splitlines():
        if line.startswith(_VERSION_PREFIX):
            return line[len(_VERSION_PREFIX):].strip()
    return None


def _read_csv(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(data_lines(name), delimiter=";"))


@lru_cache(maxsize=1)
def professions() -> dict[str, ProfessionEntry]:
    rows = _read_csv("professions.csv")
    return {
        row["code"]: ProfessionEntry(
            code=row["code"],
            label=row["label"],
            plural=row["plural"],
            recognition=row["recognised"],
            rubriek_code=row["rubriek"],
        )
        for row in rows
    }


@lru_cache(maxsize=1)
def rubriek_labels() -> dict[str, str]:
    return {row["code"]: row["label"] for row in _read_csv("rubrieken.csv")}


def profession(code: str) -> Profession:
    """Return the profession for a code; raise KeyError for an unknown code."""
    return professions()[code].as_profession()


def profession_by_label(label: str) -> ProfessionEntry | None:
    """Find a profession by its Dutch label or plural, ignoring case and accents."""
    from analyzers.text import fold

    wanted = fold(label.strip())
    for entry in professions().values():
        if wanted in (fold(entry.label), fold(entry.plural), entry.code):
            return entry
    return None


def rubriek(code: str) -> Rubriek:
    """Return the rubriek for a code, with the labels of its ancestors as its path.

    Raises KeyError for a code that is not in the tree.
    """
    labels = rubriek_labels()
    label = labels[code]
    parts = code.split(".")
    ancestors = [".".join(parts[: depth + 1]) for depth in range(len(parts))]
    path = tuple(labels[ancestor] for ancestor in ancestors if ancestor in labels)
    return Rubriek(code=code, label=label, path=path)


def rubriek_ancestor_codes(code: str) -> list[str]:
    """Return the code itself and every ancestor code, top level first."""
    parts = code.split(".")
    return [".".join(parts[: depth + 1]) for depth in range(len(parts))]


def rubriek_by_label(label: str) -> Rubriek | None:
    """Find a rubriek by its label, ignoring case, accents and a trailing "(CGG)"."""
    from analyzers.text import fold

    wanted = fold(label.strip())
    for code, candidate in rubriek_labels().items():
        folded = fold(candidate)
        bare = folded.split(" (")[0]
        if wanted in (folded, bare):
            return rubriek(code)
    return None
