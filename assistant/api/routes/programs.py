"""Programs, their pairs (worst first) and their flags (JSON and CSV)."""

from __future__ import annotations

import csv
import io

from fastapi import APIRouter
from fastapi.responses import Response

from assistant.api.deps import (
    ContainerDep,
    InsightsDep,
    PrincipalDep,
    program_for,
    require,
    visible_pairs,
)
from assistant.api.errors import not_found, with_db_retry
from assistant.api.presenters import flags_out, summary_out
from assistant.api.schemas import FlagOut, PairSummaryOut, Problem, ProgramOut
from assistant.store import StoreError

router = APIRouter(prefix="/programs", tags=["programs"], responses={401: {"model": Problem}})


@router.get("")
def list_programs(principal: PrincipalDep, container: ContainerDep) -> list[ProgramOut]:
    """Programs the key may see: all of them for admins, the key's own for everyone else."""
    programs = with_db_retry(container.store.programs)
    return [
        ProgramOut(id=p.id, name=p.name, timezone=p.timezone)
        for p in programs
        if principal.is_admin or p.id == principal.program_id
    ]


@router.get("/{program_id}", responses={404: {"model": Problem}})
def read_program(program_id: str, principal: PrincipalDep, container: ContainerDep) -> ProgramOut:
    """One program by id."""
    try:
        p = with_db_retry(lambda: container.store.program(program_for(principal, program_id)))
    except StoreError as exc:
        raise not_found(f"no program {program_id!r}") from exc
    return ProgramOut(id=p.id, name=p.name, timezone=p.timezone)


@router.get("/{program_id}/pairs", responses={404: {"model": Problem}})
def list_pairs(
    program_id: str, principal: PrincipalDep, container: ContainerDep, insights: InsightsDep
) -> list[PairSummaryOut]:
    """The pairs the key may see, worst engagement first.

    Admins and staff see every pair; a mentor sees their own pairs and a mentee their own
    pair. Mentees get the pair without engagement figures.
    """
    pid = program_for(principal, program_id)
    pairs = visible_pairs(container, principal, pid)
    if principal.role == "mentee":
        return [summary_out(p, None) for p in pairs]
    wanted = {p.id for p in pairs}
    summaries = with_db_retry(lambda: insights.summaries(pid))
    return [summary_out(s.pair, s.report) for s in summaries if s.pair.id in wanted]


def _flags(program_id: str, principal: PrincipalDep, insights: InsightsDep) -> list[FlagOut]:
    require(principal, "admin", "staff")
    pid = program_for(principal, program_id)
    return flags_out(with_db_retry(lambda: insights.summaries(pid)))


@router.get("/{program_id}/flags", responses={403: {"model": Problem}, 404: {"model": Problem}})
def list_flags(program_id: str, principal: PrincipalDep, insights: InsightsDep) -> list[FlagOut]:
    """Pairs in band `watch` or `at_risk`, worst first, with reasons. Admin and staff only."""
    return _flags(program_id, principal, insights)


@router.get(
    "/{program_id}/flags.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, 403: {"model": Problem}},
)
def export_flags(program_id: str, principal: PrincipalDep, insights: InsightsDep) -> Response:
    """The flags as CSV (pair, band, score, trend, reasons joined by `; `)."""
    return flags_csv_response(_flags(program_id, principal, insights), program_id)


def flags_csv_response(flags: list[FlagOut], program_id: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["pair_id", "band", "score", "trend", "reasons"])
    for f in flags:
        writer.writerow([f.pair_id, f.band, f"{f.score:.1f}", f.trend, "; ".join(f.reasons)])
    safe = "".join(ch for ch in program_id if ch.isalnum() or ch in "-_") or "program"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{safe}-flags.csv"'},
    )
