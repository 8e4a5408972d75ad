"""One pair: its headline, engagement, goals and session prep."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Body

from assistant.api.deps import ContainerDep, InsightsDep, PairScope, pair_scope
from assistant.api.errors import with_db_retry
from assistant.api.presenters import engagement_out, pair_out
from assistant.api.schemas import EngagementOut, GoalOut, PairOut, PrepRequest, Problem
from assistant.prep.models import PrepResult

router = APIRouter(
    prefix="/pairs",
    tags=["pairs"],
    responses={401: {"model": Problem}, 403: {"model": Problem}, 404: {"model": Problem}},
)

SignalsScope = Annotated[PairScope, pair_scope("admin", "staff", "mentor")]
GoalsScope = Annotated[PairScope, pair_scope("admin", "mentor", "mentee")]
PrepScope = Annotated[PairScope, pair_scope("admin", "mentor")]


@router.get("/{pair_id}")
def read_pair(scope: SignalsScope, container: ContainerDep, insights: InsightsDep) -> PairOut:
    """A pair with its engagement headline and meetings held vs cancelled.

    Admin, staff (their program) and the pair's mentor.
    """
    report = with_db_retry(lambda: insights.report(scope.program_id, scope.pair.id))
    meetings = with_db_retry(lambda: container.store.meetings(scope.program_id, scope.pair.id))
    return pair_out(scope.pair, report, meetings)


@router.get("/{pair_id}/engagement")
def read_engagement(scope: SignalsScope, insights: InsightsDep) -> EngagementOut:
    """The pair's engagement: score, band, components, trend, weekly series and reasons.

    Signals only, never message text. Admin, staff (their program) and the pair's mentor.
    """
    report = with_db_retry(lambda: insights.report(scope.program_id, scope.pair.id))
    return engagement_out(scope.pair.id, report)


@router.get("/{pair_id}/goals")
def list_goals(scope: GoalsScope, container: ContainerDep) -> list[GoalOut]:
    """The pair's goals (redacted text). Admin, the pair's mentor and the pair's mentee."""
    goals = with_db_retry(lambda: container.store.goals(scope.program_id, scope.pair.id))
    return [GoalOut(id=g.id, text=g.text, status=g.status, due=g.due) for g in goals]


@router.post("/{pair_id}/prep", responses={503: {"model": Problem}})
def prepare_session(
    scope: PrepScope,
    container: ContainerDep,
    insights: InsightsDep,
    body: Annotated[PrepRequest | None, Body()] = None,
) -> PrepResult:
    """Talking points for the mentor's next meeting with this pair, each citing evidence.

    Built from recent messages, goals, open commitments, engagement signals, program
    resources and the mentor's agenda notes. When the generation backend is down it falls
    back to the extractive composer (`backend` says which one answered). Names come back
    (placeholders restored) for the mentor and admins only. Admin and the pair's mentor.
    """
    request = body or PrepRequest()
    program = with_db_retry(lambda: container.store.program(scope.program_id))
    today = insights.now().astimezone(ZoneInfo(program.timezone)).date()
    return with_db_retry(
        lambda: container.session_prep.prep(
            scope.pair.id,
            program_id=scope.program_id,
            viewer_role=scope.principal.role,
            next_meeting=request.next_meeting,
            agenda=request.agenda,
            today=today,
        )
    )
