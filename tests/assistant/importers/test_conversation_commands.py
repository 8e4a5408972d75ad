"""``mentorlens import``, ``flag`` and ``score`` end to end, with a fake embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.container import Container
from settings import Settings
from tests.assistant.importers.test_importers import PLANTED_EMAIL, FakeMiniLM, _chat_lines
from tests.assistant.store.fixtures import write_roster

runner = CliRunner()


class _Embedder(FakeMiniLM):
    def embed(self, texts):  # type: ignore[no-untyped-def]
        return self(texts)


@pytest.fixture
def container(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, analyzer) -> Container:  # type: ignore[no-untyped-def]
    c = Container(Settings(data_dir=tmp_path / "data"), embedder=_Embedder())
    c.__dict__["analyzer"] = analyzer  # reuse the session's Presidio engine
    monkeypatch.setattr("assistant.commands.conversations._container", lambda: c)
    return c


def test_import_then_flag(container: Container, tmp_path: Path) -> None:
    write_roster(tmp_path)
    (tmp_path / "chat.jsonl").write_text("".join(json.dumps(r) + "\n" for r in _chat_lines()))
    result = runner.invoke(app, ["import", str(tmp_path), "--program", "acme"])
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output and PLANTED_EMAIL not in result.output
    result = runner.invoke(app, ["import", str(tmp_path), "--program", "acme"])
    assert "0 new, 3 already stored" in result.output

    result = runner.invoke(
        app, ["flag", "--program", "acme", "--json", "--band", "all", "--now", "2026-11-24"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["pair"] for r in rows] == sorted(
        [r["pair"] for r in rows], key=lambda p: next(x["score"] for x in rows if x["pair"] == p)
    )
    assert {r["pair"] for r in rows} == {"maria-dev", "sam-lena"}
    assert all({"band", "score", "trend", "reasons"} <= r.keys() for r in rows)
    table = runner.invoke(app, ["flag", "--program", "acme", "--band", "all"])
    assert table.exit_code == 0 and "maria-dev" in table.stdout
    missing = runner.invoke(app, ["flag", "--program", "nope"])
    assert missing.exit_code == 2


def test_score_json_and_jsonl_redacts_first(container: Container, tmp_path: Path) -> None:
    conv = {
        "id": "c1",
        "messages": [
            {"sender": "Maria Lopez", "role": "mentor", "timestamp": "2026-09-01T10:00:00Z",
             "text": "Hi Dev, how did the interview go? Call me at 617-555-0142."},
            {"sender": "Dev Patel", "role": "mentee", "timestamp": "2026-09-01T12:00:00Z",
             "text": f"It went well Maria! Write to {PLANTED_EMAIL}"},
        ],
    }  # fmt: skip
    path = tmp_path / "one.json"
    path.write_text(json.dumps(conv))
    result = runner.invoke(app, ["score", str(path), "--now", "2026-09-02"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.stdout)
    assert scored["id"] == "c1" and scored["band"] in {"healthy", "watch", "at_risk"}
    seen = container.embedder.seen  # type: ignore[attr-defined]
    assert seen and not any(PLANTED_EMAIL in t or "Maria" in t or "555-0142" in t for t in seen)

    lines = tmp_path / "many.jsonl"
    lines.write_text(
        json.dumps(conv) + "\n" + json.dumps({"id": "c2", "messages": [{"sender": "x"}]}) + "\n"
    )
    result = runner.invoke(app, ["score", str(lines)])
    assert result.exit_code == 1
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["c1"]
    assert f"{lines}:2: messages[0].text" in result.stderr
