"""``mentorlens keys create|list|revoke``: API keys, added to the ``keys`` group of the CLI.

The secret is printed once, on standard output, and never stored: only its SHA-256 is.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from assistant.auth import KeyStore

err = Console(stderr=True)


def _key_store() -> KeyStore:
    from assistant.container import Container

    return Container().api_keys


def create(
    role: Annotated[str, typer.Option(help="admin, staff, mentor or mentee.")],
    program: Annotated[str, typer.Option(help="Program id the key is scoped to.")],
    participant: Annotated[
        str | None, typer.Option(help="Roster id (required for mentor and mentee keys).")
    ] = None,
    label: Annotated[str, typer.Option(help="A note to recognise the key by.")] = "",
) -> None:
    """Create an API key and print it once; store it somewhere safe now."""
    from assistant.auth import ApiKeyError

    try:
        new = _key_store().create(role, program, participant, label)
    except ApiKeyError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(code=2) from exc
    typer.echo(new.secret)
    err.print(
        f"created {new.info.role} key [bold]{new.info.prefix}[/] for program "
        f"{new.info.program_id}; it will not be shown again."
    )


def list_keys(
    program: Annotated[str | None, typer.Option(help="Only this program's keys.")] = None,
) -> None:
    """List keys (prefix, role, scope, dates), never their secrets."""
    table = Table("prefix", "role", "program", "participant", "label", "created", "revoked")
    for info in _key_store().list(program):
        table.add_row(
            info.prefix,
            info.role,
            info.program_id,
            info.participant or "",
            info.label,
            info.created_at.isoformat(timespec="seconds"),
            info.revoked_at.isoformat(timespec="seconds") if info.revoked_at else "",
        )
    Console().print(table)


def revoke(
    prefix: Annotated[str, typer.Argument(help="The key's prefix, from `keys list`.")],
) -> None:
    """Revoke a key: it stops working at once (dashboard sessions too)."""
    from assistant.auth import ApiKeyError

    try:
        info = _key_store().revoke(prefix)
    except ApiKeyError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(code=2) from exc
    err.print(f"revoked key {info.prefix}")


def register(app: typer.Typer) -> None:
    """Attach the commands to the existing ``keys`` group (it also holds ``keys fernet``)."""
    for group in app.registered_groups:
        if group.name == "keys" and group.typer_instance is not None:
            keys = group.typer_instance
            break
    else:
        keys = typer.Typer(help="Encryption and API keys.", no_args_is_help=True)
        app.add_typer(keys, name="keys")
    keys.command("create")(create)
    keys.command("list")(list_keys)
    keys.command("revoke")(revoke)
