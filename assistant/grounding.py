"""The grounding check: nothing a model wrote reaches a person unless its evidence holds up.

A claim (a talking point, an answer sentence) passes when

1. it cites at least one evidence id, and every id it cites exists;
2. every number, date and name in it appears in the text of the evidence it cites.

Dates are compared as (month, day) so "Oct 3", "October 3rd" and "2026-10-03" agree; numbers
are compared as digit strings ("$90" and "90" agree); names are pseudonym placeholders
(``<PERSON_1>``) and capitalised words that are not ordinary English words. What fails is
dropped, and the caller falls back to the extractive composer, which builds claims from the
evidence itself.

Example::

    evidence = {"m:12": Evidence("m:12", "Oct 3 <PERSON_1>: I'll apply to 2 internships")}
    verdict = check_claim("Ask about the 2 internships", ["m:12"], evidence)
    assert verdict.ok
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from privacy.pseudonyms import PLACEHOLDER_RE

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_DAY_RE = re.compile(
    rf"\b(?P<month>{_MONTH_ALT})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b", re.IGNORECASE
)
_DAY_MONTH_RE = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_ALT})\b", re.IGNORECASE
)
_ISO_DATE_RE = re.compile(r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_SLASH_DATE_RE = re.compile(r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?:/(?P<year>\d{2,4}))?\b")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_CITATION_RE = re.compile(r"\[(?P<ids>(?:[a-z]+:[^\[\]\s,;]+)(?:\s*[,;]\s*[a-z]+:[^\[\]\s,;]+)*)\]")
_WORD_RE = re.compile(r"\b[A-Za-z][A-Za-z'’-]*\b")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?\]])\s+(?=[A-Z<\"'(])")
# Capitalised words that are never names, even when wordfreq thinks they are rare.
_NOT_NAMES = frozenset(
    [
        "i",
        "i'm",
        "i'll",
        "i've",
        "i'd",
        "ok",
        "okay",
        "caps",
        "fafsa",
        "gpa",
        "sat",
        "gre",
        "gmat",
        "lsat",
        "mcat",
        "pdf",
        "faq",
        "hr",
        "ra",
        "ta",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


@dataclass(frozen=True)
class Evidence:
    """One piece of citable evidence: a message, a goal, a meeting, a resource chunk."""

    id: str
    text: str
    kind: str = "message"


@dataclass(frozen=True)
class Verdict:
    """Why a claim passed or failed (``reasons`` empty when it passed)."""

    ok: bool
    reasons: tuple[str, ...] = ()


@dataclass
class GroundingStats:
    """Counts for one composition: LLM drafts seen and rejected, and the fallback taken."""

    drafts: int = 0
    rejected: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, verdict: Verdict) -> None:
        self.drafts += 1
        if not verdict.ok:
            self.rejected += 1
            self.reasons.extend(verdict.reasons)


def dates_in(text: str) -> set[tuple[int, int]]:
    """(month, day) pairs mentioned in ``text``, whatever the format."""
    found: set[tuple[int, int]] = set()
    for regex in (_MONTH_DAY_RE, _DAY_MONTH_RE):
        for m in regex.finditer(text):
            day = int(m["day"])
            if 1 <= day <= 31:
                found.add((MONTHS[m["month"].lower()], day))
    for regex in (_ISO_DATE_RE, _SLASH_DATE_RE):
        for m in regex.finditer(text):
            month, day = int(m["month"]), int(m["day"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.add((month, day))
    return found


def _strip_dates(text: str) -> str:
    for regex in (_ISO_DATE_RE, _SLASH_DATE_RE, _MONTH_DAY_RE, _DAY_MONTH_RE):
        text = regex.sub(" ", text)
    return text


def numbers_in(text: str) -> set[str]:
    """Digit strings outside dates, normalised ("1,200" -> "1200", "4.0" stays)."""
    bare = PLACEHOLDER_RE.sub(" ", text)
    return {n.replace(",", "") for n in _NUMBER_RE.findall(_strip_dates(bare))}


@lru_cache(maxsize=8192)
def _is_common_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= 3.0


def names_in(text: str) -> set[str]:
    """Placeholders, plus capitalised words that are not sentence openers or common words."""
    found = {m.group(0) for m in PLACEHOLDER_RE.finditer(text)}
    bare = PLACEHOLDER_RE.sub(" ", text)
    for sentence in split_sentences(bare):
        words = list(_WORD_RE.finditer(sentence))
        for i, m in enumerate(words):
            word = m.group(0).strip("'’-")
            if not word or not word[0].isupper():
                continue
            lowered = word.lower()
            if i == 0 and _is_common_word(lowered):
                continue  # a sentence opener, not a name
            if lowered in _NOT_NAMES or lowered in MONTHS:
                continue
            if word.isupper() and len(word) <= 5:
                # Acronyms must still be grounded, but compare them as written.
                found.add(word)
                continue
            if not _is_common_word(lowered):
                found.add(word)
    return found


def split_sentences(text: str) -> list[str]:
    """Sentences of a short answer; citations stay with the sentence they close."""
    parts = [p.strip() for p in _SENTENCE_SPLIT_RE.split(text.strip())]
    return [p for p in parts if p]


def citations_in(text: str) -> list[str]:
    """Evidence ids cited inline as ``[r:3]`` or ``[m:12, r:4]``, in order."""
    ids: list[str] = []
    for m in _CITATION_RE.finditer(text):
        for part in re.split(r"\s*[,;]\s*", m["ids"]):
            if part and part not in ids:
                ids.append(part)
    return ids


def strip_citations(text: str) -> str:
    return re.sub(r"\s+([.!?,;:])", r"\1", _CITATION_RE.sub("", text)).strip()


def _normalised(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def check_claim(text: str, cited: Sequence[str], evidence: Mapping[str, Evidence]) -> Verdict:
    """Does ``text`` cite existing evidence, and is every number, date and name in it there?"""
    reasons: list[str] = []
    if not cited:
        return Verdict(False, ("cites no evidence",))
    unknown = [i for i in cited if i not in evidence]
    if unknown:
        reasons.append(f"cites unknown evidence {unknown}")
    sources = [evidence[i].text for i in cited if i in evidence]
    joined = "\n".join(sources)
    folded = _normalised(joined)
    source_dates = dates_in(joined)
    for date in sorted(dates_in(text) - source_dates):
        reasons.append(f"date {date[0]:02d}-{date[1]:02d} is not in the cited evidence")
    source_numbers = numbers_in(joined) | {str(d) for _, d in source_dates}
    for number in sorted(numbers_in(text) - source_numbers):
        reasons.append(f"number {number} is not in the cited evidence")
    for name in sorted(names_in(text)):
        if name.startswith("<"):
            if name not in joined:
                reasons.append(f"placeholder {name} is not in the cited evidence")
        elif name.isupper():
            if not re.search(rf"\b{re.escape(name)}\b", joined):
                reasons.append(f"name {name} is not in the cited evidence")
        elif name.casefold() not in folded:
            reasons.append(f"name {name} is not in the cited evidence")
    return Verdict(not reasons, tuple(reasons))


def check_fields(
    fields: Iterable[str], cited: Sequence[str], evidence: Mapping[str, Evidence]
) -> Verdict:
    """One verdict over several fields of one claim (a talking point's text and why)."""
    reasons: list[str] = []
    for value in fields:
        verdict = check_claim(value, cited, evidence)
        reasons.extend(r for r in verdict.reasons if r not in reasons)
    return Verdict(not reasons, tuple(reasons))


def check_answer(
    text: str, evidence: Mapping[str, Evidence]
) -> tuple[list[tuple[str, list[str]]], list[Verdict]]:
    """Validate an answer sentence by sentence against its inline citations.

    Returns the sentences that passed, each with its cited ids (citations removed from the
    text), and the verdicts of those that failed.
    """
    kept: list[tuple[str, list[str]]] = []
    failed: list[Verdict] = []
    for sentence in split_sentences(text):
        cited = citations_in(sentence)
        bare = strip_citations(sentence)
        if not bare:
            continue
        verdict = check_claim(bare, cited, evidence)
        if verdict.ok:
            kept.append((bare, cited))
        else:
            failed.append(verdict)
    return kept, failed
