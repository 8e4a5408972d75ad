"""Fits the engagement weights shipped in assistant/engagement/head_weights.json.

1. uptake mixing weight (lexical vs embedding) on the conversational-uptake train split;
2. a linear head on hand features (used when no embed function is supplied);
3. an embedding head (ridge on MiniLM reply embedding + hand features), both on the train
   splits of the two Predictive Engagement sets, ridge strength and the embedding block's
   scale by grouped 5-fold CV.
   (A one-hidden-layer torch MLP on the same inputs was tried and lost CV, 0.42 vs 0.50,
   so the shipped heads are linear and inference needs no torch.)
Test splits are never touched here. Fixed seeds; run: python -m evals.engagement.train"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy.stats import spearmanr
from sklearn.linear_model import Ridge
from sklearn.model_selection import GroupKFold

from assistant.engagement.head import HAND_FEATURES, WEIGHTS_PATH, Head, head_to_dict

from .data import DEFAULT_DATA_DIR, load_amt, load_engagement_scores, load_uptake
from .embedding import CachedEmbed
from .featurize import embed_pairs, hand_matrix

# Scales tried for the embedding columns: with one ridge strength for all 396 inputs the
# embedding drowns reply length, the strongest signal on the human-bot set.
EMBEDDING_SCALES = (0.2, 0.35, 0.5, 0.7, 1.0)
SEED = 20240611  # recorded for provenance; ridge fits and GroupKFold are deterministic
FArr = npt.NDArray[np.float64]


def rho(a: FArr, b: FArr) -> float:
    return float(spearmanr(a, b).statistic)


def fit_alpha(lex: FArr, cos: FArr, y: FArr) -> tuple[float, float]:
    """Grid-search the lexical/semantic mix maximising train Spearman."""
    from assistant.engagement.uptake import combine_uptake

    best = (0.5, -1.0)
    for alpha in np.round(np.arange(0.0, 1.0001, 0.05), 2):
        pred = np.array([combine_uptake(a, c, float(alpha)) for a, c in zip(lex, cos, strict=True)])
        r = rho(pred, y)
        if r > best[1] + 1e-9:
            best = (float(alpha), r)
    return best


def standardise(x: FArr) -> tuple[FArr, FArr]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    return mean, scale


def fit_ridge(x: FArr, y: FArr, lam: float, w: FArr) -> tuple[FArr, FArr]:
    model = Ridge(alpha=lam).fit(x, y, sample_weight=w)
    return np.asarray(model.coef_, dtype=np.float64), np.asarray(model.intercept_, dtype=np.float64)


def with_embedding(hand: FArr, vecs: FArr, c: float) -> FArr:
    """Hand features beside the embedding scaled by c: one ridge strength then penalises
    the 384 embedding weights 1/c^2 times as hard as the 12 hand-feature weights."""
    return np.concatenate([hand, c * vecs], axis=1)


def predict(weights: tuple[FArr, ...], x: FArr) -> FArr:
    return x @ weights[0] + weights[1]


def grouped_cv(x: FArr, y: FArr, groups: list[str], w: FArr, lam: float) -> float:
    """Mean over 5 grouped folds of the per-dataset Spearman, averaged across data sets
    (the two sets rate on different scales, so they are ranked separately)."""
    source = np.array([g.split(":", 1)[0] for g in groups])
    scores = []
    for tr, va in GroupKFold(n_splits=5).split(x, y, groups):
        pred = predict(fit_ridge(x[tr], y[tr], lam, w[tr]), x[va])
        per_set = [rho(pred[source[va] == s], y[va][source[va] == s]) for s in sorted(set(source))]
        scores.append(float(np.mean(per_set)))
    return float(np.mean(scores))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = ap.parse_args()
    embed = CachedEmbed()

    up = [p for p in load_uptake(args.data_dir) if p.split == "train"]
    um = embed_pairs(up, embed)
    alpha, alpha_rho = fit_alpha(um.lexical, um.cosine, np.array([p.label for p in up]))
    print(f"uptake alpha={alpha} train rho={alpha_rho:.3f} (n={len(up)})")

    # Both engagement sets' train splits: DailyDialog ratings alone teach the head to
    # ignore reply length, which the human-bot set shows matters a lot.
    dd = [p for p in load_engagement_scores(args.data_dir) if p.split == "train"]
    amt = [p for p in load_amt(args.data_dir) if p.split == "train"]
    eng = dd + amt
    em = embed_pairs(eng, embed)
    embed.save()
    # DailyDialog 1-5 -> 0-1; the binary label is already 0/1.
    y = np.array([(p.label - 1.0) / 4.0 for p in dd] + [p.label for p in amt])
    groups = [p.group for p in eng]
    # Each data set gets equal total weight, so the 1,254 DailyDialog items don't drown
    # the 200 human-bot ones.
    sw = np.array([0.5 / len(dd)] * len(dd) + [0.5 / len(amt)] * len(amt)) * len(eng)
    hand = hand_matrix(eng, em, alpha)
    mean, scale = standardise(hand)
    xh = (hand - mean) / scale
    # The no-embedding head must see the uptake it will get at inference: lexical only.
    xl = (hand_matrix(eng, em, alpha, use_cosine=False) - mean) / scale

    cv: dict[str, float] = {}
    lams = (1.0, 3.0, 10.0, 30.0, 100.0)
    for lam in lams:
        cv[f"lexical_ridge_{lam}"] = grouped_cv(xl, y, groups, sw, lam)
        for c in EMBEDDING_SCALES:
            cv[f"embedding_ridge_{lam}_scale_{c}"] = grouped_cv(
                with_embedding(xh, em.reply_vecs, c), y, groups, sw, lam
            )
    for k, v in cv.items():
        print(f"cv {k}: {v:.3f}")
    lam_l = max(lams, key=lambda lam: cv[f"lexical_ridge_{lam}"])
    lam_e, c_e = max(
        ((lam, c) for lam in lams for c in EMBEDDING_SCALES),
        key=lambda lc: cv[f"embedding_ridge_{lc[0]}_scale_{lc[1]}"],
    )
    lexical = Head("linear", False, mean, scale, fit_ridge(xl, y, lam_l, sw))
    w, b = fit_ridge(with_embedding(xh, em.reply_vecs, c_e), y, lam_e, sw)
    # Inference feeds the raw embedding: fold the column scale into its weights.
    w[len(HAND_FEATURES) :] *= c_e
    embedding = Head("linear", True, mean, scale, (w, b))
    best_name = f"embedding_ridge_{lam_e}_scale_{c_e}"

    out = {
        "uptake_alpha": alpha,
        "lexical": head_to_dict(lexical),
        "embedding": head_to_dict(embedding),
        "provenance": {
            "script": "python -m evals.engagement.train",
            "seed": SEED,
            "hand_features": list(HAND_FEATURES),
            "uptake_train_n": len(up),
            "uptake_train_rho": round(alpha_rho, 4),
            "engagement_train_n": {"dailydialog": len(dd), "human_bot_amt": len(amt)},
            "embedding_head": best_name,
            "cv_spearman": {k: round(v, 4) for k, v in cv.items()},
            "sources": [
                "Demszky et al. 2021, Measuring Conversational Uptake (ACL), MIT",
                "Ghazarian et al. 2020, Predictive Engagement (AAAI), MIT",
            ],
        },
    }
    args.out.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB), embedding head {best_name}")


if __name__ == "__main__":
    main()
