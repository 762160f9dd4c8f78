"""Coverage per profession: how many providers are listed, rejected and verified, and
which share of the registered providers the listing reaches."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from indexer import taxonomy
from indexer.readers.base import Rejection, SourceReadError
from indexer.readers.csvfiles import decode, sniff_separator
from indexer.readers.values import split_professions
from indexer.record import Provider


@dataclass
class CoverageRow:
    code: str
    label: str
    listed: int = 0
    verified: int = 0
    rejected_by_code: dict[str, int] = field(default_factory=dict)
    registered: int | None = None

    @property
    def rejected(self) -> int:
        return sum(self.rejected_by_code.values())

    @property
    def share_listed(self) -> float | None:
        """Listed providers as a fraction of registered ones; None without a count."""
        if not self.registered:
            return None
        return self.listed / self.registered


def coverage_counts(providers: list[Provider], rejections: list[Rejection]) -> dict[str, dict[str, object]]:
    """Return per profession code: listed, verified and rejected counts by reason."""
    listed: Counter[str] = Counter()
    verified: Counter[str] = Counter()
    rejected: dict[str, Counter[str]] = {}

    for provider in providers:
        for profession in provider.professions:
            listed[profession.code] += 1
            verified[profession.code] += provider.verified

    for rejection in rejections:
        for code in rejection.professions:
            rejected.setdefault(code, Counter())[rejection.code] += 1

    codes = sorted(set(listed) | set(rejected))
    return {
        code: {"listed": listed[code], "verified": verified[code], "rejected_by_code": dict(rejected.get(code, Counter()))}
        for code in codes
    }


def read_registry_counts(path: Path) -> dict[str, int]:
    """Read a CSV of profession (code or Dutch label) and registered count, e.g.
    "persclinicalpsychologist;8000". A header line is optional."""
    text, _, _ = decode(path, allow_cp1252=True)
    separator = sniff_separator(text.split("\n", 1)[0])
    counts: dict[str, int] = {}

    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=separator), start=1):
        if len(row) < 2 or not row[0].strip():
            continue
        professions, _ = split_professions(row[0])
        count_text = row[1].strip().replace(".", "").replace(" ", "")
        if not count_text.isdigit():
            if number == 1:
                continue
            raise SourceReadError(str(path), f"regel {number}: aantal '{row[1]}' is geen geheel getal")
        if not professions:
            raise SourceReadError(str(path), f"regel {number}: onbekend beroep '{row[0]}'; gebruik een code uit professions.csv")
        counts[professions[0].code] = int(count_text)
    return counts


def coverage_rows(report: dict[str, object], registry_counts: dict[str, int]) -> list[CoverageRow]:
    """Return one row per profession in the list, from an import report's counts."""
    counts = report.get("coverage") or {}
    registered = {**(report.get("registry_counts") or {}), **registry_counts}
    rows: list[CoverageRow] = []

    for code, entry in taxonomy.professions().items():
        found = counts.get(code, {}) if isinstance(counts, dict) else {}
        rows.append(
            CoverageRow(
                code=code,
                label=entry.label,
                listed=int(found.get("listed", 0)),
                verified=int(found.get("verified", 0)),
                rejected_by_code=dict(found.get("rejected_by_code", {})),
                registered=registered.get(code),
            )
        )
    return rows


def _count(value: int | None) -> str:
    return "–" if value is None else f"{value:,}".replace(",", ".")


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def format_table(rows: list[CoverageRow]) -> str:
    """Return the rows as a plain-text table with Dutch headers."""
    header = ("Beroep", "Opgenomen", "Geweigerd", "Geverifieerd", "Geregistreerd", "Aandeel opgenomen", "Weigeringen per reden")
    lines = [
        (
            row.label,
            _count(row.listed),
            _count(row.rejected),
            _count(row.verified),
            _count(row.registered),
            _share(row.share_listed),
            ", ".join(f"{code} {count}" for code, count in sorted(row.rejected_by_code.items())) or "–",
        )
        for row in rows
    ]
    widths = [max(len(cells[column]) for cells in [header, *lines]) for column in range(len(header))]

    def render(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        numbers = [cell.rjust(width) for cell, width in zip(cells[1:-1], widths[1:-1])]
        return "  ".join([first, *numbers, cells[-1]])

    separator = "  ".join("-" * width for width in widths)
    return "\n".join([render(header), separator, *(render(cells) for cells in lines)])


def rows_as_json(rows: list[CoverageRow]) -> list[dict[str, object]]:
    return [
        {
            "code": row.code,
            "label": row.label,
            "listed": row.listed,
            "rejected": row.rejected,
            "rejected_by_code": row.rejected_by_code,
            "verified": row.verified,
            "registered": row.registered,
            "share_listed": row.share_listed,
        }
        for row in rows
    ]
