"""Input types shared by the engagement analysis: chat messages, meetings, embed function."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

import numpy.typing as npt

Role = Literal["mentor", "mentee"]
MeetingStatus = Literal["held", "cancelled", "no_show", "scheduled"]

# Supplied by the caller (the privacy gateway): maps texts to an (n, 384) array of
# L2-normalised sentence embeddings. None means lexical-only uptake.
EmbedFn = Callable[[Sequence[str]], "npt.NDArray[Any]"]


@dataclass(frozen=True)
class ChatMessage:
    """One chat message. `text` is already redacted (placeholders like <PERSON_1>)."""

    id: str
    sender: str
    role: Role | None
    text: str
    timestamp: datetime | None  # tz-aware when present


@dataclass(frozen=True)
class MeetingEvent:
    """A scheduled mentor-mentee meeting and what became of it."""

    date: date
    status: MeetingStatus
