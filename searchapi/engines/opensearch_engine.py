"""The scale-out engine: OpenSearch behind an alias, one new index per build.

A build creates `<alias>-<generation>`, writes every document, validates the count
and then moves the alias in one `_aliases` request, so searches see either the old
or the new index and never a half-built one. Text is analysed by the index analyzer
rendered from `analyzers/`. Queries are analysed in Python by the same Analyzer
(typo correction against the index vocabulary, synonyms, compound parts) and sent as
stems, so both engines match the same documents.
"""

from __future__ import annotations

import json
import logging
import queue
import re
import threading
import time
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as TransportConnectionError
from opensearchpy.exceptions import NotFoundError, OpenSearchException, TransportError
from opensearchpy.helpers import streaming_bulk

from analyzers.chain import Analyzer, AnalysedQuery, default_analyzer
from analyzers.text import fold
from analyzers.typos import Vocabulary, corrected_prefix
from indexer.documents import SearchDocument
from searchapi.engines.opensearch_serializer import OrjsonSerializer
from indexer.record import Provider
from mappings.fields import FACETS
from mappings.opensearch import DOC_TYPE_PROVIDER, LABEL_SEPARATOR, render_index_body
from searchapi.engines import opensearch_documents, opensearch_query
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
from searchapi.engines.sqlite_query import haversine_km
from searchapi.settings import Settings

logger = logging.getLogger(__name__)

JsonObject = dict[str, Any]
T = TypeVar("T")

BULK_CHUNK_SIZE = 500
BULK_REQUESTS_IN_FLIGHT = 2
BULK_LOAD_SETTINGS = {"refresh_interval": "-1", "translog.durability": "async"}
SERVING_SETTINGS = {"refresh_interval": "1s", "translog.durability": "request"}
# streaming_bulk retries only documents rejected with 429, backing off 1, 2, 4, ... s.
BULK_MAX_RETRIES = 5
BULK_MAX_BACKOFF_S = 30
# Errors listed in an IndexBuildError; the rest are only counted.
REPORTED_ERRORS = 5
# How long a loaded vocabulary is trusted before the alias and revision are checked
# again, to notice a build or update by another process.
GENERATION_CHECK_INTERVAL_S = 5.0
MAX_RESULT_WINDOW = 10_000

_ALIAS_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass
class _Generation:
    """Data loaded once per index generation and revision, shared by all threads."""

    index: str
    revision: str
    vocabulary: Vocabulary
    facet_labels: dict[tuple[str, str], str]
    checked_at: float


class OpenSearchEngine:
    name = "opensearch"

    def __init__(
        self,
        url: str,
        index_alias: str,
        analyzer: Analyzer | None = None,
        timeout_s: float = 10.0,
        replicas: int = 0,
    ) -> None:
        if not _ALIAS_NAME.match(index_alias):
            raise ValueError(
                f"invalid OpenSearch alias {index_alias!r}: use lowercase letters, digits, '-', '_' and '.'"
            )
        self.url = url
        self.alias = index_alias
        self.analyzer = analyzer or default_analyzer()
        self.timeout_s = timeout_s
        self.replicas = replicas
        self.client = OpenSearch(
            hosts=[url],
            timeout=timeout_s,
            max_retries=0,
            retry_on_timeout=False,
            serializer=OrjsonSerializer(),
            # Bulk threads and request threads share the client; one connection each.
            pool_maxsize=max(BULK_REQUESTS_IN_FLIGHT + 2, 8),
        )
        self._generation_pattern = re.compile(rf"^{re.escape(index_alias)}-\d{{14}}-\d{{9}}$")
        self._generation_lock = threading.Lock()
        self._generation: _Generation | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenSearchEngine:
        return cls(
            url=settings.opensearch_url,
            index_alias=settings.opensearch_index,
            timeout_s=settings.opensearch_timeout_s,
            replicas=settings.opensearch_replicas,
        )

    def close(self) -> None:
        self.client.close()

    # ----------------------------------------------------------------- building

    def build(self, documents: Iterable[SearchDocument], progress: ProgressCallback | None = None) -> BuildReport:
        started = time.perf_counter()
        generation = time.strftime("%Y%m%d%H%M%S") + f"-{time.time_ns() % 1_000_000_000:09d}"
        index = f"{self.alias}-{generation}"
        body = render_index_body(replicas=self.replicas)
        body["mappings"]["_meta"].update({"generation": index, "revision": generation})
        # No search reaches a generation before the alias points at it, so skip periodic
        # refreshes and per-request translog syncs while it loads.
        body["settings"]["index"].update(BULK_LOAD_SETTINGS)

        self._call(lambda: self.client.indices.create(index=index, body=body))
        try:
            count = self._write_generation(index, documents, progress)
            self._validate(index, count)
            previous = self._swap_alias(index)
        except BaseException as error:
            self._delete_quietly(index)
            if isinstance(error, (IndexBuildError, KeyboardInterrupt)):
                raise
            raise IndexBuildError(f"building the index failed, the serving index is unchanged: {error}") from error

        self._delete_old_generations(index, previous)
        self._forget_generation()

        took = time.perf_counter() - started
        logger.info("engine=opensearch built generation=%s documents=%d took_s=%.1f", index, count, took)
        return BuildReport(generation=index, documents=count, took_s=took)

    def _write_generation(
        self,
        index: str,
        documents: Iterable[SearchDocument],
        progress: ProgressCallback | None,
    ) -> int:
        suggestions: Counter[tuple[str, str]] = Counter()
        written = 0

        def action_batches() -> Iterator[tuple[list[SearchDocument], list[JsonObject]]]:
            iterator = iter(documents)
            while batch := list(islice(iterator, BULK_CHUNK_SIZE)):
                actions = [opensearch_documents.provider_action(doc, self.analyzer, index, "create") for doc in batch]
                yield batch, actions

        # A thread builds the next batch in Python while OpenSearch indexes earlier ones,
        # and BULK_REQUESTS_IN_FLIGHT bulk requests run at once to keep the node busy.
        in_flight: deque[tuple[Future[None], int]] = deque()
        with ThreadPoolExecutor(max_workers=BULK_REQUESTS_IN_FLIGHT, thread_name_prefix="bulk") as pool:
            for batch, actions in prefetched(action_batches(), depth=2):
                suggestions.update(opensearch_documents.count_suggestions(batch))
                in_flight.append((pool.submit(self._bulk, actions), len(batch)))
                while len(in_flight) >= BULK_REQUESTS_IN_FLIGHT or (in_flight and in_flight[0][0].done()):
                    future, size = in_flight.popleft()
                    future.result()
                    written += size
                    if progress:
                        progress(written)
            while in_flight:
                future, size = in_flight.popleft()
                future.result()
                written += size
                if progress:
                    progress(written)

        self._bulk(opensearch_documents.suggestion_actions(suggestions, index, merge=False))
        self._call(lambda: self.client.indices.put_settings(index=index, body={"index": SERVING_SETTINGS}))
        self._call(lambda: self.client.indices.refresh(index=index))
        return written

    def _bulk(self, actions: Iterable[JsonObject]) -> None:
        """Write actions in chunks; raise IndexBuildError listing the first failed documents."""
        failures: list[str] = []
        failed = 0
        results = streaming_bulk(
            self.client,
            actions,
            chunk_size=BULK_CHUNK_SIZE,
            max_retries=BULK_MAX_RETRIES,
            initial_backoff=1,
            max_backoff=BULK_MAX_BACKOFF_S,
            raise_on_error=False,
            yield_ok=False,
        )
        for ok, item in self._call(lambda: list(results)):
            if ok:
                continue
            failed += 1
            if len(failures) < REPORTED_ERRORS:
                failures.append(_describe_bulk_error(item))

        if failed:
            raise IndexBuildError(f"{failed} documents were rejected by OpenSearch: " + "; ".join(failures))

    def _validate(self, index: str, expected: int) -> None:
        found = self._call(lambda: self.client.count(index=index, body=opensearch_query.count_body()))["count"]
        if found != expected:
            raise IndexBuildError(f"the new index {index} contains {found} providers, expected {expected}")

    def _swap_alias(self, index: str) -> list[str]:
        """Point the alias at `index` in one atomic request; return the indices it left."""
        previous = self._alias_targets()
        actions: list[JsonObject] = [{"remove": {"index": old, "alias": self.alias}} for old in previous]
        actions.append({"add": {"index": index, "alias": self.alias}})
        self._call(lambda: self.client.indices.update_aliases(body={"actions": actions}))
        return previous

    def _alias_targets(self) -> list[str]:
        # ignore=404: a first build finds no alias, which is no failure worth a log line.
        found = self._call(lambda: self.client.indices.get_alias(name=self.alias, ignore=404))
        if found.get("status") == 404:
            return []
        return sorted(found)

    def _delete_old_generations(self, current: str, previous: list[str]) -> None:
        """Delete the indices the alias left and older generations left by killed builds.

        NOTE: two builds of one alias at the same time are not supported, because an
        older generation that another process is still building is deleted too.
        """
        found = self._call(lambda: self.client.indices.get(index=f"{self.alias}-*", expand_wildcards="open,closed"))
        stale = {name for name in found if self._generation_pattern.match(name) and name < current}
        for index in sorted(stale | set(previous)):
            if index != current:
                self._delete_quietly(index)

    def _delete_quietly(self, index: str) -> None:
        try:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        except OpenSearchException as error:
            logger.warning("engine=opensearch could not delete index=%s: %s", index, error)

    # ------------------------------------------------------- incremental updates

    def upsert(self, documents: Iterable[SearchDocument]) -> int:
        index = self._serving_index()
        batch = list(documents)
        actions = [opensearch_documents.provider_action(doc, self.analyzer, index, "index") for doc in batch]
        suggestions = opensearch_documents.count_suggestions(batch)
        self._write_update(index, [*actions, *opensearch_documents.suggestion_actions(suggestions, index, merge=True)])
        logger.info("engine=opensearch upserted documents=%d index=%s", len(batch), index)
        return len(batch)

    def delete(self, provider_ids: Iterable[str]) -> int:
        index = self._serving_index()
        ids = list(dict.fromkeys(provider_ids))
        if not ids:
            return 0

        response = self._call(lambda: self.client.mget(index=index, body={"ids": ids}, _source_includes=["doc_type"]))
        existing = [
            doc["_id"]
            for doc in response["docs"]
            if doc.get("found") and doc["_source"].get("doc_type") == DOC_TYPE_PROVIDER
        ]
        actions = [{"_op_type": "delete", "_index": index, "_id": provider_id} for provider_id in existing]
        self._write_update(index, actions)
        logger.info("engine=opensearch deleted documents=%d index=%s", len(existing), index)
        return len(existing)

    def _write_update(self, index: str, actions: list[JsonObject]) -> None:
        """Write, refresh so that the next search finds the change, and record a new revision."""
        try:
            self._bulk(actions)
        except IndexBuildError as error:
            raise EngineError(f"updating index {index} failed: {error}") from error

        self._call(lambda: self.client.indices.refresh(index=index))
        meta = self._index_meta(index)
        meta["revision"] = str(time.time_ns())
        self._call(lambda: self.client.indices.put_mapping(index=index, body={"_meta": meta}))
        self._forget_generation()

    def _serving_index(self) -> str:
        try:
            targets = self._call(lambda: self.client.indices.get_alias(name=self.alias))
        except _AliasMissing:
            raise self._no_index_error() from None
        if len(targets) != 1:
            raise EngineError(f"alias {self.alias} points to {len(targets)} indices {sorted(targets)}; expected one")
        return next(iter(targets))

    def _index_meta(self, index: str) -> JsonObject:
        mapping = self._call(lambda: self.client.indices.get_mapping(index=index))
        return dict(mapping[index]["mappings"].get("_meta", {}))

    # ------------------------------------------------------------- generations

    def _current_generation(self) -> _Generation:
        loaded = self._generation
        now = time.monotonic()
        if loaded is not None and now - loaded.checked_at < GENERATION_CHECK_INTERVAL_S:
            return loaded

        with self._generation_lock:
            loaded = self._generation
            if loaded is not None and now - loaded.checked_at < GENERATION_CHECK_INTERVAL_S:
                return loaded
            index, revision = self._alias_revision()
            if loaded is not None and (loaded.index, loaded.revision) == (index, revision):
                loaded.checked_at = now
                return loaded
            loaded = self._load_generation(index, revision, now)
            self._generation = loaded
            return loaded

    def _alias_revision(self) -> tuple[str, str]:
        try:
            mappings = self._call(lambda: self.client.indices.get_mapping(index=self.alias))
        except _AliasMissing:
            raise self._no_index_error() from None
        index, mapping = next(iter(mappings.items()))
        return index, str(mapping["mappings"].get("_meta", {}).get("revision", ""))

    def _load_generation(self, index: str, revision: str, now: float) -> _Generation:
        vocabulary = Vocabulary((word, count) for word, count in self._all_values(index, "words"))
        labels: dict[tuple[str, str], str] = {}
        for entry, _ in self._all_values(index, "facet_labels"):
            facet, value, label = entry.split(LABEL_SEPARATOR, 2)
            labels.setdefault((facet, value), label)
        logger.info("engine=opensearch loaded index=%s revision=%s words=%d", index, revision, len(vocabulary))
        return _Generation(index, revision, vocabulary, labels, now)

    def _all_values(self, index: str, field: str) -> Iterator[tuple[str, int]]:
        """Yield every value of a keyword field with its document count, page by page."""
        after: JsonObject | None = None
        while True:
            body = opensearch_query.composite_terms_body(field, after)
            result = self._call(lambda: self.client.search(index=index, body=body))["aggregations"]["values"]
            for bucket in result["buckets"]:
                yield bucket["key"]["value"], bucket["doc_count"]
            after = result.get("after_key")
            if not result["buckets"] or after is None:
                return

    def _forget_generation(self) -> None:
        with self._generation_lock:
            self._generation = None

    # -------------------------------------------------------------------- search

    def analyse(self, text: str) -> AnalysedQuery:
        return self.analyzer.analyse_query(text, self._current_generation().vocabulary)

    def search(self, request: SearchRequest) -> SearchPage:
        started = time.perf_counter()
        generation = self._current_generation()
        analysed = self.analyzer.analyse_query(request.text, generation.vocabulary)
        body = opensearch_query.search_body(request, analysed, MAX_RESULT_WINDOW)
        logger.debug("engine=opensearch query=%s", json.dumps(body, ensure_ascii=False))

        response = self._search_serving(body)
        hits = [_hit(raw, request, analysed, self.analyzer) for raw in response["hits"]["hits"]]
        total = response["hits"]["total"]["value"]
        facets = _facets(response["aggregations"], request.filters, generation.facet_labels)

        warnings: tuple[str, ...] = ()
        start = (request.page - 1) * request.per_page
        if start + request.per_page > MAX_RESULT_WINDOW and total > MAX_RESULT_WINDOW:
            warnings = (f"only the first {MAX_RESULT_WINDOW} results can be paged through; refine the search",)

        took_ms = (time.perf_counter() - started) * 1000
        logger.info("engine=opensearch hits=%d took_ms=%.1f", total, took_ms)
        return SearchPage(
            total=total,
            hits=hits,
            facets=facets,
            interpretation=_interpretation(analysed),
            took_ms=took_ms,
            warnings=warnings,
        )

    def _search_serving(self, body: JsonObject) -> JsonObject:
        """Search the alias, retrying once when a rebuild deleted the index mid-request."""
        for attempt in (1, 2):
            try:
                response = self._call(lambda: self.client.search(index=self.alias, body=body))
            except _AliasMissing:
                if attempt == 2:
                    raise self._no_index_error() from None
                continue
            if response["_shards"].get("failed", 0) == 0:
                return response
            if attempt == 2:
                reason = json.dumps(response["_shards"].get("failures", [])[:1])
                raise EngineError(f"the search failed on {response['_shards']['failed']} shards: {reason}")
        raise AssertionError("unreachable")

    # ------------------------------------------------------------ other lookups

    def get(self, provider_id: str) -> Provider | None:
        try:
            response = self._call(
                lambda: self.client.get(index=self.alias, id=provider_id, _source_includes=["doc_type", "provider"])
            )
        except _DocumentMissing:
            return None
        except _AliasMissing:
            raise self._no_index_error() from None

        source = response["_source"]
        if source.get("doc_type") != DOC_TYPE_PROVIDER:
            return None
        return Provider.model_validate(source["provider"])

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Complete a prefix; when nothing starts with it, retry with its last word corrected."""
        key = " ".join(fold(prefix).split())
        if not key:
            return []

        found = self._suggestions(key, limit)
        if found:
            return found

        corrected = corrected_prefix(key, self._current_generation().vocabulary)
        return self._suggestions(corrected, limit) if corrected else []

    def _suggestions(self, key: str, limit: int) -> list[Suggestion]:
        try:
            body = opensearch_query.suggest_body(key, limit)
            response = self._call(lambda: self.client.search(index=self.alias, body=body))
        except _AliasMissing:
            raise self._no_index_error() from None
        entries = [hit["_source"]["suggestion"] for hit in response["hits"]["hits"]]
        return [Suggestion(text=entry["label"], kind=entry["kind"], count=entry["weight"]) for entry in entries]

    def spelling_suggestion(self, text: str) -> str | None:
        return self.analyzer.suggest_spelling(text, self._current_generation().vocabulary)

    def health(self) -> EngineHealth:
        try:
            index, _ = self._alias_revision()
            meta = self._index_meta(index)
            count = self._call(lambda: self.client.count(index=self.alias, body=opensearch_query.count_body()))
        except (OpenSearchException, EngineError) as error:
            return EngineHealth(engine=self.name, ok=False, documents=0, detail=str(error))
        generation = meta.get("generation", index)
        return EngineHealth(engine=self.name, ok=True, documents=count["count"], generation=generation)

    # ------------------------------------------------------------------ errors

    def _no_index_error(self) -> EngineUnavailable:
        return EngineUnavailable(
            f"no OpenSearch index behind alias {self.alias} at {self.url}; build one with 'socialekaart index'"
        )

    def _call(self, operation: Callable[[], T]) -> T:
        """Run one client call, turning transport failures into engine errors."""
        try:
            return operation()
        except TransportConnectionError as error:
            raise EngineUnavailable(f"OpenSearch at {self.url} is unreachable or timed out: {error}") from error
        except NotFoundError as error:
            if _is_missing_index(error):
                raise _AliasMissing(str(error)) from error
            raise _DocumentMissing(str(error)) from error
        except TransportError as error:
            raise EngineError(f"OpenSearch request failed with status {error.status_code}: {error.error}") from error


class _AliasMissing(EngineError):
    """The alias or index does not exist (404 index_not_found or a missing alias)."""


class _DocumentMissing(EngineError):
    """A GET by id found no document."""


def _is_missing_index(error: NotFoundError) -> bool:
    """Tell a missing index or alias from a missing document, which has no `error`."""
    info = error.info
    if not isinstance(info, dict):
        return False
    detail = info.get("error")
    if isinstance(detail, dict):
        return detail.get("type") == "index_not_found_exception"
    # GET _alias/<name> returns {"error": "alias [name] missing", "status": 404}.
    return isinstance(detail, str)


def _describe_bulk_error(item: JsonObject) -> str:
    operation, result = next(iter(item.items()))
    error = result.get("error", {})
    reason = error.get("reason", error) if isinstance(error, dict) else error
    return f"{operation} {result.get('_id')}: {reason}"


# ------------------------------------------------------------- result mapping


def _hit(raw: JsonObject, request: SearchRequest, analysed: AnalysedQuery, analyzer: Analyzer) -> Hit:
    source = raw["_source"]
    provider = Provider.model_validate(source["provider"])
    distance = None
    location = source.get("location")
    if request.geo is not None and location is not None:
        distance = haversine_km(request.geo.lat, request.geo.lon, location["lat"], location["lon"])
    matched = set(raw.get("matched_queries") or ())
    return Hit(provider, float(raw.get("_score") or 0.0), distance, _explain(analyzer, analysed, provider, matched))


def _explain(analyzer: Analyzer, analysed: AnalysedQuery, provider: Provider, matched_queries: set[str]) -> MatchExplanation:
    """Explain a hit from its named queries: per clause, the first alternative that matched."""
    matched = []
    for clause_number, clause in enumerate(analysed.clauses):
        for number, _ in enumerate(clause.alternatives):
            if opensearch_query.query_name(clause_number, number) in matched_queries:
                matched.append((clause_number, number))
                break
    return explain(analyzer, analysed, provider, matched)


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


def _facets(
    aggregations: JsonObject,
    filters: dict[str, tuple[str, ...]],
    labels: dict[tuple[str, str], str],
) -> dict[str, list[FacetCount]]:
    facets = {}
    for facet in FACETS:
        buckets = aggregations[facet]["values"]["buckets"]
        counts = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
        facets[facet] = _facet_list(facet, counts, filters.get(facet, ()), labels)
    return facets


def _facet_list(
    facet: str,
    counts: dict[str, int],
    selected: tuple[str, ...],
    labels: dict[tuple[str, str], str],
) -> list[FacetCount]:
    """Return a facet's values in the embedded engine's order, selected ones always present."""
    values = [
        FacetCount(value, labels.get((facet, value), value), count, value in selected)
        for value, count in counts.items()
        if count > 0
    ]
    present = {value.value for value in values}
    missing = [value for value in selected if value not in present]
    values.extend(FacetCount(value, labels.get((facet, value), value), 0, True) for value in missing)
    if facet == "rubriek":
        values.sort(key=lambda value: value.value)
    else:
        values.sort(key=lambda value: (-value.count, value.label))
    return values


def prefetched(items: Iterator[T], depth: int) -> Iterator[T]:
    """Yield the items of `items`, produced ahead by a background thread.

    An exception in the producer is raised in the consumer at the point it occurred.
    The producer stops when the consumer stops early (the generator is closed).
    """
    buffer: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        buffer.put(("item", item), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            buffer.put(("done", None))
        except BaseException as error:  # handed to the consumer, which re-raises it
            buffer.put(("error", error))

    producer = threading.Thread(target=produce, name="bulk-prefetch", daemon=True)
    producer.start()
    try:
        while True:
            kind, value = buffer.get()
            if kind == "done":
                return
            if kind == "error":
                raise value  # type: ignore[misc]
            yield value  # type: ignore[misc]
    finally:
        stop.set()
        producer.join(timeout=5)
