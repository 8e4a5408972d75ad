"""Retrieval evaluation: BM25 alone, dense alone, naive RRF and the shipped hybrid fusion.

Two sets, one run (``python -m evals.retrieval.run_eval``):

* library: ``examples/resources`` with ``evals/retrieval/queries.jsonl``; relevance is per
  document, so a hit counts for the document it came from;
* advice: ``evals/retrieval/advice/{corpus,queries}.jsonl``, long conversational answers
  where naive equal-weight RRF is known to risk losing to dense alone.

It also calibrates the "nothing relevant" cut-off: the best hit's dense cosine for
library questions against the out-of-scope questions in ``evals/refusal``.

Writes ``evals/retrieval/results.json``, prints Markdown tables, and exits 1 when a claim
fails: hybrid beats both components on the library set, and never does worse than its
best component on the advice set.
"""

from __future__ import annotations

import json
import logging
import math
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import privacy  # noqa: F401  (offline switches first)
from assistant.container import Container
from retrieval.documents import LoadedDocument, Section, parse_audience
from retrieval.fusion import FusionConfig
from retrieval.search import DEFAULT_FUSION, DEFAULT_MIN_RELEVANCE, Method, ResourceSearch
from settings import Settings

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LIBRARY = ROOT / "examples" / "resources"
METRICS = ("ndcg@10", "recall@5", "mrr")
# Fusions shown for comparison; "hybrid" is whatever retrieval.search ships (DEFAULT_FUSION).
VARIANTS: dict[str, FusionConfig] = {
    "rrf w=(0.3,1)": FusionConfig(method="rrf", keyword_weight=0.3, dense_weight=1.0),
    "rrf w=(0.7,1)": FusionConfig(method="rrf", keyword_weight=0.7, dense_weight=1.0),
    "convex 0.5": FusionConfig(method="convex", keyword_weight=0.5, dense_weight=0.5),
}


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    relevant: frozenset[str]
    audience: str | None


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def doc_ranking(chunk_ids: Sequence[str], doc_of: dict[str, str]) -> list[str]:
    """Chunk ranking -> document ranking (each document at its best chunk's rank)."""
    seen: dict[str, None] = {}
    for chunk_id in chunk_ids:
        seen.setdefault(doc_of[chunk_id], None)
    return list(seen)


def metrics(ranking: Sequence[str], relevant: frozenset[str]) -> dict[str, float]:
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranking[:10]) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    recall = len(set(ranking[:5]) & relevant) / len(relevant)
    mrr = next((1 / (i + 1) for i, d in enumerate(ranking) if d in relevant), 0.0)
    return {"ndcg@10": dcg / ideal, "recall@5": recall, "mrr": mrr}


def evaluate(
    search: ResourceSearch, queries: Sequence[Query], method: Method, doc_of: dict[str, str]
) -> dict[str, float]:
    totals = dict.fromkeys(METRICS, 0.0)
    for query in queries:
        ranked = search.rank(
            query.text,
            parse_audience(query.audience) if query.audience else None,
            method=method,
            depth=100,
        )
        for name, value in metrics(doc_ranking(ranked.ids, doc_of), query.relevant).items():
            totals[name] += value
    return {name: round(total / len(queries), 4) for name, total in totals.items()}


def run_set(
    container: Container, queries: Sequence[Query], doc_key: Callable[[str], str]
) -> dict[str, dict[str, float]]:
    index = container.resource_index
    doc_of = {c.id: doc_key(c.source) for c in index.manifest.chunks()}
    base = container.resource_search
    rows: dict[str, dict[str, float]] = {}
    for name, method in (("bm25", "bm25"), ("dense", "dense"), ("rrf (naive)", "rrf")):
        rows[name] = evaluate(base, queries, method, doc_of)  # type: ignore[arg-type]
    for name, fusion in VARIANTS.items():
        rows[name] = evaluate(ResourceSearch(index, fusion), queries, "hybrid", doc_of)
    rows["hybrid"] = evaluate(ResourceSearch(index, DEFAULT_FUSION), queries, "hybrid", doc_of)
    return rows


def make_container(data_dir: Path) -> Container:
    return Container(Settings(data_dir=data_dir))


def library_set(data_dir: Path) -> tuple[dict[str, dict[str, float]], Container, list[Query]]:
    container = make_container(data_dir)
    report = container.resource_ingestor.ingest([LIBRARY])
    if report.failures:
        print(f"warning: {report.failed} library file(s) failed to load", file=sys.stderr)
    queries = [
        Query(r["id"], r["query"], frozenset(r["relevant"]), r.get("audience"))
        for r in read_jsonl(HERE / "queries.jsonl")
    ]

    # Sources are already paths relative to the ingested folder ("careers/internship-guide.md").
    return run_set(container, queries, str), container, queries


def advice_set(data_dir: Path) -> dict[str, dict[str, float]]:
    container = make_container(data_dir)
    documents = [
        LoadedDocument(
            source=Path("advice") / r["id"],
            title=r["title"],
            audience="all",
            topics=(),
            source_url=None,
            format="jsonl",
            sections=(Section((), r["text"]),),
        )
        for r in read_jsonl(HERE / "advice" / "corpus.jsonl")
    ]
    container.resource_ingestor.ingest_documents(documents)
    queries = [
        Query(r["id"], r["query"], frozenset(r["relevant"]), None)
        for r in read_jsonl(HERE / "advice" / "queries.jsonl")
    ]
    return run_set(container, queries, lambda source: Path(source).name)


def calibrate_cutoff(container: Container, in_scope: Sequence[Query]) -> dict[str, Any]:
    """Best-hit dense cosine: in-library questions vs out-of-scope ones, by kind."""
    search = container.resource_search
    out_path = ROOT / "evals" / "refusal" / "out_of_scope.jsonl"
    out = read_jsonl(out_path) if out_path.exists() else []

    def best(text: str) -> float:
        return max(
            search.rank(text, "mentee", method="dense", depth=5).similarities.values(), default=0.0
        )

    inside = sorted(best(q.text) for q in in_scope)
    outside = [(r.get("kind", "?"), best(r["query"])) for r in out]
    grid = [round(0.15 + 0.01 * i, 2) for i in range(36)]

    def rates(t: float) -> dict[str, float]:
        kept = sum(s >= t for s in inside) / len(inside)
        refused = {
            kind: round(
                sum(s < t for k, s in outside if k == kind)
                / max(1, sum(k == kind for k, _ in outside)),
                3,
            )
            for kind in sorted({k for k, _ in outside})
        }
        return {
            "in_scope_answered": round(kept, 3),
            **{f"refused:{k}": v for k, v in refused.items()},
        }

    return {
        "threshold": DEFAULT_MIN_RELEVANCE,
        "at_threshold": rates(DEFAULT_MIN_RELEVANCE),
        "in_scope_min_p5_median": [
            round(inside[0], 3),
            round(inside[len(inside) // 20], 3),
            round(inside[len(inside) // 2], 3),
        ],
        "sweep": {str(t): rates(t) for t in grid[::3]},
    }


def table(title: str, rows: dict[str, dict[str, float]]) -> str:
    lines = [
        f"### {title}",
        "",
        "| method | nDCG@10 | Recall@5 | MRR |",
        "| --- | --- | --- | --- |",
    ]
    for name, row in rows.items():
        lines.append(
            f"| {name} | {row['ndcg@10']:.3f} | {row['recall@5']:.3f} | {row['mrr']:.3f} |"
        )
    return "\n".join(lines)


def check_claims(
    library: dict[str, dict[str, float]], advice: dict[str, dict[str, float]]
) -> list[str]:
    failed: list[str] = []
    for metric in ("ndcg@10", "mrr"):
        best = max(library["bm25"][metric], library["dense"][metric])
        if not library["hybrid"][metric] > best:
            failed.append(f"library: hybrid {metric} does not beat both components")
    for metric in METRICS:
        best = max(advice["bm25"][metric], advice["dense"][metric])
        if advice["hybrid"][metric] < best:
            failed.append(f"advice: hybrid {metric} is below its best component")
    return failed


def main() -> int:
    logging.disable(logging.INFO)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        library, container, queries = library_set(Path(tmp) / "library")
        cutoff = calibrate_cutoff(container, queries)
        advice = advice_set(Path(tmp) / "advice")
    failed = check_claims(library, advice)
    results = {
        "fusion": DEFAULT_FUSION.__dict__,
        "library": library,
        "advice": advice,
        "cutoff": cutoff,
        "claims_failed": failed,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(f"Library set ({len(queries)} queries, document-level)", library))
    print()
    print(table("Advice set", advice))
    print()
    print(f"cut-off {DEFAULT_MIN_RELEVANCE}: {json.dumps(cutoff['at_threshold'])}")
    for problem in failed:
        print(f"CLAIM FAILED: {problem}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
