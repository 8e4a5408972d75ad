"""One sample-loaded app per test session: real SQLite, Chroma, Presidio; a fake embedder.

Keys for every role in the sample program, plus a second program ("eastgate") with its
own pair and keys, so cross-program access can be tried in both directions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.container import Container
from settings import ApiSettings, Settings
from tests.conftest import RecordingEmbedder

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "program"
RESOURCES = ROOT / "examples" / "resources"
AS_OF = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
PROGRAM = "northbridge"
OTHER = "eastgate"

EASTGATE_YAML = """\
program: {id: eastgate, name: Eastgate Bridge Mentoring, timezone: UTC}
participants:
  - {id: ana-lima, role: mentor, name: Ana Lima, email: ana.lima@eastgate.example}
  - {id: ben-okafor, role: mentee, name: Ben Okafor, email: ben.okafor@eastgate.example}
pairs:
  - id: ana-ben
    mentor: ana-lima
    mentee: ben-okafor
    started: 2026-09-01
    goals:
      - {id: g1, text: "Pick a minor", status: open, due: 2026-12-01}
    meetings:
      - {date: 2026-09-10, status: held}
"""


class Embedder384(RecordingEmbedder):
    """The recording fake at MiniLM's width (engagement features expect 384)."""

    dimension = 384


@dataclass
class Keys:
    admin: str
    staff: str
    mentor: str  # maya-chen, mentor of maya-jordan
    mentee: str  # jordan-reyes, mentee of maya-jordan
    other_admin: str
    other_staff: str
    other_mentor: str
    other_mentee: str


@pytest.fixture(scope="session")
def api_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api-data")


@pytest.fixture(scope="session")
def api_container(api_data_dir: Path) -> Container:
    settings = Settings(
        data_dir=api_data_dir,
        api=ApiSettings(max_request_bytes=200_000, rate_limit_per_minute=100_000),
    )
    container = Container(settings, embedder=Embedder384())
    container.importer.import_paths([SAMPLE], None)
    eastgate = api_data_dir / "eastgate"
    eastgate.mkdir()
    (eastgate / "program.yaml").write_text(EASTGATE_YAML)
    container.importer.import_paths([eastgate], None)
    container.resource_ingestor.ingest([RESOURCES])
    return container


@pytest.fixture(scope="session")
def keys(api_container: Container) -> Keys:
    ks = api_container.api_keys
    return Keys(
        admin=ks.create("admin", PROGRAM).secret,
        staff=ks.create("staff", PROGRAM).secret,
        mentor=ks.create("mentor", PROGRAM, "maya-chen").secret,
        mentee=ks.create("mentee", PROGRAM, "jordan-reyes").secret,
        other_admin=ks.create("admin", OTHER).secret,
        other_staff=ks.create("staff", OTHER).secret,
        other_mentor=ks.create("mentor", OTHER, "ana-lima").secret,
        other_mentee=ks.create("mentee", OTHER, "ben-okafor").secret,
    )


@pytest.fixture(scope="session")
def app(api_container: Container):  # type: ignore[no-untyped-def]
    from server import create_app

    application = create_app(api_container, clock=lambda: AS_OF, warm_up=False, json_logs=False)
    application.state.readiness.warm_up()
    return application


@pytest.fixture(scope="session")
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as c:
        yield c


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
