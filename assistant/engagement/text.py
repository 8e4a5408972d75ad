"""Tokenisation helpers: word counts and light stems for lexical overlap.

Redaction placeholders such as <PERSON_1> are kept as single tokens so that a reply
naming the same (redacted) person still counts as lexical uptake."""

from __future__ import annotations

import re

from .cues import normalise

_TOKEN_RE = re.compile(r"<[a-z]+(?:_[a-z0-9]+)*>|[a-z0-9]+(?:'[a-z]+)?")

# Function words carry no topical content; overlap on them says nothing about uptake.
STOPWORDS = frozenset(
    """a an the and or but if so of to in on at by for with from as is are was were be been
    being am do does did doing have has had having i me my mine we us our you your yours he him
    his she her it its they them their this that these those there here what which who whom
    whose when where why how not no yes yeah ok okay just also too very really can could would
    should will shall may might must i'm i've i'll i'd you're you've you'll it's that's there's
    don't doesn't didn't can't won't isn't aren't wasn't um uh oh like then than about up out
    into over again all any some more most such only own same other well now get got go going
    one two let's lets s t""".split()  # noqa: SIM905
)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (placeholders kept whole)."""
    return _TOKEN_RE.findall(normalise(text))


def word_count(text: str) -> int:
    """Number of word tokens."""
    return len(tokens(text))


def stem(token: str) -> str:
    """Crude suffix stripper: enough to match "apply"/"applied"/"applying"."""
    if token.startswith("<"):
        return token
    for suffix in ("ations", "ation", "ing", "ied", "ies", "ed", "es", "ly", "s", "y", "e"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)]
    return token


def content_stems(text: str) -> set[str]:
    """Stems of the non-function words in `text`."""
    return {stem(t) for t in tokens(text) if t not in STOPWORDS and not t.isdigit()}
