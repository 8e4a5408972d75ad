"""Every role against every scoped route, in and out of its program and pair: 403/404 outside."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.container import Container
from tests.api.conftest import OTHER, PROGRAM, Keys, auth

OWN_PAIR = "maya-jordan"  # mentor maya-chen, mentee jordan-reyes
SIBLING_PAIR = "rachel-brianna"  # same program, other people
OTHER_PAIR = "ana-ben"  # the other program


def _get(client: TestClient, key: str, path: str) -> int:
    return client.get(path, headers=auth(key)).status_code


def _post(client: TestClient, key: str, path: str) -> int:
    return client.post(path, json={}, headers=auth(key)).status_code


# (role attribute, route, own-pair status, sibling-pair status)
PAIR_ROUTES = [
    ("admin", "/pairs/{}/engagement", 200, 200),
    ("staff", "/pairs/{}/engagement", 200, 200),
    ("mentor", "/pairs/{}/engagement", 200, 404),
    ("mentee", "/pairs/{}/engagement", 403, 403),
    ("admin", "/pairs/{}", 200, 200),
    ("staff", "/pairs/{}", 200, 200),
    ("mentor", "/pairs/{}", 200, 404),
    ("mentee", "/pairs/{}", 403, 403),
    ("admin", "/pairs/{}/goals", 200, 200),
    ("staff", "/pairs/{}/goals", 403, 403),
    ("mentor", "/pairs/{}/goals", 200, 404),
    ("mentee", "/pairs/{}/goals", 200, 404),
]


@pytest.mark.parametrize(("role", "route", "own", "sibling"), PAIR_ROUTES)
def test_pair_routes_are_scoped_to_role_and_pair(
    client: TestClient, keys: Keys, role: str, route: str, own: int, sibling: int
) -> None:
    key = getattr(keys, role)
    assert _get(client, key, route.format(OWN_PAIR)) == own
    assert _get(client, key, route.format(SIBLING_PAIR)) == sibling
    # The other program's pair is never visible, whatever the role.
    assert _get(client, key, route.format(OTHER_PAIR)) in (403, 404)
    assert _get(client, key, route.format(OWN_PAIR) + f"?program={OTHER}") in (403, 404)


@pytest.mark.parametrize("role", ["other_staff", "other_mentor", "other_mentee", "other_admin"])
@pytest.mark.parametrize("route", ["/pairs/{}/engagement", "/pairs/{}", "/pairs/{}/goals"])
def test_other_program_keys_cannot_reach_this_program(
    client: TestClient, keys: Keys, role: str, route: str
) -> None:
    key = getattr(keys, role)
    assert _get(client, key, route.format(OWN_PAIR)) in (403, 404)
    assert _post(client, key, f"/pairs/{OWN_PAIR}/prep") in (403, 404)
    if role != "other_admin":
        assert _get(client, key, route.format(OWN_PAIR) + f"?program={PROGRAM}") in (403, 404)


def test_admin_may_name_another_program(client: TestClient, keys: Keys) -> None:
    r = client.get(f"/pairs/{OTHER_PAIR}/engagement?program={OTHER}", headers=auth(keys.admin))
    assert r.status_code == 200


@pytest.mark.parametrize("role", ["staff", "mentor", "mentee"])
def test_non_admins_see_only_their_program(client: TestClient, keys: Keys, role: str) -> None:
    key = getattr(keys, role)
    programs = client.get("/programs", headers=auth(key)).json()
    assert [p["id"] for p in programs] == [PROGRAM]
    assert _get(client, key, f"/programs/{OTHER}") == 404
    assert _get(client, key, f"/programs/{OTHER}/pairs") == 404
    assert _get(client, key, f"/programs/{OTHER}/flags") in (403, 404)
    assert _get(client, key, f"/programs/{OTHER}/flags.csv") in (403, 404)


def test_pair_lists_are_scoped(client: TestClient, keys: Keys) -> None:
    def ids(key: str) -> set[str]:
        return {p["id"] for p in client.get(f"/programs/{PROGRAM}/pairs", headers=auth(key)).json()}

    assert len(ids(keys.staff)) == 8
    assert ids(keys.mentor) == {OWN_PAIR}
    assert ids(keys.mentee) == {OWN_PAIR}
    mentee_view = client.get(f"/programs/{PROGRAM}/pairs", headers=auth(keys.mentee)).json()
    assert mentee_view[0]["score"] is None  # mentees get no engagement figures


@pytest.mark.parametrize(("role", "status"), [("mentor", 403), ("mentee", 403), ("staff", 200)])
def test_flags_are_for_staff_and_admins(
    client: TestClient, keys: Keys, role: str, status: int
) -> None:
    assert _get(client, getattr(keys, role), f"/programs/{PROGRAM}/flags") == status


@pytest.mark.parametrize(("role", "status"), [("staff", 403), ("mentee", 403)])
def test_prep_is_for_mentors_and_admins(
    client: TestClient, keys: Keys, role: str, status: int
) -> None:
    assert _post(client, getattr(keys, role), f"/pairs/{OWN_PAIR}/prep") == status


def test_mentor_cannot_prep_someone_elses_pair(client: TestClient, keys: Keys) -> None:
    assert _post(client, keys.mentor, f"/pairs/{SIBLING_PAIR}/prep") == 404


def test_staff_sees_signals_but_no_message_text(
    client: TestClient, keys: Keys, api_container: Container
) -> None:
    texts = [
        m.text for m in api_container.store.messages(PROGRAM, SIBLING_PAIR) if len(m.text) > 40
    ]
    for path in (
        f"/pairs/{SIBLING_PAIR}",
        f"/pairs/{SIBLING_PAIR}/engagement",
        f"/programs/{PROGRAM}/flags",
    ):
        body = client.get(path, headers=auth(keys.staff)).text
        assert not any(t in body for t in texts)


def test_only_admins_ingest_resources(client: TestClient, keys: Keys) -> None:
    files = {"files": ("note.md", b"# Note\n\nOffice hours are on Fridays.", "text/markdown")}
    assert client.post("/resources", files=files, headers=auth(keys.staff)).status_code == 403
    r = client.post("/resources", files=files, headers=auth(keys.admin))
    assert r.status_code == 201, r.text
    assert r.json()["files"] == 1


def test_missing_and_revoked_keys_get_401(client: TestClient, api_container) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/programs").status_code == 401
    assert client.get("/programs", headers=auth("ml_nope_nope")).status_code == 401
    new = api_container.api_keys.create("staff", PROGRAM)
    assert client.get("/programs", headers=auth(new.secret)).status_code == 200
    api_container.api_keys.revoke(new.info.prefix)
    r = client.get("/programs", headers=auth(new.secret))
    assert r.status_code == 401
    assert r.json()["error"] == "unauthorized"
