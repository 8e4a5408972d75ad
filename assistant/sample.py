"""The sample program behind ``make run``: ``examples/program`` loaded idempotently.

Called by ``mentorlens serve --load-sample``. Running it again imports nothing new; and when
neither the example files nor the settings that shape what is stored have changed since the
last complete load, it skips the import and ingest entirely, so a restart needs no model
before the server opens its socket.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from assistant.container import Container

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SAMPLE_PROGRAM = EXAMPLES / "program"
SAMPLE_RESOURCES = EXAMPLES / "resources"
MARKER = "sample-loaded.json"


def load_sample_program(container: Container, console: Console | None = None) -> bool:
    """Ingest the sample resource library, then import the roster and conversations.

    Returns False when the last complete load is still current and nothing was done.
    """
    from assistant.commands.conversations import print_summary, run_import
    from assistant.commands.resources import print_ingest_summary, run_ingest

    console = console or Console(stderr=True)
    marker = container.settings.data_dir / MARKER
    fingerprint = sample_fingerprint(container)
    if _still_loaded(container, marker, fingerprint):
        console.print("sample program unchanged since it was last loaded; not re-importing")
        return False
    report = run_ingest(container.resource_ingestor, [SAMPLE_RESOURCES], None, False, console)
    print_ingest_summary(report, console)
    summary = run_import(container, [SAMPLE_PROGRAM], None, console=console)
    print_summary(summary, console)
    complete = not (report.failed or summary.totals()["failed"] or summary.feature_errors)
    if complete and summary.program_id:
        marker.write_text(json.dumps({"fingerprint": fingerprint, "program": summary.program_id}))
    else:
        marker.unlink(missing_ok=True)  # something failed: try it all again next start
    return True


def sample_fingerprint(container: Container) -> str:
    """A digest of every example file and the settings that decide what gets stored where."""
    settings = container.settings
    digest = hashlib.sha256()
    for name in (
        settings.resolved_database_url,
        settings.vectors.model_dump_json(),
        settings.retrieval.model_dump_json(),
        settings.privacy.model_dump_json(),
        str(settings.embedding_model_dir),
    ):
        digest.update(name.encode() + b"\0")
    for root in (SAMPLE_PROGRAM, SAMPLE_RESOURCES):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(EXAMPLES)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _still_loaded(container: Container, marker: Path, fingerprint: str) -> bool:
    try:
        recorded = json.loads(marker.read_text())
    except (OSError, ValueError):
        return False
    if not isinstance(recorded, dict) or recorded.get("fingerprint") != fingerprint:
        return False
    settings = container.settings
    if settings.vectors.backend == "embedded" and not settings.chroma_path.is_dir():
        return False
    return recorded.get("program") in {p.id for p in container.store.programs()}
