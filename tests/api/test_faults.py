"""Faults, each made real rather than faked: an unusable Chroma directory, a generation
backend with nothing listening, and a SQLite file locked by another connection."""

from __future__ import annotations

import logging
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event

from assistant.container import Container
from settings import GenerationSettings, Settings
from tests.api.conftest import AS_OF, PROGRAM, Embedder384, Keys, auth


def test_unusable_chroma_directory_means_not_ready_and_503(tmp_path: Path) -> None:
    from server import create_app

    (tmp_path / "chroma").write_text("not a directory")  # Chroma cannot open its store here
    container = Container(Settings(data_dir=tmp_path), embedder=Embedder384())
    app = create_app(container, warm_up=False, json_logs=False)
    app.state.readiness.warm_up()
    with TestClient(app) as client:
        r = client.get("/ready")
        assert r.status_code == 503
        assert r.json()["ready"] is False
        assert r.json()["components"]["resource_index"].startswith("unavailable")
        for method, path in (("GET", "/programs"), ("POST", "/ask"), ("GET", "/resources")):
            r = client.request(method, path, json={"question": "anything at all"})
            assert r.status_code == 503
            assert "resource_index" in r.json()["detail"]
        assert client.get("/health").status_code == 200


# -- the generation backend is down: prep still answers, from the extractive composer -------
@pytest.fixture(scope="module")
def app_with_dead_llm(api_data_dir: Path) -> FastAPI:
    """The session's data, served with an OpenAI-compatible backend on a closed port."""
    from server import create_app

    with socket.socket() as s:  # a port that was free a moment ago and has no listener now
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    generation = GenerationSettings(
        backend="openai", openai_base_url=f"http://127.0.0.1:{port}/v1", timeout_s=3
    )
    container = Container(
        Settings(data_dir=api_data_dir, generation=generation), embedder=Embedder384()
    )
    app = create_app(container, clock=lambda: AS_OF, warm_up=False, json_logs=False)
    app.state.readiness.warm_up()
    return app


def test_prep_falls_back_to_extractive_when_the_model_backend_is_down(
    app_with_dead_llm: FastAPI, keys: Keys
) -> None:
    with TestClient(app_with_dead_llm) as client:
        assert client.get("/ready").json()["ready"] is True  # generation is optional
        r = client.post(
            "/pairs/maya-jordan/prep",
            json={"agenda": "the internship search"},
            headers=auth(keys.mentor),
        )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["backend"] == "extractive"
    assert body["grounding"]["llm_backend"].startswith("openai:")
    assert body["grounding"]["fallback"] is True
    assert any("failed" in reason for reason in body["grounding"]["reasons"])
    assert 3 <= len(body["points"]) <= 7
    assert all(p["evidence"] for p in body["points"])
    assert body["names_restored"] is True


# -- a real SQLite lock: retried with backoff, then a clear 503; fine once released ---------
@pytest.fixture
def short_busy_timeout(api_container: Container) -> Iterator[Path]:
    """The session store, with SQLite waiting 200 ms for a lock instead of 5 s (test speed)."""
    engine = api_container.store.engine

    def pragma(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA busy_timeout=200")

    event.listen(engine, "connect", pragma)  # runs after the store's own 5000 ms pragma
    engine.dispose()
    try:
        yield Path(engine.url.database or "")
    finally:
        event.remove(engine, "connect", pragma)
        engine.dispose()


def test_locked_database_is_retried_then_503_then_fine_once_released(
    client: TestClient,
    keys: Keys,
    short_busy_timeout: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = f"/programs/{PROGRAM}/pairs"
    # check_same_thread=False: the release below runs in the request's worker thread.
    holder = sqlite3.connect(short_busy_timeout, isolation_level=None, check_same_thread=False)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # another process's writer, as SQLite sees it
        with caplog.at_level(logging.WARNING, logger="mentorlens.api"):
            r = client.get(path, headers=auth(keys.mentor))
        assert r.status_code == 503
        assert r.json()["detail"] == "the database is busy; retry in a few seconds"
        assert r.headers["retry-after"]
        assert caplog.text.count('"db_busy"') == 3  # three attempts, with backoff between

        # The lock goes away during the first backoff: the retry gets through.
        holder.execute("ROLLBACK")
        caplog.clear()
        sleep = time.sleep

        def release_then_sleep(seconds: float) -> None:
            if holder.in_transaction:
                holder.execute("ROLLBACK")
            sleep(seconds)

        monkeypatch.setattr(time, "sleep", release_then_sleep)  # with_db_retry's backoff
        holder.execute("BEGIN EXCLUSIVE")
        with caplog.at_level(logging.WARNING, logger="mentorlens.api"):
            r = client.get(path, headers=auth(keys.mentor))
        assert r.status_code == 200, r.text
        assert caplog.text.count('"db_busy"') == 1
        assert [p["id"] for p in r.json()] == ["maya-jordan"]
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert client.get(path, headers=auth(keys.mentor)).status_code == 200
