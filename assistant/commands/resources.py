"""``mentorlens ingest`` and ``mentorlens search``: the resource library from the shell."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from retrieval.documents import Audience
    from retrieval.ingest import IngestReport, ResourceIngestor

err = Console(stderr=True)


def _container() -> Any:
    from assistant.container import Container

    return Container()


def _audience(value: str | None) -> Audience | None:
    from retrieval.documents import AUDIENCES

    if value is None:
        return None
    if value not in AUDIENCES:
        raise typer.BadParameter(f"must be one of {', '.join(AUDIENCES)}", param_hint="--audience")
    return value


def run_ingest(
    ingestor: ResourceIngestor,
    paths: list[Path],
    audience: Audience | None,
    prune: bool,
    console: Console,
) -> IngestReport:
    """Ingest with a progress bar on ``console``; shared by ``ingest`` and the sample loader."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    files = ingestor.discover(paths)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("Ingesting", total=len(files))
        return ingestor.ingest(
            paths,
            audience=audience,
            prune=prune,
            files=files,
            progress=lambda path, status: bar.update(
                task, advance=1, description=f"{status:>9} {path.name}"
            ),
        )


def print_ingest_summary(report: IngestReport, console: Console) -> None:
    """Failures by file name and reason, then a one-row summary table."""
    for failure in report.failures:
        # soft_wrap: a path must stay on one line so it can be copied and grepped.
        console.print(
            f"failed {failure.source}: {failure.reason}", style="red", markup=False, soft_wrap=True
        )
    table = Table(title="Ingest summary")
    for column in ("files", "added", "updated", "skipped", "failed", "chunks", "removed"):
        table.add_column(column, justify="right")
    table.add_row(
        *map(
            str,
            (
                report.files,
                report.added,
                report.updated,
                report.unchanged,
                report.failed,
                report.chunks_written,
                report.chunks_deleted,
            ),
        )
    )
    console.print(table)
    if report.pruned_files:
        console.print(f"pruned {report.pruned_files} deleted file(s)")


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    audience: Annotated[
        str | None,
        typer.Option(help="mentor, mentee or all: overrides the files' own audience metadata."),
    ] = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Forget indexed files that are gone from PATHS.")
    ] = False,
) -> None:
    """Add resource files (md, txt, html, pdf, docx) to the search index.

    Unchanged files are skipped, changed files replace their chunks. A file that cannot be
    read is named with the reason and the others are still ingested (exit code 1).
    """
    forced = _audience(audience)
    try:
        report = run_ingest(_container().resource_ingestor, paths, forced, prune, err)
    except FileNotFoundError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(code=2) from exc
    print_ingest_summary(report, err)
    if report.failures:
        raise typer.Exit(code=1)


def search(
    query: Annotated[str | None, typer.Argument(help="What to look for.")] = None,
    k: Annotated[int, typer.Option("-k", "--k", min=1, max=100, help="Hits to return.")] = 5,
    audience: Annotated[
        str | None, typer.Option(help="Who is asking: mentee sees mentee+all; mentor sees all.")
    ] = None,
    topic: Annotated[
        list[str] | None, typer.Option("--topic", help="Keep resources with this topic.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    queries: Annotated[
        Path | None,
        typer.Option(help='JSONL file of {"id", "query"} lines; writes JSONL results.'),
    ] = None,
) -> None:
    """Search the resource library (hybrid BM25 + dense) and show cited hits."""
    from retrieval.schemas import HitModel

    if (query is None) == (queries is None):
        raise typer.BadParameter("give either a QUERY or --queries FILE")
    who = _audience(audience)
    engine = _container().resource_search
    if queries is not None:
        _search_file(engine, queries, k, who, topic)
        return
    assert query is not None
    hits = engine.search(query, k, audience=who, topics=topic)
    if as_json:
        typer.echo(json.dumps([HitModel.from_hit(h).model_dump() for h in hits], indent=2))
        return
    if not hits:
        Console().print("Nothing relevant in the program's resources.")
        return
    table = Table(show_lines=True)
    for column in ("#", "citation", "snippet", "relevance", "source"):
        table.add_column(column)
    for rank, hit in enumerate(hits, start=1):
        table.add_row(
            str(rank),
            hit.citation,
            hit.snippet,
            f"{hit.relevance:.2f}",
            hit.source_url or hit.source,
        )
    Console().print(table)


def _search_file(
    engine: Any, path: Path, k: int, audience: Audience | None, topics: list[str] | None
) -> None:
    """One process for the whole file; a bad line is reported and the rest go on."""
    from pydantic import ValidationError

    from assistant.jsonl import RecordError, iter_jsonl
    from retrieval.schemas import HitModel, SearchRequest, SearchResult

    failures = 0
    with path.open("rb") as stream:
        for number, record in iter_jsonl(stream, str(path)):
            if isinstance(record, RecordError):
                failures += 1
                err.print(f"[red]{record}[/]")
                continue
            try:
                request = SearchRequest.model_validate(record)
            except ValidationError as exc:
                failures += 1
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or None
                err.print(f"[red]{RecordError(str(path), number, where, first['msg'])}[/]")
                continue
            hits = engine.search(
                request.query,
                request.k or k,
                audience=request.audience or audience,
                topics=request.topics or topics,
            )
            result = SearchResult(
                id=request.id, query=request.query, hits=[HitModel.from_hit(h) for h in hits]
            )
            sys.stdout.write(result.model_dump_json() + "\n")
    if failures:
        err.print(f"{failures} line(s) failed; the others were searched.")
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("search")(search)
