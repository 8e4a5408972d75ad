"""Dependencies routes declare: the container, the calling principal, and scoped look-ups.

Scoping rules (one place, so every route gets them the same way):

- ``admin``: every program (``?program=`` picks one; default: the key's own);
- ``staff``: their program only; engagement signals, never message text;
- ``mentor``: their own pairs only; ``mentee``: their own pair only.

Outside one's program or pair the answer is 404 (nothing to see there); a role that may
not use a route at all gets 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.api.errors import ApiError, forbidden, not_found, with_db_retry
from assistant.api.insights import PairInsights
from assistant.api.ratelimit import RateLimiter
from assistant.auth import Principal, Role
from assistant.container import Container
from assistant.store import PairInfo, StoreError

bearer = HTTPBearer(auto_error=False, description="An API key from `mentorlens keys create`.")
SESSION_COOKIE = "mentorlens_session"


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]


def get_insights(request: Request) -> PairInsights:
    insights: PairInsights = request.app.state.insights
    return insights


InsightsDep = Annotated[PairInsights, Depends(get_insights)]


def _rate_limit(request: Request, principal: Principal) -> None:
    limiter: RateLimiter = request.app.state.rate_limiter
    allowed, wait = limiter.allow(principal.key_id)
    if not allowed:
        raise ApiError(
            429,
            "rate_limited",
            f"too many requests for this key; the limit is {limiter.per_minute} per minute",
            {"Retry-After": str(max(1, round(wait)))},
        )


def get_principal(
    request: Request,
    container: ContainerDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The caller, from ``Authorization: Bearer <key>``; 401 without a valid key."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(
            401,
            "unauthorized",
            "send an API key as `Authorization: Bearer <key>`",
            {"WWW-Authenticate": "Bearer"},
        )
    principal = with_db_retry(lambda: container.api_keys.verify(credentials.credentials))
    if principal is None:
        raise ApiError(
            401, "unauthorized", "unknown or revoked API key", {"WWW-Authenticate": "Bearer"}
        )
    request.scope.setdefault("state", {})["key_prefix"] = principal.prefix
    _rate_limit(request, principal)
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require(principal: Principal, *roles: Role) -> None:
    if principal.role not in roles:
        raise forbidden(f"a {principal.role} key may not use this route")


def program_for(principal: Principal, program: str | None) -> str:
    """The program a request is about; only admins may name another than their key's."""
    if program is None or program == principal.program_id:
        return principal.program_id
    if principal.is_admin:
        return program
    raise not_found(f"no program {program!r} in your scope")


ProgramQuery = Annotated[
    str | None,
    Query(
        max_length=64,
        description="Program id (admins only; default: the key's program).",
    ),
]


@dataclass(frozen=True)
class PairScope:
    """A pair the principal may see, and the program it was found in."""

    principal: Principal
    program_id: str
    pair: PairInfo


def visible_pair(
    container: Container, principal: Principal, program_id: str, pair_id: str
) -> PairInfo:
    """The pair if the principal may see it, else 404 (the same answer as for no pair)."""
    try:
        pair = with_db_retry(lambda: container.store.pair(program_id, pair_id))
    except StoreError as exc:
        raise not_found(f"no pair {pair_id!r} in your scope") from exc
    if principal.role == "mentor" and pair.mentor != principal.participant:
        raise not_found(f"no pair {pair_id!r} in your scope")
    if principal.role == "mentee" and pair.mentee != principal.participant:
        raise not_found(f"no pair {pair_id!r} in your scope")
    return pair


def pair_scope(*roles: Role):  # type: ignore[no-untyped-def]
    """A dependency: the path's pair, if the caller's role may use the route and see it."""

    def dependency(
        pair_id: str, principal: PrincipalDep, container: ContainerDep, program: ProgramQuery = None
    ) -> PairScope:
        require(principal, *roles)
        program_id = program_for(principal, program)
        return PairScope(
            principal, program_id, visible_pair(container, principal, program_id, pair_id)
        )

    return Depends(dependency)


def visible_pairs(container: Container, principal: Principal, program_id: str) -> list[PairInfo]:
    pairs = with_db_retry(lambda: container.store.pairs(program_id))
    if principal.role == "mentor":
        return [p for p in pairs if p.mentor == principal.participant]
    if principal.role == "mentee":
        return [p for p in pairs if p.mentee == principal.participant]
    return pairs
