"""The relational schema (SQLAlchemy 2, typed): programs, rosters, pairs and what they say.

Only redacted text is stored. Participant identities (display name, aliases, email) and a
pair's pseudonym map are Fernet tokens; emails are found again through a keyed hash. Every
table below a program carries its ``program_id`` so that queries can always be scoped by it.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes in, UTC-aware datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; the store keeps timezone-aware times only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: dict[Any, Any] = {  # noqa: RUF012
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        bytes: LargeBinary,
    }


class Program(Base):
    """One mentoring program; every other row belongs to exactly one."""

    __tablename__ = "program"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # IANA zone for timestamps that arrive without an offset (CSV exports, transcripts).
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Participant(Base):
    """A mentor or mentee on the roster. ``identity`` is sealed JSON: name, aliases, email."""

    __tablename__ = "participant"
    __table_args__ = (UniqueConstraint("program_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(64))  # the roster id, e.g. "mentor-03"
    role: Mapped[str] = mapped_column(String(16))  # "mentor" | "mentee" | staff roles
    identity: Mapped[bytes]  # Fernet token over {"display_name", "aliases", "email"}
    email_hash: Mapped[str | None] = mapped_column(String(64), index=True)  # keyed HMAC


class Pair(Base):
    """A mentor-mentee pair. ``profile_names`` (other names the pair uses) sit in ``identity``."""

    __tablename__ = "pair"
    __table_args__ = (UniqueConstraint("program_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(64))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    mentee_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    identity: Mapped[bytes]  # Fernet token over {"profile_names": [...]}
    started: Mapped[date | None] = mapped_column(Date)


class Message(Base):
    """One message, redacted. ``content_hash`` is a keyed HMAC, so it reveals nothing."""

    __tablename__ = "message"
    __table_args__ = (
        UniqueConstraint("pair_id", "content_hash"),
        Index("ix_message_pair_source", "pair_id", "source_id"),
        Index("ix_message_pair_order", "pair_id", "seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int] = mapped_column(ForeignKey("pair.id", ondelete="CASCADE"))
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id", ondelete="SET NULL"))
    role: Mapped[str | None] = mapped_column(String(16))  # the sender's role, copied
    timestamp: Mapped[datetime | None]
    # "chat" for written conversation; "meeting:YYYY-MM-DD" (or the file stem) for a
    # transcript, so spoken turns never mix with chat when features are computed.
    thread: Mapped[str] = mapped_column(String(64), default="chat")
    seq: Mapped[int] = mapped_column(Integer)  # arrival order within the pair
    text: Mapped[str] = mapped_column(Text)  # REDACTED text only
    source: Mapped[str] = mapped_column(String(32))  # jsonl, csv, slack, vtt, srt
    source_id: Mapped[str | None] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))
    features: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_record.id", ondelete="SET NULL")
    )


class Goal(Base):
    """A pair's goal, redacted like messages. Keyed by a keyed hash of its raw text."""

    __tablename__ = "goal"
    __table_args__ = (UniqueConstraint("pair_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int] = mapped_column(ForeignKey("pair.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)  # REDACTED
    status: Mapped[str] = mapped_column(String(32), default="open")
    due: Mapped[date | None] = mapped_column(Date)


class Meeting(Base):
    """A scheduled meeting and what became of it (scheduled, held, cancelled, no_show)."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("pair_id", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int] = mapped_column(ForeignKey("pair.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))


class PairSecret(Base):
    """The pair's pseudonym map, sealed with the vault (Fernet bytes)."""

    __tablename__ = "pair_secret"

    pair_id: Mapped[int] = mapped_column(
        ForeignKey("pair.id", ondelete="CASCADE"), primary_key=True
    )
    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    token: Mapped[bytes]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ImportRecord(Base):
    """One imported file: what it was, what came of it. Counts only, never content."""

    __tablename__ = "import_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    program_id: Mapped[str] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(500))
    file_hash: Mapped[str] = mapped_column(String(64))
    format: Mapped[str] = mapped_column(String(32))
    messages_new: Mapped[int] = mapped_column(Integer, default=0)
    messages_skipped: Mapped[int] = mapped_column(Integer, default=0)
    goals: Mapped[int] = mapped_column(Integer, default=0)
    meetings: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = [
    "Base",
    "Goal",
    "ImportRecord",
    "Meeting",
    "Message",
    "Pair",
    "PairSecret",
    "Participant",
    "Program",
    "UTCDateTime",
]
