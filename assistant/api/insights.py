"""Engagement reports read from the store: the pair list worst first, one pair's report,
and a pair's component history for the dashboard chart.

The analysis itself is :func:`assistant.engagement.analyze_pair`, fed by
:func:`assistant.flags.pair_inputs` (the same reader the ``flag`` command uses): stored
messages (their features were computed once, at import) and meetings, scoped by program. ``as_of`` pins "now" (tests and the sample program); by default it is the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from assistant.engagement import EngagementReport, analyze_pair
from assistant.flags import BAND_ORDER, pair_inputs
from assistant.store import ConversationStore, PairInfo


@dataclass(frozen=True)
class PairSummary:
    pair: PairInfo
    report: EngagementReport


@dataclass(frozen=True)
class ComponentPoint:
    """The score's components at one weekly cut-off."""

    day: date
    score: float
    components: dict[str, float]


class PairInsights:
    """Engagement per pair, always within one program."""

    def __init__(
        self, store: ConversationStore, clock: Callable[[], datetime] | None = None
    ) -> None:
        self.store = store
        self._clock = clock or (lambda: datetime.now(UTC))

    def now(self) -> datetime:
        return self._clock()

    def report(
        self, program_id: str, pair_id: str, now: datetime | None = None
    ) -> EngagementReport:
        """The pair's report; raises :class:`~assistant.store.StoreError` outside the program."""
        inputs = pair_inputs(self.store, program_id, pair_id)
        return analyze_pair(
            inputs.messages, inputs.features, inputs.meetings, now=now or self.now()
        )

    def summaries(self, program_id: str) -> list[PairSummary]:
        """Every pair in the program with its report, worst first (band, then score)."""
        now = self.now()
        out = [
            PairSummary(p, self.report(program_id, p.id, now)) for p in self.store.pairs(program_id)
        ]
        out.sort(key=lambda s: (BAND_ORDER.get(s.report.band, 3), s.report.score, s.pair.id))
        return out

    def history(self, program_id: str, pair_id: str, weeks: int = 8) -> list[ComponentPoint]:
        """Components at each of the last ``weeks`` weekly cut-offs, oldest first."""
        inputs = pair_inputs(self.store, program_id, pair_id)
        messages, features, meetings = inputs.messages, inputs.features, inputs.meetings
        now = self.now()
        dated = [m.timestamp for m in messages if m.timestamp is not None]
        first = min(dated) if dated else now
        points: list[ComponentPoint] = []
        for k in range(weeks - 1, -1, -1):
            cut = now - timedelta(days=7 * k)
            if cut < first:
                continue
            keep = [i for i, m in enumerate(messages) if m.timestamp is None or m.timestamp <= cut]
            report = analyze_pair(
                [messages[i] for i in keep],
                [features[i] for i in keep],
                [e for e in meetings if e.date <= cut.date()],
                now=cut,
            )
            points.append(ComponentPoint(cut.date(), report.score, dict(report.components)))
        return points
