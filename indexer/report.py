"""The machine-readable import report that every index or upsert run writes."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

from indexer.coverage import coverage_counts
from indexer.pipeline import CollectedSources
from searchapi.engines.base import BuildReport


def report_body(collected: CollectedSources, build: BuildReport | None, kind: str = "index") -> dict[str, object]:
    return {
        "kind": kind,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "accepted": len(collected.records),
        "rejected": len(collected.rejections),
        "merged": len(collected.merges),
        "warnings_count": len(collected.warnings),
        "policy_versions": collected.policy_versions,
        "sources": [asdict(summary) for summary in collected.summaries],
        "build": asdict(build) if build else None,
        "coverage": coverage_counts(collected.providers, collected.rejections),
        "registry_counts": collected.registry_counts,
        "rejections": [asdict(rejection) for rejection in collected.rejections],
        "merges": [asdict(merge) for merge in collected.merges],
        "warnings": [asdict(warning) for warning in collected.warnings],
        "registry_issues": [asdict(issue) for issue in collected.registry_issues],
    }


def write_report(path: Path, collected: CollectedSources, build: BuildReport | None, kind: str = "index") -> Path:
    """Write the report: per-source summaries, every rejection, merge, warning and
    registry issue, and the counts per profession that `socialekaart coverage` reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = report_body(collected, build, kind)
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
