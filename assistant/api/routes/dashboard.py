"""The staff dashboard: sign in with a staff (or admin) key, see pairs worst first.

Pages are server-rendered (Jinja2) with inline SVG charts and no script, so they work with a
strict CSP and no CDN. Pages show roster ids, signals and reasons, never message text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from assistant.api.deps import SESSION_COOKIE, ContainerDep, InsightsDep, visible_pair
from assistant.api.errors import with_db_retry
from assistant.api.presenters import flags_out
from assistant.api.routes.programs import flags_csv_response
from assistant.auth import Principal
from assistant.dashboard.charts import component_chart, sparkline
from assistant.dashboard.session import SESSION_SECONDS, SessionSigner

WEB = Path(__file__).resolve().parents[3] / "web"
templates = Jinja2Templates(directory=str(WEB / "templates"))
router = APIRouter(prefix="/dashboard", include_in_schema=False)
BAND_LABEL = {"at_risk": "At risk", "watch": "Watch", "healthy": "Healthy"}
ARROW = {"up": "↑", "down": "↓", "flat": "→"}
ARROW_LABEL = {"up": "improving", "down": "declining", "flat": "steady"}


class SignInRequiredError(Exception):
    """No valid session: the handler in server.py redirects to the sign-in page."""


def _signer(request: Request) -> SessionSigner:
    signer: SessionSigner = request.app.state.session_signer
    return signer


def dashboard_principal(request: Request, container: ContainerDep) -> Principal:
    token = request.cookies.get(SESSION_COOKIE, "")
    key_id = _signer(request).verify(token)
    principal = container.api_keys.principal(key_id) if key_id is not None else None
    if principal is None or principal.role not in ("admin", "staff"):
        raise SignInRequiredError
    return principal


StaffDep = Annotated[Principal, Depends(dashboard_principal)]


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, error: str | None = None) -> Response:
    return templates.TemplateResponse(request, "login.html", {"error": error})


@router.post("/login")
def login(
    request: Request, container: ContainerDep, key: Annotated[str, Form(max_length=200)]
) -> Response:
    principal = container.api_keys.verify(key.strip())
    if principal is None or principal.role not in ("admin", "staff"):
        return templates.TemplateResponse(
            request,
            "login.html",
            {"error": "That key is not a valid staff or admin key."},
            status_code=401,
        )
    response = RedirectResponse("/dashboard", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        _signer(request).issue(principal.key_id),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/dashboard",
    )
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/dashboard/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/dashboard")
    return response


@router.get("", response_class=HTMLResponse)
def program_page(
    request: Request, principal: StaffDep, container: ContainerDep, insights: InsightsDep
) -> Response:
    program = with_db_retry(lambda: container.store.program(principal.program_id))
    rows = []
    for s in with_db_retry(lambda: insights.summaries(principal.program_id)):
        r = s.report
        rows.append(
            {
                "id": s.pair.id,
                "mentor": s.pair.mentor,
                "mentee": s.pair.mentee,
                "band": r.band,
                "band_label": BAND_LABEL.get(r.band, r.band),
                "score": r.score,
                "arrow": ARROW[r.trend.direction],
                "trend_label": ARROW_LABEL[r.trend.direction],
                "delta": r.trend.delta,
                "spark": sparkline([v for _, v in r.weekly], label=f"{s.pair.id} weekly score"),
                "reason": r.reasons[0] if r.reasons else "",
            }
        )
    return templates.TemplateResponse(
        request, "program.html", {"program": program, "rows": rows, "principal": principal}
    )


@router.get("/flags.csv")
def flags_csv(principal: StaffDep, insights: InsightsDep) -> Response:
    flags = flags_out(with_db_retry(lambda: insights.summaries(principal.program_id)))
    return flags_csv_response(flags, principal.program_id)


@router.get("/pairs/{pair_id}", response_class=HTMLResponse)
def pair_page(
    pair_id: str,
    request: Request,
    principal: StaffDep,
    container: ContainerDep,
    insights: InsightsDep,
) -> Response:
    program_id = principal.program_id
    pair = visible_pair(container, principal, program_id, pair_id)
    report = with_db_retry(lambda: insights.report(program_id, pair.id))
    history = with_db_retry(lambda: insights.history(program_id, pair.id, weeks=10))
    names = [
        n for n in report.components if any(abs(p.components.get(n, 0.0)) > 0.05 for p in history)
    ]
    chart = component_chart(
        [p.day for p in history],
        {n: [p.components.get(n, 0.0) for p in history] for n in names},
        label=f"Score components by week for {pair.id}",
    )
    meetings = with_db_retry(lambda: container.store.meetings(program_id, pair.id))
    counts = Counter(m.status for m in meetings)
    return templates.TemplateResponse(
        request,
        "pair.html",
        {
            "pair": pair,
            "report": report,
            "band_label": BAND_LABEL.get(report.band, report.band),
            "arrow": ARROW[report.trend.direction],
            "trend_label": ARROW_LABEL[report.trend.direction],
            "chart": chart,
            "spark": sparkline(
                [v for _, v in report.weekly], width=240, height=48, label="weekly score"
            ),
            "meetings": meetings,
            "counts": counts,
            "components": sorted(report.components.items(), key=lambda kv: kv[1]),
        },
    )
