"""Token filters after tokenizing: stopwords, protected words, stem overrides, stemming."""

from __future__ import annotations

from functools import lru_cache

import Stemmer

from analyzers import resources

# The Snowball "dutch_porter" algorithm is the classic Dutch stemmer that Lucene's
# SnowballFilter implements. The newer Snowball "dutch" (3.0) leaves "apotheek" whole
# but stems "apotheken" to "apothek", so singular and plural would not meet.
STEMMER_ALGORITHM = "dutch_porter"


class TokenFilter:
    """Remove stopwords and stem the rest, leaving protected words untouched."""

    def __init__(
        self,
        stopwords: frozenset[str],
        protected: frozenset[str],
        overrides: dict[str, str],
        ending_rewrites: list[tuple[str, str]] | None = None,
    ) -> None:
        self.stopwords = stopwords - protected
        self.protected = protected
        self.overrides = overrides
        self.ending_rewrites = ending_rewrites or []
        self._stemmer = Stemmer.Stemmer(STEMMER_ALGORITHM)
        # Queries and documents repeat the same words, so cache stems per word.
        self._stem_cache: dict[str, str] = {}

    def is_stopword(self, token: str) -> bool:
        return token in self.stopwords

    def stem(self, token: str) -> str:
        cached = self._stem_cache.get(token)
        if cached is not None:
            return cached

        if token in self.protected or token.isdigit():
            stem = token
        elif token in self.overrides:
            stem = self.overrides[token]
        else:
            stem = self._stemmer.stemWord(self._rewrite_ending(token))

        if len(self._stem_cache) < 200_000:
            self._stem_cache[token] = stem
        return stem

    def _rewrite_ending(self, token: str) -> str:
        for ending, replacement in self.ending_rewrites:
            if token.endswith(ending) and len(token) > len(ending):
                return token[: -len(ending)] + replacement
        return token

    def filter(self, tokens: list[str]) -> list[str]:
        return [self.stem(token) for token in tokens if token not in self.stopwords]


@lru_cache(maxsize=1)
def default_token_filter() -> TokenFilter:
    overrides, ending_rewrites = resources.read_stem_overrides()
    return TokenFilter(
        stopwords=resources.read_word_set(resources.STOPWORDS_FILE),
        protected=resources.read_word_set(resources.PROTECTED_WORDS_FILE),
        overrides=overrides,
        ending_rewrites=ending_rewrites,
    )
