"""Ranking metrics over graded judgements: nDCG@k and capped recall@k."""

from __future__ import annotations

import math
from collections.abc import Sequence


def dcg(grades: Sequence[int]) -> float:
    """Return the discounted cumulative gain, with gain 2^grade - 1 and a log2 discount."""
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg_at(ranked_grades: Sequence[int], all_grades: Sequence[int], k: int = 10) -> float:
    """Return nDCG@k: the DCG of the first k results over the best DCG the corpus allows.

    `all_grades` contains the grade of every judged provider in the corpus, so the ideal
    ranking is computed from the ground truth, not from what the engine returned. A
    query without any relevant provider scores 1.0 when nothing relevant was expected.
    """
    ideal = dcg(sorted(all_grades, reverse=True)[:k])
    if ideal == 0:
        return 1.0
    return dcg(list(ranked_grades)[:k]) / ideal


def recall_at(ranked_grades: Sequence[int], relevant_count: int, k: int = 20) -> float:
    """Return the share of relevant providers in the first k results.

    The denominator is capped at k (min(relevant, k)), so a query with 200 relevant
    providers can still reach 1.0 with 20 relevant results.
    """
    if relevant_count == 0:
        return 1.0
    found = sum(1 for grade in list(ranked_grades)[:k] if grade > 0)
    return found / min(relevant_count, k)
