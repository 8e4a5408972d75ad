"""The import use case: files in, redacted rows out, one transaction per file.

For each file: parse (format by extension), resolve senders to roster participants and
messages to pairs, drop what is already stored (source id or keyed content hash), redact
the rest with the pair's roster names and its pseudonym map, store, and seal the extended
map again. Then, per pair and thread with new messages, compute the per-message engagement
features once (embeddings through the gateway) and store them with the messages.

Errors name file, line and field; nothing here ever logs or reports message text.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from assistant.engagement import compute_message_features
from assistant.engagement.types import EmbedFn
from assistant.importers.chat_json import parse_json, parse_jsonl
from assistant.importers.csv_mapping import load_mapping, parse_csv, sidecar_for
from assistant.importers.errors import ImportFileError
from assistant.importers.records import ParsedFile, RawMessage, zone
from assistant.importers.roster import RosterSpec, parse_roster
from assistant.importers.slack import RosterPair, RosterPerson, is_slack_export, parse_slack_export
from assistant.importers.transcripts import parse_transcript
from assistant.store import models as m
from assistant.store.repository import (
    PAIR_ROLES,
    ConversationStore,
    NewMessage,
    ParticipantInfo,
    StoreError,
    StoreTransaction,
)
from privacy.redactor import RedactionError, Redactor

log = logging.getLogger(__name__)

Status = Literal["imported", "unchanged", "failed", "skipped"]
CHAT_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".vtt", ".srt"}
ROSTER_NAMES = {"program.yaml", "program.yml"}


@dataclass
class FileResult:
    """What became of one import unit. ``error`` names file:line: field, never text."""

    source: str
    format: str
    status: Status
    messages_new: int = 0
    messages_skipped: int = 0
    goals: int = 0
    meetings: int = 0
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    program_id: str | None = None  # set by a roster import


@dataclass
class ImportSummary:
    program_id: str | None
    files: list[FileResult] = field(default_factory=list)
    features_computed: int = 0
    feature_errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    def totals(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for f in self.files:
            total[f.status] += 1
            total["messages_new"] += f.messages_new
            total["messages_skipped"] += f.messages_skipped
        return total


@dataclass(frozen=True)
class Unit:
    """One planned import step: a roster, a chat/transcript file, or a Slack export."""

    kind: Literal["roster", "file", "slack"]
    path: Path


def plan(paths: Iterable[Path]) -> list[Unit]:
    """Expand folders: rosters first, then Slack exports and files, in a stable order."""
    units: list[Unit] = []
    for path in paths:
        units.extend(_expand(path))
    seen: set[Path] = set()
    unique = [u for u in units if not (u.path in seen or seen.add(u.path))]  # type: ignore[func-returns-value]
    return sorted(unique, key=lambda u: (u.kind != "roster", str(u.path)))


def _expand(path: Path) -> list[Unit]:
    if path.is_file():
        if path.name in ROSTER_NAMES:
            return [Unit("roster", path)]
        if is_slack_export(path):
            return [Unit("slack", path)]
        return [Unit("file", path)]
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no such file or folder")
    if is_slack_export(path):
        return [Unit("slack", path)]
    out: list[Unit] = []
    for child in sorted(path.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir() or child.name in ROSTER_NAMES or is_slack_export(child):
            out.extend(_expand(child))
        elif child.suffix.lower() in CHAT_SUFFIXES:
            out.append(Unit("file", child))
    return out


def _file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Importer:
    """Imports rosters and conversations into one program of the store."""

    def __init__(
        self,
        store: ConversationStore,
        redactor: Redactor,
        embed: EmbedFn | None,
        *,
        compute_features: bool = True,
    ) -> None:
        self.store = store
        self.redactor = redactor
        self.embed = embed
        self.compute_features = compute_features

    # -- entry point -------------------------------------------------------------------
    def import_paths(
        self,
        paths: Sequence[Path],
        program_id: str | None,
        *,
        csv_map: dict[str, str] | None = None,
        on_unit: Callable[[Unit, list[FileResult]], None] | None = None,
        units: Sequence[Unit] | None = None,
    ) -> ImportSummary:
        """Import everything under ``paths``; a failing file never stops the others."""
        units = list(units) if units is not None else plan(paths)
        summary = ImportSummary(program_id)
        for unit in units:
            if unit.kind == "roster":
                result = self.import_roster(unit.path, summary.program_id)
                if result.program_id is not None and summary.program_id is None:
                    summary.program_id = result.program_id
                results = [result]
            elif summary.program_id is None:
                results = [
                    FileResult(
                        str(unit.path),
                        unit.kind,
                        "failed",
                        error=f"{unit.path}: no program (use --program or import a program.yaml)",
                    )
                ]
            elif unit.kind == "slack":
                results = self.import_slack(unit.path, summary.program_id)
            else:
                results = [self.import_file(unit.path, summary.program_id, csv_map=csv_map)]
            summary.files.extend(results)
            if on_unit is not None:
                on_unit(unit, results)
        if summary.program_id is not None and self.compute_features:
            self.update_features(summary)
        return summary

    # -- roster --------------------------------------------------------------------------
    def import_roster(self, path: Path, program_id: str | None) -> FileResult:
        source = str(path)
        try:
            data = path.read_bytes()
            spec = parse_roster(data.decode("utf-8"), source)
            if program_id is not None and spec.program.id != program_id:
                raise ImportFileError(
                    source, None, "program.id", f"declares {spec.program.id!r}, not {program_id!r}"
                )
            with self.store.transaction() as tx:
                result = self._store_roster(tx, spec, source, _file_hash(data))
        except (ImportFileError, RedactionError) as exc:
            log.warning("import failed: %s", exc)
            return FileResult(source, "roster", "failed", error=str(exc))
        except UnicodeDecodeError as exc:
            return FileResult(
                source, "roster", "failed", error=f"{source}: invalid UTF-8 at byte {exc.start}"
            )
        result.program_id = spec.program.id
        return result

    def _store_roster(
        self, tx: StoreTransaction, spec: RosterSpec, source: str, file_hash: str
    ) -> FileResult:
        program_id = spec.program.id
        changed = int(tx.upsert_program(program_id, spec.program.name, spec.program.timezone))
        people: dict[str, m.Participant] = {}
        for p in spec.participants:
            row, was_changed = tx.upsert_participant(
                program_id, p.id, p.role, p.name, p.aliases, p.emails
            )
            people[p.id] = row
            changed += was_changed
        goals = meetings = 0
        for pair_spec in spec.pairs:
            pair, was_changed = tx.upsert_pair(
                program_id,
                pair_spec.id,
                people[pair_spec.mentor],
                people[pair_spec.mentee],
                pair_spec.profile_names,
                pair_spec.started,
            )
            changed += was_changed
            if pair_spec.goals:
                redacted = self.redactor.redact_batch(
                    [g.text for g in pair_spec.goals],
                    tx.roster_names(pair),
                    pseudonyms=tx.pseudonyms(pair),
                )
                for goal, red in zip(pair_spec.goals, redacted, strict=True):
                    key = goal.id or tx.sealer.digest("goal", goal.text)[:16]
                    goals += tx.upsert_goal(pair, key, red.redacted, goal.status, goal.due)
            for meeting in pair_spec.meetings:
                meetings += tx.upsert_meeting(pair, meeting.date, meeting.status)
        tx.save_pseudonyms()
        status: Status = "imported" if changed or goals or meetings else "unchanged"
        if status == "imported":
            rec = tx.record_import(program_id, source, file_hash, "roster")
            rec.goals, rec.meetings = goals, meetings
        return FileResult(
            source,
            "roster",
            status,
            goals=goals,
            meetings=meetings,
            notes=[f"{len(spec.participants)} participants, {len(spec.pairs)} pairs"],
        )

    # -- chat and transcripts ----------------------------------------------------------
    def import_file(
        self, path: Path, program_id: str, *, csv_map: dict[str, str] | None = None
    ) -> FileResult:
        source = str(path)
        fmt = path.suffix.lower().lstrip(".")
        try:
            data = path.read_bytes()
            tz = zone(self.store.program(program_id).timezone)
            if fmt in ("jsonl", "ndjson"):
                parsed = parse_jsonl(data, source, tz)
            elif fmt == "json":
                parsed = parse_json(data, source, tz)
            elif fmt == "csv":
                mapping = csv_map
                if mapping is None:
                    sidecar = sidecar_for(path)
                    if sidecar is None:
                        raise ImportFileError(
                            source,
                            None,
                            "mapping",
                            "no column mapping (add a .mapping.yaml next to it, or use --map)",
                        )
                    mapping = load_mapping(sidecar)
                parsed = parse_csv(data, source, tz, mapping)
            elif fmt in ("vtt", "srt"):
                parsed = parse_transcript(data, path, source, tz)
            else:
                return FileResult(source, fmt, "skipped", notes=["unsupported file type"])
            return self._store_parsed(parsed, program_id, _file_hash(data))
        except (ImportFileError, StoreError) as exc:
            log.warning("import failed: %s", exc)
            return FileResult(source, fmt, "failed", error=str(exc))
        except OSError as exc:
            return FileResult(source, fmt, "failed", error=f"{source}: {exc.strerror}")

    def import_slack(self, path: Path, program_id: str) -> list[FileResult]:
        source = str(path)
        try:
            with self.store.transaction() as tx:
                people = [
                    RosterPerson(info.key, info.display_name, info.emails)
                    for _, info in tx.participants(program_id)
                ]
                keys = {row.id: info.key for row, info in tx.participants(program_id)}
                pairs = [
                    RosterPair(p.key, keys[p.mentor_id], keys[p.mentee_id])
                    for p in tx.pairs(program_id)
                ]
            units, notes = parse_slack_export(path, people, pairs)
        except ImportFileError as exc:
            log.warning("import failed: %s", exc)
            return [FileResult(source, "slack", "failed", error=str(exc))]
        except (OSError, ValueError) as exc:
            return [FileResult(source, "slack", "failed", error=f"{source}: {type(exc).__name__}")]
        results: list[FileResult] = []
        for unit in units:
            if isinstance(unit, ImportFileError):
                results.append(FileResult(unit.source, "slack", "failed", error=str(unit)))
                continue
            results.append(self._store_parsed(unit, program_id, ""))
        results.extend(
            FileResult(where, "slack", "skipped", notes=[why])
            for where, _, why in (note.rpartition(": ") for note in notes)
        )
        return results

    def _store_parsed(self, parsed: ParsedFile, program_id: str, file_hash: str) -> FileResult:
        try:
            with self.store.transaction() as tx:
                return self._store_messages(tx, parsed, program_id, file_hash)
        except (ImportFileError, StoreError) as exc:
            log.warning("import failed: %s", exc)
            return FileResult(parsed.source, parsed.format, "failed", error=str(exc))

    def _store_messages(
        self, tx: StoreTransaction, parsed: ParsedFile, program_id: str, file_hash: str
    ) -> FileResult:
        source = parsed.source
        roster = tx.participants(program_id)
        by_key = {info.key: (row, info) for row, info in roster}
        by_name = _name_index(roster)
        pairs = {p.key: p for p in tx.pairs(program_id)}

        senders: list[tuple[m.Participant, ParticipantInfo]] = []
        for raw in parsed.messages:
            senders.append(_resolve_sender(raw, by_key, by_name, source))
        default_pair = self._pair_for_file(parsed, senders, pairs, source)

        grouped: dict[str, list[tuple[RawMessage, m.Participant]]] = {}
        for raw, (row, info) in zip(parsed.messages, senders, strict=True):
            key = raw.pair or default_pair
            if key is None or key not in pairs:
                reason = "no such pair in this program" if key else "cannot tell which pair"
                raise ImportFileError(source, raw.line, f"{raw.field_prefix}pair", reason)
            pair = pairs[key]
            if info.role in PAIR_ROLES and row.id not in (pair.mentor_id, pair.mentee_id):
                raise ImportFileError(
                    source, raw.line, f"{raw.field_prefix}sender", f"not a member of pair {key!r}"
                )
            if raw.role is not None and raw.role != info.role:
                raise ImportFileError(
                    source, raw.line, f"{raw.field_prefix}role", "does not match the roster"
                )
            grouped.setdefault(key, []).append((raw, row))

        new_total = skipped = 0
        record: m.ImportRecord | None = None
        for key, items in grouped.items():
            pair = pairs[key]
            sources, hashes = tx.known_messages(pair)
            occurrences: Counter[tuple[str, ...]] = Counter()
            fresh: list[tuple[RawMessage, m.Participant, str]] = []
            for raw, sender in items:
                ts = raw.timestamp.isoformat() if raw.timestamp else ""
                ident = (sender.key, ts, raw.thread, " ".join(raw.text.split()))
                occurrences[ident] += 1
                digest = tx.sealer.digest("msg", pair.key, *ident, str(occurrences[ident]))
                if (raw.source_id and raw.source_id in sources) or digest in hashes:
                    skipped += 1
                    continue
                if raw.source_id:
                    sources.add(raw.source_id)
                hashes.add(digest)
                fresh.append((raw, sender, digest))
            if not fresh:
                continue
            try:
                redactions = self.redactor.redact_batch(
                    [raw.text for raw, _, _ in fresh],
                    tx.roster_names(pair),
                    pseudonyms=tx.pseudonyms(pair),
                )
            except RedactionError as exc:
                line = _first_bad_line(fresh, self.redactor)
                raise ImportFileError(source, line, "text", str(exc)) from None
            if record is None:
                record = tx.record_import(program_id, source, file_hash, parsed.format)
            tx.add_messages(
                pair,
                [
                    NewMessage(
                        sender_id=sender.id,
                        role=sender.role,
                        timestamp=raw.timestamp,
                        text=red.redacted,
                        thread=raw.thread,
                        source=parsed.format,
                        source_id=raw.source_id,
                        content_hash=digest,
                    )
                    for (raw, sender, digest), red in zip(fresh, redactions, strict=True)
                ],
                record.id,
            )
            new_total += len(fresh)
        tx.save_pseudonyms()
        if record is not None:
            record.messages_new, record.messages_skipped = new_total, skipped
        status: Status = "imported" if new_total else "unchanged"
        return FileResult(
            source,
            parsed.format,
            status,
            messages_new=new_total,
            messages_skipped=skipped,
            notes=list(parsed.notes),
        )

    @staticmethod
    def _pair_for_file(
        parsed: ParsedFile,
        senders: Sequence[tuple[m.Participant, ParticipantInfo]],
        pairs: dict[str, m.Pair],
        source: str,
    ) -> str | None:
        """The file's pair: declared, or the one pair whose mentor and mentee both speak."""
        if parsed.pair is not None:
            if parsed.pair in pairs:
                return parsed.pair
            # A transcript's file name is only a hint; elsewhere a declared pair must exist.
            if parsed.format not in ("vtt", "srt"):
                raise ImportFileError(source, None, "pair", "no such pair in this program")
        if all(raw.pair is not None for raw in parsed.messages):
            return None
        ids = {row.id for row, _ in senders}
        matches = [k for k, p in pairs.items() if p.mentor_id in ids and p.mentee_id in ids]
        if len(matches) == 1:
            return matches[0]
        # A one-sided file: the single pair the speaking mentor or mentee belongs to.
        members = [k for k, p in pairs.items() if ids & {p.mentor_id, p.mentee_id}]
        return members[0] if len(members) == 1 else None

    # -- features ------------------------------------------------------------------------
    def update_features(self, summary: ImportSummary) -> None:
        """Compute features for every (pair, thread) with messages that lack them."""
        assert summary.program_id is not None
        with self.store.transaction() as tx:
            todo = [(p.id, p.key, t) for p, t in tx.threads_missing_features(summary.program_id)]
        for pair_id, pair_key, thread in todo:
            try:
                with self.store.transaction() as tx:
                    pair = tx.session.get(m.Pair, pair_id)
                    assert pair is not None
                    stored = [s for s in tx.thread_messages(pair, thread) if s.role in PAIR_ROLES]
                    chats = [s.to_chat() for s in stored]
                    features = compute_message_features(chats, self.embed)
                    tx.set_features(
                        {int(s.id): f.to_dict() for s, f in zip(stored, features, strict=True)}
                    )
                    summary.features_computed += len(features)
            except Exception as exc:  # features are retried on the next import
                log.warning(
                    "features failed for pair %s thread %s: %s",
                    pair_key,
                    thread,
                    type(exc).__name__,
                )
                summary.feature_errors.append(f"{pair_key} ({thread}): {type(exc).__name__}")


def _name_index(
    roster: Sequence[tuple[m.Participant, ParticipantInfo]],
) -> dict[str, list[tuple[m.Participant, ParticipantInfo]]]:
    index: dict[str, list[tuple[m.Participant, ParticipantInfo]]] = {}
    for row, info in roster:
        for value in (*info.names, *info.emails):
            key = " ".join(value.casefold().split())
            if key:
                bucket = index.setdefault(key, [])
                if all(r.id != row.id for r, _ in bucket):
                    bucket.append((row, info))
    return index


def _resolve_sender(
    raw: RawMessage,
    by_key: dict[str, tuple[m.Participant, ParticipantInfo]],
    by_name: dict[str, list[tuple[m.Participant, ParticipantInfo]]],
    source: str,
) -> tuple[m.Participant, ParticipantInfo]:
    if raw.sender in by_key:
        return by_key[raw.sender]
    if not raw.sender_is_key:
        found = by_name.get(" ".join(raw.sender.casefold().split()), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ImportFileError(
                source, raw.line, f"{raw.field_prefix}sender", "matches more than one participant"
            )
    # Say which field, not which name: the value is personal data.
    field_name = "speaker" if raw.thread != "chat" else f"{raw.field_prefix}sender"
    raise ImportFileError(source, raw.line, field_name, "not on the program's roster")


def _first_bad_line(
    fresh: Sequence[tuple[RawMessage, m.Participant, str]], redactor: Redactor
) -> int:
    from privacy.redactor import check_text

    for raw, _, _ in fresh:
        try:
            check_text(raw.text, redactor.max_chars)
        except RedactionError:
            return raw.line
    return fresh[0][0].line
