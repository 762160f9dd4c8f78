"""Typo correction of query words against the words that occur in the index.

A query word that the index does not contain is replaced by the closest indexed word
within a small edit distance, counting a swap of two neighbouring letters as one edit
("pyscholoog" -> "psycholoog"). Correction runs before stemming and synonyms, so a
misspelled word still reaches its synonyms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

# Words shorter than this are too ambiguous to correct: "kine" is one edit from "kind".
MIN_CORRECTABLE_LENGTH = 5


def max_edits_for(word: str) -> int:
    """Allow one edit in words of 5 to 7 letters and two in longer ones."""
    if len(word) < MIN_CORRECTABLE_LENGTH:
        return 0
    return 1 if len(word) <= 7 else 2


class Vocabulary:
    """The folded surface words of the index, with how many documents contain each."""

    def __init__(self, word_counts: Iterable[tuple[str, int]]) -> None:
        self.counts: dict[str, int] = {}
        self._by_length: dict[int, list[str]] = defaultdict(list)
        # Starts of known words by typed length, built on first use, for autocomplete.
        self._prefixes: dict[int, Vocabulary] = {}
        for word, count in word_counts:
            self.add(word, count)

    def add(self, word: str, count: int = 1) -> None:
        self._prefixes.clear()
        if word not in self.counts:
            self._by_length[len(word)].append(word)
        self.counts[word] = self.counts.get(word, 0) + count

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def __len__(self) -> int:
        return len(self.counts)

    def closest(self, word: str) -> str | None:
        """Return the known word nearest to `word`, or None when none is close enough.

        Among words at the same distance, the one in the most documents wins, then
        alphabetical order, so the result does not depend on insertion order.
        """
        found = self.closest_with_distance(word)
        return found[0] if found else None

    def closest_prefix(self, prefix: str) -> str | None:
        """Return the most common start of a known word within typo distance of `prefix`.

        For autocomplete, where the last word is still being typed: "pyscholo" ->
        "psycholo". Starts one or two letters shorter or longer count too, so a
        dropped or doubled letter is tolerated like in `closest`.
        """
        max_edits = max_edits_for(prefix)
        if max_edits == 0:
            return None

        length = len(prefix)
        starts = self._prefixes.get(length)
        if starts is None:
            counts: dict[str, int] = defaultdict(int)
            for word, count in self.counts.items():
                for size in range(max(1, length - max_edits), length + max_edits + 1):
                    if len(word) >= size:
                        counts[word[:size]] += count
            starts = Vocabulary(counts.items())
            self._prefixes[length] = starts
        return starts.closest(prefix)

    def closest_other(self, word: str, min_count: int) -> str | None:
        """Return the nearest word other than `word` that occurs in at least `min_count` documents."""
        found = self.closest_with_distance(word, exclude=word, min_count=min_count)
        return found[0] if found else None

    def closest_with_distance(self, word: str, exclude: str | None = None, min_count: int = 0) -> tuple[str, int] | None:
        """Return (nearest known word, edit distance), or None when none is close enough."""
        max_edits = max_edits_for(word)
        if max_edits == 0:
            return None

        best: tuple[int, int, str] | None = None
        for length in range(len(word) - max_edits, len(word) + max_edits + 1):
            bucket = self._by_length.get(length)
            if not bucket:
                continue

            matches = process.extract(
                word, bucket, scorer=OSA.distance, score_cutoff=max_edits, limit=None
            )
            for candidate, distance, _ in matches:
                if candidate == exclude or self.counts[candidate] < min_count:
                    continue
                key = (int(distance), -self.counts[candidate], candidate)
                if best is None or key < best:
                    best = key
        return (best[2], best[0]) if best else None


def corrected_prefix(key: str, vocabulary: Vocabulary) -> str | None:
    """Return `key` with its last word replaced by the closest known word start, or None."""
    words = key.split()
    if not words or words[-1] in vocabulary:
        return None
    replacement = vocabulary.closest_prefix(words[-1])
    if replacement is None or replacement == words[-1]:
        return None
    return " ".join([*words[:-1], replacement])
