"""HSDS attributes (taxonomy terms) mapped onto our professions, rubrieken and doelgroepen.

A term's `taxonomy` names the list it comes from: "rubriek", "CD-HCPARTY" (or
"beroep") and "doelgroep". A term without taxonomy is tried as a rubriek code, then
as a profession code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from indexer import taxonomy
from indexer.readers.values import split_professions
from indexer.record import Profession, Rubriek

_PROFESSION_TAXONOMIES = {"cd-hcparty", "beroep", "profession"}
_RUBRIEK_TAXONOMIES = {"rubriek", "rubrieken"}
_DOELGROEP_TAXONOMIES = {"doelgroep", "doelgroepen"}


@dataclass
class ClassifiedTerms:
    professions: list[Profession] = field(default_factory=list)
    rubrieken: list[Rubriek] = field(default_factory=list)
    doelgroepen: list[str] = field(default_factory=list)
    unknown_professions: list[str] = field(default_factory=list)


def _term(attribute: Mapping[str, object]) -> Mapping[str, object]:
    term = attribute.get("taxonomy_term")
    return term if isinstance(term, Mapping) else {}


def _rubriek(code: str) -> Rubriek | None:
    try:
        return taxonomy.rubriek(code)
    except KeyError:
        return None


def classify_terms(attributes: list[Mapping[str, object]]) -> ClassifiedTerms:
    found = ClassifiedTerms()
    for attribute in attributes:
        term = _term(attribute)
        code = str(term.get("code") or "").strip()
        name = str(term.get("name") or "").strip()
        kind = str(term.get("taxonomy") or "").strip().lower()

        if kind in _DOELGROEP_TAXONOMIES:
            if name and name not in found.doelgroepen:
                found.doelgroepen.append(name)
            continue

        rubriek = _rubriek(code) if kind in _RUBRIEK_TAXONOMIES | {""} else None
        if rubriek is not None:
            if rubriek not in found.rubrieken:
                found.rubrieken.append(rubriek)
            continue

        if kind in _PROFESSION_TAXONOMIES or (not kind and code in taxonomy.professions()):
            professions, unknown = split_professions(code or name)
            found.professions += [profession for profession in professions if profession not in found.professions]
            found.unknown_professions += [label for label in unknown if label not in found.unknown_professions]
    return found
