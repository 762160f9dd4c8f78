"""The curation subcommands: upsert, delete and coverage.

Upsert runs the same reading, hygiene, scope policy and deduplication as a full index
run, on the given files only, and writes the result into the serving index.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from indexer.cli import EXIT_FAILED, EXIT_OK, _print, _report_path, _settings, read_and_curate
from indexer.readers.base import SourceReadError
from indexer.summary import ProgressPrinter, print_summary


def command_upsert(arguments: argparse.Namespace) -> int:
    from indexer.pipeline import documents_of
    from indexer.report import write_report
    from searchapi.engines.base import EngineError
    from searchapi.engines.factory import make_engine

    settings = _settings(arguments)
    paths = [Path(path) for path in arguments.sources]
    progress = ProgressPrinter()

    try:
        collected = read_and_curate(paths, arguments.registry, progress)
    except SourceReadError as error:
        _print(f"FOUT: bron onleesbaar: {error}. De index is niet gewijzigd.")
        return EXIT_FAILED

    # NOTE: the scope policy and deduplication see only these files. A group-practice
    # member upserted without its practice record, or a duplicate of a provider that is
    # only in the index, is not recognised as such.
    engine = make_engine(settings)
    try:
        written = engine.upsert(documents_of(collected.providers))
    except EngineError as error:
        _print(f"FOUT: de index is niet bijgewerkt: {error}")
        return EXIT_FAILED
    finally:
        engine.close()

    report_path = write_report(_report_path(arguments, settings, "upsert"), collected, None, kind="upsert")
    print_summary(collected, _print, arguments.show_rejections)
    _print(f"Klaar: {written} aanbieders toegevoegd of vervangen, {len(collected.rejections)} records geweigerd.")
    if collected.rejections:
        _print("Een geweigerd record verwijdert geen bestaande fiche; doe dat met: socialekaart delete ID")
    _print(f"Rapport: {report_path}")
    return EXIT_OK


def command_delete(arguments: argparse.Namespace) -> int:
    from searchapi.engines.base import EngineError
    from searchapi.engines.factory import make_engine

    settings = _settings(arguments)
    engine = make_engine(settings)
    try:
        present = [provider_id for provider_id in arguments.ids if engine.get(provider_id) is not None]
        deleted = engine.delete(present) if present else 0
    except EngineError as error:
        _print(f"FOUT: de index is niet bijgewerkt: {error}")
        return EXIT_FAILED
    finally:
        engine.close()

    missing = [provider_id for provider_id in arguments.ids if provider_id not in present]
    _print(f"{deleted} aanbieder(s) verwijderd.")
    if missing:
        _print(f"FOUT: niet in de index, dus niet verwijderd: {', '.join(missing)}. Controleer de id's.")
        return EXIT_FAILED
    return EXIT_OK


def newest_index_report(reports: Path) -> Path | None:
    candidates = sorted(reports.glob("index-*.json"), key=lambda path: path.stat().st_mtime)
    return candidates[-1] if candidates else None


def command_coverage(arguments: argparse.Namespace) -> int:
    from indexer.coverage import coverage_rows, format_table, read_registry_counts, rows_as_json

    settings = _settings(arguments)
    report_path = Path(arguments.report) if arguments.report else newest_index_report(settings.data_dir / "reports")
    if report_path is None or not report_path.is_file():
        _print(f"FOUT: geen importrapport gevonden ({report_path or settings.data_dir / 'reports'}); voer eerst 'socialekaart index' uit of geef --report.")
        return EXIT_FAILED

    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
        counts = read_registry_counts(Path(arguments.registry_counts)) if arguments.registry_counts else {}
    except (OSError, json.JSONDecodeError) as error:
        _print(f"FOUT: {report_path} is geen leesbaar importrapport: {error}")
        return EXIT_FAILED
    except SourceReadError as error:
        _print(f"FOUT: registeraantallen onleesbaar: {error}")
        return EXIT_FAILED

    rows = coverage_rows(report, counts)
    if arguments.json:
        print(json.dumps({"report": str(report_path), "professions": rows_as_json(rows)}, ensure_ascii=False, indent=2))
        return EXIT_OK

    print(f"Dekking per beroep volgens {report_path} ({report.get('created_at', '?')})")
    print(format_table(rows))
    return EXIT_OK
