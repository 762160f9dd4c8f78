"""Pure functions that turn search documents into OpenSearch bulk actions.

Text fields go to OpenSearch as the stems of the same Analyzer that the embedded
engine uses, and so do the compound parts, the typo vocabulary and the autocomplete
keys. The raw text stays in the stored provider record.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from analyzers.chain import Analyzer
from analyzers.text import fold
from indexer.documents import SearchDocument
from mappings.fields import TEXT_FIELD_NAMES
from mappings.opensearch import DOC_TYPE_PROVIDER, DOC_TYPE_SUGGESTION, LABEL_SEPARATOR, PREANALYSED_FIELDS

JsonObject = dict[str, Any]

_SCRIPTED_WEIGHT = "ctx._source.suggestion.weight += params.weight"


def provider_source(document: SearchDocument, analyzer: Analyzer) -> JsonObject:
    """Return the stored form of one provider: raw text, compound parts, facets, point."""
    source: JsonObject = {"doc_type": DOC_TYPE_PROVIDER, "id": document.id, "sort_name": document.sort_name}

    stems: list[str] = []
    words: set[str] = set()
    for name in TEXT_FIELD_NAMES:
        if name in PREANALYSED_FIELDS:
            continue
        text = document.text.get(name, "")
        field_stems, field_words = analyzer.terms_and_words(text)
        source[name] = " ".join(field_stems)
        stems.extend(field_stems)
        words.update(field_words)

    source["parts"] = " ".join(analyzer.compound_parts(stems))
    source["words"] = sorted(words)
    source["facets"] = {facet: [value.value for value in values] for facet, values in document.facets.items()}
    source["facet_labels"] = [
        LABEL_SEPARATOR.join((facet, value.value, value.label))
        for facet, values in document.facets.items()
        for value in values
    ]
    if document.lat is not None and document.lon is not None:
        source["location"] = {"lat": document.lat, "lon": document.lon}
    source["provider"] = document.provider.model_dump(mode="json")
    return source


def provider_action(document: SearchDocument, analyzer: Analyzer, index: str, op_type: str) -> JsonObject:
    """Return a bulk action; `op_type` "create" rejects a second document with the same id."""
    return {
        "_op_type": op_type,
        "_index": index,
        "_id": document.id,
        "_source": provider_source(document, analyzer),
    }


def suggestion_keys(label: str) -> list[str]:
    """Return each word start of a folded label, so "psy" finds "klinisch psycholoog"."""
    words = fold(label).split()
    return list(dict.fromkeys(" ".join(words[position:]) for position in range(len(words))))


def suggestion_id(kind: str, label: str) -> str:
    digest = hashlib.sha1(f"{kind}{LABEL_SEPARATOR}{label}".encode()).hexdigest()
    return f"suggestion-{digest}"


def suggestion_source(kind: str, label: str, weight: int) -> JsonObject:
    return {
        "doc_type": DOC_TYPE_SUGGESTION,
        "suggestion": {"keys": suggestion_keys(label), "label": label, "kind": kind, "weight": weight},
    }


def count_suggestions(documents: Iterable[SearchDocument]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for document in documents:
        counts.update(document.suggestions)
    return counts


def suggestion_actions(counts: Counter[tuple[str, str]], index: str, merge: bool) -> Iterator[JsonObject]:
    """Return bulk actions for autocomplete entries; `merge` adds to existing weights."""
    for (kind, label), weight in sorted(counts.items()):
        source = suggestion_source(kind, label, weight)
        if not merge:
            yield {"_op_type": "index", "_index": index, "_id": suggestion_id(kind, label), "_source": source}
            continue
        yield {
            "_op_type": "update",
            "_index": index,
            "_id": suggestion_id(kind, label),
            "script": {"source": _SCRIPTED_WEIGHT, "lang": "painless", "params": {"weight": weight}},
            "upsert": source,
        }
