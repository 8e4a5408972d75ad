"""The gateway proof: a recording fake model behind it never sees a direct identifier."""

from __future__ import annotations

import re

import pytest

from evals.privacy.metrics import load_labelled
from privacy.audit import MemoryAuditSink
from privacy.gateway import GenerationUnavailable, ModelGateway
from privacy.redactor import Redactor
from tests.conftest import RecordingEmbedder, RecordingGenerator

MESSAGES = load_labelled()


def _leaks(seen: list[str]) -> list[tuple[str, str]]:
    """(message id, type) of every gold identifier found in what the model saw for it."""
    leaks = []
    for message, model_input in zip(MESSAGES, seen, strict=False):
        for etype, start, end in message.spans:
            value = message.text[start:end]
            if re.search(rf"(?<!\w){re.escape(value)}(?!\w)", model_input, re.IGNORECASE):
                leaks.append((message.id, etype))  # ids and types only: never the value
    return leaks


def test_labelled_set_is_large_enough() -> None:
    assert len(MESSAGES) >= 200
    assert sum(len(m.spans) for m in MESSAGES) >= 400


def test_embedder_receives_zero_direct_identifiers(redactor: Redactor) -> None:
    embedder, audit = RecordingEmbedder(), MemoryAuditSink()
    gateway = ModelGateway(redactor, embedder, audit=audit)
    for message in MESSAGES:
        gateway.embed([message.text], caller="test", purpose="proof", names=message.names)
    assert len(embedder.seen) == len(MESSAGES)
    assert _leaks(embedder.seen) == []


def test_generator_receives_zero_direct_identifiers(redactor: Redactor) -> None:
    generator = RecordingGenerator()
    gateway = ModelGateway(redactor, RecordingEmbedder(), generator, audit=MemoryAuditSink())
    for message in MESSAGES[:120]:
        gateway.generate(
            [("system", "You help mentors."), ("user", message.text)],
            caller="test",
            purpose="proof",
            names=message.names,
        )
    user_turns = generator.seen[1::2]  # the system turn comes first in every call
    assert len(user_turns) == 120
    assert _leaks(user_turns) == []


def test_audit_events_hold_counts_and_never_text(redactor: Redactor) -> None:
    audit = MemoryAuditSink()
    gateway = ModelGateway(redactor, RecordingEmbedder(), audit=audit)
    gateway.embed(
        ["thx maria! 617-555-0142"], caller="importer", purpose="uptake", names=["Maria Lopez"]
    )
    (event,) = audit.events
    assert event.caller == "importer" and event.operation == "embed"
    assert dict(event.entity_counts) == {"PERSON": 1, "PHONE_NUMBER": 1}
    assert "maria" not in repr(event).lower() and "0142" not in repr(event)


def test_generation_without_a_backend_is_unavailable(redactor: Redactor) -> None:
    gateway = ModelGateway(redactor, RecordingEmbedder(), None, audit=MemoryAuditSink())
    with pytest.raises(GenerationUnavailable):
        gateway.generate([("user", "hi")], caller="test", purpose="proof")


def test_failing_generator_becomes_unavailable_without_leaking(redactor: Redactor) -> None:
    class Broken(RecordingGenerator):
        def generate(self, messages, max_new_tokens):  # type: ignore[no-untyped-def]
            raise ConnectionError("maria.lopez@gmail.com unreachable")

    gateway = ModelGateway(redactor, RecordingEmbedder(), Broken(), audit=MemoryAuditSink())
    with pytest.raises(GenerationUnavailable) as excinfo:
        gateway.generate([("user", "hi")], caller="test", purpose="proof")
    assert "maria" not in str(excinfo.value)
