"""Message-level engagement head: predicts how engaging a reply is (0-1) from its
per-message features, and from its sentence embedding when one is available.

Weights are fitted by evals/engagement/train.py on the Predictive Engagement ratings
(Ghazarian et al., AAAI 2020) and shipped as head_weights.json; inference is plain numpy
so the analysis package needs no torch at runtime."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .text import tokens

WEIGHTS_PATH = Path(__file__).with_name("head_weights.json")

# Order matters: it is the column order of the fitted weights.
HAND_FEATURES: tuple[str, ...] = (
    "log_words",
    "one_word",
    "is_question",
    "sentiment",
    "abs_sentiment",
    "uptake",
    "brush_off",
    "commitment",
    "exclaim",
    "type_token",
    "mean_word_len",
    "prev_log_words",
)

FloatArray = npt.NDArray[np.float64]


def hand_features(
    text: str,
    *,
    word_count: int,
    is_question: bool,
    sentiment: float,
    uptake: float,
    brush_off: bool,
    commitment: bool,
    prev_word_count: int,
) -> FloatArray:
    """The head's hand-crafted input vector, in HAND_FEATURES order."""
    toks = tokens(text)
    distinct = len(set(toks)) / len(toks) if toks else 0.0
    mean_len = sum(len(t) for t in toks) / len(toks) if toks else 0.0
    return np.array(
        [
            math.log1p(word_count),
            float(word_count <= 1),
            float(is_question),
            sentiment,
            abs(sentiment),
            uptake,
            float(brush_off),
            float(commitment),
            float("!" in text),
            distinct,
            mean_len,
            math.log1p(prev_word_count),
        ],
        dtype=np.float64,
    )


@dataclass(frozen=True)
class Head:
    """A fitted head: standardisation, then a linear map or a one-hidden-layer MLP."""

    kind: str  # "linear" | "mlp"
    uses_embedding: bool
    mean: FloatArray
    scale: FloatArray
    weights: tuple[FloatArray, ...]  # linear: (w, b); mlp: (w1, b1, w2, b2)

    def predict(self, hand: FloatArray, embedding: FloatArray | None) -> FloatArray:
        """Engagement in [0, 1] for a batch: hand is (n, k), embedding (n, 384) or None."""
        x = (hand - self.mean[: hand.shape[1]]) / self.scale[: hand.shape[1]]
        if self.uses_embedding:
            if embedding is None:
                raise ValueError("this head needs embeddings")
            x = np.concatenate([x, embedding.astype(np.float64)], axis=1)
        if self.kind == "linear":
            w, b = self.weights
            y = x @ w + b
        else:
            w1, b1, w2, b2 = self.weights
            y = np.maximum(x @ w1 + b1, 0.0) @ w2 + b2
        return np.clip(y.reshape(-1), 0.0, 1.0)


def head_from_dict(d: dict[str, Any]) -> Head:
    """Build a Head from its JSON form."""
    return Head(
        kind=str(d["kind"]),
        uses_embedding=bool(d["uses_embedding"]),
        mean=np.asarray(d["mean"], dtype=np.float64),
        scale=np.asarray(d["scale"], dtype=np.float64),
        weights=tuple(np.asarray(w, dtype=np.float64) for w in d["weights"]),
    )


def head_to_dict(head: Head) -> dict[str, Any]:
    """JSON form of a Head (weights rounded: 5 decimals is far below fitting noise)."""
    return {
        "kind": head.kind,
        "uses_embedding": head.uses_embedding,
        "mean": np.round(head.mean, 6).tolist(),
        "scale": np.round(head.scale, 6).tolist(),
        "weights": [np.round(w, 5).tolist() for w in head.weights],
    }


@dataclass(frozen=True)
class HeadBundle:
    """Everything fitted offline: uptake mixing weight and the two heads."""

    uptake_alpha: float
    lexical: Head
    embedding: Head | None


# Used when no weights file has been trained yet (fresh checkout before `make
# train-engagement`): hand-set weights that favour longer, reciprocal, positive replies.
HAND_SET_HEADS = HeadBundle(
    uptake_alpha=0.5,
    lexical=Head(
        kind="linear",
        uses_embedding=False,
        mean=np.zeros(len(HAND_FEATURES)),
        scale=np.ones(len(HAND_FEATURES)),
        weights=(
            np.array([0.12, -0.1, 0.05, 0.05, 0.0, 0.15, -0.15, 0.05, 0.0, 0.0, 0.0, 0.0]),
            np.array(0.1),
        ),
    ),
    embedding=None,
)


@lru_cache(maxsize=4)
def load_heads(path: Path = WEIGHTS_PATH) -> HeadBundle:
    """Load the shipped weights, falling back to hand-set ones if the file is absent."""
    if not path.exists():
        return HAND_SET_HEADS
    raw = json.loads(path.read_text(encoding="utf-8"))
    emb = raw.get("embedding")
    return HeadBundle(
        uptake_alpha=float(raw["uptake_alpha"]),
        lexical=head_from_dict(raw["lexical"]),
        embedding=head_from_dict(emb) if emb else None,
    )
