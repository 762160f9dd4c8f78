"""Measure in-process autocomplete latency of the embedded engine on demo providers.

    .venv/bin/python bench/suggest_latency.py --count 100000

Builds a temporary SQLite index of `count` demo providers, then times `suggest` on
prefixes that complete directly and on misspelled prefixes that take the typo
fallback, and prints p50/p95/p99 per group.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from indexer.demo_data import write_demo_csv
from indexer.pipeline import collect_sources, documents_of
from searchapi.engines.sqlite_engine import SqliteEngine

PREFIXES = ["psy", "huis", "tand", "apo", "kin", "rust", "kine", "log", "diet", "verpl", "Diëti", "klinisch p", "ergo"]
TYPO_PREFIXES = ["pyscholo", "tandats", "apoteek", "logopde", "verpelgk", "kinesitherapuet", "woonzorgcentrun"]


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)

    def at(fraction: float) -> float:
        return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]

    return f"p50 {at(0.50):.2f} ms, p95 {at(0.95):.2f} ms, p99 {at(0.99):.2f} ms (n={len(ordered)}, mean {statistics.mean(ordered):.2f})"


def time_prefixes(engine: SqliteEngine, prefixes: list[str], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for prefix in prefixes:
            started = time.perf_counter()
            engine.suggest(prefix)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="demo providers to index (default 100000)")
    parser.add_argument("--rounds", type=int, default=50, help="times each prefix is timed (default 50)")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="socialekaart-suggest-") as folder:
        csv_path = Path(folder) / "demo.csv"
        write_demo_csv(csv_path, count=arguments.count, seed=1)
        collected = collect_sources([csv_path])
        engine = SqliteEngine(Path(folder) / "index")
        engine.build(documents_of(collected.providers))

        # The first call loads the generation (vocabulary, columns); it is not timed.
        engine.suggest("psy")
        time_prefixes(engine, TYPO_PREFIXES, 1)
        print(f"providers: {len(collected.providers)}")
        print(f"suggest, prefix found:   {percentiles(time_prefixes(engine, PREFIXES, arguments.rounds))}")
        print(f"suggest, typo fallback:  {percentiles(time_prefixes(engine, TYPO_PREFIXES, arguments.rounds))}")
        engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
