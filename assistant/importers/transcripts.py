"""Meeting transcripts: WebVTT (Zoom, Teams) and SRT, with speaker names.

Speakers come from Zoom's voice tags (``<v Maya Chen>text</v>``) or a ``Name: text``
prefix (Teams, and most SRT exports). A cue without a speaker continues the previous one.
Speaker names are matched to the roster like chat senders.

The file name carries the pair and the meeting date when it follows
``<pair-id>_<YYYY-MM-DD>.vtt`` (``maya-jordan_2026-11-18.vtt``). With a date, each cue's
time is that day's midnight in the program's zone plus the cue's offset (the meeting's
start time is unknown); without one, cues have no timestamp. Each transcript is its own
thread (``meeting:2026-11-18``), so spoken turns never mix with chat in the features.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from assistant.importers.errors import ImportFileError
from assistant.importers.records import ParsedFile, RawMessage

_TIMING = re.compile(
    r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d{1,2}:\d{2}[^>]*>")
_PREFIX = re.compile(r"^\s*([^:\n]{1,60}?)\s*:\s+(.*)$", re.S)
_NAME = re.compile(r"^(?P<pair>[A-Za-z0-9][A-Za-z0-9.-]*)_(?P<date>\d{4}-\d{2}-\d{2})$")


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    seconds = float(parts[-1]) + int(parts[-2]) * 60
    if len(parts) == 3:
        seconds += int(parts[0]) * 3600
    return seconds


def file_pair_and_date(path: Path) -> tuple[str | None, dt.date | None]:
    match = _NAME.match(path.stem)
    if not match:
        return None, None
    try:
        return match["pair"], dt.date.fromisoformat(match["date"])
    except ValueError:
        return match["pair"], None


def parse_transcript(data: bytes, path: Path, source: str, tz: dt.tzinfo) -> ParsedFile:
    fmt = "vtt" if path.suffix.lower() == ".vtt" else "srt"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(source, None, None, f"invalid UTF-8 at byte {exc.start}") from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if fmt == "vtt" and not lines[0].startswith("WEBVTT"):
        raise ImportFileError(source, 1, "header", "a WebVTT file starts with WEBVTT")
    pair, day = file_pair_and_date(path)
    base = dt.datetime.combine(day, dt.time(0), tzinfo=tz) if day else None
    out = ParsedFile(
        source=source, format=fmt, pair=pair, notes=[] if day else ["no date in the file name"]
    )
    thread = f"meeting:{day.isoformat()}" if day else f"transcript:{path.stem}"[:64]
    speaker: str | None = None
    i = 0
    cue_number = 0
    while i < len(lines):
        line = lines[i]
        timing = _TIMING.match(line)
        if timing is None:
            if fmt == "vtt" and line.startswith(("NOTE", "STYLE", "REGION")):
                while i < len(lines) and lines[i].strip():  # skip the block
                    i += 1
            i += 1
            continue
        timing_line = i + 1
        start = _seconds(timing[1])
        i += 1
        payload: list[str] = []
        while i < len(lines) and lines[i].strip():
            payload.append(lines[i])
            i += 1
        cue_number += 1
        body = " ".join(p.strip() for p in payload)
        voice = _VOICE.search(body)
        if voice:
            speaker = voice[1].strip()
            body = _TAG.sub("", body).strip()
        else:
            body = _TAG.sub("", body).strip()
            prefixed = _PREFIX.match(body)
            if prefixed:
                speaker, body = prefixed[1].strip(), prefixed[2].strip()
        if not body:
            continue
        if speaker is None:
            raise ImportFileError(source, timing_line + 1, "speaker", "cue has no speaker name")
        out.messages.append(
            RawMessage(
                line=timing_line + 1,
                sender=speaker,
                text=body,
                timestamp=base + dt.timedelta(seconds=start) if base else None,
                source_id=f"{fmt}:{path.stem}#{cue_number}"[:200],
                thread=thread,
                field_prefix="",
            )
        )
    if not out.messages:
        raise ImportFileError(source, None, None, "no cues found")
    return out
