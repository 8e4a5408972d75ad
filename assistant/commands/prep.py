"""``mentorlens prep PAIR``: talking points for a mentor's next meeting."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def prep(
        pair: Annotated[str, typer.Argument(help="The pair id, e.g. maya-jordan.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
        program: Annotated[
            str | None, typer.Option("--program", help="Program id (needed with several).")
        ] = None,
        role: Annotated[
            str, typer.Option("--role", help="Viewer role: mentor/admin see real names.")
        ] = "mentor",
        next_meeting: Annotated[
            str | None, typer.Option("--next-meeting", help="YYYY-MM-DD; default: scheduled.")
        ] = None,
        agenda: Annotated[str | None, typer.Option(help="Something you want to raise.")] = None,
        today: Annotated[str | None, typer.Option(help="YYYY-MM-DD to prepare as of.")] = None,
    ) -> None:
        """Talking points, each with why and evidence ids, for PAIR's next meeting."""
        from rich.console import Console

        from assistant.container import Container
        from assistant.prep.service import PrepError
        from assistant.store import StoreError

        container: Any = Container()
        try:
            result = container.session_prep.prep(
                pair,
                program_id=program,
                viewer_role=role,
                next_meeting=dt.date.fromisoformat(next_meeting) if next_meeting else None,
                agenda=agenda,
                today=dt.date.fromisoformat(today) if today else None,
            )
        except (PrepError, StoreError, ValueError) as exc:
            Console(stderr=True).print(f"[red]{exc}[/]")
            raise typer.Exit(code=1) from exc
        if as_json:
            typer.echo(result.model_dump_json(indent=2))
            return
        out = Console()
        when = f" (next meeting {result.next_meeting})" if result.next_meeting else ""
        out.print(f"[bold]{result.pair_id}[/]{when}: engagement [bold]{result.engagement_band}[/]")
        out.print(result.since_last_time, highlight=False)
        for i, point in enumerate(result.points, start=1):
            flag = "[red]MUST[/] " if point.must_raise else ""
            out.print(f"\n{i}. {flag}{point.text}", highlight=False)
            out.print(f"   [dim]why: {point.why}[/]", highlight=False)
            out.print(f"   [dim]evidence: {', '.join(point.evidence)}[/]", highlight=False)
        out.print(f"\n[dim]backend: {result.backend}[/]")
