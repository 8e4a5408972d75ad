"""Dashboard sign-in sessions: a signed, expiring cookie naming an API key (never the key).

The cookie is ``<key id>.<expiry>.<hmac>``; each request re-checks that the key still
exists and is not revoked, so revoking a key signs its sessions out too.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SESSION_SECONDS = 8 * 3600


class SessionSigner:
    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(
            b"mentorlens/dashboard-session/v1\x00" + secret.encode()
        ).digest()

    def _mac(self, payload: str) -> str:
        return hmac.new(self._key, payload.encode(), hashlib.sha256).hexdigest()

    def issue(self, key_id: int, now: float | None = None) -> str:
        payload = f"{key_id}.{int((now or time.time()) + SESSION_SECONDS)}"
        return f"{payload}.{self._mac(payload)}"

    def verify(self, token: str, now: float | None = None) -> int | None:
        """The key id in a valid, unexpired token; None otherwise."""
        try:
            key_id, expires, mac = token.split(".")
            payload = f"{key_id}.{expires}"
            if not hmac.compare_digest(mac, self._mac(payload)):
                return None
            if int(expires) < (now or time.time()):
                return None
            return int(key_id)
        except ValueError:
            return None
