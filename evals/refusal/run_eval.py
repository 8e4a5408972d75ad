"""Refusal eval: every out-of-scope question must be declined (with no citations) while the
in-scope set is still answered.

Run: ``python -m evals.refusal.run_eval [--backends extractive,local]``. Out of scope:
``evals/refusal/out_of_scope.jsonl`` (46); in scope: ``evals/retrieval/queries.jsonl``.
Note: the assistant's scope rules were written while looking at these sets; there is no
held-out refusal set yet, so read the rates as an upper bound.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from evals.grounding.sample import ROOT, base_container, markdown_table, read_jsonl, services

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backends", default="extractive", help="comma-separated")
    parser.add_argument(
        "--llm-queries",
        type=int,
        default=30,
        help="LLM backends try only the first N in-scope queries (10-40 s each on a CPU); "
        "every out-of-scope question is always asked",
    )
    args = parser.parse_args()
    container = base_container()
    rows = []
    failures: dict[str, list[str]] = {}
    for backend in dict.fromkeys(["extractive", *args.backends.split(",")]):
        svc = services(container, backend)
        out = list(read_jsonl(HERE / "out_of_scope.jsonl"))
        inside = list(read_jsonl(ROOT / "evals" / "retrieval" / "queries.jsonl"))
        if backend != "extractive":
            inside = inside[: args.llm_queries]
        declined: Counter[str] = Counter()
        kinds = Counter(q["kind"] for q in out)
        missed: list[str] = []
        for q in out:
            result = svc.ask.ask(q["query"], audience="mentee")
            if result.declined and not result.citations:
                declined[q["kind"]] += 1
            else:
                missed.append(q["id"])
        unanswered = []
        for q in inside:
            result = svc.ask.ask(q["query"], audience=q.get("audience", "mentee"))
            if result.declined:
                unanswered.append(q["id"])
        failures[backend] = missed + unanswered
        row = {
            "backend": backend,
            "out_of_scope_declined": sum(declined.values()) / len(out),
            "in_scope_asked": len(inside),
            "in_scope_answered": 1 - len(unanswered) / len(inside),
        }
        row.update({f"declined_{k}": declined[k] / n for k, n in sorted(kinds.items())})
        rows.append(row)
    print(markdown_table(rows, list(rows[0])))
    (HERE / "results.json").write_text(json.dumps({"rows": rows, "failures": failures}, indent=2))


if __name__ == "__main__":
    main()
