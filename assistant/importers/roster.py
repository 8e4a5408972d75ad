"""The program roster file, ``program.yaml``: program, participants, pairs, goals, meetings.

Schema (see also ``examples/program/README.md``)::

    program: {id: northbridge, name: Northbridge Mentoring, timezone: America/New_York}
    participants:
      - {id: maya-chen, role: mentor, name: Maya Chen, aliases: [maya],
         email: maya.chen@example.edu, slack_email: maya@example.com}
      - {id: luis-herrera, role: coordinator, name: Luis Herrera}  # staff: no pair
    pairs:
      - id: maya-jordan
        mentor: maya-chen            # a participant id with role mentor
        mentee: jordan-reyes         # a participant id with role mentee
        started: 2026-09-02          # optional
        profile_names: [Alicia Reyes]  # other people the pair talks about, redacted too
        goals: [{id: g1, text: "...", status: in_progress, due: 2026-12-01}]
        meetings: [{date: 2026-09-05, status: held}]  # scheduled|held|cancelled|no_show

Errors name the line and the field path, e.g. ``program.yaml:41: pairs[2].mentor: ...``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.importers.errors import ImportFileError
from assistant.importers.records import zone

_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ProgramSpec(_Strict):
    id: str = Field(pattern=_ID)
    name: str
    timezone: str = "UTC"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        zone(value)
        return value


class ParticipantSpec(_Strict):
    id: str = Field(pattern=_ID)
    role: str = Field(pattern=r"^[a-z_]+$")  # mentor, mentee, or a staff role
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    email: str | None = None
    slack_email: str | None = None

    @property
    def emails(self) -> list[str]:
        return [e for e in (self.email, self.slack_email) if e]


class GoalSpec(_Strict):
    id: str | None = None
    text: str = Field(min_length=1)
    status: str = "open"
    due: dt.date | None = None


class MeetingSpec(_Strict):
    date: dt.date
    status: Literal["scheduled", "held", "cancelled", "no_show"]


class PairSpec(_Strict):
    id: str = Field(pattern=_ID)
    mentor: str
    mentee: str
    started: dt.date | None = None
    profile_names: list[str] = Field(default_factory=list)
    goals: list[GoalSpec] = Field(default_factory=list)
    meetings: list[MeetingSpec] = Field(default_factory=list)


class RosterSpec(_Strict):
    program: ProgramSpec
    participants: list[ParticipantSpec] = Field(default_factory=list)
    pairs: list[PairSpec] = Field(default_factory=list)


def _node_line(node: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """The line of the YAML node at a pydantic error location (deepest one found)."""
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            match = node.value[part] if part < len(node.value) else None
        else:
            match = None
        if match is None:
            break
        node, line = match, match.start_mark.line + 1
    return line


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_roster(text: str, source: str) -> RosterSpec:
    """Parse and check a roster; raises :class:`ImportFileError` naming line and field."""
    try:
        node = yaml.compose(text)
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ImportFileError(source, line, None, "invalid YAML") from None
    if node is None or not isinstance(data, dict):
        raise ImportFileError(
            source, 1, None, "expected a mapping with program, participants, pairs"
        )
    try:
        spec = RosterSpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        # Say what was wrong without echoing the value (it may be a name or an email).
        reason = first["msg"]
        raise ImportFileError(source, _node_line(node, loc), _path(loc), reason) from None
    _check_references(spec, node, source)
    return spec


def _check_references(spec: RosterSpec, node: yaml.Node, source: str) -> None:
    people: dict[str, ParticipantSpec] = {}
    for i, p in enumerate(spec.participants):
        if p.id in people:
            loc: tuple[int | str, ...] = ("participants", i, "id")
            raise ImportFileError(source, _node_line(node, loc), _path(loc), "duplicate id")
        people[p.id] = p
    seen: set[str] = set()
    for i, pair in enumerate(spec.pairs):
        if pair.id in seen:
            loc = ("pairs", i, "id")
            raise ImportFileError(source, _node_line(node, loc), _path(loc), "duplicate id")
        seen.add(pair.id)
        for role in ("mentor", "mentee"):
            ref = getattr(pair, role)
            loc = ("pairs", i, role)
            if ref not in people:
                raise ImportFileError(
                    source, _node_line(node, loc), _path(loc), "not a participant id"
                )
            if people[ref].role != role:
                raise ImportFileError(
                    source, _node_line(node, loc), _path(loc), f"participant is not a {role}"
                )
