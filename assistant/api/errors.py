"""Errors as JSON problems: one shape (`error`, `detail`, `request_id`) for every failure.

Handlers map the use cases' exceptions to status codes, so routes stay thin: a pair outside
the caller's program is 404, a busy database 503, a validation error 422 naming the field.
No handler ever echoes request content back (it may be personal data).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.api.logs import request_id_var
from assistant.store import StoreError

log = logging.getLogger("mentorlens.api")
T = TypeVar("T")


class ApiError(Exception):
    """An error the API reports as is."""

    def __init__(
        self, status: int, error: str, detail: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.status, self.error, self.detail, self.headers = status, error, detail, headers


def forbidden(detail: str) -> ApiError:
    return ApiError(403, "forbidden", detail)


def not_found(detail: str) -> ApiError:
    return ApiError(404, "not_found", detail)


def unavailable(detail: str, retry_after: int = 5) -> ApiError:
    return ApiError(503, "unavailable", detail, {"Retry-After": str(retry_after)})


def problem(
    status: int, error: str, detail: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": error, "detail": detail, "request_id": request_id_var.get()}
    return JSONResponse(body, status_code=status, headers=headers)


def is_busy(exc: BaseException) -> bool:
    """A database that is locked or busy (SQLite) or refusing connections for now."""
    text = str(getattr(exc, "orig", exc)).lower()
    return any(s in text for s in ("locked", "busy", "could not connect", "connection refused"))


def with_db_retry(fn: Callable[[], T], attempts: int = 3, backoff_s: float = 0.1) -> T:
    """Run ``fn``, retrying a busy/locked database with backoff; then a clear 503."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except OperationalError as exc:
            if not is_busy(exc):
                raise
            log.warning('{"event": "db_busy", "attempt": %d}', attempt)
            if attempt == attempts:
                raise unavailable("the database is busy; retry in a few seconds") from exc
            time.sleep(backoff_s * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


def _field(loc: tuple[object, ...] | list[object]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    """Register the exception handlers on ``app``."""

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return problem(exc.status, exc.error, exc.detail, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{_field(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors()]
        return problem(422, "validation_error", "; ".join(problems[:10]))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}
        return problem(
            exc.status_code,
            codes.get(exc.status_code, "http_error"),
            str(exc.detail),
            dict(exc.headers) if exc.headers else None,
        )

    @app.exception_handler(StoreError)
    async def _store(_: Request, exc: StoreError) -> JSONResponse:
        return problem(404, "not_found", "no such program or pair in your scope")

    @app.exception_handler(OperationalError)
    async def _db(_: Request, exc: OperationalError) -> JSONResponse:
        log.error('{"event": "db_error", "busy": %s}', str(is_busy(exc)).lower())
        return problem(
            503, "unavailable", "the database is unavailable; retry shortly", {"Retry-After": "5"}
        )

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        name = type(exc).__name__
        # Chroma raises its own types when its directory or server is gone.
        if type(exc).__module__.startswith("chromadb") or isinstance(exc, OSError):
            log.error('{"event": "backend_unavailable", "error": "%s"}', name)
            return problem(
                503, "unavailable", "the resource index is unavailable", {"Retry-After": "5"}
            )
        log.exception('{"event": "unhandled_error", "error": "%s"}', name)
        return problem(500, "internal_error", "unexpected error; see the server log")
