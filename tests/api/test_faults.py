"""Faults: an unusable Chroma directory makes the service unready and routes 503, no crash."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from assistant.container import Container
from settings import Settings
from tests.api.conftest import Embedder384


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
