"""Chroma behind langchain-chroma, with embeddings that go through the model gateway.

Chroma's default embedding function downloads an ONNX model, so every collection here is
opened with an explicit one: :class:`GatewayEmbeddings`, which redacts before embedding.
Vectors are written with precomputed embeddings so the stored document stays the original
text (for display) while the model only ever saw its redacted form.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from langchain_core.embeddings import Embeddings

from privacy.gateway import ModelGateway
from retrieval.documents import Audience, Chunk

CALLER = "retrieval"
_TOPIC_PREFIX = "topic:"
# An unfiltered query fetches k / share * _OVERFETCH neighbours, up to _MAX_UNFILTERED (at
# 10,000 chunks 300 neighbours take ~2 ms, 500 take ~8 ms; a filtered query takes 20-30 ms).
_OVERFETCH = 1.5
_MAX_UNFILTERED = 400


class GatewayEmbeddings(Embeddings):
    """LangChain ``Embeddings`` over :class:`ModelGateway`: redaction first, then the model.

    Example::

        store = Chroma(client=client, collection_name="resources",
                       embedding_function=GatewayEmbeddings(gateway))
    """

    def __init__(self, gateway: ModelGateway, batch_size: int = 64) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be positive")
        self._gateway = gateway
        self.batch_size = batch_size

    def embed_array(self, texts: Sequence[str], purpose: str) -> npt.NDArray[np.float32]:
        """Embed in batches so redaction and the model never hold a whole library at once."""
        parts = [
            self._gateway.embed(texts[i : i + self.batch_size], caller=CALLER, purpose=purpose)
            for i in range(0, len(texts), self.batch_size)
        ]
        if not parts:
            return np.zeros((0, self._gateway.embedding_dimension), dtype=np.float32)
        return np.vstack(parts)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts, "resource-index").tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_array([text], "resource-query")[0].tolist()  # type: ignore[no-any-return]


def make_chroma_client(
    backend: Literal["embedded", "server"], path: Path, host: str = "127.0.0.1", port: int = 8001
) -> Any:
    """A Chroma client with telemetry off: a local ``PersistentClient`` or an ``HttpClient``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if backend == "server":
        return chromadb.HttpClient(host=host, port=port, settings=settings)
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def chunk_metadata(chunk: Chunk) -> dict[str, str | int | bool]:
    """Flat Chroma metadata. Topics become boolean keys: Chroma filters can't search lists."""
    meta: dict[str, str | int | bool] = {
        "source": chunk.source,
        "title": chunk.title,
        "section": " > ".join(chunk.section_path),
        "ordinal": chunk.ordinal,
        "audience": chunk.audience,
        "source_url": chunk.source_url or "",
    }
    for topic in chunk.topics:
        meta[_TOPIC_PREFIX + topic] = True
    return meta


def visible_audiences(audience: Audience | None) -> tuple[Audience, ...] | None:
    """What a reader may see: a mentee sees mentee and all; a mentor (or no one given) all."""
    if audience == "mentee":
        return ("mentee", "all")
    if audience == "all":
        return ("all",)
    return None


def chroma_filter(audience: Audience | None, topics: Sequence[str] | None) -> dict[str, Any] | None:
    clauses: list[dict[str, Any]] = []
    allowed = visible_audiences(audience)
    if allowed is not None:
        clauses.append({"audience": {"$in": list(allowed)}})
    if topics:
        options = [{_TOPIC_PREFIX + t.lower(): True} for t in topics]
        clauses.append(options[0] if len(options) == 1 else {"$or": options})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass(frozen=True)
class DenseMatch:
    chunk_id: str
    similarity: float


class VectorIndex:
    """The dense half of the resource index: one Chroma collection, cosine space."""

    def __init__(self, client: Any, collection: str, embeddings: GatewayEmbeddings) -> None:
        from langchain_chroma import Chroma

        if len(collection) < 3:
            raise ValueError("Chroma collection names need at least 3 characters")
        self.embeddings = embeddings
        self.store = Chroma(
            client=client,
            collection_name=collection,
            embedding_function=embeddings,
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
        self._collection: Any = self.store._collection  # the same collection, for raw writes

    def count(self) -> int:
        return int(self._collection.count())

    def upsert(self, chunks: Sequence[Chunk], vectors: npt.NDArray[np.float32]) -> None:
        if not chunks:
            return
        # Chroma caps one request's size; 1000 stays well under it for 384-d vectors.
        for start in range(0, len(chunks), 1000):
            part = chunks[start : start + 1000]
            self._collection.upsert(
                ids=[c.id for c in part],
                embeddings=vectors[start : start + len(part)],
                documents=[c.text for c in part],
                metadatas=[chunk_metadata(c) for c in part],
            )

    def upsert_raw(
        self,
        ids: Sequence[str],
        vectors: npt.NDArray[np.float32],
        documents: Sequence[str],
        metadatas: Sequence[Mapping[str, str | int | bool]],
    ) -> None:
        for start in range(0, len(ids), 1000):
            end = start + 1000
            self._collection.upsert(
                ids=list(ids[start:end]),
                embeddings=vectors[start:end],
                documents=list(documents[start:end]),
                metadatas=[dict(m) for m in metadatas[start:end]],
            )

    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), 1000):
            self._collection.delete(ids=list(ids[start : start + 1000]))

    def all_ids(self) -> list[str]:
        return [str(i) for i in self._collection.get(include=[])["ids"]]

    def query(
        self,
        vector: npt.NDArray[np.float32],
        k: int,
        where: dict[str, Any] | None,
        admitted: AbstractSet[str] | None = None,
        share: float = 1.0,
    ) -> list[DenseMatch]:
        """Nearest chunks by cosine similarity (1 - cosine distance).

        Chroma's metadata filter costs 20-30 ms a query at 10,000 chunks, against about 1 ms
        unfiltered. So when the caller knows the ids ``where`` admits (``admitted``, about
        ``share`` of the collection), an unfiltered query fetches enough neighbours for
        ``k`` of them to be expected among them and keeps those: the same ids a filtered
        query finds. Only when too few survive (or the filter is too narrow for that to be
        cheap) does the filtered query run.
        """
        if k < 1 or (admitted is not None and not admitted):
            return []
        if where is not None and admitted is not None and share > 0:
            fetch = math.ceil(k / share * _OVERFETCH) + 10
            if fetch <= _MAX_UNFILTERED:
                found = self._nearest(vector, fetch, None)
                kept = [m for m in found if m.chunk_id in admitted]
                # Fewer than asked for: Chroma returned the whole collection.
                if len(kept) >= k or len(found) < fetch:
                    return kept[:k]
        return self._nearest(vector, k, where)

    def _nearest(
        self, vector: npt.NDArray[np.float32], k: int, where: dict[str, Any] | None
    ) -> list[DenseMatch]:
        # The raw collection, distances only: LangChain's wrapper also reads every hit's
        # document and metadata back (about 5 ms), which ranking never uses. Chroma clamps
        # n_results to the collection's size and answers an empty collection with nothing.
        found = self._collection.query(
            query_embeddings=[vector], n_results=k, where=where, include=["distances"]
        )
        ids, distances = found["ids"][0], found["distances"][0]
        return [DenseMatch(str(i), 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def similarities(self, vector: npt.NDArray[np.float32], ids: Sequence[str]) -> dict[str, float]:
        """Cosine of the query with given chunks, for keyword hits the dense search missed."""
        if not ids:
            return {}
        got = self._collection.get(ids=list(ids), include=["embeddings"])
        matrix = np.asarray(got["embeddings"], dtype=np.float32)
        if matrix.size == 0:
            return {}
        sims = matrix @ vector.astype(np.float32)
        return {str(i): float(s) for i, s in zip(got["ids"], sims, strict=True)}
