"""Privacy eval: per-entity precision and recall of mentorlens redaction vs plain Presidio.

Run with ``python -m evals.privacy.run_eval``. Prints a table for the development set and
one for the held-out set, and writes ``evals/privacy/results.json``. Exits non-zero when
development-set recall < 0.97 or precision < 0.90; the held-out figures are reported as they
are, because tuning to them would make them development figures too.
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


def run(path: Path | None = None) -> dict[str, Scores]:
    messages = load_labelled(path) if path else load_labelled()
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


HELD_OUT = Path(__file__).parent / "heldout" / "labelled_messages.jsonl"


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


def main() -> int:
    development = run()
    print("### Development set (the recognizers were tuned on it)\n")
    print(report(development))
    held_out = run(HELD_OUT)
    print("\n### Held-out set (written after tuning, never used to change the recognizers)\n")
    print(report(held_out))
    RESULTS.write_text(
        json.dumps({"development": _summary(development), "held_out": _summary(held_out)}, indent=2)
        + "\n"
    )
    ours = development["mentorlens"]
    ok = ours.recall() >= RECALL_TARGET and ours.precision() >= PRECISION_TARGET
    if not ok:
        print(f"missed (id, type): {ours.missed_ids[:40]}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
