"""Validate the sample mentoring program in ``examples/program/``.

Checks, without importing mentorlens itself (stdlib + PyYAML only):

* ``program.yaml``: unique participant ids, known roles, names/aliases/emails that
  resolve to exactly one participant, pairs that point at a mentor and a mentee,
  goal and meeting fields (statuses, dates; past meetings are not ``scheduled``).
* ``conversations/``: every file is a known format (JSONL, JSON, CSV + mapping,
  Slack export); every sender maps to a roster participant of that pair (or the
  coordinator); message ids are unique across all sources; timestamps parse and fall
  between the program start and "today"; every pair has exactly one source.
* ``transcripts/``: file names ``<pair-id>_<YYYY-MM-DD>.vtt|.srt`` name a held meeting,
  cues parse and every speaker is the pair's mentor or mentee.
* ``evals/prep/expected_points.yaml`` and ``evals/engagement/sample_pairs.yaml`` (when
  present): one entry per pair, unique item ids, lowercase keywords, known bands.

Usage: ``python examples/program/check_program.py [--today 2026-11-24]``.
Exit status 0 when there are no errors (warnings are printed but do not fail).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

ROLES = {"mentor", "mentee", "coordinator"}
GOAL_STATUSES = {"not_started", "in_progress", "done", "missed", "dropped"}
MEETING_STATUSES = {"held", "cancelled", "no_show", "scheduled"}
BANDS = {"healthy", "watch", "at_risk"}
CSV_REQUIRED = ("id", "timestamp", "sender", "text", "pair")
# Slack message subtypes that carry a real message; everything else (channel_join,
# channel_leave, channel_topic, pinned_item, ...) is an event and is skipped.
SLACK_CONTENT_SUBTYPES = {None, "thread_broadcast", "file_share", "me_message"}
MENTION_RE = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
TRANSCRIPT_NAME_RE = re.compile(
    r"^(?P<pair>[a-z0-9-]+)_(?P<date>\d{4}-\d{2}-\d{2})\.(?P<ext>vtt|srt)$"
)
CUE_TIME_RE = re.compile(
    r"^(\d{2,}):(\d{2}):(\d{2})[.,](\d{3})\s+-->\s+(\d{2,}):(\d{2}):(\d{2})[.,](\d{3})"
)
VOICE_RE = re.compile(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*?)(?:</v>)?$")
SPEAKER_RE = re.compile(r"^([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}):\s+(.*)$")


@dataclass(frozen=True)
class Participant:
    id: str
    role: str
    name: str
    aliases: tuple[str, ...]
    emails: tuple[str, ...]


@dataclass(frozen=True)
class Pair:
    id: str
    mentor: str
    mentee: str
    started: date
    meetings: tuple[tuple[date, str], ...]


@dataclass(frozen=True)
class Message:
    source: str
    id: str
    pair: str | None
    sender: str
    timestamp: datetime
    text: str


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, msg: str) -> None:
        self.errors.append(msg)

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)


def norm(s: str) -> str:
    """Case- and whitespace-insensitive key for names, aliases and emails."""
    return " ".join(s.split()).casefold()


def as_date(value: Any) -> date | None:
    """YAML gives ``date`` objects for bare dates; accept ISO strings too."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


class Roster:
    """Participants plus the lookups importers use to match senders."""

    def __init__(self, participants: list[Participant], report: Report) -> None:
        self.by_id = {p.id: p for p in participants}
        self.by_name: dict[str, str] = {}
        self.by_email: dict[str, str] = {}
        for p in participants:
            for key in (p.name, *p.aliases):
                self._add(self.by_name, norm(key), p.id, "name/alias", report)
            for email in p.emails:
                self._add(self.by_email, norm(email), p.id, "email", report)

    @staticmethod
    def _add(table: dict[str, str], key: str, pid: str, kind: str, report: Report) -> None:
        if key in table and table[key] != pid:
            report.error(f"program.yaml: {kind} {key!r} is used by both {table[key]} and {pid}")
        table[key] = pid

    def resolve_name(self, value: str) -> str | None:
        """Participant id for a participant id, display name or alias."""
        if value in self.by_id:
            return value
        return self.by_name.get(norm(value))


def load_program(report: Report) -> tuple[ZoneInfo, Roster, dict[str, Pair]]:
    path = HERE / "program.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    prog = doc.get("program") or {}
    for key in ("id", "name", "timezone"):
        if not prog.get(key):
            report.error(f"program.yaml: program.{key} is missing")
    tz = ZoneInfo(prog.get("timezone") or "UTC")

    participants: list[Participant] = []
    seen: set[str] = set()
    for raw in doc.get("participants") or []:
        pid = str(raw.get("id", ""))
        if not pid or pid in seen:
            report.error(f"program.yaml: participant id {pid!r} missing or duplicated")
        seen.add(pid)
        if raw.get("role") not in ROLES:
            report.error(f"program.yaml: {pid}: role {raw.get('role')!r} not in {sorted(ROLES)}")
        if not raw.get("name"):
            report.error(f"program.yaml: {pid}: name is missing")
        emails = tuple(str(raw[k]) for k in ("email", "slack_email") if raw.get(k))
        participants.append(
            Participant(
                pid,
                str(raw.get("role")),
                str(raw.get("name", "")),
                tuple(str(a) for a in raw.get("aliases") or []),
                emails,
            )
        )
    roster = Roster(participants, report)

    pairs: dict[str, Pair] = {}
    for raw in doc.get("pairs") or []:
        pair_id = str(raw.get("id", ""))
        where = f"program.yaml: pair {pair_id}"
        if not pair_id or pair_id in pairs:
            report.error(f"{where}: id missing or duplicated")
        for role in ("mentor", "mentee"):
            who = roster.by_id.get(str(raw.get(role)))
            if who is None or who.role != role:
                report.error(f"{where}: {role} {raw.get(role)!r} is not a roster {role}")
        started = as_date(raw.get("started"))
        if started is None:
            report.error(f"{where}: started {raw.get('started')!r} is not a date")
            started = date.min
        goal_ids = [str(g.get("id")) for g in raw.get("goals") or []]
        for gid, n in Counter(goal_ids).items():
            if n > 1:
                report.error(f"{where}: goal id {gid} duplicated")
        for g in raw.get("goals") or []:
            if not g.get("text"):
                report.error(f"{where}: goal {g.get('id')} has no text")
            if g.get("status") not in GOAL_STATUSES:
                report.error(f"{where}: goal {g.get('id')} status {g.get('status')!r} unknown")
            if "due" in g and as_date(g["due"]) is None:
                report.error(f"{where}: goal {g.get('id')} due {g['due']!r} is not a date")
        meetings: list[tuple[date, str]] = []
        for m in raw.get("meetings") or []:
            d = as_date(m.get("date"))
            if d is None or m.get("status") not in MEETING_STATUSES:
                report.error(f"{where}: bad meeting {m!r}")
                continue
            meetings.append((d, str(m["status"])))
        if [d for d, _ in meetings] != sorted({d for d, _ in meetings}):
            report.error(f"{where}: meeting dates must be unique and in order")
        for name in raw.get("profile_names") or []:
            if not isinstance(name, str) or not name.strip():
                report.error(f"{where}: bad profile_names entry {name!r}")
        pairs[pair_id] = Pair(
            pair_id, str(raw.get("mentor")), str(raw.get("mentee")), started, tuple(meetings)
        )
    return tz, roster, pairs


def parse_ts(value: Any, tz: ZoneInfo, naive_ok: bool) -> datetime | None:
    """Aware datetime for an ISO-8601 string (``Z`` allowed); naive only if ``naive_ok``."""
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        return dt.replace(tzinfo=tz) if naive_ok else None
    return dt


def load_jsonl(path: Path, tz: ZoneInfo, report: Report) -> list[Message]:
    out: list[Message] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{rel(path)}:{n}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            report.error(f"{where}: not JSON ({exc})")
            continue
        msg = message_from(raw, raw.get("pair"), where, tz, report)
        if msg:
            out.append(msg)
    return out


def load_json(path: Path, tz: ZoneInfo, report: Report) -> list[Message]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    out: list[Message] = []
    for i, raw in enumerate(doc.get("messages") or []):
        msg = message_from(raw, raw.get("pair", doc.get("pair")), f"{rel(path)}[{i}]", tz, report)
        if msg:
            out.append(msg)
    return out


def message_from(
    raw: dict[str, Any], pair: Any, where: str, tz: ZoneInfo, report: Report
) -> Message | None:
    """Message from a JSON/JSONL record whose sender is a participant id."""
    missing = [k for k in ("id", "sender", "timestamp", "text") if not raw.get(k)]
    if missing or not pair:
        report.error(f"{where}: missing {missing + ([] if pair else ['pair'])}")
        return None
    ts = parse_ts(raw["timestamp"], tz, naive_ok=False)
    if ts is None:
        report.error(f"{where}: timestamp {raw['timestamp']!r} is not ISO-8601 with an offset")
        return None
    return Message(where, str(raw["id"]), str(pair), str(raw["sender"]), ts, str(raw["text"]))


def load_csv(
    path: Path, roster: Roster, tz: ZoneInfo, pairs: dict[str, Pair], report: Report
) -> list[Message]:
    mapping_path = path.with_name(path.name + ".mapping.yaml")
    if not mapping_path.exists():
        report.error(f"{rel(path)}: no sidecar {mapping_path.name}")
        return []
    mapping = yaml.safe_load(mapping_path.read_text(encoding="utf-8")) or {}
    for key in CSV_REQUIRED:
        if not mapping.get(key):
            report.error(f"{rel(mapping_path)}: {key} is not mapped")
            return []
    out: list[Message] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = set(reader.fieldnames or [])
        for key in ("id", "timestamp", "sender", "text"):
            if mapping[key] not in header:
                report.error(f"{rel(mapping_path)}: column {mapping[key]!r} not in the CSV header")
                return []
        pair_col = mapping["pair"] if mapping["pair"] in header else None
        if pair_col is None and mapping["pair"] not in pairs:
            report.error(
                f"{rel(mapping_path)}: pair {mapping['pair']!r} is neither a column nor a pair id"
            )
        for n, row in enumerate(reader, 2):
            where = f"{rel(path)}:{n}"
            sender = roster.resolve_name(row[mapping["sender"]])
            if sender is None:
                report.error(
                    f"{where}: sender {row[mapping['sender']]!r} matches no roster name/alias"
                )
                continue
            ts = parse_ts(row[mapping["timestamp"]], tz, naive_ok=True)
            if ts is None:
                report.error(f"{where}: timestamp {row[mapping['timestamp']]!r} does not parse")
                continue
            pair = row[pair_col] if pair_col else str(mapping["pair"])
            out.append(Message(where, row[mapping["id"]], pair, sender, ts, row[mapping["text"]]))
    return out


def load_slack(root: Path, roster: Roster, pairs: dict[str, Pair], report: Report) -> list[Message]:
    """Messages from a Slack export; conversations map to pairs by membership."""
    users = json.loads((root / "users.json").read_text(encoding="utf-8"))
    slack_to_pid: dict[str, str] = {}
    for u in users:
        email = (u.get("profile") or {}).get("email")
        if not email:
            continue  # Slackbot and other accounts without an email never post here
        pid = roster.by_email.get(norm(email))
        if pid is None:
            report.error(
                f"slack users.json: {u['id']} <{email}> matches no participant email/slack_email"
            )
        else:
            slack_to_pid[u["id"]] = pid

    conversations: list[tuple[str, str, str, list[str]]] = []  # (kind, id, folder, members)
    for fname, kind, folder_key in (
        ("channels.json", "channel", "name"),
        ("groups.json", "private", "name"),
        ("dms.json", "dm", "id"),
        ("mpims.json", "mpim", "name"),
    ):
        p = root / fname
        if p.exists():
            for c in json.loads(p.read_text(encoding="utf-8")):
                conversations.append((kind, c["id"], c[folder_key], list(c.get("members") or [])))

    known_folders = {folder for _, _, folder, _ in conversations}
    for child in root.iterdir():
        if child.is_dir() and child.name not in known_folders:
            report.error(
                f"slack: folder {child.name}/ is not listed in channels/groups/dms/mpims.json"
            )

    out: list[Message] = []
    for kind, conv_id, folder, members in conversations:
        member_pids = {slack_to_pid[m] for m in members if m in slack_to_pid}
        pair: str | None = None
        if kind != "channel":  # public channels are program-wide, never a pair's conversation
            matches = [p.id for p in pairs.values() if {p.mentor, p.mentee} <= member_pids]
            if len(matches) > 1:
                report.error(f"slack {folder}: members match several pairs {matches}")
                continue
            if not matches:
                report.warn(
                    f"slack {folder}: {kind} conversation matches no pair; treated as program-wide"
                )
            pair = matches[0] if matches else None
        for day_file in sorted((root / folder).glob("*.json")):
            for raw in json.loads(day_file.read_text(encoding="utf-8")):
                where = f"{rel(day_file)} ts={raw.get('ts')}"
                for mention in MENTION_RE.findall(raw.get("text", "")):
                    if mention not in slack_to_pid:
                        report.error(f"{where}: mention <@{mention}> is not a roster member")
                if raw.get("type") != "message" or raw.get("subtype") not in SLACK_CONTENT_SUBTYPES:
                    continue
                pid = slack_to_pid.get(str(raw.get("user")))
                if pid is None:
                    report.error(f"{where}: user {raw.get('user')!r} does not map to a participant")
                    continue
                try:
                    ts = datetime.fromtimestamp(float(raw["ts"]), tz=UTC)
                except (KeyError, ValueError):
                    report.error(f"{where}: bad ts")
                    continue
                if ts.strftime("%Y-%m-%d") != day_file.stem:
                    report.warn(f"{where}: UTC date differs from day file name")
                out.append(
                    Message(
                        where,
                        f"slack:{conv_id}:{raw['ts']}",
                        pair,
                        pid,
                        ts,
                        str(raw.get("text", "")),
                    )
                )
    return out


def load_conversations(
    tz: ZoneInfo, roster: Roster, pairs: dict[str, Pair], report: Report
) -> dict[str, list[Message]]:
    """All messages keyed by source (file, or Slack conversation folder)."""
    conv_dir = HERE / "conversations"
    sources: dict[str, list[Message]] = {}
    for path in sorted(conv_dir.iterdir()):
        if path.name == "slack-export" and path.is_dir():
            for msg in load_slack(path, roster, pairs, report):
                folder = msg.source.split("/")[-2]
                sources.setdefault(f"slack-export/{folder}", []).append(msg)
        elif path.suffix == ".jsonl":
            sources[path.name] = load_jsonl(path, tz, report)
        elif path.suffix == ".json":
            sources[path.name] = load_json(path, tz, report)
        elif path.suffix == ".csv":
            sources[path.name] = load_csv(path, roster, tz, pairs, report)
        elif path.name.endswith(".csv.mapping.yaml"):
            if not path.with_name(path.name.removesuffix(".mapping.yaml")).exists():
                report.error(f"{rel(path)}: mapping without a CSV")
        else:
            report.error(f"{rel(path)}: unknown conversation format")
    return sources


def check_messages(
    sources: dict[str, list[Message]],
    roster: Roster,
    pairs: dict[str, Pair],
    tz: ZoneInfo,
    today: date,
    report: Report,
) -> dict[str, int]:
    """Cross-source checks; returns message counts per pair."""
    ids = Counter(m.id for msgs in sources.values() for m in msgs)
    for mid, n in ids.items():
        if n > 1:
            report.error(f"message id {mid!r} used {n} times")

    pair_sources: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for source, msgs in sources.items():
        if not msgs:
            report.error(f"{source}: no messages")
        for m in msgs:
            person = roster.by_id.get(m.sender)
            if person is None:
                report.error(f"{m.source}: sender {m.sender!r} is not a roster participant id")
                continue
            if m.pair is None:  # program-wide Slack channel
                continue
            pair = pairs.get(m.pair)
            if pair is None:
                report.error(f"{m.source}: unknown pair {m.pair!r}")
                continue
            pair_sources[m.pair].add(source)
            counts[m.pair] += 1
            if m.sender not in (pair.mentor, pair.mentee) and person.role != "coordinator":
                report.error(f"{m.source}: {m.sender} is not in pair {m.pair}")
            local_day = m.timestamp.astimezone(tz).date()
            if local_day < pair.started or local_day > today:
                report.error(
                    f"{m.source}: {m.timestamp.isoformat()} is outside {pair.started}..{today}"
                )
        stamps = [m.timestamp for m in msgs]
        if stamps != sorted(stamps):
            report.warn(f"{source}: messages are not in time order")

    for pair_id in pairs:
        found = sorted(pair_sources.get(pair_id, set()))
        if len(found) != 1:
            report.error(f"pair {pair_id}: expected exactly one conversation source, found {found}")
        elif not 25 <= counts[pair_id] <= 70:
            report.warn(f"pair {pair_id}: {counts[pair_id]} messages (sample aims for 25-70)")
    return dict(counts)


def parse_cues(path: Path, report: Report) -> list[tuple[str, str]]:
    """(speaker, text) per cue of a WebVTT or SRT file."""
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8").replace("\r\n", "\n").strip())
    if path.suffix == ".vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            report.error(f"{rel(path)}: missing WEBVTT header")
        blocks = blocks[1:]
    cues: list[tuple[str, str]] = []
    last_end = -1.0
    for block in blocks:
        lines = block.splitlines()
        if lines and lines[0].startswith("NOTE"):
            continue
        idx = next((i for i, ln in enumerate(lines) if "-->" in ln), None)
        timing = CUE_TIME_RE.match(lines[idx]) if idx is not None else None
        if idx is None or timing is None:
            report.error(f"{rel(path)}: bad cue {block[:60]!r}")
            continue
        g = [int(x) for x in timing.groups()]
        start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        if not last_end <= start < end:
            report.error(f"{rel(path)}: cue timing out of order at {lines[idx]}")
        last_end = end
        text = " ".join(lines[idx + 1 :]).strip()
        voice = VOICE_RE.match(text) or SPEAKER_RE.match(text)
        if voice is None:
            report.error(f"{rel(path)}: cue without a speaker: {text[:60]!r}")
            continue
        cues.append((voice.group(1).strip(), voice.group(2).strip()))
    return cues


def check_transcripts(roster: Roster, pairs: dict[str, Pair], report: Report) -> dict[str, int]:
    out: dict[str, int] = {}
    for path in sorted((HERE / "transcripts").iterdir()):
        m = TRANSCRIPT_NAME_RE.match(path.name)
        if m is None:
            report.error(f"{rel(path)}: name is not <pair-id>_<YYYY-MM-DD>.vtt|.srt")
            continue
        pair = pairs.get(m["pair"])
        if pair is None:
            report.error(f"{rel(path)}: unknown pair {m['pair']!r}")
            continue
        if (date.fromisoformat(m["date"]), "held") not in pair.meetings:
            report.error(f"{rel(path)}: {m['date']} is not a held meeting of {pair.id}")
        cues = parse_cues(path, report)
        for speaker, _ in cues:
            pid = roster.resolve_name(speaker)
            if pid not in (pair.mentor, pair.mentee):
                report.error(
                    f"{rel(path)}: speaker {speaker!r} is not {pair.mentor} or {pair.mentee}"
                )
        if not 20 <= len(cues) <= 60:
            report.warn(f"{rel(path)}: {len(cues)} cues (sample aims for 20-60)")
        out[path.name] = len(cues)
    return out


def check_evals(pairs: dict[str, Pair], report: Report) -> None:
    prep = REPO / "evals" / "prep" / "expected_points.yaml"
    if prep.exists():
        doc = yaml.safe_load(prep.read_text(encoding="utf-8")) or []
        seen_pairs = Counter(str(e.get("pair")) for e in doc)
        item_ids: Counter[str] = Counter()
        for entry in doc:
            items = entry.get("items") or []
            if not 3 <= len(items) <= 7:
                report.error(f"{rel(prep)}: {entry.get('pair')} has {len(items)} items (want 3-7)")
            for it in items:
                item_ids[str(it.get("id"))] += 1
                kws = it.get("keywords") or []
                if not it.get("what") or not 1 <= len(kws) <= 3:
                    report.error(f"{rel(prep)}: {it.get('id')} needs 'what' and 1-3 keywords")
                for kw in kws:
                    if not isinstance(kw, str) or kw != kw.lower() or not kw.strip():
                        report.error(
                            f"{rel(prep)}: {it.get('id')} keyword {kw!r} must be lowercase text"
                        )
        check_cover(rel(prep), seen_pairs, pairs, report)
        for iid, n in item_ids.items():
            if n > 1:
                report.error(f"{rel(prep)}: item id {iid} used {n} times")
    bands = REPO / "evals" / "engagement" / "sample_pairs.yaml"
    if bands.exists():
        doc = yaml.safe_load(bands.read_text(encoding="utf-8")) or []
        for entry in doc:
            if entry.get("band") not in BANDS or not entry.get("why"):
                report.error(
                    f"{rel(bands)}: {entry.get('pair')} needs band in {sorted(BANDS)} and why"
                )
        check_cover(rel(bands), Counter(str(e.get("pair")) for e in doc), pairs, report)


def check_cover(where: str, seen: Counter[str], pairs: dict[str, Pair], report: Report) -> None:
    for pair_id in set(seen) | set(pairs):
        if seen.get(pair_id, 0) != 1 or pair_id not in pairs:
            report.error(
                f"{where}: pair {pair_id} appears {seen.get(pair_id, 0)} times "
                f"({'known' if pair_id in pairs else 'unknown'} pair)"
            )


def check_meeting_dates(pairs: dict[str, Pair], today: date, report: Report) -> None:
    for pair in pairs.values():
        for d, status in pair.meetings:
            if status == "scheduled" and d < today:
                report.error(f"pair {pair.id}: meeting {d} is in the past but still 'scheduled'")
            if status != "scheduled" and d > today:
                report.error(f"pair {pair.id}: meeting {d} is in the future but marked {status}")
            if d < pair.started:
                report.error(f"pair {pair.id}: meeting {d} is before the pair started")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date(2026, 11, 24),
        help="the sample's 'today' (default 2026-11-24)",
    )
    args = ap.parse_args(argv)
    report = Report()
    tz, roster, pairs = load_program(report)
    check_meeting_dates(pairs, args.today, report)
    sources = load_conversations(tz, roster, pairs, report)
    counts = check_messages(sources, roster, pairs, tz, args.today, report)
    cues = check_transcripts(roster, pairs, report)
    check_evals(pairs, report)

    for pair_id in pairs:
        src = [s for s, msgs in sources.items() if any(m.pair == pair_id for m in msgs)]
        print(f"  {pair_id:<16} {counts.get(pair_id, 0):>3} messages  {', '.join(src)}")
    for name, n in cues.items():
        print(f"  {name:<34} {n:>3} cues")
    for w in report.warnings:
        print(f"warning: {w}")
    for e in report.errors:
        print(f"error: {e}")
    status = "FAILED" if report.errors else "OK"
    print(
        f"{status}: {len(pairs)} pairs, {sum(len(m) for m in sources.values())} messages, "
        f"{len(report.errors)} errors, {len(report.warnings)} warnings"
    )
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
