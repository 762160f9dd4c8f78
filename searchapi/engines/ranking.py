"""Ordering of the embedded engine's matches: exact radius, distance blend, tie-breaks."""

from __future__ import annotations

from dataclasses import dataclass

from mappings.fields import DISTANCE_DECAY, DISTANCE_DECAY_OFFSET_KM, DISTANCE_DECAY_SCALE_KM
from searchapi.engines.base import GeoFilter, SearchRequest, SortOrder
from searchapi.engines.sqlite_query import haversine_km


@dataclass(frozen=True)
class Candidate:
    doc: int
    text_score: float
    sort_name: str
    id: str
    distance_km: float | None


@dataclass(frozen=True)
class RankedCandidate:
    doc: int
    score: float
    distance_km: float | None


def to_candidates(rows: list[tuple], geo: GeoFilter | None) -> list[Candidate]:
    """Turn (doc, rank, lat, lon, sort_name, id) rows into candidates with a distance."""
    candidates = []
    for doc, text_score, lat, lon, sort_name, provider_id in rows:
        distance = None
        if geo is not None and lat is not None and lon is not None:
            distance = haversine_km(geo.lat, geo.lon, lat, lon)
        candidates.append(Candidate(doc, text_score, sort_name, provider_id, distance))
    return candidates


def within_radius(candidates: list[Candidate], geo: GeoFilter | None) -> list[Candidate]:
    """Keep candidates inside the radius; without a radius, keep them all.

    A provider without coordinates has no distance, so a radius search leaves it out.
    """
    if geo is None or geo.radius_km is None:
        return candidates
    return [c for c in candidates if c.distance_km is not None and c.distance_km <= geo.radius_km]


def distance_decay(distance_km: float | None) -> float:
    if distance_km is None:
        # Without a location a provider cannot be "near"; rank it as if far away.
        return DISTANCE_DECAY ** 10
    excess = max(0.0, distance_km - DISTANCE_DECAY_OFFSET_KM)
    return DISTANCE_DECAY ** (excess / DISTANCE_DECAY_SCALE_KM)


def rank(candidates: list[Candidate], request: SearchRequest) -> list[RankedCandidate]:
    """Apply the exact radius and order the rest; the provider id breaks every tie.

    Relevance with a point multiplies the text score by the distance decay, so equally
    relevant providers come nearest first. Distance order puts providers without
    coordinates last.
    """
    kept = within_radius(candidates, request.geo)
    has_point = request.geo is not None
    far = float("inf")

    def score(candidate: Candidate) -> float:
        text_score = candidate.text_score if candidate.text_score > 0 else 1.0
        return text_score * distance_decay(candidate.distance_km) if has_point else candidate.text_score

    if request.sort == SortOrder.DISTANCE and has_point:
        ordered = sorted(
            kept,
            key=lambda c: (c.distance_km if c.distance_km is not None else far, -c.text_score, c.id),
        )
        return [RankedCandidate(c.doc, score(c), c.distance_km) for c in ordered]

    scored = [(score(c), c) for c in kept]
    scored.sort(
        key=lambda pair: (
            -round(pair[0], 9),
            pair[1].distance_km if pair[1].distance_km is not None else far,
            pair[1].sort_name,
            pair[1].id,
        )
    )
    return [RankedCandidate(c.doc, value, c.distance_km) for value, c in scored]
