"""The conversation store: redacted messages, rosters, goals, meetings, sealed pseudonym maps.

SQLite by default, PostgreSQL by URL; Alembic owns the schema and the store upgrades it to
head on start. Read through :class:`ConversationStore`, always with a program id.
"""

from assistant.store.repository import (
    CHAT,
    ConversationStore,
    GoalInfo,
    ImportInfo,
    MeetingInfo,
    PairInfo,
    ParticipantInfo,
    ProgramInfo,
    StoredMessage,
    StoreError,
    StoreTransaction,
)
from assistant.store.sealing import FieldSealer, SealError

__all__ = [
    "CHAT",
    "ConversationStore",
    "FieldSealer",
    "GoalInfo",
    "ImportInfo",
    "MeetingInfo",
    "PairInfo",
    "ParticipantInfo",
    "ProgramInfo",
    "SealError",
    "StoreError",
    "StoreTransaction",
    "StoredMessage",
]
