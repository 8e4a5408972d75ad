"""``mentorlens ingest`` / ``mentorlens search`` with a fake embedder in a tmp data dir."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import assistant.commands.resources as resources
from assistant.cli import app
from assistant.container import Container
from settings import RetrievalSettings, Settings
from tests.conftest import RecordingEmbedder


@pytest.fixture
def container(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Container:
    settings = Settings(data_dir=tmp_path / "data", retrieval=RetrievalSettings(min_relevance=-1.0))
    built = Container(settings, embedder=RecordingEmbedder())
    monkeypatch.setattr(resources, "_container", lambda: built)
    return built


def test_ingest_prints_summary_and_reports_failures(library: Path, container: Container) -> None:
    (library / "broken.docx").write_bytes(b"not a docx")
    result = CliRunner().invoke(app, ["ingest", str(library)])
    assert result.exit_code == 1
    assert "broken.docx" in result.output and "Ingest summary" in result.output
    assert container.resource_index.manifest.counts()[0] == 3


def test_search_queries_file_with_a_bad_line(
    library: Path, container: Container, tmp_path: Path
) -> None:
    CliRunner().invoke(app, ["ingest", str(library)])
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        '{"id": "q1", "query": "internships"}\n'
        "{not json\n"
        '{"id": "q3"}\n'
        '{"id": "q4", "query": "lend money", "audience": "mentee"}\n'
    )
    result = CliRunner().invoke(app, ["search", "--queries", str(queries), "-k", "2"])
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert [x["id"] for x in lines] == ["q1", "q4"]
    assert lines[0]["hits"] and len(lines[0]["hits"]) <= 2
    assert all(h["audience"] != "mentor" for h in lines[1]["hits"])
    assert ":2:" in result.stderr and ":3:" in result.stderr


def test_search_json(library: Path, container: Container) -> None:
    CliRunner().invoke(app, ["ingest", str(library)])
    result = CliRunner().invoke(app, ["search", "mock interview", "-k", "1", "--json"])
    assert result.exit_code == 0
    [hit] = json.loads(result.stdout)
    assert {"chunk_id", "citation", "snippet", "source", "score", "relevance"} <= hit.keys()
