"""Pair-level measurements over a time (or message-index) window: activity, balance and
content statistics per side. Numbers only; scoring and wording live elsewhere."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .features import MessageFeatures
from .types import ChatMessage, MeetingEvent, Role

ROLES: tuple[Role, Role] = ("mentor", "mentee")


@dataclass(frozen=True)
class SideStats:
    """One side's messages within a window."""

    messages: int
    words: int
    median_words: float | None
    median_latency_s: float | None
    brush_offs: int
    questions: int
    cancellations: int
    mean_sentiment: float | None
    mean_uptake: float | None
    mean_engagement: float | None


@dataclass(frozen=True)
class WindowStats:
    """Both sides within one window, plus conversation-level rates."""

    start: datetime | None
    end: datetime | None
    n_messages: int
    sides: dict[Role, SideStats]
    question_rate: float | None
    mean_uptake: float | None
    mean_sentiment: float | None
    turn_taking: float | None  # side switches / (messages - 1); 1.0 = strict alternation


@dataclass(frozen=True)
class Unanswered:
    """The trailing run of messages from one side with no reply yet."""

    role: Role
    count: int
    since: datetime | None


@dataclass(frozen=True)
class MeetingStats:
    """Meetings in the recent period (the current and previous windows)."""

    held: int
    missed: int  # cancelled + no-show
    first_missed: date | None


@dataclass(frozen=True)
class PairMetrics:
    """Everything the scorer needs for one evaluation point."""

    timed: bool
    current: WindowStats
    previous: WindowStats
    baseline: WindowStats  # everything before the current window: the pair's own norm
    share_messages: dict[Role, float]
    share_words: dict[Role, float]
    turn_taking: float | None
    unanswered: Unanswered | None
    longest_unanswered: dict[Role, int]
    open_commitments: dict[Role, int]  # older than a week (timed) or never followed up
    followed_through: dict[Role, int]
    messages_per_week: tuple[float, float] | None  # (current, previous)
    days_since_contact: float | None  # since both sides last spoke (or met)
    silent_role: Role | None  # the side whose silence that is, when the other kept writing
    meetings: MeetingStats | None
    window_days: int


def _median(xs: Sequence[float]) -> float | None:
    return float(statistics.median(xs)) if xs else None


def _mean(xs: Sequence[float]) -> float | None:
    return float(statistics.fmean(xs)) if xs else None


def _turn_taking(roles: Sequence[Role]) -> float | None:
    if len(roles) < 2:
        return None
    switches = sum(1 for a, b in itertools.pairwise(roles) if a != b)
    return switches / (len(roles) - 1)


def window_stats(
    idx: Sequence[int],
    roles: Sequence[Role],
    feats: Sequence[MessageFeatures],
    start: datetime | None = None,
    end: datetime | None = None,
) -> WindowStats:
    """Statistics over the messages at positions `idx`."""
    sides: dict[Role, SideStats] = {}
    for role in ROLES:
        mine = [feats[i] for i in idx if roles[i] == role]
        sides[role] = SideStats(
            messages=len(mine),
            words=sum(f.word_count for f in mine),
            median_words=_median([float(f.word_count) for f in mine]),
            median_latency_s=_median([f.latency_s for f in mine if f.latency_s is not None]),
            brush_offs=sum(1 for f in mine if f.brush_off is not None),
            questions=sum(1 for f in mine if f.is_question),
            cancellations=sum(1 for f in mine if f.cancellation),
            mean_sentiment=_mean([f.sentiment for f in mine]),
            mean_uptake=_mean([f.uptake for f in mine if f.uptake is not None]),
            mean_engagement=_mean([f.engagement for f in mine]),
        )
    fs = [feats[i] for i in idx]
    return WindowStats(
        start=start,
        end=end,
        n_messages=len(fs),
        sides=sides,
        question_rate=(sum(f.is_question for f in fs) / len(fs)) if fs else None,
        mean_uptake=_mean([f.uptake for f in fs if f.uptake is not None]),
        mean_sentiment=_mean([f.sentiment for f in fs]),
        turn_taking=_turn_taking([roles[i] for i in idx]),
    )


def measure(
    messages: Sequence[ChatMessage],
    feats: Sequence[MessageFeatures],
    roles: Sequence[Role],
    meetings: Sequence[MeetingEvent],
    *,
    timed: bool,
    now: datetime | None,
    window_days: int,
    upto: int | None = None,
) -> PairMetrics:
    """Metrics at one evaluation point.

    Timed: messages up to `now`, windows of `window_days` ending at `now`.
    Content-only: the first `upto` messages (all by default), split into halves."""
    if timed:
        assert now is not None
        idx = [i for i, m in enumerate(messages) if m.timestamp is not None and m.timestamp <= now]
        w = timedelta(days=window_days)
        cur_start, prev_start = now - w, now - 2 * w
        cur = [i for i in idx if cur_start < _ts(messages[i]) <= now]
        prev = [i for i in idx if prev_start < _ts(messages[i]) <= cur_start]
        current = window_stats(cur, roles, feats, cur_start, now)
        previous = window_stats(prev, roles, feats, prev_start, cur_start)
        before = [i for i in idx if _ts(messages[i]) <= cur_start]
        base_start = _ts(messages[before[0]]) if before else None
        baseline = window_stats(before, roles, feats, base_start, cur_start)
    else:
        idx = list(range(len(messages) if upto is None else upto))
        half = len(idx) // 2 if len(idx) >= 4 else 0
        current = window_stats(idx[half:], roles, feats)
        previous = window_stats(idx[:half], roles, feats)
        baseline = previous

    total_msgs = len(idx)
    total_words = sum(feats[i].word_count for i in idx)
    share_messages = {
        r: (sum(1 for i in idx if roles[i] == r) / total_msgs) if total_msgs else 0.0 for r in ROLES
    }
    share_words = {
        r: (sum(feats[i].word_count for i in idx if roles[i] == r) / total_words)
        if total_words
        else 0.0
        for r in ROLES
    }

    # Unanswered runs: consecutive messages from one side.
    longest: dict[Role, int] = {"mentor": 0, "mentee": 0}
    run_role: Role | None = None
    run = 0
    run_start = 0
    for i in idx:
        if roles[i] == run_role:
            run += 1
        else:
            run_role, run, run_start = roles[i], 1, i
        longest[roles[i]] = max(longest[roles[i]], run)
    unanswered = (
        Unanswered(run_role, run, messages[run_start].timestamp if timed else None)
        if run_role is not None
        else None
    )

    open_c: dict[Role, int] = {"mentor": 0, "mentee": 0}
    done: dict[Role, int] = {"mentor": 0, "mentee": 0}
    ids_in_scope = {messages[i].id for i in idx}
    for i in idx:
        f = feats[i]
        if not f.commitment:
            continue
        fulfilled = f.followed_up_by is not None and f.followed_up_by in ids_in_scope
        if fulfilled:
            done[roles[i]] += 1
        elif timed:
            assert now is not None
            if now - _ts(messages[i]) > timedelta(days=7):
                open_c[roles[i]] += 1
        elif i < idx[-1] - 2:
            # Transcript: a commitment with several later messages and no report back.
            open_c[roles[i]] += 1

    per_week: tuple[float, float] | None = None
    days_since: float | None = None
    silent: Role | None = None
    meeting_stats: MeetingStats | None = None
    if timed:
        assert now is not None
        weeks = window_days / 7.0
        per_week = (current.n_messages / weeks, previous.n_messages / weeks)
        held_dates = [m.date for m in meetings if m.status == "held" and m.date <= now.date()]
        last_met = (
            datetime.combine(max(held_dates), datetime.min.time(), now.tzinfo)
            if held_dates
            else None
        )
        # Two-way contact: both sides have spoken since (a held meeting counts for both).
        last_by: dict[Role, datetime | None] = {}
        for role in ROLES:
            times = [_ts(messages[i]) for i in idx if roles[i] == role]
            cands = [t for t in (max(times) if times else None, last_met) if t is not None]
            last_by[role] = max(cands) if cands else None
        if all(t is not None for t in last_by.values()):
            two_way = min(t for t in last_by.values() if t is not None)
            days_since = max(0.0, (now - two_way).total_seconds() / 86400.0)
            latest = max(t for t in last_by.values() if t is not None)
            if (latest - two_way).total_seconds() > 2 * 86400:
                mentor_last = last_by["mentor"] or two_way
                silent = "mentor" if mentor_last <= (last_by["mentee"] or two_way) else "mentee"
        recent = [
            m
            for m in meetings
            if (now - 2 * timedelta(days=window_days)).date() < m.date <= now.date()
        ]
        missed = sorted(m.date for m in recent if m.status in ("cancelled", "no_show"))
        meeting_stats = MeetingStats(
            held=sum(1 for m in recent if m.status == "held"),
            missed=len(missed),
            first_missed=missed[0] if missed else None,
        )

    return PairMetrics(
        timed=timed,
        current=current,
        previous=previous,
        baseline=baseline,
        share_messages=share_messages,
        share_words=share_words,
        turn_taking=_turn_taking([roles[i] for i in idx]),
        unanswered=unanswered,
        longest_unanswered=longest,
        open_commitments=open_c,
        followed_through=done,
        messages_per_week=per_week,
        days_since_contact=days_since,
        silent_role=silent,
        meetings=meeting_stats,
        window_days=window_days,
    )


def _ts(m: ChatMessage) -> datetime:
    assert m.timestamp is not None
    return m.timestamp
