"""The resource assistant: grounded answers from the program's resources, JSON or SSE."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse

from assistant.api.deps import PrincipalDep
from assistant.api.schemas import AskRequest, Problem
from assistant.ask import AskResult, ResourceAssistant

router = APIRouter(tags=["assistant"], responses={401: {"model": Problem}})


def _assistant(request: Request) -> ResourceAssistant:
    assistant: ResourceAssistant = request.app.state.resource_assistant()
    return assistant


@router.post(
    "/ask",
    response_model=AskResult,
    responses={200: {"content": {"text/event-stream": {}}}, 429: {"model": Problem}},
)
def ask(
    body: AskRequest,
    request: Request,
    principal: PrincipalDep,
    accept: Annotated[str | None, Header()] = None,
) -> AskResult | StreamingResponse:
    """Answer a question from the program's resources, with citations, or decline honestly.

    Mentees search mentee and all-audience resources; other roles search everything. The
    question is redacted before it reaches search or any model. With
    `Accept: text/event-stream` the answer streams as server-sent events: `delta` events
    with text, then one `result` event holding the full JSON answer, then `done`.
    """
    assistant = _assistant(request)
    audience: Literal["mentee", "all"] = "mentee" if principal.role == "mentee" else "all"
    if accept and "text/event-stream" in accept:
        return StreamingResponse(
            _sse(assistant, body, audience),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )
    return assistant.ask(body.question, audience=audience, k=body.k)


def _sse(assistant: ResourceAssistant, body: AskRequest, audience: str) -> Iterator[str]:
    try:
        for event in assistant.stream_events(body.question, audience=audience, k=body.k):  # type: ignore[arg-type]
            if isinstance(event, AskResult):
                yield f"event: result\ndata: {event.model_dump_json()}\n\n"
            else:
                yield f"event: delta\ndata: {json.dumps({'text': event})}\n\n"
    except Exception as exc:  # the stream has started: report in-band, never crash it
        error = {"error": "unavailable", "detail": f"answer failed: {type(exc).__name__}"}
        yield f"event: error\ndata: {json.dumps(error)}\n\n"
    yield "event: done\ndata: {}\n\n"
