"""Cue detection: commitments, follow-through, cancellations, brush-offs, questions."""

from __future__ import annotations

import pytest

from assistant.engagement.features import (
    brush_off_kind,
    commitment_spans,
    is_cancellation,
    is_question,
    reports_done,
)
from assistant.engagement.text import word_count


@pytest.mark.parametrize(
    ("text", "expected_span"),
    [
        ("i'll send it by friday", "i'll send it by friday"),
        ("I will email her tomorrow.", "I will email her tomorrow"),
        ("going to apply this week", "going to apply this week"),
        (
            "Sounds good, I will try to finish the draft tonight!",
            "I will try to finish the draft tonight",
        ),
        ("I’ll call <PERSON_1> on Monday", "I’ll call <PERSON_1> on Monday"),
        ("will do", "will do"),
        ("I'm going to the library", None),
        ("let me know what you think", None),
        ("I won't be able to send it", None),
        ("If I'm going to apply I need a reference", None),
        ("I'll be busy all week", None),
    ],
)
def test_commitment_detection(text: str, expected_span: str | None) -> None:
    spans = commitment_spans(text)
    if expected_span is None:
        assert spans == ()
    else:
        assert [text[a:b] for a, b in spans] == [expected_span]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sent it", True),
        ("Applied!", True),
        ("done", True),
        ("I submitted the application last night", True),
        ("just emailed her", True),
        ("ok thanks", False),
        ("I will send it tomorrow", False),
    ],
)
def test_follow_through_cue(text: str, expected: bool) -> None:
    assert reports_done(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can't make it tomorrow, sorry", True),
        ("I need to reschedule", True),
        ("Can we cancel Thursday?", True),
        ("something came up, can we push it back a week", True),
        ("won't be able to make our call", True),
        ("see you thursday!", False),
        ("I can make it at 3", False),
    ],
)
def test_cancellation_cue(text: str, expected: bool) -> None:
    assert is_cancellation(text) is expected


@pytest.mark.parametrize(
    ("text", "is_reply", "expected"),
    [
        ("sorry busy this week", True, "phrase"),
        ("k", True, "phrase"),
        ("ok", True, "phrase"),
        ("Maybe later", True, "phrase"),
        ("super busy rn", True, "phrase"),
        ("yes", True, "one_word"),
        ("yes", False, None),
        ("why?", True, None),
        ("Thanks so much, that really helps with the essay!", True, None),
        ("I'm busy with midterms but I read your notes and have two questions", True, None),
    ],
)
def test_brush_off(text: str, is_reply: bool, expected: str | None) -> None:
    q = is_question(text)
    got = brush_off_kind(text, n_words=word_count(text), is_reply=is_reply, question=q)
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how did the interview go", True),
        ("Do you have time tomorrow", True),
        ("what about thursday", True),
        ("any news?", True),
        ("Great. Could you look at my essay", True),
        ("what I did was fine", False),
        ("I did it", False),
        ("Thanks, see you then.", False),
    ],
)
def test_question_detection(text: str, expected: bool) -> None:
    assert is_question(text) is expected
