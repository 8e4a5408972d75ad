"""The data that flows through ingestion and search: loaded documents, chunks and hits.

Plain dataclasses: they live inside the retrieval package. The CLI and the API turn hits
into pydantic models at their own edges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Audience = Literal["mentor", "mentee", "all"]
AUDIENCES: tuple[Audience, ...] = ("mentor", "mentee", "all")


def parse_audience(value: object, default: Audience = "all") -> Audience:
    """Normalise an audience label from metadata; anything unknown falls back to ``default``."""
    text = str(value).strip().lower() if value is not None else ""
    aliases: dict[str, Audience] = {
        "mentor": "mentor",
        "mentors": "mentor",
        "mentee": "mentee",
        "mentees": "mentee",
        "student": "mentee",
        "students": "mentee",
        "all": "all",
        "everyone": "all",
    }
    return aliases.get(text, default)


def parse_topics(value: object) -> tuple[str, ...]:
    """Topics from a YAML list or a comma/semicolon separated string, lower-cased, deduplicated."""
    if value is None:
        return ()
    raw: list[str]
    if isinstance(value, str):
        raw = value.replace(";", ",").split(",")
    elif isinstance(value, list | tuple):
        raw = [str(v) for v in value]
    else:
        raw = [str(value)]
    seen: dict[str, None] = {}
    for item in raw:
        topic = item.strip().lower()
        if topic:
            seen.setdefault(topic, None)
    return tuple(seen)


@dataclass(frozen=True)
class Section:
    """A run of body text under one heading path (empty path: text before any heading)."""

    path: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class LoadedDocument:
    """One resource after loading: metadata plus its sections in reading order."""

    source: Path
    title: str
    audience: Audience
    topics: tuple[str, ...]
    source_url: str | None
    format: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class LoadFailure:
    """A file that could not be read; the reason never quotes the file's content."""

    source: Path
    reason: str


@dataclass(frozen=True)
class Chunk:
    """A retrievable piece of a document with everything a citation needs."""

    id: str
    source: str
    title: str
    section_path: tuple[str, ...]
    ordinal: int
    text: str
    audience: Audience
    topics: tuple[str, ...]
    source_url: str | None

    @property
    def citation(self) -> str:
        """``Title > Section > Subsection``: how a hit is shown to people."""
        return " > ".join((self.title, *self.section_path))

    @property
    def index_text(self) -> str:
        """What the embedder and BM25 see: the citation adds context short chunks lack."""
        return f"{self.citation}\n{self.text}"


@dataclass(frozen=True)
class Hit:
    """One search result. ``relevance`` is the dense cosine; ``score`` is the fused score."""

    chunk_id: str
    title: str
    section_path: tuple[str, ...]
    snippet: str
    text: str
    source: str
    source_url: str | None
    score: float
    relevance: float
    audience: Audience
    topics: tuple[str, ...] = field(default_factory=tuple)

    @property
    def citation(self) -> str:
        return " > ".join((self.title, *self.section_path))
