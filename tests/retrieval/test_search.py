"""Search: audience and topic filters, cut-off, hit fields; fusion functions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from retrieval.fusion import FusionConfig, convex_fusion, reciprocal_rank_fusion
from retrieval.ingest import ResourceIngestor
from retrieval.search import ResourceSearch, make_snippet
from tests.conftest import RecordingEmbedder

Build = Callable[[RecordingEmbedder], tuple[ResourceIngestor, ResourceSearch]]


@pytest.fixture
def search(library: Path, make_index: Build) -> ResourceSearch:
    ingestor, engine = make_index(RecordingEmbedder())
    ingestor.ingest([library])
    return engine


def test_mentee_sees_mentee_and_all_mentor_sees_everything(search: ResourceSearch) -> None:
    query = "money internships program office"
    mentee = {h.audience for h in search.search(query, k=20, audience="mentee")}
    mentor = {h.audience for h in search.search(query, k=20, audience="mentor")}
    assert mentee == {"mentee", "all"}
    assert mentor == {"mentee", "all", "mentor"}
    assert {h.audience for h in search.search(query, k=20, audience="all")} == {"all"}


def test_topic_filter(search: ResourceSearch) -> None:
    hits = search.search("money internships office", k=20, topics=["boundaries"])
    assert hits and {h.title for h in hits} == {"Mentor Boundaries"}
    assert search.search("money", k=20, topics=["no-such-topic"]) == []


def test_hit_fields(search: ResourceSearch) -> None:
    hit = search.search("Finance consulting recruit summer internships", k=1)[0]
    assert hit.citation == "Internship Guide > Applying early"
    assert hit.source.endswith("internships.md")
    assert hit.source_url == "https://example.edu/internships"
    assert hit.topics == ("internships", "careers") and hit.audience == "mentee"
    assert len(hit.chunk_id) == 24 and hit.snippet


@pytest.mark.parametrize("method", ["bm25", "dense", "rrf", "hybrid"])
def test_every_method_answers(search: ResourceSearch, method: str) -> None:
    assert search.search("mock interview career center", k=3, method=method)  # type: ignore[arg-type]


def test_cutoff_above_every_similarity_returns_nothing(search: ResourceSearch) -> None:
    assert search.search("internships", k=5, min_relevance=1.01) == []
    assert search.search("   ", k=5) == []
    with pytest.raises(ValueError):
        search.search("x", k=0)


def test_reciprocal_rank_fusion() -> None:
    scores = reciprocal_rank_fusion([["a", "b"], ["b", "c"]], k=60)
    assert max(scores, key=scores.__getitem__) == "b"
    weighted = reciprocal_rank_fusion([["a"], ["c"]], weights=[0.5, 1.0])
    assert weighted["c"] > weighted["a"]
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], weights=[1.0, 2.0])
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], k=0)


def test_convex_fusion_normalises_bm25_only() -> None:
    scores = convex_fusion({"a": 10.0, "b": 5.0}, {"a": 0.2, "b": 0.6}, dense_weight=0.5)
    assert scores == pytest.approx({"a": 0.6, "b": 0.55})
    with pytest.raises(ValueError):
        convex_fusion({}, {}, dense_weight=1.5)
    assert FusionConfig(method="convex").fuse([("a", 1.0)], [("b", 0.5)])["a"] == 0.5


def test_snippet_is_cut_at_a_word() -> None:
    assert make_snippet("short text") == "short text"
    long = make_snippet("word " * 200, limit=50)
    assert long.endswith("…") and len(long) <= 51
