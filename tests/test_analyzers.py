"""Unit tests of the Dutch analysis chain: text, stemming, synonyms, compounds, typos."""

from __future__ import annotations

import unicodedata

import pytest
from rapidfuzz.distance import OSA, Levenshtein

from analyzers import resources
from analyzers.chain import build_analyzer, default_analyzer
from analyzers.compounds import CompoundSplitter
from analyzers.stemming import TokenFilter, default_token_filter
from analyzers.synonyms import SynonymFileError, parse_synonyms
from analyzers.text import fold, normalise, tokenize
from analyzers.typos import Vocabulary, max_edits_for

PROTECTED_ACRONYMS = ["cgg", "caw", "ocmw", "wzc", "psy", "kine"]


@pytest.fixture(scope="module")
def token_filter() -> TokenFilter:
    return default_token_filter()


@pytest.fixture(scope="module")
def analyzer():
    return default_analyzer()


def analyse_with(token_filter: TokenFilter):
    def analyse(text: str) -> list[str]:
        return token_filter.filter(tokenize(text))

    return analyse


def alternatives_of(clause) -> set[tuple[str, ...]]:
    return {alternative.stems for alternative in clause.alternatives}


# ------------------------------------------------------------------ text: normalise, fold, tokenize


def test_normalise_drops_soft_hyphen():
    assert normalise("psycho\u00adloog") == "psycholoog"


def test_normalise_drops_zero_width_space():
    assert normalise("huis\u200barts") == "huisarts"


def test_normalise_nbsp_becomes_space():
    assert normalise("9000\u00a0Gent") == "9000 Gent"


def test_normalise_narrow_nbsp_becomes_space():
    assert normalise("9000\u202fGent") == "9000 Gent"


def test_normalise_expands_ij_ligature():
    assert normalise("\u0133s") == "ijs"
    assert normalise("\u0132zer") == "IJzer"


def test_normalise_nfd_equals_nfc():
    decomposed = unicodedata.normalize("NFD", "diëtist")
    composed = unicodedata.normalize("NFC", "diëtist")

    assert decomposed != composed
    assert normalise(decomposed) == composed


def test_fold_removes_accents():
    assert fold("Diëtiste") == "dietiste"
    assert fold("Chloé") == "chloe"


def test_fold_nfd_equals_nfc():
    decomposed = unicodedata.normalize("NFD", "diëtist")

    assert fold(decomposed) == "dietist"


def test_fold_ligatures():
    assert fold("\u0132zer") == "ijzer"
    assert fold("Œuvre") == "oeuvre"


def test_tokenize_lowercases_and_folds():
    assert tokenize("Diëtiste ÉCOLE") == ["dietiste", "ecole"]


def test_tokenize_s_gravenwezel():
    assert tokenize("'s-Gravenwezel") == ["s", "gravenwezel"]


def test_tokenize_sint_niklaas():
    assert tokenize("Sint-Niklaas") == ["sint", "niklaas"]


def test_tokenize_inner_apostrophe_dropped():
    assert tokenize("baby's") == ["babys"]


def test_tokenize_soft_hyphen_inside_word():
    assert tokenize("psycho\u00adloog") == ["psycholoog"]


def test_tokenize_punctuation_and_digits():
    assert tokenize("Tandarts (Gent), 9000!") == ["tandarts", "gent", "9000"]


def test_tokenize_underscore_splits():
    assert tokenize("huis_arts") == ["huis", "arts"]


# ------------------------------------------------------------------ stopwords and stemming


@pytest.mark.parametrize("word", ["de", "het", "van", "een", "ik", "zoek", "hulp", "in"])
def test_stopword_removed(token_filter, word):
    assert token_filter.is_stopword(word)
    assert token_filter.filter([word]) == []


def test_filter_keeps_content_words(token_filter):
    terms = token_filter.filter(tokenize("Ik zoek een psycholoog in Gent"))

    assert terms == ["psycholog", "gent"]


@pytest.mark.parametrize("acronym", PROTECTED_ACRONYMS)
def test_protected_acronym_kept(token_filter, acronym):
    assert not token_filter.is_stopword(acronym)
    assert token_filter.filter([acronym]) == [acronym]


@pytest.mark.parametrize("acronym", PROTECTED_ACRONYMS)
def test_protected_acronym_listed(acronym):
    assert acronym in resources.read_word_set(resources.PROTECTED_WORDS_FILE)


def test_protected_word_not_stemmed(token_filter):
    """Snowball alone stems "kine" to "kin", but protection keeps the short form people type."""
    unprotected = TokenFilter(stopwords=frozenset(), protected=frozenset(), overrides={})

    assert unprotected.stem("kine") == "kin"
    assert token_filter.stem("kine") == "kine"


def test_protected_word_beats_stopword():
    token_filter = TokenFilter(stopwords=frozenset({"de", "cgg"}), protected=frozenset({"cgg"}), overrides={})

    assert token_filter.filter(["de", "cgg"]) == ["cgg"]


@pytest.mark.parametrize(
    "forms",
    [
        ("psycholoog", "psychologen", "psychologe"),
        ("apotheek", "apotheken"),
        ("ziekenhuis", "ziekenhuizen"),
        ("tandarts", "tandartsen"),
        ("huisarts", "huisartsen"),
        ("woonzorgcentrum", "woonzorgcentra"),
        ("kind", "kinderen"),
        ("kinesist", "kinesisten"),
    ],
)
def test_word_forms_share_stem(token_filter, forms):
    stems = {form: token_filter.stem(form) for form in forms}

    assert len(set(stems.values())) == 1, stems


def test_digits_not_stemmed(token_filter):
    assert token_filter.stem("9000") == "9000"


# ------------------------------------------------------------------ synonym file parsing


def test_synonyms_equivalence_rule(token_filter):
    synonyms = parse_synonyms([(1, "tandarts, tandheelkundige")], analyse_with(token_filter), "test.txt")
    dentist = ("tandart",)
    dental = (token_filter.stem("tandheelkundige"),)

    assert synonyms.rules[dentist] == [dentist, dental]
    assert synonyms.rules[dental] == [dentist, dental]


def test_synonyms_one_way_rule(token_filter):
    synonyms = parse_synonyms([(1, "rookstop => rookstop, tabacoloog")], analyse_with(token_filter), "test.txt")
    stop = (token_filter.stem("rookstop"),)
    tabacologist = (token_filter.stem("tabacoloog"),)

    assert synonyms.rules[stop] == [stop, tabacologist]
    assert tabacologist not in synonyms.rules


def test_synonyms_multiword_phrase(token_filter):
    synonyms = parse_synonyms([(1, "caw, centrum algemeen welzijnswerk")], analyse_with(token_filter), "test.txt")
    phrase = tuple(token_filter.stem(word) for word in ("centrum", "algemeen", "welzijnswerk"))

    assert synonyms.rules[("caw",)] == [("caw",), phrase]
    assert synonyms.display[phrase] == "centrum algemeen welzijnswerk"
    assert synonyms.longest_key == 3


def test_synonyms_rules_merge(token_filter):
    lines = [(1, "psy => psycholoog"), (2, "psy => psychiater, psycholoog")]
    synonyms = parse_synonyms(lines, analyse_with(token_filter), "test.txt")

    assert synonyms.rules[("psy",)] == [("psycholog",), (token_filter.stem("psychiater"),)]


def test_synonyms_stopword_entry_rejected(token_filter):
    lines = [(1, "tandarts, tandheelkundige"), (7, "huisarts, de van het")]

    with pytest.raises(SynonymFileError) as raised:
        parse_synonyms(lines, analyse_with(token_filter), "synonyms_test.txt")

    message = str(raised.value)
    assert message.startswith("synonyms_test.txt:7:")
    assert "'de van het'" in message
    assert "stopwords" in message


def test_synonyms_stopword_target_rejected(token_filter):
    with pytest.raises(SynonymFileError, match=r"^extra\.txt:4: 'voor' consists of stopwords only"):
        parse_synonyms([(4, "huisarts => voor")], analyse_with(token_filter), "extra.txt")


def test_synonyms_empty_entry_rejected(token_filter):
    with pytest.raises(SynonymFileError, match=r"^extra\.txt:2: empty entry"):
        parse_synonyms([(2, "huisarts,, dokter")], analyse_with(token_filter), "extra.txt")


def test_synonyms_match_longest_key(token_filter):
    lines = [(1, "centrum => centrum"), (2, "woon zorg centrum => woonzorgcentrum")]
    synonyms = parse_synonyms(lines, analyse_with(token_filter), "test.txt")
    stems = analyse_with(token_filter)("woon zorg centrum")

    key, targets = synonyms.match_at(stems, 0)

    assert len(key) == 3
    assert targets == [("woonzorgcentrum",)]


SYNONYM_LINES = resources.read_data_lines(resources.SYNONYMS_FILE)


@pytest.mark.parametrize(("number", "line"), SYNONYM_LINES, ids=[f"line{number}" for number, _ in SYNONYM_LINES])
def test_synonym_file_line_parses(token_filter, number, line):
    synonyms = parse_synonyms([(number, line)], analyse_with(token_filter), resources.SYNONYMS_FILE)

    assert synonyms.rules
    for key, targets in synonyms.rules.items():
        assert all(key), f"line {number}: empty stem in {key}"
        assert targets, f"line {number}: {key} has no targets"


def test_synonym_file_has_rules():
    assert len(SYNONYM_LINES) >= 30


def test_synonym_file_whole_parses(token_filter):
    synonyms = parse_synonyms(SYNONYM_LINES, analyse_with(token_filter), resources.SYNONYMS_FILE)

    assert ("psycholog",) in synonyms.rules
    assert ("kine",) in synonyms.rules


# ------------------------------------------------------------------ query expansion


def test_query_psycholoog_expands(analyzer):
    query = analyzer.analyse_query("psycholoog")
    (clause,) = query.clauses

    assert clause.words == ("psycholoog",)
    assert ("psycholog",) in alternatives_of(clause)
    assert ("klinisch", "psycholog") in alternatives_of(clause)
    assert ("cgg",) in alternatives_of(clause)


def test_query_synonym_labels(analyzer):
    (clause,) = analyzer.analyse_query("psycholoog").clauses
    synonyms = [alternative.label for alternative in clause.alternatives if alternative.origin == "synonym"]

    assert synonyms == ["klinisch psycholoog", "CGG"]


def test_query_plural_reaches_synonyms(analyzer):
    (clause,) = analyzer.analyse_query("psychologen").clauses

    assert ("cgg",) in alternatives_of(clause)


def test_query_stopwords_ignored(analyzer):
    query = analyzer.analyse_query("ik zoek een psycholoog in Gent")

    assert [clause.words for clause in query.clauses] == [("psycholoog",), ("gent",)]
    assert query.ignored_words == ("ik", "zoek", "een", "in")


def test_query_only_stopwords_is_empty(analyzer):
    query = analyzer.analyse_query("de van het")

    assert query.is_empty
    assert query.ignored_words == ("de", "van", "het")


def test_query_woon_zorg_centrum(analyzer):
    query = analyzer.analyse_query("woon zorg centrum")
    (clause,) = query.clauses

    assert clause.words == ("woon", "zorg", "centrum")
    assert alternatives_of(clause) == {("woonzorgcentrum",)}


@pytest.mark.parametrize(("typed", "other"), [("kine", "kinesitherapeut"), ("kinesitherapeut", "kine")])
def test_query_kine_equivalence(analyzer, typed, other):
    (clause,) = analyzer.analyse_query(typed).clauses

    assert (other,) in alternatives_of(clause)
    assert ("kinesist",) in alternatives_of(clause)


def test_query_protected_acronym_expands(analyzer):
    (clause,) = analyzer.analyse_query("OCMW").clauses

    assert ("ocmw",) in alternatives_of(clause)
    assert ("sociaal", "huis") in alternatives_of(clause)


def test_query_compound_alternative(analyzer):
    (clause,) = analyzer.analyse_query("kinderpsycholoog").clauses
    compound = [alternative for alternative in clause.alternatives if alternative.origin == "compound"]

    assert ("kinderpsycholog",) in alternatives_of(clause)
    assert len(compound) == 1
    assert compound[0].stems == ("kind", "psycholog")
    assert compound[0].phrase is False


def test_index_terms_match_query_stems(analyzer):
    """A document's text and a query for it produce the same stems."""
    document_terms = analyzer.index_terms("De psychologen van het CGG in Gent")

    assert document_terms == ["psycholog", "cgg", "gent"]


# ------------------------------------------------------------------ compounds


def test_compound_kinderpsycholoog(analyzer, token_filter):
    assert analyzer.compounds.split(token_filter.stem("kinderpsycholoog")) == ("kind", "psycholog")


def test_compound_thuisverpleging(analyzer, token_filter):
    assert analyzer.compounds.split(token_filter.stem("thuisverpleging")) == ("thuis", "verpleg")


def test_compound_woonzorgcentrum(analyzer, token_filter):
    expected = tuple(token_filter.stem(word) for word in ("woon", "zorg", "centrum"))

    assert analyzer.compounds.split(token_filter.stem("woonzorgcentrum")) == expected


def test_compound_plain_word_not_split(analyzer, token_filter):
    assert analyzer.compounds.split(token_filter.stem("psycholoog")) == ()
    assert analyzer.compounds.split(token_filter.stem("apotheek")) == ()


def test_compound_linking_s_dropped():
    """With stemming switched off, only linking-suffix removal can shorten the modifier."""
    splitter = CompoundSplitter({"verslaving", "zorg"}, lambda word: word)

    assert splitter.split("verslavingszorg") == ("verslaving", "zorg")


@pytest.mark.parametrize(
    ("word", "parts"),
    [("verslavingszorg", ("verslav", "zorg")), ("gezinszorg", ("gezin", "zorg")), ("kinderopvang", ("kind", "opvang"))],
)
def test_compound_care_words(analyzer, token_filter, word, parts):
    assert analyzer.compounds.split(token_filter.stem(word)) == parts


def test_compound_short_modifier_kept_whole(token_filter):
    """A modifier under three letters is more likely part of the head than a word."""
    splitter = CompoundSplitter({"arts"}, token_filter.stem)

    assert splitter.split("huisarts") == (token_filter.stem("huis"), "arts")
    assert splitter.split("koarts") == ()


def test_compound_short_head_ignored(token_filter):
    splitter = CompoundSplitter({"bos"}, token_filter.stem)

    assert splitter.split("verbos") == ()


def test_compound_parts_for_index(analyzer):
    stems = analyzer.index_terms("Kinderpsycholoog Lotte")

    assert analyzer.compound_parts(stems) == ["kind", "psycholog"]


# ------------------------------------------------------------------ typos


def test_typo_swap_is_one_edit():
    assert OSA.distance("pyscholoog", "psycholoog") == 1
    assert Levenshtein.distance("pyscholoog", "psycholoog") == 2


def test_typo_corrects_swap():
    vocabulary = Vocabulary([("psychiater", 3), ("psycholoog", 5)])

    assert vocabulary.closest("pyscholoog") == "psycholoog"


def test_typo_far_word_not_corrected():
    vocabulary = Vocabulary([("psycholoog", 5)])

    assert vocabulary.closest("apotheek") is None


@pytest.mark.parametrize(("word", "edits"), [("kine", 0), ("kind", 0), ("tands", 1), ("tandart", 1), ("tandarts", 2)])
def test_typo_edit_budget(word, edits):
    assert max_edits_for(word) == edits


@pytest.mark.parametrize("word", ["kine", "kind", "psy", "cgg"])
def test_typo_short_word_untouched(word):
    vocabulary = Vocabulary([("kind", 9), ("kine", 9), ("pas", 9), ("egg", 9), ("kinesist", 9)])

    assert vocabulary.closest(word) is None


def test_typo_short_word_in_chain(analyzer):
    vocabulary = Vocabulary([("kind", 10)])
    query = analyzer.analyse_query("kine", vocabulary)

    assert query.corrections == ()
    assert query.clauses[0].words == ("kine",)


def test_typo_tie_prefers_more_documents():
    """Both words are one edit from "kaarx", so the one in more documents wins."""
    vocabulary = Vocabulary([("kaars", 2), ("kaart", 7)])

    assert vocabulary.closest("kaarx") == "kaart"


def test_typo_tie_then_alphabetical():
    """Equal distance and count: the alphabetically first word wins, whatever the order."""
    forward = Vocabulary([("kaars", 4), ("kaart", 4)])
    backward = Vocabulary([("kaart", 4), ("kaars", 4)])

    assert forward.closest("kaarx") == "kaars"
    assert backward.closest("kaarx") == "kaars"


def test_typo_nearer_beats_more_frequent():
    vocabulary = Vocabulary([("tandarts", 1), ("tandartsen", 50)])

    assert vocabulary.closest("tandarst") == "tandarts"


def test_typo_counts_add_up():
    vocabulary = Vocabulary([("kaars", 2), ("kaart", 3)])
    vocabulary.add("kaars", 2)

    assert vocabulary.counts["kaars"] == 4
    assert len(vocabulary) == 2
    assert vocabulary.closest("kaarx") == "kaars"


def test_typo_correction_reaches_synonyms(analyzer):
    vocabulary = Vocabulary([("psycholoog", 5), ("cgg", 2)])
    query = analyzer.analyse_query("pyscholoog", vocabulary)
    (clause,) = query.clauses

    assert [(correction.typed, correction.corrected) for correction in query.corrections] == [
        ("pyscholoog", "psycholoog")
    ]
    assert query.corrected_text() == "psycholoog"
    assert ("cgg",) in alternatives_of(clause)


def test_typo_known_word_untouched(analyzer):
    vocabulary = Vocabulary([("psycholoog", 5), ("psychologen", 9)])
    query = analyzer.analyse_query("psycholoog", vocabulary)

    assert query.corrections == ()


def test_typo_synonym_word_untouched(analyzer):
    """"huisdokter" is in no document but is a word of the synonyms file."""
    vocabulary = Vocabulary([("huisarts", 5), ("huisdokters", 1)])
    query = analyzer.analyse_query("huisdokter", vocabulary)

    assert query.corrections == ()


def test_typo_digits_untouched(analyzer):
    vocabulary = Vocabulary([("90000", 5)])
    query = analyzer.analyse_query("9000", vocabulary)

    assert query.corrections == ()


# ------------------------------------------------------------------ the whole chain


def test_build_analyzer_with_custom_filter():
    token_filter = TokenFilter(
        stopwords=resources.read_word_set(resources.STOPWORDS_FILE),
        protected=resources.read_word_set(resources.PROTECTED_WORDS_FILE),
        overrides={},
    )
    analyzer = build_analyzer(token_filter)

    assert analyzer.token_filter is token_filter
    assert "huisdokter" in analyzer.query_words
    assert analyzer.analyse_query("psycholoog").clauses[0].words == ("psycholoog",)


def test_split_compound_joined_when_known():
    analyzer = default_analyzer()
    vocabulary = Vocabulary([("rusthuis", 3), ("huis", 10), ("sociaal", 4)])

    joined = analyzer.analyse_query("rust huis", vocabulary)
    kept_apart = analyzer.analyse_query("sociaal huis", vocabulary)

    assert [clause.words for clause in joined.clauses] == [("rusthuis",)]
    assert [word for clause in kept_apart.clauses for word in clause.words] == ["sociaal", "huis"]
