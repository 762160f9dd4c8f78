"""Explanation of a hit, shared by both engines so that they explain alike."""

from __future__ import annotations

from functools import lru_cache

from analyzers.chain import Analyzer, AnalysedQuery
from analyzers.text import tokenize
from indexer.record import Provider
from searchapi.engines.base import MatchExplanation


def explain(
    analyzer: Analyzer, analysed: AnalysedQuery, provider: Provider, matched: list[tuple[int, int]]
) -> MatchExplanation:
    """Build the explanation from the (clause, alternative) pairs that matched, first per clause.

    The highlights are the words of the name, professions and rubrieken whose stem is
    a stem of a matched alternative, as the provider writes them.
    """
    matched_terms: list[str] = []
    synonyms: list[str] = []
    stems: set[str] = set()
    for clause_number, alternative_number in matched:
        clause = analysed.clauses[clause_number]
        alternative = clause.alternatives[alternative_number]
        stems.update(alternative.stems)
        if alternative.origin == "synonym":
            synonyms.append(alternative.label)
        else:
            matched_terms.extend(clause.words)
    return MatchExplanation(
        tuple(dict.fromkeys(matched_terms)), tuple(dict.fromkeys(synonyms)), highlight_words(analyzer, provider, stems)
    )


def highlight_words(analyzer: Analyzer, provider: Provider, stems: set[str]) -> tuple[str, ...]:
    texts = [provider.name, *(profession.label for profession in provider.professions)]
    texts.extend(rubriek.label for rubriek in provider.rubrieken)

    found: list[str] = []
    for text in texts:
        for word in text.replace("(", " ").replace(")", " ").split():
            tokens = _word_tokens(word)
            if tokens and all(analyzer.token_filter.stem(token) in stems for token in tokens):
                found.append(word.strip(".,;:"))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=65_536)
def _word_tokens(word: str) -> tuple[str, ...]:
    """Tokens of one written word; names and labels repeat, so cache them."""
    return tuple(tokenize(word))
