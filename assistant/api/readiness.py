"""Readiness: every model and store loaded once, in the background, and their state kept.

``/health`` answers as soon as the process runs; ``/ready`` (and every other route) waits
for :meth:`Readiness.warm_up`. A component that cannot load (a Chroma directory that is not
there or not writable, a database that cannot be opened) keeps the service not-ready, and
routes answer 503 with the reason instead of failing one by one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.container import Container

log = logging.getLogger("mentorlens.api")

# Generation may be down without making the service unready: prep falls back to extractive.
OPTIONAL = frozenset({"generator"})


class Readiness:
    """The load state of each component; thread-safe, cheap to read."""

    def __init__(self, container: Container) -> None:
        self.container = container
        self.components: dict[str, str] = {}
        self.started_at = time.monotonic()
        self.ready_after_s: float | None = None
        self._lock = threading.Lock()
        self._done = threading.Event()

    def checks(self) -> list[tuple[str, Callable[[], object]]]:
        c = self.container
        return [
            ("store", lambda: c.store.programs()),
            ("api_keys", lambda: c.api_keys.has_bootstrap_admin()),
            ("redactor", lambda: c.redactor.redact("warm-up for Jane Doe", [])),
            ("embedder", lambda: c.gateway.embed(["warm up"], caller="api", purpose="warm-up")),
            (
                "resource_index",
                lambda: (c.resource_index.manifest.counts(), c.resource_index.vectors.count()),
            ),
            ("resource_search", lambda: c.resource_search),
            ("generator", lambda: c.generator),
        ]

    def warm_up(self) -> None:
        """Load every component; record ``ok`` or a one-line reason (no text, no secrets)."""
        with self._lock:
            self.components = {name: "loading" for name, _ in self.checks()}
        for name, check in self.checks():
            try:
                check()
                state = "ok"
            except Exception as exc:  # each failure is reported, none is fatal
                state = f"unavailable: {type(exc).__name__}"
                log.error(
                    '{"event": "component_unavailable", "component": "%s", "error": "%s"}',
                    name,
                    type(exc).__name__,
                )
            with self._lock:
                self.components[name] = state
        self.ready_after_s = time.monotonic() - self.started_at
        self._done.set()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.warm_up, name="mentorlens-warm-up", daemon=True)
        thread.start()
        return thread

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    @property
    def ready(self) -> bool:
        with self._lock:
            if not self._done.is_set():
                return False
            return all(s == "ok" for n, s in self.components.items() if n not in OPTIONAL)

    def snapshot(self) -> dict[str, str]:
        with self._lock:
            return dict(self.components)

    def reason(self) -> str:
        """Why the service is not ready, for the 503 body."""
        snapshot = self.snapshot()
        if not self._done.is_set():
            return "the service is still loading its models and stores; retry shortly"
        down = [f"{n} ({s})" for n, s in snapshot.items() if s != "ok" and n not in OPTIONAL]
        return "unavailable components: " + ", ".join(down)
