"""Field sealing for identities at rest, and keyed hashes for look-ups and de-duplication.

Participant names, aliases and emails are needed to redact future imports and to match
Slack users, but not to show anyone: they are kept as Fernet tokens. Emails and message
contents are found again through HMAC-SHA256 under a key derived from the same secret, so
a copied database cannot be dictionary-attacked for "who said 'ok' at 9:00".
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken


class SealError(RuntimeError):
    """A sealed field could not be opened (wrong key or damaged data)."""


class FieldSealer:
    """Seals small JSON values with Fernet and computes keyed hashes."""

    def __init__(self, key: str | bytes) -> None:
        raw = key if isinstance(key, bytes) else key.encode()
        try:
            self._fernet = Fernet(raw)
        except (ValueError, TypeError) as exc:
            raise SealError("encryption key is not a valid Fernet key") from exc
        self._hash_key = hashlib.sha256(b"mentorlens/lookup-hash/v1\x00" + raw).digest()

    def seal(self, value: dict[str, Any]) -> bytes:
        return self._fernet.encrypt(json.dumps(value, sort_keys=True).encode())

    def open(self, token: bytes) -> dict[str, Any]:
        try:
            data = json.loads(self._fernet.decrypt(bytes(token)))
        except InvalidToken as exc:
            raise SealError("sealed field cannot be decrypted with this key") from exc
        if not isinstance(data, dict):
            raise SealError("sealed field is not a JSON object")
        return data

    def digest(self, *parts: str) -> str:
        """Keyed hash of the parts (unit-separated), hex."""
        message = "\x1f".join(parts).encode()
        return hmac.new(self._hash_key, message, hashlib.sha256).hexdigest()

    def email_hash(self, email: str) -> str:
        return self.digest("email", email.strip().casefold())
