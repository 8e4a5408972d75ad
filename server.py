"""The FastAPI application: thin routers over the use cases, wired from the composition root.

``create_app`` builds the app around a :class:`~assistant.container.Container`; heavy
components load in a background warm-up, so ``/health`` answers at once and ``/ready``
turns true when every model and store is loaded. Run it with ``mentorlens serve``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

import privacy  # noqa: F401  (offline mode before any model library loads)
from assistant.api import errors
from assistant.api.insights import PairInsights
from assistant.api.logs import configure_logging
from assistant.api.middleware import ApiMiddleware
from assistant.api.ratelimit import RateLimiter
from assistant.api.readiness import Readiness
from assistant.api.routes import ask, dashboard, health, pairs, programs, redact, resources
from assistant.api.schemas import Problem
from assistant.container import Container
from assistant.dashboard.session import SessionSigner

log = logging.getLogger("mentorlens.api")
STATIC = Path(__file__).resolve().parent / "web" / "static"

DESCRIPTION = """
Privacy-first assistant for student mentoring programs.

Authenticate with an API key from `mentorlens keys create` as `Authorization: Bearer <key>`.
Every query is scoped to the key's program (and, for mentors and mentees, their own pairs).
Errors are JSON: `{"error", "detail", "request_id"}`.
"""


def create_app(
    container: Container | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
    warm_up: bool = True,
    json_logs: bool = True,
) -> FastAPI:
    """Build the app around a container (a fresh one from settings when omitted).

    ``clock`` pins "now" for engagement (tests, demos); ``warm_up=False`` skips the
    background load (the caller runs ``app.state.readiness.warm_up()`` itself).
    """
    container = container or Container()
    settings = container.settings
    if json_logs:
        configure_logging(settings.log_level)
    readiness = Readiness(container)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm_up:
            readiness.start()
        log.info('{"event": "startup"}')
        yield
        # Uvicorn has stopped accepting connections and drained in-flight requests.
        log.info('{"event": "shutdown"}')
        if "store" in container.__dict__:
            container.store.close()

    app = FastAPI(
        title="mentorlens",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        # Every error is a Problem; documenting them app-wide replaces FastAPI's default 422.
        responses={
            code: {"model": Problem, "description": text}
            for code, text in (
                (413, "Request body too large"),
                (422, "Validation error: the fields and what is wrong with them"),
                (429, "Rate limit exceeded for this key"),
                (503, "Not ready, or a backend (database, index) is unavailable"),
            )
        },
    )
    app.state.container = container
    app.state.readiness = readiness
    app.state.insights = PairInsights(_LazyStore(container), clock)  # type: ignore[arg-type]
    app.state.rate_limiter = RateLimiter(settings.api.rate_limit_per_minute)
    app.state.session_signer = SessionSigner(_session_secret(container))
    app.state.resource_assistant = _assistant_factory(container)

    errors.install(app)

    @app.exception_handler(dashboard.SignInRequiredError)
    async def _sign_in(_: Request, __: dashboard.SignInRequiredError) -> RedirectResponse:
        return RedirectResponse("/dashboard/login", status_code=303)

    for module in (health, resources, programs, pairs, ask, redact, dashboard):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    if settings.api.cors_origins:  # off unless origins are configured
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.api.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
    app.add_middleware(ApiMiddleware, max_body=settings.api.max_request_bytes, readiness=readiness)
    return app


class _LazyStore:
    """The container's store, opened on first use (so building the app stays cheap)."""

    def __init__(self, container: Container) -> None:
        self._container = container

    def __getattr__(self, name: str) -> Any:
        return getattr(self._container.store, name)


def _session_secret(container: Container) -> str:
    key = container.settings.encryption_key
    if key is not None:
        return key.get_secret_value()
    return container.encryption_key


def _assistant_factory(container: Container) -> Callable[[], Any]:
    """The resource assistant: the container's when it provides one, else built here."""
    built: list[Any] = []

    def get() -> Any:
        if hasattr(type(container), "resource_assistant"):
            return container.resource_assistant
        if not built:
            from assistant.ask import ResourceAssistant

            built.append(ResourceAssistant(container.gateway, container.resource_search))
        return built[0]

    return get
