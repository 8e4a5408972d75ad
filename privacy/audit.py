"""Audit events for every model call: who asked, why, how much was redacted. Never text."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Protocol

log = logging.getLogger("mentorlens.audit")


@dataclass(frozen=True)
class AuditEvent:
    """One model call. ``entity_counts`` is by type; no values or text are kept."""

    caller: str
    purpose: str
    model: str
    operation: str  # "embed" or "generate"
    n_inputs: int
    n_chars: int
    entity_counts: Mapping[str, int] = field(default_factory=dict)
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


class AuditSink(Protocol):
    def record(self, event: AuditEvent) -> None: ...


class LoggingAuditSink:
    """Writes each event as one JSON log line on the ``mentorlens.audit`` logger."""

    def record(self, event: AuditEvent) -> None:
        log.info(json.dumps({"audit": asdict(event)}, default=dict))


class MemoryAuditSink:
    """Keeps events in memory (tests, and the admin API's recent-activity view)."""

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self.events: list[AuditEvent] = []
        self._lock = threading.Lock()

    def record(self, event: AuditEvent) -> None:
        with self._lock:
            self.events.append(event)
            del self.events[: -self.limit]


class FanOutAuditSink:
    """Sends each event to several sinks."""

    def __init__(self, *sinks: AuditSink) -> None:
        self.sinks = sinks

    def record(self, event: AuditEvent) -> None:
        for sink in self.sinks:
            sink.record(event)
