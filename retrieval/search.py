"""Hybrid resource search: BM25 and dense candidates, fused, filtered, cut off, cited.

This is the API the assistant calls::

    hits = search.search("how do I apply for an internship", k=5, audience="mentee")
    if not hits:
        ...  # say the program's resources don't cover it

Every hit carries the chunk's stable id, the document title and section path (the
citation), the original text, the source and the dense cosine ``relevance``.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from retrieval.documents import Audience, Chunk, Hit
from retrieval.fusion import FusionConfig
from retrieval.index import ResourceIndex
from retrieval.vector_store import chroma_filter, visible_audiences

Method = Literal["hybrid", "bm25", "dense", "rrf"]
# Calibrated on evals/retrieval (in-library questions) against evals/refusal (out of
# scope); see evals/retrieval/results.json, "cutoff".
DEFAULT_MIN_RELEVANCE = 0.30
# Score-aware fusion won on both evaluation sets (evals/retrieval/results.json).
DEFAULT_FUSION = FusionConfig(method="convex", keyword_weight=0.3, dense_weight=0.7)
SNIPPET_CHARS = 280


@dataclass(frozen=True)
class Ranked:
    """Candidates of one query before they become hits (the evaluation reads these)."""

    ids: list[str]
    scores: dict[str, float]
    similarities: dict[str, float]


class ResourceSearch:
    """Hybrid search over a :class:`ResourceIndex` with audience/topic filters.

    ``min_relevance`` is compared with the best hit's dense cosine: below it the query is
    taken to be outside the library, and ``search`` returns no hits at all.
    """

    def __init__(
        self,
        index: ResourceIndex,
        fusion: FusionConfig = DEFAULT_FUSION,
        min_relevance: float = DEFAULT_MIN_RELEVANCE,
        candidates: int = 50,
        query_cache_size: int = 1024,
    ) -> None:
        if candidates < 1:
            raise ValueError("candidates must be positive")
        if query_cache_size < 0:
            raise ValueError("query_cache_size must not be negative")
        self.index = index
        self.fusion = fusion
        self.min_relevance = min_relevance
        self.candidates = candidates
        self.query_cache_size = query_cache_size
        self._query_vectors: OrderedDict[bytes, npt.NDArray[np.float32]] = OrderedDict()
        self._cache_lock = threading.Lock()

    def search(
        self,
        query: str,
        k: int = 5,
        audience: Audience | None = None,
        topics: Sequence[str] | None = None,
        *,
        method: Method = "hybrid",
        min_relevance: float | None = None,
    ) -> list[Hit]:
        """The ``k`` best chunks for ``query`` that ``audience`` may see, or ``[]``.

        A mentee sees ``mentee`` and ``all`` resources; a mentor (or ``None``) sees every
        resource. ``topics`` keeps chunks tagged with any of them.
        """
        if k < 1:
            raise ValueError("k must be positive")
        if not query.strip():
            return []
        ranked = self.rank(query, audience, topics, method=method, depth=max(k, self.candidates))
        cutoff = self.min_relevance if min_relevance is None else min_relevance
        best = max(ranked.similarities.values(), default=-1.0)
        if best < cutoff:
            return []
        top = ranked.ids[:k]
        chunks = {c.id: c for c in self.index.manifest.chunks(top)}
        return [
            _to_hit(chunks[i], ranked.scores[i], ranked.similarities.get(i, 0.0))
            for i in top
            if i in chunks
        ]

    def rank(
        self,
        query: str,
        audience: Audience | None = None,
        topics: Sequence[str] | None = None,
        *,
        method: Method = "hybrid",
        depth: int = 50,
    ) -> Ranked:
        """Candidate chunk ids, best first, with fused scores and dense similarities.

        ``rrf`` is plain equal-weight RRF, kept so the evaluation can show what the
        configured fusion improves on.
        """
        self.index.refresh_keywords()
        audiences = visible_audiences(audience)
        keyword: list[tuple[str, float]] = []
        if method != "dense":
            keyword = [
                (m.chunk_id, m.score)
                for m in self.index.keywords.search(query, depth, audiences, topics)
            ]
        vector = self.embed_query(query)
        admitted, share = self.index.keywords.admitted(audiences, topics)
        dense = [
            (m.chunk_id, m.similarity)
            for m in self.index.vectors.query(
                vector, depth, chroma_filter(audience, topics), admitted, share
            )
        ]
        similarities = dict(dense)
        missing = [i for i, _ in keyword if i not in similarities]
        similarities.update(self.index.vectors.similarities(vector, missing))
        if method == "bm25":
            scores = dict(keyword)
        elif method == "dense":
            scores = dict(dense)
        elif method == "rrf":
            scores = FusionConfig(method="rrf").fuse(keyword, dense)
        else:
            dense_for_fusion = dense
            if self.fusion.method == "convex":
                dense_for_fusion = [(i, similarities.get(i, 0.0)) for i in similarities]
            scores = self.fusion.fuse(keyword, dense_for_fusion)
        ids = sorted(scores, key=lambda i: (-scores[i], i))
        return Ranked(ids=ids, scores=scores, similarities=similarities)

    def clear_query_cache(self) -> None:
        with self._cache_lock:
            self._query_vectors.clear()

    def embed_query(self, query: str) -> npt.NDArray[np.float32]:
        """The query's vector, from the cache when the same query was embedded recently.

        The query is embedded in its whitespace-normalised form, so the cache is exact. It
        is keyed by a SHA-256 of that form: no query text is kept in memory. A hit skips the
        gateway (there is no model call to redact for or to audit).
        """
        text = " ".join(query.split())
        key = hashlib.sha256(text.encode("utf-8")).digest()
        with self._cache_lock:
            cached = self._query_vectors.get(key)
            if cached is not None:
                self._query_vectors.move_to_end(key)
                return cached
        vector = np.array(
            self.index.embeddings.embed_array([text], "resource-query")[0], dtype=np.float32
        )
        vector.setflags(write=False)
        if self.query_cache_size > 0:
            with self._cache_lock:
                self._query_vectors[key] = vector
                while len(self._query_vectors) > self.query_cache_size:
                    self._query_vectors.popitem(last=False)
        return vector


def make_snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The chunk's opening, cut at a word boundary, with an ellipsis when shortened."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(",;:") + "…"


def _to_hit(chunk: Chunk, score: float, relevance: float) -> Hit:
    return Hit(
        chunk_id=chunk.id,
        title=chunk.title,
        section_path=chunk.section_path,
        snippet=make_snippet(chunk.text),
        text=chunk.text,
        source=chunk.source,
        source_url=chunk.source_url,
        score=round(score, 6),
        relevance=round(relevance, 4),
        audience=chunk.audience,
        topics=chunk.topics,
    )
