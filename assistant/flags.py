"""Which pairs are fading: the engagement report for every pair of a program, worst first.

Reads stored redacted messages and their stored per-message features (computing any that
are missing, without storing them), plus the pair's meetings, and runs the engagement
analysis. Output holds roster ids and scores, never names or message text. The CLI's
``flag`` command and the API's :class:`~assistant.api.insights.PairInsights` both read a
pair through :func:`pair_inputs`, so they always score the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from assistant.engagement import (
    ChatMessage,
    EmbedFn,
    EngagementReport,
    MeetingEvent,
    MessageFeatures,
    analyze_pair,
    compute_message_features,
)
from assistant.store import ConversationStore, PairInfo

BAND_ORDER = {"at_risk": 0, "watch": 1, "healthy": 2}


@dataclass(frozen=True)
class PairFlag:
    pair: PairInfo
    report: EngagementReport
    n_messages: int

    def to_dict(self) -> dict[str, Any]:
        report = self.report.to_dict()
        return {
            "pair": self.pair.id,
            "mentor": self.pair.mentor,
            "mentee": self.pair.mentee,
            "messages": self.n_messages,
            **report,
        }


@dataclass(frozen=True)
class PairInputs:
    """What the engagement analysis reads for one pair: its chat, features and meetings."""

    messages: list[ChatMessage]
    features: list[MessageFeatures]
    meetings: list[MeetingEvent]


def pair_inputs(
    store: ConversationStore, program_id: str, pair_id: str, embed: EmbedFn | None = None
) -> PairInputs:
    """The pair's mentor and mentee messages with their stored features, and its meetings.

    Features are computed (not stored) when any message lacks them: lexically, or with
    ``embed`` when given. Raises :class:`~assistant.store.StoreError` outside the program.
    """
    stored = [m for m in store.messages(program_id, pair_id) if m.role in ("mentor", "mentee")]
    chats = [m.to_chat() for m in stored]
    if stored and all(m.features is not None for m in stored):
        features = [MessageFeatures.from_dict(m.features or {}) for m in stored]
    else:
        features = compute_message_features(chats, embed)
    meetings = [m.to_event() for m in store.meetings(program_id, pair_id)]
    return PairInputs(chats, features, meetings)


def pair_report(
    store: ConversationStore,
    program_id: str,
    pair: PairInfo,
    *,
    now: dt.datetime | None = None,
    window_days: int = 14,
    embed: EmbedFn | None = None,
) -> PairFlag:
    """The engagement report of one pair's chat thread."""
    inputs = pair_inputs(store, program_id, pair.id, embed)
    report = analyze_pair(
        inputs.messages, inputs.features, inputs.meetings, now=now, window_days=window_days
    )
    return PairFlag(pair, report, len(inputs.messages))


def flag_pairs(
    store: ConversationStore,
    program_id: str,
    *,
    band: str | None = "watch",
    now: dt.datetime | None = None,
    window_days: int = 14,
    embed: EmbedFn | None = None,
) -> list[PairFlag]:
    """Pairs at ``band`` or worse (``at_risk`` < ``watch`` < ``healthy``), lowest score first.

    ``band=None`` returns every pair."""
    store.program(program_id)  # raises StoreError for an unknown program
    limit = BAND_ORDER[band] if band is not None else max(BAND_ORDER.values())
    flags = [
        pair_report(store, program_id, p, now=now, window_days=window_days, embed=embed)
        for p in store.pairs(program_id)
    ]
    kept = [f for f in flags if BAND_ORDER.get(f.report.band, 0) <= limit]
    return sorted(kept, key=lambda f: (f.report.score, f.pair.id))
