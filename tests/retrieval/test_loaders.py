"""Loaders: every format's metadata, sensible defaults, and failures reported by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.loaders import discover, load_file, load_paths
from tests.retrieval.conftest import make_docx, make_pdf


def test_markdown_front_matter_and_sections(library: Path) -> None:
    doc = load_file(library / "careers" / "internships.md")
    assert doc.title == "Internship Guide"
    assert doc.audience == "mentee"
    assert doc.topics == ("internships", "careers")
    assert doc.source_url == "https://example.edu/internships"
    # The single H1 is the title, so it is not repeated in section paths.
    assert [s.path for s in doc.sections] == [
        (),
        ("Applying early",),
        ("Interviews", "Practice"),
    ]


def test_text_file_defaults(library: Path) -> None:
    doc = load_file(library / "general-notes.txt")
    assert doc.title == "General notes"
    assert doc.audience == "all"
    assert doc.topics == ()
    assert doc.source_url is None


def test_html_metadata_and_headings(tmp_path: Path) -> None:
    page = tmp_path / "fair.html"
    page.write_text(
        """<html><head><title>Career Fair Prep</title>
        <meta name="audience" content="mentee">
        <meta name="topics" content="career-fair, Networking">
        <link rel="canonical" href="https://example.edu/fair"></head>
        <body><script>var x = 1;</script><h1>Career Fair Prep</h1><p>Bring resumes.</p>
        <h2>Two weeks before</h2><ul><li>Pick employers</li><li>Update resume</li></ul>
        </body></html>"""
    )
    doc = load_file(page)
    assert (doc.title, doc.audience, doc.topics, doc.source_url) == (
        "Career Fair Prep",
        "mentee",
        ("career-fair", "networking"),
        "https://example.edu/fair",
    )
    assert [s.path for s in doc.sections] == [(), ("Two weeks before",)]
    assert "Pick employers" in doc.sections[1].text
    assert "var x" not in " ".join(s.text for s in doc.sections)


def test_docx_core_properties_and_heading_styles(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "interviews.docx",
        title="Informational Interviews",
        keywords="networking; alumni",
        category="mentee",
        identifier="https://example.edu/info",
    )
    doc = load_file(path)
    assert (doc.title, doc.audience, doc.topics, doc.source_url) == (
        "Informational Interviews",
        "mentee",
        ("networking", "alumni"),
        "https://example.edu/info",
    )
    assert [s.path for s in doc.sections] == [(), ("Reaching out",)]
    assert doc.format == "docx"


def test_pdf_info_and_font_size_headings(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "boundaries.pdf",
        [
            ("Healthy Boundaries", 20),
            ("Boundaries keep mentoring healthy.", 11),
            ("Money and Gifts", 15),
            ("Do not lend money to a mentee.", 11),
            ("Never co-sign a lease.", 11),
        ],
        {
            "/Title": "Healthy Boundaries for Mentors",
            "/Keywords": "boundaries, ethics",
            "/Subject": "mentor",
            "/SourceURL": "https://example.edu/boundaries",
        },
    )
    doc = load_file(path)
    assert (doc.title, doc.audience, doc.topics, doc.source_url) == (
        "Healthy Boundaries for Mentors",
        "mentor",
        ("boundaries", "ethics"),
        "https://example.edu/boundaries",
    )
    assert [s.path for s in doc.sections] == [(), ("Money and Gifts",)]


def test_title_from_first_heading_without_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("# Study Skills\n\nSpaced practice works.\n")
    assert load_file(path).title == "Study Skills"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", ""),
        ("broken.docx", b"PK\x03\x04 not a zip", ""),
        ("latin1.md", "caf\xe9".encode("latin-1"), "not valid UTF-8"),
        ("bad-yaml.md", b"---\ntitle: [unclosed\n---\nbody\n", "invalid YAML front matter"),
        ("empty.md", b"", "no text could be extracted"),
    ],
)
def test_unreadable_file_is_reported_by_name_and_others_load(
    library: Path, name: str, content: bytes, reason: str
) -> None:
    (library / name).write_bytes(content)
    result = load_paths([library])
    assert [f.source.name for f in result.failures] == [name]
    assert reason in result.failures[0].reason
    assert len(result.documents) == 3


def test_discover_skips_hidden_and_unsupported(library: Path) -> None:
    (library / ".hidden.md").write_text("# secret")
    (library / "image.png").write_bytes(b"\x89PNG")
    names = sorted(p.name for p in discover([library]))
    assert names == ["boundaries.md", "general-notes.txt", "internships.md"]
