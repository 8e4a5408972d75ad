"""Pair analysis: fading vs healthy, content-only mode, privacy of reasons, JSON helper."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from assistant.engagement import (
    ChatMessage,
    EmbedFn,
    MeetingEvent,
    analyze_pair,
    compute_message_features,
    score_conversation_json,
)
from assistant.engagement.scoring import BASE
from assistant.engagement.text import tokens

Strip = Callable[[list[ChatMessage]], list[ChatMessage]]


# Same instant as conftest.NOW (fixtures can't be used at module level).
NOW = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)


def _report(msgs: list[ChatMessage], embed: EmbedFn | None, **kw: Any) -> Any:
    return analyze_pair(msgs, compute_message_features(msgs, embed), now=NOW, **kw)


def test_now_matches_fixture(now: datetime) -> None:
    assert now == NOW


@pytest.mark.parametrize("use_embed", [True, False])
def test_fading_scores_lower_than_healthy(
    healthy: list[ChatMessage], fading: list[ChatMessage], fake_embed: EmbedFn, use_embed: bool
) -> None:
    embed = fake_embed if use_embed else None
    good, bad = _report(healthy, embed), _report(fading, embed)
    assert good.score > bad.score + 20
    assert good.band == "healthy"
    assert bad.band == "at_risk"
    assert bad.mode == "timed"
    assert any("shrunk" in r and "mentee" in r for r in bad.reasons)
    assert any("no reply" in r for r in bad.reasons)
    assert bad.trend.direction == "down"
    assert bad.weekly and bad.weekly[-1][1] == bad.score
    assert [d for d, _ in bad.weekly] == sorted(d for d, _ in bad.weekly)


@pytest.mark.parametrize("fixture", ["healthy", "fading"])
def test_components_sum_with_base_to_score(
    fixture: str, request: pytest.FixtureRequest, fake_embed: EmbedFn
) -> None:
    r = _report(request.getfixturevalue(fixture), fake_embed)
    assert 0 <= r.score <= 100
    assert r.score == pytest.approx(BASE + sum(r.components.values()), abs=0.1)


def test_meetings_cancelled_give_dated_reason(
    healthy: list[ChatMessage], fake_embed: EmbedFn
) -> None:
    base = _report(healthy, fake_embed)
    meetings = [
        MeetingEvent((NOW.replace(day=5)).date(), "cancelled"),
        MeetingEvent((NOW.replace(day=12)).date(), "no_show"),
    ]
    r = _report(healthy, fake_embed, meetings=meetings)
    assert r.score < base.score
    assert "2 meetings cancelled or missed since Nov 5" in r.reasons


def test_no_timestamps_is_content_only_with_note(
    fading: list[ChatMessage], strip_timestamps: Strip, fake_embed: EmbedFn
) -> None:
    msgs = strip_timestamps(fading)
    r = analyze_pair(msgs, compute_message_features(msgs, fake_embed))
    assert r.mode == "content_only"
    assert any("No timestamps" in n for n in r.notes)
    assert r.weekly == []
    assert not {"recency", "activity", "meetings"} & set(r.components)
    assert r.band == "at_risk"
    assert any("shrunk" in x for x in r.reasons)


def test_single_message_transcript(strip_timestamps: Strip) -> None:
    msgs = strip_timestamps([ChatMessage("1", "A", None, "Hello there", None)])
    r = analyze_pair(msgs, compute_message_features(msgs, None))
    assert r.mode == "content_only" and r.trend.delta is None


@pytest.mark.parametrize("fixture", ["healthy", "fading"])
@pytest.mark.parametrize("timed", [True, False])
def test_reasons_never_quote_message_text(
    fixture: str, timed: bool, request: pytest.FixtureRequest, strip_timestamps: Strip
) -> None:
    msgs: list[ChatMessage] = request.getfixturevalue(fixture)
    if not timed:
        msgs = strip_timestamps(msgs)
    r = _report(msgs, None)
    allowed = set(tokens("mentor mentee mentor's mentee's"))
    for reason in r.reasons:
        # No three consecutive words of any message appear in a reason.
        reason_norm = " ".join(tokens(reason))
        for m in msgs:
            toks = tokens(m.text)
            for i in range(len(toks) - 2):
                tri = toks[i : i + 3]
                if set(tri) <= allowed:
                    continue
                assert " ".join(tri) not in reason_norm, (reason, m.text)
        assert not re.search(r"<[A-Z]+_\d+>", reason)


def test_score_conversation_json_infers_roles_and_notes() -> None:
    obj = {
        "id": "t1",
        "messages": [
            {"sender": "ann", "text": "How did the interview go?"},
            {
                "sender": "bo",
                "text": "Really well, they asked about my project and I'll hear back soon",
            },
        ],
    }
    out = score_conversation_json(obj, None)
    assert set(out) == {"id", "score", "band", "components", "trend", "reasons", "mode", "notes"}
    assert out["mode"] == "content_only"
    assert any("first sender as the mentor" in n for n in out["notes"])
    json.dumps(out)


def test_score_conversation_json_timed() -> None:
    obj = {
        "id": 7,
        "messages": [
            {"sender": "a", "role": "mentor", "text": "Hi!", "timestamp": "2024-11-01T10:00:00Z"},
            {
                "sender": "b",
                "role": "mentee",
                "text": "hey",
                "timestamp": "2024-11-01T12:00:00+00:00",
            },
        ],
    }
    out = score_conversation_json(obj, None, now=NOW)
    assert out["mode"] == "timed" and out["id"] == "7"
    assert not any("first sender" in n for n in out["notes"])


def _good() -> dict[str, Any]:
    return {"id": "x", "messages": [{"sender": "a", "text": "hi"}, {"sender": "b", "text": "yo"}]}


def _with(path: str, value: Any) -> dict[str, Any]:
    obj = _good()
    if path == "messages":
        obj["messages"] = value
    elif path == "id":
        del obj["id"]
    else:
        idx, key = path.split(".")
        if value is KeyError:
            del obj["messages"][int(idx)][key]
        else:
            obj["messages"][int(idx)][key] = value
    return obj


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        (_with("1.text", KeyError), "messages[1].text: missing"),
        (_with("0.sender", KeyError), "messages[0].sender: missing"),
        (_with("1.text", 42), "messages[1].text"),
        (_with("0.role", "boss"), "messages[0].role"),
        (_with("1.timestamp", "yesterday"), "messages[1].timestamp"),
        (_with("1.timestamp", "2024-11-01T10:00:00"), "messages[1].timestamp"),
        (_with("messages", "nope"), "messages: expected a list"),
        (_with("id", None), "id: missing"),
        ({"id": "x", "messages": [{"sender": "a", "text": "hi"}, "oops"]}, "messages[1]"),
        ({"id": "x"}, "messages: missing"),
    ],
)
def test_malformed_json_names_field(obj: dict[str, Any], field: str) -> None:
    with pytest.raises(ValueError, match=re.escape(field)):
        score_conversation_json(obj, None)


def test_mismatched_features_rejected(healthy: list[ChatMessage]) -> None:
    with pytest.raises(ValueError, match="feature rows"):
        analyze_pair(healthy, compute_message_features(healthy[:3], None), now=NOW)


def test_report_to_dict_is_json(fading: list[ChatMessage]) -> None:
    d = _report(fading, None).to_dict()
    assert json.loads(json.dumps(d))["band"] == "at_risk"
