"""Why bm25s and not rank_bm25: index and query time on 10,000 synthetic chunks, same tokens.

``python -m evals.bench.bm25_compare`` (needs ``pip install rank_bm25==0.2.2``; it is not a
project dependency). Prints one JSON row per library plus how often the top-10 agree.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import numpy as np

from retrieval.keyword_index import tokenize

ROOT = Path(__file__).resolve().parents[2]


def main(n_docs: int = 10_000, n_queries: int = 200) -> None:
    import bm25s
    from rank_bm25 import BM25Okapi

    words = " ".join(p.read_text(errors="ignore") for p in (ROOT / "examples").rglob("*.md"))
    vocab = words.split()
    rng = random.Random(7)
    corpus = [tokenize(" ".join(rng.choices(vocab, k=rng.randint(60, 160)))) for _ in range(n_docs)]
    queries_path = ROOT / "evals" / "retrieval" / "queries.jsonl"
    lines = queries_path.read_text().splitlines()
    queries = [tokenize(json.loads(x)["query"]) for x in lines if x.strip()][:n_queries]

    started = time.perf_counter()
    fast = bm25s.BM25()
    fast.index(corpus, show_progress=False)
    fast_index = time.perf_counter() - started
    started = time.perf_counter()
    slow = BM25Okapi(corpus)
    slow_index = time.perf_counter() - started

    agree = 0
    fast_q = slow_q = 0.0
    for q in queries:
        ids = [fast.vocab_dict[t] for t in q if t in fast.vocab_dict]
        started = time.perf_counter()
        a = np.asarray(fast.get_scores_from_ids(ids)) if ids else np.zeros(n_docs)
        fast_q += time.perf_counter() - started
        started = time.perf_counter()
        b = np.asarray(slow.get_scores(q))
        slow_q += time.perf_counter() - started
        agree += len(set(np.argsort(-a)[:10]) & set(np.argsort(-b)[:10]))
    for name, build, query in (
        ("bm25s", fast_index, fast_q),
        ("rank_bm25", slow_index, slow_q),
    ):
        row = {"library": name, "index_s": round(build, 3), "query_ms": query / len(queries) * 1e3}
        print(json.dumps(row))
    print(json.dumps({"top10_overlap": round(agree / (10 * len(queries)), 3)}))


if __name__ == "__main__":
    main()
