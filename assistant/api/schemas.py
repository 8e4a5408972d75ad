"""Request and response models: the API's contract, as shown in its OpenAPI document."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PairKey = str


class Problem(BaseModel):
    """Every error response: a stable code and a sentence a person can act on."""

    error: str = Field(description="Machine-readable error code, e.g. `not_found`.")
    detail: str = Field(description="What went wrong, in plain language.")
    request_id: str | None = None


class HealthOut(BaseModel):
    status: Literal["ok"] = "ok"


class ReadyOut(BaseModel):
    ready: bool
    components: dict[str, str] = Field(
        description="Each component's state: `ok`, `loading`, or an error summary."
    )


class ProgramOut(BaseModel):
    id: str
    name: str
    timezone: str


class TrendOut(BaseModel):
    delta: float | None = Field(description="Score change versus one window earlier.")
    direction: Literal["up", "down", "flat"]


class WeeklyPoint(BaseModel):
    week: dt.date
    score: float


class EngagementOut(BaseModel):
    """A pair's engagement: signals and reasons only, never message text."""

    pair_id: PairKey
    score: float = Field(ge=0, le=100)
    band: Literal["healthy", "watch", "at_risk"]
    components: dict[str, float]
    trend: TrendOut
    weekly: list[WeeklyPoint]
    reasons: list[str]
    mode: Literal["timed", "content_only"]
    notes: list[str]


class PairSummaryOut(BaseModel):
    """A pair with its engagement headline (for lists, worst first)."""

    id: PairKey
    mentor: str = Field(description="The mentor's roster id.")
    mentee: str = Field(description="The mentee's roster id.")
    started: dt.date | None
    band: Literal["healthy", "watch", "at_risk"] | None = None
    score: float | None = None
    trend: Literal["up", "down", "flat"] | None = None
    top_reason: str | None = None


class MeetingCounts(BaseModel):
    held: int
    cancelled: int
    no_show: int
    scheduled: int


class PairOut(PairSummaryOut):
    meetings: MeetingCounts


class GoalOut(BaseModel):
    id: str
    text: str = Field(description="The goal, redacted.")
    status: str
    due: dt.date | None


class FlagOut(BaseModel):
    """A pair that needs attention: band `watch` or `at_risk`, with why."""

    pair_id: PairKey
    band: Literal["watch", "at_risk"]
    score: float
    trend: Literal["up", "down", "flat"]
    reasons: list[str]


class PrepRequest(BaseModel):
    """What the mentor knows about the next meeting; both fields are optional."""

    model_config = ConfigDict(extra="forbid")

    next_meeting: dt.date | None = Field(
        default=None, description="The next meeting's date; default: the next scheduled one."
    )
    agenda: str | None = Field(
        default=None,
        max_length=1000,
        description="The mentor's own notes for the meeting; redacted before any model sees "
        "them, and cited as `a:agenda`.",
    )


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=3, max_length=2000, description="The question, in words.")
    k: int = Field(default=5, ge=1, le=10, description="Resource passages to consider.")


class Citation(BaseModel):
    chunk_id: str
    citation: str = Field(description="`Title > Section` of the resource passage.")
    source_url: str | None = None


class AskOut(BaseModel):
    """A grounded answer with its citations, or `answered: false` and an honest refusal."""

    answered: bool
    answer: str
    citations: list[Citation]


class ResourceOut(BaseModel):
    source: str
    title: str
    chunks: int
    audience: str


class ResourceHitOut(BaseModel):
    chunk_id: str
    title: str
    citation: str
    snippet: str
    score: float
    relevance: float
    audience: str
    source_url: str | None = None


class IngestOut(BaseModel):
    files: int
    added: int
    updated: int
    unchanged: int
    failed: int
    chunks_written: int
    errors: list[str]


class RedactRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=200_000, description="Text to redact.")
    names: list[str] = Field(
        default_factory=list, max_length=500, description="Roster names to catch."
    )


class EntityOut(BaseModel):
    type: str
    start: int
    end: int
    score: float


class RedactResponse(BaseModel):
    redacted: str
    entities: list[EntityOut]
