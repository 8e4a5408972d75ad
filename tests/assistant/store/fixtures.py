"""Store fixtures shared by the store and importer tests: SQLite always, PostgreSQL when
its binaries exist (a throwaway cluster on a free loopback port, stopped at session end)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from assistant.store import ConversationStore, FieldSealer
from assistant.store.db import make_engine
from privacy.vault import PseudonymVault, new_key

PG_BIN = Path(os.environ.get("MENTORLENS_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_MISSING = (
    f"PostgreSQL binaries not found in {PG_BIN} "
    "(apt-get install -y postgresql-15, or set MENTORLENS_PG_BIN)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Cluster:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="mentorlens-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:  # Postgres refuses to run as root
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.dir / "log"), "-w", "start",
        )  # fmt: skip
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        cmd = ["runuser", "-u", "postgres", "--", *args] if self.as_root else list(args)
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def new_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        engine = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def stop(self) -> None:
        try:
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[_Cluster | None]:
    if not (PG_BIN / "initdb").exists():
        yield None
        return
    cluster = _Cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    cluster = request.getfixturevalue("pg_cluster")
    if cluster is None:
        pytest.skip(PG_MISSING)
    return str(cluster.new_database())


@pytest.fixture
def encryption_key() -> str:
    return new_key()


@pytest.fixture
def store(db_url: str, encryption_key: str) -> Iterator[ConversationStore]:
    s = ConversationStore(
        make_engine(db_url), PseudonymVault(encryption_key), FieldSealer(encryption_key)
    )
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path, encryption_key: str) -> Iterator[ConversationStore]:
    s = ConversationStore(
        make_engine(f"sqlite:///{tmp_path / 'store.db'}"),
        PseudonymVault(encryption_key),
        FieldSealer(encryption_key),
    )
    yield s
    s.close()


ROSTER = """\
program: {id: acme, name: Acme Mentoring, timezone: America/New_York}
participants:
  - {id: maria-lopez, role: mentor, name: Maria Lopez, aliases: [maria], email: ml@acme.edu}
  - {id: dev-patel, role: mentee, name: Dev Patel, aliases: [dev], email: dev.patel@acme.edu}
  - {id: sam-okafor, role: mentor, name: Sam Okafor, aliases: [sam], email: sam@acme.edu,
     slack_email: sam.o@work.example}
  - {id: lena-fischer, role: mentee, name: Lena Fischer, aliases: [lena], email: lf@acme.edu}
  - {id: joan-staff, role: coordinator, name: Joan Whitfield, email: joan@acme.edu}
pairs:
  - id: maria-dev
    mentor: maria-lopez
    mentee: dev-patel
    started: 2026-09-01
    profile_names: [Priya Raman]
    goals:
      - {id: g1, text: "Ask Priya Raman about the lab job", status: in_progress, due: 2026-12-01}
    meetings:
      - {date: 2026-09-05, status: held}
      - {date: 2026-09-19, status: no_show}
  - id: sam-lena
    mentor: sam-okafor
    mentee: lena-fischer
"""


def write_roster(folder: Path, text: str = ROSTER) -> Path:
    path = folder / "program.yaml"
    path.write_text(text)
    return path
