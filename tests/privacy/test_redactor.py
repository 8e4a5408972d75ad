"""Redactor behaviour: consistent pseudonyms, offsets, policy, batch parity and bad input."""

from __future__ import annotations

import pytest

from privacy.entities import RedactionPolicy
from privacy.pseudonyms import PseudonymMap
from privacy.redactor import RedactionError, Redactor

ROSTER = ["Maria Lopez", "Devendra Patel", "Dev"]


def test_same_person_gets_the_same_placeholder_across_messages(redactor: Redactor) -> None:
    mapping = PseudonymMap()
    first = redactor.redact("thx maria! see u thurs", ROSTER, mapping)
    second = redactor.redact("Maria Lopez sent the form", ROSTER, mapping)
    assert first.redacted == "thx <PERSON_1>! see u thurs"
    assert second.redacted == "<PERSON_1> sent the form"
    assert mapping.restore(second.redacted) == "Maria Lopez sent the form"


def test_offsets_index_the_input_text(redactor: Redactor) -> None:
    text = "call me at (617) 555-0142 or email dev.patel@gmail.com"
    result = redactor.redact(text, ROSTER)
    found = {text[e.start : e.end] for e in result.entities}
    assert found == {"(617) 555-0142", "dev.patel@gmail.com"}


def test_cities_organisations_and_schools_are_kept_by_default(redactor: Redactor) -> None:
    text = "the Google internship in Boston, then grad school at MIT"
    assert redactor.redact(text).redacted == text


def test_policy_can_keep_an_entity_type(analyzer) -> None:  # type: ignore[no-untyped-def]
    keep_phones = Redactor(analyzer, RedactionPolicy(redact=frozenset({"PERSON"})))
    result = keep_phones.redact("maria: 617-555-0142", ROSTER)
    assert result.redacted == "<PERSON_1>: 617-555-0142"


def test_unknown_policy_entity_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"unknown entity types.*SHOE_SIZE"):
        RedactionPolicy.from_names(["PERSON", "SHOE_SIZE"])


def test_batch_matches_one_at_a_time(redactor: Redactor) -> None:
    texts = ["thx maria!", "ok", "ok", "my cell is 617 555 0199", "", "dev will send it"]
    batch = redactor.redact_batch(texts, ROSTER)
    single = [redactor.redact(t, ROSTER) for t in texts]
    assert [b.redacted for b in batch] == [s.redacted for s in single]


def test_placeholders_are_not_redacted_again(redactor: Redactor) -> None:
    already = "<PERSON_1> said <PERSON_2> will call <PHONE_NUMBER_1>"
    assert redactor.redact(already).redacted == already


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\x00\x01\x02 control \x7f chars thx maria", "emoji only 😩🙃", "a" * 5000],
)
def test_odd_input_is_handled(redactor: Redactor, text: str) -> None:
    result = redactor.redact(text, ROSTER)
    assert "maria" not in result.redacted


def test_oversized_text_is_a_clear_error_without_the_text(redactor: Redactor) -> None:
    secret = "maria.lopez@gmail.com "
    with pytest.raises(RedactionError) as excinfo:
        redactor.redact(secret * 50_000, ROSTER)
    assert "limit" in str(excinfo.value)
    assert "maria" not in str(excinfo.value)


def test_non_string_is_a_clear_error(redactor: Redactor) -> None:
    with pytest.raises(RedactionError, match="must be a string"):
        redactor.redact(123)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Call Jane Doe at 555-0100",
            "Call <PERSON_1> at <PHONE_NUMBER_1>",
        ),  # bug: "Call" was eaten
        ("Hey Jordan, how was it?", "Hey <PERSON_1>, how was it?"),
        (
            "Will, how did the budget presentation go?",
            "<PERSON_1>, how did the budget presentation go?",
        ),
    ],
)
def test_person_spans_stop_at_common_words(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text, ["Will Donovan"]).redacted == expected
