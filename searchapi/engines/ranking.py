"""Ordering of the embedded engine's matches: match strength, distance, tie-breaks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from searchapi.engines.base import SortOrder


@dataclass(frozen=True)
class Ranked:
    docs: np.ndarray
    scores: np.ndarray
    # NaN where the request had no point or the provider has none.
    distances: np.ndarray


def rank(
    docs: np.ndarray,
    text_scores: np.ndarray | None,
    weak: np.ndarray | None,
    distances: np.ndarray | None,
    name_rank: np.ndarray,
    sort: SortOrder,
) -> Ranked:
    """Order matched documents; the name order (then id) breaks every remaining tie.

    Relevance puts strong matches (every query word in the name, profession or
    rubriek) before weak ones, then the nearest first when the request has a point,
    or else the higher BM25 score. Distance order puts the nearest first whatever the
    match, and providers without coordinates last. `weak` is 1 for a weak match.
    """
    scores = text_scores if text_scores is not None else np.ones(len(docs))
    strength = weak if weak is not None else np.zeros(len(docs), dtype=np.int64)
    distance_values = distances if distances is not None else np.full(len(docs), np.nan)

    distance_key = np.nan_to_num(distance_values, nan=np.inf)
    names = name_rank[docs]
    # Rounding keeps float noise from deciding between equally relevant providers.
    score_key = -np.round(scores, 9)

    if distances is None:
        order = np.lexsort((names, score_key, strength))
    elif sort == SortOrder.DISTANCE:
        order = np.lexsort((names, score_key, strength, distance_key))
    else:
        order = np.lexsort((names, distance_key, strength))
    return Ranked(docs[order], scores[order], distance_values[order])
