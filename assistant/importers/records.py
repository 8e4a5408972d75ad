"""What every format parser produces: raw messages with where they came from.

Parsers only read and validate; they never touch the store. Sender references are
resolved to roster participants (and messages to pairs) by :mod:`assistant.importers.service`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assistant.importers.errors import ImportFileError

CHAT = "chat"


@dataclass
class RawMessage:
    """One message as read. ``text`` is raw here and is redacted before anything stores it."""

    line: int
    sender: str  # roster id, name, alias or email; resolved later
    text: str
    timestamp: dt.datetime | None = None
    source_id: str | None = None
    pair: str | None = None
    thread: str = CHAT
    role: str | None = None
    # How errors name this message's fields ("messages[3]." inside a JSON document).
    field_prefix: str = ""
    # Slack: the sender is already a roster key (matched by email).
    sender_is_key: bool = False

    def __repr__(self) -> str:  # never print text
        return f"RawMessage(line={self.line}, {len(self.text)} chars)"


@dataclass
class ParsedFile:
    """A parsed import unit: its messages and notes about what was skipped and why."""

    source: str
    format: str
    messages: list[RawMessage] = field(default_factory=list)
    pair: str | None = None  # a pair id that applies to the whole file
    notes: list[str] = field(default_factory=list)  # counts and ids only


def parse_timestamp(
    value: object, tz: dt.tzinfo, source: str, line: int, field_name: str
) -> dt.datetime | None:
    """An ISO 8601 date/time; naive values are read in the program's time zone."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ImportFileError(source, line, field_name, "not an ISO 8601 date")
    text = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ImportFileError(source, line, field_name, "not an ISO 8601 date") from None
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed


def zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None
