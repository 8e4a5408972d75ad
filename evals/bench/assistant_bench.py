"""Assistant benchmarks: p50/p95 latency of session prep and resource Q&A with the
extractive and local backends, and cold-start time (container to first answer).

``run()`` returns rows ``{name, figure, unit, baseline, ratio, target, ok}``; ``make bench``
collects them. The local backend rows use the extractive figure as their baseline, so
``ratio`` says how much slower the model path is. ``MENTORLENS_BENCH_BACKENDS=extractive``
skips the local model.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from evals.grounding.sample import CACHE, PROGRAM, ROOT, TODAY, base_container, read_jsonl, services

# Targets: interactive for the extractive path; "worth waiting for" for a CPU model.
TARGETS_S = {
    ("prep", "extractive"): 2.0,
    ("ask", "extractive"): 1.0,
    ("prep", "local"): 30.0,
    ("ask", "local"): 20.0,
}
COLD_START_TARGET_S = 60.0


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return p50, p95


def _timed(calls: list[Callable[[], Any]]) -> list[float]:
    out = []
    for call in calls:
        start = time.perf_counter()
        call()
        out.append(time.perf_counter() - start)
    return out


def _row(name: str, figure: float, target: float, baseline: float | None) -> dict[str, Any]:
    return {
        "name": name,
        "figure": round(figure, 4),
        "unit": "s",
        "baseline": round(baseline, 4) if baseline is not None else None,
        "ratio": round(figure / baseline, 2) if baseline else None,
        "target": target,
        "ok": figure <= target,
    }


def run(data_dir: Path = CACHE, n_questions: int = 20) -> list[dict[str, Any]]:
    backends = os.environ.get("MENTORLENS_BENCH_BACKENDS", "extractive,local").split(",")
    start = time.perf_counter()
    container = base_container(data_dir)
    svc = services(container, "extractive")
    svc.ask.ask("how do i get an internship")
    cold = time.perf_counter() - start
    rows = [
        _row("assistant cold start (container to first answer)", cold, COLD_START_TARGET_S, None)
    ]
    pairs = [p.id for p in container.store.pairs(PROGRAM)]
    questions = [q["query"] for q in read_jsonl(ROOT / "evals" / "retrieval" / "queries.jsonl")][
        :n_questions
    ]
    baselines: dict[tuple[str, str], float] = {}
    for backend in backends:
        svc = services(container, backend)
        prep_calls: list[Callable[[], Any]] = [
            partial(svc.prep.prep, p, program_id=PROGRAM, today=TODAY) for p in pairs
        ]
        ask_calls: list[Callable[[], Any]] = [partial(svc.ask.ask, q) for q in questions]
        prep, ask = _timed(prep_calls), _timed(ask_calls)
        for what, samples in (("prep", prep), ("ask", ask)):
            p50, p95 = _percentiles(samples)
            for label, value in (("p50", p50), ("p95", p95)):
                baseline = baselines.get((what, label)) if backend != "extractive" else None
                rows.append(
                    _row(f"{what} {label} ({backend})", value, TARGETS_S[(what, backend)], baseline)
                )
                if backend == "extractive":
                    baselines[(what, label)] = value
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
