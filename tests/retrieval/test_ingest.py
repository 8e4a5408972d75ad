"""Ingestion: idempotent, incremental, pruning, failures by name, redaction before embedding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from retrieval.ingest import ResourceIngestor
from retrieval.search import ResourceSearch
from tests.conftest import RecordingEmbedder

Build = Callable[[RecordingEmbedder], tuple[ResourceIngestor, ResourceSearch]]


def _state(ingestor: ResourceIngestor) -> tuple[int, list[str], int]:
    index = ingestor.index
    files, chunks = index.manifest.counts()
    return files, sorted(index.vectors.all_ids()), chunks


def test_reingesting_unchanged_folder_does_nothing(library: Path, make_index: Build) -> None:
    embedder = RecordingEmbedder()
    ingestor, _ = make_index(embedder)
    first = ingestor.ingest([library])
    assert (first.added, first.unchanged, first.failed) == (3, 0, 0)
    before = _state(ingestor)
    seen = len(embedder.seen)
    second = ingestor.ingest([library])
    assert (second.added, second.updated, second.unchanged, second.chunks_written) == (0, 0, 3, 0)
    assert len(embedder.seen) == seen  # nothing re-embedded
    assert _state(ingestor) == before
    assert before[2] == len(before[1])  # manifest and Chroma agree, no duplicates


def test_overlapping_paths_never_duplicate(library: Path, make_index: Build) -> None:
    ingestor, _ = make_index(RecordingEmbedder())
    ingestor.ingest([library, library / "careers", library / "careers" / "internships.md"])
    files, ids, chunks = _state(ingestor)
    assert files == 3 and len(ids) == chunks == len(set(ids))


def test_changed_file_replaces_its_chunks(library: Path, make_index: Build) -> None:
    ingestor, search = make_index(RecordingEmbedder())
    ingestor.ingest([library])
    target = library / "careers" / "internships.md"
    old_ids = set(ingestor.index.manifest.chunk_ids([str(target.resolve())])[str(target.resolve())])
    target.write_text(
        target.read_text().replace("mock interview", "practice interview with alumni")
    )
    report = ingestor.ingest([library])
    assert (report.updated, report.unchanged) == (1, 2)
    new_ids = set(ingestor.index.manifest.chunk_ids([str(target.resolve())])[str(target.resolve())])
    assert new_ids != old_ids
    all_ids = set(ingestor.index.vectors.all_ids())
    assert new_ids <= all_ids and not (old_ids - new_ids) & all_ids
    hits = search.search("alumni practice interview", k=10)
    assert any("alumni" in h.text for h in hits)
    assert not any("mock interview" in h.text for h in hits)


def test_prune_removes_chunks_of_deleted_files(library: Path, make_index: Build) -> None:
    ingestor, search = make_index(RecordingEmbedder())
    ingestor.ingest([library])
    gone = library / "mentors" / "boundaries.md"
    gone.unlink()
    kept = ingestor.ingest([library])
    assert kept.pruned_files == 0 and _state(ingestor)[0] == 3  # without --prune nothing goes
    report = ingestor.ingest([library], prune=True)
    assert report.pruned_files == 1 and report.chunks_deleted >= 1
    files, ids, chunks = _state(ingestor)
    assert files == 2 and len(ids) == chunks
    assert not any("lend money" in h.text for h in search.search("lend money", k=10))


def test_corrupt_file_is_reported_and_the_rest_ingested(library: Path, make_index: Build) -> None:
    (library / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    ingestor, _ = make_index(RecordingEmbedder())
    report = ingestor.ingest([library])
    assert [f.source.name for f in report.failures] == ["broken.pdf"]
    assert report.added == 3


def test_audience_override(library: Path, make_index: Build) -> None:
    ingestor, search = make_index(RecordingEmbedder())
    ingestor.ingest([library / "careers"], audience="mentor")
    assert {h.audience for h in search.search("internships", k=10)} == {"mentor"}
    assert search.search("internships", k=10, audience="mentee") == []


def test_embedder_never_sees_an_email_from_a_resource(library: Path, make_index: Build) -> None:
    embedder = RecordingEmbedder()
    ingestor, search = make_index(embedder)
    ingestor.ingest([library])
    assert embedder.seen
    assert not any("careers@example.edu" in text for text in embedder.seen)
    assert any("<EMAIL_ADDRESS" in text or "EMAIL" in text for text in embedder.seen)
    # ...while the stored text shown to people keeps the original.
    hits = search.search("Applying early consulting", k=10)
    assert any("careers@example.edu" in h.text for h in hits)
