"""mentorlens' own conversation formats: JSONL (one message per line) and JSON.

JSONL, one object per line::

    {"id": "mj-001", "pair": "maya-jordan", "sender": "maya-chen",
     "timestamp": "2026-09-02T18:04:00-04:00", "text": "Hi Jordan! ..."}

- ``sender`` (required): a roster participant id, or a name, alias or email on the roster.
- ``text`` (required): the raw message; it is redacted before it is stored.
- ``timestamp`` (optional): ISO 8601; without an offset it is read in the program's zone.
- ``id`` (optional): the source's message id; makes re-imports idempotent even if the
  text is edited later. Without it the keyed content hash does that job.
- ``pair`` (optional): a pair id from ``program.yaml``; otherwise the file-level pair, or
  the pair whose mentor and mentee are the senders.
- ``role`` (optional, ``mentor``/``mentee``): checked against the roster when given.

A line may also hold a whole conversation, ``{"pair": ..., "messages": [...]}``.

JSON: one document, either ``{"pair": "...", "messages": [...]}`` or a list of messages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.importers.errors import ImportFileError
from assistant.importers.jsonpos import line_of, load_with_lines
from assistant.importers.records import ParsedFile, RawMessage, parse_timestamp
from assistant.jsonl import RecordError, iter_jsonl


def _message(
    obj: Any, source: str, line: int, tz: dt.tzinfo, prefix: str, pair: str | None
) -> RawMessage:
    if not isinstance(obj, dict):
        raise ImportFileError(source, line, prefix.rstrip(".") or None, "expected a JSON object")

    def field(name: str) -> str:
        return f"{prefix}{name}"

    sender = obj.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        raise ImportFileError(source, line, field("sender"), "missing or not a string")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ImportFileError(source, line, field("text"), "missing or not a string")
    source_id = obj.get("id")
    if source_id is not None and not isinstance(source_id, str | int):
        raise ImportFileError(source, line, field("id"), "must be a string or number")
    own_pair = obj.get("pair", pair)
    if own_pair is not None and not isinstance(own_pair, str):
        raise ImportFileError(source, line, field("pair"), "must be a string")
    role = obj.get("role")
    if role is not None and role not in ("mentor", "mentee"):
        raise ImportFileError(source, line, field("role"), "must be mentor or mentee")
    return RawMessage(
        line=line,
        sender=sender.strip(),
        text=text,
        timestamp=parse_timestamp(obj.get("timestamp"), tz, source, line, field("timestamp")),
        source_id=str(source_id) if source_id is not None else None,
        pair=own_pair,
        role=role,
        field_prefix=prefix,
    )


def _conversation(
    obj: dict[str, Any], source: str, line: int, tz: dt.tzinfo, out: ParsedFile, prefix: str = ""
) -> None:
    pair = obj.get("pair")
    if pair is not None and not isinstance(pair, str):
        raise ImportFileError(source, line, f"{prefix}pair", "must be a string")
    messages = obj.get("messages")
    if not isinstance(messages, list):
        raise ImportFileError(source, line, f"{prefix}messages", "must be a list")
    for i, item in enumerate(messages):
        item_line = line_of(item) or line
        out.messages.append(_message(item, source, item_line, tz, f"{prefix}messages[{i}].", pair))


def parse_jsonl(data: bytes, source: str, tz: dt.tzinfo) -> ParsedFile:
    out = ParsedFile(source=source, format="jsonl")
    import io

    for number, record in iter_jsonl(io.BytesIO(data), source):
        if isinstance(record, RecordError):
            raise ImportFileError(source, record.line, record.field, record.reason)
        if "messages" in record:
            _conversation(record, source, number, tz, out)
        else:
            out.messages.append(_message(record, source, number, tz, "", None))
    return out


def parse_json(data: bytes, source: str, tz: dt.tzinfo) -> ParsedFile:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(source, None, None, f"invalid UTF-8 at byte {exc.start}") from None
    doc = load_with_lines(text, source)
    out = ParsedFile(source=source, format="json")
    if isinstance(doc, list):
        for i, item in enumerate(doc):
            out.messages.append(_message(item, source, line_of(item) or 1, tz, f"[{i}].", None))
    elif isinstance(doc, dict):
        _conversation(doc, source, line_of(doc) or 1, tz, out)
    else:
        raise ImportFileError(source, 1, None, "expected an object with messages, or a list")
    return out
