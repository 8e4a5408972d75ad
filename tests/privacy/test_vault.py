"""Pseudonym maps are encrypted at rest and restored only for roles that may see names."""

from __future__ import annotations

import pytest

from privacy.pseudonyms import PseudonymMap
from privacy.vault import IdentityAccessDenied, PseudonymVault, VaultError, new_key


def _mapping() -> PseudonymMap:
    mapping = PseudonymMap()
    mapping.placeholder("PERSON", "maria", canonical="Maria Lopez")
    mapping.placeholder("EMAIL_ADDRESS", "maria.lopez@gmail.com")
    return mapping


def test_sealed_map_holds_no_plaintext_and_round_trips() -> None:
    vault = PseudonymVault(new_key())
    token = vault.seal(_mapping())
    assert b"Maria" not in token and b"gmail" not in token
    assert vault.open(token).restore("<PERSON_1> / <EMAIL_ADDRESS_1>") == (
        "Maria Lopez / maria.lopez@gmail.com"
    )


def test_wrong_key_is_a_clear_error() -> None:
    token = PseudonymVault(new_key()).seal(_mapping())
    with pytest.raises(VaultError, match="cannot be decrypted"):
        PseudonymVault(new_key()).open(token)


def test_invalid_key_is_rejected() -> None:
    with pytest.raises(VaultError, match="not a valid Fernet key"):
        PseudonymVault("not-a-key")


@pytest.mark.parametrize(
    ("role", "allowed"), [("admin", True), ("mentor", True), ("staff", False), ("mentee", False)]
)
def test_restore_only_for_roles_that_see_identities(role: str, allowed: bool) -> None:
    vault = PseudonymVault(new_key())
    token = vault.seal(_mapping())
    if allowed:
        assert vault.restore("hi <PERSON_1>", token, role) == "hi Maria Lopez"
    else:
        with pytest.raises(IdentityAccessDenied):
            vault.restore("hi <PERSON_1>", token, role)


def test_maps_are_per_conversation() -> None:
    one, two = PseudonymMap(), PseudonymMap()
    one.placeholder("PERSON", "maria")
    assert two.placeholder("PERSON", "dev") == "<PERSON_1>"
    assert repr(one) == "PseudonymMap(1 placeholders)"  # repr never shows values
