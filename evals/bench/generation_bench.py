"""Benchmarks the local generation backend: cold start from GGUF vs from the cached copy.

Each start runs in a fresh Python process. The transformers imports every start pays are
timed as their own row; the load rows time ``build_generator`` alone.
Rows: ``{name, figure, unit, baseline, ratio = figure / baseline, target, ok}``. Run with
``python -m evals.bench.generation_bench``; takes about a minute on two cores.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
REPLY_TOKENS = 64
# Targets: a restart from the cache takes at most this share of a converting start.
MAX_CACHED_SHARE = 0.1
MAX_CACHED_LOAD_S = 1.0
MAX_REPLY_S = 10.0

# Runs in a child process; prints one JSON line with its timings.
_CHILD = """
import json, sys, time
from pathlib import Path
import torch  # every start pays this; not timed
from assistant.llm_backends import build_generator
from settings import GenerationSettings

started = time.perf_counter()
import transformers.models.llama.modeling_llama
from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig
result = {"imports_s": time.perf_counter() - started}
started = time.perf_counter()
generator = build_generator(GenerationSettings(backend="local"), Path(sys.argv[1]))
result["load_s"] = time.perf_counter() - started
if sys.argv[2] == "generate":
    messages = [("user", "Write a long story about a mentor helping a student.")]
    started = time.perf_counter()
    generator.generate(messages, max_new_tokens=8)
    result["first_reply_s"] = time.perf_counter() - started
    started = time.perf_counter()
    reply = generator.chat_model.invoke(
        [("human", messages[0][1])], max_tokens=int(sys.argv[3])
    )
    result["reply_s"] = time.perf_counter() - started
    result["reply_tokens"] = reply.usage_metadata["output_tokens"]
print(json.dumps(result))
"""


def _start(data_dir: Path, *, generate: bool) -> dict[str, Any]:
    """One fresh-process start of the local backend; its timings."""
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            _CHILD,
            str(data_dir),
            "generate" if generate else "load",
            str(REPLY_TOKENS),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{completed.stderr[-2000:]}")
    timings: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return timings


def _row(
    name: str,
    figure: float,
    unit: str,
    *,
    baseline: float | None = None,
    target: str,
    ok: bool,
) -> dict[str, Any]:
    ratio = round(figure / baseline, 3) if baseline else None
    return {
        "name": name,
        "figure": round(figure, 3),
        "unit": unit,
        "baseline": round(baseline, 3) if baseline is not None else None,
        "ratio": ratio,
        "target": target,
        "ok": ok,
    }


def run() -> list[dict[str, Any]]:
    """Convert once into a scratch data dir, restart from the cache, then time a reply."""
    data_dir = Path(tempfile.mkdtemp(prefix="mentorlens-genbench-"))
    try:
        converted = _start(data_dir, generate=False)
        cached = _start(data_dir, generate=True)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    convert_s, load_s = converted["load_s"], cached["load_s"]
    reply_s, tokens = cached["reply_s"], int(cached["reply_tokens"])
    return [
        _row(
            "generation.local_lazy_imports",
            cached["imports_s"],
            "s",
            target="informational",
            ok=True,
        ),
        _row(
            "generation.local_cold_start_convert_gguf",
            convert_s,
            "s",
            target="one-off",
            ok=True,
        ),
        _row(
            "generation.local_cold_start_cached",
            load_s,
            "s",
            baseline=convert_s,
            target=f"ratio <= {MAX_CACHED_SHARE:g}, figure <= {MAX_CACHED_LOAD_S:g} s",
            ok=load_s / convert_s <= MAX_CACHED_SHARE and load_s <= MAX_CACHED_LOAD_S,
        ),
        _row(
            "generation.local_first_reply_8_tokens",
            cached["first_reply_s"],
            "s",
            target="informational",
            ok=True,
        ),
        _row(
            f"generation.local_reply_{tokens}_tokens",
            reply_s,
            "s",
            target=f"<= {MAX_REPLY_S:g} s",
            ok=reply_s <= MAX_REPLY_S,
        ),
        _row(
            "generation.local_decode_throughput",
            tokens / reply_s,
            "tokens/s",
            target=f">= {REPLY_TOKENS / MAX_REPLY_S:g} tokens/s",
            ok=tokens / reply_s >= REPLY_TOKENS / MAX_REPLY_S,
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row))
