"""What a message is about: concern topics (stress, money, exams, family, job search, ...)
and crisis or self-harm signals.

Patterns only, run on redacted text. The crisis patterns lean towards recall: a false
alarm costs the mentor one extra question; a miss can cost far more. They are shared by
session prep and the resource assistant, which both put crisis resources first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})

CRISIS_RE = re.compile(
    r"\b(?:kill(?:ing)?\s+(?:my|him|her|them)sel(?:f|ves)|suicid\w*|self[-\s]?harm\w*"
    r"|hurt(?:ing)?\s+my\s*self|harm(?:ing)?\s+my\s*self|cut(?:ting)?\s+my\s*self"
    r"|end(?:ing)?\s+(?:it\s+all|my\s+life|things)|take\s+my\s+(?:own\s+)?life"
    r"|(?:want|wanna|wanted|wish)\s+(?:to\s+)?(?:die|be\s+dead|disappear)"
    r"|wants?\s+to\s+(?:die|disappear)|(?:don'?t|do\s+not|dont)\s+want\s+to\s+(?:be\s+alive|live|exist)"
    r"|not\s+want(?:ing)?\s+to\s+(?:be\s+alive|live)|no\s+reason\s+to\s+live"
    r"|better\s+off\s+(?:dead|without\s+me)|can'?t\s+go\s+on|(?:what'?s|whats)\s+(?:even\s+)?the\s+point"
    r"|no\s+point\s+(?:in\s+)?(?:living|going\s+on|anymore)|hopeless(?:ness)?|overdos\w*"
    r"|988)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Topic:
    """A concern a mentor should ask about, how to spot it, and what to search for."""

    key: str
    label: str  # "exams and grades": reads after "how things are going with"
    pattern: re.Pattern[str]
    query: str  # the resource search for a mentor helping with it


def _p(words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + words + r")", re.IGNORECASE)


TOPICS: tuple[Topic, ...] = (
    Topic(
        "stress",
        "stress and workload",
        _p(
            r"stress\w*|overwhelm\w*|burn(?:ed|t)?\s*out|exhaust\w*|so\s+tired|tired\b|anxi\w+"
            r"|panic\w*|can'?t\s+sleep|not\s+sleeping|no\s+sleep|sleep\b|drowning|falling\s+apart"
            r"|too\s+much|swamped|cop(?:e|ing)\b"
        ),
        "mentee stressed overwhelmed burnout support",
    ),
    Topic(
        "money",
        "money and financial aid",
        _p(
            r"money|rent\b|afford\w*|broke\b|financial\s+aid|fafsa|aid\s+(?:hold|office)|tuition"
            r"|scholarship\w*|loan\w*|fee\b|fees\b|waiver\w*|paycheck|bills?\b|\$\d|shifts?\b"
            r"|hours\s+(?:cut|a\s+week)|work\s+study|verification"
        ),
        "financial aid emergency funds scholarships paying for college",
    ),
    Topic(
        "exams",
        "exams and grades",
        _p(
            r"exams?\b|midterms?|finals?\b|quiz\w*|failing|fail(?:ed)?\b|grades?\b|gpa|study\w*"
            r"|tutor\w*|office\s+hours|assessment|probation|withdraw\w*"
        ),
        "preparing for final exams study plan tutoring",
    ),
    Topic(
        "family",
        "family",
        _p(
            r"family|mom\b|dad\b|mother|father|parents?\b|brother|sister|grandm\w+|grandp\w+"
            r"|home\s+(?:for|over)|thanksgiving|siblings?"
        ),
        "first-generation student family expectations support",
    ),
    Topic(
        "job_search",
        "the job and internship search",
        _p(
            r"internships?|job\s+(?:search|offer|application|hunt)|applications?\b|applied\b"
            r"|apply\w*|recruiter\w*|interview\w*|resum\w*|cover\s+letter|linkedin|career\s+fair"
            r"|offer\b|networking"
        ),
        "internship and job search applications follow up with recruiters",
    ),
)
TOPIC_BY_KEY = {t.key: t for t in TOPICS}


def normalise(text: str) -> str:
    return text.translate(_APOS)


def crisis_signal(text: str) -> bool:
    """Does the text suggest a crisis or self-harm risk? (Mentions of 988 count too.)"""
    return CRISIS_RE.search(normalise(text)) is not None


def crisis_signal_from_person(text: str) -> bool:
    """A crisis signal in something a mentee wrote: ignores bare mentions of a hotline."""
    found = [m.group(0).lower() for m in CRISIS_RE.finditer(normalise(text))]
    return any(f != "988" for f in found)


def topics_of(text: str) -> list[str]:
    """Keys of the concern topics a text touches, in :data:`TOPICS` order."""
    flat = normalise(text)
    return [t.key for t in TOPICS if t.pattern.search(flat)]


def first_match(topic: Topic, text: str) -> str | None:
    m = topic.pattern.search(normalise(text))
    return m.group(0) if m else None
