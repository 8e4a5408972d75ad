"""Plain-language reasons behind a score, ranked by impact.

Reasons are built only from numbers, dates and role names, never from message text, so
they are safe to show to staff who should not see the conversation itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Reason:
    """One explanation and the points it moved the score by (negative = lowered it)."""

    impact: float
    text: str


def rank(reasons: list[Reason], limit: int = 6) -> list[str]:
    """Concerns first (largest loss first), then strengths (largest gain first)."""
    neg = sorted((r for r in reasons if r.impact < 0), key=lambda r: r.impact)
    pos = sorted((r for r in reasons if r.impact > 0), key=lambda r: -r.impact)
    return [r.text for r in (neg + pos)[:limit]]


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 message', '3 messages'."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def days(n: float) -> str:
    """Whole days, e.g. '19 days'."""
    return plural(round(n), "day")


def short_date(d: date) -> str:
    """'Oct 20'."""
    return f"{d:%b} {d.day}"


def duration(seconds: float) -> str:
    """Latency in the most readable unit."""
    if seconds >= 86400 * 1.5:
        return days(seconds / 86400)
    if seconds >= 3600:
        return plural(round(seconds / 3600), "hour")
    return plural(max(1, round(seconds / 60)), "minute")
