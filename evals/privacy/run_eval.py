"""Privacy eval: per-entity precision and recall of mentorlens redaction vs plain Presidio.

Run with ``python -m evals.privacy.run_eval``. Prints a markdown table and writes
``evals/privacy/results.json``. Exits non-zero when recall < 0.97 or precision < 0.90.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import privacy  # noqa: F401
from evals.privacy.metrics import Scores, load_labelled, score
from privacy.analyzer import build_analyzer, build_presidio_default_analyzer
from privacy.entities import RedactionPolicy
from privacy.redactor import Redactor

RECALL_TARGET = 0.97
PRECISION_TARGET = 0.90
RESULTS = Path(__file__).with_name("results.json")


def run() -> dict[str, Scores]:
    messages = load_labelled()
    ours = Redactor(build_analyzer(), RedactionPolicy())
    detected = ours.detect_batch(
        [m.text for m in messages], names_per_text=[m.names for m in messages]
    )
    baseline = build_presidio_default_analyzer()
    base_spans = [
        [(r.entity_type, r.start, r.end) for r in baseline.analyze(m.text, language="en")]
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


def main() -> int:
    results = run()
    print(report(results))
    ours = results["mentorlens"]
    summary = {
        name: {
            "recall": round(s.recall(), 4),
            "precision": round(s.precision(), 4),
            "per_entity": {
                e: {"gold": s.gold[e], "recall": round(s.recall(e), 4)} for e in sorted(s.gold)
            },
        }
        for name, s in results.items()
    }
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n")
    ok = ours.recall() >= RECALL_TARGET and ours.precision() >= PRECISION_TARGET
    if not ok:
        print(f"missed: {ours.missed_ids[:40]}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
