"""Shared fixtures for the engagement tests: a tiny deterministic fake EmbedFn and
synthetic healthy / fading mentoring conversations."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from assistant.engagement.types import ChatMessage, EmbedFn, Role

NOW = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)
START = NOW - timedelta(days=42)

LONG_MENTEE = [
    "Thanks for the tips on the cover letter, I rewrote the opening paragraph around the lab "
    "project and cut the list of courses like you suggested, it reads much better now",
    "The interview with <ORG_1> went better than I expected, they asked about teamwork and I "
    "used the hackathon story, but I was not sure how to answer the salary question at all",
    "I have been thinking about whether to take the data science elective or the second "
    "statistics course next term, the elective sounds fun but statistics feels more useful",
    "My study group met twice this week and we worked through the past exam papers together, "
    "I finally understand the proofs in chapter four which were confusing me before",
]
MENTOR = [
    "That sounds like real progress. What did you find hardest about the rewrite?",
    "Good to hear. How are you feeling about the next round of applications?",
    "Nice work. Do you want to go through the salary question together on Thursday?",
    "Great. What would help most before our next meeting?",
]


def _vec(text: str) -> npt.NDArray[np.float64]:
    v = np.zeros(384)
    for tok in text.lower().split():
        h = int(hashlib.md5(tok.strip(".,!?").encode()).hexdigest(), 16)
        v[h % 384] += 1.0 if (h >> 9) % 2 else -1.0
    n = np.linalg.norm(v)
    return v / n if n else v


def fake_embed_impl(texts: Sequence[str]) -> npt.NDArray[Any]:
    """Hashed bag of words, L2-normalised: deterministic and shares words -> similar."""
    return np.stack([_vec(t) for t in texts]) if texts else np.zeros((0, 384))


@pytest.fixture
def fake_embed() -> EmbedFn:
    return fake_embed_impl


def msg(i: int, role: Role, text: str, ts: datetime | None) -> ChatMessage:
    return ChatMessage(id=f"m{i}", sender=role.upper(), role=role, text=text, timestamp=ts)


def healthy_conversation() -> list[ChatMessage]:
    """Six weeks of regular, two-sided, substantial exchanges."""
    out: list[ChatMessage] = []
    t = START
    for k in range(14):
        out.append(msg(len(out), "mentor", MENTOR[k % 4], t))
        t += timedelta(hours=5)
        text = LONG_MENTEE[k % 4]
        if k % 3 == 0:
            text += ". Could we also talk about internships next time?"
        if k == 4:
            text = "I'll send you my CV draft by Friday so you can look at it."
        if k == 6:
            text = "Sent it! I also applied to the summer programme at <ORG_2> yesterday."
        out.append(msg(len(out), "mentee", text, t))
        t += timedelta(days=3)
    return out


def fading_conversation() -> list[ChatMessage]:
    """Engaged for three weeks, then shrinking brush-offs, then silence."""
    out: list[ChatMessage] = []
    t = START
    for k in range(7):
        out.append(msg(len(out), "mentor", MENTOR[k % 4], t))
        t += timedelta(hours=4)
        out.append(msg(len(out), "mentee", LONG_MENTEE[k % 4], t))
        t += timedelta(days=3)
    for text in ["ok", "sorry busy this week", "k", "maybe later", "ok"]:
        out.append(msg(len(out), "mentor", MENTOR[len(out) % 4], t))
        t += timedelta(days=1)
        out.append(msg(len(out), "mentee", text, t))
        t += timedelta(days=1)
    for k in range(3):
        out.append(msg(len(out), "mentor", MENTOR[k], t))
        t += timedelta(days=2)
    return out


@pytest.fixture
def now() -> datetime:
    """The evaluation time the synthetic conversations are built around."""
    return NOW


@pytest.fixture
def healthy() -> list[ChatMessage]:
    return healthy_conversation()


@pytest.fixture
def fading() -> list[ChatMessage]:
    return fading_conversation()


@pytest.fixture
def strip_timestamps() -> Callable[[list[ChatMessage]], list[ChatMessage]]:
    def strip(ms: list[ChatMessage]) -> list[ChatMessage]:
        return [ChatMessage(m.id, m.sender, m.role, m.text, None) for m in ms]

    return strip
