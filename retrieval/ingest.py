"""Incremental, idempotent ingestion of resource folders into the :class:`ResourceIndex`.

A file is re-read only when its content hash (which also covers the chunking settings and
any audience override) differs from the manifest's; chunks of several files are embedded
together so the gateway and the model see full batches.

Documents are keyed by their path relative to the ingest root they were found under
(``careers/internships.md``; a file given on its own: its name), never by an absolute
path. The key is the hit's ``source`` and goes into every chunk id, so moving the folder or
ingesting it from another checkout finds every file unchanged, and no server path reaches
a citation. ``--prune`` is scoped by the root folder's name, which the manifest records.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from retrieval.chunking import Chunker
from retrieval.documents import Audience, LoadedDocument, LoadFailure
from retrieval.index import DocumentUpdate, ResourceIndex
from retrieval.loaders import ResourceFormatError, describe_error, discover, load_file

FileStatus = Literal["added", "updated", "unchanged", "failed"]
ProgressCallback = Callable[[Path, FileStatus], None]
LOADER_VERSION = "1"


@dataclass
class IngestReport:
    """What one ingest run did; the CLI prints it as the summary table."""

    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[LoadFailure] = field(default_factory=list)
    pruned_files: int = 0
    chunks_written: int = 0
    chunks_deleted: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures)


class DuplicateKeyError(ResourceFormatError):
    """Two files of one run map to the same document key (same relative path, two roots)."""


@dataclass(frozen=True)
class SourceKey:
    """Where a found file goes in the manifest: its document key and its root's label."""

    key: str
    root: str


def source_keys(roots: Sequence[Path], files: Sequence[Path]) -> dict[Path, SourceKey]:
    """Each file's document key: its POSIX path relative to the outermost folder root that
    holds it, or its name when it was given on its own (or lies under no root).

    The root label is the root folder's name (a single file: its folder's name, so it gets
    the same key and label as when that folder is ingested).
    """
    folders = sorted(
        {r.resolve() for r in roots if r.is_dir()}, key=lambda r: (len(r.parts), str(r))
    )
    keys: dict[Path, SourceKey] = {}
    for file in files:
        path = file.resolve()
        root = next((r for r in folders if path.is_relative_to(r)), None)
        if root is None:
            keys[file] = SourceKey(path.name, path.parent.name)
        else:
            keys[file] = SourceKey(path.relative_to(root).as_posix(), root.name)
    return keys


class ResourceIngestor:
    """Loads, chunks and indexes resource files.

    Example::

        report = ResourceIngestor(index, Chunker()).ingest([Path("examples/resources")])
    """

    def __init__(self, index: ResourceIndex, chunker: Chunker, batch_chunks: int = 128) -> None:
        if batch_chunks < 1:
            raise ValueError("batch_chunks must be positive")
        self.index = index
        self.chunker = chunker
        self.batch_chunks = batch_chunks

    def discover(self, paths: Sequence[Path]) -> list[Path]:
        missing = [p for p in paths if not p.exists()]
        if missing:
            raise FileNotFoundError(f"no such file or folder: {missing[0]}")
        return list(discover(paths))

    def ingest(
        self,
        paths: Sequence[Path],
        *,
        audience: Audience | None = None,
        prune: bool = False,
        progress: ProgressCallback | None = None,
        files: Sequence[Path] | None = None,
    ) -> IngestReport:
        """Bring the index in line with ``paths``.

        ``audience`` overrides every file's own audience metadata (for folders of files
        without any). ``prune`` forgets files that were ingested from the folders in
        ``paths`` (by folder name) and are no longer there.
        """
        unique: dict[Path, Path] = {}
        for file in files if files is not None else self.discover(paths):
            unique.setdefault(file.resolve(), file)
        found = list(unique.values())
        report = IngestReport(files=len(found))
        known = self.index.manifest.hashes()
        known_roots = self.index.manifest.roots()
        keys = source_keys(paths, found)
        pending: list[tuple[DocumentUpdate, FileStatus, Path]] = []
        present: dict[str, Path] = {}
        relabel: dict[str, str] = {}
        # Manifests from before relative keys used absolute paths: replaced as files are seen.
        legacy: list[str] = []

        def flush() -> None:
            written, deleted = self.index.replace_documents([u for u, _, _ in pending])
            report.chunks_written += written
            report.chunks_deleted += deleted
            for _, status, path in pending:
                if progress:
                    progress(path, status)
            pending.clear()

        for path in found:
            source, root = keys[path].key, keys[path].root
            old_source = str(path.resolve())
            try:
                if source in present:
                    raise DuplicateKeyError(
                        f"another file in this run has the same relative path {source!r}"
                    )
                present[source] = path
                digest = self._content_hash(path, audience)
                if known.get(source) == digest:
                    report.unchanged += 1
                    if old_source in known:
                        legacy.append(old_source)
                    if known_roots.get(source) != root:
                        relabel[source] = root
                    if progress:
                        progress(path, "unchanged")
                    continue
                document = load_file(path)
                chunks = self.chunker.split(_with_audience(document, audience), source)
            except Exception as exc:  # report the file by name and go on with the rest
                report.failures.append(LoadFailure(path, describe_error(exc)))
                if progress:
                    progress(path, "failed")
                continue
            status: FileStatus = "updated" if source in known or old_source in known else "added"
            if old_source in known:
                legacy.append(old_source)  # only once its new chunks are in: a failure keeps it
            setattr(report, status, getattr(report, status) + 1)
            pending.append((DocumentUpdate(source, digest, chunks, root), status, path))
            if sum(len(u.chunks) for u, _, _ in pending) >= self.batch_chunks:
                flush()
        flush()
        if relabel:
            self.index.manifest.set_roots(relabel)
        if legacy:
            # After the new entries are written: a crash in between leaves both, and the
            # next run finds the file unchanged and still drops the legacy entry.
            report.chunks_deleted += self.index.remove_documents(legacy)
        if prune:
            gone = self._deleted_sources(
                paths, set(present), {str(p.resolve()) for p in found}, known, known_roots
            )
            report.chunks_deleted += self.index.remove_documents(gone)
            report.pruned_files = len(gone)
        self.index.refresh_keywords()
        return report

    def ingest_documents(self, documents: Sequence[LoadedDocument]) -> IngestReport:
        """Index documents built in memory (evaluation sets); their source paths are keys."""
        report = IngestReport(files=len(documents))
        known = self.index.manifest.hashes()
        updates: list[DocumentUpdate] = []
        for document in documents:
            source = document.source.as_posix()
            text = "\x1e".join(f"{s.path}\x1f{s.text}" for s in document.sections)
            digest = self._digest(
                f"{document.title}\x1f{document.audience}\x1f{document.topics}\x1f{text}".encode()
            )
            if known.get(source) == digest:
                report.unchanged += 1
                continue
            report.added += 1
            updates.append(DocumentUpdate(source, digest, self.chunker.split(document, source)))
        for start in range(0, len(updates), 16):
            written, deleted = self.index.replace_documents(updates[start : start + 16])
            report.chunks_written += written
            report.chunks_deleted += deleted
        self.index.refresh_keywords()
        return report

    def _content_hash(self, path: Path, audience: Audience | None) -> str:
        return self._digest(path.read_bytes(), audience or "")

    def _digest(self, content: bytes, extra: str = "") -> str:
        digest = hashlib.sha256(content)
        # Settings that change the chunks are part of the hash, so changing them re-ingests.
        digest.update(f"\x1f{self.chunker.signature}\x1f{LOADER_VERSION}\x1f{extra}".encode())
        return digest.hexdigest()

    @staticmethod
    def _deleted_sources(
        roots: Sequence[Path],
        present: set[str],
        present_paths: set[str],
        known: dict[str, str],
        known_roots: dict[str, str],
    ) -> list[str]:
        """Known sources ingested from a folder in ``roots`` that this run no longer found.

        A source belongs to a folder when the manifest records that folder's name as its
        root; legacy absolute-path sources belong to it when they lie under it.
        """
        folders = [r.resolve() for r in roots if r.is_dir()]
        labels = {r.name for r in folders}
        prefixes = [str(r).rstrip(os.sep) + os.sep for r in folders]
        gone: list[str] = []
        for source in known:
            if os.path.isabs(source):
                if source not in present_paths and any(source.startswith(p) for p in prefixes):
                    gone.append(source)
            elif source not in present and known_roots.get(source) in labels:
                gone.append(source)
        return sorted(gone)


def _with_audience(document: LoadedDocument, audience: Audience | None) -> LoadedDocument:
    return document if audience is None else dataclasses.replace(document, audience=audience)
