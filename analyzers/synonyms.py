"""Query-time synonyms from a Solr-format file, matched on stems.

The file is written in base forms ("psycholoog => klinisch psycholoog, cgg"). Both
sides are analysed when the file loads, so "psychologen" in a query meets the rule for
"psycholoog" through the shared stem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Phrase = tuple[str, ...]


class SynonymFileError(ValueError):
    pass


@dataclass
class SynonymMap:
    """Stem sequence -> the stem sequences it also searches for, in file order."""

    rules: dict[Phrase, list[Phrase]] = field(default_factory=dict)
    # The base form of each phrase as written in the file, for explaining a match.
    display: dict[Phrase, str] = field(default_factory=dict)

    @property
    def longest_key(self) -> int:
        return max((len(key) for key in self.rules), default=0)

    def add(self, key: Phrase, targets: list[Phrase]) -> None:
        existing = self.rules.setdefault(key, [])
        for target in targets:
            if target not in existing:
                existing.append(target)

    def terms(self) -> set[str]:
        """Return every stem that appears on either side of a rule."""
        found: set[str] = set()
        for key, targets in self.rules.items():
            found.update(key)
            for target in targets:
                found.update(target)
        return found

    def match_at(self, stems: list[str], start: int) -> tuple[Phrase, list[Phrase]] | None:
        """Find the longest rule key that starts at `start`; return it with its targets."""
        for length in range(min(self.longest_key, len(stems) - start), 0, -1):
            key = tuple(stems[start : start + length])
            if key in self.rules:
                return key, self.rules[key]
        return None


def parse_synonyms(
    lines: list[tuple[int, str]],
    analyse: Callable[[str], list[str]],
    source_name: str = "synonyms",
) -> SynonymMap:
    """Build a SynonymMap from (line number, line) pairs of a Solr synonym file.

    `analyse` turns a base form into stems. A phrase that analyses to nothing (only
    stopwords) is an error, because the rule would silently never apply.
    """
    synonyms = SynonymMap()

    for number, line in lines:
        left, arrow, right = line.partition("=>")
        sources = _parse_side(left, analyse, synonyms, source_name, number)
        if arrow:
            targets = _parse_side(right, analyse, synonyms, source_name, number)
            for source in sources:
                synonyms.add(source, targets)
        else:
            for source in sources:
                synonyms.add(source, sources)

    return synonyms


def _parse_side(
    side: str,
    analyse: Callable[[str], list[str]],
    synonyms: SynonymMap,
    source_name: str,
    number: int,
) -> list[Phrase]:
    phrases = []
    for raw in side.split(","):
        words = raw.strip()
        if not words:
            raise SynonymFileError(f"{source_name}:{number}: empty entry in {side.strip()!r}")

        phrase = tuple(analyse(words))
        if not phrase:
            raise SynonymFileError(
                f"{source_name}:{number}: {words!r} consists of stopwords only; "
                "remove it or take it out of the stopword list"
            )

        synonyms.display.setdefault(phrase, words)
        if phrase not in phrases:
            phrases.append(phrase)
    return phrases
