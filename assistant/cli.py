"""The ``mentorlens`` command line (Typer + Rich)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

import privacy  # noqa: F401  (switches on offline mode before any model library loads)
from assistant.jsonl import RecordError, iter_jsonl

app = typer.Typer(
    name="mentorlens",
    help="Privacy-first assistant for student mentoring programs.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold conversation text
)
keys_app = typer.Typer(help="Encryption and API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")
err = Console(stderr=True)


def _container() -> Any:
    from assistant.container import Container

    return Container()


def _report(error: RecordError) -> None:
    # One line per error, never wrapped or parsed as markup: it must stay greppable.
    err.print(str(error), style="red", markup=False, soft_wrap=True)


@app.command()
def redact(
    source: Annotated[
        Path | None, typer.Argument(help="JSONL file; reads standard input when omitted.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write JSONL here.")] = None,
    batch: Annotated[int, typer.Option(help="Records redacted together.")] = 256,
) -> None:
    """Redact JSONL records ``{"text": ..., "names"?: [...]}``.

    Writes ``{"text", "redacted", "entities": [{"type", "start", "end", "score"}]}`` per
    record; offsets index the input text. A bad record is reported on stderr with its line
    number and the rest still go through (exit code 1 if any failed).
    """
    from privacy.redactor import RedactionError

    redactor = _container().redactor
    name = str(source) if source else "<stdin>"
    stream = source.open("rb") if source else sys.stdin.buffer
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failures = 0
    pending: list[tuple[int, str, list[str]]] = []

    def flush() -> None:
        nonlocal failures
        if not pending:
            return
        try:
            results = redactor.redact_batch(
                [t for _, t, _ in pending], names_per_text=[n for _, _, n in pending]
            )
        except RedactionError:
            # Find the offending record(s) one by one so the rest still go through.
            results = []
            for number, text, names in pending:
                try:
                    results.append(redactor.redact(text, names))
                except RedactionError as exc:
                    failures += 1
                    _report(RecordError(name, number, "text", str(exc)))
                    results.append(None)
        for (_, text, _), result in zip(pending, results, strict=True):
            if result is None:
                continue
            entities = [e.__dict__ for e in result.entities]
            out.write(
                json.dumps({"text": text, "redacted": result.redacted, "entities": entities}) + "\n"
            )
        pending.clear()

    try:
        for number, record in iter_jsonl(stream, name):
            if isinstance(record, RecordError):
                failures += 1
                _report(record)
                continue
            text, names = record.get("text"), record.get("names", [])
            if not isinstance(text, str):
                failures += 1
                _report(RecordError(name, number, "text", "must be a string"))
                continue
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                failures += 1
                _report(RecordError(name, number, "names", "must be a list of strings"))
                continue
            pending.append((number, text, names))
            if len(pending) >= batch:
                flush()
        flush()
    finally:
        if source:
            stream.close()
        if output:
            out.close()
    if failures:
        err.print(f"{failures} record(s) failed; the others were redacted.")
        raise typer.Exit(code=1)


@keys_app.command("fernet")
def keys_fernet() -> None:
    """Print a new encryption key for MENTORLENS_ENCRYPTION_KEY."""
    from privacy.vault import new_key

    typer.echo(new_key())


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    load_sample: Annotated[
        bool, typer.Option("--load-sample", help="Load examples/ into the data dir first.")
    ] = False,
) -> None:
    """Serve the API and the staff dashboard.

    At the first start with a program loaded, an admin key is created and printed once;
    later starts never print one again (revoke or create keys with `mentorlens keys`).
    """
    import uvicorn

    from server import create_app

    container = _container()
    if load_sample:
        from assistant.sample import load_sample_program

        load_sample_program(container, console=err)
    programs = container.store.programs()
    if programs:
        new = container.api_keys.ensure_bootstrap_admin(programs[0].id)
        if new is not None:
            err.print(f"[bold]Admin API key for {programs[0].id} (shown once, store it now):[/]")
            typer.echo(new.secret)
    uvicorn.run(
        create_app(container),
        host=host,
        port=port,
        log_config=None,
        timeout_graceful_shutdown=10,
    )


def _register_command_modules() -> None:
    """Each module in ``assistant.commands`` adds its commands through ``register(app)``."""
    import importlib
    import pkgutil

    import assistant.commands as commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"assistant.commands.{info.name}")
        module.register(app)


_register_command_modules()

if __name__ == "__main__":
    app()
