"""Turns (prompt, reply) pairs into the engagement head's inputs, using the same
primitives as assistant.engagement.features so training matches inference."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.engagement.features import (
    brush_off_kind,
    commitment_spans,
    is_question,
    sentiment,
)
from assistant.engagement.head import hand_features
from assistant.engagement.text import word_count
from assistant.engagement.types import EmbedFn
from assistant.engagement.uptake import combine_uptake, lexical_uptake

from .data import Pair


@dataclass(frozen=True)
class PairMatrix:
    """Per-pair model inputs."""

    lexical: npt.NDArray[np.float64]  # (n,)
    cosine: npt.NDArray[np.float64]  # (n,)
    reply_vecs: npt.NDArray[Any]  # (n, 384)
    reply_words: npt.NDArray[np.float64]  # (n,)


def embed_pairs(pairs: Sequence[Pair], embed: EmbedFn) -> PairMatrix:
    """Lexical overlap, embedding cosine and reply embeddings for each pair."""
    prompts = np.asarray(embed([p.prompt for p in pairs]), dtype=np.float64)
    replies = np.asarray(embed([p.reply for p in pairs]), dtype=np.float64)
    return PairMatrix(
        lexical=np.array([lexical_uptake(p.prompt, p.reply) for p in pairs]),
        cosine=np.einsum("ij,ij->i", prompts, replies),
        reply_vecs=replies,
        reply_words=np.array([float(word_count(p.reply)) for p in pairs]),
    )


def hand_matrix(
    pairs: Sequence[Pair], m: PairMatrix, alpha: float, *, use_cosine: bool = True
) -> npt.NDArray[np.float64]:
    """The head's hand features per pair, as compute_message_features would build them
    (use_cosine=False mirrors a call without an embed function: lexical-only uptake)."""
    rows = []
    for i, p in enumerate(pairs):
        n = word_count(p.reply)
        q = is_question(p.reply)
        rows.append(
            hand_features(
                p.reply,
                word_count=n,
                is_question=q,
                sentiment=sentiment(p.reply),
                uptake=combine_uptake(
                    float(m.lexical[i]), float(m.cosine[i]) if use_cosine else None, alpha
                ),
                brush_off=brush_off_kind(p.reply, n_words=n, is_reply=True, question=q) is not None,
                commitment=bool(commitment_spans(p.reply)),
                prev_word_count=word_count(p.prompt),
            )
        )
    return np.vstack(rows)


def plain_overlap(prompt: str, reply: str) -> float:
    """Baseline: Jaccard overlap of raw lower-cased word sets."""
    a = set(prompt.lower().split())
    b = set(reply.lower().split())
    return len(a & b) / len(a | b) if a | b else 0.0
