"""One ASGI middleware for what every request gets: a request id, a size limit, the
readiness gate, security headers, and an access log line (method, route, status, time).

Pure ASGI rather than ``BaseHTTPMiddleware`` so streamed answers (SSE) pass through as they
are produced, and the body limit holds for chunked uploads without a Content-Length.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from assistant.api.logs import request_id_var
from assistant.api.readiness import Readiness

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("mentorlens.access")
SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Always served, ready or not: liveness, readiness, and the API's own documentation.
UNGATED = ("/health", "/ready", "/docs", "/redoc", "/openapi.json", "/static/")

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# Swagger UI loads its assets from a CDN; under our CSP it would not run, so /docs gets a
# policy naming exactly what FastAPI's page uses.
DOCS_CSP = (
    b"default-src 'self'; img-src 'self' data: https://fastapi.tiangolo.com; "
    b"style-src 'self' https://cdn.jsdelivr.net; script-src 'self' 'unsafe-inline' "
    b"https://cdn.jsdelivr.net; frame-ancestors 'none'"
)


class RequestTooLargeError(Exception):
    pass


class ApiMiddleware:
    """Wraps the FastAPI app; see the module docstring."""

    def __init__(self, app: ASGIApp, *, max_body: int, readiness: Readiness) -> None:
        self.app = app
        self.max_body = max_body
        self.readiness = readiness

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        offered = headers.get("x-request-id", "")
        request_id = offered if SAFE_ID.match(offered) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status_holder = {"status": 500}
        path: str = scope.get("path", "")
        is_docs = path in ("/docs", "/redoc")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                extra = [(b"x-request-id", request_id.encode())]
                for name, value in SECURITY_HEADERS:
                    if is_docs and name == b"content-security-policy":
                        value = DOCS_CSP
                    extra.append((name, value))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        try:
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                await self._reply(send_with_headers, 413, "request_too_large", self._too_large())
                return
            if not self.readiness.ready and not path.startswith(UNGATED):
                await self._reply(
                    send_with_headers, 503, "not_ready", self.readiness.reason(), retry=True
                )
                return
            received = 0

            async def limited_receive() -> Message:
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > self.max_body:
                        raise RequestTooLargeError
                return message

            try:
                await self.app(scope, limited_receive, send_with_headers)
            except RequestTooLargeError:
                await self._reply(send_with_headers, 413, "request_too_large", self._too_large())
        finally:
            route = scope.get("route")
            log.info(
                json.dumps(
                    {
                        "event": "request",
                        "method": scope.get("method"),
                        # The route template, not the path: ids stay out of aggregate logs.
                        "route": getattr(route, "path", None) or path,
                        "status": status_holder["status"],
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "key": scope.get("state", {}).get("key_prefix"),
                        "request_id": request_id,
                    }
                )
            )
            request_id_var.reset(token)

    def _too_large(self) -> str:
        return f"request body is larger than the limit of {self.max_body} bytes"

    async def _reply(
        self, send: Send, status: int, error: str, detail: str, *, retry: bool = False
    ) -> None:
        body = json.dumps(
            {"error": error, "detail": detail, "request_id": request_id_var.get()}
        ).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        if retry:
            headers.append((b"retry-after", b"5"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
