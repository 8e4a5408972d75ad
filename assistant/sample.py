"""The sample program behind ``make run``: ``examples/program`` loaded idempotently.

Called by ``mentorlens serve --load-sample``. Running it again imports nothing new.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from assistant.container import Container

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SAMPLE_PROGRAM = EXAMPLES / "program"
SAMPLE_RESOURCES = EXAMPLES / "resources"


def load_sample_program(container: Container, console: Console | None = None) -> None:
    """Ingest the sample resource library, then import the roster and conversations."""
    from assistant.commands.conversations import print_summary, run_import
    from assistant.commands.resources import print_ingest_summary, run_ingest

    console = console or Console(stderr=True)
    report = run_ingest(container.resource_ingestor, [SAMPLE_RESOURCES], None, False, console)
    print_ingest_summary(report, console)
    summary = run_import(container, [SAMPLE_PROGRAM], None, console=console)
    print_summary(summary, console)
