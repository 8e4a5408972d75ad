"""The resource library: ingest (admins), list and hybrid search (every role)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, UploadFile

from assistant.api.deps import ContainerDep, PrincipalDep, require
from assistant.api.errors import ApiError
from assistant.api.schemas import IngestOut, Problem, ResourceHitOut, ResourceOut

router = APIRouter(prefix="/resources", tags=["resources"], responses={401: {"model": Problem}})
SUPPORTED = (".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".txt")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@router.post("", status_code=201, responses={403: {"model": Problem}, 413: {"model": Problem}})
def ingest_resources(
    principal: PrincipalDep,
    container: ContainerDep,
    files: Annotated[list[UploadFile], File(description="md, html, pdf, docx or txt files.")],
    audience: Annotated[
        Literal["all", "mentor", "mentee"] | None,
        Query(description="Override every file's audience."),
    ] = None,
) -> IngestOut:
    """Add or update resource files in the library (chunked, embedded redacted). Admins only.

    A file that cannot be read is reported by name and the others still go in.
    """
    require(principal, "admin")
    upload_dir = container.settings.data_dir / "uploads"
    upload_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for upload in files:
        name = SAFE_NAME.sub("_", Path(upload.filename or "").name).lstrip(".")
        if not name or Path(name).suffix.lower() not in SUPPORTED:
            raise ApiError(
                422,
                "validation_error",
                f"files: {upload.filename!r} is not one of {', '.join(SUPPORTED)}",
            )
        path = upload_dir / name
        path.write_bytes(upload.file.read())
        paths.append(path)
    report = container.resource_ingestor.ingest(paths, audience=audience, files=paths)
    return IngestOut(
        files=report.files,
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        failed=report.failed,
        chunks_written=report.chunks_written,
        errors=[f"{Path(f.source).name}: {f.reason}" for f in report.failures],
    )


@router.get("")
def list_resources(principal: PrincipalDep, container: ContainerDep) -> list[ResourceOut]:
    """Documents in the library with their chunk counts; mentees see mentee/all ones."""
    chunks = container.resource_index.manifest.chunks()
    by_source: dict[str, list[object]] = {}
    titles: dict[str, str] = {}
    audiences: dict[str, Counter[str]] = {}
    for c in chunks:
        by_source.setdefault(c.source, []).append(c)
        titles.setdefault(c.source, c.title)
        audiences.setdefault(c.source, Counter())[c.audience] += 1
    out = []
    for source, items in sorted(by_source.items()):
        audience = audiences[source].most_common(1)[0][0]
        if principal.role == "mentee" and audience not in ("mentee", "all"):
            continue
        out.append(
            ResourceOut(
                source=Path(source).name, title=titles[source], chunks=len(items), audience=audience
            )
        )
    return out


@router.get("/search")
def search_resources(
    principal: PrincipalDep,
    container: ContainerDep,
    q: Annotated[str, Query(min_length=2, max_length=500, description="What to look for.")],
    k: Annotated[int, Query(ge=1, le=20, description="How many hits.")] = 5,
) -> list[ResourceHitOut]:
    """Hybrid (BM25 + dense) search; the query is redacted before it is embedded.

    An empty list means nothing in the library is relevant enough.
    """
    audience: Literal["mentee"] | None = "mentee" if principal.role == "mentee" else None
    query = container.redactor.redact(q).redacted
    hits = container.resource_search.search(query, k=k, audience=audience)
    return [
        ResourceHitOut(
            chunk_id=h.chunk_id,
            title=h.title,
            citation=h.citation,
            snippet=h.snippet,
            score=h.score,
            relevance=h.relevance,
            audience=h.audience,
            source_url=h.source_url,
        )
        for h in hits
    ]
