"""The FastAPI application: thin routers over the use cases, wired from the composition root."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI, Request
from pydantic import BaseModel, Field

import privacy  # noqa: F401  (offline mode before any model library loads)
from assistant.container import Container


class RedactRequest(BaseModel):
    text: str = Field(max_length=200_000, description="Text to redact.")
    names: list[str] = Field(default_factory=list, description="Roster names to catch.")


class EntityOut(BaseModel):
    type: str
    start: int
    end: int
    score: float


class RedactResponse(BaseModel):
    redacted: str
    entities: list[EntityOut]


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]


def create_app(container: Container | None = None) -> FastAPI:
    """Build the app around a container (a fresh one from settings when omitted)."""
    app = FastAPI(title="mentorlens", version="0.1.0")
    app.state.container = container or Container()

    @app.get("/health")
    def health() -> dict[str, str]:
        """Liveness: the process is up."""
        return {"status": "ok"}

    @app.post("/redact", response_model=RedactResponse)
    def redact(body: RedactRequest, container: ContainerDep) -> RedactResponse:
        """Redact personal data from a text; offsets index the input."""
        result = container.redactor.redact(body.text, body.names)
        return RedactResponse(
            redacted=result.redacted,
            entities=[EntityOut(**e.__dict__) for e in result.entities],
        )

    return app
