"""Read resource files (Markdown, text, HTML, PDF, DOCX) into titled, sectioned documents.

Every format is first turned into Markdown-style headings plus body text, so one header
splitter (``MarkdownHeaderTextSplitter``) gives every format the same section paths. A file
that cannot be read becomes a :class:`LoadFailure` naming the file and the reason; it
never stops the others.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from langchain_text_splitters import MarkdownHeaderTextSplitter

from retrieval.documents import (
    Audience,
    LoadedDocument,
    LoadFailure,
    Section,
    parse_audience,
    parse_topics,
)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx"}
)
_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "ul",
        "ol",
        "table",
        "tr",
        "blockquote",
        "pre",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "br",
        "hr",
        "form",
        "nav",
    ]
)


class ResourceFormatError(ValueError):
    """A resource file exists but its content cannot be used; the message names the reason."""


@dataclass(frozen=True)
class _Meta:
    title: str | None = None
    audience: str | None = None
    topics: tuple[str, ...] = ()
    source_url: str | None = None


@dataclass
class LoadResult:
    documents: list[LoadedDocument] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Supported files under each path (recursively for folders), each once, in sorted order.

    Hidden files and folders are skipped: editors and version control leave them behind.
    """
    seen: set[Path] = set()
    for root in paths:
        if root.is_file():
            candidates: Iterable[Path] = [root]
        else:
            candidates = sorted(p for p in root.rglob("*") if p.is_file())
        for path in candidates:
            rel_parts = path.relative_to(root).parts if path != root else (path.name,)
            if any(part.startswith(".") for part in rel_parts):
                continue
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield resolved


def load_file(path: Path, default_audience: Audience = "all") -> LoadedDocument:
    """Load one file; raises :class:`ResourceFormatError` (or an I/O error) when it can't."""
    suffix = path.suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        raise ResourceFormatError(f"unsupported file type {suffix or '(none)'}")
    meta, markdown = loader(path)
    sections, first_h1 = split_sections(markdown)
    title = (meta.title or first_h1 or _title_from_name(path)).strip()
    if not any(s.text.strip() for s in sections):
        raise ResourceFormatError("no text could be extracted")
    return LoadedDocument(
        source=path,
        title=title,
        audience=parse_audience(meta.audience, default_audience),
        topics=meta.topics,
        source_url=meta.source_url,
        format=suffix.lstrip(".").replace("markdown", "md").replace("htm", "html"),
        sections=tuple(sections),
    )


def load_paths(paths: Iterable[Path], default_audience: Audience = "all") -> LoadResult:
    """Load every supported file under ``paths``; failures are collected, not raised."""
    result = LoadResult()
    for path in discover(paths):
        try:
            result.documents.append(load_file(path, default_audience))
        except Exception as exc:  # one bad file must never stop the rest
            result.failures.append(LoadFailure(path, describe_error(exc)))
    return result


def describe_error(exc: BaseException) -> str:
    """A short reason for a failed file, without quoting its content."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid UTF-8 text (byte {exc.start})"
    if isinstance(exc, ResourceFormatError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"cannot read file: {exc.strerror or type(exc).__name__}"
    # Library messages (pypdf, zipfile) describe structure, not content, but may be long.
    message = str(exc).splitlines()[0][:160] if str(exc) else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def split_sections(markdown: str) -> tuple[list[Section], str | None]:
    """Split Markdown by headings into sections; also return the single H1, if any.

    A document whose one H1 is its title would otherwise repeat the title in every section
    path ("Internship Guide > Internship Guide > Applying early"), so that H1 is dropped.
    """
    splitter = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
    parts = splitter.split_text(markdown)
    h1s = {str(p.metadata["h1"]) for p in parts if "h1" in p.metadata}
    h1_in_text = re.findall(r"^#[ \t]+(.+?)[ \t#]*$", markdown, flags=re.M)
    single_h1 = h1_in_text[0].strip() if len(h1_in_text) == 1 else None
    sections: list[Section] = []
    for part in parts:
        path = tuple(str(part.metadata[key]).strip() for _, key in _HEADERS if key in part.metadata)
        if single_h1 is not None and len(h1s) == 1 and path[:1] == (single_h1,):
            path = path[1:]
        text = part.page_content.strip()
        if text:
            sections.append(Section(path=path, text=text))
    return sections, single_h1


def _title_from_name(path: Path) -> str:
    return re.sub(r"[-_]+", " ", path.stem).strip().capitalize() or path.name


def _front_matter(text: str) -> tuple[_Meta, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return _Meta(), text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise ResourceFormatError(f"invalid YAML front matter{where}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ResourceFormatError("front matter must be a YAML mapping")
    return _meta_from_mapping(data), text[match.end() :]


def _meta_from_mapping(data: dict[str, Any]) -> _Meta:
    def text(key: str) -> str | None:
        value = data.get(key)
        return str(value).strip() or None if value is not None else None

    return _Meta(
        title=text("title"),
        audience=text("audience"),
        topics=parse_topics(data.get("topics") or data.get("tags")),
        source_url=text("source_url") or text("url"),
    )


def _load_markdown(path: Path) -> tuple[_Meta, str]:
    # utf-8-sig: Windows editors often save a byte-order mark.
    return _front_matter(path.read_bytes().decode("utf-8-sig"))


def _load_html(path: Path) -> tuple[_Meta, str]:
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString, Tag

    soup = BeautifulSoup(path.read_bytes(), "lxml")

    def meta_content(name: str) -> str | None:
        tag = soup.find("meta", attrs={"name": name})
        value = tag.get("content") if isinstance(tag, Tag) else None
        return value.strip() or None if isinstance(value, str) else None

    canonical = None
    for link in soup.find_all("link"):
        rel: object = link.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "canonical" in [r.lower() for r in rels] and link.get("href"):
            canonical = str(link.get("href")).strip()
            break
    title_tag = soup.find("title")
    meta = _Meta(
        title=title_tag.get_text(" ", strip=True) or None if title_tag else None,
        audience=meta_content("audience"),
        topics=parse_topics(meta_content("topics") or meta_content("keywords")),
        source_url=canonical,
    )
    body = soup.body or soup
    for tag in body.find_all(["script", "style", "noscript", "template", "svg"]):
        tag.decompose()
    # Headings become Markdown headings so the shared splitter sees the structure.
    for tag in body.find_all(re.compile(r"^h[1-6]$")):
        level = min(int(tag.name[1]), 4)
        heading = " ".join(tag.get_text(" ", strip=True).split())
        tag.replace_with(NavigableString(f"\n\n{'#' * level} {heading}\n\n"))
    for tag in body.find_all("li"):
        tag.insert(0, NavigableString("\n- "))
    for tag in body.find_all(["td", "th"]):
        tag.append(NavigableString(" | "))
    for tag in body.find_all(_BLOCK_TAGS):
        tag.insert_after(NavigableString("\n\n" if tag.name in {"p", "div", "section"} else "\n"))
    raw = body.get_text()
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    return meta, re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _load_docx(path: Path) -> tuple[_Meta, str]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    props = document.core_properties
    lines: list[str] = []
    first_title: str | None = None
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                lines.append(" | ".join(c for c in cells if c))
            lines.append("")
            continue
        assert isinstance(block, Paragraph)
        text = " ".join(block.text.split())
        if not text:
            continue
        style = (block.style.name if block.style is not None else "") or ""
        level = _docx_heading_level(style)
        if style.lower() == "title":
            first_title = first_title or text
            lines.append(f"\n# {text}\n")
        elif level:
            lines.append(f"\n{'#' * min(level, 4)} {text}\n")
        elif style.lower().startswith("list"):
            lines.append(f"- {text}")
        else:
            lines.append(f"{text}\n")
    meta = _Meta(
        title=(props.title or "").strip() or first_title,
        audience=(props.category or "").strip() or None,
        topics=parse_topics(props.keywords),
        source_url=(props.identifier or "").strip() or None,
    )
    return meta, "\n".join(lines)


def _docx_heading_level(style: str) -> int:
    match = re.fullmatch(r"heading\s*(\d)", style.strip().lower())
    return int(match.group(1)) if match else 0


def _load_pdf(path: Path) -> tuple[_Meta, str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted:
        raise ResourceFormatError("PDF is encrypted")
    info: dict[str, Any] = dict(reader.metadata or {})

    def field_text(key: str) -> str | None:
        value = info.get(key)
        return str(value).strip() or None if value is not None else None

    meta = _Meta(
        title=field_text("/Title"),
        audience=field_text("/Subject"),
        topics=parse_topics(field_text("/Keywords")),
        source_url=field_text("/SourceURL"),
    )
    lines: list[tuple[str, float]] = []
    for page in reader.pages:
        lines.extend(_pdf_lines(page.extract_text))
    return meta, _pdf_markdown(lines)


def _pdf_lines(extract: Callable[..., str]) -> list[tuple[str, float]]:
    """Text lines of one page with the largest font size used on each line."""
    lines: list[tuple[str, float]] = []
    current: list[str] = []
    size = 0.0

    def visitor(text: str, cm: list[float], tm: list[float], font: Any, font_size: float) -> None:
        nonlocal size, current
        # The rendered size is the Tf size scaled by the text and transformation matrices.
        scale = abs(tm[3] or 1.0) * abs(cm[3] or 1.0)
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if piece.strip():
                current.append(piece)
                size = max(size, float(font_size) * scale)
            if i < len(pieces) - 1:
                lines.append(("".join(current).strip(), size))
                current, size = [], 0.0

    extract(visitor_text=visitor)
    if current:
        lines.append(("".join(current).strip(), size))
    return [(t, s) for t, s in lines if t]


def _pdf_markdown(lines: list[tuple[str, float]]) -> str:
    """PDFs have no heading markup, so lines set clearly larger than the body become headings."""
    if not lines:
        return ""
    weights: Counter[float] = Counter()
    for text, size in lines:
        weights[round(size, 1)] += len(text)
    body = weights.most_common(1)[0][0]
    larger = sorted({round(s, 1) for _, s in lines if s >= body * 1.15}, reverse=True)
    levels = {s: min(i + 1, 4) for i, s in enumerate(larger)}
    out: list[str] = []
    previous_level = 0
    for text, size in lines:
        level = levels.get(round(size, 1), 0)
        if level and len(text) <= 120:
            if level == previous_level:
                # A long heading wraps onto several lines set in the same size: rejoin it.
                out[-1] = f"{out[-1].rstrip()} {text}\n"
            else:
                out.append(f"\n{'#' * level} {text}\n")
            previous_level = level
        else:
            out.append(text)
            previous_level = 0
    return "\n".join(out)


_LOADERS: dict[str, Callable[[Path], tuple[_Meta, str]]] = {
    ".md": _load_markdown,
    ".markdown": _load_markdown,
    ".txt": _load_markdown,
    ".html": _load_html,
    ".htm": _load_html,
    ".docx": _load_docx,
    ".pdf": _load_pdf,
}
