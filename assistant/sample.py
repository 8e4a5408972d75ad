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


def load_sample_program(container: Container, console: Console | None = None) -> None:
    """Import the sample roster and conversations (and, later, resources) into the store."""
    from assistant.commands.conversations import print_summary, run_import

    console = console or Console(stderr=True)
    summary = run_import(container, [SAMPLE_PROGRAM], None, console=console)
    print_summary(summary, console)

    # Resources: the retrieval engineer adds ingestion of examples/resources here, e.g.
    # container.resource_ingestor.ingest(EXAMPLES / "resources", program_id=summary.program_id)
