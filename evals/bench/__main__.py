"""``make bench``: runs every benchmark module and prints one table of figures and ratios.

Each ``evals/bench/*_bench.py`` module exposes ``run() -> list[dict]`` with rows
``{name, figure, unit, baseline, ratio, target, ok}``; a baseline always runs in the same
process as the figure it is compared with. Results go to ``evals/bench/results.json``.
Pass module names (``redaction retrieval``) to run only some.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import privacy  # noqa: F401  (offline switches before any model library)

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    names = sorted(
        info.name for info in pkgutil.iter_modules([str(HERE)]) if info.name.endswith("_bench")
    )
    wanted = [a.removesuffix("_bench") + "_bench" for a in argv]
    rows: list[dict[str, Any]] = []
    failed_modules = []
    for name in names:
        if wanted and name not in wanted:
            continue
        started = time.perf_counter()
        print(f"== {name} ...", flush=True)
        try:
            module = importlib.import_module(f"evals.bench.{name}")
            for row in module.run():
                rows.append({"bench": name, **row})
        except Exception:  # one broken bench must not hide the others' figures
            failed_modules.append(name)
            traceback.print_exc()
        print(f"   done in {time.perf_counter() - started:.0f} s", flush=True)
    print()
    print("| benchmark | figure | baseline | ratio | target | ok |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for row in rows:
        print(
            f"| {row['name']} | {row['figure']} {row['unit']} | {row['baseline']} | "
            f"{row['ratio']} | {row['target']} | {'yes' if row['ok'] else 'NO'} |"
        )
    results = HERE / "results.json"
    if wanted and results.exists():
        # A partial run replaces only its own benches' rows and keeps the others'.
        ran = set(wanted)
        kept = [r for r in json.loads(results.read_text()) if r.get("bench") not in ran]
        rows = kept + rows
    results.write_text(json.dumps(rows, indent=2) + "\n")
    if failed_modules:
        print(f"benchmarks that crashed: {', '.join(failed_modules)}", file=sys.stderr)
    return 1 if failed_modules else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
