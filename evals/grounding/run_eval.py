"""Grounding eval: the share of talking points and answer sentences whose evidence holds up
after validation (target 100% for every backend), and the share of LLM drafts rejected.

Run: ``python -m evals.grounding.run_eval [--backends extractive,local]``. Talking points
are prep for every sample pair (staff view, so placeholders stay); answers are the labelled
queries of ``evals/retrieval/queries.jsonl``. Each is re-checked here with
:func:`assistant.grounding.check_fields` against the evidence it cites.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from assistant.grounding import Evidence, check_claim, check_fields
from evals.grounding.sample import (
    PROGRAM,
    ROOT,
    TODAY,
    base_container,
    markdown_table,
    read_jsonl,
    services,
)

HERE = Path(__file__).resolve().parent


def evaluate(container: Any, backend: str, max_queries: int | None = None) -> dict[str, Any]:
    svc = services(container, backend)
    chunks = {
        f"r:{c.id}": Evidence(f"r:{c.id}", f"{c.citation}\n{c.text}", "resource")
        for c in container.resource_index.manifest.chunks()
    }
    points = valid_points = 0
    drafts = rejected = 0
    for pair in container.store.pairs(PROGRAM):
        result = svc.prep.prep(pair.id, viewer_role="staff", program_id=PROGRAM, today=TODAY)
        evidence = svc.prep.evidence_for(pair.id, program_id=PROGRAM, today=TODAY)
        for point in result.points:
            points += 1
            valid_points += check_fields([point.text, point.why], point.evidence, evidence).ok
        drafts += result.grounding.drafts
        rejected += result.grounding.rejected
    sentences = valid_sentences = answered = 0
    queries = list(read_jsonl(ROOT / "evals" / "retrieval" / "queries.jsonl"))
    for query in queries[:max_queries] if max_queries else queries:
        answer = svc.ask.ask(query["query"], audience=query.get("audience", "mentee"))
        drafts += answer.grounding.drafts
        rejected += answer.grounding.rejected
        if answer.declined:
            continue
        answered += 1
        for sentence in answer.sentences:
            sentences += 1
            cited = [f"r:{c}" for c in sentence.chunk_ids]
            valid_sentences += check_claim(sentence.text, cited, chunks).ok
    return {
        "backend": backend,
        "talking_points": points,
        "points_valid": valid_points / points if points else 0.0,
        "answers": answered,
        "answer_sentences": sentences,
        "sentences_valid": valid_sentences / sentences if sentences else 0.0,
        "llm_drafts": drafts,
        "llm_drafts_rejected": rejected / drafts if drafts else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backends", default="extractive", help="comma-separated")
    parser.add_argument(
        "--llm-queries",
        type=int,
        default=30,
        help="LLM backends answer only the first N labelled queries (SmolLM2 on a CPU takes "
        "10-40 s an answer); the extractive backend always answers all of them",
    )
    args = parser.parse_args()
    backends = list(dict.fromkeys(["extractive", *args.backends.split(",")]))
    container = base_container()
    rows = [
        evaluate(container, b, None if b == "extractive" else args.llm_queries) for b in backends
    ]
    columns = list(rows[0])
    print(markdown_table(rows, columns))
    (HERE / "results.json").write_text(
        json.dumps({"today": TODAY.isoformat(), "rows": rows}, indent=2)
    )


if __name__ == "__main__":
    main()
