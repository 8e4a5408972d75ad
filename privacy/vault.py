"""Encryption at rest for pseudonym maps (Fernet), and the one place names come back.

A stored conversation holds redacted text only; its :class:`PseudonymMap` is sealed with
the program's key. ``restore`` refuses callers whose role may not see identities.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from privacy.pseudonyms import PseudonymMap

log = logging.getLogger(__name__)
# Staff act on signals, not identities; mentees see only the assistant.
ROLES_THAT_SEE_IDENTITIES = frozenset({"admin", "mentor"})


class VaultError(RuntimeError):
    """The pseudonym map could not be opened (wrong key or damaged data)."""


class IdentityAccessDenied(PermissionError):
    """The caller's role may not see real names."""


def new_key() -> str:
    """A fresh Fernet key, URL-safe base64."""
    return Fernet.generate_key().decode()


def load_or_create_dev_key(path: Path) -> str:
    """Development only: reuse the key in ``path`` or create one there, with a warning."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = new_key()
    path.write_text(key + "\n")
    path.chmod(0o600)
    log.warning(
        "generated a development encryption key at %s; set MENTORLENS_ENCRYPTION_KEY in production",
        path,
    )
    return key


class PseudonymVault:
    """Seals and opens pseudonym maps with one Fernet key."""

    def __init__(self, key: str | bytes) -> None:
        try:
            self._fernet = Fernet(key if isinstance(key, bytes) else key.encode())
        except (ValueError, TypeError) as exc:
            raise VaultError("encryption key is not a valid Fernet key") from exc

    def seal(self, mapping: PseudonymMap) -> bytes:
        return self._fernet.encrypt(json.dumps(mapping.to_dict()).encode())

    def open(self, token: bytes) -> PseudonymMap:
        try:
            return PseudonymMap.from_dict(json.loads(self._fernet.decrypt(token)))
        except InvalidToken as exc:
            raise VaultError("pseudonym map cannot be decrypted with this key") from exc

    def restore(self, text: str, token: bytes | PseudonymMap, role: str) -> str:
        """Real values back in ``text``, for roles allowed to see them; others get an error."""
        if role not in ROLES_THAT_SEE_IDENTITIES:
            raise IdentityAccessDenied(f"role {role!r} may not see identities")
        mapping = token if isinstance(token, PseudonymMap) else self.open(token)
        return mapping.restore(text)
