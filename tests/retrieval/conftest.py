"""Fixtures for retrieval tests: tiny resource files in every format and a fake-model index."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from privacy.gateway import ModelGateway
from privacy.redactor import Redactor
from retrieval.chunking import Chunker
from retrieval.index import ResourceIndex
from retrieval.ingest import ResourceIngestor
from retrieval.search import ResourceSearch
from retrieval.vector_store import GatewayEmbeddings, VectorIndex, make_chroma_client
from tests.conftest import RecordingEmbedder

INTERNSHIP_MD = """---
title: Internship Guide
audience: mentee
topics: [internships, careers]
source_url: https://example.edu/internships
---

# Internship Guide

Internships help you test a career.

## Applying early

Finance and consulting firms recruit for summer internships in the fall. Questions go to
careers@example.edu or the front desk.

## Interviews

### Practice

Book a mock interview with the career center.
"""

MENTOR_MD = """---
title: Mentor Boundaries
audience: mentor
topics: [boundaries]
---

## Money

Never lend money to a mentee. Boundaries keep the relationship healthy.
"""


def make_pdf(path: Path, lines: list[tuple[str, float]], info: dict[str, str]) -> Path:
    """A one-page PDF with Helvetica lines at given font sizes (headings = larger)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    ops, y = [], 740
    for text, size in lines:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"BT /F1 {size} Tf 72 {y} Td ({escaped}) Tj ET")
        y -= int(size * 1.8)
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.add_metadata(info)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def make_docx(path: Path, *, title: str, keywords: str, category: str, identifier: str) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Informational Interviews", level=1)
    document.add_paragraph("Talking to alumni helps you learn about a field.")
    document.add_heading("Reaching out", level=2)
    document.add_paragraph("Send a short, specific message.", style="List Bullet")
    props = document.core_properties
    props.title, props.keywords, props.category, props.identifier = (
        title,
        keywords,
        category,
        identifier,
    )
    document.save(str(path))
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A small folder of resources in markdown and text."""
    root = tmp_path / "library"
    (root / "careers").mkdir(parents=True)
    (root / "mentors").mkdir()
    (root / "careers" / "internships.md").write_text(INTERNSHIP_MD)
    (root / "mentors" / "boundaries.md").write_text(MENTOR_MD)
    (root / "general-notes.txt").write_text(
        "The program office is open on weekdays. Everyone can drop in for help.\n"
    )
    return root


@pytest.fixture
def make_index(
    tmp_path: Path, redactor: Redactor
) -> Callable[[RecordingEmbedder], tuple[ResourceIngestor, ResourceSearch]]:
    def build(embedder: RecordingEmbedder) -> tuple[ResourceIngestor, ResourceSearch]:
        gateway = ModelGateway(redactor, embedder)
        client = make_chroma_client("embedded", tmp_path / "data" / "chroma")
        vectors = VectorIndex(client, "resources", GatewayEmbeddings(gateway))
        index = ResourceIndex(tmp_path / "data", vectors)
        return ResourceIngestor(index, Chunker(chunk_tokens=60, overlap_tokens=10)), ResourceSearch(
            index, min_relevance=-1.0
        )

    return build
