"""Graded judgements: which corpus providers match a query, from explicit criteria.

Each query in `queries.toml` lists rules like

    "beroep=persdentist AND gemeente=44021 => 2"
    "beroep=persdentist AND within=15 => 1"

A provider gets the grade of the first rule whose conditions all hold, else 0. The
conditions read only the corpus's ground truth (profession codes, rubriek codes,
doelgroepen, kind, NIS code, point), never an engine's output:

    beroep=a|b       has one of these profession codes
    rubriek=a|b      has one of these rubriek codes or a rubriek below one of them
    doelgroep=a|b    has one of these target groups
    soort=a|b        is of this kind (person, organization, service)
    gemeente=a|b     lies in one of these municipalities (NIS code)
    within=N         lies within N km of the query's `place`
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from analyzers.text import fold
from indexer.gazetteer import Gazetteer, distance_km
from indexer.record import Provider

QUERIES_PATH = Path(__file__).resolve().parent / "data" / "queries.toml"

CONDITION_KEYS = ("beroep", "rubriek", "doelgroep", "soort", "gemeente", "within")


class JudgementError(ValueError):
    """A query or rule in the queries file is invalid."""


@dataclass(frozen=True)
class Condition:
    key: str
    values: tuple[str, ...]

    def holds(self, provider: Provider, reference: tuple[float, float] | None) -> bool:
        if self.key == "beroep":
            return any(profession.code in self.values for profession in provider.professions)
        if self.key == "rubriek":
            return any(
                rubriek.code == value or rubriek.code.startswith(value + ".")
                for rubriek in provider.rubrieken
                for value in self.values
            )
        if self.key == "doelgroep":
            return any(fold(group) in self.values for group in provider.doelgroepen)
        if self.key == "soort":
            return provider.kind.value in self.values
        if self.key == "gemeente":
            return provider.address.nis_code in self.values
        # within: the rule was checked at load time to have a reference point.
        if provider.location is None or reference is None:
            return False
        radius = float(self.values[0])
        return distance_km(reference[0], reference[1], provider.location.lat, provider.location.lon) <= radius


@dataclass(frozen=True)
class Rule:
    conditions: tuple[Condition, ...]
    grade: int
    text: str

    def holds(self, provider: Provider, reference: tuple[float, float] | None) -> bool:
        return all(condition.holds(provider, reference) for condition in self.conditions)


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    kind: str
    rules: tuple[Rule, ...]
    # The `near` request parameter, as a user would pass it (postcode or municipality).
    near: str | None = None
    # The place that `within` conditions measure from, resolved with the gazetteer.
    place: str | None = None
    reference: tuple[float, float] | None = field(default=None, compare=False)

    def grade(self, provider: Provider) -> int:
        for rule in self.rules:
            if rule.holds(provider, self.reference):
                return rule.grade
        return 0


@dataclass(frozen=True)
class QuerySet:
    corpus_version: str
    queries: tuple[Query, ...]


def parse_rule(text: str) -> Rule:
    """Parse "key=a|b AND key=c => grade"; raise JudgementError for anything else."""
    left, arrow, right = text.partition("=>")
    if not arrow or not right.strip().isdigit():
        raise JudgementError(f"rule {text!r}: expected 'conditions => grade'")

    conditions = []
    for part in left.split(" AND "):
        key, equals, values = (piece.strip() for piece in part.partition("="))
        if not equals or key not in CONDITION_KEYS or not values:
            raise JudgementError(f"rule {text!r}: condition {part.strip()!r} is not key=value with a key of {CONDITION_KEYS}")
        conditions.append(Condition(key, tuple(value.strip() for value in values.split("|"))))
    return Rule(tuple(conditions), int(right.strip()), text.strip())


def load_queries(gazetteer: Gazetteer, path: Path = QUERIES_PATH) -> QuerySet:
    """Read and check the queries file; raise JudgementError naming the bad entry."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)

    queries = []
    seen: set[str] = set()
    for entry in data.get("query", []):
        query_id = entry.get("id", "?")
        if query_id in seen:
            raise JudgementError(f"{path.name}: query id {query_id!r} occurs twice")
        seen.add(query_id)

        rules = tuple(parse_rule(rule) for rule in entry.get("grades", []))
        if not rules or not entry.get("text") or not entry.get("kind"):
            raise JudgementError(f"{path.name}: query {query_id!r} needs text, kind and grades")

        place = entry.get("place")
        reference = None
        if place is not None:
            resolved = gazetteer.resolve(place)
            if resolved is None:
                raise JudgementError(f"{path.name}: query {query_id!r} has unknown place {place!r}")
            reference = (resolved.lat, resolved.lon)
        uses_distance = any(condition.key == "within" for rule in rules for condition in rule.conditions)
        if uses_distance and reference is None:
            raise JudgementError(f"{path.name}: query {query_id!r} uses within= but has no place")

        queries.append(
            Query(query_id, entry["text"], entry["kind"], rules, entry.get("near"), place, reference)
        )
    return QuerySet(str(data["corpus_version"]), tuple(queries))
