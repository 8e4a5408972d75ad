"""Only the composition root imports raw model backends; layers point downward."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW_BACKENDS = {"retrieval.embedder", "assistant.llm_backends"}
COMPOSITION_ROOT = ROOT / "assistant" / "container.py"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_no_module_but_the_composition_root_imports_a_raw_backend() -> None:
    offenders = []
    for folder in ("assistant", "retrieval", "privacy", "prompts", "server.py", "evals"):
        paths = [ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py")
        for path in paths:
            if path == COMPOSITION_ROOT or path.stem in {"embedder", "llm_backends"}:
                continue
            if _imports(path) & RAW_BACKENDS:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_import_linter_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports") or str(
        Path(__file__).parents[1] / ".venv/bin/lint-imports"
    )
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
