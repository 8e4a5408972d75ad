"""Privacy eval: per-entity precision and recall of mentorlens redaction vs plain Presidio.

Run with ``python -m evals.privacy.run_eval``. Twenty-two labelled sets, in three kinds:

* development sets (``labelled_messages.jsonl``, ``dev2/`` to ``dev4/``, ``dev7/`` to
  ``dev13/``, ``dev15/``): the recognizers were tuned on them, so their figures are optimistic;
* stress sets (``dev5/`` formats, ``dev6/`` hard names, ``dev14/`` chat names off the
  roster): the hardest forms gathered on purpose, tuned on and reported without a target;
* held-out sets (``heldout/`` to ``heldout7/``): written by authors who saw neither the
  recognizers nor the other sets, and never used to change anything. These are the
  figures to trust.

Every set is scored for mentorlens and for the plain Presidio default (default recognizers,
same spaCy model) in the same run. The redactor runs as a deployment would configure it for
the sample program: its own name, "Northbridge", is a keep-word (``privacy.keep_words``).
Writes ``evals/privacy/results.json``. Exits non-zero when a development set misses the
targets (recall >= 0.97, precision >= 0.90); held-out figures are reported as they are,
because tuning to them would make them development figures too.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import privacy  # noqa: F401
from evals.privacy.metrics import Scores, load_labelled, score
from privacy.analyzer import build_analyzer, build_presidio_default_analyzer
from privacy.entities import RedactionPolicy
from privacy.redactor import Redactor

RECALL_TARGET = 0.97
PRECISION_TARGET = 0.90
HERE = Path(__file__).parent
RESULTS = HERE / "results.json"
# The sample program's own name: a deployment lists its university and program names.
KEEP_WORDS = frozenset({"northbridge"})


@dataclass(frozen=True)
class LabelledSet:
    name: str
    path: Path
    held_out: bool
    # Stress sets gather the hardest forms on purpose (voice-to-text names, addresses from
    # thirty countries); they are tuned on and reported, but hold no target.
    stress: bool = False


SETS = (
    LabelledSet("development 1", HERE / "labelled_messages.jsonl", held_out=False),
    LabelledSet("development 2", HERE / "dev2" / "labelled_messages.jsonl", held_out=False),
    LabelledSet("development 3", HERE / "dev3" / "labelled_messages.jsonl", held_out=False),
    LabelledSet("development 4", HERE / "dev4" / "labelled_messages.jsonl", held_out=False),
    LabelledSet("stress 1: formats", HERE / "dev5" / "labelled_messages.jsonl", False, stress=True),
    LabelledSet(
        "stress 2: hard names", HERE / "dev6" / "labelled_messages.jsonl", False, stress=True
    ),
    LabelledSet("development 7", HERE / "dev7" / "labelled_messages.jsonl", held_out=False),
    LabelledSet("development 8", HERE / "dev8" / "labelled_messages.jsonl", held_out=False),
    LabelledSet("development 9", HERE / "dev9" / "labelled_messages.jsonl", held_out=False),
    LabelledSet("development 10", HERE / "dev10" / "labelled_messages.jsonl", held_out=False),
    LabelledSet("development 11", HERE / "dev11" / "labelled_messages.jsonl", held_out=False),
    LabelledSet("development 12", HERE / "dev12" / "labelled_messages.jsonl", held_out=False),
    LabelledSet("development 13", HERE / "dev13" / "labelled_messages.jsonl", held_out=False),
    # Written blind as a development set, but 70 % of its names are off the roster, in
    # lowercase chat: far above a program's share. Reported as a stress set, no target.
    LabelledSet(
        "stress 3: chat names", HERE / "dev14" / "labelled_messages.jsonl", False, stress=True
    ),
    LabelledSet("development 15", HERE / "dev15" / "labelled_messages.jsonl", held_out=False),
    LabelledSet("held-out 1", HERE / "heldout" / "labelled_messages.jsonl", held_out=True),
    LabelledSet("held-out 2", HERE / "heldout2" / "labelled_messages.jsonl", held_out=True),
    LabelledSet("held-out 3", HERE / "heldout3" / "labelled_messages.jsonl", held_out=True),
    LabelledSet("held-out 4", HERE / "heldout4" / "labelled_messages.jsonl", held_out=True),
    LabelledSet("held-out 5", HERE / "heldout5" / "labelled_messages.jsonl", held_out=True),
    LabelledSet("held-out 6", HERE / "heldout6" / "labelled_messages.jsonl", held_out=True),
    LabelledSet("held-out 7", HERE / "heldout7" / "labelled_messages.jsonl", held_out=True),
)


def run(path: Path, ours: Redactor, baseline_analyzer: object) -> dict[str, Scores]:
    messages = load_labelled(path)
    detected = ours.detect_batch(
        [m.text for m in messages], names_per_text=[m.names for m in messages]
    )
    base_spans = [
        [
            (r.entity_type, r.start, r.end)
            for r in baseline_analyzer.analyze(m.text, language="en")  # type: ignore[attr-defined]
        ]
        for m in messages
    ]
    return {
        "mentorlens": score(messages, [[(e.type, e.start, e.end) for e in d] for d in detected]),
        "presidio_default": score(messages, base_spans),
    }


def report(results: dict[str, Scores]) -> str:
    ours, base = results["mentorlens"], results["presidio_default"]
    lines = [
        "| entity | gold | recall (ours) | recall (Presidio default) | precision (ours) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for entity in sorted(ours.gold):
        lines.append(
            f"| {entity} | {ours.gold[entity]} | {ours.recall(entity):.3f} | "
            f"{base.recall(entity):.3f} | {ours.precision(entity):.3f} |"
        )
    lines.append(
        f"| **all direct identifiers** | {sum(ours.gold.values())} | **{ours.recall():.3f}** | "
        f"{base.recall():.3f} | **{ours.precision():.3f}** (default: {base.precision():.3f}) |"
    )
    return "\n".join(lines)


def _summary(results: dict[str, Scores]) -> dict[str, object]:
    return {
        name: {
            "recall": round(s.recall(), 4),
            "precision": round(s.precision(), 4),
            "per_entity": {
                e: {
                    "gold": s.gold[e],
                    "recall": round(s.recall(e), 4),
                    "precision": round(s.precision(e), 4),
                }
                for e in sorted(s.gold)
            },
        }
        for name, s in results.items()
    }


def _pool(sets: list[Scores]) -> Scores:
    """The counts of several sets added up: every span weighs the same, whatever its set."""
    pooled = Scores()
    for scores in sets:
        pooled.caught.update(scores.caught)
        pooled.gold.update(scores.gold)
        pooled.correct.update(scores.correct)
        pooled.predicted.update(scores.predicted)
    return pooled


def main() -> int:
    ours = Redactor(build_analyzer(), RedactionPolicy(keep_words=KEEP_WORDS))
    baseline = build_presidio_default_analyzer()
    summary: dict[str, object] = {}
    failed: list[str] = []
    held_out: dict[str, list[Scores]] = {"mentorlens": [], "presidio_default": []}
    for labelled in SETS:
        results = run(labelled.path, ours, baseline)
        if labelled.held_out:
            for name, scores in results.items():
                held_out[name].append(scores)
        kind = (
            "written blind, never used to change the recognizers"
            if labelled.held_out
            else "the hardest forms on purpose; tuned on, no target"
            if labelled.stress
            else "the recognizers were tuned on it"
        )
        print(f"\n### {labelled.name} ({kind})\n")
        print(report(results))
        summary[labelled.name] = {
            "held_out": labelled.held_out,
            "stress": labelled.stress,
            **_summary(results),
        }
        mine = results["mentorlens"]
        met = mine.recall() >= RECALL_TARGET and mine.precision() >= PRECISION_TARGET
        if not labelled.held_out and not labelled.stress and not met:
            failed.append(labelled.name)
            print(f"missed (id, type): {mine.missed_ids[:40]}", file=sys.stderr)
    pooled = {name: _pool(scores) for name, scores in held_out.items()}
    print("\n### all held-out sets, pooled\n")
    print(report(pooled))
    summary["held-out, pooled"] = {"held_out": True, "stress": False, **_summary(pooled)}
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n")
    if failed:
        print(f"\ntargets missed on: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
