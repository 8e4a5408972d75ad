"""``mentorlens keys create|list|revoke`` against the API's own database, then the API itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from assistant.cli import app as cli
from tests.api.conftest import PROGRAM, auth


@pytest.fixture
def runner(api_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("MENTORLENS_DATA_DIR", str(api_data_dir))
    monkeypatch.setenv("COLUMNS", "200")  # Rich would wrap the table's columns at 80
    return CliRunner()


def _cells(row: str) -> list[str]:
    """A Rich table row's cells: ``│ a │ b │`` -> ``["a", "b"]``."""
    return [c.strip() for c in row.strip().split("│")[1:-1]]


def test_created_key_works_is_listed_without_secret_and_revoked_gets_401(
    runner: CliRunner, client: TestClient
) -> None:
    made = runner.invoke(
        cli, ["keys", "create", "--role", "staff", "--program", PROGRAM, "--label", "cli-test"]
    )
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip()  # the secret alone on standard output, printed this once
    assert secret.startswith("ml_") and "\n" not in secret
    prefix = secret.split("_")[1]
    assert "will not be shown again" in made.stderr
    assert secret not in made.stderr
    assert client.get("/programs", headers=auth(secret)).status_code == 200

    listed = runner.invoke(cli, ["keys", "list", "--program", PROGRAM])
    assert listed.exit_code == 0, listed.output
    row = next(line for line in listed.stdout.splitlines() if prefix in line)
    assert "staff" in row and "cli-test" in row
    assert _cells(row)[-1] == ""  # not revoked
    assert secret not in listed.output
    assert secret.split("_", 2)[2] not in listed.output  # not even the secret part alone

    revoked = runner.invoke(cli, ["keys", "revoke", prefix])
    assert revoked.exit_code == 0, revoked.output
    r = client.get("/programs", headers=auth(secret))
    assert r.status_code == 401
    assert r.json()["error"] == "unauthorized"
    relisted = runner.invoke(cli, ["keys", "list", "--program", PROGRAM]).stdout
    row = next(line for line in relisted.splitlines() if prefix in line)
    assert _cells(row)[-1][:4].isdigit()  # the revoked column holds a date now


def test_bad_create_and_unknown_revoke_exit_2(runner: CliRunner) -> None:
    bad = runner.invoke(cli, ["keys", "create", "--role", "mentor", "--program", PROGRAM])
    assert bad.exit_code == 2  # a mentor key needs --participant
    assert bad.stdout == ""  # no secret printed
    unknown = runner.invoke(cli, ["keys", "revoke", "deadbeef"])
    assert unknown.exit_code == 2
    assert "no key with prefix" in unknown.stderr
