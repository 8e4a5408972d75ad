"""The ``api_key`` table: one row per issued key, holding its SHA-256 and never the key.

It lives on the store's declarative base so Alembic (revision 0002) owns it like every
other table, in the same database as the programs it is scoped to.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.store.models import Base, utcnow


class ApiKey(Base):
    """An API key's hash, role and scope. ``prefix`` identifies it in lists and logs."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    participant: Mapped[str | None] = mapped_column(String(64))  # roster key
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    bootstrap: Mapped[bool] = mapped_column(Boolean, default=False)
