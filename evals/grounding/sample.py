"""The sample program and resource library, loaded once into a cached data dir, and the
assistant services built over it for each generation backend (shared by the assistant evals)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import privacy  # noqa: F401  (offline switches first)
from assistant.ask import ResourceAssistant
from assistant.prep.service import SessionPrep
from privacy.gateway import ModelGateway
from settings import GenerationSettings, Settings

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(__file__).resolve().parent / ".cache" / "data"
TODAY = dt.date(2026, 11, 24)  # "today" in examples/program
PROGRAM = "northbridge"


@dataclass
class Services:
    backend: str
    prep: SessionPrep
    ask: ResourceAssistant


def base_container(data_dir: Path = CACHE) -> Any:
    """A container over the cached data dir with the sample loaded (idempotent)."""
    from assistant.container import Container

    container = Container(Settings(data_dir=data_dir))
    container.resource_ingestor.ingest([ROOT / "examples" / "resources"])
    if not container.store.programs():
        container.importer.import_paths([ROOT / "examples" / "program"], None)
    return container


def services(container: Any, backend: str) -> Services:
    """Prep and ask services for ``backend`` ("extractive" or "local") over one container."""
    if backend == "extractive":
        gateway = container.gateway
    else:
        from assistant.container import Container

        settings = Settings(
            data_dir=container.settings.data_dir,
            generation=GenerationSettings(backend=backend),  # type: ignore[arg-type]
        )
        generator = Container(settings, embedder=container.embedder).generator
        gateway = ModelGateway(container.redactor, container.embedder, generator)
    use_llm = backend != "extractive"
    return Services(
        backend,
        SessionPrep(container.store, gateway, container.resource_search, use_llm=use_llm),
        ResourceAssistant(gateway, container.resource_search, use_llm=use_llm),
    )


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def markdown_table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    def cell(value: Any) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    head = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns)
    body = "\n".join("| " + " | ".join(cell(r.get(c, "")) for c in columns) + " |" for r in rows)
    return head + "\n" + body
