"""The engine seam: one request type, one result type, one Protocol for every engine."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from indexer.documents import SearchDocument
from indexer.record import Provider


class SortOrder(str, Enum):
    RELEVANCE = "relevance"
    DISTANCE = "distance"


@dataclass(frozen=True)
class GeoFilter:
    lat: float
    lon: float
    # None: no radius, every match is kept and the point only ranks and sorts.
    radius_km: float | None = None


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    geo: GeoFilter | None = None
    # Facet name -> selected values: OR within one facet, AND across facets.
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: SortOrder = SortOrder.RELEVANCE
    page: int = 1
    per_page: int = 20
    # "all": every query concept must match; "any": one is enough (used as a fallback).
    match: str = "all"


@dataclass(frozen=True)
class MatchExplanation:
    """Why a hit matched: the query words found, synonyms used, and typo corrections."""

    matched_terms: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    # Words of the provider's name, professions and rubrieken that matched, as written
    # there, for highlighting ("Psycholoog", "CGG").
    highlights: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    provider: Provider
    score: float
    distance_km: float | None = None
    explanation: MatchExplanation = MatchExplanation()


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class QueryInterpretation:
    """The engine's reading of the query text, shown to the user."""

    corrections: tuple[tuple[str, str], ...] = ()
    corrected_text: str | None = None
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]
    interpretation: QueryInterpretation = QueryInterpretation()
    took_ms: float = 0.0
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str
    count: int = 0


@dataclass(frozen=True)
class EngineHealth:
    engine: str
    ok: bool
    documents: int
    detail: str = ""
    generation: str | None = None


@dataclass(frozen=True)
class BuildReport:
    generation: str
    documents: int
    took_s: float


class EngineError(Exception):
    """Base class of engine failures that are not the user's fault."""


class EngineUnavailable(EngineError):
    """The engine cannot serve searches now (no index yet, node down), so retry later."""


class IndexBuildError(EngineError):
    """A new index generation failed validation; the serving one was kept."""


ProgressCallback = Callable[[int], None]


class Engine(Protocol):
    name: str

    def build(self, documents: Iterable[SearchDocument], progress: ProgressCallback | None = None) -> BuildReport:
        """Write a new index generation and switch to it only after it validated."""
        ...

    def upsert(self, documents: Iterable[SearchDocument]) -> int: ...

    def delete(self, provider_ids: Iterable[str]) -> int: ...

    def search(self, request: SearchRequest) -> SearchPage: ...

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]: ...

    def spelling_suggestion(self, text: str) -> str | None:
        """Return a close query made of common indexed words, for "Bedoelde u …?"."""
        ...

    def get(self, provider_id: str) -> Provider | None: ...

    def health(self) -> EngineHealth: ...

    def close(self) -> None: ...
