"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from assistant.api.readiness import Readiness
from assistant.api.schemas import HealthOut, ReadyOut

router = APIRouter(tags=["health"])


@router.get("/health")
def health() -> HealthOut:
    """Liveness: the process is up and answering. Needs no key."""
    return HealthOut()


@router.get("/ready", response_model=ReadyOut, responses={503: {"model": ReadyOut}})
def ready(request: Request) -> JSONResponse:
    """Readiness: `ready` is true only once every model and store has loaded.

    Answers 503 (with each component's state) while loading, or when a component such as
    the Chroma directory or the database is unavailable. Needs no key.
    """
    readiness: Readiness = request.app.state.readiness
    body = ReadyOut(ready=readiness.ready, components=readiness.snapshot())
    return JSONResponse(body.model_dump(), status_code=200 if body.ready else 503)
