"""OpenSearch index settings and mapping, rendered from `analyzers/` and `mappings/fields.py`.

The rendered analyzers repeat the Python chain of `analyzers/` step by step, so they
give the same stems as the embedded engine's FTS5 columns:

    char filters   invisible characters, odd spaces and ĳ, inner apostrophes, stopwords
    tokenizer      runs of letters and digits
    filters        lowercase, asciifolding, stop, keyword_marker (protected words and
                   numbers), stemmer_override, one pattern_replace per ending rewrite,
                   stemmer (dutch)

Stopwords are removed twice. The char filter deletes them before tokenizing, so no
position gap is left where they stood: the embedded engine matches phrases on the
stems alone ("centrum voor geestelijke gezondheidszorg" contains the phrase "centrum
geestelijke gezondheidszorg"), and synonym_graph rejects rule words that analyse with
a position gap. The stop filter catches what the char filter cannot see, such as a
stopword that only appears after asciifolding.

The search analyzer adds synonym_graph with the rules of the synonyms file. The
text fields themselves are written with the stems that Python analysed and indexed
verbatim: running the chain on the server as well doubled the CPU time of a build
(8.8 s against 4.6 s of node CPU for 10,000 demo providers on 2 cores), and Python
computes the stems anyway for the compound parts and the vocabulary. The OpenSearch
engine queries with Python's stems too (typo correction needs the index vocabulary
first); the search analyzer serves plain `match` queries, e.g. from Dashboards.
"""

from __future__ import annotations

import re
from typing import Any

from analyzers import resources
from analyzers.stemming import TokenFilter, default_token_filter
from analyzers.text import fold
from mappings.fields import FACETS, TEXT_FIELD_NAMES

JsonObject = dict[str, Any]

SCHEMA_VERSION = 1

DUTCH_ANALYZER = "sk_dutch"
SEARCH_ANALYZER = "sk_dutch_synonyms"
# Splits on whitespace only: for stems that Python already analysed.
VERBATIM_ANALYZER = "sk_verbatim"

# Text fields that Python fills on its own (compound parts), not from a document field.
PREANALYSED_FIELDS: tuple[str, ...] = ("parts",)

# Provider documents and autocomplete entries share one index per generation.
DOC_TYPE_PROVIDER = "provider"
DOC_TYPE_SUGGESTION = "suggestion"

# Separates facet, value and label in the `facet_labels` keyword values.
LABEL_SEPARATOR = "\u001f"

# Words that Lucene's dutch stemmer (OpenSearch 3.9.0) stems differently from
# PyStemmer's dutch_porter, mapped to the Python stem. Comparing `_analyze` with the
# Python chain on about 4,000 words (corpus, synonyms, professions, rubrieken, ESCO
# occupations, CD-HCPARTY labels, municipalities) found none.
# tests/test_opensearch_mapping.py repeats the comparison on a live node.
LUCENE_STEM_FIXES: dict[str, str] = {}

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_ODD_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u3000"
_LIGATURES = {"\u0133": "ij", "\u0132": "IJ"}
_APOSTROPHES = "'\u2019\u2018\u02bc"
_WORD_CHAR = r"[\p{L}\p{N}]"


def render_index_body(
    token_filter: TokenFilter | None = None,
    shards: int = 1,
    replicas: int = 0,
) -> JsonObject:
    """Return the body of a create-index request: settings and mappings."""
    return {
        "settings": render_settings(token_filter, shards, replicas),
        "mappings": render_mappings(),
    }


def render_settings(token_filter: TokenFilter | None = None, shards: int = 1, replicas: int = 0) -> JsonObject:
    token_filter = token_filter or default_token_filter()
    synonym_rules = [line for _, line in resources.read_data_lines(resources.SYNONYMS_FILE)]
    return {
        "index": {"number_of_shards": shards, "number_of_replicas": replicas},
        "analysis": render_analysis(token_filter, synonym_rules),
    }


def render_analysis(token_filter: TokenFilter, synonym_rules: list[str]) -> JsonObject:
    """Return the `analysis` settings: char filters, tokenizer, filters and analyzers."""
    ending_filters = _ending_rewrite_filters(token_filter)
    stem_filters = [
        "lowercase",
        "asciifolding",
        "sk_stop",
        "sk_protected",
        "sk_numbers",
        "sk_stem_overrides",
        *ending_filters,
        "sk_stemmer",
    ]
    char_filters = ["sk_invisible", "sk_spaces", "sk_combining_marks", "sk_apostrophes", "sk_stopwords"]

    filters: JsonObject = {
        "sk_stop": {"type": "stop", "stopwords": sorted(token_filter.stopwords)},
        "sk_protected": {"type": "keyword_marker", "keywords": sorted(token_filter.protected)},
        # The Python chain leaves numbers such as postcodes unstemmed.
        "sk_numbers": {"type": "keyword_marker", "keywords_pattern": "^[0-9]+$"},
        "sk_stem_overrides": {"type": "stemmer_override", "rules": stem_override_rules(token_filter)},
        "sk_stemmer": {"type": "stemmer", "language": "dutch"},
        "sk_synonyms": {"type": "synonym_graph", "synonyms": synonym_rules, "lenient": False},
    }
    filters.update(ending_filters)

    return {
        "char_filter": _char_filters(token_filter),
        "tokenizer": {"sk_words": {"type": "pattern", "pattern": f"{_WORD_CHAR}+", "group": 0}},
        "filter": filters,
        "analyzer": {
            DUTCH_ANALYZER: {
                "type": "custom",
                "char_filter": char_filters,
                "tokenizer": "sk_words",
                "filter": stem_filters,
            },
            SEARCH_ANALYZER: {
                "type": "custom",
                "char_filter": char_filters,
                "tokenizer": "sk_words",
                "filter": [*stem_filters, "sk_synonyms"],
            },
            VERBATIM_ANALYZER: {"type": "custom", "tokenizer": "whitespace"},
        },
    }


def stem_override_rules(token_filter: TokenFilter) -> list[str]:
    """Return `word => stem` rules: the overrides file, then the Lucene stem fixes."""
    overrides = {**LUCENE_STEM_FIXES, **token_filter.overrides}
    return [f"{word} => {stem}" for word, stem in sorted(overrides.items())]


def _char_filters(token_filter: TokenFilter) -> JsonObject:
    mappings = [f"{char} => {replacement}" for char, replacement in _LIGATURES.items()]
    mappings.extend(f"\\u{ord(char):04x} => \\u0020" for char in _ODD_SPACES)
    return {
        "sk_invisible": {"type": "pattern_replace", "pattern": f"[{_INVISIBLE}]", "replacement": ""},
        "sk_spaces": {"type": "mapping", "mappings": mappings},
        # Decomposed accents: the Python chain composes them (NFC) and then folds them away.
        "sk_combining_marks": {"type": "pattern_replace", "pattern": r"\p{Mn}+", "replacement": ""},
        # "baby's" -> "babys" and "'s-Gravenwezel" -> "s gravenwezel", as analyzers.text.tokenize.
        "sk_apostrophes": {
            "type": "pattern_replace",
            "pattern": f"(?<=[\\p{{L}}\\p{{N}}_])[{_APOSTROPHES}](?=[\\p{{L}}\\p{{N}}_])",
            "replacement": "",
        },
        "sk_stopwords": {
            "type": "pattern_replace",
            "pattern": stopword_pattern(token_filter.stopwords),
            "replacement": "",
        },
    }


def stopword_pattern(stopwords: frozenset[str]) -> str:
    """Return a Java regex that matches any stopword as a whole word, in any case or accent."""
    alternatives = "|".join(
        "".join(_letter_class(letter) for letter in word) for word in sorted(stopwords, key=lambda w: (-len(w), w))
    )
    return f"(?<!{_WORD_CHAR})(?:{alternatives})(?!{_WORD_CHAR})"


def _letter_class(letter: str) -> str:
    """Return a regex character class of every Latin character that folds to `letter`."""
    if not re.fullmatch("[a-z0-9]", letter):
        return re.escape(letter)
    variants = sorted(_FOLDED_VARIANTS.get(letter, set()) | {letter, letter.upper()})
    return "[" + "".join(variants) + "]"


def _folded_variants() -> dict[str, set[str]]:
    variants: dict[str, set[str]] = {}
    # Latin-1 Supplement, Latin Extended-A and -B: the accented letters of European text.
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isalpha():
            variants.setdefault(folded, set()).add(char)
    return variants


_FOLDED_VARIANTS = _folded_variants()


def _ending_rewrite_filters(token_filter: TokenFilter) -> JsonObject:
    """Return one pattern_replace filter per `*ending => *replacement` rule, longest first.

    Raises ValueError for rules that the filter chain cannot apply the way Python
    does. The filters get every token, including protected words and overridden
    stems, and each filter gets the output of the one before.
    """
    rules = token_filter.ending_rewrites
    untouchable = token_filter.protected | set(token_filter.overrides.values())
    for ending, replacement in rules:
        hit = sorted(word for word in untouchable if word.endswith(ending) and len(word) > len(ending))
        if hit:
            raise ValueError(f"ending rewrite *{ending} would also change protected or override stems {hit}")
        chained = [other for other, _ in rules if replacement.endswith(other)]
        if chained:
            raise ValueError(f"ending rewrite *{ending} => *{replacement} produces ending {chained[0]} of another rule")

    return {
        f"sk_ending_{number}": {
            "type": "pattern_replace",
            "pattern": f"^(.+){re.escape(ending)}$",
            "replacement": f"$1{replacement}",
        }
        for number, (ending, replacement) in enumerate(rules, start=1)
    }


def render_mappings() -> JsonObject:
    properties: JsonObject = {
        "doc_type": {"type": "keyword"},
        "id": {"type": "keyword"},
        "sort_name": {"type": "keyword"},
        "location": {"type": "geo_point"},
        "facets": {"properties": {facet: {"type": "keyword"} for facet in FACETS}},
        # "facet<US>value<US>label", aggregated once per generation for the facet labels.
        "facet_labels": {"type": "keyword", "index": False},
        # Folded surface words of the document, aggregated for typo correction.
        "words": {"type": "keyword", "index": False},
        # The provider record, returned as stored and never searched.
        "provider": {"type": "object", "enabled": False},
        "suggestion": {
            "properties": {
                "keys": {"type": "keyword"},
                "label": {"type": "keyword"},
                "kind": {"type": "keyword"},
                "weight": {"type": "integer"},
            }
        },
    }
    # Text fields hold the stems that Python analysed, so they are indexed as they are
    # (verbatim). A plain `match` query with raw Dutch text still works: the search
    # analyzer runs the rendered chain, synonyms included, and yields the same stems.
    for name in TEXT_FIELD_NAMES:
        properties[name] = {"type": "text", "analyzer": VERBATIM_ANALYZER, "search_analyzer": SEARCH_ANALYZER}
    return {"dynamic": "strict", "_meta": {"schema_version": SCHEMA_VERSION}, "properties": properties}
