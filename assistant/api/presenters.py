"""Domain results to API models: one place decides what leaves the service."""

from __future__ import annotations

from collections import Counter

from assistant.api.insights import PairSummary
from assistant.api.schemas import (
    EngagementOut,
    FlagOut,
    MeetingCounts,
    PairOut,
    PairSummaryOut,
    TrendOut,
    WeeklyPoint,
)
from assistant.engagement import EngagementReport
from assistant.store import MeetingInfo, PairInfo


def engagement_out(pair_id: str, report: EngagementReport) -> EngagementOut:
    return EngagementOut(
        pair_id=pair_id,
        score=max(0.0, min(100.0, report.score)),
        band=report.band,  # type: ignore[arg-type]
        components=dict(report.components),
        trend=TrendOut(delta=report.trend.delta, direction=report.trend.direction),
        weekly=[WeeklyPoint(week=d, score=s) for d, s in report.weekly],
        reasons=list(report.reasons),
        mode=report.mode,
        notes=list(report.notes),
    )


def summary_out(pair: PairInfo, report: EngagementReport | None) -> PairSummaryOut:
    return PairSummaryOut(
        id=pair.id,
        mentor=pair.mentor,
        mentee=pair.mentee,
        started=pair.started,
        band=report.band if report else None,  # type: ignore[arg-type]
        score=report.score if report else None,
        trend=report.trend.direction if report else None,
        top_reason=report.reasons[0] if report and report.reasons else None,
    )


def pair_out(
    pair: PairInfo, report: EngagementReport | None, meetings: list[MeetingInfo]
) -> PairOut:
    counts = Counter(m.status for m in meetings)
    return PairOut(
        **summary_out(pair, report).model_dump(),
        meetings=MeetingCounts(
            held=counts["held"],
            cancelled=counts["cancelled"],
            no_show=counts["no_show"],
            scheduled=counts["scheduled"],
        ),
    )


def flags_out(summaries: list[PairSummary]) -> list[FlagOut]:
    return [
        FlagOut(
            pair_id=s.pair.id,
            band=s.report.band,  # type: ignore[arg-type]
            score=s.report.score,
            trend=s.report.trend.direction,
            reasons=list(s.report.reasons),
        )
        for s in summaries
        if s.report.band in ("watch", "at_risk")
    ]
