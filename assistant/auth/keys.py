"""Issue, verify, list and revoke API keys.

A key is ``ml_<prefix>_<secret>``: 32 random bytes of secret, so a plain SHA-256 of the
whole key is a safe thing to store (there is nothing to brute-force). The key itself is
shown once, at creation, and never stored or logged; ``prefix`` names it afterwards.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import Engine, select
from sqlalchemy.orm import sessionmaker

from assistant.auth.models import ApiKey
from assistant.store import models as m
from assistant.store.models import utcnow

Role = Literal["admin", "staff", "mentor", "mentee"]
ROLES: tuple[Role, ...] = get_args(Role)
KEY_PREFIX = "ml_"


class ApiKeyError(ValueError):
    """A key could not be created or revoked as asked (unknown program, bad role...)."""


@dataclass(frozen=True)
class Principal:
    """Who is calling: a verified key's role and scope."""

    key_id: int
    prefix: str
    role: Role
    program_id: str
    participant: str | None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class ApiKeyInfo:
    """A key as listed: everything but the secret."""

    prefix: str
    role: str
    program_id: str
    participant: str | None
    label: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class NewKey:
    """A freshly created key: ``secret`` is the only copy there will ever be."""

    secret: str
    info: ApiKeyInfo


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _info(row: ApiKey) -> ApiKeyInfo:
    return ApiKeyInfo(
        row.prefix,
        row.role,
        row.program_id,
        row.participant,
        row.label,
        row.created_at,
        row.revoked_at,
    )


class KeyStore:
    """API keys in the store's database (table ``api_key``, Alembic revision 0002)."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def create(
        self,
        role: str,
        program_id: str,
        participant: str | None = None,
        label: str = "",
        *,
        bootstrap: bool = False,
    ) -> NewKey:
        """A new key for ``role`` in ``program_id``; mentors and mentees need a participant."""
        if role not in ROLES:
            raise ApiKeyError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        if role in ("mentor", "mentee") and not participant:
            raise ApiKeyError(f"a {role} key needs --participant (their roster id)")
        with self._sessions() as s, s.begin():
            if s.get(m.Program, program_id) is None:
                raise ApiKeyError(f"no program {program_id!r}; import its program.yaml first")
            if participant is not None:
                person = s.scalar(
                    select(m.Participant).where(
                        m.Participant.program_id == program_id, m.Participant.key == participant
                    )
                )
                if person is None:
                    raise ApiKeyError(f"no participant {participant!r} in program {program_id!r}")
                if role in ("mentor", "mentee") and person.role != role:
                    raise ApiKeyError(
                        f"participant {participant!r} is a {person.role}, not a {role}"
                    )
            prefix = secrets.token_hex(4)
            secret = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
            row = ApiKey(
                prefix=prefix,
                key_hash=hash_key(secret),
                role=role,
                program_id=program_id,
                participant=participant,
                label=label[:100],
                bootstrap=bootstrap,
                created_at=utcnow(),
            )
            s.add(row)
            s.flush()
            return NewKey(secret, _info(row))

    def verify(self, secret: str) -> Principal | None:
        """The principal for a presented key, or None (unknown, malformed or revoked)."""
        if not secret.startswith(KEY_PREFIX) or len(secret) > 128:
            return None
        digest = hash_key(secret)
        with self._sessions() as s:
            row = s.scalar(select(ApiKey).where(ApiKey.key_hash == digest))
            if row is None or row.revoked_at is not None:
                return None
            # The lookup is by hash already; compare again in constant time for good measure.
            if not hmac.compare_digest(row.key_hash, digest):
                return None
            return Principal(row.id, row.prefix, row.role, row.program_id, row.participant)  # type: ignore[arg-type]

    def principal(self, key_id: int) -> Principal | None:
        """The principal for a key id (dashboard sessions), or None once revoked."""
        with self._sessions() as s:
            row = s.get(ApiKey, key_id)
            if row is None or row.revoked_at is not None:
                return None
            return Principal(row.id, row.prefix, row.role, row.program_id, row.participant)  # type: ignore[arg-type]

    def list(self, program_id: str | None = None) -> list[ApiKeyInfo]:
        with self._sessions() as s:
            query = select(ApiKey).order_by(ApiKey.id)
            if program_id is not None:
                query = query.where(ApiKey.program_id == program_id)
            return [_info(r) for r in s.scalars(query)]

    def revoke(self, prefix: str) -> ApiKeyInfo:
        """Revoke the key with ``prefix`` (idempotent); raises if there is none."""
        with self._sessions() as s, s.begin():
            row = s.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
            if row is None:
                raise ApiKeyError(f"no key with prefix {prefix!r}")
            if row.revoked_at is None:
                row.revoked_at = utcnow()
            return _info(row)

    def has_bootstrap_admin(self) -> bool:
        """Whether the first-start admin key was ever issued (revoked or not)."""
        with self._sessions() as s:
            return (
                s.scalar(select(ApiKey.id).where(ApiKey.bootstrap.is_(True)).limit(1)) is not None
            )

    def ensure_bootstrap_admin(self, program_id: str) -> NewKey | None:
        """Issue the first-start admin key once; None when one was issued before."""
        if self.has_bootstrap_admin():
            return None
        return self.create("admin", program_id, label="first start", bootstrap=True)
