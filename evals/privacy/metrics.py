"""Span-level precision and recall for redaction, per entity type.

A gold span counts as caught when at least 80% of its characters are redacted (by any
detected span, whatever its type). A detected span counts as correct when at least half
of its characters fall inside gold spans.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CAUGHT_SHARE = 0.8
CORRECT_SHARE = 0.5
LABELLED_SET = Path(__file__).with_name("labelled_messages.jsonl")


@dataclass(frozen=True)
class GoldMessage:
    id: str
    text: str
    names: tuple[str, ...]
    spans: tuple[tuple[str, int, int], ...]


@dataclass
class Scores:
    """Counts per entity type, and the micro-averaged totals."""

    caught: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    missed_ids: list[tuple[str, str]] = field(default_factory=list)  # (message id, type)

    def recall(self, entity: str | None = None) -> float:
        caught = self.caught[entity] if entity else sum(self.caught.values())
        gold = self.gold[entity] if entity else sum(self.gold.values())
        return caught / gold if gold else 1.0

    def precision(self, entity: str | None = None) -> float:
        correct = self.correct[entity] if entity else sum(self.correct.values())
        predicted = self.predicted[entity] if entity else sum(self.predicted.values())
        return correct / predicted if predicted else 1.0


def load_labelled(path: Path = LABELLED_SET) -> list[GoldMessage]:
    messages = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            messages.append(
                GoldMessage(
                    id=row["id"],
                    text=row["text"],
                    names=tuple(row.get("names", [])),
                    spans=tuple((e["type"], e["start"], e["end"]) for e in row["entities"]),
                )
            )
    return messages


def score(
    messages: Sequence[GoldMessage], predictions: Iterable[Sequence[tuple[str, int, int]]]
) -> Scores:
    """Score predicted ``(type, start, end)`` spans against the gold spans, message by message."""
    result = Scores()
    for message, predicted in zip(messages, predictions, strict=True):
        redacted = [False] * len(message.text)
        for _, start, end in predicted:
            for i in range(start, end):
                redacted[i] = True
        in_gold = [False] * len(message.text)
        for etype, start, end in message.spans:
            result.gold[etype] += 1
            for i in range(start, end):
                in_gold[i] = True
            if sum(redacted[start:end]) >= CAUGHT_SHARE * (end - start):
                result.caught[etype] += 1
            else:
                result.missed_ids.append((message.id, etype))
        for etype, start, end in predicted:
            result.predicted[etype] += 1
            if end > start and sum(in_gold[start:end]) >= CORRECT_SHARE * (end - start):
                result.correct[etype] += 1
    return result
