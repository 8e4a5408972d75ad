"""Consistent, reversible pseudonyms, held per conversation.

The same value always becomes the same placeholder within one conversation
(``maria`` and ``Maria Lopez`` are both ``<PERSON_1>`` when the roster says they are one
person). The map is plain data so it can be sealed by :mod:`privacy.vault`; there is
deliberately no shared global map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PLACEHOLDER_RE = re.compile(r"<([A-Z_]+)_(\d+)>")


def _normalise(entity_type: str, value: str) -> str:
    folded = " ".join(value.casefold().split())
    if entity_type == "PHONE_NUMBER":
        digits = re.sub(r"\D", "", folded)
        return digits[-10:] if len(digits) >= 10 else digits
    if entity_type in {"SOCIAL_HANDLE", "EMAIL_ADDRESS", "PROFILE_URL"}:
        return folded.rstrip("/.").removeprefix("https://").removeprefix("http://")
    return folded


@dataclass
class PseudonymMap:
    """Placeholder assignments for one conversation (or one pair)."""

    # placeholder -> the value shown when restoring (roster full name when known)
    values: dict[str, str] = field(default_factory=dict)
    # "TYPE\x1fnormalised value" -> placeholder
    keys: dict[str, str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)

    def placeholder(self, entity_type: str, value: str, canonical: str | None = None) -> str:
        """The placeholder for a value, assigning the next free one on first sight."""
        key = f"{entity_type}\x1f{_normalise(entity_type, canonical or value)}"
        found = self.keys.get(key)
        if found is not None:
            return found
        number = self.counters.get(entity_type, 0) + 1
        self.counters[entity_type] = number
        tag = f"<{entity_type}_{number}>"
        self.keys[key] = tag
        self.values[tag] = canonical or value
        return tag

    def restore(self, text: str) -> str:
        """Put real values back in place of this map's placeholders; unknown tags stay."""
        return PLACEHOLDER_RE.sub(lambda m: self.values.get(m.group(0), m.group(0)), text)

    def __len__(self) -> int:
        return len(self.values)

    def to_dict(self) -> dict[str, object]:
        return {"values": self.values, "keys": self.keys, "counters": self.counters}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> PseudonymMap:
        values = data.get("values", {})
        keys = data.get("keys", {})
        counters = data.get("counters", {})
        if not (isinstance(values, dict) and isinstance(keys, dict) and isinstance(counters, dict)):
            raise ValueError("malformed pseudonym map")
        return cls(
            values={str(k): str(v) for k, v in values.items()},
            keys={str(k): str(v) for k, v in keys.items()},
            counters={str(k): int(v) for k, v in counters.items()},
        )

    def __repr__(self) -> str:  # never print real values
        return f"PseudonymMap({len(self.values)} placeholders)"
