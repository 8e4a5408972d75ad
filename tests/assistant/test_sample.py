"""The sample loader skips its import and ingest when nothing changed since the last full load."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from rich.console import Console

import assistant.commands.conversations as conversations
import assistant.commands.resources as resources
from assistant import sample
from settings import Settings


class FakeContainer:
    def __init__(self, data_dir: Path, programs: list[str]) -> None:
        self.settings = Settings(data_dir=data_dir)
        self.store = SimpleNamespace(programs=lambda: [SimpleNamespace(id=p) for p in programs])
        self.resource_ingestor = object()


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts real loads; each one succeeds unless ``runs["fail"]`` is set."""
    counts: Counter[str] = Counter()

    def run_ingest(*_: Any, **__: Any) -> Any:
        counts["ingest"] += 1
        return SimpleNamespace(failed=counts["fail"])

    def run_import(*_: Any, **__: Any) -> Any:
        counts["import"] += 1
        return SimpleNamespace(
            totals=lambda: Counter(failed=0), feature_errors=[], program_id="northbridge"
        )

    monkeypatch.setattr(resources, "run_ingest", run_ingest)
    monkeypatch.setattr(resources, "print_ingest_summary", lambda *_: None)
    monkeypatch.setattr(conversations, "run_import", run_import)
    monkeypatch.setattr(conversations, "print_summary", lambda *_: None)
    return counts


def test_second_load_is_skipped_when_nothing_changed(tmp_path: Path, runs: Counter[str]) -> None:
    container: Any = FakeContainer(tmp_path, ["northbridge"])
    (tmp_path / "chroma").mkdir()
    quiet = Console(quiet=True)
    assert sample.load_sample_program(container, quiet) is True
    assert sample.load_sample_program(container, quiet) is False
    assert runs["ingest"] == runs["import"] == 1


@pytest.mark.parametrize("change", ["settings", "program_gone", "chroma_gone", "failed_before"])
def test_load_runs_again_when_something_changed(
    tmp_path: Path, runs: Counter[str], change: str
) -> None:
    container: Any = FakeContainer(tmp_path, ["northbridge"])
    (tmp_path / "chroma").mkdir()
    quiet = Console(quiet=True)
    if change == "failed_before":
        runs["fail"] = 1
    sample.load_sample_program(container, quiet)
    if change == "settings":
        container.settings.retrieval.chunk_tokens += 1
    elif change == "program_gone":
        container.store = SimpleNamespace(programs=lambda: [])
    elif change == "chroma_gone":
        (tmp_path / "chroma").rmdir()
    assert sample.load_sample_program(container, quiet) is True
    assert runs["import"] == 2
