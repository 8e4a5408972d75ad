"""The resource index: a SQLite manifest, Chroma vectors and a BM25 index kept in step.

The manifest (``resources.db`` in the data dir) records each file's content hash and its
chunks (original text and citation metadata). It is what makes ingestion incremental and
idempotent, and it is the source the keyword index is rebuilt from. Chroma holds the
vectors; chunk ids are stable, so writes are upserts and can never duplicate.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from retrieval.documents import Chunk, parse_audience
from retrieval.keyword_index import KeywordEntry, KeywordIndex
from retrieval.vector_store import GatewayEmbeddings, VectorIndex

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    source TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    chunk_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (datetime('now')),
    root TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL REFERENCES files(source) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    title TEXT NOT NULL,
    section TEXT NOT NULL,
    text TEXT NOT NULL,
    audience TEXT NOT NULL,
    topics TEXT NOT NULL,
    source_url TEXT
);
CREATE INDEX IF NOT EXISTS chunks_by_source ON chunks(source);
"""


@dataclass(frozen=True)
class DocumentUpdate:
    """New content for one source: its hash and all of its chunks.

    ``source`` is the document key (the path relative to the ingest root, see
    :mod:`retrieval.ingest`); ``root`` names the folder it was ingested from, which is what
    ``--prune`` scopes by.
    """

    source: str
    content_hash: str
    chunks: Sequence[Chunk]
    root: str = ""


class Manifest:
    """file -> hash -> chunk ids, plus each chunk's text and citation metadata."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        with closing(self._connect()) as db, db:
            db.executescript(_SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(files)")}
            if "root" not in columns:  # manifests written before document keys were relative
                db.execute("ALTER TABLE files ADD COLUMN root TEXT NOT NULL DEFAULT ''")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    def hashes(self) -> dict[str, str]:
        with closing(self._connect()) as db:
            return dict(db.execute("SELECT source, hash FROM files").fetchall())

    def roots(self) -> dict[str, str]:
        """Each source's ingest root label."""
        with closing(self._connect()) as db:
            return dict(db.execute("SELECT source, root FROM files").fetchall())

    def set_roots(self, roots: dict[str, str]) -> None:
        """Record a new root label for known sources (a renamed folder; nothing re-embedded)."""
        with closing(self._connect()) as db, db:
            db.executemany(
                "UPDATE files SET root = ? WHERE source = ?", [(r, s) for s, r in roots.items()]
            )

    def chunk_ids(self, sources: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        with closing(self._connect()) as db:
            for source in sources:
                rows = db.execute("SELECT id FROM chunks WHERE source = ?", (source,))
                out[source] = [r[0] for r in rows]
        return out

    def replace(self, updates: Sequence[DocumentUpdate]) -> None:
        with closing(self._connect()) as db, db:
            for update in updates:
                db.execute("DELETE FROM chunks WHERE source = ?", (update.source,))
                db.execute(
                    "INSERT INTO files (source, hash, chunk_count, root) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(source) DO UPDATE SET hash = excluded.hash, "
                    "chunk_count = excluded.chunk_count, root = excluded.root, "
                    "ingested_at = datetime('now')",
                    (update.source, update.content_hash, len(update.chunks), update.root),
                )
                db.executemany(
                    "INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            c.id,
                            update.source,
                            c.ordinal,
                            c.title,
                            json.dumps(list(c.section_path)),
                            c.text,
                            c.audience,
                            json.dumps(list(c.topics)),
                            c.source_url,
                        )
                        for c in update.chunks
                    ],
                )

    def remove(self, sources: Sequence[str]) -> None:
        with closing(self._connect()) as db, db:
            db.executemany("DELETE FROM files WHERE source = ?", [(s,) for s in sources])

    def chunks(self, ids: Sequence[str] | None = None) -> list[Chunk]:
        """Chunks by id (in the order given, unknown ids skipped), or all chunks."""
        query = (
            "SELECT id, source, ordinal, title, section, text, audience, topics, source_url "
            "FROM chunks"
        )
        with closing(self._connect()) as db:
            if ids is None:
                rows = db.execute(query + " ORDER BY source, ordinal").fetchall()
            else:
                rows = []
                for start in range(0, len(ids), 500):
                    part = list(ids[start : start + 500])
                    marks = ",".join("?" * len(part))
                    rows.extend(db.execute(f"{query} WHERE id IN ({marks})", part).fetchall())
        by_id = {row[0]: _row_to_chunk(row) for row in rows}
        order = ids if ids is not None else [row[0] for row in rows]
        return [by_id[i] for i in order if i in by_id]

    def counts(self) -> tuple[int, int]:
        with closing(self._connect()) as db:
            files = db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
            chunks = db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        return int(files), int(chunks)


def _row_to_chunk(row: tuple[object, ...]) -> Chunk:
    chunk_id, source, ordinal, title, section, text, audience, topics, url = row
    return Chunk(
        id=str(chunk_id),
        source=str(source),
        title=str(title),
        section_path=tuple(json.loads(str(section))),
        ordinal=int(str(ordinal)),
        text=str(text),
        audience=parse_audience(audience),
        topics=tuple(json.loads(str(topics))),
        source_url=str(url) if url else None,
    )


class ResourceIndex:
    """Keeps the manifest, the vectors and the keyword index consistent with each other.

    Write order matters for crash safety: vectors first, manifest last. A crash in between
    leaves the old hash in the manifest, so the next ingest redoes the file, and the stable
    chunk ids make the repeated vector writes harmless upserts.
    """

    def __init__(self, data_dir: Path, vectors: VectorIndex) -> None:
        self.manifest = Manifest(data_dir / "resources.db")
        self.vectors = vectors
        self.keywords = KeywordIndex(data_dir / "bm25")
        self._keywords_checked = False

    @property
    def embeddings(self) -> GatewayEmbeddings:
        return self.vectors.embeddings

    def replace_documents(self, updates: Sequence[DocumentUpdate]) -> tuple[int, int]:
        """Write new chunks for each source and drop its old ones; returns (written, deleted)."""
        if not updates:
            return 0, 0
        old = self.manifest.chunk_ids(u.source for u in updates)
        chunks = [c for u in updates for c in u.chunks]
        vectors = self.embeddings.embed_array([c.index_text for c in chunks], "resource-index")
        self.vectors.upsert(chunks, vectors)
        new_ids = {c.id for c in chunks}
        stale = [i for ids in old.values() for i in ids if i not in new_ids]
        self.vectors.delete(stale)
        self.manifest.replace(updates)
        self._keywords_checked = False
        return len(chunks), len(stale)

    def remove_documents(self, sources: Sequence[str]) -> int:
        """Forget sources entirely; returns how many chunks went with them."""
        old = self.manifest.chunk_ids(sources)
        ids = [i for chunk_ids in old.values() for i in chunk_ids]
        self.vectors.delete(ids)
        self.manifest.remove(sources)
        self._keywords_checked = False
        return len(ids)

    def refresh_keywords(self, force: bool = False) -> None:
        """Rebuild BM25 from the manifest when it no longer matches (or when forced)."""
        if self._keywords_checked and not force:
            return
        chunks = self.manifest.chunks()
        if force or not self.keywords.is_current([c.id for c in chunks]):
            self.keywords.rebuild(
                [KeywordEntry(c.id, c.index_text, c.audience, c.topics) for c in chunks]
            )
        self._keywords_checked = True
