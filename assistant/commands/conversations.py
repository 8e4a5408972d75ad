"""``mentorlens import | flag | score``: load conversations, see fading pairs, score files.

All three print counts, ids and scores; none of them prints message text or names.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

if TYPE_CHECKING:
    from assistant.container import Container
    from assistant.importers import ImportSummary

err = Console(stderr=True, soft_wrap=True)  # one error per line, greppable
out = Console()


def _container() -> Container:
    from assistant.container import Container

    return Container()


def _parse_now(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter("not an ISO 8601 date or time", param_hint="--now") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


# -- import ----------------------------------------------------------------------------------
def import_conversations(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (a folder's program.yaml goes first).")
    ],
    program: Annotated[
        str | None, typer.Option("--program", "-p", help="Program id (default: the roster's).")
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--map",
            help="CSV column mapping, e.g. 'id=msg_id,timestamp=sent_at,sender=from,text=body'.",
        ),
    ] = None,
) -> None:
    """Import a roster and conversations: redacted, de-duplicated, one transaction per file."""
    from assistant.importers import plan
    from assistant.importers.csv_mapping import parse_map_option

    try:
        csv_map = parse_map_option(mapping) if mapping else None
        units = plan(paths)
    except (ValueError, FileNotFoundError) as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(code=2) from exc
    container = _container()
    summary = run_import(container, paths, program, csv_map=csv_map, console=err, units=units)
    print_summary(summary, err)
    if summary.failed:
        raise typer.Exit(code=1)


def run_import(
    container: Container,
    paths: list[Path],
    program: str | None,
    *,
    csv_map: dict[str, str] | None = None,
    console: Console,
    units: list[Any] | None = None,
) -> ImportSummary:
    """The import with a Rich progress bar; shared by the CLI and the sample loader."""
    from assistant.importers import plan

    units = units if units is not None else plan(paths)
    importer = container.importer
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("importing", total=len(units))

        def advance(unit: Any, _results: Any) -> None:
            progress.update(task, advance=1, description=f"importing {unit.path.name}")

        summary = importer.import_paths(
            paths, program, csv_map=csv_map, on_unit=advance, units=units
        )
    return summary


def print_summary(summary: ImportSummary, console: Console) -> None:
    totals = summary.totals()
    console.print(
        f"program [bold]{summary.program_id or '?'}[/]: {len(summary.files)} files "
        f"({totals['imported']} imported, {totals['unchanged']} unchanged, "
        f"{totals['skipped']} skipped, {totals['failed']} failed); messages: "
        f"{totals['messages_new']} new, {totals['messages_skipped']} already stored; "
        f"features computed for {summary.features_computed} messages"
    )
    for f in summary.files:
        if f.status == "failed":
            console.print(f"  failed {f.error}", style="red", markup=False, soft_wrap=True)
        elif f.status == "skipped":
            console.print(
                f"  skipped {f.source} ({'; '.join(f.notes)})",
                style="yellow",
                markup=False,
                soft_wrap=True,
            )
    for problem in summary.feature_errors:
        console.print(f"  [yellow]features not computed[/] {problem} (retried next import)")


# -- flag ------------------------------------------------------------------------------------
def flag(
    program: Annotated[str, typer.Option("--program", "-p", help="Program id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    band: Annotated[
        str, typer.Option(help="at_risk, or watch (= watch and at_risk), or all.")
    ] = "watch",
    now: Annotated[
        str | None, typer.Option(help="Evaluate as of this ISO date/time (default: now).")
    ] = None,
    window_days: Annotated[int, typer.Option(help="Analysis window in days.")] = 14,
) -> None:
    """Pairs that are fading, worst first, with band, score, trend and reasons."""
    from assistant.flags import flag_pairs
    from assistant.store import StoreError

    if band not in ("at_risk", "watch", "all"):
        raise typer.BadParameter("must be at_risk, watch or all", param_hint="--band")
    container = _container()
    try:
        flags = flag_pairs(
            container.store,
            program,
            band=None if band == "all" else band,
            now=_parse_now(now),
            window_days=window_days,
        )
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(code=2) from exc
    if as_json:
        typer.echo(json.dumps([f.to_dict() for f in flags], indent=2))
        return
    table = Table("pair", "band", "score", "trend", "reasons", title=f"{program}: pairs to check")
    colours = {"at_risk": "red", "watch": "yellow", "healthy": "green"}
    arrows = {"up": "↑", "down": "↓", "flat": "→"}
    for f in flags:
        r = f.report
        delta = f"{r.trend.delta:+.0f}" if r.trend.delta is not None else ""
        table.add_row(
            f.pair.id,
            f"[{colours.get(r.band, 'white')}]{r.band}[/]",
            f"{r.score:.0f}",
            f"{arrows.get(r.trend.direction, '')} {delta}".strip(),
            "\n".join(f"• {reason}" for reason in r.reasons[:4]),
        )
    out.print(table if flags else f"no pairs in band {band} or worse")


# -- score -----------------------------------------------------------------------------------
def score(
    file: Annotated[Path, typer.Argument(help="A .json conversation, or .jsonl (one per line).")],
    now: Annotated[str | None, typer.Option(help="Evaluate as of this ISO date/time.")] = None,
) -> None:
    """Score conversations without importing them. Texts are redacted before scoring.

    Input: ``{"id", "messages": [{"sender", "role"?, "text", "timestamp"?}], "names"?}``;
    ``names`` lists people to redact besides the senders. Output: the score, band,
    components, trend and reasons per conversation, as JSON (or JSONL for JSONL input).
    """
    from assistant.jsonl import RecordError, iter_jsonl

    container = _container()
    when = _parse_now(now)
    failures = 0
    if file.suffix.lower() in (".jsonl", ".ndjson"):
        with file.open("rb") as stream:
            for number, record in iter_jsonl(stream, str(file)):
                if isinstance(record, RecordError):
                    failures += 1
                    err.print(f"{record}", style="red", markup=False, soft_wrap=True)
                    continue
                try:
                    result = score_one(container, record, when)
                except ValueError as exc:
                    failures += 1
                    err.print(f"{file}:{number}: {exc}", style="red", markup=False, soft_wrap=True)
                    continue
                typer.echo(json.dumps(result))
    else:
        try:
            obj = json.loads(file.read_bytes())
            typer.echo(json.dumps(score_one(container, obj, when), indent=2))
        except json.JSONDecodeError as exc:
            err.print(
                f"{file}:{exc.lineno}: invalid JSON ({exc.msg})",
                style="red",
                markup=False,
                soft_wrap=True,
            )
            raise typer.Exit(code=1) from exc
        except ValueError as exc:
            err.print(f"{file}: {exc}", style="red", markup=False, soft_wrap=True)
            raise typer.Exit(code=1) from exc
    if failures:
        err.print(f"{failures} conversation(s) failed; the others were scored.")
        raise typer.Exit(code=1)


def score_one(container: Container, obj: Any, now: dt.datetime | None) -> dict[str, Any]:
    """Redact one conversation's texts and senders, then score it."""
    from assistant.engagement import score_conversation_json
    from privacy.pseudonyms import PseudonymMap
    from privacy.redactor import RedactionError

    if not isinstance(obj, dict) or not isinstance(obj.get("messages"), list):
        raise ValueError("messages: missing or not a list")
    messages = obj["messages"]
    names = [n for n in obj.get("names", []) if isinstance(n, str)]
    senders = [m.get("sender") for m in messages if isinstance(m, dict)]
    names += [s for s in dict.fromkeys(senders) if isinstance(s, str) and s.strip()]
    texts: list[str] = []
    for i, message in enumerate(messages):
        text = message.get("text") if isinstance(message, dict) else None
        if not isinstance(text, str):
            raise ValueError(f"messages[{i}].text: missing or not a string")
        texts.append(text)
    mapping = PseudonymMap()
    try:
        redacted = container.redactor.redact_batch(texts, names, pseudonyms=mapping)
    except RedactionError as exc:
        raise ValueError(f"text: {exc}") from None
    safe = dict(obj)
    safe.pop("names", None)
    safe["messages"] = [
        {
            **m,
            "text": r.redacted,
            "sender": mapping.placeholder("PERSON", m["sender"])
            if isinstance(m.get("sender"), str) and m["sender"].strip()
            else m.get("sender"),
        }
        for m, r in zip(messages, redacted, strict=True)
    ]
    gateway = container.gateway

    def embed(batch: Any) -> Any:
        return gateway.embed(batch, caller="score", purpose="uptake")

    return score_conversation_json(safe, embed, now=now)


def register(app: typer.Typer) -> None:
    app.command("import")(import_conversations)
    app.command()(flag)
    app.command()(score)
