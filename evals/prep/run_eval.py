"""Talking-point usefulness: the share of hand-written expected items
(``evals/prep/expected_points.yaml``) that some talking point covers, per backend.

An item is covered when a point's text or why contains any of its keywords (phrases,
case-insensitive). Points are taken in the staff view (placeholders, not names), which is
what the keywords were written against. ``must: true`` items are reported on their own:
missing one is a failure, not a lower score.

Run: ``python -m evals.prep.run_eval [--backends extractive,local]``.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import yaml

from evals.grounding.sample import PROGRAM, TODAY, base_container, markdown_table, services

HERE = Path(__file__).resolve().parent


def covered(keywords: list[str], texts: list[str]) -> bool:
    return any(
        re.search(r"\b" + re.escape(k.lower()) + r"\b", t.lower()) for k in keywords for t in texts
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backends", default="extractive", help="comma-separated")
    args = parser.parse_args()
    expected: list[dict[str, Any]] = yaml.safe_load((HERE / "expected_points.yaml").read_text())
    container = base_container()
    rows = []
    details: dict[str, Any] = {}
    for backend in dict.fromkeys(["extractive", *args.backends.split(",")]):
        svc = services(container, backend)
        items = hits = must = must_hits = 0
        per_pair = {}
        for entry in expected:
            result = svc.prep.prep(
                entry["pair"], viewer_role="staff", program_id=PROGRAM, today=TODAY
            )
            texts = [f"{p.text} {p.why}" for p in result.points]
            matched = [i["id"] for i in entry["items"] if covered(i["keywords"], texts)]
            per_pair[entry["pair"]] = {
                "matched": matched,
                "missed": [i["id"] for i in entry["items"] if i["id"] not in matched],
                "points": len(result.points),
            }
            items += len(entry["items"])
            hits += len(matched)
            for item in entry["items"]:
                if item.get("must"):
                    must += 1
                    must_hits += item["id"] in matched
        rows.append(
            {
                "backend": backend,
                "items": items,
                "coverage": hits / items,
                "must_items": must,
                "must_coverage": must_hits / must if must else 1.0,
            }
        )
        details[backend] = per_pair
    print(markdown_table(rows, list(rows[0])))
    (HERE / "results.json").write_text(json.dumps({"rows": rows, "pairs": details}, indent=2))


if __name__ == "__main__":
    main()
