"""Uptake: how much a reply builds on the other side's previous turn.

Combines lexical take-up (share of the previous turn's content words that the reply
re-uses) with semantic similarity from sentence embeddings when an embed function is
available. The mixing weight is fitted on the conversational-uptake data set
(Demszky et al., ACL 2021) by evals/engagement/train.py and shipped in head_weights.json."""

from __future__ import annotations

from .text import content_stems


def lexical_uptake(previous: str, reply: str) -> float:
    """Share of the previous turn's content stems that reappear in the reply (0-1)."""
    prev = content_stems(previous)
    if not prev:
        return 0.0
    return len(prev & content_stems(reply)) / len(prev)


def combine_uptake(lexical: float, cosine: float | None, alpha: float) -> float:
    """Blend lexical and semantic uptake; lexical only when no embedding is available.

    Cosine between unrelated short chat lines sits around 0.1-0.2 for MiniLM, so it is
    rescaled before mixing to keep "no relation" near zero."""
    if cosine is None:
        return lexical
    semantic = min(1.0, max(0.0, (cosine - 0.1) / 0.7))
    return alpha * lexical + (1.0 - alpha) * semantic
