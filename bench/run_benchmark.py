"""Benchmark both engines side by side in one run and write docs/benchmarks.md.

Measures, per engine and dataset: indexing throughput, in-process latency of a mix of
Dutch queries (p50/p95/p99), HTTP throughput and latency at a fixed concurrency
against the real app under uvicorn, the API process's memory, and that a full reindex
during HTTP load loses no request.

    .venv/bin/python bench/run_benchmark.py --sizes 10000,100000 --engines sqlite,opensearch

Every server binds to 127.0.0.1, and every load loop is bounded in requests and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "tests"))

from indexer.demo_data import write_demo_csv  # noqa: E402
from indexer.pipeline import collect_sources, documents_of  # noqa: E402
from searchapi.engines.base import GeoFilter, SearchRequest, SortOrder  # noqa: E402

# Postcodes the mixed queries use as "near": cities and villages in all five provinces.
NEAR_POSTCODES = ["9000", "2000", "3000", "8000", "3500", "9100", "2800", "8500", "1000", "3600", "2300", "9300"]

TEXT_QUERIES = [
    "psycholoog", "huisarts", "tandarts", "kine", "apotheek", "rusthuis", "cgg", "caw", "ocmw",
    "schulden", "depressie", "pyscholoog", "tandarts in Gent", "psycholoog 2000", "vroedvrouw",
    "logopedist", "thuisverpleging", "kinderpsycholoog", "huisdokter", "dietist", "rouw",
    "verslaving", "woonzorgcentrum", "ziekenhuis", "osteopaat", "apotheek Sint-Niklaas",
]
FACET_FILTERS = [
    {"rubriek": ("02",)},
    {"rubriek": ("14.04.01",)},
    {"beroep": ("persgeneralphysician",)},
    {"beroep": ("persclinicalpsychologist", "perspsychologist")},
    {"doelgroep": ("kinderen",)},
]
SUGGEST_PREFIXES = ["psy", "huis", "tand", "apo", "gen", "ant", "kin", "rust", "kine", "log"]


@dataclass
class LatencySummary:
    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @staticmethod
    def of(samples_ms: list[float]) -> LatencySummary:
        ordered = sorted(samples_ms)

        def percentile(fraction: float) -> float:
            return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]

        return LatencySummary(len(ordered), percentile(0.50), percentile(0.95), percentile(0.99), ordered[-1])


@dataclass
class EngineResult:
    engine: str
    dataset: str
    providers: int
    index_seconds: float
    index_per_second: float
    search: LatencySummary | None = None
    # The embedded engine with its text-match cache off: every search runs BM25 anew.
    search_uncached: LatencySummary | None = None
    suggest: LatencySummary | None = None
    http: dict[str, object] = field(default_factory=dict)
    http_fixed_rate: dict[str, object] = field(default_factory=dict)
    reindex_under_load: dict[str, object] = field(default_factory=dict)


# ------------------------------------------------------------------- queries


def search_mix(seed: int, count: int) -> list[SearchRequest]:
    """Return a reproducible mix: text only, text near a point, facets, near with a radius."""
    from indexer.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    points = [gazetteer.by_postcode(code) for code in NEAR_POSTCODES]
    chooser = random.Random(seed)
    requests = []
    for number in range(count):
        text = chooser.choice(TEXT_QUERIES)
        point = chooser.choice(points)
        kind = number % 4
        if kind == 0:
            requests.append(SearchRequest(text=text))
        elif kind == 1:
            requests.append(SearchRequest(text=text, geo=GeoFilter(point.lat, point.lon)))
        elif kind == 2:
            requests.append(SearchRequest(text=chooser.choice(["", text]), filters=chooser.choice(FACET_FILTERS)))
        else:
            geo = GeoFilter(point.lat, point.lon, chooser.choice([2.0, 5.0, 10.0]))
            requests.append(SearchRequest(text=text, geo=geo, sort=SortOrder.DISTANCE))
    return requests


def http_mix(seed: int, count: int) -> list[str]:
    chooser = random.Random(seed)
    urls = []
    for number in range(count):
        text = quote(chooser.choice(TEXT_QUERIES))
        kind = number % 5
        if kind == 0:
            urls.append(f"/api/search?q={text}")
        elif kind == 1:
            urls.append(f"/api/search?q={text}&near={chooser.choice(NEAR_POSTCODES)}")
        elif kind == 2:
            urls.append(f"/api/search?q={text}&near={chooser.choice(NEAR_POSTCODES)}&radius_km=5&sort=distance")
        elif kind == 3:
            urls.append(f"/api/search?q={text}&rubriek=02")
        else:
            urls.append(f"/api/suggest?q={chooser.choice(SUGGEST_PREFIXES)}")
    return urls


# -------------------------------------------------------------------- engines


def make_engine(kind: str, work_dir: Path, opensearch_url: str | None, alias: str):
    if kind == "sqlite":
        from searchapi.engines.sqlite_engine import SqliteEngine

        return SqliteEngine(work_dir / f"sqlite-{alias}")

    from searchapi.engines.opensearch_engine import OpenSearchEngine

    return OpenSearchEngine(url=opensearch_url, index_alias=alias)


def time_in_process(engine, requests: list[SearchRequest], warmup: int = 20) -> LatencySummary:
    for request in requests[:warmup]:
        engine.search(request)
    samples = []
    for request in requests:
        started = time.perf_counter()
        engine.search(request)
        samples.append((time.perf_counter() - started) * 1000)
    return LatencySummary.of(samples)


def time_suggest(engine, rounds: int) -> LatencySummary:
    samples = []
    for _ in range(rounds):
        for prefix in SUGGEST_PREFIXES:
            started = time.perf_counter()
            engine.suggest(prefix)
            samples.append((time.perf_counter() - started) * 1000)
    return LatencySummary.of(samples)


# ----------------------------------------------------------------------- HTTP


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(
    kind: str, data_dir: Path, opensearch_url: str | None, alias: str, workers: int
) -> tuple[subprocess.Popen, str]:
    port = free_port()
    environment = dict(os.environ, SOCIALEKAART_ENGINE=kind, SOCIALEKAART_DATA_DIR=str(data_dir))
    if opensearch_url:
        environment.update(SOCIALEKAART_OPENSEARCH_URL=opensearch_url, SOCIALEKAART_OPENSEARCH_INDEX=alias)
    process = subprocess.Popen(
        [
            sys.executable, "-m", "indexer.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "warning", "--workers", str(workers),
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    import httpx

    while time.monotonic() < deadline:
        try:
            if httpx.get(base_url + "/healthz", timeout=2).status_code == 200:
                return process, base_url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the {kind} server did not become healthy within 60 s")


def process_memory_mb(pid: int) -> dict[str, float]:
    """RSS and peak RSS of the server process and its worker processes, summed."""
    children = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True).stdout.split()
    totals = {"vmrss": 0.0, "vmhwm": 0.0}
    for process_id in [pid, *map(int, children)]:
        for line in Path(f"/proc/{process_id}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                name, amount = line.split(":")
                totals[name.lower()] += int(amount.split()[0]) / 1024
    return {
        "processes": 1 + len(children),
        "rss_mb": round(totals["vmrss"], 1),
        "peak_rss_mb": round(totals["vmhwm"], 1),
    }


WRK_SCRIPT = """
local paths = {%s}
local position = 0
local pause_ms = %s
if pause_ms > 0 then
  delay = function() return pause_ms end
end
request = function()
  position = position %% #paths + 1
  return wrk.format("GET", paths[position])
end
done = function(summary, latency, requests)
  io.write(string.format("WRK_RESULT %%d %%d %%d %%.3f %%.3f %%.3f %%.3f\\n",
    summary.requests, summary.duration, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def wrk_load(
    base_url: str,
    urls: list[str],
    concurrency: int,
    seconds: float,
    work_dir: Path,
    rate: float = 0,
) -> dict[str, object] | None:
    """Throughput and latency from wrk, a C load generator, when it is installed.

    With `rate`, each connection pauses between requests so that together they send
    about `rate` requests/s: latency at that traffic rather than at full speed.
    """
    import shutil

    if shutil.which("wrk") is None:
        return None
    script = work_dir / "mix.lua"
    # The pause comes on top of each response's own time; 6 % less pause makes up for
    # a few milliseconds of response time at this rate.
    pause_ms = int(0.94 * 1000 * concurrency / rate) if rate else 0
    script.write_text(WRK_SCRIPT % (", ".join(json.dumps(url) for url in urls), pause_ms), encoding="utf-8")
    completed = subprocess.run(
        ["wrk", "-t2", f"-c{concurrency}", f"-d{int(seconds)}s", "-s", str(script), base_url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    line = next((line for line in completed.stdout.splitlines() if line.startswith("WRK_RESULT")), None)
    if line is None:
        return {"error": completed.stdout[-500:] + completed.stderr[-500:]}
    requests, duration_us, errors, p50, p95, p99, maximum = line.split()[1:]
    seconds_taken = int(duration_us) / 1e6
    return {
        "tool": "wrk",
        "requests": int(requests),
        "seconds": round(seconds_taken, 1),
        "requests_per_second": round(int(requests) / seconds_taken, 1),
        "errors": int(errors),
        "latency": {"p50_ms": float(p50), "p95_ms": float(p95), "p99_ms": float(p99), "max_ms": float(maximum)},
    }


async def _load(
    base_url: str,
    urls: list[str],
    concurrency: int,
    time_limit_s: float,
    finished: threading.Event | None = None,
    baseline: dict[str, int] | None = None,
) -> dict[str, object]:
    """Send the URLs with `concurrency` workers until they run out, time is up, or
    `finished` is set. With `baseline` (URL -> total before a rebuild), a search that
    returns 0 hits where it had some counts as empty: a lost query."""
    import httpx

    queue = list(urls)
    samples: list[float] = []
    failures: list[str] = []
    empty = 0
    deadline = time.monotonic() + time_limit_s

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal empty
        while queue and time.monotonic() < deadline and not (finished and finished.is_set()):
            url = queue.pop()
            started = time.perf_counter()
            try:
                response = await client.get(url)
            except httpx.HTTPError as error:
                failures.append(f"{url}: {error!r}")
                continue
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                failures.append(f"{url}: HTTP {response.status_code}")
            elif baseline is not None and url.startswith("/api/search"):
                if response.json()["total"] == 0 and baseline.get(url, 0) > 0:
                    empty += 1

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started

    summary = LatencySummary.of(samples) if samples else None
    return {
        "requests": len(samples),
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(samples) / elapsed, 1),
        "latency": asdict(summary) if summary else None,
        "failures": len(failures),
        "failure_examples": failures[:5],
        "empty_search_responses": empty,
    }


def http_load(
    base_url: str,
    urls: list[str],
    concurrency: int,
    time_limit_s: float,
    finished: threading.Event | None = None,
    baseline: dict[str, int] | None = None,
) -> dict[str, object]:
    return asyncio.run(_load(base_url, urls, concurrency, time_limit_s, finished, baseline))


# ----------------------------------------------------------------------- runs


def run_engine(kind: str, dataset: str, documents: list, args, work_dir: Path, opensearch_url: str | None) -> EngineResult:
    alias = f"bench-{dataset}-{os.getpid()}"
    engine = make_engine(kind, work_dir, opensearch_url, alias)

    started = time.perf_counter()
    engine.build(iter(documents))
    index_seconds = time.perf_counter() - started
    result = EngineResult(kind, dataset, len(documents), round(index_seconds, 2), round(len(documents) / index_seconds, 1))
    print(f"[{kind} {dataset}] indexed {len(documents)} in {index_seconds:.1f} s", file=sys.stderr)

    result.search = time_in_process(engine, search_mix(args.seed, args.queries))
    if kind == "sqlite":
        from searchapi.engines.sqlite_engine import SqliteEngine

        uncached = SqliteEngine(engine.data_dir, text_cache_entries=0)
        result.search_uncached = time_in_process(uncached, search_mix(args.seed, args.queries))
        uncached.close()
    result.suggest = time_suggest(engine, rounds=max(1, args.queries // len(SUGGEST_PREFIXES) // 2))
    print(f"[{kind} {dataset}] search p95 {result.search.p95_ms:.1f} ms, suggest p95 {result.suggest.p95_ms:.2f} ms", file=sys.stderr)

    if not args.skip_http:
        data_dir = work_dir / f"sqlite-{alias}"
        process, base_url = start_server(kind, data_dir, opensearch_url, alias, args.workers)
        try:
            http_load(base_url, http_mix(args.seed + 1, 200), args.concurrency, 30)
            measured = wrk_load(base_url, http_mix(args.seed, 2000), args.concurrency, args.http_seconds, work_dir)
            if measured is None:
                measured = http_load(base_url, http_mix(args.seed, args.http_requests), args.concurrency, args.http_seconds)
            result.http = measured
            result.http["workers"] = args.workers
            result.http["memory"] = process_memory_mb(process.pid)
            if args.fixed_rate:
                paced = wrk_load(
                    base_url, http_mix(args.seed + 3, 2000), args.concurrency, args.http_seconds, work_dir, args.fixed_rate
                )
                if paced is not None:
                    result.http_fixed_rate = {**paced, "rate_requested": args.fixed_rate}
                    print(f"[{kind} {dataset}] paced at {args.fixed_rate} req/s: {paced}", file=sys.stderr)
            print(f"[{kind} {dataset}] HTTP {result.http.get('requests_per_second')} req/s", file=sys.stderr)

            if args.reindex_under_load:
                result.reindex_under_load = reindex_under_load(engine, documents, base_url, args)
                print(f"[{kind} {dataset}] reindex under load: {result.reindex_under_load}", file=sys.stderr)
        finally:
            process.terminate()
            process.wait(timeout=30)

    engine.close()
    return result


def reindex_under_load(engine, documents: list, base_url: str, args) -> dict[str, object]:
    """Rebuild the index while the HTTP load runs; count failed and empty responses."""
    import httpx

    outcome: dict[str, object] = {}
    finished = threading.Event()
    urls = http_mix(args.seed + 2, 20_000)
    baseline = {
        url: httpx.get(base_url + url, timeout=30).json()["total"]
        for url in sorted(set(urls))
        if url.startswith("/api/search")
    }

    def rebuild() -> None:
        started = time.perf_counter()
        try:
            engine.build(iter(documents))
            outcome["rebuild_seconds"] = round(time.perf_counter() - started, 2)
        finally:
            # Keep the load on for a moment after the swap, so requests hit the new index.
            time.sleep(1.0)
            finished.set()

    builder = threading.Thread(target=rebuild)
    builder.start()
    load = http_load(base_url, urls * 50, args.concurrency, 600, finished, baseline)
    builder.join()
    outcome["load_covered_rebuild"] = finished.is_set()
    outcome.update({key: load[key] for key in ("requests", "seconds", "failures", "failure_examples", "empty_search_responses")})
    return outcome


def load_dataset(name: str, args, work_dir: Path) -> list:
    if name.startswith("demo-"):
        count = int(name.removeprefix("demo-"))
        path = work_dir / f"{name}.csv"
        write_demo_csv(path, count=count, seed=args.seed)
        collected = collect_sources([path])
    else:
        collected = collect_sources([Path(path) for path in name.split("+")])
    return list(documents_of(collected.providers))


def machine_description() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024 / 1024:.0f} GiB RAM, Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,opensearch")
    parser.add_argument("--sizes", default="10000,100000", help="demo dataset sizes")
    parser.add_argument("--pharmacies", default=str(PROJECT_ROOT.parent / "shared" / "data" / "last-pharmacies_afmps.json"))
    parser.add_argument("--queries", type=int, default=400, help="in-process searches per engine and dataset")
    parser.add_argument("--http-requests", type=int, default=3000)
    parser.add_argument("--http-seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes of the measured server")
    parser.add_argument("--fixed-rate", type=float, default=300, help="requests/s of the open-loop latency test; 0 skips it")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--reindex-under-load", action="store_true")
    parser.add_argument("--output", default=str(PROJECT_ROOT / "bench" / "results.json"))
    args = parser.parse_args()

    engines = args.engines.split(",")
    datasets = [f"demo-{size}" for size in args.sizes.split(",") if size]
    if args.pharmacies and Path(args.pharmacies).exists():
        datasets.append(args.pharmacies)

    node = None
    opensearch_url = os.environ.get("SOCIALEKAART_OPENSEARCH_URL")
    results: list[EngineResult] = []
    with tempfile.TemporaryDirectory(prefix="socialekaart-bench-") as temporary:
        work_dir = Path(temporary)
        if "opensearch" in engines and not opensearch_url:
            from opensearch_node import start_local_node

            node = start_local_node(work_dir / "opensearch", heap=os.environ.get("BENCH_OPENSEARCH_HEAP", "1g"))
            opensearch_url = node.url
        try:
            for dataset in datasets:
                documents = load_dataset(dataset, args, work_dir)
                label = dataset if dataset.startswith("demo-") else Path(dataset).name
                for kind in engines:
                    results.append(run_engine(kind, label, documents, args, work_dir, opensearch_url))
        finally:
            if node is not None:
                node.stop()

    body = {
        "machine": machine_description(),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "opensearch_version": node.version if node else None,
        "results": [asdict(result) for result in results],
    }
    Path(args.output).write_text(json.dumps(body, indent=2), encoding="utf-8")
    print(json.dumps(body, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
