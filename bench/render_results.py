"""Render bench/results.json as the Markdown tables of docs/benchmarks.md.

    .venv/bin/python bench/render_results.py bench/results.json > /tmp/tables.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _latency(summary: dict | None) -> str:
    if not summary:
        return "–"
    return f"{summary['p50_ms']:.1f} / {summary['p95_ms']:.1f} / {summary['p99_ms']:.1f}"


def render(results: dict) -> str:
    lines = [
        f"Machine: {results['machine']}",
        "",
        f"Command: `{results['command']}`",
        "",
        f"OpenSearch: {results.get('opensearch_version') or 'not measured'}",
        "",
        "| engine | dataset | providers | indexing (providers/s) | search p50 / p95 / p99 (ms) | search, text cache off (ms) | suggest p50 / p95 / p99 (ms) |",
        "|---|---|---:|---:|---|---|---|",
    ]
    for row in results["results"]:
        lines.append(
            f"| {row['engine']} | {row['dataset']} | {row['providers']:,} | {row['index_per_second']:,.0f} "
            f"| {_latency(row['search'])} | {_latency(row.get('search_uncached'))} | {_latency(row['suggest'])} |"
        )

    lines += [
        "",
        "| engine | dataset | HTTP req/s | HTTP p50 / p95 / p99 (ms) | errors | workers | server RSS (MB) | peak RSS (MB) |",
        "|---|---|---:|---|---:|---:|---:|---:|",
    ]
    for row in results["results"]:
        http = row.get("http") or {}
        memory = http.get("memory", {})
        errors = http.get("errors", http.get("failures", "–"))
        lines.append(
            f"| {row['engine']} | {row['dataset']} | {http.get('requests_per_second', '–')} "
            f"| {_latency(http.get('latency'))} | {errors} | {http.get('workers', '–')} "
            f"| {memory.get('rss_mb', '–')} | {memory.get('peak_rss_mb', '–')} |"
        )

    lines += [
        "",
        "| engine | dataset | paced at (req/s) | achieved (req/s) | latency p50 / p95 / p99 (ms) | errors |",
        "|---|---|---:|---:|---|---:|",
    ]
    for row in results["results"]:
        fixed = row.get("http_fixed_rate") or {}
        if not fixed:
            continue
        lines.append(
            f"| {row['engine']} | {row['dataset']} | {fixed['rate_requested']:g} | {fixed['requests_per_second']} "
            f"| {_latency(fixed.get('latency'))} | {fixed.get('errors', '–')} |"
        )

    lines += [
        "",
        "| engine | dataset | rebuild (s) | requests during rebuild | failed | lost (0 hits where there were some) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in results["results"]:
        reindex = row.get("reindex_under_load") or {}
        if not reindex:
            continue
        lines.append(
            f"| {row['engine']} | {row['dataset']} | {reindex.get('rebuild_seconds', '–')} | {reindex.get('requests', '–')} "
            f"| {reindex.get('failures', '–')} | {reindex.get('empty_search_responses', '–')} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results.json")
    sys.stdout.write(render(json.loads(path.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
