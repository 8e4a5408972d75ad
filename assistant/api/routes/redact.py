"""Redaction as a service: the same Presidio pipeline the importers use."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.api.deps import ContainerDep, PrincipalDep
from assistant.api.schemas import EntityOut, Problem, RedactRequest, RedactResponse

router = APIRouter(tags=["privacy"], responses={401: {"model": Problem}})


@router.post("/redact")
def redact(body: RedactRequest, container: ContainerDep, _: PrincipalDep) -> RedactResponse:
    """Redact personal data from a text; entity offsets index the input. Any role.

    Neither the text nor the result is stored or logged.
    """
    result = container.redactor.redact(body.text, body.names)
    return RedactResponse(
        redacted=result.redacted,
        entities=[
            EntityOut(type=e.type, start=e.start, end=e.end, score=e.score) for e in result.entities
        ],
    )
