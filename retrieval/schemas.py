"""Pydantic shapes of search results at the edges (CLI JSON, HTTP API)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from retrieval.documents import Audience, Hit


class HitModel(BaseModel):
    """One cited search result as it leaves the process."""

    chunk_id: str
    title: str
    section_path: list[str]
    citation: str = Field(description='"Title > Section > Subsection"')
    snippet: str
    source: str
    source_url: str | None
    score: float = Field(description="Fused rank score; only the order is meaningful.")
    relevance: float = Field(description="Dense cosine similarity with the query.")
    audience: Audience
    topics: list[str]

    @classmethod
    def from_hit(cls, hit: Hit) -> HitModel:
        return cls(
            chunk_id=hit.chunk_id,
            title=hit.title,
            section_path=list(hit.section_path),
            citation=hit.citation,
            snippet=hit.snippet,
            source=hit.source,
            source_url=hit.source_url,
            score=hit.score,
            relevance=hit.relevance,
            audience=hit.audience,
            topics=list(hit.topics),
        )


class SearchRequest(BaseModel):
    """One line of a ``--queries`` file."""

    id: str | int
    query: str = Field(min_length=1, max_length=2_000)
    k: int | None = Field(default=None, ge=1, le=100)
    audience: Audience | None = None
    topics: list[str] | None = None


class SearchResult(BaseModel):
    id: str | int
    query: str
    hits: list[HitModel]
