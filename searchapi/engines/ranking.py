"""Ordering of the embedded engine's matches: distance blend, distance sort, tie-breaks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mappings.fields import DISTANCE_DECAY, DISTANCE_DECAY_OFFSET_KM, DISTANCE_DECAY_SCALE_KM
from searchapi.engines.base import SortOrder

# A provider without coordinates cannot be "near"; it ranks as if this many scales away.
MISSING_POINT_SCALES = 10


@dataclass(frozen=True)
class Ranked:
    docs: np.ndarray
    scores: np.ndarray
    # NaN where the request had no point or the provider has none.
    distances: np.ndarray


def distance_decay(distances: np.ndarray) -> np.ndarray:
    """Multiply factor 0.5 ** (max(0, d - offset) / scale) for each distance in km."""
    excess = np.maximum(0.0, np.nan_to_num(distances, nan=0.0) - DISTANCE_DECAY_OFFSET_KM)
    decay = np.power(DISTANCE_DECAY, excess / DISTANCE_DECAY_SCALE_KM)
    decay[np.isnan(distances)] = DISTANCE_DECAY**MISSING_POINT_SCALES
    return decay


def rank(
    docs: np.ndarray,
    text_scores: np.ndarray | None,
    distances: np.ndarray | None,
    name_rank: np.ndarray,
    sort: SortOrder,
) -> Ranked:
    """Order matched documents; the name order (then id) breaks every remaining tie.

    Relevance with a point multiplies the text score by the distance decay, so equally
    relevant providers come nearest first. Distance order puts providers without
    coordinates last. Without text every match scores 1.
    """
    scores = text_scores if text_scores is not None else np.ones(len(docs))
    if distances is None:
        distance_values = np.full(len(docs), np.nan)
    else:
        distance_values = distances
        if sort != SortOrder.DISTANCE:
            scores = scores * distance_decay(distances)

    distance_key = np.nan_to_num(distance_values, nan=np.inf)
    names = name_rank[docs]
    # Rounding keeps float noise from deciding between equally relevant providers.
    score_key = -np.round(scores, 9)

    if sort == SortOrder.DISTANCE and distances is not None:
        order = np.lexsort((names, score_key, distance_key))
    else:
        order = np.lexsort((names, distance_key, score_key))
    return Ranked(docs[order], scores[order], distance_values[order])
