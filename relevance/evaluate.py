"""Measure search relevance on the fixed test corpus: `socialekaart evaluate`.

The corpus (`data/corpus.csv`) is read with the generic CSV reader and indexed into a
temporary index per engine. Every query in `data/queries.toml` runs through
SearchService, so place parsing and the any-word fallback count as they do for users.
The figures are nDCG@10, recall@20 (capped at 20 relevant providers) and the share of
queries without any result, overall and per query kind.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from indexer.documents import build_document
from indexer.gazetteer import default_gazetteer
from indexer.readers.base import Accepted
from indexer.readers.generic_csv import GenericCsvReader
from indexer.record import Provider
from relevance import metrics
from relevance.judgements import Query, QuerySet, load_queries
from searchapi.engines.base import Engine
from searchapi.params import parse_search_params
from searchapi.service import SearchService
from searchapi.settings import Settings

DATA_DIR = Path(__file__).resolve().parent / "data"
CORPUS_PATH = DATA_DIR / "corpus.csv"
BASELINE_PATH = DATA_DIR / "baseline.json"
CORPUS_SOURCE_PREFIX = "relevance-corpus-v"

NDCG_DEPTH = 10
RECALL_DEPTH = 20
ENGINE_CHOICES = ("sqlite", "opensearch", "both")


class CorpusError(ValueError):
    """The corpus file is unreadable, has rejected rows or a version the queries do not expect."""


@dataclass
class QueryResult:
    id: str
    text: str
    kind: str
    ndcg: float
    recall: float
    total: int
    relaxed: bool
    top: list[str]
    did_you_mean: str | None = None


@dataclass
class Figures:
    queries: int
    ndcg_at_10: float
    recall_at_20: float
    zero_result_rate: float


@dataclass
class EngineReport:
    engine: str
    overall: Figures
    kinds: dict[str, Figures]
    results: list[QueryResult] = field(default_factory=list)

    def worst(self, count: int) -> list[QueryResult]:
        return sorted(self.results, key=lambda result: (result.ndcg, result.recall, result.id))[:count]


def load_corpus(path: Path = CORPUS_PATH, expected_version: str | None = None) -> list[Provider]:
    """Read the corpus with the generic CSV reader; raise CorpusError on any rejected row."""
    reader = GenericCsvReader(default_gazetteer())
    providers = []
    for item in reader.read(path):
        if not isinstance(item, Accepted):
            raise CorpusError(f"{path.name}: record {item.record_number} was rejected: {item.reason}")
        providers.append(item.provider)

    versions = {provider.source.removeprefix(CORPUS_SOURCE_PREFIX) for provider in providers}
    if expected_version is not None and versions != {expected_version}:
        raise CorpusError(
            f"{path.name} has corpus version(s) {sorted(versions)}, the queries were judged on {expected_version}; "
            "re-judge the queries or rebuild the corpus"
        )
    return providers


def summarise(results: list[QueryResult]) -> Figures:
    count = len(results)
    if count == 0:
        return Figures(0, 0.0, 0.0, 0.0)
    return Figures(
        queries=count,
        ndcg_at_10=round(sum(result.ndcg for result in results) / count, 4),
        recall_at_20=round(sum(result.recall for result in results) / count, 4),
        zero_result_rate=round(sum(1 for result in results if result.total == 0) / count, 4),
    )


def run_query(service: SearchService, settings: Settings, query: Query, grades: dict[str, int]) -> QueryResult:
    params = parse_search_params(settings, query.text, query.near, None, None, "1", str(RECALL_DEPTH), {})
    result = service.search(params)
    ranked = [grades.get(hit.provider.id, 0) for hit in result.page.hits]
    relevant = sum(1 for grade in grades.values() if grade > 0)
    return QueryResult(
        id=query.id,
        text=query.text,
        kind=query.kind,
        ndcg=round(metrics.ndcg_at(ranked, list(grades.values()), NDCG_DEPTH), 4),
        recall=round(metrics.recall_at(ranked, relevant, RECALL_DEPTH), 4),
        total=result.page.total,
        relaxed=result.relaxed,
        top=[f"{grade} {hit.provider.name}" for grade, hit in zip(ranked, result.page.hits[:5])],
        did_you_mean=result.page.interpretation.corrected_text,
    )


def evaluate_engine(engine: Engine, providers: list[Provider], query_set: QuerySet) -> EngineReport:
    """Index the corpus into `engine`, run every query and return the figures."""
    engine.build(build_document(provider) for provider in providers)
    service = SearchService(engine, default_gazetteer())
    settings = Settings()

    results = []
    for query in query_set.queries:
        grades = {provider.id: query.grade(provider) for provider in providers}
        results.append(run_query(service, settings, query, grades))

    by_kind: dict[str, list[QueryResult]] = defaultdict(list)
    for result in results:
        by_kind[result.kind].append(result)
    kinds = {kind: summarise(kind_results) for kind, kind_results in sorted(by_kind.items())}
    return EngineReport(engine.name, summarise(results), kinds, results)


# ------------------------------------------------------------------ engines


@contextmanager
def temporary_engine(kind: str, opensearch_url: str | None = None) -> Iterator[Engine]:
    """Yield an empty engine of `kind` whose index is removed afterwards."""
    if kind == "sqlite":
        from searchapi.engines.sqlite_engine import SqliteEngine

        with tempfile.TemporaryDirectory(prefix="socialekaart-relevance-") as folder:
            engine = SqliteEngine(Path(folder))
            try:
                yield engine
            finally:
                engine.close()
        return

    from searchapi.engines.opensearch_engine import OpenSearchEngine

    with _opensearch_url(opensearch_url) as url:
        alias = f"relevance-{os.getpid()}-{time.time_ns() % 1_000_000_000}"
        engine = OpenSearchEngine(url=url, index_alias=alias)
        try:
            yield engine
        finally:
            engine.client.indices.delete(index=f"{alias}-*", ignore_unavailable=True)
            engine.close()


@contextmanager
def _opensearch_url(url: str | None) -> Iterator[str]:
    """Yield the given URL, SOCIALEKAART_OPENSEARCH_URL, or the URL of a node started here."""
    url = url or os.environ.get("SOCIALEKAART_OPENSEARCH_URL", "").strip() or None
    if url is not None:
        yield url.rstrip("/")
        return

    # The node launcher lives with the tests, because only tests and this command start nodes.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from opensearch_node import start_local_node

    with tempfile.TemporaryDirectory(prefix="socialekaart-relevance-node-") as folder:
        print("Een lokale OpenSearch-node starten …", file=sys.stderr, flush=True)
        node = start_local_node(Path(folder))
        try:
            yield node.url
        finally:
            node.stop()


def evaluate(kinds: list[str], opensearch_url: str | None = None) -> list[EngineReport]:
    gazetteer = default_gazetteer()
    query_set = load_queries(gazetteer)
    providers = load_corpus(expected_version=query_set.corpus_version)
    reports = []
    for kind in kinds:
        with temporary_engine(kind, opensearch_url) as engine:
            reports.append(evaluate_engine(engine, providers, query_set))
    return reports


# --------------------------------------------------------------------- output


def report_json(reports: list[EngineReport], corpus_version: str) -> dict[str, object]:
    return {
        "corpus_version": corpus_version,
        "engines": {
            report.engine: {"overall": asdict(report.overall), "kinds": {k: asdict(v) for k, v in report.kinds.items()}}
            for report in reports
        },
    }


def format_report(report: EngineReport, worst: int) -> str:
    lines = [f"== {report.engine}: {report.overall.queries} zoekvragen"]
    header = f"{'soort':<14} {'aantal':>6} {'nDCG@10':>8} {'recall@20':>10} {'zonder resultaat':>17}"
    lines.append(header)
    rows = [("totaal", report.overall), *report.kinds.items()]
    for name, figures in rows:
        lines.append(
            f"{name:<14} {figures.queries:>6} {figures.ndcg_at_10:>8.3f} {figures.recall_at_20:>10.3f} "
            f"{figures.zero_result_rate:>16.1%}"
        )
    lines.append(f"Zwakste {worst} zoekvragen:")
    for result in report.worst(worst):
        note = " (deel van de woorden)" if result.relaxed else ""
        lines.append(
            f"  {result.ndcg:.3f} nDCG, {result.recall:.2f} recall, {result.total} hits{note}: "
            f"{result.text!r} [{result.kind}] top: {'; '.join(result.top[:3]) or '-'}"
        )
    return "\n".join(lines)


def command_evaluate(arguments: argparse.Namespace) -> int:
    kinds = ["sqlite", "opensearch"] if arguments.engine == "both" else [arguments.engine]
    reports = evaluate(kinds, arguments.opensearch_url)
    corpus_version = load_queries(default_gazetteer()).corpus_version

    for report in reports:
        print(format_report(report, arguments.worst))
        print()
    if arguments.json:
        Path(arguments.json).write_text(
            json.dumps(report_json(reports, corpus_version), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"Cijfers geschreven naar {arguments.json}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `evaluate` subcommand to the socialekaart command."""
    parser = subparsers.add_parser("evaluate", help="meet de relevantie op het vaste testcorpus en de testvragen")
    parser.add_argument("--engine", choices=ENGINE_CHOICES, default="both", help="zoekmotor(en) om te meten (standaard beide)")
    parser.add_argument("--opensearch-url", help="OpenSearch om te gebruiken (standaard SOCIALEKAART_OPENSEARCH_URL, anders een lokale node)")
    parser.add_argument("--worst", type=int, default=10, metavar="N", help="aantal zwakste zoekvragen om te tonen (standaard 10)")
    parser.add_argument("--json", metavar="FILE", help="schrijf de cijfers ook als JSON, in het formaat van het basislijnbestand")
    parser.set_defaults(handler=command_evaluate)
