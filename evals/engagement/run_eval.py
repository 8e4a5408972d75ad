"""Validates the engagement features against human ratings on held-out data.

Prints a markdown table (dataset, metric, ours, baselines, n), writes results.json next to
this file, and exits non-zero if ours does not beat the reply-length baseline on any
held-out set. Run from the repo root: python -m evals.engagement.run_eval"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from assistant.engagement.features import MessageFeatures, compute_message_features
from assistant.engagement.head import HAND_SET_HEADS, load_heads
from assistant.engagement.types import ChatMessage, EmbedFn

from .data import DEFAULT_DATA_DIR, Pair, load_amt, load_engagement_scores, load_uptake
from .embedding import CachedEmbed
from .featurize import embed_pairs, hand_matrix, plain_overlap

RESULTS_PATH = Path(__file__).resolve().parent / "results.json"
FArr = npt.NDArray[np.float64]


def rho(a: Sequence[float] | FArr, b: Sequence[float] | FArr) -> float:
    return round(float(spearmanr(a, b).statistic), 4)


def auc(y: Sequence[float] | FArr, s: Sequence[float] | FArr) -> float:
    return round(float(roc_auc_score(y, s)), 4)


def reply_features(pairs: Sequence[Pair], embed: EmbedFn | None) -> list[MessageFeatures]:
    """Run the shipped feature pipeline on each pair as a two-message conversation."""
    out = []
    for i, p in enumerate(pairs):
        msgs = [
            ChatMessage(f"{i}a", "a", "mentee", p.prompt, None),
            ChatMessage(f"{i}b", "b", "mentor", p.reply, None),
        ]
        out.append(compute_message_features(msgs, embed)[1])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--out", type=Path, default=RESULTS_PATH)
    args = ap.parse_args()
    embed = CachedEmbed()
    heads = load_heads()
    rows: list[dict[str, Any]] = []

    # 1. Uptake: does our uptake track expert ratings of the teacher building on the student?
    up = [p for p in load_uptake(args.data_dir) if p.split == "test"]
    y = [p.label for p in up]
    feats = reply_features(up, embed)
    lex_only = reply_features(up, None)
    rows.append(
        {
            "dataset": "conversational-uptake (test split)",
            "metric": "Spearman vs expert uptake",
            "ours": rho([f.uptake or 0.0 for f in feats], y),
            "baselines": {
                "ours, lexical only (no embeddings)": rho([f.uptake or 0.0 for f in lex_only], y),
                "reply length": rho([f.word_count for f in feats], y),
                "plain word overlap (Jaccard)": rho(
                    [plain_overlap(p.prompt, p.reply) for p in up], y
                ),
            },
            "n": len(up),
        }
    )

    # 2. Message-level engagement on DailyDialog replies rated 1-5.
    eng = [p for p in load_engagement_scores(args.data_dir) if p.split == "test"]
    y = [p.label for p in eng]
    feats = reply_features(eng, embed)
    lex_only = reply_features(eng, None)
    hand_set = HAND_SET_HEADS.lexical.predict(
        hand_matrix(eng, embed_pairs(eng, embed), heads.uptake_alpha), None
    )
    rows.append(
        {
            "dataset": "predictive-engagement DailyDialog (test split)",
            "metric": "Spearman vs human_score 1-5",
            "ours": rho([f.engagement for f in feats], y),
            "baselines": {
                "ours, no embeddings (fitted linear head)": rho(
                    [f.engagement for f in lex_only], y
                ),
                "hand-set weights": rho(hand_set, y),
                "reply length": rho([f.word_count for f in feats], y),
            },
            "n": len(eng),
        }
    )

    # 3. Binary engagement on human-bot chats (test split).
    amt = [p for p in load_amt(args.data_dir) if p.split == "test"]
    y = [p.label for p in amt]
    feats = reply_features(amt, embed)
    lex_only = reply_features(amt, None)
    hand_set = HAND_SET_HEADS.lexical.predict(
        hand_matrix(amt, embed_pairs(amt, embed), heads.uptake_alpha), None
    )
    for metric, fn in (("AUC, label engaging", auc), ("Spearman vs label", rho)):
        rows.append(
            {
                "dataset": "predictive-engagement human-bot AMT (test split)",
                "metric": metric,
                "ours": fn(y, [f.engagement for f in feats]),
                "baselines": {
                    "ours, no embeddings (fitted linear head)": fn(
                        y, [f.engagement for f in lex_only]
                    ),
                    "hand-set weights": fn(y, hand_set),
                    "reply length": fn(y, [f.word_count for f in feats]),
                },
                "n": len(amt),
            }
        )
    embed.save()

    print("| dataset | metric | ours | baselines | n |")
    print("|---|---|---|---|---|")
    for r in rows:
        base = "; ".join(f"{k}: {v:.3f}" for k, v in r["baselines"].items())
        print(f"| {r['dataset']} | {r['metric']} | {r['ours']:.3f} | {base} | {r['n']} |")
    print(
        "\nTurn count is not a meaningful baseline here: every item is a single"
        " (prompt, reply) exchange."
    )

    failures = [r for r in rows if r["ours"] <= r["baselines"]["reply length"]]
    result = {
        "generated": datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": "python -m evals.engagement.run_eval",
        "rows": rows,
        "passed": not failures,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for r in failures:
        print(
            f"FAIL: {r['dataset']} {r['metric']}: ours does not beat reply length", file=sys.stderr
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
