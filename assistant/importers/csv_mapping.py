"""CSV conversations with a column mapping (exports from texting tools, LMS chats...).

The mapping says which column holds each mentorlens message field. It comes from a
sidecar file next to the CSV (``chat.csv.mapping.yaml`` or ``chat.mapping.yaml``) or from
the CLI (``--map id=msg_id,timestamp=sent_at,sender=from,text=body,pair=omar-tasha``)::

    id: msg_id          # optional: a message id column
    timestamp: sent_at  # optional: ISO 8601 ("2026-09-04 17:10:00"); naive = program zone
    sender: from        # required: roster id, name, alias or email
    text: body          # required
    pair: omar-tasha    # optional: a column name, or (not a column) a fixed pair id
    role: who           # optional: a column holding mentor/mentee
    timestamp_format: "%m/%d/%Y %H:%M"  # optional strptime format instead of ISO 8601
    delimiter: ";"      # optional, default ","

Line numbers in errors count the header as line 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import yaml

from assistant.importers.errors import ImportFileError
from assistant.importers.records import ParsedFile, RawMessage, parse_timestamp

FIELDS = ("id", "timestamp", "sender", "text", "pair", "role")
OPTIONS = ("timestamp_format", "delimiter")


def sidecar_for(path: Path) -> Path | None:
    for candidate in (
        path.with_name(path.name + ".mapping.yaml"),
        path.with_name(path.name + ".mapping.yml"),
        path.with_suffix(".mapping.yaml"),
        path.with_suffix(".mapping.yml"),
    ):
        if candidate.is_file():
            return candidate
    return None


def parse_map_option(value: str) -> dict[str, str]:
    """``"id=msg_id,text=body"`` -> ``{"id": "msg_id", "text": "body"}``."""
    out: dict[str, str] = {}
    for part in value.split(","):
        if not part.strip():
            continue
        key, sep, column = part.partition("=")
        if not sep:
            raise ValueError(f"--map entry {part.strip()!r} must look like field=column")
        out[key.strip()] = column.strip()
    return out


def load_mapping(path: Path) -> dict[str, str]:
    source = str(path)
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ImportFileError(
            source, mark.line + 1 if mark else None, None, "invalid YAML"
        ) from None
    if not isinstance(data, dict):
        raise ImportFileError(source, 1, None, "expected a mapping of field: column")
    return {str(k): str(v) for k, v in data.items() if v is not None}


def parse_csv(data: bytes, source: str, tz: dt.tzinfo, mapping: dict[str, str]) -> ParsedFile:
    unknown = sorted(set(mapping) - set(FIELDS) - set(OPTIONS))
    if unknown:
        raise ImportFileError(source, None, "mapping", f"unknown field(s): {', '.join(unknown)}")
    for required in ("sender", "text"):
        if required not in mapping:
            raise ImportFileError(source, None, "mapping", f"no column given for {required!r}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(source, None, None, f"invalid UTF-8 at byte {exc.start}") from None
    delimiter = mapping.get("delimiter", ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(source, 1, None, "empty file (no header row)") from None
    except csv.Error as exc:
        raise ImportFileError(source, 1, None, f"invalid CSV ({exc})") from None
    columns = {name.strip(): i for i, name in enumerate(header)}
    out = ParsedFile(source=source, format="csv")
    index: dict[str, int] = {}
    for fld in FIELDS:
        column = mapping.get(fld)
        if column is None:
            continue
        if column in columns:
            index[fld] = columns[column]
        elif fld == "pair":
            out.pair = column  # not a column: a fixed pair id for the whole file
        else:
            raise ImportFileError(source, 1, fld, f"mapped column {column!r} is not in the header")
    fmt = mapping.get("timestamp_format")
    line = 1
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header):
                raise ImportFileError(
                    source, line, None, f"expected {len(header)} columns, found {len(row)}"
                )

            def cell(fld: str, row: list[str] = row) -> str | None:
                i = index.get(fld)
                return row[i] if i is not None else None

            sender = (cell("sender") or "").strip()
            if not sender:
                raise ImportFileError(source, line, "sender", "empty")
            raw_ts = cell("timestamp")
            timestamp = None
            if raw_ts and raw_ts.strip() and fmt:
                try:
                    timestamp = dt.datetime.strptime(raw_ts.strip(), fmt)
                except ValueError:
                    raise ImportFileError(
                        source, line, "timestamp", f"does not match {fmt!r}"
                    ) from None
                timestamp = timestamp if timestamp.tzinfo else timestamp.replace(tzinfo=tz)
            else:
                timestamp = parse_timestamp(raw_ts, tz, source, line, "timestamp")
            role = (cell("role") or "").strip().lower() or None
            if role is not None and role not in ("mentor", "mentee"):
                raise ImportFileError(source, line, "role", "must be mentor or mentee")
            source_id = (cell("id") or "").strip() or None
            out.messages.append(
                RawMessage(
                    line=line,
                    sender=sender,
                    text=cell("text") or "",
                    timestamp=timestamp,
                    source_id=source_id,
                    pair=(cell("pair") or "").strip() or None,
                    role=role,
                )
            )
    except csv.Error as exc:
        raise ImportFileError(
            source, reader.line_num or line, None, f"invalid CSV ({exc})"
        ) from None
    return out
