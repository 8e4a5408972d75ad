"""What every request gets: size limit, validation messages, rate limit, headers, faults."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from assistant.api.ratelimit import RateLimiter
from tests.api.conftest import PROGRAM, Keys, auth


def test_oversized_body_is_413_with_a_clear_message(client: TestClient, keys: Keys) -> None:
    r = client.post(
        "/redact",
        content=b"x" * 300_000,
        headers={**auth(keys.admin), "Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert "larger than the limit" in r.json()["detail"]


def test_validation_errors_name_the_field(client: TestClient, keys: Keys) -> None:
    r = client.post("/ask", json={"question": 3, "k": 99}, headers=auth(keys.mentee))
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "validation_error"
    assert "question" in body["detail"] and "k" in body["detail"]


def test_security_headers_and_no_cors_by_default(client: TestClient) -> None:
    r = client.get("/health", headers={"Origin": "https://evil.example"})
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "http" not in csp.replace("https://", "")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "access-control-allow-origin" not in r.headers
    assert r.headers["x-request-id"]


def test_rate_limit_answers_429(app, client: TestClient, keys: Keys) -> None:  # type: ignore[no-untyped-def]
    saved = app.state.rate_limiter
    app.state.rate_limiter = RateLimiter(per_minute=3)
    try:
        codes = [client.get("/programs", headers=auth(keys.staff)).status_code for _ in range(5)]
    finally:
        app.state.rate_limiter = saved
    assert codes[:3] == [200, 200, 200]
    assert codes[3] == 429


def test_busy_database_is_retried_then_503(
    app: FastAPI, client: TestClient, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = app.state.container.store
    real = store.pairs
    calls = {"n": 0}

    def flaky(program_id: str):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] < 3:
            raise OperationalError("SELECT", {}, Exception("database is locked"))
        return real(program_id)

    monkeypatch.setattr(store, "pairs", flaky)
    assert client.get(f"/programs/{PROGRAM}/pairs", headers=auth(keys.mentor)).status_code == 200
    assert calls["n"] >= 3  # two busy answers, retried, then the reads go through

    def locked(program_id: str):  # type: ignore[no-untyped-def]
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(store, "pairs", locked)
    r = client.get(f"/programs/{PROGRAM}/pairs", headers=auth(keys.mentor))
    assert r.status_code == 503
    assert "busy" in r.json()["detail"]
