"""The embedded engine: SQLite FTS5 for text, an R*Tree for points, SQL for facets.

One index is one SQLite file. A build writes a new file beside it and renames it over
the serving one only after it validated, so a failed build never replaces the index
and a search never reads a half-built one. Serving connections notice the rename on
their next request and reopen.
"""

from __future__ import annotations

import gc
import logging
import math
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from analyzers.chain import Analyzer, AnalysedQuery, default_analyzer
from analyzers.text import fold
from analyzers.typos import Vocabulary, corrected_prefix
from indexer.documents import SearchDocument
from indexer.record import Provider
from mappings.fields import FACETS, STRONG_FIELDS, TEXT_FIELD_NAMES
import numpy as np

from searchapi.engines import ranking, sqlite_query
from searchapi.engines.explain import explain
from searchapi.engines.base import (
    BuildReport,
    EngineError,
    EngineHealth,
    EngineUnavailable,
    FacetCount,
    Hit,
    IndexBuildError,
    MatchExplanation,
    ProgressCallback,
    QueryInterpretation,
    SearchPage,
    SearchRequest,
    Suggestion,
)
from searchapi.engines.sqlite_columns import Columns, LruCache, TextMatches, haversine_many, load_columns
from searchapi.engines.sqlite_schema import SCHEMA_VERSION, schema_statements

logger = logging.getLogger(__name__)

INDEX_FILE_NAME = "index.sqlite"
BATCH_SIZE = 1000
# Parsed providers kept per generation, because the first pages of popular searches
# repeat. Cached providers are shared between requests and must not be modified.
PROVIDER_CACHE_ENTRIES = 5000


class QueryTimeout(EngineError):
    """A query ran longer than the configured time limit and was stopped."""


@dataclass
class _OpenIndex:
    """A thread's connection to one generation of the index file."""

    connection: sqlite3.Connection
    file_id: tuple[int, int]
    # perf_counter() value after which the running query is interrupted; infinite
    # between queries, so loading a generation's data is never cut short.
    deadline: float = math.inf


@dataclass
class _Generation:
    """Data loaded once per index generation and shared by all threads."""

    file_id: tuple[int, int]
    revision: str
    vocabulary: Vocabulary
    facet_labels: dict[tuple[str, str], str]
    columns: Columns
    text_matches: LruCache[str, TextMatches]
    providers: LruCache[int, Provider]


class SqliteEngine:
    name = "sqlite"

    def __init__(
        self,
        data_dir: Path,
        analyzer: Analyzer | None = None,
        query_time_limit_ms: int = 2000,
        text_cache_entries: int = 256,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / INDEX_FILE_NAME
        self.analyzer = analyzer or default_analyzer()
        self.query_time_limit_ms = query_time_limit_ms
        self.text_cache_entries = text_cache_entries
        self._local = threading.local()
        self._generation_lock = threading.Lock()
        self._generation: _Generation | None = None

    # ----------------------------------------------------------------- building

    def build(self, documents: Iterable[SearchDocument], progress: ProgressCallback | None = None) -> BuildReport:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        generation = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
        building = self.data_dir / f"{INDEX_FILE_NAME}.building-{generation}"

        try:
            count = self._write_new_file(building, documents, generation, progress)
            self._validate(building, count)
        except BaseException as error:
            building.unlink(missing_ok=True)
            if isinstance(error, (IndexBuildError, KeyboardInterrupt)):
                raise
            raise IndexBuildError(f"building the index failed, the serving index is unchanged: {error}") from error

        # os.replace is atomic on POSIX: a reader opens either the old or the new file.
        os.replace(building, self.path)
        took = time.perf_counter() - started
        logger.info("engine=sqlite built generation=%s documents=%d took_s=%.1f", generation, count, took)
        return BuildReport(generation=generation, documents=count, took_s=took)

    def _write_new_file(
        self,
        path: Path,
        documents: Iterable[SearchDocument],
        generation: str,
        progress: ProgressCallback | None,
    ) -> int:
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("PRAGMA cache_size = -65536")
            for statement in schema_statements():
                connection.execute(statement)

            writer = _DocumentWriter(connection, self.analyzer)
            iterator = iter(documents)
            while batch := list(islice(iterator, BATCH_SIZE)):
                writer.insert(batch)
                if progress:
                    progress(writer.count)

            writer.finish()
            meta = {
                "generation": generation,
                "revision": generation,
                "documents": str(writer.count),
                "schema_version": str(SCHEMA_VERSION),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
            connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
            connection.execute("INSERT INTO providers_fts (providers_fts) VALUES ('optimize')")
            connection.execute("ANALYZE")
            connection.commit()
            return writer.count
        finally:
            connection.close()

    def _validate(self, path: Path, expected: int) -> None:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
            providers = connection.execute("SELECT count(*) FROM providers").fetchone()[0]
            texts = connection.execute("SELECT count(*) FROM providers_fts").fetchone()[0]
        finally:
            connection.close()

        if check != "ok":
            raise IndexBuildError(f"the new index failed SQLite's integrity check: {check}")
        if providers != expected or texts != expected:
            raise IndexBuildError(
                f"the new index contains {providers} providers and {texts} text rows, expected {expected}"
            )

    # ------------------------------------------------------- incremental updates

    def upsert(self, documents: Iterable[SearchDocument]) -> int:
        connection = self._write_connection()
        try:
            writer = _DocumentWriter(connection, self.analyzer)
            batch = list(documents)
            ids = [document.id for document in batch]
            _delete_rows(connection, ids)
            writer.insert(batch)
            writer.finish(merge=True)
            self._bump_revision(connection)
            connection.commit()
            return len(batch)
        finally:
            connection.close()

    def delete(self, provider_ids: Iterable[str]) -> int:
        connection = self._write_connection()
        try:
            deleted = _delete_rows(connection, list(provider_ids))
            self._bump_revision(connection)
            connection.commit()
            return deleted
        finally:
            connection.close()

    def _write_connection(self) -> sqlite3.Connection:
        if not self.path.exists():
            raise EngineUnavailable(f"no index at {self.path}; build one with 'socialekaart index'")
        connection = sqlite3.connect(self.path, timeout=30)
        return connection

    @staticmethod
    def _bump_revision(connection: sqlite3.Connection) -> None:
        revision = f"{time.time_ns()}"
        connection.execute("UPDATE meta SET value = ? WHERE key = 'revision'", (revision,))
        count = connection.execute("SELECT count(*) FROM providers").fetchone()[0]
        connection.execute("UPDATE meta SET value = ? WHERE key = 'documents'", (str(count),))

    # --------------------------------------------------------------- connections

    def _open(self) -> _OpenIndex:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            raise EngineUnavailable(
                f"no index at {self.path}; build one with 'socialekaart index FILE' (scripts/start.sh builds the demo index)"
            ) from None

        file_id = (stat.st_ino, stat.st_dev)
        current: _OpenIndex | None = getattr(self._local, "index", None)
        if current is not None and current.file_id == file_id:
            return current

        if current is not None:
            current.connection.close()

        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        opened = _OpenIndex(connection, file_id)
        # SQLite calls the handler every 1,000 virtual-machine steps; a non-zero result
        # interrupts the running query, which enforces the time limit.
        connection.set_progress_handler(lambda: int(time.perf_counter() > opened.deadline), 1_000)
        self._local.index = opened
        return opened

    def _generation_data(self, index: _OpenIndex) -> _Generation:
        revision = index.connection.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0]
        loaded = self._generation
        if loaded is not None and loaded.file_id == index.file_id and loaded.revision == revision:
            return loaded

        with self._generation_lock:
            loaded = self._generation
            if loaded is not None and loaded.file_id == index.file_id and loaded.revision == revision:
                return loaded
            loaded = _load_generation(index.connection, index.file_id, revision, self.text_cache_entries)
            self._generation = loaded
            # The generation's arrays and dicts live until the next build; moving them
            # out of the collector's view keeps full collections short during searches.
            gc.freeze()
            return loaded

    def close(self) -> None:
        current: _OpenIndex | None = getattr(self._local, "index", None)
        if current is not None:
            current.connection.close()
            self._local.index = None

    # -------------------------------------------------------------------- search

    def analyse(self, text: str) -> AnalysedQuery:
        index = self._open()
        generation = self._generation_data(index)
        return self.analyzer.analyse_query(text, generation.vocabulary)

    def search(self, request: SearchRequest) -> SearchPage:
        started = time.perf_counter()
        index = self._open()
        generation = self._generation_data(index)

        analysed = self.analyzer.analyse_query(request.text, generation.vocabulary)
        match_expression = sqlite_query.fts_match_expression(analysed, request.match)

        # The limit counts from here: waiting for another thread to load a new
        # generation's data is not the query's own time.
        index.deadline = time.perf_counter() + self.query_time_limit_ms / 1000
        try:
            page = self._run_search(index.connection, generation, request, analysed, match_expression)
        except sqlite3.OperationalError as error:
            if "interrupted" in str(error):
                raise QueryTimeout(
                    f"the search took longer than {self.query_time_limit_ms} ms and was stopped"
                ) from error
            raise EngineError(f"the search failed in SQLite: {error}") from error
        finally:
            index.deadline = math.inf

        took_ms = (time.perf_counter() - started) * 1000
        logger.info("engine=sqlite hits=%d took_ms=%.1f", page.total, took_ms)
        logger.debug("engine=sqlite match=%r", match_expression)
        return SearchPage(
            total=page.total,
            hits=page.hits,
            facets=page.facets,
            interpretation=page.interpretation,
            took_ms=took_ms,
            warnings=page.warnings,
        )

    def _run_search(
        self,
        connection: sqlite3.Connection,
        generation: _Generation,
        request: SearchRequest,
        analysed: AnalysedQuery,
        match_expression: str | None,
    ) -> SearchPage:
        columns = generation.columns

        # Step 1: the text match, from FTS5 with BM25, or every document.
        text_scores = None
        weak = None
        if match_expression is None and request.geo is not None and request.geo.radius_km is not None:
            # Without text, the R*Tree narrows "everything" to the radius's bounding box.
            box = sqlite_query.bounding_box(request.geo.lat, request.geo.lon, request.geo.radius_km)
            query = sqlite_query.box_query(box)
            in_box = [row[0] for row in connection.execute(query.sql, query.params)]
            base = np.zeros(columns.size, dtype=bool)
            base[np.array(in_box, dtype=np.int64)] = True
        elif match_expression is None:
            base = columns.present.copy()
        else:
            matches = self._text_matches(connection, generation, analysed, request.match, match_expression)
            base = np.zeros(columns.size, dtype=bool)
            base[matches.docs] = True
            text_scores = np.zeros(columns.size)
            text_scores[matches.docs] = matches.scores
            weak = np.ones(columns.size, dtype=np.int64)
            weak[matches.strong_docs] = 0

        # Step 2: distance for every candidate, and the exact radius.
        distances = None
        if request.geo is not None:
            distances = np.full(columns.size, np.nan)
            candidates = np.flatnonzero(base)
            distances[candidates] = haversine_many(
                request.geo.lat, request.geo.lon, columns.lat[candidates], columns.lon[candidates]
            )
            if request.geo.radius_km is not None:
                with np.errstate(invalid="ignore"):
                    base &= distances <= request.geo.radius_km

        # Step 3: facet filters, OR within a facet and AND across facets.
        filter_masks = {
            facet: columns.facets[facet].docs_with_any(values, columns.size)
            if facet in columns.facets
            else np.zeros(columns.size, dtype=bool)
            for facet, values in request.filters.items()
        }
        matched = base.copy()
        for mask in filter_masks.values():
            matched &= mask

        facets = self._facets(columns, generation, request, base, filter_masks, matched)

        # Step 4: order and cut out the page.
        docs = np.flatnonzero(matched)
        if text_scores is None and distances is None:
            ordered_docs = columns.docs_by_name[matched[columns.docs_by_name]]
            ranked = ranking.Ranked(ordered_docs, np.ones(len(ordered_docs)), np.full(len(ordered_docs), np.nan))
        else:
            ranked = ranking.rank(
                docs,
                text_scores[docs] if text_scores is not None else None,
                weak[docs] if weak is not None else None,
                distances[docs] if distances is not None else None,
                columns.name_rank,
                request.sort,
                needed=request.page * request.per_page,
            )

        start = (request.page - 1) * request.per_page
        stop = start + request.per_page
        hits = self._hits(connection, generation, ranked, start, stop, analysed)
        return SearchPage(total=len(docs), hits=hits, facets=facets, interpretation=_interpretation(analysed))

    @staticmethod
    def _text_matches(
        connection: sqlite3.Connection,
        generation: _Generation,
        analysed: AnalysedQuery,
        match: str,
        expression: str,
    ) -> TextMatches:
        """Run the text match with BM25, and again limited to the strong fields."""
        cached = generation.text_matches.get(expression)
        if cached is not None:
            return cached

        query = sqlite_query.text_match_query(expression)
        rows = connection.execute(query.sql, query.params).fetchall()
        docs = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        scores = np.fromiter((row[1] for row in rows), dtype=np.float64, count=len(rows))

        strong_expression = sqlite_query.fts_match_expression(analysed, match, STRONG_FIELDS)
        strong_query = sqlite_query.text_match_docs_query(strong_expression)
        strong_docs = np.array([row[0] for row in connection.execute(strong_query.sql, strong_query.params)], dtype=np.int64)

        matches = TextMatches(docs, scores, strong_docs)
        generation.text_matches.put(expression, matches)
        return matches

    def _hits(
        self,
        connection: sqlite3.Connection,
        generation: _Generation,
        ranked: ranking.Ranked,
        start: int,
        stop: int,
        analysed: AnalysedQuery,
    ) -> list[Hit]:
        docs = [int(doc) for doc in ranked.docs[start:stop]]
        stored = self._stored_providers(connection, generation, docs)

        hits = []
        for offset, doc in enumerate(docs):
            position = start + offset
            distance = float(ranked.distances[position])
            provider, analysed_text = stored[doc]
            hits.append(
                Hit(
                    provider=provider,
                    score=float(ranked.scores[position]),
                    distance_km=None if np.isnan(distance) else distance,
                    explanation=_explain(self.analyzer, analysed, provider, analysed_text),
                )
            )
        return hits

    @staticmethod
    def _stored_providers(
        connection: sqlite3.Connection, generation: _Generation, docs: list[int]
    ) -> dict[int, tuple[Provider, str]]:
        """Return (provider, analysed text) per doc, from the cache or from SQLite."""
        found = {doc: cached for doc in docs if (cached := generation.providers.get(doc)) is not None}
        missing = [doc for doc in docs if doc not in found]
        if not missing:
            return found

        placeholders = ", ".join("?" for _ in missing)
        raw = dict(connection.execute(f"SELECT rowid, doc FROM providers WHERE rowid IN ({placeholders})", missing))
        texts = {
            row[0]: " ".join(filter(None, row[1:]))
            for row in connection.execute(
                f"SELECT rowid, {', '.join(TEXT_FIELD_NAMES)} FROM providers_fts WHERE rowid IN ({placeholders})",
                missing,
            )
        }
        for doc in missing:
            entry = (Provider.model_validate_json(raw[doc]), texts.get(doc, ""))
            generation.providers.put(doc, entry)
            found[doc] = entry
        return found

    def _facets(
        self,
        columns: Columns,
        generation: _Generation,
        request: SearchRequest,
        base: np.ndarray,
        filter_masks: dict[str, np.ndarray],
        matched: np.ndarray,
    ) -> dict[str, list[FacetCount]]:
        results = {}
        matched_docs = np.flatnonzero(matched)
        for facet in FACETS:
            column = columns.facets.get(facet)
            selected = request.filters.get(facet, ())
            if column is None:
                results[facet] = _facet_list(facet, {}, selected, generation)
                continue

            # A facet with a selection counts as if its own selection were not made,
            # so the user sees how many each other value would add (multi-select).
            if facet in filter_masks:
                mask = base.copy()
                for other, other_mask in filter_masks.items():
                    if other != facet:
                        mask &= other_mask
                docs = np.flatnonzero(mask)
            else:
                docs = matched_docs
            results[facet] = _facet_list(facet, column.count(docs), selected, generation)
        return results

    # ------------------------------------------------------------ other lookups

    def get(self, provider_id: str) -> Provider | None:
        index = self._open()
        row = index.connection.execute("SELECT doc FROM providers WHERE id = ?", (provider_id,)).fetchone()
        return Provider.model_validate_json(row[0]) if row else None

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Complete a prefix; when nothing starts with it, retry with its last word corrected."""
        key = " ".join(fold(prefix).split())
        if not key:
            return []

        index = self._open()
        found = self._suggestions(index.connection, key, limit)
        if found:
            return found

        corrected = corrected_prefix(key, self._generation_data(index).vocabulary)
        return self._suggestions(index.connection, corrected, limit) if corrected else []

    @staticmethod
    def _suggestions(connection: sqlite3.Connection, key: str, limit: int) -> list[Suggestion]:
        rows = connection.execute(
            "SELECT label, kind, max(weight) AS weight FROM suggestions"
            " WHERE key >= ? AND key < ? GROUP BY label, kind"
            " ORDER BY weight DESC, label LIMIT ?",
            (key, key + "\uffff", limit),
        ).fetchall()
        return [Suggestion(text=label, kind=kind, count=weight) for label, kind, weight in rows]

    def spelling_suggestion(self, text: str) -> str | None:
        index = self._open()
        return self.analyzer.suggest_spelling(text, self._generation_data(index).vocabulary)

    def health(self) -> EngineHealth:
        try:
            index = self._open()
            meta = dict(index.connection.execute("SELECT key, value FROM meta"))
        except (EngineUnavailable, sqlite3.Error) as error:
            return EngineHealth(engine=self.name, ok=False, documents=0, detail=str(error))
        return EngineHealth(
            engine=self.name,
            ok=True,
            documents=int(meta.get("documents", 0)),
            generation=meta.get("generation"),
        )


class _DocumentWriter:
    """Writes documents in batches into all tables of one open index file."""

    def __init__(self, connection: sqlite3.Connection, analyzer: Analyzer) -> None:
        self.connection = connection
        self.analyzer = analyzer
        self.count = 0
        self.vocabulary: Counter[str] = Counter()
        self.suggestions: Counter[tuple[str, str]] = Counter()
        self.facet_labels: dict[tuple[str, str], str] = {}

    def insert(self, documents: list[SearchDocument]) -> None:
        provider_rows = []
        text_rows = []
        geo_rows = []
        facet_rows = []

        next_rowid = self._next_rowid()
        for offset, document in enumerate(documents):
            rowid = next_rowid + offset
            provider_rows.append(
                (rowid, document.id, document.sort_name, document.lat, document.lon, document.provider.model_dump_json())
            )
            text_rows.append((rowid, *self._analysed_fields(document)))
            if document.lat is not None and document.lon is not None:
                geo_rows.append((rowid, document.lat, document.lat, document.lon, document.lon))
            for facet, values in document.facets.items():
                for value in values:
                    facet_rows.append((facet, value.value, rowid))
                    self.facet_labels.setdefault((facet, value.value), value.label)
            for kind, label in document.suggestions:
                self.suggestions[(kind, label)] += 1

        try:
            self.connection.executemany(
                "INSERT INTO providers (rowid, id, sort_name, lat, lon, doc) VALUES (?, ?, ?, ?, ?, ?)",
                provider_rows,
            )
        except sqlite3.IntegrityError as error:
            duplicates = [id_ for id_, count in Counter(row[1] for row in provider_rows).items() if count > 1]
            raise IndexBuildError(f"duplicate provider ids in one build: {duplicates[:5] or error}") from error

        columns = ", ".join(("rowid", *TEXT_FIELD_NAMES))
        placeholders = ", ".join("?" for _ in range(len(TEXT_FIELD_NAMES) + 1))
        self.connection.executemany(f"INSERT INTO providers_fts ({columns}) VALUES ({placeholders})", text_rows)
        self.connection.executemany("INSERT INTO provider_geo VALUES (?, ?, ?, ?, ?)", geo_rows)
        self.connection.executemany("INSERT OR IGNORE INTO provider_facets VALUES (?, ?, ?)", facet_rows)
        self.count += len(documents)

    def _next_rowid(self) -> int:
        row = self.connection.execute("SELECT coalesce(max(rowid), 0) + 1 FROM providers").fetchone()
        return row[0]

    def _analysed_fields(self, document: SearchDocument) -> list[str]:
        values = []
        all_stems: list[str] = []
        words: set[str] = set()
        for field_name in TEXT_FIELD_NAMES:
            if field_name == "parts":
                continue
            text = document.text.get(field_name, "")
            stems, field_words = self.analyzer.terms_and_words(text)
            all_stems.extend(stems)
            words.update(field_words)
            values.append(" ".join(stems))

        self.vocabulary.update(words)
        parts = self.analyzer.compound_parts(all_stems)
        values.append(" ".join(parts))
        return values

    def finish(self, merge: bool = False) -> None:
        """Write the vocabulary, facet labels and suggestions collected so far."""
        if merge:
            vocabulary_sql = (
                "INSERT INTO vocabulary (word, doc_count) VALUES (?, ?)"
                " ON CONFLICT (word) DO UPDATE SET doc_count = doc_count + excluded.doc_count"
            )
            suggestion_sql = (
                "INSERT INTO suggestions (key, label, kind, weight) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (key, kind, label) DO UPDATE SET weight = weight + excluded.weight"
            )
        else:
            vocabulary_sql = "INSERT INTO vocabulary (word, doc_count) VALUES (?, ?)"
            suggestion_sql = "INSERT INTO suggestions (key, label, kind, weight) VALUES (?, ?, ?, ?)"

        self.connection.executemany(vocabulary_sql, self.vocabulary.items())
        self.connection.executemany(
            "INSERT OR REPLACE INTO facet_labels VALUES (?, ?, ?)",
            [(facet, value, label) for (facet, value), label in self.facet_labels.items()],
        )
        self.connection.executemany(suggestion_sql, _suggestion_rows(self.suggestions))


def _suggestion_rows(suggestions: Counter[tuple[str, str]]) -> Iterator[tuple[str, str, str, int]]:
    """Yield one row per word start of each label, so "psy" finds "klinisch psycholoog"."""
    for (kind, label), weight in suggestions.items():
        words = fold(label).split()
        keys = dict.fromkeys(" ".join(words[position:]) for position in range(len(words)))
        for key in keys:
            if key:
                yield key, label, kind, weight


def _delete_rows(connection: sqlite3.Connection, provider_ids: list[str]) -> int:
    deleted = 0
    for provider_id in provider_ids:
        row = connection.execute("SELECT rowid FROM providers WHERE id = ?", (provider_id,)).fetchone()
        if row is None:
            continue
        rowid = row[0]
        connection.execute("DELETE FROM providers WHERE rowid = ?", (rowid,))
        connection.execute("DELETE FROM providers_fts WHERE rowid = ?", (rowid,))
        connection.execute("DELETE FROM provider_geo WHERE id = ?", (rowid,))
        connection.execute("DELETE FROM provider_facets WHERE doc = ?", (rowid,))
        deleted += 1
    return deleted


def _load_generation(
    connection: sqlite3.Connection, file_id: tuple[int, int], revision: str, cache_entries: int
) -> _Generation:
    vocabulary = Vocabulary(connection.execute("SELECT word, doc_count FROM vocabulary"))
    columns = load_columns(connection)
    return _Generation(
        file_id,
        revision,
        vocabulary,
        columns.labels(),
        columns,
        LruCache(cache_entries),
        LruCache(PROVIDER_CACHE_ENTRIES if cache_entries else 0),
    )


def _facet_list(
    facet: str,
    counts: dict[str, int],
    selected: tuple[str, ...],
    generation: _Generation,
) -> list[FacetCount]:
    values = [
        FacetCount(
            value=value,
            label=generation.facet_labels.get((facet, value), value),
            count=count,
            selected=value in selected,
        )
        for value, count in counts.items()
        if count > 0
    ]
    # A selected value stays visible even when nothing matches it any more.
    present = {value.value for value in values}
    values.extend(
        FacetCount(value, generation.facet_labels.get((facet, value), value), 0, True)
        for value in selected
        if value not in present
    )
    if facet == "rubriek":
        values.sort(key=lambda value: value.value)
    else:
        values.sort(key=lambda value: (-value.count, value.label))
    return values


def _interpretation(analysed: AnalysedQuery) -> QueryInterpretation:
    synonyms = (
        alternative.label
        for clause in analysed.clauses
        for alternative in clause.alternatives
        if alternative.origin == "synonym"
    )
    return QueryInterpretation(
        corrections=tuple((correction.typed, correction.corrected) for correction in analysed.corrections),
        corrected_text=analysed.corrected_text() if analysed.corrections else None,
        synonyms=tuple(dict.fromkeys(synonyms)),
    )


def _explain(analyzer: Analyzer, analysed: AnalysedQuery, provider: Provider, analysed_text: str) -> MatchExplanation:
    """Explain a hit from its stored stems: per clause, the first alternative whose stems all occur."""
    present = set(analysed_text.split())
    matched = []
    for clause_number, clause in enumerate(analysed.clauses):
        for number, alternative in enumerate(clause.alternatives):
            if all(stem in present for stem in alternative.stems):
                matched.append((clause_number, number))
                break
    return explain(analyzer, analysed, provider, matched)
