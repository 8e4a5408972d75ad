"""Slack workspace exports (a folder or a .zip) as pair conversations.

An export holds ``users.json``, ``channels.json`` (public), ``groups.json`` (private),
``dms.json`` and ``mpims.json``, and one folder per conversation (named after the channel,
or the DM's id) with one JSON file per day: a list of message objects.

- Users are matched to roster participants by email (``profile.email`` against the
  roster's ``email`` or ``slack_email``). Messages from unmatched users are skipped.
- A conversation belongs to a pair when exactly one pair has both its mentor and its
  mentee among the members; other channels (a program-wide #general) are skipped.
- Join/leave, topic and other housekeeping subtypes are skipped.
- Mentions (``<@U123>``) become the person's roster name before redaction, so they get
  the same placeholder as the name typed out; links become their label.

Each day file is its own import unit, so a malformed one never blocks the rest.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from assistant.importers.errors import ImportFileError
from assistant.importers.jsonpos import line_of, load_with_lines
from assistant.importers.records import ParsedFile, RawMessage

KEPT_SUBTYPES = frozenset({None, "thread_broadcast", "file_share", "me_message", "reply_broadcast"})
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#C[A-Z0-9]+\|([^>]*)>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!(here|channel|everyone)(?:\|[^>]*)?>")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")


@dataclass(frozen=True)
class RosterPerson:
    """What Slack matching needs from a roster participant."""

    key: str
    display_name: str
    emails: tuple[str, ...]


@dataclass(frozen=True)
class RosterPair:
    key: str
    mentor: str
    mentee: str


class _Export:
    """Uniform read access to an export folder or zip."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip = zipfile.ZipFile(path) if path.is_file() else None
        names = self._names()
        root = next((n for n in names if PurePosixPath(n).name == "users.json"), None)
        if root is None:
            raise ImportFileError(str(path), None, "users.json", "not found in the export")
        self.root = str(PurePosixPath(root).parent)
        self.root = "" if self.root == "." else self.root + "/"

    def _names(self) -> list[str]:
        if self._zip is not None:
            return [n for n in self._zip.namelist() if not n.endswith("/")]
        return [p.relative_to(self.path).as_posix() for p in self.path.rglob("*") if p.is_file()]

    def label(self, name: str) -> str:
        return f"{self.path}/{name}"

    def exists(self, name: str) -> bool:
        full = self.root + name
        if self._zip is not None:
            return full in self._zip.namelist()
        return (self.path / full).is_file()

    def read(self, name: str) -> bytes:
        full = self.root + name
        if self._zip is not None:
            return self._zip.read(full)
        return (self.path / full).read_bytes()

    def days(self, folder: str) -> list[str]:
        prefix = self.root + folder + "/"
        names = [n for n in self._names() if n.startswith(prefix)]
        return sorted(n[len(self.root) :] for n in names if _DAY.match(PurePosixPath(n).name))

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


def _load(export: _Export, name: str) -> Any:
    label = export.label(name)
    try:
        text = export.read(name).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(label, None, None, f"invalid UTF-8 at byte {exc.start}") from None
    return load_with_lines(text, label)


def is_slack_export(path: Path) -> bool:
    if path.is_dir():
        return (path / "users.json").is_file()
    if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            return any(PurePosixPath(n).name == "users.json" for n in zf.namelist())
    return False


def _clean_text(text: str, names: Mapping[str, str]) -> str:
    text = _MENTION.sub(lambda m: names.get(m.group(1), "someone"), text)
    text = _CHANNEL.sub(lambda m: "#" + m.group(1), text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1).removeprefix("mailto:"), text)
    text = _SPECIAL.sub(lambda m: "@" + m.group(1), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def parse_slack_export(
    path: Path, people: Sequence[RosterPerson], pairs: Sequence[RosterPair]
) -> tuple[list[ParsedFile | ImportFileError], list[str]]:
    """One :class:`ParsedFile` per day file of each pair conversation, plus export notes.

    A malformed day file comes back as its :class:`ImportFileError` in place of the file.
    Raises :class:`ImportFileError` when the export's metadata (users, channel lists) is
    unusable; then nothing from the export is imported."""
    export = _Export(path)
    try:
        return _parse(export, people, pairs)
    finally:
        export.close()


def _parse(
    export: _Export, people: Sequence[RosterPerson], pairs: Sequence[RosterPair]
) -> tuple[list[ParsedFile | ImportFileError], list[str]]:
    by_email = {e.casefold(): p for p in people for e in p.emails}
    users = _load(export, "users.json")
    if not isinstance(users, list):
        raise ImportFileError(export.label("users.json"), 1, None, "expected a list of users")
    user_key: dict[str, str] = {}
    mention_name: dict[str, str] = {}
    for i, user in enumerate(users):
        label = export.label("users.json")
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            raise ImportFileError(label, line_of(user) or 1, f"[{i}].id", "missing or not a string")
        profile = user.get("profile") if isinstance(user.get("profile"), dict) else {}
        email = profile.get("email") if isinstance(profile, dict) else None
        person = by_email.get(email.casefold()) if isinstance(email, str) else None
        real = user.get("real_name") or (profile or {}).get("real_name")
        if person is not None:
            user_key[user["id"]] = person.key
            mention_name[user["id"]] = person.display_name
        elif isinstance(real, str) and real.strip():
            mention_name[user["id"]] = real

    notes: list[str] = []
    conversations: list[tuple[str, str, list[str]]] = []  # (folder, channel id, member ids)
    for listing, folder_by in (
        ("channels.json", "name"),
        ("groups.json", "name"),
        ("dms.json", "id"),
        ("mpims.json", "name"),
    ):
        if not export.exists(listing):
            continue
        items = _load(export, listing)
        if not isinstance(items, list):
            raise ImportFileError(export.label(listing), 1, None, "expected a list")
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise ImportFileError(
                    export.label(listing), line_of(item) or 1, f"[{i}]", "expected an object"
                )
            folder, cid, members = item.get(folder_by), item.get("id"), item.get("members", [])
            if not isinstance(folder, str) or not isinstance(cid, str):
                raise ImportFileError(
                    export.label(listing), line_of(item) or 1, f"[{i}].{folder_by}", "missing"
                )
            if not isinstance(members, list):
                raise ImportFileError(
                    export.label(listing), line_of(item) or 1, f"[{i}].members", "must be a list"
                )
            conversations.append((folder, cid, [str(m) for m in members]))

    out: list[ParsedFile | ImportFileError] = []
    for folder, cid, members in conversations:
        keys = {user_key[m] for m in members if m in user_key}
        matches = [p for p in pairs if p.mentor in keys and p.mentee in keys]
        days = export.days(folder)
        if len(matches) != 1:
            why = "no pair" if not matches else f"{len(matches)} pairs"
            notes.append(
                f"{export.label(folder)}: not a pair conversation ({why} among its members, "
                f"{len(days)} day files)"
            )
            continue
        pair = matches[0].key
        for day in days:
            try:
                out.append(_parse_day(export, day, cid, pair, user_key, mention_name))
            except ImportFileError as exc:  # this day fails; the others still import
                out.append(exc)
    return out, notes


def _parse_day(
    export: _Export,
    name: str,
    channel_id: str,
    pair: str,
    user_key: Mapping[str, str],
    mention_name: Mapping[str, str],
) -> ParsedFile:
    label = export.label(name)
    parsed = ParsedFile(source=label, format="slack", pair=pair)
    doc = _load(export, name)
    if not isinstance(doc, list):
        raise ImportFileError(label, 1, None, "expected a list of messages")
    skipped_subtype = skipped_user = 0
    for i, msg in enumerate(doc):
        line = line_of(msg) or 1
        if not isinstance(msg, dict):
            raise ImportFileError(label, line, f"[{i}]", "expected an object")
        if msg.get("type", "message") != "message" or msg.get("subtype") not in KEPT_SUBTYPES:
            skipped_subtype += 1
            continue
        ts = msg.get("ts")
        try:
            when = dt.datetime.fromtimestamp(float(ts), tz=dt.UTC)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ImportFileError(label, line, f"[{i}].ts", "not a Slack timestamp") from None
        user = msg.get("user")
        if not isinstance(user, str):
            raise ImportFileError(label, line, f"[{i}].user", "missing or not a string")
        text = msg.get("text", "")
        if not isinstance(text, str):
            raise ImportFileError(label, line, f"[{i}].text", "not a string")
        if user not in user_key:
            skipped_user += 1
            continue
        parsed.messages.append(
            RawMessage(
                line=line,
                sender=user_key[user],
                sender_is_key=True,
                text=_clean_text(text, mention_name),
                timestamp=when,
                source_id=f"slack:{channel_id}:{ts}",
                pair=pair,
                field_prefix=f"[{i}].",
            )
        )
    if skipped_subtype:
        parsed.notes.append(f"{skipped_subtype} housekeeping messages skipped")
    if skipped_user:
        parsed.notes.append(f"{skipped_user} messages from users not on the roster skipped")
    return parsed
