"""analyze_pair(): the engagement report for one mentor-mentee pair, with score, band,
components, trend, weekly sparkline, ranked reasons and notes on what was (not) used."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from .features import MessageFeatures
from .pair_metrics import measure
from .reasons import rank
from .roles import resolve_roles
from .scoring import BASE, Scored, band, score
from .types import ChatMessage, MeetingEvent

Mode = Literal["timed", "content_only"]
Direction = Literal["up", "down", "flat"]

# Timed analysis needs most messages dated; a few undated ones are dropped from windows.
_MIN_TIMED_SHARE = 0.8
_FLAT_WITHIN = 5.0  # score points
_MAX_WEEKS = 26


@dataclass(frozen=True)
class Trend:
    """Score change versus one window earlier."""

    delta: float | None
    direction: Direction

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"delta": self.delta, "direction": self.direction}


@dataclass(frozen=True)
class EngagementReport:
    """Result of analyze_pair(). `components` sum with `base` to `score`."""

    score: float
    band: str  # "healthy" | "watch" | "at_risk"
    components: dict[str, float]
    trend: Trend
    weekly: list[tuple[date, float]]
    reasons: list[str]
    mode: Mode
    notes: list[str] = field(default_factory=list)
    base: float = BASE

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible dict."""
        return {
            "score": self.score,
            "band": self.band,
            "base": self.base,
            "components": dict(self.components),
            "trend": self.trend.to_dict(),
            "weekly": [[d.isoformat(), s] for d, s in self.weekly],
            "reasons": list(self.reasons),
            "mode": self.mode,
            "notes": list(self.notes),
        }


def _direction(delta: float | None) -> Direction:
    if delta is None or abs(delta) < _FLAT_WITHIN:
        return "flat"
    return "up" if delta > 0 else "down"


def analyze_pair(
    messages: Sequence[ChatMessage],
    features: Sequence[MessageFeatures],
    meetings: Sequence[MeetingEvent] = (),
    now: datetime | None = None,
    window_days: int = 14,
) -> EngagementReport:
    """Score one pair's conversation. `features` must come from compute_message_features
    on the same messages. `now` defaults to the current time (timed mode only)."""
    if len(messages) != len(features):
        raise ValueError(f"{len(messages)} messages but {len(features)} feature rows")
    if window_days < 1:
        raise ValueError("window_days must be at least 1")
    roles, notes = resolve_roles(messages)
    if not messages:
        return EngagementReport(
            score=0.0,
            band="at_risk",
            components={"no_messages": -BASE},
            trend=Trend(None, "flat"),
            weekly=[],
            reasons=["no messages on record"],
            mode="content_only",
            notes=["No messages: nothing to analyse."],
        )

    dated = [m for m in messages if m.timestamp is not None]
    timed = len(dated) >= 2 and len(dated) >= _MIN_TIMED_SHARE * len(messages)
    if not timed:
        notes.append(
            "No timestamps: activity signals are not available; scored on content only."
            if not dated
            else f"Only {len(dated)} of {len(messages)} messages have timestamps: activity "
            "signals are not available; scored on content only."
        )
        if meetings:
            notes.append("Meeting records are ignored without message timestamps.")
    elif len(dated) < len(messages):
        notes.append(
            f"{len(messages) - len(dated)} message(s) without a timestamp were left out of "
            "the time windows."
        )

    def at(cutoff: datetime | None, upto: int | None = None) -> Scored:
        return score(
            measure(
                messages,
                features,
                roles,
                meetings,
                timed=timed,
                now=cutoff,
                window_days=window_days,
                upto=upto,
            )
        )

    weekly: list[tuple[date, float]] = []
    if timed:
        if now is None:
            now = datetime.now(UTC)
        elif now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        current = at(now)
        first = min(m.timestamp for m in dated if m.timestamp is not None)
        prev_cut = now - timedelta(days=window_days)
        previous = at(prev_cut) if prev_cut >= first else None
        n_weeks = min(_MAX_WEEKS, max(1, (now - first).days // 7 + 1))
        for k in range(n_weeks - 1, -1, -1):
            cut = now - timedelta(days=7 * k)
            weekly.append((cut.date(), current.score if k == 0 else at(cut).score))
    else:
        current = at(None)
        half = len(messages) // 2
        previous = at(None, upto=half) if half >= 4 else None

    delta = round(current.score - previous.score, 1) if previous is not None else None
    if previous is None:
        notes.append("Not enough history for a trend.")
    return EngagementReport(
        score=current.score,
        band=band(current.score),
        components=current.components,
        trend=Trend(delta, _direction(delta)),
        weekly=weekly,
        reasons=rank(current.reasons),
        mode="timed" if timed else "content_only",
        notes=notes,
    )
