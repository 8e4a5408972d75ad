"""Chunking: section paths for citations, token budgets, stable ids, bad parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.chunking import Chunker, estimate_tokens
from retrieval.documents import LoadedDocument, Section
from retrieval.loaders import load_file


def test_chunks_carry_title_and_section_path(library: Path) -> None:
    doc = load_file(library / "careers" / "internships.md")
    chunks = Chunker().split(doc, "careers/internships.md")
    citations = [c.citation for c in chunks]
    assert "Internship Guide > Applying early" in citations
    assert "Internship Guide > Interviews > Practice" in citations
    assert all(c.audience == "mentee" and c.topics == ("internships", "careers") for c in chunks)
    assert chunks[1].index_text.startswith("Internship Guide > Applying early\n")


def test_long_section_is_split_within_budget_with_overlap() -> None:
    sentences = " ".join(f"Sentence number {i} talks about study plans." for i in range(200))
    doc = LoadedDocument(Path("x.md"), "T", "all", (), None, "md", (Section(("S",), sentences),))
    chunks = Chunker(chunk_tokens=100, overlap_tokens=20).split(doc, "x.md")
    assert len(chunks) > 5
    assert all(estimate_tokens(c.text) <= 100 for c in chunks)
    first_words = chunks[1].text.split()[:3]
    assert " ".join(first_words) in chunks[0].text  # overlap carries context across cuts
    assert len({c.id for c in chunks}) == len(chunks)


def test_ids_are_stable_and_depend_on_source(library: Path) -> None:
    doc = load_file(library / "careers" / "internships.md")
    once = [c.id for c in Chunker().split(doc, "a.md")]
    again = [c.id for c in Chunker().split(doc, "a.md")]
    elsewhere = [c.id for c in Chunker().split(doc, "b.md")]
    assert once == again
    assert not set(once) & set(elsewhere)


@pytest.mark.parametrize(("size", "overlap"), [(8, 0), (100, 100), (100, -1)])
def test_bad_parameters_are_refused(size: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        Chunker(chunk_tokens=size, overlap_tokens=overlap)
