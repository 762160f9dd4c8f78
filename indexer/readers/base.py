"""Items that every source reader yields: accepted providers and rejected records with a reason."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from indexer.gazetteer import Gazetteer, default_gazetteer
from indexer.record import Provider


class SourceReadError(Exception):
    """A whole source could not be read (missing file, wrong format, unreadable encoding)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class Rejection:
    """One record that was not indexed, with where it came from and why.

    `code` is a stable machine-readable reason (e.g. "invalid_postcode"); `reason` is a
    Dutch sentence for curators.
    """

    source: str
    record_number: int
    code: str
    reason: str
    record_id: str | None = None
    # Profession codes of the record when the reader got that far, for the coverage
    # report per profession.
    professions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Accepted:
    record_number: int
    provider: Provider


ReadItem = Accepted | Rejection


@dataclass(frozen=True)
class RecordWarning:
    """A problem in a record that was still listed, with where it came from.

    `code` is stable (e.g. "invalid_phone"); `message` is a Dutch sentence for curators.
    """

    source: str
    record_number: int
    code: str
    message: str
    record_id: str | None = None


@dataclass(frozen=True)
class SourceRecord:
    """An accepted provider with the source file and record number it was read from."""

    source: str
    record_number: int
    provider: Provider


class GazetteerBackedReader:
    """Base of the readers that geocode and complete addresses with a gazetteer.

    The default gazetteer loads on first use, so picking a reader stays cheap.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        return self._gazetteer or default_gazetteer()


class SourceReader(Protocol):
    """Reads one file of one format, one item per record, in file order."""

    format_name: str

    def can_read(self, path: Path) -> bool: ...

    def read(self, path: Path) -> Iterator[ReadItem]: ...
