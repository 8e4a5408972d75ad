"""Loaders and fixed train/test splits for the human-rated reference data sets.

The data stays in ../shared/data (never copied into the repo). Splits are by group
(classroom transcript, or DailyDialog query) so no context is shared between train and
test, and are derived from a hash of the group key: deterministic with no RNG."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
TEST_SHARE_OF_10 = 3  # 30% of groups held out


def split_of(group: str) -> str:
    """'train' or 'test' for a group key, stable across runs and machines."""
    bucket = int(hashlib.md5(group.encode("utf-8")).hexdigest(), 16) % 10
    return "test" if bucket < TEST_SHARE_OF_10 else "train"


@dataclass(frozen=True)
class Pair:
    """A (prompt, reply) exchange with a human label."""

    prompt: str
    reply: str
    label: float
    group: str
    split: str


def load_uptake(data_dir: Path) -> list[Pair]:
    """Student -> teacher exchanges with expert uptake ratings (rows without one skipped)."""
    rows: list[Pair] = []
    path = data_dir / "conversational-uptake" / "uptake_data.csv"
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if not r["uptake"].strip():
                continue
            group = f"uptake:{r['obs_id']}"
            rows.append(
                Pair(
                    r["student_text"], r["teacher_text"], float(r["uptake"]), group, split_of(group)
                )
            )
    return rows


def load_engagement_scores(data_dir: Path) -> list[Pair]:
    """DailyDialog (query, response) pairs with mean human engagement 1-5."""
    rows: list[Pair] = []
    path = data_dir / "predictive-engagement" / "Eng_Scores_queries_gen_gtruth_replies.csv"
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            group = f"eng:{r['query'].strip()}"
            rows.append(
                Pair(r["query"], r["response"], float(r["human_score"]), group, split_of(group))
            )
    return rows


def load_amt(data_dir: Path) -> list[Pair]:
    """Human-bot (query, reply) pairs with a binary engaging label (70% train, 30% test)."""
    rows: list[Pair] = []
    path = data_dir / "predictive-engagement" / "humanAMT_engscores_utt.csv"
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            group = f"amt:{r['id']}"
            rows.append(Pair(r["query"], r["reply"], float(r["label"]), group, split_of(group)))
    return rows
