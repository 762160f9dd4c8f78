"""The index run: read every source, report each rejected record, build and swap.

All sources are read before the engine is touched, so a source that cannot be read
stops the run with the serving index unchanged.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from indexer import taxonomy
from indexer.documents import SearchDocument, build_document
from indexer.gazetteer import Gazetteer, default_gazetteer
from indexer.readers import reader_for
from indexer.readers.base import Accepted, Rejection
from indexer.record import Provider
from searchapi.engines.base import BuildReport, Engine, IndexBuildError

logger = logging.getLogger(__name__)

ProgressPrinter = Callable[[str], None]

# Print a progress line after this many records of one source.
PROGRESS_EVERY = 5000


@dataclass
class SourceSummary:
    path: str
    format: str
    accepted: int = 0
    rejected: int = 0
    rejected_by_code: dict[str, int] = field(default_factory=dict)


@dataclass
class CollectedSources:
    providers: list[Provider]
    rejections: list[Rejection]
    summaries: list[SourceSummary]


def collect_sources(
    paths: Iterable[Path],
    gazetteer: Gazetteer | None = None,
    progress: ProgressPrinter | None = None,
) -> CollectedSources:
    """Read every source; raise SourceReadError when one cannot be read at all.

    A provider id seen in an earlier source wins; the later record is rejected as a
    duplicate, with both sources named.
    """
    gazetteer = gazetteer or default_gazetteer()
    providers: list[Provider] = []
    rejections: list[Rejection] = []
    summaries: list[SourceSummary] = []
    seen: dict[str, str] = {}

    for path in paths:
        reader = reader_for(path, gazetteer)
        summary = SourceSummary(path=str(path), format=reader.format_name)
        codes: Counter[str] = Counter()

        for item in reader.read(path):
            if isinstance(item, Accepted):
                provider = with_profession_rubrieken(item.provider)
                earlier_source = seen.get(provider.id)
                if earlier_source is None:
                    seen[provider.id] = str(path)
                    providers.append(provider)
                    summary.accepted += 1
                else:
                    item = Rejection(
                        source=str(path),
                        record_number=item.record_number,
                        code="duplicate_id",
                        reason=f"Het id '{provider.id}' kwam al voor in {earlier_source}; dit record is niet opgenomen.",
                        record_id=provider.id,
                    )

            if isinstance(item, Rejection):
                rejections.append(item)
                summary.rejected += 1
                codes[item.code] += 1

            handled = summary.accepted + summary.rejected
            if progress and handled % PROGRESS_EVERY == 0:
                progress(f"  {path.name}: {handled:,} records gelezen".replace(",", "."))

        summary.rejected_by_code = dict(codes.most_common())
        summaries.append(summary)
        if progress:
            progress(
                f"{path}: {summary.accepted} opgenomen, {summary.rejected} geweigerd ({reader.format_name})"
            )

    return CollectedSources(providers, rejections, summaries)


def with_profession_rubrieken(provider: Provider) -> Provider:
    """Add the rubriek of each profession, so a GP without rubriek lands under Huisartsen."""
    codes = {rubriek.code for rubriek in provider.rubrieken}
    extra = []
    for profession in provider.professions:
        entry = taxonomy.professions().get(profession.code)
        if entry is None or entry.rubriek_code in codes:
            continue
        codes.add(entry.rubriek_code)
        extra.append(taxonomy.rubriek(entry.rubriek_code))

    if not extra:
        return provider
    return provider.model_copy(update={"rubrieken": [*provider.rubrieken, *extra]})


def documents_of(providers: list[Provider]) -> Iterator[SearchDocument]:
    for provider in providers:
        yield build_document(provider)


def build_index(
    engine: Engine,
    collected: CollectedSources,
    progress: ProgressPrinter | None = None,
    allow_empty: bool = False,
) -> BuildReport:
    """Build a new index generation from the collected providers and switch to it."""
    total = len(collected.providers)
    if total == 0 and not allow_empty:
        raise IndexBuildError(
            "no provider was accepted from the sources, so the serving index was kept; "
            "check the rejection report, or pass --allow-empty to serve an empty index"
        )

    started = time.perf_counter()

    def report_progress(done: int) -> None:
        if progress and (done % 10_000 < 1000 or done == total):
            rate = done / max(time.perf_counter() - started, 1e-6)
            progress(f"  geïndexeerd: {done:,}/{total:,} ({rate:,.0f}/s)".replace(",", "."))

    return engine.build(documents_of(collected.providers), progress=report_progress)


def write_report(path: Path, collected: CollectedSources, build: BuildReport | None) -> Path:
    """Write the machine-readable import report: summaries and every rejection."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "accepted": len(collected.providers),
        "rejected": len(collected.rejections),
        "sources": [asdict(summary) for summary in collected.summaries],
        "build": asdict(build) if build else None,
        "rejections": [asdict(rejection) for rejection in collected.rejections],
    }
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
