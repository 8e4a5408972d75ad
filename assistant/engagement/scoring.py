"""Turns pair metrics into a 0-100 score: a base plus per-component points, each with the
reasons that moved it. Thresholds are hand-set for mentoring chat (see comments); the
message-level engagement estimate inside comes from the fitted head."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .pair_metrics import ROLES, PairMetrics
from .reasons import Reason, days, duration, plural, short_date
from .types import Role

BASE = 70.0
HEALTHY_AT = 65.0
WATCH_AT = 45.0

# A fading mentee is the main thing staff look for; a fading mentor matters slightly less.
_SIDE_WEIGHT: dict[Role, float] = {"mentee": 1.0, "mentor": 0.8}


@dataclass(frozen=True)
class Scored:
    """Score, its components (points, summing with BASE to the score) and reasons."""

    score: float
    components: dict[str, float]
    reasons: list[Reason]


def band(score: float) -> str:
    """'healthy', 'watch' or 'at_risk'."""
    if score >= HEALTHY_AT:
        return "healthy"
    return "watch" if score >= WATCH_AT else "at_risk"


def _clip(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


Component = Callable[[PairMetrics], tuple[float, list[Reason]]]


def recency(m: PairMetrics) -> tuple[float, list[Reason]]:
    """No contact for more than 4 days starts to cost; 21+ days costs the full 25."""
    d = m.days_since_contact
    if d is None:
        return -25.0, [Reason(-25.0, "no contact on record")]
    if d <= 4:
        return 0.0, []
    pts = -_clip((d - 4) * 25 / 17, 0, 25)
    if m.silent_role is not None:
        return pts, [Reason(pts, f"no reply from {m.silent_role} for {days(d)}")]
    return pts, [Reason(pts, f"no contact for {days(d)}")]


def activity(m: PairMetrics) -> tuple[float, list[Reason]]:
    """Falling message volume versus the previous window."""
    assert m.messages_per_week is not None
    cur, prev = m.messages_per_week
    if prev >= 2 and cur < 0.8 * prev:
        pts = -12 * (1 - cur / prev)
        return pts, [Reason(pts, f"messages per week fell from {prev:.0f} to {cur:.0f}")]
    if cur >= 3:
        return 3.0, [Reason(3.0, f"steady contact ({cur:.0f} messages per week)")]
    return 0.0, []


def responsiveness(m: PairMetrics) -> tuple[float, list[Reason]]:
    """Trailing unanswered messages, and slow replies."""
    pts = 0.0
    reasons: list[Reason] = []
    u = m.unanswered
    # Only messages left waiting count: in timed mode the run must be over 2 days old.
    waiting = u is not None and u.count >= 2
    if waiting and u is not None and m.timed and u.since is not None and m.current.end is not None:
        waiting = (m.current.end - u.since).total_seconds() > 2 * 86400
    if waiting and u is not None:
        p = -_clip(5.0 * (u.count - 1), 0, 15)
        pts += p
        reasons.append(Reason(p, f"{u.role}'s last {u.count} messages got no reply"))
    for role in ROLES:
        lat = m.current.sides[role].median_latency_s
        if lat is not None and lat > 2 * 86400:
            p = -_clip((lat / 86400 - 2) * 2, 0, 8) * _SIDE_WEIGHT[role]
            pts += p
            reasons.append(Reason(p, f"{role} takes a median of {duration(lat)} to reply"))
    return pts, reasons


def meetings(m: PairMetrics) -> tuple[float, list[Reason]]:
    """Held meetings help; cancelled or missed ones cost."""
    ms = m.meetings
    if ms is None:
        return 0.0, []
    reasons: list[Reason] = []
    pts = 0.0
    if ms.missed:
        p = -_clip(6.0 * ms.missed, 0, 18)
        pts += p
        since = f" since {short_date(ms.first_missed)}" if ms.first_missed else ""
        reasons.append(Reason(p, f"{plural(ms.missed, 'meeting')} cancelled or missed{since}"))
    if ms.held:
        p = _clip(3.0 * ms.held, 0, 6)
        pts += p
        reasons.append(Reason(p, f"{plural(ms.held, 'meeting')} held recently"))
    return pts, reasons


def cancellations(m: PairMetrics) -> tuple[float, list[Reason]]:
    """Messages asking to cancel or reschedule (only when they recur)."""
    reasons: list[Reason] = []
    pts = 0.0
    for role in ROLES:
        n = m.current.sides[role].cancellations
        if n >= 2:
            p = -_clip(3.0 * n, 0, 9) * _SIDE_WEIGHT[role]
            pts += p
            reasons.append(Reason(p, f"{role} asked to cancel or reschedule {n} times recently"))
    return pts, reasons


def balance(m: PairMetrics) -> tuple[float, list[Reason]]:
    """One side carrying the conversation: word share and turn-taking."""
    reasons: list[Reason] = []
    pts = 0.0
    for role in ROLES:
        share = m.share_words[role]
        if m.current.n_messages + m.previous.n_messages >= 6 and share < 0.2:
            p = -10 * (0.2 - share) / 0.2
            pts += p
            reasons.append(Reason(p, f"{role} writes only {share:.0%} of the words"))
    tt = m.turn_taking
    if tt is not None and tt < 0.3 and m.current.n_messages >= 6:
        p = -5 * (0.3 - tt) / 0.3
        pts += p
        reasons.append(Reason(p, "little back-and-forth: mostly one side writing at a time"))
    return pts, reasons


def _span_text(m: PairMetrics) -> str:
    if m.timed and m.baseline.start is not None and m.current.end is not None:
        weeks = round((m.current.end - m.baseline.start).days / 7)
        return f" over {plural(weeks, 'week')}"
    return " between the first and second half of the conversation"


def reply_length(m: PairMetrics) -> tuple[float, list[Reason]]:
    """Replies shrinking versus the pair's own earlier norm, or consistently tiny."""
    worst: tuple[float, list[Reason]] = (0.0, [])
    for role in ROLES:
        prev = m.baseline.sides[role].median_words
        cur = m.current.sides[role].median_words
        if cur is None:
            continue
        p = 0.0
        text = ""
        if prev is not None and prev >= 5 and cur < 0.7 * prev:
            p = -15 * (1 - cur / (0.7 * prev))
            text = f"{role} replies have shrunk from {prev:.0f} to {cur:.0f} words{_span_text(m)}"
        elif cur < 3 and m.current.sides[role].messages >= 3:
            p = -5.0
            text = f"{role} replies are very short (median {cur:.0f} words)"
        p *= _SIDE_WEIGHT[role]
        if p < worst[0]:
            worst = (p, [Reason(p, text)])
    return worst


def brush_offs(m: PairMetrics) -> tuple[float, list[Reason]]:
    """Dismissive or one-word replies ('busy', 'maybe later', 'k')."""
    reasons: list[Reason] = []
    pts = 0.0
    for role in ROLES:
        s = m.current.sides[role]
        if s.brush_offs >= 2 and s.messages:
            p = -_clip(20 * s.brush_offs / s.messages, 0, 12) * _SIDE_WEIGHT[role]
            pts += p
            reasons.append(
                Reason(
                    p,
                    f"{s.brush_offs} of {role}'s {plural(s.messages, 'recent message')} "
                    "were brush-offs or one-word replies",
                )
            )
    return pts, reasons


def content(m: PairMetrics) -> tuple[float, list[Reason]]:
    """Engagement estimate of the mentee's messages and uptake of each other's turns."""
    reasons: list[Reason] = []
    pts = 0.0
    e = m.current.sides["mentee"].mean_engagement
    if e is not None:
        # The head's output averages ~0.35 on rated chat; +-0.2 around it spans the range.
        p = _clip((e - 0.35) * 30, -6, 6)
        pts += p
        if p <= -2:
            reasons.append(Reason(p, f"mentee messages read as low-engagement ({e:.2f} of 1)"))
        elif p >= 2:
            reasons.append(Reason(p, f"mentee messages read as engaged ({e:.2f} of 1)"))
    u = m.current.mean_uptake
    if u is not None and m.current.n_messages >= 4:
        # Lexical-only uptake runs low in real chat (~0.1), so only near-zero uptake costs.
        p = _clip((u - 0.1) * 30, -3, 3)
        pts += p
        if p <= -2:
            reasons.append(Reason(p, f"replies rarely build on each other (uptake {u:.2f})"))
        elif p >= 2:
            reasons.append(Reason(p, f"replies build on each other (uptake {u:.2f})"))
    return pts, reasons


def tone(m: PairMetrics) -> tuple[float, list[Reason]]:
    """Sentiment falling or negative."""
    cur, prev = m.current.mean_sentiment, m.previous.mean_sentiment
    if cur is None:
        return 0.0, []
    if prev is not None and prev - cur > 0.3:
        p = -_clip((prev - cur - 0.3) * 10 + 3, 0, 6)
        text = f"tone has become more negative (sentiment {prev:+.2f} to {cur:+.2f})"
        return p, [Reason(p, text)]
    if cur < -0.2:
        return -4.0, [Reason(-4.0, f"tone is negative (sentiment {cur:+.2f})")]
    if cur > 0.3:
        return 2.0, [Reason(2.0, "warm, positive tone")]
    return 0.0, []


def questions(m: PairMetrics) -> tuple[float, list[Reason]]:
    """A mentee who asks questions is invested; a window without any is a flag."""
    s = m.current.sides["mentee"]
    if s.questions:
        return 3.0, [Reason(3.0, f"mentee asked {plural(s.questions, 'question')} recently")]
    if m.current.n_messages >= 6 and not (m.current.question_rate or 0.0):
        return -3.0, [Reason(-3.0, "no questions asked by either side recently")]
    return 0.0, []


def commitments(m: PairMetrics) -> tuple[float, list[Reason]]:
    """Commitments followed through versus left open."""
    reasons: list[Reason] = []
    pts = 0.0
    for role in ROLES:
        done, open_ = m.followed_through[role], m.open_commitments[role]
        if done:
            p = _clip(3.0 * done, 0, 6)
            pts += p
            reasons.append(Reason(p, f"{role} followed through on {plural(done, 'commitment')}"))
        # Mentors usually just deliver ("here's the link") rather than report back, so
        # only the mentee's unreported commitments count against the pair.
        if open_ and role == "mentee":
            p = -_clip(2.0 * open_, 0, 6)
            pts += p
            reasons.append(Reason(p, f"{plural(open_, 'commitment')} by {role} not reported done"))
    return pts, reasons


TIMED_ONLY: dict[str, Component] = {
    "recency": recency,
    "activity": activity,
    "meetings": meetings,
}
ALWAYS: dict[str, Component] = {
    "responsiveness": responsiveness,
    "reply_length": reply_length,
    "brush_offs": brush_offs,
    "cancellations": cancellations,
    "balance": balance,
    "content": content,
    "tone": tone,
    "questions": questions,
    "commitments": commitments,
}


def score(m: PairMetrics) -> Scored:
    """Base plus components. If the total leaves 0-100 the components are scaled down
    together, so they still sum exactly (with the base) to the reported score."""
    comps: dict[str, float] = {}
    reasons: list[Reason] = []
    active = {**TIMED_ONLY, **ALWAYS} if m.timed else ALWAYS
    for name, fn in active.items():
        pts, rs = fn(m)
        comps[name] = pts
        reasons.extend(rs)
    total = sum(comps.values())
    if BASE + total > 100 or BASE + total < 0:
        target = (100.0 if total > 0 else 0.0) - BASE
        factor = target / total
        comps = {k: v * factor for k, v in comps.items()}
        reasons = [Reason(r.impact * factor, r.text) for r in reasons]
    comps = {k: round(v, 2) for k, v in comps.items()}
    return Scored(round(BASE + sum(comps.values()), 1), comps, reasons)
