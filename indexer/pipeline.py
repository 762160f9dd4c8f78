"""The index run: read every source, clean each record, apply the scope policy, merge
duplicates, cross-check a registry, then build and swap.

All sources are read before the engine is touched, so a source that cannot be read
stops the run with the serving index unchanged.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from indexer import taxonomy
from indexer.dedupe import MATCH_THRESHOLD, Merge, deduplicate, exact_reason, similarity
from indexer.documents import SearchDocument, build_document
from indexer.gazetteer import Gazetteer, default_gazetteer
from indexer.hygiene import clean_record
from indexer.merge import merge_providers
from indexer.policy import ScopePolicy
from indexer.provenance import stamp_provenance
from indexer.readers import codes, reader_for
from indexer.readers.base import Accepted, RecordWarning, Rejection, SourceRecord
from indexer.record import Provider
from indexer.registry import Registry, RegistryIssue, cross_check
from searchapi.engines.base import BuildReport, Engine, IndexBuildError

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
    warnings: int = 0


@dataclass
class CollectedSources:
    """Everything one run read and decided: the records to index and why others were not."""

    records: list[SourceRecord]
    rejections: list[Rejection]
    summaries: list[SourceSummary]
    warnings: list[RecordWarning] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    registry_issues: list[RegistryIssue] = field(default_factory=list)
    policy_versions: dict[str, str | None] = field(default_factory=dict)
    registry_counts: dict[str, int] = field(default_factory=dict)

    @property
    def providers(self) -> list[Provider]:
        return [record.provider for record in self.records]


def file_date(path: Path) -> dt.date:
    return dt.date.fromtimestamp(path.stat().st_mtime)


def same_provider(first: Provider, second: Provider) -> bool:
    if exact_reason(first, second) is not None:
        return True
    score = similarity(first, second)
    return score is not None and score >= MATCH_THRESHOLD


class _Collector:
    """Accumulates the records of all sources, merging a repeated id across sources."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.records: list[SourceRecord] = []
        self.rejections: list[Rejection] = []
        self.warnings: list[RecordWarning] = []
        self.merges: list[Merge] = []
        # Provider id -> (position of its source in the run, index in self.records).
        self._seen: dict[str, tuple[int, int]] = {}

    def add(self, source_index: int, path: Path, item: Accepted, date: dt.date) -> Rejection | None:
        """Add an accepted record; return the rejection when its id cannot be merged."""
        source = str(path)
        cleaned = clean_record(with_profession_rubrieken(item.provider), self.gazetteer)
        provider = stamp_provenance(cleaned.provider, date)
        self.warnings += [RecordWarning(source, item.record_number, code, message, provider.id) for code, message in cleaned.problems]

        earlier = self._seen.get(provider.id)
        if earlier is None:
            self._seen[provider.id] = (source_index, len(self.records))
            self.records.append(SourceRecord(source, item.record_number, provider))
            return None

        earlier_index, position = earlier
        earlier_record = self.records[position]
        if earlier_index != source_index and same_provider(earlier_record.provider, provider):
            merged = merge_providers(earlier_record.provider, provider)
            self.records[position] = replace(earlier_record, provider=merged)
            self.merges.append(Merge(provider.id, provider.id, earlier_record.source, source, "same_id"))
            return None

        return Rejection(
            source=source,
            record_number=item.record_number,
            code=codes.DUPLICATE_ID,
            reason=f"Het id '{provider.id}' kwam al voor in {earlier_record.source} voor een andere aanbieder; dit record is niet opgenomen.",
            record_id=provider.id,
        )


def collect_sources(
    paths: Iterable[Path],
    gazetteer: Gazetteer | None = None,
    progress: ProgressPrinter | None = None,
) -> CollectedSources:
    """Read and clean every source; raise SourceReadError when one cannot be read at all.

    A provider id seen in an earlier source is merged into the earlier record when both
    describe the same provider, and rejected as a duplicate otherwise.
    """
    collector = _Collector(gazetteer or default_gazetteer())
    summaries: list[SourceSummary] = []

    for source_index, path in enumerate(paths):
        reader = reader_for(path, collector.gazetteer)
        summary = SourceSummary(path=str(path), format=reader.format_name)
        rejected_codes: Counter[str] = Counter()
        date = file_date(path)
        warnings_before = len(collector.warnings)

        for item in reader.read(path):
            if isinstance(item, Accepted):
                item = collector.add(source_index, path, item, date) or item

            if isinstance(item, Rejection):
                collector.rejections.append(replace(item, source=str(path)))
                summary.rejected += 1
                rejected_codes[item.code] += 1
            else:
                summary.accepted += 1

            handled = summary.accepted + summary.rejected
            if progress and handled % PROGRESS_EVERY == 0:
                progress(f"  {path.name}: {handled:,} records gelezen".replace(",", "."))

        for message in getattr(reader, "warnings", []):
            collector.warnings.append(RecordWarning(str(path), 0, codes.SOURCE_ENCODING, message))
        summary.warnings = len(collector.warnings) - warnings_before
        summary.rejected_by_code = dict(rejected_codes.most_common())
        summaries.append(summary)
        if progress:
            read = summary.accepted + summary.rejected
            progress(f"{path}: {read} gelezen: {summary.accepted} aanvaard, {summary.rejected} geweigerd ({reader.format_name})")

    return CollectedSources(
        records=collector.records,
        rejections=collector.rejections,
        summaries=summaries,
        warnings=collector.warnings,
        merges=collector.merges,
    )


def curate(
    collected: CollectedSources,
    policy: ScopePolicy | None = None,
    registry: Registry | None = None,
    today: dt.date | None = None,
) -> CollectedSources:
    """Apply the scope policy, merge duplicates across sources and, given a registry,
    mark verified providers. Returns a new CollectedSources; the input is not changed."""
    policy = policy or ScopePolicy()
    decided = policy.apply(collected.records)
    records, merges = deduplicate(decided.accepted)

    issues: list[RegistryIssue] = []
    if registry is not None:
        records, issues = cross_check(records, registry, today or dt.date.today())

    return CollectedSources(
        records=records,
        rejections=collected.rejections + decided.rejections,
        summaries=_with_policy_rejections(collected.summaries, decided.rejections),
        warnings=collected.warnings,
        merges=collected.merges + merges,
        registry_issues=issues,
        policy_versions=policy.versions(),
        registry_counts=registry.counts() if registry is not None else {},
    )


def _with_policy_rejections(summaries: list[SourceSummary], rejections: list[Rejection]) -> list[SourceSummary]:
    updated: list[SourceSummary] = []
    for summary in summaries:
        mine = [rejection for rejection in rejections if rejection.source == summary.path]
        by_code = Counter(summary.rejected_by_code) + Counter(rejection.code for rejection in mine)
        updated.append(
            replace(
                summary,
                accepted=summary.accepted - len(mine),
                rejected=summary.rejected + len(mine),
                rejected_by_code=dict(by_code.most_common()),
            )
        )
    return updated


def with_profession_rubrieken(provider: Provider) -> Provider:
    """Add the rubriek of each profession, so a GP without rubriek lands under Huisartsen."""
    codes_present = {rubriek.code for rubriek in provider.rubrieken}
    extra = []
    for profession in provider.professions:
        entry = taxonomy.professions().get(profession.code)
        if entry is None or entry.rubriek_code in codes_present:
            continue
        codes_present.add(entry.rubriek_code)
        extra.append(taxonomy.rubriek(entry.rubriek_code))

    if not extra:
        return provider
    return provider.model_copy(update={"rubrieken": [*provider.rubrieken, *extra]})


def documents_of(providers: list[Provider]) -> Iterator[SearchDocument]:
    for provider in providers:
        yield build_document(provider)


# A new build must keep at least this share of the serving index's providers.
MIN_KEPT_SHARE = 0.5


def build_index(
    engine: Engine,
    collected: CollectedSources,
    progress: ProgressPrinter | None = None,
    allow_empty: bool = False,
    allow_shrink: bool = False,
) -> BuildReport:
    """Build a new index generation from the collected providers and switch to it.

    Refuses, keeping the serving index, when nothing was accepted or when the new
    index would hold less than MIN_KEPT_SHARE of the serving one: a wrong or mostly
    broken source file should not empty the register.
    """
    total = len(collected.records)
    if total == 0 and not allow_empty:
        raise IndexBuildError(
            "geen enkele aanbieder uit de bronnen is aanvaard, dus de bestaande index blijft in gebruik; "
            "bekijk het rapport met de weigeringen, of geef --allow-empty om een lege index te bouwen"
        )

    serving = engine.health()
    if serving.ok and not allow_shrink and total < MIN_KEPT_SHARE * serving.documents:
        raise IndexBuildError(
            f"de nieuwe index zou {total} aanbieders bevatten, de bestaande heeft er {serving.documents}; "
            f"een daling onder {MIN_KEPT_SHARE:.0%} wijst op een verkeerde of kapotte bron, dus de bestaande "
            "index blijft in gebruik. Geef --allow-shrink als de daling klopt"
        )

    started = time.perf_counter()

    def report_progress(done: int) -> None:
        if progress and (done % 10_000 < 1000 or done == total):
            rate = done / max(time.perf_counter() - started, 1e-6)
            progress(f"  geïndexeerd: {done:,}/{total:,} ({rate:,.0f}/s)".replace(",", "."))

    return engine.build(documents_of(collected.providers), progress=report_progress)
