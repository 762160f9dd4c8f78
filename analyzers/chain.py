"""The Dutch analysis chain, run on document text at index time and on queries.

Index time: normalise -> tokenize -> fold -> stopwords -> stem (protected words and
overrides first), plus compound parts for a secondary field.
Query time: the same steps, then typo correction against the index vocabulary,
synonym expansion and compound splitting, giving one clause per query concept with
the alternatives that satisfy it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from analyzers import resources
from analyzers.compounds import CompoundSplitter
from analyzers.stemming import TokenFilter, default_token_filter
from analyzers.synonyms import Phrase, SynonymMap, parse_synonyms
from analyzers.text import tokenize
from analyzers.typos import Vocabulary


@dataclass(frozen=True)
class Alternative:
    """One way to satisfy a clause: stems that must occur, adjacent when `phrase`."""

    stems: Phrase
    phrase: bool = True
    # How this alternative arose: "query", "synonym" or "compound".
    origin: str = "query"
    # The base form of a synonym as written in the synonyms file, for explanations.
    label: str = ""


@dataclass(frozen=True)
class QueryClause:
    """One concept of the query: the words typed and every alternative that matches."""

    words: tuple[str, ...]
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class Correction:
    typed: str
    corrected: str


@dataclass(frozen=True)
class AnalysedQuery:
    clauses: tuple[QueryClause, ...]
    corrections: tuple[Correction, ...] = ()
    ignored_words: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    def corrected_text(self) -> str:
        """Return the query as the user would have typed it without the corrected typos."""
        replacements = {correction.typed: correction.corrected for correction in self.corrections}
        words = [replacements.get(word, word) for clause in self.clauses for word in clause.words]
        return " ".join(words)


@dataclass
class Analyzer:
    token_filter: TokenFilter
    synonyms: SynonymMap
    compounds: CompoundSplitter
    # Words that typo correction may always land on, though no document contains them:
    # the words of the synonyms file ("huisdokter" is only ever a query word).
    query_words: frozenset[str] = field(default_factory=frozenset)
    # Words dropped from queries only ("ik slaap slecht"), see query_fillers_nl.txt.
    query_fillers: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        self._query_vocabulary = Vocabulary((word, 0) for word in sorted(self.query_words))

    def index_terms(self, text: str | None) -> list[str]:
        if not text:
            return []
        return self.token_filter.filter(tokenize(text))

    def surface_words(self, text: str | None) -> list[str]:
        """Folded words that are not stopwords, as typo correction compares them."""
        if not text:
            return []
        return [token for token in tokenize(text) if not self.token_filter.is_stopword(token)]

    def terms_and_words(self, text: str | None) -> tuple[list[str], list[str]]:
        """Return index_terms and surface_words of one text, tokenizing it once."""
        if not text:
            return [], []
        words = [token for token in tokenize(text) if not self.token_filter.is_stopword(token)]
        return [self.token_filter.stem(word) for word in words], words

    def compound_parts(self, stems: list[str]) -> list[str]:
        parts: list[str] = []
        for stem in stems:
            parts.extend(self.compounds.split(stem))
        return parts

    def analyse_query(self, text: str, vocabulary: Vocabulary | None = None) -> AnalysedQuery:
        tokens = tokenize(text)
        kept = [token for token in tokens if not self.token_filter.is_stopword(token)]
        # Filler words go before typo correction, which would otherwise "correct" them.
        meaningful = [token for token in kept if token not in self.query_fillers]
        if meaningful:
            kept = meaningful
        ignored = tuple(token for token in tokens if token not in kept)

        corrections = []
        if vocabulary is not None:
            kept = self._join_split_compounds(kept, vocabulary)
            kept, corrections = self._correct_typos(kept, vocabulary)

        stems = [self.token_filter.stem(token) for token in kept]
        clauses = self._expand(kept, stems)
        return AnalysedQuery(tuple(clauses), tuple(corrections), ignored)

    def _join_split_compounds(self, words: list[str], vocabulary: Vocabulary) -> list[str]:
        """Write a compound typed apart as one word when the joined word is known.

        "rust huis" becomes "rusthuis" and "huis arts" "huisarts", because Dutch closes
        compounds and the index contains only the closed form. Longer runs join first.
        """
        joined: list[str] = []
        position = 0
        while position < len(words):
            for length in (3, 2):
                run = words[position : position + length]
                candidate = "".join(run)
                if len(run) == length and (candidate in vocabulary or candidate in self.query_words):
                    joined.append(candidate)
                    position += length
                    break
            else:
                joined.append(words[position])
                position += 1
        return joined

    def _correct_typos(
        self, words: list[str], vocabulary: Vocabulary
    ) -> tuple[list[str], list[Correction]]:
        corrected_words = []
        corrections = []
        for word in words:
            known = word in vocabulary or word in self.query_words or word.isdigit()
            replacement = None if known else self.closest_word(word, vocabulary)
            if replacement is None:
                corrected_words.append(word)
                continue
            corrected_words.append(replacement)
            corrections.append(Correction(typed=word, corrected=replacement))
        return corrected_words, corrections

    def closest_word(self, word: str, vocabulary: Vocabulary) -> str | None:
        """Return the indexed word or synonym-file word nearest to `word`, or None.

        A synonym word wins only when it is strictly closer, so "rushuis" reaches the
        query-only word "rusthuis" while an indexed word is preferred at a tie.
        """
        indexed = vocabulary.closest_with_distance(word)
        synonym = self._query_vocabulary.closest_with_distance(word)
        if synonym is not None and (indexed is None or synonym[1] < indexed[1]):
            return synonym[0]
        return indexed[0] if indexed else None

    def suggest_spelling(self, text: str, vocabulary: Vocabulary) -> str | None:
        """Return a query with rare words replaced by a close common word, or None.

        For "Bedoelde u …?" after a search that found little: a word that is indexed
        but rare ("tandartd" in one provider's text) is replaced by a known word within
        the typo distance that occurs in at least ten times as many documents.
        """
        words = [token for token in tokenize(text) if not self.token_filter.is_stopword(token)]
        changed = False
        suggested = []
        for word in words:
            count = vocabulary.counts.get(word, 0)
            replacement = None
            if word not in self.query_words and not word.isdigit():
                replacement = vocabulary.closest_other(word, min_count=max(1, count * 10))
            if replacement is None and count == 0 and word not in self.query_words:
                replacement = self.closest_word(word, vocabulary)
            if replacement is not None and replacement != word:
                suggested.append(replacement)
                changed = True
            else:
                suggested.append(word)
        return " ".join(suggested) if changed else None

    def _expand(self, words: list[str], stems: list[str]) -> list[QueryClause]:
        clauses = []
        position = 0
        while position < len(stems):
            match = self.synonyms.match_at(stems, position)
            if match is None:
                clauses.append(self._plain_clause(words[position], stems[position]))
                position += 1
                continue

            key, targets = match
            clauses.append(self._synonym_clause(words[position : position + len(key)], key, targets))
            position += len(key)
        return clauses

    def _plain_clause(self, word: str, stem: str) -> QueryClause:
        alternatives = [Alternative((stem,))]
        parts = self.compounds.split(stem)
        if parts:
            alternatives.append(Alternative(parts, phrase=False, origin="compound"))
        return QueryClause((word,), tuple(alternatives))

    def _synonym_clause(self, words: list[str], key: Phrase, targets: list[Phrase]) -> QueryClause:
        alternatives = []
        for target in targets:
            origin = "query" if target == key else "synonym"
            label = self.synonyms.display.get(target, " ".join(target))
            alternatives.append(Alternative(target, phrase=True, origin=origin, label=label))

        # A rule like "woon zorg centrum => woonzorgcentrum" replaces the typed words,
        # so the typed phrase stays searchable only if the rule lists it.
        if len(key) == 1:
            parts = self.compounds.split(key[0])
            if parts:
                alternatives.append(Alternative(parts, phrase=False, origin="compound"))
        return QueryClause(tuple(words), tuple(alternatives))


def _lexicon_words() -> list[str]:
    """Base words for the compound lexicon: professions, rubrieken, synonyms, heads."""
    from indexer import taxonomy

    words = [line for _, line in resources.read_data_lines("compound_heads.txt")]
    for entry in taxonomy.professions().values():
        words.extend((entry.label, entry.plural))
    words.extend(taxonomy.rubriek_labels().values())
    for _, line in resources.read_data_lines(resources.SYNONYMS_FILE):
        words.extend(line.replace("=>", ",").split(","))
    return words


def build_analyzer(token_filter: TokenFilter | None = None) -> Analyzer:
    token_filter = token_filter or default_token_filter()

    def analyse(text: str) -> list[str]:
        return token_filter.filter(tokenize(text))

    synonym_lines = resources.read_data_lines(resources.SYNONYMS_FILE)
    synonyms = parse_synonyms(synonym_lines, analyse, resources.SYNONYMS_FILE)

    lexicon = {stem for word in _lexicon_words() for stem in analyse(word)}
    exceptions = {stem for _, line in resources.read_data_lines(resources.COMPOUND_EXCEPTIONS_FILE) for stem in analyse(line)}
    compounds = CompoundSplitter(lexicon, token_filter.stem, exceptions)

    query_words = frozenset(
        token
        for _, line in synonym_lines
        for token in tokenize(line.replace("=>", ","))
    )
    query_fillers = resources.read_word_set(resources.QUERY_FILLERS_FILE)
    return Analyzer(token_filter, synonyms, compounds, query_words, query_fillers)


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    return build_analyzer()
