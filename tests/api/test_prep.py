"""``POST /pairs/{id}/prep`` for every role: own pair, a sibling pair, another program's pair."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import OTHER, PROGRAM, Keys, auth

OWN_PAIR = "maya-jordan"  # mentor maya-chen, mentee jordan-reyes
SIBLING_PAIR = "rachel-brianna"  # same program, other people
OTHER_PAIR = "ana-ben"  # the other program
PLACEHOLDER = re.compile(r"<[A-Z_]+_\d+>")


def _prep(client: TestClient, key: str, pair: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(f"/pairs/{pair}/prep", json=body or {}, headers=auth(key))


@pytest.fixture(scope="module")
def mentor_prep(client: TestClient, keys: Keys) -> dict[str, Any]:
    r = _prep(client, keys.mentor, OWN_PAIR)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_mentor_gets_grounded_points_with_names(mentor_prep: dict[str, Any]) -> None:
    assert mentor_prep["pair_id"] == OWN_PAIR and mentor_prep["program_id"] == PROGRAM
    assert 3 <= len(mentor_prep["points"]) <= 7
    for point in mentor_prep["points"]:
        assert point["text"] and point["why"] and point["evidence"]
    assert mentor_prep["since_last_time"]
    assert mentor_prep["engagement_band"] in ("healthy", "watch", "at_risk")
    assert mentor_prep["backend"] == "extractive"
    assert mentor_prep["names_restored"] is True
    assert mentor_prep["viewer_role"] == "mentor"
    shown = " ".join(p["text"] + p["why"] for p in mentor_prep["points"])
    assert not PLACEHOLDER.search(shown + mentor_prep["since_last_time"])


def test_agenda_and_next_meeting_are_used(client: TestClient, keys: Keys) -> None:
    body = {"next_meeting": "2026-12-03", "agenda": "talk about the summer internship search"}
    r = _prep(client, keys.mentor, OWN_PAIR, body)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["next_meeting"] == "2026-12-03"
    agenda = [p for p in out["points"] if p["kind"] == "agenda"]
    assert agenda and "a:agenda" in agenda[0]["evidence"]
    assert "internship" in agenda[0]["text"]


def test_admin_preps_any_pair_of_the_program_and_names_another(
    client: TestClient, keys: Keys
) -> None:
    for pair in (OWN_PAIR, SIBLING_PAIR):
        r = _prep(client, keys.admin, pair)
        assert r.status_code == 200, r.text
        assert r.json()["names_restored"] is True
    r = client.post(f"/pairs/{OTHER_PAIR}/prep?program={OTHER}", json={}, headers=auth(keys.admin))
    assert r.status_code == 200, r.text
    assert r.json()["program_id"] == OTHER


# Statuses for: northbridge's maya-jordan, northbridge's rachel-brianna, eastgate's ana-ben
# (each asked without ?program=, so in the key's own program), and maya-jordan named with
# ?program= of the program that is not the key's (None: an admin may do that, tested above).
SCOPES = [
    ("admin", 200, 200, 404, None),
    ("mentor", 200, 404, 404, 404),
    ("staff", 403, 403, 403, 403),
    ("mentee", 403, 403, 403, 403),
    ("other_mentor", 404, 404, 200, 404),
    ("other_staff", 403, 403, 403, 403),
    ("other_admin", 404, 404, 200, None),
]


@pytest.mark.parametrize(("role", "own", "sibling", "other", "cross"), SCOPES)
def test_prep_scope_per_role(
    client: TestClient,
    keys: Keys,
    role: str,
    own: int,
    sibling: int,
    other: int,
    cross: int | None,
) -> None:
    key = getattr(keys, role)
    assert _prep(client, key, OWN_PAIR).status_code == own
    assert _prep(client, key, SIBLING_PAIR).status_code == sibling
    assert _prep(client, key, OTHER_PAIR).status_code == other
    if cross is not None:
        program = OTHER if not role.startswith("other_") else PROGRAM
        r = client.post(f"/pairs/{OWN_PAIR}/prep?program={program}", json={}, headers=auth(key))
        assert r.status_code == cross


def test_staff_is_refused_with_a_reason(client: TestClient, keys: Keys) -> None:
    r = _prep(client, keys.staff, OWN_PAIR)
    assert r.status_code == 403
    assert r.json()["error"] == "forbidden"
    assert "staff" in r.json()["detail"]


def test_unknown_fields_and_bad_dates_are_422(client: TestClient, keys: Keys) -> None:
    assert _prep(client, keys.mentor, OWN_PAIR, {"max_points": 3}).status_code == 422
    r = _prep(client, keys.mentor, OWN_PAIR, {"next_meeting": "soon"})
    assert r.status_code == 422
    assert "next_meeting" in r.json()["detail"]
