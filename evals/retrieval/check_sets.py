"""Validate the sample resource library and the labelled retrieval query set.

Checks, for every document under ``examples/resources/``:

* Markdown / plain text: YAML front matter with ``title``, ``audience``,
  ``topics`` (list of short lowercase tags) and ``source_url``; at least one
  ``#`` heading in the body.
* HTML: ``<title>``, ``<meta name="audience">``, ``<meta name="topics">``,
  ``<link rel="canonical">``; at least one ``<h1>`` and one ``<h2>``.
* DOCX: core properties ``title``, ``keywords`` (topics), ``category``
  (audience), ``identifier`` (source URL); Heading 1 and Heading 2 styles used.
* PDF: document info ``/Title``, ``/Keywords`` (topics), ``/Subject``
  (audience) and a custom ``/SourceURL``.

And for ``evals/retrieval/queries.jsonl``: every line is a JSON object with a
unique ``id``, a non-empty ``query``, an ``audience`` of ``mentee`` or
``mentor``, and a non-empty ``relevant`` list whose paths (relative to
``examples/resources/``) all exist.

Warnings (not failures): documents that no query marks as relevant, and
Markdown/text/HTML/DOCX bodies outside 300-1200 words.

Only the standard library and PyYAML are used, so the check runs without the
project's own loaders. Usage::

    python evals/retrieval/check_sets.py [--resources DIR] [--queries FILE]

Exit status is 0 when there are no errors, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RESOURCES = REPO_ROOT / "examples" / "resources"
DEFAULT_QUERIES = Path(__file__).resolve().parent / "queries.jsonl"

DOC_AUDIENCES = frozenset({"mentor", "mentee", "all"})
QUERY_AUDIENCES = frozenset({"mentor", "mentee"})
SUPPORTED_SUFFIXES = frozenset({".md", ".txt", ".html", ".htm", ".docx", ".pdf"})
URL_PREFIX = "https://mentoring.northbridge.edu/"
TOPIC_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MIN_WORDS = 300
MAX_WORDS = 1200


@dataclass
class DocMeta:
    """Metadata extracted from one resource document."""

    title: str | None = None
    audience: str | None = None
    topics: list[str] = field(default_factory=list)
    source_url: str | None = None
    headings: list[str] = field(default_factory=list)
    word_count: int | None = None


@dataclass
class Report:
    """Collected errors and warnings."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, msg: str) -> None:
        self.errors.append(msg)

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)


def split_topics(raw: str | None) -> list[str]:
    """Split a comma-separated topics string into stripped, non-empty tags."""
    if not raw:
        return []
    return [t.strip() for t in raw.split(",") if t.strip()]


# --------------------------------------------------------------------------
# Markdown and plain text


def read_front_matter(path: Path) -> DocMeta:
    """Parse YAML front matter and ``#`` headings from a Markdown/text file."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise ValueError("missing YAML front matter")
    end = text.find("\n---\n", 4)
    if end == -1:
        raise ValueError("unterminated YAML front matter")
    data: Any = yaml.safe_load(text[4:end])
    if not isinstance(data, dict):
        raise ValueError("front matter is not a mapping")
    body = text[end + 5 :]
    topics = data.get("topics")
    meta = DocMeta(
        title=data.get("title"),
        audience=data.get("audience"),
        topics=topics if isinstance(topics, list) else [],
        source_url=data.get("source_url"),
        headings=[ln for ln in body.splitlines() if re.match(r"^#{1,3} \S", ln)],
        word_count=len(body.split()),
    )
    if topics is not None and not isinstance(topics, list):
        raise ValueError("'topics' must be a YAML list")
    return meta


# --------------------------------------------------------------------------
# HTML


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.title_parts: list[str] = []
        self.headings: list[str] = []
        self.text_parts: list[str] = []
        self._in_title = False
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and "name" in a:
            self.meta[a["name"].lower()] = a.get("content", "")
        elif tag == "link" and a.get("rel", "").lower() == "canonical":
            self.canonical = a.get("href")
        elif tag == "body":
            self._in_body = True
        elif tag in {"h1", "h2", "h3"}:
            self.headings.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif self._in_body:
            self.text_parts.append(data)


def read_html(path: Path) -> DocMeta:
    """Extract metadata and heading tags from an HTML document."""
    parser = _HeadParser()
    parser.feed(path.read_text(encoding="utf-8"))
    title = "".join(parser.title_parts).strip() or None
    return DocMeta(
        title=title,
        audience=parser.meta.get("audience"),
        topics=split_topics(parser.meta.get("topics")),
        source_url=parser.canonical,
        headings=parser.headings,
        word_count=len(" ".join(parser.text_parts).split()),
    )


# --------------------------------------------------------------------------
# DOCX (read the OOXML parts directly with zipfile)

_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}


def read_docx(path: Path) -> DocMeta:
    """Extract core properties and paragraph styles from a DOCX file."""
    with zipfile.ZipFile(path) as zf:
        core = ElementTree.fromstring(zf.read("docProps/core.xml"))
        document = ElementTree.fromstring(zf.read("word/document.xml"))

    def core_text(tag: str) -> str | None:
        el = core.find(tag, _NS)
        return el.text.strip() if el is not None and el.text else None

    styles = [el.get(f"{{{_NS['w']}}}val", "") for el in document.iter(f"{{{_NS['w']}}}pStyle")]
    words = " ".join(t.text or "" for t in document.iter(f"{{{_NS['w']}}}t"))
    return DocMeta(
        title=core_text("dc:title"),
        audience=core_text("cp:category"),
        topics=split_topics(core_text("cp:keywords")),
        source_url=core_text("dc:identifier"),
        headings=[s for s in styles if s.startswith("Heading")],
        word_count=len(words.split()),
    )


# --------------------------------------------------------------------------
# PDF (minimal parser for the document information dictionary)

_PDF_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _pdf_literal(data: bytes, start: int) -> tuple[bytes, int]:
    """Read a PDF literal string whose opening parenthesis is at ``start``."""
    out = bytearray()
    depth = 0
    i = start
    while i < len(data):
        c = data[i : i + 1]
        if c == b"\\":
            nxt = data[i + 1 : i + 2]
            if nxt in _PDF_ESCAPES:
                out += _PDF_ESCAPES[nxt]
                i += 2
            elif nxt.isdigit():
                m = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4])
                assert m is not None
                out.append(int(m.group(), 8) & 0xFF)
                i += 1 + len(m.group())
            elif nxt in (b"\n", b"\r"):
                i += 2
            else:
                out += nxt
                i += 2
            continue
        if c == b"(":
            depth += 1
            if depth > 1:
                out += c
        elif c == b")":
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
            out += c
        else:
            out += c
        i += 1
    raise ValueError("unterminated PDF string")


def _pdf_decode(raw: bytes) -> str:
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return raw.decode("latin-1")


def _pdf_info_dict(data: bytes) -> bytes:
    """Return the raw bytes of the trailer's /Info dictionary."""
    refs = re.findall(rb"/Info\s+(\d+)\s+(\d+)\s+R", data)
    if not refs:
        # Cross-reference streams may be compressed; look inside FlateDecode streams too.
        for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
            try:
                refs += re.findall(rb"/Info\s+(\d+)\s+(\d+)\s+R", zlib.decompress(stream.group(1)))
            except zlib.error:
                continue
    if not refs:
        raise ValueError("no /Info dictionary in trailer")
    num, gen = refs[-1]
    m = re.search(rb"(?<!\d)" + num + rb"\s+" + gen + rb"\s+obj\s*<<", data)
    if m is None:
        raise ValueError("/Info object not found (object streams are not supported)")
    start = m.end()
    end = data.find(b"endobj", start)
    return data[start:end]


def read_pdf_info(path: Path) -> dict[str, str]:
    """Return the PDF document information dictionary as ``{key: value}``."""
    body = _pdf_info_dict(path.read_bytes())
    info: dict[str, str] = {}
    i = 0
    while True:
        m = re.compile(rb"/([A-Za-z0-9_.#-]+)\s*").search(body, i)
        if m is None:
            break
        key = m.group(1).decode("latin-1")
        j = m.end()
        if body[j : j + 1] == b"(":
            raw, i = _pdf_literal(body, j)
            info[key] = _pdf_decode(raw)
        elif body[j : j + 1] == b"<" and body[j : j + 2] != b"<<":
            close = body.index(b">", j)
            hexstr = re.sub(rb"\s", b"", body[j + 1 : close])
            if len(hexstr) % 2:
                hexstr += b"0"
            info[key] = _pdf_decode(bytes.fromhex(hexstr.decode("ascii")))
            i = close + 1
        else:
            i = j
    return info


def read_pdf(path: Path) -> DocMeta:
    """Extract the required metadata fields from a PDF."""
    info = read_pdf_info(path)
    return DocMeta(
        title=info.get("Title"),
        audience=info.get("Subject"),
        topics=split_topics(info.get("Keywords")),
        source_url=info.get("SourceURL"),
    )


# --------------------------------------------------------------------------
# Validation


def read_meta(path: Path) -> DocMeta:
    """Dispatch to the reader for the file's format."""
    suffix = path.suffix.lower()
    if suffix in {".md", ".txt"}:
        return read_front_matter(path)
    if suffix in {".html", ".htm"}:
        return read_html(path)
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    raise ValueError(f"unsupported format {suffix}")


def check_document(rel: str, path: Path, report: Report) -> DocMeta | None:
    """Validate one document's metadata and structure."""
    try:
        meta = read_meta(path)
    except (
        ValueError,
        KeyError,
        zipfile.BadZipFile,
        ElementTree.ParseError,
        yaml.YAMLError,
    ) as exc:
        report.error(f"{rel}: cannot read metadata: {exc}")
        return None
    if not isinstance(meta.title, str) or not meta.title.strip():
        report.error(f"{rel}: missing title")
    if meta.audience not in DOC_AUDIENCES:
        report.error(f"{rel}: audience {meta.audience!r} not in {sorted(DOC_AUDIENCES)}")
    if not meta.topics:
        report.error(f"{rel}: missing topics")
    for topic in meta.topics:
        if not isinstance(topic, str) or not TOPIC_RE.match(topic):
            report.error(f"{rel}: topic {topic!r} is not a short lowercase tag")
    if not isinstance(meta.source_url, str) or not meta.source_url.startswith(URL_PREFIX):
        report.error(f"{rel}: source_url {meta.source_url!r} must start with {URL_PREFIX}")

    suffix = path.suffix.lower()
    if suffix in {".md", ".txt"} and not meta.headings:
        report.error(f"{rel}: no '#' headings in body")
    if suffix in {".html", ".htm"} and not {"h1", "h2"} <= set(meta.headings):
        report.error(f"{rel}: needs <h1> and <h2> headings")
    if suffix == ".docx" and not {"Heading1", "Heading2"} <= set(meta.headings):
        report.error(f"{rel}: needs Heading 1 and Heading 2 styles")
    if meta.word_count is not None and not MIN_WORDS <= meta.word_count <= MAX_WORDS:
        report.warn(f"{rel}: {meta.word_count} words (expected {MIN_WORDS}-{MAX_WORDS})")
    return meta


def check_documents(resources: Path, report: Report) -> dict[str, DocMeta]:
    """Validate every supported document under ``resources``."""
    docs: dict[str, DocMeta] = {}
    urls: dict[str, str] = {}
    for path in sorted(resources.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        rel = path.relative_to(resources).as_posix()
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            report.warn(f"{rel}: unsupported file type, skipped")
            continue
        meta = check_document(rel, path, report)
        if meta is None:
            continue
        docs[rel] = meta
        if meta.source_url:
            if meta.source_url in urls:
                report.error(f"{rel}: source_url duplicates {urls[meta.source_url]}")
            urls[meta.source_url] = rel
    if not docs:
        report.error(f"no documents found under {resources}")
    return docs


def check_queries(queries: Path, docs: dict[str, DocMeta], resources: Path, report: Report) -> int:
    """Validate the JSONL query file; return the number of valid queries."""
    seen_ids: set[str] = set()
    used: set[str] = set()
    count = 0
    for lineno, line in enumerate(queries.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{queries.name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            report.error(f"{where}: invalid JSON: {exc}")
            continue
        if not isinstance(obj, dict):
            report.error(f"{where}: not a JSON object")
            continue
        qid = obj.get("id")
        if not isinstance(qid, str) or not qid:
            report.error(f"{where}: missing id")
        elif qid in seen_ids:
            report.error(f"{where}: duplicate id {qid}")
        else:
            seen_ids.add(qid)
        query = obj.get("query")
        if not isinstance(query, str) or not query.strip():
            report.error(f"{where}: empty query")
        if obj.get("audience") not in QUERY_AUDIENCES:
            report.error(
                f"{where}: audience {obj.get('audience')!r} not in {sorted(QUERY_AUDIENCES)}"
            )
        relevant = obj.get("relevant")
        if not isinstance(relevant, list) or not relevant:
            report.error(f"{where}: 'relevant' must be a non-empty list")
            continue
        if len(set(relevant)) != len(relevant):
            report.error(f"{where}: duplicate paths in 'relevant'")
        for rel in relevant:
            if not isinstance(rel, str) or not (resources / rel).is_file():
                report.error(f"{where}: relevant path {rel!r} does not exist under {resources}")
            elif rel not in docs:
                report.error(f"{where}: relevant path {rel!r} failed document checks")
            else:
                used.add(rel)
        extra = set(obj) - {"id", "query", "relevant", "audience"}
        if extra:
            report.warn(f"{where}: unexpected keys {sorted(extra)}")
        count += 1
    for rel in sorted(set(docs) - used):
        report.warn(f"{rel}: not relevant to any query")
    return count


def main(argv: list[str] | None = None) -> int:
    """Run all checks and print a summary; return the process exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--resources", type=Path, default=DEFAULT_RESOURCES)
    ap.add_argument("--queries", type=Path, default=DEFAULT_QUERIES)
    args = ap.parse_args(argv)

    report = Report()
    docs = check_documents(args.resources, report)
    n_queries = (
        check_queries(args.queries, docs, args.resources, report) if args.queries.is_file() else 0
    )
    if not args.queries.is_file():
        report.error(f"query file not found: {args.queries}")

    by_suffix: dict[str, int] = {}
    by_audience: dict[str, int] = {}
    for rel, meta in docs.items():
        suffix = Path(rel).suffix.lower()
        by_suffix[suffix] = by_suffix.get(suffix, 0) + 1
        by_audience[str(meta.audience)] = by_audience.get(str(meta.audience), 0) + 1

    for msg in report.warnings:
        print(f"WARNING: {msg}")
    for msg in report.errors:
        print(f"ERROR: {msg}")
    print(
        f"{len(docs)} documents {dict(sorted(by_suffix.items()))}, "
        f"audiences {dict(sorted(by_audience.items()))}; {n_queries} queries; "
        f"{len(report.errors)} errors, {len(report.warnings)} warnings"
    )
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
