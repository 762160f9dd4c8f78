"""The terminal summary of an index or upsert run, in Dutch for curators."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from indexer.pipeline import CollectedSources

Printer = Callable[[str], None]


class ProgressPrinter:
    """Prints progress lines to stderr; on a terminal, the interim lines (indented
    with two spaces) overwrite each other instead of scrolling."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._interim = False

    def __call__(self, message: str) -> None:
        interim = message.startswith("  ")
        if self.tty and interim:
            self.stream.write("\r\033[K" + message.strip())
            self._interim = True
        else:
            if self._interim:
                self.stream.write("\n")
                self._interim = False
            self.stream.write(message + "\n")
        self.stream.flush()


def _by_code(codes: list[str]) -> str:
    return ", ".join(f"{code} {count}" for code, count in sorted(Counter(codes).items()))


def print_summary(collected: "CollectedSources", output: Printer, limit: int) -> None:
    """Print counts per reason, then the first `limit` rejections, merges, warnings and
    registry issues. The report file contains all of them."""
    if collected.rejections:
        output("Geweigerd per reden: " + _by_code([rejection.code for rejection in collected.rejections]))
        for rejection in collected.rejections[:limit]:
            output(f"  {rejection.source} record {rejection.record_number} [{rejection.code}]: {rejection.reason}")
        _print_rest(len(collected.rejections), limit, output)

    if collected.merges:
        output(f"Samengevoegd: {len(collected.merges)} records (" + _by_code([merge.reason for merge in collected.merges]) + ")")
        for merge in collected.merges[:limit]:
            output(f"  {merge.merged_id} ({merge.merged_source}) → {merge.kept_id} ({merge.kept_source}) [{merge.reason}]")
        _print_rest(len(collected.merges), limit, output)

    if collected.warnings:
        output("Waarschuwingen: " + _by_code([warning.code for warning in collected.warnings]))
        for warning in collected.warnings[:limit]:
            output(f"  {warning.source} record {warning.record_number} [{warning.code}]: {warning.message}")
        _print_rest(len(collected.warnings), limit, output)

    if collected.registry_issues:
        output("Registercontrole: " + _by_code([issue.code for issue in collected.registry_issues]))
        for issue in collected.registry_issues[:limit]:
            output(f"  {issue.provider_id} [{issue.code}]: {issue.message}")
        _print_rest(len(collected.registry_issues), limit, output)


def _print_rest(total: int, limit: int, output: Printer) -> None:
    if total > limit:
        output(f"  … en nog {total - limit} (zie het rapport)")
