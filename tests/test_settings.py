"""Settings: one object, MENTORLENS_ prefix, and production refuses to run without a key."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.container import Container
from privacy.pseudonyms import PseudonymMap
from settings import PrivacySettings, Settings


def test_environment_prefix_and_nested_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORLENS_GENERATION__BACKEND", "local")
    monkeypatch.setenv("MENTORLENS_PRIVACY__REDACT_ENTITIES", '["PERSON", "EMAIL_ADDRESS"]')
    settings = Settings()
    assert settings.generation.backend == "local"
    assert settings.privacy.redact_entities == ["PERSON", "EMAIL_ADDRESS"]


def test_production_refuses_to_start_without_an_encryption_key() -> None:
    with pytest.raises(ValidationError, match="MENTORLENS_ENCRYPTION_KEY is required"):
        Settings(mode="production", encryption_key=None)


def test_development_generates_and_reuses_a_key(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = Container(Settings(data_dir=tmp_path))
    token = first.vault.seal(PseudonymMap(values={"<PERSON_1>": "Maria"}))
    assert (tmp_path / "secret.key").exists()
    assert "generated a development encryption key" in caplog.text
    again = Container(Settings(data_dir=tmp_path))
    assert again.vault.open(token).values == {"<PERSON_1>": "Maria"}


def test_invalid_policy_in_settings_is_a_clear_error(tmp_path: Path) -> None:
    container = Container(
        Settings(data_dir=tmp_path, privacy=PrivacySettings(redact_entities=["SHOE_SIZE"]))
    )
    with pytest.raises(ValueError, match="unknown entity types"):
        _ = container.policy


def test_keep_words_reach_the_redaction_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLENS_PRIVACY__KEEP_WORDS", '["Northbridge", " Hayes "]')
    container = Container(Settings(data_dir=tmp_path))
    assert container.policy.keep_words == frozenset({"northbridge", "hayes"})
