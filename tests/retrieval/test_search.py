"""Search: audience and topic filters, cut-off, hit fields; fusion functions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from privacy.gateway import ModelGateway
from privacy.redactor import Redactor
from retrieval.fusion import FusionConfig, convex_fusion, reciprocal_rank_fusion
from retrieval.ingest import ResourceIngestor
from retrieval.search import ResourceSearch, make_snippet
from retrieval.vector_store import GatewayEmbeddings, VectorIndex, chroma_filter, make_chroma_client
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
    assert hit.source == "careers/internships.md"  # relative to the ingest root
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


def test_query_vectors_are_cached_by_normalised_query(library: Path, make_index: Build) -> None:
    embedder = RecordingEmbedder()
    ingestor, engine = make_index(embedder)
    ingestor.ingest([library])
    seen = len(embedder.seen)
    first = engine.search("mock   interview", k=3)
    again = engine.search(" mock interview ", k=3)
    assert first and [h.chunk_id for h in again] == [h.chunk_id for h in first]
    assert embedder.seen[seen:] == ["mock interview"]  # embedded once, normalised
    assert not any("mock" in repr(key) for key in engine._query_vectors)  # digests, no text
    engine.clear_query_cache()
    engine.search("mock interview", k=3)
    assert len(embedder.seen) == seen + 2


def test_query_cache_is_bounded_and_can_be_off(library: Path, make_index: Build) -> None:
    embedder = RecordingEmbedder()
    ingestor, engine = make_index(embedder)
    ingestor.ingest([library])
    small = ResourceSearch(engine.index, query_cache_size=2)
    for query in ("one", "two", "three", "one"):
        small.embed_query(query)
    assert len(small._query_vectors) == 2 and embedder.seen[-4:] == ["one", "two", "three", "one"]
    off = ResourceSearch(engine.index, query_cache_size=0)
    off.embed_query("four")
    off.embed_query("four")
    assert embedder.seen[-2:] == ["four", "four"] and not off._query_vectors
    with pytest.raises(ValueError):
        small.embed_query("x").__setitem__(0, 1.0)  # shared vectors are read-only


def test_post_filtered_dense_query_matches_chromas_filter(
    tmp_path: Path, redactor: Redactor
) -> None:
    """Unfiltered query + admitted ids gives what Chroma's own filter gives, fallback too."""
    vectors = VectorIndex(
        make_chroma_client("embedded", tmp_path / "chroma"),
        "post-filter",
        GatewayEmbeddings(ModelGateway(redactor, RecordingEmbedder())),
    )
    rng = np.random.default_rng(3)
    n = 600
    matrix = rng.normal(size=(n, 16)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    ids = [f"c{i:04d}" for i in range(n)]
    audiences = ["all" if i % 10 == 0 else "mentor" for i in range(n)]
    vectors.upsert_raw(ids, matrix, ids, [{"audience": a} for a in audiences])
    mentee = frozenset(i for i, a in zip(ids, audiences, strict=True) if a == "all")
    where = chroma_filter("mentee", None)
    assert where is not None
    for q in rng.normal(size=(5, 16)).astype(np.float32):
        q /= np.linalg.norm(q)
        exact = [m.chunk_id for m in vectors._nearest(q, 20, where)]
        assert len(exact) == 20 and set(exact) <= mentee
        # The true share: one unfiltered fetch is enough.
        assert [m.chunk_id for m in vectors.query(q, 20, where, mentee, 0.1)] == exact
        # A share that overstates it: too few survive, so Chroma's filter runs instead.
        assert [m.chunk_id for m in vectors.query(q, 20, where, mentee, 1.0)] == exact
        # Too narrow to over-fetch cheaply: straight to Chroma's filter.
        assert [m.chunk_id for m in vectors.query(q, 20, where, mentee, 0.01)] == exact
    assert vectors.query(matrix[0], 5, where, frozenset(), 0.0) == []


def test_admitted_ids_follow_the_filters(search: ResourceSearch) -> None:
    keywords = search.index.keywords
    assert keywords.admitted(None, None) == (None, 1.0)
    mentee, share = keywords.admitted(("mentee", "all"), None)
    chunks = search.index.manifest.chunks()
    assert mentee == frozenset(c.id for c in chunks if c.audience in ("mentee", "all"))
    assert share == pytest.approx(len(mentee) / len(chunks))
    boundaries, _ = keywords.admitted(None, ["Boundaries"])
    assert boundaries == frozenset(c.id for c in chunks if "boundaries" in c.topics)
