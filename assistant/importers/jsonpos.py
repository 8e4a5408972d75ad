"""JSON parsing that remembers the line each object starts on, for error messages.

``load_with_lines`` returns ordinary dicts and lists; ``line_of(obj)`` gives the 1-based
line where a dict began (or None). Uses the pure-Python scanner, fine for export sizes.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from typing import Any

from assistant.importers.errors import ImportFileError


class _LineDict(dict[str, Any]):
    __slots__ = ("line",)
    line: int


def load_with_lines(text: str, source: str) -> Any:
    decoder: Any = json.JSONDecoder()
    scanner: Any = json.scanner
    object_parser: Any = json.decoder

    def parse_object(s_and_end: tuple[str, int], *args: Any, **kwargs: Any) -> tuple[Any, int]:
        s, end = s_and_end
        obj, new_end = object_parser.JSONObject(s_and_end, *args, **kwargs)
        out = _LineDict(obj)
        out.line = s.count("\n", 0, end) + 1
        return out, new_end

    decoder.parse_object = parse_object
    decoder.scan_once = scanner.py_make_scanner(decoder)
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(source, exc.lineno, None, f"invalid JSON ({exc.msg})") from None


def line_of(obj: object) -> int | None:
    return obj.line if isinstance(obj, _LineDict) else None
