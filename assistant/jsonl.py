"""Line-by-line JSONL reading where one bad record never takes down the batch.

Each line is decoded and parsed on its own; failures carry the file name, line number and
field, and never the line's content (it may hold personal data).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any


@dataclass(frozen=True)
class RecordError:
    source: str
    line: int
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}"
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


def iter_jsonl(
    stream: IO[bytes], source: str
) -> Iterator[tuple[int, dict[str, Any] | RecordError]]:
    """Yield ``(line_number, object)`` or ``(line_number, RecordError)`` for every non-blank line."""
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, RecordError(source, number, None, f"invalid UTF-8 at byte {exc.start}")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield (
                number,
                RecordError(source, number, None, f"invalid JSON ({exc.msg}, column {exc.colno})"),
            )
            continue
        if not isinstance(obj, dict):
            yield number, RecordError(source, number, None, "expected a JSON object")
            continue
        yield number, obj
