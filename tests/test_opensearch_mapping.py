"""The rendered OpenSearch settings, and their analysis on a real node against `analyzers/`."""

from __future__ import annotations

import csv
import uuid

import pytest

from analyzers import resources
from analyzers.chain import _lexicon_words, default_analyzer
from analyzers.stemming import default_token_filter
from analyzers.text import tokenize
from corpus import corpus_documents
from indexer import taxonomy
from mappings.fields import TEXT_FIELD_NAMES
from mappings.opensearch import (
    DUTCH_ANALYZER,
    SEARCH_ANALYZER,
    render_index_body,
    render_mappings,
    render_settings,
)


def analysis() -> dict:
    return render_settings()["analysis"]


def test_synonym_rules_come_from_file():
    rules = analysis()["filter"]["sk_synonyms"]["synonyms"]

    assert rules == [line for _, line in resources.read_data_lines(resources.SYNONYMS_FILE)]
    assert "psycholoog => psycholoog, klinisch psycholoog, CGG" in rules


def test_stopwords_leave_out_protected():
    stopwords = set(analysis()["filter"]["sk_stop"]["stopwords"])
    token_filter = default_token_filter()

    assert stopwords == set(token_filter.stopwords)
    assert "voor" in stopwords
    assert not stopwords & token_filter.protected


def test_protected_words_are_keywords():
    keywords = set(analysis()["filter"]["sk_protected"]["keywords"])

    assert keywords == set(default_token_filter().protected)
    assert "psy" in keywords


def test_stem_overrides_rendered():
    rules = analysis()["filter"]["sk_stem_overrides"]["rules"]

    assert "kinderen => kind" in rules
    assert "psychologe => psycholog" in rules


def test_ending_rewrites_rendered():
    filters = analysis()["filter"]

    assert filters["sk_ending_1"]["type"] == "pattern_replace"
    assert {"pattern": "^(.+)kinderen$", "replacement": "$1kind"}.items() <= filters["sk_ending_1"].items()


def test_search_analyzer_adds_synonyms():
    analyzers = analysis()["analyzer"]

    assert analyzers[SEARCH_ANALYZER]["filter"] == [*analyzers[DUTCH_ANALYZER]["filter"], "sk_synonyms"]


def test_stopword_pattern_ignores_accents():
    pattern = analysis()["char_filter"]["sk_stopwords"]["pattern"]

    assert "[EeÈÉÊËèéêë" in pattern
    assert "[OoÒÓÔÕÖØòóôõöø" in pattern


def test_mapping_text_fields():
    properties = render_mappings()["properties"]

    for name in TEXT_FIELD_NAMES:
        assert properties[name]["type"] == "text", name
    assert properties["name"]["search_analyzer"] == SEARCH_ANALYZER
    assert properties["parts"]["analyzer"] == "sk_verbatim"
    assert properties["location"] == {"type": "geo_point"}
    assert properties["provider"] == {"type": "object", "enabled": False}


def test_one_shard_no_replicas():
    index = render_settings()["index"]

    assert index == {"number_of_shards": 1, "number_of_replicas": 0}


# ------------------------------------------------------------------ on a node


def parity_texts() -> list[str]:
    """Texts whose words the two chains must stem alike: the corpus and the word lists."""
    texts = [text for document in corpus_documents() for text in document.text.values() if text]
    texts.extend(line for _, line in resources.read_data_lines(resources.SYNONYMS_FILE))
    texts.extend(_lexicon_words())
    for entry in taxonomy.professions().values():
        texts.extend((entry.label, entry.plural))
    texts.extend(taxonomy.rubriek_labels().values())
    return texts


@pytest.fixture(scope="module")
def analysis_index(opensearch_url):
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=[opensearch_url])
    index = f"test-analysis-{uuid.uuid4().hex[:12]}"
    client.indices.create(index=index, body=render_index_body())
    yield client, index
    client.indices.delete(index=index)
    client.close()


def analyze(analysis_index, text: str, analyzer: str = DUTCH_ANALYZER) -> list[dict]:
    client, index = analysis_index
    return client.indices.analyze(index=index, body={"analyzer": analyzer, "text": text})["tokens"]


def stem_mismatches(analysis_index, words: list[str]) -> dict[str, tuple[list[str], list[str]]]:
    """Return the words that the node and Python analyse differently, with both results.

    All words go to the node in one request first. Only when the token lists differ
    does each word get its own request, so the failure names the words.
    """
    analyzer = default_analyzer()
    expected = [stem for word in words for stem in analyzer.index_terms(word)]
    tokens = [token["token"] for token in analyze(analysis_index, "\n".join(words))]
    if tokens == expected:
        return {}

    mismatches = {}
    for word in words:
        found = [token["token"] for token in analyze(analysis_index, word)]
        if found != analyzer.index_terms(word):
            mismatches[word] = (found, analyzer.index_terms(word))
    return mismatches


def test_words_stem_alike(analysis_index):
    words = sorted({word for text in parity_texts() for word in tokenize(text)})

    assert len(words) > 200
    assert stem_mismatches(analysis_index, words) == {}


def test_esco_words_stem_alike(analysis_index, shared_data):
    texts = []
    with (shared_data / "esco_occupations_nl_health_social.csv").open(encoding="utf-8") as lines:
        for row in csv.DictReader(lines):
            texts.extend((row["preferredLabel_nl"], row["altLabels_nl"], row["description_nl"]))
    words = sorted({word for text in texts for word in tokenize(text)})

    assert len(words) > 2000
    assert stem_mismatches(analysis_index, words) == {}


def test_texts_analyse_alike(analysis_index):
    analyzer = default_analyzer()
    mismatches = {}
    for text in parity_texts():
        tokens = [token["token"] for token in analyze(analysis_index, text)]
        if tokens != analyzer.index_terms(text):
            mismatches[text] = (tokens, analyzer.index_terms(text))

    assert mismatches == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Centrum voor Geestelijke Gezondheidszorg", ["centrum", "geestelijk", "gezondheidszorg"]),
        ("baby's 's-Gravenwezel", ["babys", "s", "gravenwezel"]),
        ("ĳsbaan\u00a0Diëtiste", ["ijsban", "dietist"]),
        ("kine\u00adsitherapeut", ["kinesitherapeut"]),
        ("VÓÓR de apotheken", ["apothek"]),
        ("psy 9000 kinderen", ["psy", "9000", "kind"]),
    ],
)
def test_hard_cases_analyse_alike(analysis_index, text, expected):
    tokens = [token["token"] for token in analyze(analysis_index, text)]

    assert default_analyzer().index_terms(text) == expected
    assert tokens == expected


def test_stopwords_leave_no_gap(analysis_index):
    tokens = analyze(analysis_index, "hulp bij depressie, angst en burn-out")

    assert [token["position"] for token in tokens] == list(range(len(tokens)))


def test_search_analyzer_expands_synonyms(analysis_index):
    tokens = {token["token"] for token in analyze(analysis_index, "psychologen", SEARCH_ANALYZER)}

    assert {"psycholog", "klinisch", "cgg"} <= tokens
