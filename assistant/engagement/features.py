"""Per-message features, computed once per message and stored as JSON by the importer.

Each message gets: length, question, VADER sentiment, uptake of the other side's previous
turn, commitment spans, follow-through links, cancellation and brush-off cues, reply
latency, and the message-level engagement estimate from the fitted head."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Literal, cast

import numpy as np
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from . import cues
from .head import hand_features, load_heads
from .text import word_count
from .types import ChatMessage, EmbedFn, Role
from .uptake import combine_uptake, lexical_uptake

BrushOffKind = Literal["phrase", "one_word"]

# A reply turn may be several consecutive messages; uptake looks at up to this many
# messages of the other side's last turn (older ones are usually a different topic).
_MAX_TURN_MESSAGES = 3


@dataclass(frozen=True)
class MessageFeatures:
    """Features of one message. JSON round-trip via to_dict()/from_dict()."""

    message_id: str
    sender: str
    role: Role | None
    word_count: int
    is_question: bool
    sentiment: float  # VADER compound, -1..1
    uptake: float | None  # None when there is no earlier message from the other side
    uptake_lexical: float | None
    uptake_semantic: float | None  # cosine; None without an embed function
    commitment_spans: tuple[tuple[int, int], ...] = ()  # [start, end) offsets in the text
    follows_up: str | None = None  # id of the earlier commitment this message reports done
    followed_up_by: str | None = None  # id of the later message reporting it done
    cancellation: bool = False
    brush_off: BrushOffKind | None = None
    latency_s: float | None = None  # seconds since the other side's last message
    engagement: float = 0.0  # head estimate, 0-1
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def commitment(self) -> bool:
        """True when the message contains at least one commitment."""
        return bool(self.commitment_spans)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible dict."""
        return {
            "message_id": self.message_id,
            "sender": self.sender,
            "role": self.role,
            "word_count": self.word_count,
            "is_question": self.is_question,
            "sentiment": self.sentiment,
            "uptake": self.uptake,
            "uptake_lexical": self.uptake_lexical,
            "uptake_semantic": self.uptake_semantic,
            "commitment_spans": [list(s) for s in self.commitment_spans],
            "follows_up": self.follows_up,
            "followed_up_by": self.followed_up_by,
            "cancellation": self.cancellation,
            "brush_off": self.brush_off,
            "latency_s": self.latency_s,
            "engagement": self.engagement,
            "extra": dict(self.extra),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MessageFeatures:
        """Inverse of to_dict()."""

        def opt_float(key: str) -> float | None:
            v = d.get(key)
            return None if v is None else float(v)

        role = d.get("role")
        brush = d.get("brush_off")
        return cls(
            message_id=str(d["message_id"]),
            sender=str(d["sender"]),
            role=cast(Role, role) if role in ("mentor", "mentee") else None,
            word_count=int(d["word_count"]),
            is_question=bool(d["is_question"]),
            sentiment=float(d["sentiment"]),
            uptake=opt_float("uptake"),
            uptake_lexical=opt_float("uptake_lexical"),
            uptake_semantic=opt_float("uptake_semantic"),
            commitment_spans=tuple((int(s[0]), int(s[1])) for s in d.get("commitment_spans", [])),
            follows_up=d.get("follows_up"),
            followed_up_by=d.get("followed_up_by"),
            cancellation=bool(d.get("cancellation", False)),
            brush_off=cast(BrushOffKind, brush) if brush in ("phrase", "one_word") else None,
            latency_s=opt_float("latency_s"),
            engagement=float(d.get("engagement", 0.0)),
            extra={str(k): float(v) for k, v in d.get("extra", {}).items()},
        )


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def sentiment(text: str) -> float:
    """VADER compound score in [-1, 1]."""
    return float(_vader().polarity_scores(text)["compound"])


def is_question(text: str) -> bool:
    """Question mark, or an interrogative opening (chat often drops the '?')."""
    if "?" in text:
        return True
    return bool(cues.QUESTION_START_RE.search(cues.normalise(text).strip()))


def commitment_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Offsets of first-person future commitments ("I'll send it by Friday")."""
    norm = cues.normalise(text)
    spans: list[tuple[int, int]] = []
    for rx in (cues.COMMITMENT_RE, cues.ACCEPT_RE):
        for m in rx.finditer(norm):
            # "if I'm going to apply..." is a condition, not a promise.
            before = norm[max(0, m.start() - 8) : m.start()]
            if "if " in before or "unless" in before:
                continue
            end = m.end()
            while end > m.start() and norm[end - 1].isspace():
                end -= 1
            if not any(s <= m.start() < e for s, e in spans):
                spans.append((m.start(), end))
    return tuple(sorted(spans))


def is_cancellation(text: str) -> bool:
    """Cancellation or rescheduling cue ("can't make it", "need to reschedule")."""
    return bool(cues.CANCELLATION_RE.search(cues.normalise(text)))


def brush_off_kind(
    text: str, *, n_words: int, is_reply: bool, question: bool
) -> BrushOffKind | None:
    """Brush-off phrase ("sorry busy this week", "maybe later") or a bare one-word reply."""
    if cues.BRUSH_OFF_RE.search(cues.normalise(text)):
        return "phrase"
    # One-word answers only count as brush-offs when they answer the other side.
    if is_reply and n_words <= 1 and not question:
        return "one_word"
    return None


def reports_done(text: str) -> bool:
    """Completion cue ("sent it", "applied", "done")."""
    return bool(cues.FOLLOW_THROUGH_RE.search(cues.normalise(text)))


def _sides(messages: Sequence[ChatMessage]) -> list[str]:
    """A side key per message: its role, else a role known for its sender, else the sender.

    Keeps "the other side" meaningful even when roles are missing on some messages."""
    known: dict[str, str] = {}
    for m in messages:
        if m.role is not None:
            known.setdefault(m.sender, m.role)
    return [m.role or known.get(m.sender) or f"sender:{m.sender}" for m in messages]


def compute_message_features(
    messages: Sequence[ChatMessage], embed: EmbedFn | None
) -> list[MessageFeatures]:
    """Features for every message, in order. `embed` may be None (lexical-only uptake)."""
    if not messages:
        return []
    heads = load_heads()
    sides = _sides(messages)
    vectors: np.ndarray[Any, np.dtype[np.float64]] | None = None
    if embed is not None:
        vectors = np.asarray(embed([m.text for m in messages]), dtype=np.float64)
        if vectors.shape[0] != len(messages):
            raise ValueError("embed function returned the wrong number of vectors")

    out: list[MessageFeatures] = []
    hand_rows = []
    open_commitments: dict[str, list[int]] = {}  # sender -> indexes of unfulfilled commitments
    for i, msg in enumerate(messages):
        n_words = word_count(msg.text)
        question = is_question(msg.text)
        # Other side's last turn: consecutive messages from one other side before i.
        j = i - 1
        while j >= 0 and sides[j] == sides[i]:
            j -= 1
        turn: list[int] = []
        k = j
        while k >= 0 and sides[k] == sides[j] and len(turn) < _MAX_TURN_MESSAGES:
            turn.insert(0, k)
            k -= 1
        upt: float | None = None
        lex: float | None = None
        cos: float | None = None
        if turn:
            prev_text = " ".join(messages[t].text for t in turn)
            lex = lexical_uptake(prev_text, msg.text)
            if vectors is not None:
                centroid = vectors[turn].mean(axis=0)
                norm = float(np.linalg.norm(centroid))
                cos = float(vectors[i] @ centroid / norm) if norm > 0 else 0.0
            upt = combine_uptake(lex, cos, heads.uptake_alpha)
        is_reply = i > 0 and sides[i - 1] != sides[i]
        latency: float | None = None
        if is_reply and msg.timestamp is not None:
            prev_ts = messages[i - 1].timestamp
            if prev_ts is not None:
                latency = max(0.0, (msg.timestamp - prev_ts).total_seconds())
        spans = commitment_spans(msg.text)
        brush = brush_off_kind(msg.text, n_words=n_words, is_reply=is_reply, question=question)
        senti = sentiment(msg.text)
        follows: str | None = None
        pending = open_commitments.setdefault(msg.sender, [])
        if reports_done(msg.text) and pending:
            # Link to the most recent open commitment of the same sender.
            c = pending.pop()
            follows = messages[c].id
            out[c] = replace(out[c], followed_up_by=msg.id)
        if spans:
            pending.append(i)
        prev_words = word_count(" ".join(messages[t].text for t in turn)) if turn else 0
        hand_rows.append(
            hand_features(
                msg.text,
                word_count=n_words,
                is_question=question,
                sentiment=senti,
                uptake=upt or 0.0,
                brush_off=brush is not None,
                commitment=bool(spans),
                prev_word_count=prev_words,
            )
        )
        out.append(
            MessageFeatures(
                message_id=msg.id,
                sender=msg.sender,
                role=msg.role,
                word_count=n_words,
                is_question=question,
                sentiment=senti,
                uptake=upt,
                uptake_lexical=lex,
                uptake_semantic=cos,
                commitment_spans=spans,
                follows_up=follows,
                cancellation=is_cancellation(msg.text),
                brush_off=brush,
                latency_s=latency,
            )
        )
    head = heads.embedding if (vectors is not None and heads.embedding is not None) else None
    hand = np.vstack(hand_rows)
    scores = head.predict(hand, vectors) if head is not None else heads.lexical.predict(hand, None)
    return [replace(f, engagement=round(float(s), 4)) for f, s in zip(out, scores, strict=True)]
