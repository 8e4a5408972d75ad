"""Session prep on a small imported pair: shape, evidence, crisis first, names by role,
LLM drafts that fail grounding, and what the model gets to see."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.assistant.prep.conftest import PLANTED, build
from tests.conftest import RecordingGenerator

TODAY = dt.date(2026, 11, 24)


def _existing_ids(container: Any) -> set[str]:
    evidence = container.session_prep.evidence_for("maya-jordan", today=TODAY)
    return set(evidence)


def test_prep_returns_3_to_7_points_with_existing_evidence(prep_container: Any) -> None:
    result = prep_container.session_prep.prep("maya-jordan", today=TODAY)
    assert 3 <= len(result.points) <= 7
    messages = {m.id for m in prep_container.store.messages("testprog", "maya-jordan", thread=None)}
    chunks = {c.id for c in prep_container.resource_index.manifest.chunks()}
    for point in result.points:
        assert point.evidence
        for eid in point.evidence:
            kind, _, ref = eid.partition(":")
            if kind == "m":
                assert ref in messages
            elif kind == "r":
                assert ref in chunks
    assert result.backend == "extractive"
    assert result.next_meeting == dt.date(2026, 12, 1)
    assert result.since_last_time


def test_crisis_message_makes_the_first_point(prep_container: Any) -> None:
    result = prep_container.session_prep.prep("maya-jordan", today=TODAY)
    first = result.points[0]
    assert first.kind == "crisis" and first.must_raise
    assert "safe" in first.text
    crisis_chunks = {
        c.id for c in prep_container.resource_index.manifest.chunks() if "crisis" in c.source
    }
    assert any(e.removeprefix("r:") in crisis_chunks for e in first.evidence)


def test_names_restored_for_mentor_only(prep_container: Any) -> None:
    mentor = prep_container.session_prep.prep("maya-jordan", today=TODAY, viewer_role="mentor")
    staff = prep_container.session_prep.prep("maya-jordan", today=TODAY, viewer_role="staff")
    mentor_text = " ".join(p.text + p.why for p in mentor.points)
    staff_text = " ".join(p.text + p.why for p in staff.points) + staff.since_last_time
    assert "Jordan Reyes" in mentor_text and "<PERSON_" not in mentor_text
    assert "<PERSON_" in staff_text
    for name in ("Jordan", "Maya", "Alicia"):
        assert name not in staff_text
    assert mentor.names_restored and not staff.names_restored


@pytest.mark.parametrize(
    "reply",
    [
        '{"text": "Ask how things are going.", "why": "It has been a while.", "evidence": []}',
        '{"text": "Ask about the 5 internships.", "why": "said so", "evidence": ["m:4"]}',
        "Sure! Here are some ideas: talk about goals.",
    ],
)
def test_llm_draft_failing_grounding_falls_back_to_extractive(tmp_path: Path, reply: str) -> None:
    generator = RecordingGenerator(reply)
    container = build(tmp_path, generator)
    result = container.session_prep.prep("maya-jordan", today=TODAY, agenda="talk to Alicia")
    assert result.backend == "extractive"
    assert result.grounding.fallback
    assert result.grounding.llm_backend == generator.name
    assert result.grounding.rejected >= 1
    assert result.points[0].kind == "crisis"
    # Privacy: the model never saw the planted email, phone or names.
    assert generator.seen
    seen = "\n".join(generator.seen)
    for planted in PLANTED:
        assert planted not in seen
    container.store.close()


def test_unknown_pair_is_an_error(prep_container: Any) -> None:
    from assistant.store import StoreError

    with pytest.raises(StoreError):
        prep_container.session_prep.prep("nobody", today=TODAY)
