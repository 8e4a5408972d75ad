"""Session prep's edge models: what the CLI prints as JSON and the API returns."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class TalkingPoint(BaseModel):
    """Something to raise: said as the mentor could say it, with why and the evidence ids.

    Evidence ids are prefixed by kind: ``m:`` message, ``r:`` resource chunk, ``g:`` goal,
    ``mt:`` meeting (its date), ``e:engagement`` the engagement report, ``a:agenda``.
    """

    text: str
    why: str
    evidence: list[str] = Field(min_length=1)
    kind: str = Field(description="crisis, contact, commitment, question, goal, topic, ...")
    must_raise: bool = False


class PrepGrounding(BaseModel):
    llm_backend: str | None = None
    drafts: int = 0
    rejected: int = 0
    fallback: bool = False
    reasons: list[str] = Field(default_factory=list)


class PrepResult(BaseModel):
    """Talking points for one pair's next meeting (3-7), the recap, and the engagement band."""

    program_id: str
    pair_id: str
    viewer_role: str
    names_restored: bool
    next_meeting: dt.date | None
    since_last_time: str
    engagement_band: str
    engagement_score: float
    points: list[TalkingPoint]
    backend: str
    grounding: PrepGrounding = Field(default_factory=PrepGrounding)
