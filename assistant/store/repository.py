"""The conversation store's API: what the rest of the app reads, and the import unit of work.

Reads return plain dataclasses and are always scoped by program id; a pair id from another
program simply isn't found. Writes happen inside :meth:`ConversationStore.transaction`, one
per imported file, so a file lands whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.engagement.types import ChatMessage, MeetingEvent
from assistant.store import models as m
from assistant.store.db import make_engine, upgrade
from assistant.store.sealing import FieldSealer
from privacy.pseudonyms import PseudonymMap
from privacy.vault import PseudonymVault

CHAT = "chat"
PAIR_ROLES = ("mentor", "mentee")


class StoreError(LookupError):
    """A program, pair or participant that the caller named does not exist."""


@dataclass(frozen=True)
class ProgramInfo:
    id: str
    name: str
    timezone: str


@dataclass(frozen=True)
class ParticipantInfo:
    """A roster entry with its identity opened. Used for redaction and matching, not display."""

    key: str
    role: str
    display_name: str
    aliases: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.display_name, *self.aliases)


@dataclass(frozen=True)
class PairInfo:
    """A pair, by roster keys. Names stay out: staff act on signals, not identities."""

    program_id: str
    id: str
    mentor: str
    mentee: str
    started: dt.date | None


@dataclass(frozen=True)
class StoredMessage:
    """One redacted message as stored; ``id`` is the evidence id prep and flags cite."""

    id: str
    pair_id: str
    sender: str | None
    role: str | None
    timestamp: dt.datetime | None
    text: str
    thread: str
    source: str
    features: dict[str, Any] | None = None

    def to_chat(self) -> ChatMessage:
        role = self.role if self.role in PAIR_ROLES else None
        return ChatMessage(
            id=self.id,
            sender=self.sender or "unknown",
            role=role,  # type: ignore[arg-type]
            text=self.text,
            timestamp=self.timestamp,
        )


@dataclass(frozen=True)
class GoalInfo:
    id: str
    text: str  # redacted
    status: str
    due: dt.date | None


@dataclass(frozen=True)
class MeetingInfo:
    date: dt.date
    status: str

    def to_event(self) -> MeetingEvent:
        return MeetingEvent(date=self.date, status=self.status)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ImportInfo:
    file_name: str
    format: str
    messages_new: int
    messages_skipped: int
    imported_at: dt.datetime


@dataclass
class NewMessage:
    """A message ready to store: text already redacted, hash already keyed."""

    sender_id: int | None
    role: str | None
    timestamp: dt.datetime | None
    text: str
    thread: str
    source: str
    source_id: str | None
    content_hash: str


def _sort_key(msg: m.Message) -> tuple[bool, dt.datetime, int]:
    ts = msg.timestamp or dt.datetime.max.replace(tzinfo=dt.UTC)
    return (msg.timestamp is None, ts, msg.seq)


class ConversationStore:
    """Programs, rosters, pairs, redacted messages, goals, meetings and sealed pseudonym maps."""

    def __init__(
        self,
        engine: Engine,
        vault: PseudonymVault,
        sealer: FieldSealer,
        *,
        migrate: bool = True,
    ) -> None:
        self.engine = engine
        self.vault = vault
        self.sealer = sealer
        if migrate:
            upgrade(engine)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def from_url(cls, url: str, vault: PseudonymVault, sealer: FieldSealer) -> ConversationStore:
        return cls(make_engine(url), vault, sealer)

    def close(self) -> None:
        self.engine.dispose()

    # -- unit of work ------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[StoreTransaction]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
            yield StoreTransaction(session, self.vault, self.sealer)

    # -- reads -------------------------------------------------------------------------
    def programs(self) -> list[ProgramInfo]:
        with self._sessions() as s:
            rows = s.scalars(select(m.Program).order_by(m.Program.id))
            return [ProgramInfo(p.id, p.name, p.timezone) for p in rows]

    def program(self, program_id: str) -> ProgramInfo:
        with self._sessions() as s:
            p = s.get(m.Program, program_id)
            if p is None:
                raise StoreError(f"no program {program_id!r}; import its program.yaml first")
            return ProgramInfo(p.id, p.name, p.timezone)

    def participants(self, program_id: str) -> list[ParticipantInfo]:
        with self._sessions() as s:
            rows = s.scalars(
                select(m.Participant)
                .where(m.Participant.program_id == program_id)
                .order_by(m.Participant.key)
            )
            return [_participant_info(p, self.sealer) for p in rows]

    def pairs(self, program_id: str) -> list[PairInfo]:
        with self._sessions() as s:
            return [_pair_info(s, p) for p in _pairs(s, program_id)]

    def pair(self, program_id: str, pair_id: str) -> PairInfo:
        with self._sessions() as s:
            return _pair_info(s, _pair(s, program_id, pair_id))

    def messages(
        self, program_id: str, pair_id: str, *, thread: str | None = CHAT
    ) -> list[StoredMessage]:
        """The pair's messages in conversation order; ``thread=None`` returns every thread."""
        with self._sessions() as s:
            pair = _pair(s, program_id, pair_id)
            query = select(m.Message).where(
                m.Message.program_id == program_id, m.Message.pair_id == pair.id
            )
            if thread is not None:
                query = query.where(m.Message.thread == thread)
            rows = sorted(s.scalars(query), key=lambda r: (r.thread, *_sort_key(r)))
            keys = _participant_keys(s, program_id)
            return [_stored(r, pair.key, keys) for r in rows]

    def threads(self, program_id: str, pair_id: str) -> list[str]:
        with self._sessions() as s:
            pair = _pair(s, program_id, pair_id)
            rows = s.scalars(
                select(m.Message.thread).where(m.Message.pair_id == pair.id).distinct()
            )
            return sorted(rows)

    def goals(self, program_id: str, pair_id: str) -> list[GoalInfo]:
        with self._sessions() as s:
            pair = _pair(s, program_id, pair_id)
            rows = s.scalars(
                select(m.Goal)
                .where(m.Goal.program_id == program_id, m.Goal.pair_id == pair.id)
                .order_by(m.Goal.key)
            )
            return [GoalInfo(g.key, g.text, g.status, g.due) for g in rows]

    def meetings(self, program_id: str, pair_id: str) -> list[MeetingInfo]:
        with self._sessions() as s:
            pair = _pair(s, program_id, pair_id)
            rows = s.scalars(
                select(m.Meeting)
                .where(m.Meeting.program_id == program_id, m.Meeting.pair_id == pair.id)
                .order_by(m.Meeting.date)
            )
            return [MeetingInfo(r.date, r.status) for r in rows]

    def pseudonyms(self, program_id: str, pair_id: str) -> PseudonymMap:
        """The pair's placeholder map, opened with the vault (empty before the first import)."""
        with self._sessions() as s:
            pair = _pair(s, program_id, pair_id)
            secret = s.get(m.PairSecret, pair.id)
            return self.vault.open(secret.token) if secret is not None else PseudonymMap()

    def roster_names(self, program_id: str, pair_id: str) -> list[str]:
        """Names the redactor must catch in this pair's text: both people, aliases, profiles."""
        with self._sessions() as s:
            return StoreTransaction(s, self.vault, self.sealer).roster_names(
                _pair(s, program_id, pair_id)
            )

    def imports(self, program_id: str) -> list[ImportInfo]:
        with self._sessions() as s:
            rows = s.scalars(
                select(m.ImportRecord)
                .where(m.ImportRecord.program_id == program_id)
                .order_by(m.ImportRecord.id)
            )
            return [
                ImportInfo(r.file_name, r.format, r.messages_new, r.messages_skipped, r.imported_at)
                for r in rows
            ]

    def counts(self, program_id: str) -> dict[str, int]:
        """Row counts per table for one program (for summaries and tests)."""
        tables: dict[str, Any] = {
            "participants": m.Participant,
            "pairs": m.Pair,
            "messages": m.Message,
            "goals": m.Goal,
            "meetings": m.Meeting,
            "imports": m.ImportRecord,
        }
        with self._sessions() as s:
            return {
                name: s.scalar(
                    select(func.count()).select_from(t).where(t.program_id == program_id)
                )
                or 0
                for name, t in tables.items()
            }


@dataclass
class StoreTransaction:
    """Write helpers bound to one open session (see :meth:`ConversationStore.transaction`)."""

    session: Session
    vault: PseudonymVault
    sealer: FieldSealer
    _maps: dict[int, PseudonymMap] = field(default_factory=dict)

    # -- roster ------------------------------------------------------------------------
    def upsert_program(self, program_id: str, name: str, timezone: str) -> bool:
        row = self.session.get(m.Program, program_id)
        if row is None:
            self.session.add(m.Program(id=program_id, name=name, timezone=timezone))
            self.session.flush()
            return True
        changed = (row.name, row.timezone) != (name, timezone)
        row.name, row.timezone = name, timezone
        return changed

    def program(self, program_id: str) -> m.Program:
        row = self.session.get(m.Program, program_id)
        if row is None:
            raise StoreError(f"no program {program_id!r}; import its program.yaml first")
        return row

    def upsert_participant(
        self,
        program_id: str,
        key: str,
        role: str,
        display_name: str,
        aliases: Sequence[str] = (),
        emails: Sequence[str] = (),
    ) -> tuple[m.Participant, bool]:
        identity = {"display_name": display_name, "aliases": list(aliases), "emails": list(emails)}
        email_hash = self.sealer.email_hash(emails[0]) if emails else None
        row = self.session.scalar(
            select(m.Participant).where(
                m.Participant.program_id == program_id, m.Participant.key == key
            )
        )
        if row is None:
            row = m.Participant(
                program_id=program_id,
                key=key,
                role=role,
                identity=self.sealer.seal(identity),
                email_hash=email_hash,
            )
            self.session.add(row)
            self.session.flush()
            return row, True
        if row.role == role and self.sealer.open(row.identity) == identity:
            return row, False
        row.role, row.identity, row.email_hash = role, self.sealer.seal(identity), email_hash
        return row, True

    def upsert_pair(
        self,
        program_id: str,
        key: str,
        mentor: m.Participant,
        mentee: m.Participant,
        profile_names: Sequence[str] = (),
        started: dt.date | None = None,
    ) -> tuple[m.Pair, bool]:
        identity = {"profile_names": list(profile_names)}
        row = self.session.scalar(
            select(m.Pair).where(m.Pair.program_id == program_id, m.Pair.key == key)
        )
        if row is None:
            row = m.Pair(
                program_id=program_id,
                key=key,
                mentor_id=mentor.id,
                mentee_id=mentee.id,
                identity=self.sealer.seal(identity),
                started=started,
            )
            self.session.add(row)
            self.session.flush()
            return row, True
        same = (row.mentor_id, row.mentee_id, row.started) == (mentor.id, mentee.id, started)
        if same and self.sealer.open(row.identity) == identity:
            return row, False
        row.mentor_id, row.mentee_id, row.started = mentor.id, mentee.id, started
        row.identity = self.sealer.seal(identity)
        return row, True

    def participants(self, program_id: str) -> list[tuple[m.Participant, ParticipantInfo]]:
        rows = self.session.scalars(
            select(m.Participant).where(m.Participant.program_id == program_id)
        )
        return [(p, _participant_info(p, self.sealer)) for p in rows]

    def pairs(self, program_id: str) -> list[m.Pair]:
        return _pairs(self.session, program_id)

    def roster_names(self, pair: m.Pair) -> list[str]:
        """Both people's names and aliases, the pair's profile names, and every other
        roster member's full name (staff post in pair channels; people mention each other)."""
        names: list[str] = []
        for participant, info in self.participants(pair.program_id):
            if participant.id in (pair.mentor_id, pair.mentee_id):
                names.extend(info.names)
            else:
                names.append(info.display_name)
        names.extend(str(n) for n in self.sealer.open(pair.identity).get("profile_names", []))
        return list(dict.fromkeys(n for n in names if n.strip()))

    # -- pseudonyms --------------------------------------------------------------------
    def pseudonyms(self, pair: m.Pair) -> PseudonymMap:
        """The pair's map for extending in this transaction (row-locked on PostgreSQL)."""
        if pair.id not in self._maps:
            secret = self.session.scalar(
                select(m.PairSecret).where(m.PairSecret.pair_id == pair.id).with_for_update()
            )
            self._maps[pair.id] = (
                self.vault.open(secret.token) if secret is not None else PseudonymMap()
            )
        return self._maps[pair.id]

    def save_pseudonyms(self) -> None:
        """Seal every map loaded in this transaction back into ``pair_secret``."""
        for pair_id, mapping in self._maps.items():
            secret = self.session.get(m.PairSecret, pair_id)
            pair = self.session.get(m.Pair, pair_id)
            assert pair is not None
            token = self.vault.seal(mapping)
            if secret is None:
                self.session.add(
                    m.PairSecret(pair_id=pair_id, program_id=pair.program_id, token=token)
                )
            elif self.vault.open(secret.token).to_dict() != mapping.to_dict():
                secret.token = token

    # -- goals and meetings ------------------------------------------------------------
    def upsert_goal(
        self, pair: m.Pair, key: str, text: str, status: str, due: dt.date | None
    ) -> bool:
        row = self.session.scalar(
            select(m.Goal).where(m.Goal.pair_id == pair.id, m.Goal.key == key)
        )
        if row is None:
            self.session.add(
                m.Goal(
                    program_id=pair.program_id,
                    pair_id=pair.id,
                    key=key,
                    text=text,
                    status=status,
                    due=due,
                )
            )
            return True
        if (row.text, row.status, row.due) == (text, status, due):
            return False
        row.text, row.status, row.due = text, status, due
        return True

    def upsert_meeting(self, pair: m.Pair, date: dt.date, status: str) -> bool:
        row = self.session.scalar(
            select(m.Meeting).where(m.Meeting.pair_id == pair.id, m.Meeting.date == date)
        )
        if row is None:
            self.session.add(
                m.Meeting(program_id=pair.program_id, pair_id=pair.id, date=date, status=status)
            )
            return True
        if row.status == status:
            return False
        row.status = status
        return True

    # -- messages ----------------------------------------------------------------------
    def known_messages(self, pair: m.Pair) -> tuple[set[str], set[str]]:
        """(source ids, content hashes) already stored for the pair."""
        rows = self.session.execute(
            select(m.Message.source_id, m.Message.content_hash).where(m.Message.pair_id == pair.id)
        )
        sources: set[str] = set()
        hashes: set[str] = set()
        for source_id, content_hash in rows:
            if source_id:
                sources.add(source_id)
            hashes.add(content_hash)
        return sources, hashes

    def add_messages(
        self, pair: m.Pair, messages: Sequence[NewMessage], import_id: int | None
    ) -> None:
        seq = (
            self.session.scalar(
                select(func.coalesce(func.max(m.Message.seq), 0)).where(
                    m.Message.pair_id == pair.id
                )
            )
            or 0
        )
        for i, msg in enumerate(messages, start=1):
            self.session.add(
                m.Message(
                    program_id=pair.program_id,
                    pair_id=pair.id,
                    sender_id=msg.sender_id,
                    role=msg.role,
                    timestamp=msg.timestamp,
                    thread=msg.thread,
                    seq=seq + i,
                    text=msg.text,
                    source=msg.source,
                    source_id=msg.source_id,
                    content_hash=msg.content_hash,
                    import_id=import_id,
                )
            )
        self.session.flush()

    def thread_messages(self, pair: m.Pair, thread: str) -> list[StoredMessage]:
        rows = self.session.scalars(
            select(m.Message).where(m.Message.pair_id == pair.id, m.Message.thread == thread)
        )
        keys = _participant_keys(self.session, pair.program_id)
        return [_stored(r, pair.key, keys) for r in sorted(rows, key=_sort_key)]

    def threads_missing_features(self, program_id: str) -> list[tuple[m.Pair, str]]:
        """(pair, thread) where some mentor/mentee message has no features yet."""
        rows = self.session.execute(
            select(m.Message.pair_id, m.Message.thread)
            .where(
                m.Message.program_id == program_id,
                m.Message.features.is_(None),
                m.Message.role.in_(PAIR_ROLES),
            )
            .distinct()
        )
        out: list[tuple[m.Pair, str]] = []
        for pair_id, thread in sorted(rows):
            pair = self.session.get(m.Pair, pair_id)
            assert pair is not None
            out.append((pair, thread))
        return out

    def set_features(self, features: dict[int, dict[str, Any]]) -> None:
        for message_id, value in features.items():
            row = self.session.get(m.Message, message_id)
            if row is not None:
                row.features = value

    def record_import(
        self, program_id: str, file_name: str, file_hash: str, fmt: str
    ) -> m.ImportRecord:
        row = m.ImportRecord(
            program_id=program_id, file_name=file_name, file_hash=file_hash, format=fmt
        )
        self.session.add(row)
        self.session.flush()
        return row


# -- helpers -------------------------------------------------------------------------------
def _pairs(s: Session, program_id: str) -> list[m.Pair]:
    return list(
        s.scalars(select(m.Pair).where(m.Pair.program_id == program_id).order_by(m.Pair.key))
    )


def _pair(s: Session, program_id: str, pair_id: str) -> m.Pair:
    row = s.scalar(select(m.Pair).where(m.Pair.program_id == program_id, m.Pair.key == pair_id))
    if row is None:
        raise StoreError(f"no pair {pair_id!r} in program {program_id!r}")
    return row


def _participant_keys(s: Session, program_id: str) -> dict[int, str]:
    rows = s.execute(
        select(m.Participant.id, m.Participant.key).where(m.Participant.program_id == program_id)
    )
    return {pid: key for pid, key in rows}


def _pair_info(s: Session, pair: m.Pair) -> PairInfo:
    keys = _participant_keys(s, pair.program_id)
    return PairInfo(
        pair.program_id, pair.key, keys[pair.mentor_id], keys[pair.mentee_id], pair.started
    )


def _participant_info(p: m.Participant, sealer: FieldSealer) -> ParticipantInfo:
    identity = sealer.open(p.identity)
    return ParticipantInfo(
        key=p.key,
        role=p.role,
        display_name=str(identity.get("display_name", "")),
        aliases=tuple(str(a) for a in identity.get("aliases", [])),
        emails=tuple(str(e) for e in identity.get("emails", [])),
    )


def _stored(r: m.Message, pair_key: str, keys: dict[int, str]) -> StoredMessage:
    return StoredMessage(
        id=str(r.id),
        pair_id=pair_key,
        sender=keys.get(r.sender_id) if r.sender_id is not None else None,
        role=r.role,
        timestamp=r.timestamp,
        text=r.text,
        thread=r.thread,
        source=r.source,
        features=r.features,
    )
