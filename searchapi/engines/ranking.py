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
    needed: int | None = None,
) -> Ranked:
    """Order matched documents; the name order (then id) breaks every remaining tie.

    Relevance puts strong matches (every query word in the name, profession or
    rubriek) before weak ones, then the nearest first when the request has a point,
    or else the higher BM25 score. Distance order puts the nearest first whatever the
    match, and providers without coordinates last. `weak` is 1 for a weak match.

    With `needed`, only the first `needed` positions are guaranteed in order, which is
    enough for the requested page. The rest is left out, so no full sort is needed.
    """
    scores = text_scores if text_scores is not None else np.ones(len(docs))
    strength = weak if weak is not None else np.zeros(len(docs), dtype=np.int64)
    distance_values = distances if distances is not None else np.full(len(docs), np.nan)

    distance_key = np.nan_to_num(distance_values, nan=np.inf)
    # Rounding keeps float noise from deciding between equally relevant providers.
    score_key = -np.round(scores, 9)

    if needed is not None and len(docs) > 2 * needed:
        keep = _leading_candidates(strength, distance_key, score_key, distances is not None, sort, needed)
        docs, scores, strength = docs[keep], scores[keep], strength[keep]
        distance_values, distance_key, score_key = distance_values[keep], distance_key[keep], score_key[keep]

    names = name_rank[docs]

    if distances is None:
        # NOTE: without a point, BM25 ranks the typed word above its synonyms, so
        # "psycholoog" lists clinical psychologists pages before the first CGG.
        order = np.lexsort((names, score_key, strength))
    elif sort == SortOrder.DISTANCE:
        order = np.lexsort((names, score_key, strength, distance_key))
    else:
        order = np.lexsort((names, distance_key, strength))
    return Ranked(docs[order], scores[order], distance_values[order])


def _leading_candidates(
    strength: np.ndarray,
    distance_key: np.ndarray,
    score_key: np.ndarray,
    has_point: bool,
    sort: SortOrder,
    needed: int,
) -> np.ndarray:
    """Return the indices that can reach the first `needed` places, ties included.

    The primary keys are folded into one float, in which strength (0 or 1) dominates.
    Every candidate whose folded key is at most the needed-th smallest one is kept, so
    the exact sort that follows gets every tie at the cut.
    """
    if has_point and sort == SortOrder.DISTANCE:
        primary = distance_key
    elif has_point:
        primary = np.where(np.isinf(distance_key), 1e9, distance_key) + strength * 1e10
    else:
        primary = score_key + strength * 1e10
    threshold = np.partition(primary, needed - 1)[needed - 1]
    return np.flatnonzero(primary <= threshold)
