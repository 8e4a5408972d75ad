"""Rank fusion for hybrid search: reciprocal rank fusion, weighted or not, and a score-aware
convex combination.

Equal-weight RRF treats a confident BM25 list and a confident dense list alike; on long,
chatty text BM25's lists are noisy and equal RRF can fall below dense alone (the advice
eval shows it). Weighted RRF lets the dense list count for more; the convex combination
also uses how far apart the scores are, not only their order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

FusionMethod = Literal["rrf", "convex"]


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], weights: Sequence[float] | None = None, k: int = 60
) -> dict[str, float]:
    """``sum_i w_i / (k + rank_i(d))`` over the lists that contain ``d`` (ranks from 1).

    Example::

        reciprocal_rank_fusion([["a", "b"], ["b", "c"]])  # b first: it is in both lists
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking is needed")
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return scores


def convex_fusion(
    keyword: Mapping[str, float], dense: Mapping[str, float], dense_weight: float = 0.7
) -> dict[str, float]:
    """``w * dense + (1 - w) * bm25 / max(bm25)``.

    Cosine is already on a fixed scale, so only BM25 (unbounded, query-dependent) is
    normalised, by the query's best BM25 score; a candidate missing from a list scores 0
    there.
    """
    if not 0.0 <= dense_weight <= 1.0:
        raise ValueError("dense_weight must be between 0 and 1")
    top = max(keyword.values(), default=0.0)
    scores: dict[str, float] = {}
    for item in set(keyword) | set(dense):
        bm25 = keyword.get(item, 0.0) / top if top > 0 else 0.0
        scores[item] = dense_weight * dense.get(item, 0.0) + (1 - dense_weight) * bm25
    return scores


@dataclass(frozen=True)
class FusionConfig:
    """How hybrid search combines its two lists; the defaults are the evaluated choice."""

    method: FusionMethod = "rrf"
    keyword_weight: float = 1.0
    dense_weight: float = 1.0
    rrf_k: int = 60

    def fuse(
        self, keyword: Sequence[tuple[str, float]], dense: Sequence[tuple[str, float]]
    ) -> dict[str, float]:
        if self.method == "rrf":
            return reciprocal_rank_fusion(
                [[i for i, _ in keyword], [i for i, _ in dense]],
                [self.keyword_weight, self.dense_weight],
                self.rrf_k,
            )
        total = self.keyword_weight + self.dense_weight
        share = self.dense_weight / total if total > 0 else 0.5
        return convex_fusion(dict(keyword), dict(dense), share)
