"""In-memory columns of one index generation, for filtering, facets and ranking.

SQLite finds the text matches; everything after that (radius, filters, facet counts,
ordering) runs on numpy arrays indexed by rowid. Counting facets with SQL over a few
thousand matches took tens of milliseconds; with arrays it takes well under one.
The arrays are loaded once per generation and shared by all threads, read-only.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from searchapi.engines.sqlite_query import EARTH_RADIUS_KM

Key = TypeVar("Key")
Value = TypeVar("Value")


@dataclass(frozen=True)
class FacetColumn:
    """One facet as (document, value) pairs grouped by value, like a posting list."""

    values: list[str]
    labels: list[str]
    value_ids: dict[str, int]
    pair_docs: np.ndarray
    pair_values: np.ndarray
    # Pairs of value v are pair_docs[offsets[v]:offsets[v + 1]].
    offsets: np.ndarray
    # Row per document with its value ids, padded with -1: counting a few thousand
    # matches then reads only their rows instead of every pair of the facet.
    doc_values: np.ndarray

    def docs_with_any(self, selected: tuple[str, ...], size: int) -> np.ndarray:
        """Return a mask of the documents that have at least one of the selected values."""
        mask = np.zeros(size, dtype=bool)
        for value in selected:
            value_id = self.value_ids.get(value)
            if value_id is None:
                continue
            mask[self.pair_docs[self.offsets[value_id] : self.offsets[value_id + 1]]] = True
        return mask

    def count(self, docs: np.ndarray) -> dict[str, int]:
        """Count each value over the given documents; values with 0 are left out."""
        rows = self.doc_values[docs].ravel()
        counts = np.bincount(rows[rows >= 0], minlength=len(self.values))
        return {self.values[value_id]: int(counts[value_id]) for value_id in np.flatnonzero(counts)}


@dataclass(frozen=True)
class Columns:
    size: int
    present: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    # Position of each document in (sort_name, id) order: the final tie-breaker.
    name_rank: np.ndarray
    # Documents in name order, for listing without a query.
    docs_by_name: np.ndarray
    facets: dict[str, FacetColumn]

    def labels(self) -> dict[tuple[str, str], str]:
        return {
            (facet, value): column.labels[value_id]
            for facet, column in self.facets.items()
            for value, value_id in column.value_ids.items()
        }


def load_columns(connection: sqlite3.Connection) -> Columns:
    rows = connection.execute("SELECT rowid, lat, lon FROM providers").fetchall()
    size = (max((row[0] for row in rows), default=0)) + 1

    present = np.zeros(size, dtype=bool)
    lat = np.full(size, np.nan)
    lon = np.full(size, np.nan)
    for rowid, row_lat, row_lon in rows:
        present[rowid] = True
        if row_lat is not None and row_lon is not None:
            lat[rowid] = row_lat
            lon[rowid] = row_lon

    ordered = [row[0] for row in connection.execute("SELECT rowid FROM providers ORDER BY sort_name, id")]
    docs_by_name = np.array(ordered, dtype=np.int64)
    name_rank = np.full(size, len(ordered), dtype=np.int64)
    name_rank[docs_by_name] = np.arange(len(ordered))

    return Columns(size, present, lat, lon, name_rank, docs_by_name, _load_facets(connection, size))


def _doc_value_table(pair_docs: np.ndarray, pair_values: np.ndarray, size: int) -> np.ndarray:
    """Lay the (doc, value) pairs out as one padded row of value ids per document."""
    per_doc = np.bincount(pair_docs, minlength=size)
    width = max(1, int(per_doc.max(initial=0)))
    table = np.full((size, width), -1, dtype=np.int32)

    order = np.argsort(pair_docs, kind="stable")
    sorted_docs = pair_docs[order]
    first_of_doc = np.searchsorted(sorted_docs, sorted_docs, side="left")
    slot = np.arange(len(sorted_docs)) - first_of_doc
    table[sorted_docs, slot] = pair_values[order]
    return table


def _load_facets(connection: sqlite3.Connection, size: int) -> dict[str, FacetColumn]:
    labels = {(facet, value): label for facet, value, label in connection.execute("SELECT facet, value, label FROM facet_labels")}
    pairs: dict[str, tuple[list[str], list[int], list[int]]] = {}
    for facet, value, doc in connection.execute("SELECT facet, value, doc FROM provider_facets ORDER BY facet, value, doc"):
        values, pair_docs, pair_values = pairs.setdefault(facet, ([], [], []))
        if not values or values[-1] != value:
            values.append(value)
        pair_docs.append(doc)
        pair_values.append(len(values) - 1)

    columns = {}
    for facet, (values, pair_docs, pair_values) in pairs.items():
        value_array = np.array(pair_values, dtype=np.int64)
        doc_array = np.array(pair_docs, dtype=np.int64)
        offsets = np.searchsorted(value_array, np.arange(len(values) + 1))
        columns[facet] = FacetColumn(
            values=values,
            labels=[labels.get((facet, value), value) for value in values],
            value_ids={value: index for index, value in enumerate(values)},
            pair_docs=doc_array,
            pair_values=value_array,
            offsets=offsets,
            doc_values=_doc_value_table(doc_array, value_array, size),
        )
    return columns


def haversine_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances in km from one point to many; NaN where a point is missing."""
    phi1 = math.radians(lat)
    phi2 = np.radians(lats)
    dphi = phi2 - phi1
    dlambda = np.radians(lons - lon)
    a = np.sin(dphi / 2) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


@dataclass(frozen=True)
class TextMatches:
    docs: np.ndarray
    scores: np.ndarray
    # The subset of docs that match in the strong fields (name, profession, rubriek).
    strong_docs: np.ndarray


class LruCache(Generic[Key, Value]):
    """A bounded, thread-safe map that evicts the least recently used entry first.

    One lives per index generation: people repeat the same few words ("huisarts",
    "psycholoog") and page or filter within one search, so text matches and stored
    providers are reused. A new generation or revision starts empty, so nothing
    goes stale.
    """

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Key, Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> Value | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Key, value: Value) -> None:
        if self.max_entries <= 0:
            return
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
