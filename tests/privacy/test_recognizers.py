"""Table-driven tests for each recognizer mentorlens adds to Presidio."""

from __future__ import annotations

import pytest

from privacy.recognizers import (
    AccountNumberRecognizer,
    CuedSsnRecognizer,
    DateOfBirthRecognizer,
    RosterRecognizer,
    SocialHandleRecognizer,
    StudentIdRecognizer,
    roster_forms,
)


def spans(recognizer, text: str, threshold: float = 0.4) -> list[str]:  # type: ignore[no-untyped-def]
    found = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted(text[r.start : r.end] for r in found if r.score >= threshold)


ROSTER = ["Maria Lopez", "Devendra Patel", "Dev", "Prof. Okafor", "Will Turner"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thx maria!", ["maria"]),
        ("MARIA LOPEZ is here", ["MARIA LOPEZ"]),
        ("talked to dev and devendra", ["dev", "devendra"]),
        ("prof. okafor said hi", ["okafor"]),  # the title is not part of the name
        ("lopez's office", ["lopez"]),
        ("i will send it", []),  # "will" is a common word: only capitalised counts
        ("Will said he'd send it", ["Will"]),
        ("the developer", []),  # no partial-word matches
        ("email maria@x.org", []),  # part of an email, left to the email recognizer
    ],
)
def test_roster_recognizer(text: str, expected: list[str]) -> None:
    assert spans(RosterRecognizer(ROSTER), text) == sorted(expected)


def test_roster_forms_point_to_full_name() -> None:
    forms = {f.surface: f.canonical for f in roster_forms(["Maria Lopez"])}
    assert forms["maria"] == forms["lopez"] == forms["maria lopez"] == "Maria Lopez"


# Street addresses: tests/privacy/test_addresses.py. Phone numbers: test_phones.py.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my insta is jess.liu_ lol", ["jess.liu_"]),
        ("add me on snap zoe.m", ["zoe.m"]),
        ("discord kai#1234", ["kai#1234"]),
        ("cashapp $ToniB", ["$ToniB"]),
        ("my twitter handle is kwame underscore codes", ["kwame underscore codes"]),
        ("followed me on twitter its at dana underscore hires", ["dana underscore hires"]),
        ("saw it on insta today", []),
        ("venmo is $20", []),
        ("threads 4.0 came out", []),
        ("line 2.3 is wrong", []),
    ],
)
def test_handles_without_at_after_a_platform(text: str, expected: list[str]) -> None:
    assert spans(SocialHandleRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ig is @jess.codes", ["@jess.codes"]),
        ("dm @mike_t on discord", ["@mike_t"]),
        ("meet @ 3pm", []),
        ("see you @3pm", []),
        ("jess@gmail.com", []),
    ],
)
def test_social_handle_recognizer(text: str, expected: list[str]) -> None:
    assert spans(SocialHandleRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my id is N00482913", ["N00482913"]),
        ("student id 004829137", ["004829137"]),
        ("employee # 55512345", ["55512345"]),
        ("room 204, 9 people", []),
        ("order 123456789 shipped", []),
        ("emp id 300481992", ["300481992"]),
        ("student ID: N 0048 2913", ["N 0048 2913"]),
        ("matric number U2210345K", ["U2210345K"]),
        ("student loan 2024-25 is due", []),
        ("students 1200000 served", []),
        ("my id is on my desk, order 12345678", []),
    ],
)
def test_student_id_recognizer(text: str, expected: list[str]) -> None:
    assert spans(StudentIdRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my ssn is 078-05-1120 for the payroll form", ["078-05-1120"]),
        ("ssn xxx-xx-8726", ["xxx-xx-8726"]),
        ("last four of my ssn are 8726", ["8726"]),
        ("taxpayer id 612345678", ["612345678"]),
        ("call the social office at 617-555-0142", []),
    ],
)
def test_ssn_after_its_cue(text: str, expected: list[str]) -> None:
    assert spans(CuedSsnRecognizer(), text) == expected


def test_student_id_patterns_are_configurable() -> None:
    assert spans(StudentIdRecognizer([r"\bNB-\d{6}\b"]), "id NB-123456") == ["NB-123456"]


def test_student_id_bad_pattern_fails_at_start_up() -> None:
    with pytest.raises(Exception, match=r"unterminated|missing"):
        StudentIdRecognizer([r"(\d+"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dob 03/14/2005", ["03/14/2005"]),
        ("born on march 14 2005", ["march 14 2005"]),
        ("my birthday is 3/14/05", ["3/14/05"]),
        ("date of birth: 2005-03-14", ["2005-03-14"]),
        ("let's meet on 03/14/2026", []),
        ("D.O.B. 14-Mar-2005", ["14-Mar-2005"]),
        ("date of birth 20050314", ["20050314"]),
        ("my birthday's may 5th", ["may 5th"]),
        ("i turn 20 on june 2", ["june 2"]),
        ("fecha de nacimiento: 14/03/2005", ["14/03/2005"]),
        ("the birthday party is at 5", []),
    ],
)
def test_date_of_birth_recognizer(text: str, expected: list[str]) -> None:
    assert spans(DateOfBirthRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("account number 000123456789", ["000123456789"]),
        ("routing # 011000015", ["011000015"]),
        ("the account was fine", []),
    ],
)
def test_account_number_recognizer(text: str, expected: list[str]) -> None:
    assert spans(AccountNumberRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i already put 04/30/2004 oops", ["04/30/2004"]),  # a student's birth year, no cue
        ("its 7/22/04", ["7/22/04"]),
        ("the deadline is 04/30/2026", []),  # this year's dates are not birth dates
    ],
)
def test_birth_year_dates_count_without_a_cue(text: str, expected: list[str]) -> None:
    assert spans(DateOfBirthRecognizer(), text) == expected
