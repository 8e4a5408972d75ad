"""Build the labelled privacy evaluation set for mentorlens.

Reads ``messages.src.txt`` (one message per line with inline gold markup) and
writes ``labelled_messages.jsonl`` next to it: one JSON object per message with
the plain text, the conversation roster (``names``) and the gold entity spans as
character offsets into the plain text.

Source format (see README.md for the full description)::

    names=Maria Lopez,Dev | thx [[PERSON:maria]]! call [[PHONE_NUMBER:617 555 0142]]

* Lines that are blank or start with ``#`` are ignored.
* An optional roster prefix ``names=A,B,C | `` precedes the message; only the
  first `` | `` after ``names=`` separates it, so the message itself may
  contain ``|``.
* ``[[TYPE:value]]`` marks a gold span; ``TYPE`` is one of ``ENTITY_TYPES`` and
  ``value`` (which may contain ``:``) is the literal text of the span.
* ``\\n`` inside a message stands for a newline (emails, signatures).

The script validates every record (known types, spans inside the text,
``text[start:end] == value``, no overlaps, no stray markup) and prints counts
per entity type. It uses only the standard library.

Usage::

    python evals/privacy/build_set.py [--src PATH] [--out PATH] [--check]

``--check`` validates and prints counts without writing the JSONL.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SRC = HERE / "messages.src.txt"
DEFAULT_OUT = HERE / "labelled_messages.jsonl"

ENTITY_TYPES: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "STREET_ADDRESS",
    "SOCIAL_HANDLE",
    "PROFILE_URL",
    "STUDENT_ID",
    "DATE_OF_BIRTH",
    "CREDIT_CARD",
    "US_SSN",
    "IBAN_CODE",
    "IP_ADDRESS",
    "ACCOUNT_NUMBER",
)

NAMES_PREFIX = "names="
NAMES_SEP = " | "
SPAN_RE = re.compile(r"\[\[([A-Z_]+):(.+?)\]\]")


class SourceError(ValueError):
    """A malformed line in the source file."""


@dataclass(frozen=True)
class Entity:
    """One gold span: ``text[start:end]`` is the identifier."""

    type: str
    start: int
    end: int


@dataclass
class Message:
    """One labelled message."""

    id: str
    text: str
    names: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def to_json(self) -> str:
        record = {
            "id": self.id,
            "text": self.text,
            "names": self.names,
            "entities": [{"type": e.type, "start": e.start, "end": e.end} for e in self.entities],
        }
        return json.dumps(record, ensure_ascii=False)


def split_roster(line: str) -> tuple[list[str], str]:
    """Split an optional ``names=...`` prefix from the message body."""
    if not line.startswith(NAMES_PREFIX):
        return [], line
    head, sep, body = line.partition(NAMES_SEP)
    if not sep:
        raise SourceError("roster prefix without ' | ' separator")
    names = [n.strip() for n in head[len(NAMES_PREFIX) :].split(",") if n.strip()]
    return names, body


def parse_body(body: str) -> tuple[str, list[Entity], list[str]]:
    """Strip markup from ``body``; return plain text, spans and marked values."""
    body = body.replace("\\n", "\n")
    parts: list[str] = []
    entities: list[Entity] = []
    values: list[str] = []
    length = 0
    pos = 0
    for match in SPAN_RE.finditer(body):
        before = body[pos : match.start()]
        parts.append(before)
        length += len(before)
        etype, value = match.group(1), match.group(2)
        if etype not in ENTITY_TYPES:
            raise SourceError(f"unknown entity type {etype!r}")
        if value != value.strip():
            raise SourceError(f"span value has surrounding whitespace: {value!r}")
        entities.append(Entity(etype, length, length + len(value)))
        values.append(value)
        parts.append(value)
        length += len(value)
        pos = match.end()
    parts.append(body[pos:])
    text = "".join(parts)
    if "[[" in text or "]]" in text:
        raise SourceError("unbalanced or malformed [[...]] markup")
    return text, entities, values


def validate(msg: Message, values: list[str]) -> None:
    """Check spans against the text; raise ``SourceError`` on any problem."""
    if not msg.text.strip():
        raise SourceError("empty message")
    previous_end = -1
    for ent, value in zip(msg.entities, values, strict=True):
        if ent.type not in ENTITY_TYPES:
            raise SourceError(f"unknown entity type {ent.type!r}")
        if not 0 <= ent.start < ent.end <= len(msg.text):
            raise SourceError(f"span {ent.start}-{ent.end} out of range")
        if msg.text[ent.start : ent.end] != value:
            raise SourceError(f"span text mismatch for {value!r}")
        if ent.start < previous_end:
            raise SourceError(f"overlapping span at {ent.start}")
        previous_end = ent.end


def build(src: Path) -> list[Message]:
    """Parse and validate the whole source file."""
    messages: list[Message] = []
    errors: list[str] = []
    seen_texts: dict[str, int] = {}
    for lineno, raw in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            names, body = split_roster(line)
            text, entities, values = parse_body(body)
            msg = Message(f"pm{len(messages) + 1:03d}", text, names, entities)
            validate(msg, values)
        except SourceError as exc:
            errors.append(f"{src.name}:{lineno}: {exc}")
            continue
        if text in seen_texts:
            errors.append(f"{src.name}:{lineno}: duplicate of line {seen_texts[text]}")
            continue
        seen_texts[text] = lineno
        messages.append(msg)
    if errors:
        raise SourceError("\n".join(errors))
    return messages


def report(messages: list[Message]) -> str:
    """Human-readable counts per entity type."""
    counts: Counter[str] = Counter(e.type for m in messages for e in m.entities)
    empty = sum(1 for m in messages if not m.entities)
    lines = [f"messages: {len(messages)} ({empty} with no identifiers)"]
    lines += [f"  {t:<15} {counts.get(t, 0):>4}" for t in ENTITY_TYPES]
    lines.append(f"  {'TOTAL':<15} {sum(counts.values()):>4}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="validate only")
    args = parser.parse_args(argv)
    try:
        messages = build(args.src)
    except SourceError as exc:
        print(exc, file=sys.stderr)
        return 1
    if not args.check:
        args.out.write_text("".join(m.to_json() + "\n" for m in messages), encoding="utf-8")
        print(f"wrote {args.out}")
    print(report(messages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
