"""Table-driven tests for phone numbers typed, spaced and spoken in chat."""

from __future__ import annotations

import pytest

from privacy.phones import ChatPhoneRecognizer, SpokenDigitsRecognizer


def found(recognizer, text: str, threshold: float = 0.4) -> list[str]:  # type: ignore[no-untyped-def]
    results = recognizer.analyze(text, recognizer.supported_entities)
    return sorted(text[r.start : r.end] for r in results if r.score >= threshold)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me at 617 555 0142", ["617 555 0142"]),
        ("(617) 555-0142", ["(617) 555-0142"]),
        ("(617)555-0174 and", ["(617)555-0174"]),
        ("617.555.0142", ["617.555.0142"]),
        ("+1 617 555 0142", ["+1 617 555 0142"]),
        ("text 6175550142 pls", ["6175550142"]),
        ("uk: +44 20 7946 0958", ["+44 20 7946 0958"]),
        ("office 617-555-0100 ext. 12", ["617-555-0100 ext. 12"]),
        ("ring 07700 900 456 after 6", ["07700 900 456"]),
        ("from abroad dial +49 (0)30 1234567", ["+49 (0)30 1234567"]),
        ("festnetz is 030/1234567", ["030/1234567"]),
        ("switchboard: 0044 20 7946 0018.", ["0044 20 7946 0018"]),
        ("my cell is 555-0187", ["555-0187"]),  # seven digits: only with a cue
        # Look-alikes.
        ("order 2026 costs $45", []),
        ("CS 101 at 3:30", []),
        ("the total was 555-0187", []),
        ("Meeting ID: 845 2291 0034", []),
        ("ticket number is 4471-2093-88", []),
        ("Case number is 2024-118302", []),
        ("due 2026-03-15", []),
        ("dob 03/14/2005", []),
        ("card 4111 1111 1111 1111", []),  # the card recognizer's
        ("submitted 08/21/2024 14:02", []),  # a timestamp
        # "in case" is no case number; a CSV field is a number.
        ("my dads cell in case u get lost 216-555-0181, hes there", ["216-555-0181"]),
        ("Tina,she/her,N00640391,832-555-0127,tina@x.example", ["832-555-0127"]),
        ("total 1,234,567,890 people", []),
        # A not-a-phone word on the line above says nothing ("church lot").
        ("meet in the church lot on 89th\nRSVP: Tonya 773-555-0185", ["773-555-0185"]),
    ],
)
def test_chat_phone_numbers(text: str, expected: list[str]) -> None:
    assert found(ChatPhoneRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "entity"),
    [
        (
            "call six one seven five five five zero one four two ok",
            "six one seven five five five zero one four two",
            "PHONE_NUMBER",
        ),
        ("text 6 1 7 5 5 5 0 1 9 9 anytime", "6 1 7 5 5 5 0 1 9 9", "PHONE_NUMBER"),
        (
            "call me back at two one two, five five five, zero one four four, extension three one.",
            "two one two, five five five, zero one four four, extension three one",
            "PHONE_NUMBER",
        ),
        ("at 617 five five five 0 1 4 7 she", "617 five five five 0 1 4 7", "PHONE_NUMBER"),
        ("student number is N 0 0 2 9 4 7 1 6", "N 0 0 2 9 4 7 1 6", "STUDENT_ID"),
        (
            "my banner number is zero zero one seven seven four two eight three",
            "zero zero one seven seven four two eight three",
            "STUDENT_ID",
        ),
    ],
)
def test_spoken_digits(text: str, expected: str, entity: str) -> None:
    results = SpokenDigitsRecognizer().analyze(text, ["PHONE_NUMBER", "STUDENT_ID"])
    assert [(text[r.start : r.end], r.entity_type) for r in results] == [(expected, entity)]


@pytest.mark.parametrize(
    "text",
    ["one two three, go!", "wire 3704 0044 0532 0130 00 today", "oh one one oh"],
)
def test_spoken_digits_leave_other_numbers_alone(text: str) -> None:
    assert SpokenDigitsRecognizer().analyze(text, ["PHONE_NUMBER"]) == []
