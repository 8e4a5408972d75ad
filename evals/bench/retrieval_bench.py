"""Retrieval benchmarks: ingestion throughput against raw embedding, and query latency.

``run()`` returns rows ``{name, figure, unit, baseline, ratio, target, ok}`` for the
``python -m evals.bench`` driver. Everything runs in this one process, on the real model:

* ``ingest_throughput``: the full pipeline (load, chunk, redact, embed, Chroma + manifest
  writes, BM25 rebuild) over ``examples/resources``, in chunks/s; the baseline is the raw
  embedder on the same chunk texts, so the ratio is the pipeline's overhead;
* ``query_p50`` / ``query_p95``: ``ResourceSearch.search`` (query redaction and embedding,
  Chroma, BM25, fusion, manifest read) over a synthetic index of 10,000 chunks, with the
  query-vector cache emptied before every query, so each one is embedded;
* ``query_p95_repeated``: the same queries asked again, their vectors from the cache.
"""

from __future__ import annotations

import json
import logging
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

import privacy  # noqa: F401  (offline switches first)
from assistant.container import Container
from retrieval.chunking import chunk_id
from retrieval.documents import AUDIENCES, Chunk
from retrieval.index import DocumentUpdate
from settings import Settings

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "examples" / "resources"
QUERIES = ROOT / "evals" / "retrieval" / "queries.jsonl"
SYNTHETIC_CHUNKS = 10_000
LATENCY_QUERIES = 200


def _row(
    name: str, figure: float, unit: str, baseline: float | None, target: str, ok: bool
) -> dict[str, Any]:
    ratio = round(figure / baseline, 3) if baseline else None
    return {
        "name": name,
        "figure": round(figure, 2),
        "unit": unit,
        "baseline": round(baseline, 2) if baseline is not None else None,
        "ratio": ratio,
        "target": target,
        "ok": ok,
    }


def ingest_rows(data_dir: Path) -> list[dict[str, Any]]:
    container = Container(Settings(data_dir=data_dir))
    container.gateway.embed(["warm up the model"], caller="bench", purpose="warm-up")
    started = time.perf_counter()
    report = container.resource_ingestor.ingest([LIBRARY])
    pipeline_s = time.perf_counter() - started
    texts = [c.index_text for c in container.resource_index.manifest.chunks()]
    started = time.perf_counter()
    for i in range(0, len(texts), 64):
        container.embedder.embed(texts[i : i + 64])
    raw_s = time.perf_counter() - started
    pipeline = report.chunks_written / pipeline_s
    raw = len(texts) / raw_s
    return [
        _row(
            "retrieval.ingest_throughput",
            pipeline,
            "chunks/s",
            raw,
            "ratio >= 0.5",
            pipeline / raw >= 0.5,
        )
    ]


def _synthetic_updates(n_chunks: int, vocabulary: list[str], seed: int = 7) -> list[DocumentUpdate]:
    rng = random.Random(seed)
    updates: list[DocumentUpdate] = []
    per_doc = 20
    topics = ["careers", "internships", "finances", "wellbeing", "academics", "mentoring-skills"]
    for d in range(n_chunks // per_doc):
        source = f"synthetic/doc-{d:05d}.md"
        audience = AUDIENCES[d % 3]
        doc_topics = tuple(rng.sample(topics, 2))
        chunks = []
        for o in range(per_doc):
            text = " ".join(rng.choices(vocabulary, k=rng.randint(60, 160)))
            section = (f"Section {o // 4}",)
            chunks.append(
                Chunk(
                    chunk_id(source, section, o, text),
                    source,
                    f"Synthetic guide {d}",
                    section,
                    o,
                    text,
                    audience,
                    doc_topics,
                    None,
                )
            )
        updates.append(DocumentUpdate(source, f"hash-{d}", chunks))
    return updates


def latency_rows(data_dir: Path) -> list[dict[str, Any]]:
    container = Container(Settings(data_dir=data_dir))
    index = container.resource_index
    words = " ".join(p.read_text(errors="ignore") for p in LIBRARY.rglob("*.md")).split()
    updates = _synthetic_updates(
        SYNTHETIC_CHUNKS, [w.strip(".,;:()*#") for w in words if w.isascii()]
    )
    rng = np.random.default_rng(7)
    for start in range(0, len(updates), 25):
        batch = updates[start : start + 25]
        chunks = [c for u in batch for c in u.chunks]
        # Random unit vectors: latency depends on the index size, not on what vectors mean.
        vectors = rng.normal(size=(len(chunks), container.gateway.embedding_dimension))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        index.vectors.upsert(chunks, vectors.astype(np.float32))
        index.manifest.replace(batch)
    index.refresh_keywords(force=True)
    search = container.resource_search
    queries = [
        json.loads(line)["query"] for line in QUERIES.read_text().splitlines() if line.strip()
    ]
    audiences = [None, "mentee", "mentor"]
    for q in queries[:5]:
        search.search(q, 5)  # warm caches, tokenizer and spaCy

    def timed(cold: bool) -> list[float]:
        timings: list[float] = []
        for i in range(LATENCY_QUERIES):
            if cold:
                search.clear_query_cache()  # every query pays for its own embedding
            started = time.perf_counter()
            search.search(
                queries[i % len(queries)],
                5,
                audience=audiences[i % 3],  # type: ignore[arg-type]
                min_relevance=-1.0,
            )
            timings.append((time.perf_counter() - started) * 1000)
        return timings

    cold = timed(cold=True)
    timed(cold=False)  # fill the cache with every question...
    cached = timed(cold=False)  # ...and ask them all again: query vectors from the cache
    p50, p95 = (float(np.percentile(cold, p)) for p in (50, 95))
    n = index.vectors.count()
    return [
        _row(f"retrieval.query_p50 ({n} chunks)", p50, "ms", None, "informational", True),
        _row(f"retrieval.query_p95 ({n} chunks)", p95, "ms", None, "< 100 ms", p95 < 100),
        _row(
            f"retrieval.query_p95_repeated ({n} chunks)",
            float(np.percentile(cached, 95)),
            "ms",
            None,
            "informational",
            True,
        ),
    ]


def run() -> list[dict[str, Any]]:
    logging.disable(logging.INFO)
    with tempfile.TemporaryDirectory() as tmp:
        return ingest_rows(Path(tmp) / "ingest") + latency_rows(Path(tmp) / "latency")


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
