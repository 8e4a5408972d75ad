"""``mentorlens ask "..."``: a cited answer from the program's resources, or a decline."""

from __future__ import annotations

from typing import Annotated, Any

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def ask(
        question: Annotated[str, typer.Argument(help="The question, in quotes.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
        audience: Annotated[
            str, typer.Option(help="Who is asking: mentee, mentor or all.")
        ] = "mentee",
        k: Annotated[int, typer.Option("-k", help="Passages to retrieve.", min=1, max=20)] = 4,
    ) -> None:
        """Answer from the resource library with citations; decline when it has no answer."""
        from rich.console import Console

        from assistant.container import Container

        if audience not in ("mentee", "mentor", "all"):
            raise typer.BadParameter("audience must be mentee, mentor or all")
        container: Any = Container()
        try:
            result = container.resource_assistant.ask(question, audience=audience, k=k)
        except ValueError as exc:
            Console(stderr=True).print(f"[red]{exc}[/]")
            raise typer.Exit(code=1) from exc
        if as_json:
            typer.echo(
                result.model_dump_json(
                    indent=2,
                    include={"answer", "citations", "declined", "backend", "crisis", "grounding"},
                )
            )
            return
        out = Console()
        out.print(result.answer, highlight=False)
        for i, c in enumerate(result.citations, start=1):
            section = f" > {c.section}" if c.section else ""
            out.print(f"[dim]{i}. {c.title}{section} ({c.source}) {c.chunk_id}[/]", highlight=False)
        out.print(f"[dim]backend: {result.backend}[/]")
