"""Per-message features: round-trip, uptake, follow-through links, latency."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from assistant.engagement.features import MessageFeatures, compute_message_features
from assistant.engagement.types import ChatMessage, EmbedFn


def _conv() -> list[ChatMessage]:
    t = datetime(2024, 10, 1, 9, tzinfo=UTC)
    return [
        ChatMessage("1", "A", "mentor", "Did you finish the scholarship essay draft?", t),
        ChatMessage(
            "2",
            "B",
            "mentee",
            "Not yet, I'll send the scholarship essay draft by Friday",
            t + timedelta(hours=3),
        ),
        ChatMessage("3", "A", "mentor", "Great, thanks!", t + timedelta(hours=4)),
        ChatMessage("4", "B", "mentee", "Sent it just now", t + timedelta(days=3)),
    ]


@pytest.mark.parametrize("use_embed", [True, False])
def test_features_round_trip_through_json(fake_embed: EmbedFn, use_embed: bool) -> None:
    feats = compute_message_features(_conv(), fake_embed if use_embed else None)
    restored = [MessageFeatures.from_dict(json.loads(json.dumps(f.to_dict()))) for f in feats]
    assert restored == feats


def test_uptake_latency_and_follow_through(fake_embed: EmbedFn) -> None:
    f = compute_message_features(_conv(), fake_embed)
    assert f[0].uptake is None and f[0].latency_s is None
    # The mentee's reply re-uses "scholarship essay draft": clear uptake.
    assert f[1].uptake is not None and f[1].uptake > 0.3
    assert f[1].uptake_semantic is not None
    assert f[1].latency_s == pytest.approx(3 * 3600)
    assert f[1].commitment and f[1].followed_up_by == "4"
    assert f[3].follows_up == "2"
    assert all(0.0 <= x.engagement <= 1.0 for x in f)


def test_lexical_only_without_embed() -> None:
    f = compute_message_features(_conv(), None)
    assert f[1].uptake_semantic is None
    assert f[1].uptake == f[1].uptake_lexical


def test_unrelated_reply_has_lower_uptake(fake_embed: EmbedFn) -> None:
    base = _conv()[:1]
    on_topic = [*base, ChatMessage("2", "B", "mentee", "The essay draft is half done", None)]
    off_topic = [*base, ChatMessage("2", "B", "mentee", "lol whatever", None)]
    on = compute_message_features(on_topic, fake_embed)[1].uptake
    off = compute_message_features(off_topic, fake_embed)[1].uptake
    assert on is not None and off is not None and on > off


def test_empty_input() -> None:
    assert compute_message_features([], None) == []
