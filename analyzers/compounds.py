"""Splitting of Dutch closed compounds ("kinderpsycholoog") into known parts.

Dutch writes compounds as one word, so a document about a "kinderpsycholoog" would not
match the query "psycholoog" on the word alone. The splitter finds a known word from
the lexicon at the end of a stem and splits the rest off as a modifier; the parts go
to a secondary field, so a whole-word match still ranks above a part match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# Shorter heads would split ordinary words ("bos" in "verbos"), and shorter modifiers
# are usually a suffix of the head rather than a word ("ge" + "neesheer").
MIN_HEAD_LENGTH = 4
MIN_MODIFIER_LENGTH = 3

# Dutch joins compound parts with a linking "s" or "en" ("verslavingszorg").
LINKING_SUFFIXES = ("s", "en", "e")


class CompoundSplitter:
    def __init__(
        self, lexicon: Iterable[str], stem: Callable[[str], str], exceptions: Iterable[str] = ()
    ) -> None:
        # Stems that end in a known word but are no compound ("vroedvrouw" is no "rouw").
        self.exceptions = frozenset(exceptions)
        self.heads = sorted(
            {word for word in lexicon if len(word) >= MIN_HEAD_LENGTH},
            key=len,
            reverse=True,
        )
        self.lexicon = frozenset(self.heads)
        self._stem = stem
        self._cache: dict[str, tuple[str, ...]] = {}

    def split(self, stem: str) -> tuple[str, ...]:
        """Return the parts of a compound stem, or () when it is not a compound."""
        cached = self._cache.get(stem)
        if cached is not None:
            return cached

        parts = self._split_uncached(stem)
        if len(self._cache) < 200_000:
            self._cache[stem] = parts
        return parts

    def _split_uncached(self, stem: str) -> tuple[str, ...]:
        if stem in self.exceptions:
            return ()
        for head in self.heads:
            if head == stem or not stem.endswith(head):
                continue

            modifier = stem[: -len(head)]
            if len(modifier) < MIN_MODIFIER_LENGTH:
                continue

            modifier = self._drop_linking_suffix(modifier)
            inner_parts = self.split(modifier)
            modifier_parts = inner_parts if inner_parts else (self._stem(modifier),)
            return (*modifier_parts, head)
        return ()

    def _drop_linking_suffix(self, modifier: str) -> str:
        if modifier in self.lexicon:
            return modifier

        for suffix in LINKING_SUFFIXES:
            shorter = modifier[: -len(suffix)]
            if modifier.endswith(suffix) and len(shorter) >= MIN_MODIFIER_LENGTH and shorter in self.lexicon:
                return shorter
        return modifier
