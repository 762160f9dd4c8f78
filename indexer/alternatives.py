"""The open list of alternative treatments and matching it against a record's text.

The list lives in `indexer/data/alternative_treatments.txt` so curators can review and
extend it without touching code; the file header explains the term syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analyzers.text import tokenize
from indexer.taxonomy import data_lines, data_version

TERMS_FILE = "alternative_treatments.txt"

# A term line starting with this also matches at the end of a compound word.
COMPOUND_MARK = "*"


@dataclass(frozen=True)
class AlternativeMatch:
    term: str
    # The word or words of the record that matched, as folded text.
    found: str


def term_pattern(term: str) -> re.Pattern[str]:
    """Compile one list term into a pattern over folded, space-joined tokens.

    Words of the term may be written together or apart. The last word is a stem, so
    the match runs on to the end of the record's word.
    """
    in_compound = term.startswith(COMPOUND_MARK)
    words = term.lstrip(COMPOUND_MARK).split()
    start = r"\b[a-z0-9]*" if in_compound else r"\b"
    return re.compile(start + " ?".join(re.escape(word) for word in words) + r"[a-z0-9]*")


class AlternativeTreatments:
    """Finds alternative-treatment terms in free text."""

    def __init__(self, terms: list[str], version: str | None = None) -> None:
        self.terms = terms
        self.version = version
        self._patterns = [(term.lstrip(COMPOUND_MARK), term_pattern(term)) for term in terms]

    def find(self, text: str) -> AlternativeMatch | None:
        """Return the first term found in the text, or None."""
        folded = " ".join(tokenize(text))
        if not folded:
            return None

        for term, pattern in self._patterns:
            match = pattern.search(folded)
            if match is not None:
                return AlternativeMatch(term=term, found=match.group(0))
        return None


@lru_cache(maxsize=1)
def default_alternative_treatments() -> AlternativeTreatments:
    terms = [line.strip() for line in data_lines(TERMS_FILE) if line.strip()]
    return AlternativeTreatments(terms, data_version(TERMS_FILE))
