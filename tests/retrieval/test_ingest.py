"""Ingestion: idempotent, incremental, portable keys, pruning, failures by name, redaction
before embedding."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from retrieval.index import DocumentUpdate
from retrieval.ingest import ResourceIngestor
from retrieval.loaders import load_file
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
    key = "careers/internships.md"
    old_ids = set(ingestor.index.manifest.chunk_ids([key])[key])
    assert old_ids
    target.write_text(
        target.read_text().replace("mock interview", "practice interview with alumni")
    )
    report = ingestor.ingest([library])
    assert (report.updated, report.unchanged) == (1, 2)
    new_ids = set(ingestor.index.manifest.chunk_ids([key])[key])
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


def _sources(ingestor: ResourceIngestor) -> list[str]:
    return sorted(ingestor.index.manifest.hashes())


def test_sources_are_relative_to_the_ingest_root(library: Path, make_index: Build) -> None:
    ingestor, search = make_index(RecordingEmbedder())
    ingestor.ingest([library])
    assert _sources(ingestor) == [
        "careers/internships.md",
        "general-notes.txt",
        "mentors/boundaries.md",
    ]
    hits = search.search("money internships program office", k=20)
    assert hits and all(not h.source.startswith("/") and "library" not in h.source for h in hits)
    internship = next(h for h in hits if h.title == "Internship Guide")
    assert internship.source == "careers/internships.md"
    assert internship.source_url == "https://example.edu/internships"  # the citation link
    metadata = ingestor.index.vectors._collection.get(include=["metadatas"])["metadatas"]
    assert all(not str(m["source"]).startswith("/") for m in metadata)


def test_a_single_file_is_keyed_by_its_name(library: Path, make_index: Build) -> None:
    ingestor, _ = make_index(RecordingEmbedder())
    ingestor.ingest([library / "careers" / "internships.md"])
    assert _sources(ingestor) == ["internships.md"]


def test_nested_roots_take_keys_from_the_outermost(library: Path, make_index: Build) -> None:
    ingestor, _ = make_index(RecordingEmbedder())
    ingestor.ingest([library / "careers", library])
    assert "careers/internships.md" in _sources(ingestor) and len(_sources(ingestor)) == 3


def test_moved_folder_is_unchanged_and_not_re_embedded(
    library: Path, tmp_path: Path, make_index: Build
) -> None:
    embedder = RecordingEmbedder()
    ingestor, search = make_index(embedder)
    ingestor.ingest([library])
    before = _state(ingestor)
    seen = len(embedder.seen)
    moved = tmp_path / "elsewhere" / "checkout" / "library"
    moved.parent.mkdir(parents=True)
    shutil.move(str(library), str(moved))
    report = ingestor.ingest([moved], prune=True)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert (report.pruned_files, report.chunks_written, report.chunks_deleted) == (0, 0, 0)
    assert len(embedder.seen) == seen  # nothing re-embedded
    assert _state(ingestor) == before
    # Pruning still works from the new place.
    (moved / "general-notes.txt").unlink()
    pruned = ingestor.ingest([moved], prune=True)
    assert pruned.pruned_files == 1 and "general-notes.txt" not in _sources(ingestor)
    assert not any("weekdays" in h.text for h in search.search("program office weekdays", k=10))


def test_prune_only_touches_its_own_folder(
    library: Path, tmp_path: Path, make_index: Build
) -> None:
    other = tmp_path / "handouts"
    other.mkdir()
    (other / "faq.md").write_text("# FAQ\n\nThe office is open on weekdays.\n")
    ingestor, _ = make_index(RecordingEmbedder())
    ingestor.ingest([library])
    ingestor.ingest([other])
    upload = tmp_path / "uploads" / "flyer.txt"
    upload.parent.mkdir()
    upload.write_text("Career fair on Friday in the main hall.\n")
    ingestor.ingest([upload], files=[upload])
    (library / "mentors" / "boundaries.md").unlink()
    report = ingestor.ingest([library], prune=True)
    assert report.pruned_files == 1
    assert _sources(ingestor) == [
        "careers/internships.md",
        "faq.md",
        "flyer.txt",
        "general-notes.txt",
    ]


def test_same_relative_path_under_two_roots_is_reported(
    library: Path, tmp_path: Path, make_index: Build
) -> None:
    twin = tmp_path / "twin"
    twin.mkdir()
    (twin / "general-notes.txt").write_text("Another program's notes.\n")
    ingestor, _ = make_index(RecordingEmbedder())
    report = ingestor.ingest([library, twin])
    assert [f.source.name for f in report.failures] == ["general-notes.txt"]
    assert "general-notes.txt" in report.failures[0].reason
    assert str(tmp_path) not in report.failures[0].reason  # no server path in the reason
    files, ids, chunks = _state(ingestor)
    assert files == 3 and len(ids) == chunks  # no orphaned vectors


def test_legacy_absolute_sources_are_replaced(library: Path, make_index: Build) -> None:
    """Manifests written before relative keys used absolute paths (in chunk ids too)."""
    ingestor, _ = make_index(RecordingEmbedder())
    index = ingestor.index
    legacy: list[str] = []
    for path in (library / "mentors" / "boundaries.md", library / "retired.md"):
        if not path.exists():
            path.write_text("# Retired\n\nThis handout is no longer used.\n")
        source = str(path.resolve())
        pieces = ingestor.chunker.split(load_file(path), source)
        index.replace_documents([DocumentUpdate(source, "legacy-hash", pieces)])
        legacy.extend(c.id for c in pieces)
    (library / "retired.md").unlink()
    report = ingestor.ingest([library], prune=True)
    assert (report.added, report.updated, report.pruned_files) == (2, 1, 1)
    assert _sources(ingestor) == [
        "careers/internships.md",
        "general-notes.txt",
        "mentors/boundaries.md",
    ]
    files, ids, chunks = _state(ingestor)
    assert files == 3 and len(ids) == chunks and not set(legacy) & set(ids)
    assert ingestor.ingest([library]).unchanged == 3
