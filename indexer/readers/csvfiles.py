"""Decoding and splitting CSV sources: encoding, separator, header check."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from indexer.readers.base import SourceReadError
from indexer.readers.files import read_bytes

logger = logging.getLogger(__name__)

SEPARATORS = (";", ",")


@dataclass(frozen=True)
class CsvTable:
    """A decoded CSV file: its header, its data rows and how it was read."""

    header: list[str]
    rows: list[list[str]]
    encoding: str
    separator: str
    # Problems that did not stop the read, for the import report.
    warnings: tuple[str, ...] = ()


def decode(path: Path, allow_cp1252: bool) -> tuple[str, str, tuple[str, ...]]:
    """Return (text, encoding, warnings). UTF-8 with or without a byte order mark is the
    format; Windows-1252 is accepted only when `allow_cp1252`, with a warning, because
    Excel on Windows saves "CSV" in it and every byte sequence decodes, right or wrong."""
    data = read_bytes(path)
    try:
        return (data.decode("utf-8-sig"), "utf-8", ())
    except UnicodeDecodeError as error:
        if not allow_cp1252:
            raise SourceReadError(
                str(path), f"is geen geldige UTF-8 (byte {error.start}); bewaar het bestand als UTF-8 en probeer opnieuw"
            ) from error
        utf8_error = error

    warning = (
        f"{path}: not valid UTF-8 (byte {utf8_error.start}); read as Windows-1252. "
        "Check accented names, and save the file as UTF-8 next time."
    )
    logger.warning(warning)
    return (data.decode("cp1252", errors="replace"), "cp1252", (warning,))


def sniff_separator(header_line: str) -> str:
    """Return ";" or "," by which one splits the header line into more fields."""
    counts = {separator: header_line.count(separator) for separator in SEPARATORS}
    return max(SEPARATORS, key=lambda separator: counts[separator])


def normalise_header(name: str) -> str:
    return name.strip().lower()


def read_table(path: Path, required: Sequence[str], format_label: str, allow_cp1252: bool = False) -> CsvTable:
    """Decode and split a CSV file; raise SourceReadError when a required column is missing."""
    text, encoding, warnings = decode(path, allow_cp1252)
    header_line = text.split("\n", 1)[0]
    separator = sniff_separator(header_line)

    try:
        all_rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True))
    except csv.Error as error:
        raise SourceReadError(str(path), f"is geen geldige CSV ({error}); controleer de aanhalingstekens rond velden") from error

    if not all_rows:
        raise SourceReadError(str(path), "bestand is leeg; download of exporteer de bron opnieuw")

    header = [normalise_header(name) for name in all_rows[0]]
    missing = [name for name in required if name not in header]
    if missing:
        raise SourceReadError(
            str(path),
            f"verplichte kolom(men) ontbreken: {', '.join(missing)} voor een {format_label}-bestand "
            f"(kopregel: {', '.join(header) or 'leeg'}; scheidingsteken '{separator}')",
        )

    # Blank lines, such as a trailing newline at the end, are no records.
    rows = [row for row in all_rows[1:] if any(cell.strip() for cell in row)]
    return CsvTable(header=header, rows=rows, encoding=encoding, separator=separator, warnings=warnings)


@dataclass(frozen=True)
class CsvRecord:
    number: int  # 1 for the first data row; blank lines are not counted
    values: dict[str, str]  # stripped, by lowercase column name
    cell_count: int


def records(table: CsvTable) -> Iterator[CsvRecord]:
    """Yield each data row as a CsvRecord. A row with fewer cells than the header gets
    empty strings for the rest; `cell_count` lets a reader reject rows with too many."""
    width = len(table.header)
    for number, row in enumerate(table.rows, start=1):
        padded = row + [""] * (width - len(row))
        values = {name: padded[index].strip() for index, name in enumerate(table.header)}
        yield CsvRecord(number=number, values=values, cell_count=len(row))
