"""Table tests for the grounding validator: what passes and what is dropped."""

from __future__ import annotations

import pytest

from assistant.grounding import Evidence, check_answer, check_claim, dates_in, names_in

EVIDENCE = {
    "m:12": Evidence("m:12", "Oct 3 (2026-10-03) <PERSON_1>: I'll apply to 2 internships at Acme"),
    "r:abc": Evidence(
        "r:abc", "Crisis resources\nCall or text 988, or the CAPS line 413-555-0150."
    ),
}


@pytest.mark.parametrize(
    ("text", "cited", "ok"),
    [
        ("Ask <PERSON_1> about the 2 internships at Acme.", ["m:12"], True),
        ("<PERSON_1> said on October 3rd they would apply.", ["m:12"], True),
        ("Share the 988 line.", ["r:abc"], True),
        ("Ask about the internships.", [], False),  # uncited
        ("Ask about the 5 internships.", ["m:12"], False),  # fabricated number
        ("Ask about the internships from Oct 9.", ["m:12"], False),  # fabricated date
        ("Ask whether Brightwater replied.", ["m:12"], False),  # name not in evidence
        ("Ask <PERSON_2> about it.", ["m:12"], False),  # placeholder not in evidence
        ("Ask about the internships.", ["m:99"], False),  # evidence that doesn't exist
        ("Share the 988 line.", ["m:12"], False),  # number only in evidence not cited
    ],
)
def test_check_claim(text: str, cited: list[str], ok: bool) -> None:
    assert check_claim(text, cited, EVIDENCE).ok is ok


def test_answer_sentences_failing_are_dropped_and_valid_kept() -> None:
    draft = (
        "Call or text 988 any time. [r:abc] Interns earn $5000 a month. [r:abc] "
        "Most students find internships easy."
    )
    kept, failed = check_answer(draft, EVIDENCE)
    assert kept == [("Call or text 988 any time.", ["r:abc"])]
    assert len(failed) == 2


def test_dates_agree_across_formats() -> None:
    assert dates_in("Oct 3, October 3rd, 2026-10-03 and 10/3") == {(10, 3)}


def test_sentence_openers_are_not_names() -> None:
    assert names_in("Ask how the exam went.") == set()
    assert "Brightwater" in names_in("Ask about Brightwater.")
