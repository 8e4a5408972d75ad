"""Real embedder, real Chroma server: the forms the product runs in."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.container import Container
from settings import Settings, VectorSettings
from tests.conftest import RecordingEmbedder

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        pytest.skip("the chroma CLI is not installed")
    port = _free_port()
    process = subprocess.Popen(
        [
            str(chroma),
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).is_success:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("chroma server did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_server_backend_ingests_and_searches(
    chroma_server: int, library: Path, tmp_path: Path
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        vectors=VectorSettings(backend="server", port=chroma_server, collection="resources-test"),
    )
    container = Container(settings, embedder=RecordingEmbedder())
    report = container.resource_ingestor.ingest([library])
    assert report.added == 3 and not (tmp_path / "data" / "chroma").exists()
    again = container.resource_ingestor.ingest([library])
    assert again.unchanged == 3
    assert container.resource_index.vectors.count() == container.resource_index.manifest.counts()[1]
    hits = container.resource_search.search("mock interview", k=3, min_relevance=-1.0)
    assert hits and hits[0].title


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Container:
    from tests.retrieval.conftest import INTERNSHIP_MD, MENTOR_MD

    root = tmp_path_factory.mktemp("lib")
    (root / "internships.md").write_text(INTERNSHIP_MD)
    (root / "boundaries.md").write_text(MENTOR_MD)
    container = Container(Settings(data_dir=tmp_path_factory.mktemp("data")))
    container.resource_ingestor.ingest([root])
    return container


def test_real_model_finds_the_right_section(real: Container) -> None:
    hits = real.resource_search.search("when do consulting firms hire summer interns", k=1)
    assert hits[0].citation == "Internship Guide > Applying early"
    assert hits[0].relevance >= real.settings.retrieval.min_relevance


@pytest.mark.parametrize(
    "query",
    ["zxqv blorft wibble", "chicken tikka masala microwave recipe", "who won the lakers game"],
)
def test_nonsense_and_off_topic_get_nothing(real: Container, query: str) -> None:
    assert real.resource_search.search(query, k=5) == []
