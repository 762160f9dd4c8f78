"""The `socialekaart` command: index, upsert, delete, coverage, serve, demo-data, search.

Messages are Dutch, because curators and partners run these commands; option names
and help stay short and standard.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from indexer.readers.base import SourceReadError
from indexer.summary import ProgressPrinter, print_summary
from searchapi.settings import EngineName, Settings

EXIT_OK = 0
EXIT_FAILED = 1


def _print(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _settings(arguments: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if getattr(arguments, "data_dir", None):
        overrides["data_dir"] = Path(arguments.data_dir)
    if getattr(arguments, "engine", None):
        overrides["engine"] = EngineName(arguments.engine)
    return Settings(**overrides)


def _report_path(arguments: argparse.Namespace, settings: Settings, kind: str) -> Path:
    if getattr(arguments, "report", None):
        return Path(arguments.report)
    return settings.data_dir / "reports" / f"{kind}-{time.strftime('%Y%m%dT%H%M%S')}.json"


def read_and_curate(paths: list[Path], registry_path: str | None, progress: ProgressPrinter):
    """Read, clean, filter and merge the sources; raise SourceReadError when a source or
    the registry list cannot be read."""
    from indexer.pipeline import collect_sources, curate
    from indexer.registry import read_registry

    registry = read_registry(Path(registry_path)) if registry_path else None
    collected = collect_sources(paths, progress=progress)
    return curate(collected, registry=registry)


def command_index(arguments: argparse.Namespace) -> int:
    from indexer.pipeline import build_index
    from indexer.report import write_report
    from searchapi.engines.base import EngineError
    from searchapi.engines.factory import make_engine

    settings = _settings(arguments)
    paths = [Path(path) for path in arguments.sources]
    progress = ProgressPrinter()
    progress(f"Bronnen lezen: {len(paths)} bestand(en)")

    try:
        collected = read_and_curate(paths, arguments.registry, progress)
    except SourceReadError as error:
        _print(f"FOUT: bron onleesbaar: {error}. De bestaande index is niet gewijzigd.")
        return EXIT_FAILED

    report_path = _report_path(arguments, settings, "index")
    engine = make_engine(settings)
    try:
        build = build_index(
            engine, collected, progress=progress, allow_empty=arguments.allow_empty, allow_shrink=arguments.allow_shrink
        )
    except EngineError as error:
        write_report(report_path, collected, None)
        _print(f"FOUT: de nieuwe index is niet in gebruik genomen: {error}")
        _print(f"Rapport: {report_path}")
        return EXIT_FAILED
    finally:
        engine.close()

    write_report(report_path, collected, build)
    print_summary(collected, _print, arguments.show_rejections)
    _print(
        f"Klaar: {build.documents} aanbieders geïndexeerd, {len(collected.rejections)} records geweigerd, "
        f"{len(collected.merges)} samengevoegd, {len(collected.warnings)} "
        f"{'waarschuwing' if len(collected.warnings) == 1 else 'waarschuwingen'}, "
        f"in {build.took_s:.1f} s (engine {settings.engine.value}, generatie {build.generation})."
    )
    _print(f"Rapport met elke weigering en de reden: {report_path}")
    return EXIT_OK


def command_demo_data(arguments: argparse.Namespace) -> int:
    from indexer.demo_data import write_demo_csv

    output = Path(arguments.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    written = write_demo_csv(output, count=arguments.count, seed=arguments.seed)
    _print(f"{written} fictieve aanbieders geschreven naar {output} in {time.perf_counter() - started:.1f} s.")
    _print(f"Indexeer ze met: socialekaart index {output}")
    return EXIT_OK


def command_serve(arguments: argparse.Namespace) -> int:
    import os

    import uvicorn

    from searchapi.app import create_app

    settings = _settings(arguments)
    host = arguments.host or settings.host
    port = arguments.port or settings.port
    _print(f"socialekaart luistert op http://{host}:{port} (engine {settings.engine.value}, {arguments.workers} worker(s))")

    if arguments.workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level=arguments.log_level, access_log=False)
        return EXIT_OK

    # Worker processes build their own app from the environment, so pass the options on.
    os.environ["SOCIALEKAART_DATA_DIR"] = str(settings.data_dir)
    os.environ["SOCIALEKAART_ENGINE"] = settings.engine.value
    uvicorn.run(
        "searchapi.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=arguments.workers,
        log_level=arguments.log_level,
        access_log=False,
    )
    return EXIT_OK


def command_search(arguments: argparse.Namespace) -> int:
    """Run one search from the terminal; --show-query prints what the engine ran."""
    from indexer.gazetteer import default_gazetteer
    from searchapi import serialize
    from searchapi.engines.factory import make_engine
    from searchapi.errors import AppError
    from searchapi.params import parse_search_params
    from searchapi.service import SearchService

    settings = _settings(arguments)
    engine = make_engine(settings)
    service = SearchService(engine, default_gazetteer())
    try:
        params = parse_search_params(
            settings, arguments.query, arguments.near, arguments.radius_km, arguments.sort, "1", str(arguments.limit), {}
        )
        result = service.search(params)
    except AppError as error:
        _print(f"FOUT: {error.message} {error.fix or ''}")
        return EXIT_FAILED
    finally:
        engine.close()

    if arguments.show_query:
        _print(json.dumps(_built_query(engine, result.searched_text), ensure_ascii=False, indent=2))
    print(json.dumps(serialize.search_json(result), ensure_ascii=False, indent=2))
    return EXIT_OK


def _built_query(engine: object, text: str) -> object:
    """Return the engine's own query for the text: FTS5 MATCH for SQLite, JSON for OpenSearch."""
    from searchapi.engines import sqlite_query
    from searchapi.engines.sqlite_engine import SqliteEngine

    if isinstance(engine, SqliteEngine):
        analysed = engine.analyse(text)
        return {"engine": "sqlite", "fts5_match": sqlite_query.fts_match_expression(analysed)}
    describe = getattr(engine, "describe_query", None)
    return describe(text) if describe else {"engine": getattr(engine, "name", "?")}


def add_curation_commands(commands: argparse._SubParsersAction) -> None:
    from indexer import cli_curation

    upsert = commands.add_parser("upsert", help="aanbieders uit bronbestanden toevoegen of vervangen in de actieve index")
    upsert.add_argument("sources", nargs="+", help="bronbestanden, in elk formaat dat index leest")
    upsert.add_argument("--data-dir", help="map van de index (standaard: SOCIALEKAART_DATA_DIR of ./data)")
    upsert.add_argument("--engine", choices=[engine.value for engine in EngineName], help="zoekmotor die bijgewerkt wordt")
    upsert.add_argument("--report", help="pad van het JSON-importrapport")
    upsert.add_argument("--registry", metavar="FILE", help="registerlijst (CSV) om aanbieders tegen te controleren")
    upsert.add_argument("--show-rejections", type=int, default=20, metavar="N", help="aantal weigeringen om te tonen (standaard 20)")
    upsert.set_defaults(handler=cli_curation.command_upsert)

    delete = commands.add_parser("delete", help="aanbieders op id uit de actieve index verwijderen")
    delete.add_argument("ids", nargs="+", help="id's van aanbieders, zoals in de fiche-URL /aanbieder/ID")
    delete.add_argument("--data-dir", help="map van de index")
    delete.add_argument("--engine", choices=[engine.value for engine in EngineName])
    delete.set_defaults(handler=cli_curation.command_delete)

    coverage = commands.add_parser("coverage", help="toon opgenomen, geweigerde en geverifieerde aanbieders per beroep")
    coverage.add_argument("--report", help="importrapport (JSON) om te lezen (standaard: het nieuwste in DATA_DIR/reports)")
    coverage.add_argument("--registry-counts", metavar="FILE", help="CSV met beroepscode en aantal geregistreerden")
    coverage.add_argument("--json", action="store_true", help="toon JSON in plaats van een tabel")
    coverage.add_argument("--data-dir", help="map met de map reports/")
    coverage.set_defaults(handler=cli_curation.command_coverage)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="socialekaart", description="Zoekdienst voor de sociale kaart.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log op DEBUG-niveau")
    commands = parser.add_subparsers(dest="command", required=True)

    index = commands.add_parser("index", help="bronnen lezen, een nieuwe index bouwen en die in gebruik nemen")
    index.add_argument("sources", nargs="+", help="bronbestanden: FAGG-JSON, Eurostat-CSV, sociale-kaart-API-JSON, HSDS, algemene CSV")
    index.add_argument("--data-dir", help="map van de index (standaard: SOCIALEKAART_DATA_DIR of ./data)")
    index.add_argument("--engine", choices=[engine.value for engine in EngineName], help="zoekmotor om te bouwen")
    index.add_argument("--report", help="pad van het JSON-importrapport")
    index.add_argument("--show-rejections", type=int, default=20, metavar="N", help="aantal weigeringen om te tonen (standaard 20)")
    index.add_argument("--allow-empty", action="store_true", help="neem de index ook in gebruik als geen enkel record aanvaard is")
    index.add_argument("--allow-shrink", action="store_true", help="neem de index ook in gebruik als hij minder dan de helft van de aanbieders van de actieve heeft")
    index.add_argument("--registry", metavar="FILE", help="registerlijst (CSV) om aanbieders tegen te controleren; zie docs/curation.md")
    index.set_defaults(handler=command_index)

    add_curation_commands(commands)
    from relevance.evaluate import register as register_evaluate
    register_evaluate(commands)

    demo = commands.add_parser("demo-data", help="schrijf fictieve, realistische demogegevens als algemene CSV")
    demo.add_argument("--output", default="data/demo-providers.csv", help="CSV-bestand om te schrijven")
    demo.add_argument("--count", type=int, default=20_000, help="aantal aanbieders (standaard 20000)")
    demo.add_argument("--seed", type=int, default=1, help="startwaarde van het toeval, voor herhaalbare gegevens")
    demo.set_defaults(handler=command_demo_data)

    serve = commands.add_parser("serve", help="start de webtoepassing")
    serve.add_argument("--host", help="adres om op te luisteren (standaard 127.0.0.1)")
    serve.add_argument("--port", type=int, help="poort (standaard 8000)")
    serve.add_argument("--data-dir", help="map van de index")
    serve.add_argument("--engine", choices=[engine.value for engine in EngineName])
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    serve.add_argument("--workers", type=int, default=1, help="aantal werkprocessen (standaard 1; één per processorkern voor een drukke server)")
    serve.set_defaults(handler=command_serve)

    search = commands.add_parser("search", help="voer één zoekopdracht uit en toon het JSON-resultaat")
    search.add_argument("query", help="zoektekst")
    search.add_argument("--near", help="postcode, gemeente of lat,lon")
    search.add_argument("--radius-km", dest="radius_km")
    search.add_argument("--sort", choices=["relevance", "distance"])
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--show-query", action="store_true", help="toon de query die de zoekmotor uitvoert")
    search.add_argument("--data-dir", help="map van de index")
    search.add_argument("--engine", choices=[engine.value for engine in EngineName])
    search.set_defaults(handler=command_search)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if arguments.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    return arguments.handler(arguments)


if __name__ == "__main__":
    sys.exit(main())
