"""``make eval``: runs every evaluation and prints its table, then a one-line verdict each.

Each ``evals/<area>/run_eval.py`` prints a markdown table, writes its ``results.json`` and
exits non-zero when its claims fail. They run as separate processes so one model-heavy eval
cannot change another's numbers.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Order: cheapest first, so a broken setup shows up fast.
EVALS = ["privacy", "engagement", "retrieval", "refusal", "grounding", "prep"]


def main(argv: list[str]) -> int:
    chosen = argv or EVALS
    verdicts = []
    for area in chosen:
        if not (ROOT / "evals" / area / "run_eval.py").exists():
            verdicts.append((area, "missing", 0.0))
            continue
        print(f"\n## {area}\n", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", f"evals.{area}.run_eval"], cwd=ROOT)
        verdicts.append(
            (area, "ok" if result.returncode == 0 else "FAILED", time.perf_counter() - started)
        )
    print("\n## summary\n")
    for area, verdict, seconds in verdicts:
        print(f"- {area}: {verdict} ({seconds:.0f} s)")
    return 0 if all(v == "ok" for _, v, _ in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
