"""score_conversation_json(): validates a conversation given as JSON (the CLI's
`mentorlens score FILE` input) and returns the report as a JSON-ready dict."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .features import compute_message_features
from .report import analyze_pair
from .types import ChatMessage, EmbedFn, Role


def _parse_timestamp(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected an ISO 8601 string")
    try:
        ts = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{where}: not an ISO 8601 timestamp") from None
    if ts.tzinfo is None:
        raise ValueError(f"{where}: timestamp needs a timezone (e.g. +00:00 or Z)")
    return ts


def parse_conversation(obj: Any) -> tuple[str, list[ChatMessage]]:
    """Validate and convert; errors name the offending field, e.g. 'messages[3].text: missing'."""
    if not isinstance(obj, dict):
        raise ValueError("conversation: expected a JSON object")
    if "id" not in obj:
        raise ValueError("id: missing")
    if not isinstance(obj["id"], str | int):
        raise ValueError("id: expected a string")
    raw = obj.get("messages")
    if raw is None:
        raise ValueError("messages: missing")
    if not isinstance(raw, list):
        raise ValueError("messages: expected a list")
    out: list[ChatMessage] = []
    for i, m in enumerate(raw):
        where = f"messages[{i}]"
        if not isinstance(m, dict):
            raise ValueError(f"{where}: expected an object")
        for key in ("sender", "text"):
            if key not in m or m[key] is None:
                raise ValueError(f"{where}.{key}: missing")
            if not isinstance(m[key], str):
                raise ValueError(f"{where}.{key}: expected a string")
        if not m["sender"].strip():
            raise ValueError(f"{where}.sender: empty")
        role = m.get("role")
        if role is not None and role not in ("mentor", "mentee"):
            raise ValueError(f"{where}.role: must be 'mentor' or 'mentee', got {role!r}")
        msg_role: Role | None = "mentor" if role == "mentor" else "mentee" if role else None
        out.append(
            ChatMessage(
                id=str(m.get("id", i)),
                sender=m["sender"],
                role=msg_role,
                text=m["text"],
                timestamp=_parse_timestamp(m.get("timestamp"), f"{where}.timestamp"),
            )
        )
    return str(obj["id"]), out


def score_conversation_json(
    obj: dict[str, Any], embed: EmbedFn | None, *, now: datetime | None = None
) -> dict[str, Any]:
    """Score one conversation: {"id", "messages": [{"sender", "role"?, "text", "timestamp"?}]}.

    Returns {"id", "score", "band", "components", "trend", "reasons", "mode", "notes"}."""
    conv_id, messages = parse_conversation(obj)
    report = analyze_pair(messages, compute_message_features(messages, embed), now=now)
    d = report.to_dict()
    return {
        "id": conv_id,
        **{k: d[k] for k in ("score", "band", "components", "trend", "reasons", "mode", "notes")},
    }
