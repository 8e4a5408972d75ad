"""Resolves each message's side (mentor or mentee), inferring missing roles and saying so."""

from __future__ import annotations

from collections.abc import Sequence

from .types import ChatMessage, Role

_OTHER: dict[Role, Role] = {"mentor": "mentee", "mentee": "mentor"}


def other(role: Role) -> Role:
    """The opposite side."""
    return _OTHER[role]


def resolve_roles(messages: Sequence[ChatMessage]) -> tuple[list[Role], list[str]]:
    """A role per message plus notes on anything inferred.

    Known roles win; a sender with no role anywhere takes the side opposite the known
    one; with nothing known the first sender is taken as mentor (and the notes say so)."""
    known: dict[str, Role] = {}
    for m in messages:
        if m.role is not None:
            known.setdefault(m.sender, m.role)
    senders = list(dict.fromkeys(m.sender for m in messages))
    unknown = [s for s in senders if s not in known]
    notes: list[str] = []
    if unknown:
        present = set(known.values())
        if not present:
            known[senders[0]] = "mentor"
            for s in senders[1:]:
                known[s] = "mentee"
            notes.append(
                "No roles given: treated the first sender as the mentor and the other "
                "sender(s) as mentee."
            )
        elif len(present) == 1:
            side = other(next(iter(present)))
            for s in unknown:
                known[s] = side
            notes.append(f"Role inferred for {len(unknown)} sender(s): treated as {side}.")
        else:
            for s in unknown:
                known[s] = "mentee"
            notes.append(
                f"{len(unknown)} sender(s) without a role alongside both known roles: "
                "treated as mentee."
            )
    return [m.role or known[m.sender] for m in messages], notes
