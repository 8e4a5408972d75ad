"""Recognizers that Presidio lacks and mentoring chat needs.

Each is a small class named for what it finds. Pattern-based ones subclass
``PatternRecognizer`` with ``PATTERNS`` and ``CONTEXT`` constants, as Presidio's own do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from privacy.entities import (
    ACCOUNT_NUMBER,
    DATE_OF_BIRTH,
    PERSON,
    PHONE_NUMBER,
    PROFILE_URL,
    SOCIAL_HANDLE,
    STREET_ADDRESS,
    STUDENT_ID,
)

# Honorifics are part of how people are named in chat ("prof. okafor", "dr raman").
_HONORIFIC = r"(?:(?:dr|prof|professor|mr|mrs|ms|mx|coach|dean)\.?\s+)"
# Words that are names only when capitalised ("Will", "May", "Bill"...): spaCy's stop
# words plus chat words that double as names.
_AMBIGUOUS_NAME_WORDS: frozenset[str] = frozenset(STOP_WORDS) | {
    "bill", "mark", "rose", "june", "april", "grace", "hope", "joy", "faith", "sunny",
    "summer", "autumn", "dawn", "rich", "art", "chase", "miles", "drew", "reed", "sage",
}  # fmt: skip


def _result(
    recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float
) -> RecognizerResult:
    """A result with the explanation Presidio's context enhancer expects to find."""
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(
            recognizer=recognizer.name, original_score=score, textual_explanation=None
        ),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


@dataclass(frozen=True)
class RosterName:
    """A surface form of a known person, and the full name it belongs to."""

    surface: str
    canonical: str


def roster_forms(names: Iterable[str]) -> list[RosterName]:
    """Expand roster entries into the forms people use in chat.

    "Maria Lopez" gives "maria lopez", "maria" and "lopez"; "Prof. Okafor" gives
    "okafor". Every form points back to the full name so that "maria" and
    "Maria Lopez" get the same pseudonym.
    """
    forms: dict[str, str] = {}
    for raw in names:
        full = " ".join(raw.split())
        if not full:
            continue
        bare = re.sub(rf"^{_HONORIFIC}", "", full, flags=re.IGNORECASE).strip()
        parts = [p for p in re.split(r"[\s]+", bare) if len(p.strip(".'-")) >= 2]
        candidates = [full, bare, *parts]
        for candidate in candidates:
            key = candidate.strip(" .,").lower()
            if len(key) >= 2:
                forms.setdefault(key, full)
    return [RosterName(surface=s, canonical=c) for s, c in forms.items()]


class RosterRecognizer(EntityRecognizer):
    """Finds the pair's roster names, case-insensitively, even in lowercase chat.

    ``thx maria!`` is caught because the program knows Maria is on the roster. Names that
    are also ordinary words ("will", "may") only count when capitalised.
    """

    SCORE = 0.95

    def __init__(self, names: Sequence[str] | Sequence[RosterName]) -> None:
        forms = (
            [n for n in names if isinstance(n, RosterName)]
            if names and isinstance(names[0], RosterName)
            else roster_forms(str(n) for n in names)
        )
        self.forms = forms
        self.canonical = {f.surface: f.canonical for f in forms}
        # Longest first so "maria lopez" wins over "maria".
        ordered = sorted(self.canonical, key=len, reverse=True)
        body = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in ordered)
        self._regex = (
            re.compile(rf"(?<![\w@.])(?:{_HONORIFIC})?({body})(?![\w@])", re.IGNORECASE)
            if ordered
            else None
        )
        super().__init__(supported_entities=[PERSON], name="RosterRecognizer")

    def load(self) -> None:
        """Nothing to load: the regex is built from the roster in the constructor."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if self._regex is None or (entities and PERSON not in entities):
            return []
        results: list[RecognizerResult] = []
        for match in self._regex.finditer(text):
            value = match.group(1)
            lowered = " ".join(value.lower().split())
            if lowered in _AMBIGUOUS_NAME_WORDS and not value[:1].isupper():
                continue
            result = _result(self, PERSON, match.start(), match.end(), self.SCORE)
            result.recognition_metadata["canonical"] = self.canonical.get(lowered, value)
            results.append(result)
        return results


_STREET_SUFFIX = (
    r"(?:st|street|ave|avenue|av|rd|road|blvd|boulevard|dr|drive|ln|lane|way|ct|court|pl|"
    r"place|ter|terrace|pkwy|parkway|hwy|highway|sq|square|cir|circle|row|trl|trail)"
)
_UNIT = r"(?:,?\s*(?:apt|apartment|unit|suite|ste|fl|floor|rm|#)\.?\s*#?\s*[\w-]{1,5})"
_CITY_STATE_ZIP = r"(?:,?\s+[A-Za-z .]{2,30},?\s+[A-Za-z]{2}\.?(?:\s+\d{5}(?:-\d{4})?)?)"


class StreetAddressRecognizer(PatternRecognizer):
    """Street addresses, which spaCy's small model does not tag at all.

    Number, street name, suffix, optional unit, optional "City, ST 02134" tail.
    """

    PATTERNS = [
        Pattern(
            "number street suffix",
            rf"\b\d{{1,6}}[a-z]?\s+(?:[nsew]\.?\s+)?(?:[a-z0-9'.-]+\s+){{0,3}}?{_STREET_SUFFIX}\b\.?"
            rf"{_UNIT}?{_CITY_STATE_ZIP}?",
            0.6,
        ),
        Pattern("po box", r"\bp\.?\s?o\.?\s+box\s+\d{1,6}\b", 0.7),
    ]
    CONTEXT = ["address", "addy", "live", "apartment", "apt", "mail", "ship", "street", "move"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity=STREET_ADDRESS,
            name="StreetAddressRecognizer",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
        )


class ChatPhoneRecognizer(PatternRecognizer):
    """Phone numbers the way people type them in chat, including fictional 555 numbers.

    Presidio's phonenumbers-based recognizer validates numbers and so drops 555-01xx
    numbers, bare ten-digit runs and many international spacings.
    """

    PATTERNS = [
        Pattern(
            "us separated",
            r"(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
            r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?(?!\d)",
            0.7,
        ),
        Pattern("us bare ten digits", r"(?<![\w+])(?:\+?1)?\d{10}(?!\d)", 0.45),
        Pattern(
            "international",
            r"(?<![\w])\+(?:[2-9]\d{0,2})[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){2,5}\d{2,4}(?!\d)",
            0.7,
        ),
        Pattern("local seven digits", r"(?<![\w-])\d{3}[\s.-]\d{4}(?![\w-])", 0.3),
    ]
    CONTEXT = ["call", "text", "phone", "cell", "mobile", "number", "reach", "tel", "whatsapp"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity=PHONE_NUMBER,
            name="ChatPhoneRecognizer",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
        )


class SocialHandleRecognizer(PatternRecognizer):
    """@handles (Instagram, TikTok, X, Discord); not emails, and not "@ 3pm"."""

    PATTERNS = [
        Pattern(
            "at handle",
            r"(?<![\w.@/])@(?!\d{1,2}(?::\d\d)?\s?(?:am|pm)\b)[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?"
            r"(?![\w@])",
            0.6,
        ),
    ]
    CONTEXT = ["ig", "insta", "instagram", "twitter", "tiktok", "discord", "snap", "handle", "dm"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity=SOCIAL_HANDLE,
            name="SocialHandleRecognizer",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
        )


_PROFILE_HOSTS = (
    r"(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|pub)/|github\.com/|gitlab\.com/|instagram\.com/|"
    r"twitter\.com/|x\.com/|tiktok\.com/@?|facebook\.com/|fb\.com/|medium\.com/@|"
    r"behance\.net/|dribbble\.com/|youtube\.com/(?:@|c/|user/)|linktr\.ee/|about\.me/"
)


class ProfileUrlRecognizer(PatternRecognizer):
    """Personal profile URLs: social profiles and personal sites, not institutional links."""

    PATTERNS = [
        Pattern(
            "social profile",
            rf"(?:https?://)?(?:www\.)?(?:{_PROFILE_HOSTS})[\w.\-~%/@]+",
            0.85,
        ),
        Pattern(
            "personal site",
            r"(?:https?://)?(?:www\.)?[a-z0-9-]+\.(?:dev|me|io|page|site|blog|name|github\.io)"
            r"(?:/[\w.\-~%/]*)?(?![\w.])",
            0.6,
        ),
    ]
    CONTEXT = ["portfolio", "profile", "site", "website", "linkedin", "github"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity=PROFILE_URL,
            name="ProfileUrlRecognizer",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
        )


class StudentIdRecognizer(PatternRecognizer):
    """Student and employee ID numbers in the program's configured formats.

    Bare seven-to-ten-digit numbers only count right after a cue such as "student id".
    """

    CONTEXT = ["student", "id", "banner", "employee", "badge", "number", "sid"]
    _CUE = re.compile(
        r"\b(?:student|employee|banner|badge|staff|sid)\s*(?:id|number|no\.?|#)?\s*"
        r"(?:#|no\.?|number)?\s*(?:is|=|:)?\s*(\d{7,10})\b",
        re.IGNORECASE,
    )
    CUED_SCORE = 0.8

    def __init__(self, patterns: Sequence[str] = (r"\bN\d{8}\b",)) -> None:
        for regex in patterns:
            re.compile(regex)  # fail at start-up, not mid-batch, on a bad configured regex
        super().__init__(
            supported_entity=STUDENT_ID,
            name="StudentIdRecognizer",
            patterns=[Pattern(f"configured {i}", p, 0.85) for i, p in enumerate(patterns)],
            context=self.CONTEXT,
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = list(super().analyze(text, entities, nlp_artifacts, regex_flags) or [])
        results.extend(
            _result(self, STUDENT_ID, m.start(1), m.end(1), self.CUED_SCORE)
            for m in self._CUE.finditer(text)
        )
        return results


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:\d{{4}}|'\d{{2}})|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}})"
)


class DateOfBirthRecognizer(EntityRecognizer):
    """Dates of birth: a date right after a birth cue. Meeting dates are left alone."""

    CUES = (
        r"(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?|birthday(?:\s+is)?|bday(?:\s+is)?|"
        r"birth\s*date)"
    )
    SCORE = 0.85

    def __init__(self) -> None:
        self._regex = re.compile(
            rf"\b{self.CUES}\s*(?:is|was|:|-|=)?\s*(?:on\s+)?({_DATE})", re.IGNORECASE
        )
        super().__init__(supported_entities=[DATE_OF_BIRTH], name="DateOfBirthRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            _result(self, DATE_OF_BIRTH, m.start(1), m.end(1), self.SCORE)
            for m in self._regex.finditer(text)
        ]


class AccountNumberRecognizer(EntityRecognizer):
    """Bank account and routing numbers, recognised only after an account cue."""

    SCORE = 0.8

    def __init__(self) -> None:
        self._regex = re.compile(
            r"\b(?:account|acct|routing|checking|savings|aba)\.?\s*(?:number|no\.?|num|#)?\s*"
            r"(?:is|was|:|=|-)?\s*(?:#\s*)?(\d[\d -]{4,18}\d)\b",
            re.IGNORECASE,
        )
        super().__init__(supported_entities=[ACCOUNT_NUMBER], name="AccountNumberRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            _result(self, ACCOUNT_NUMBER, m.start(1), m.end(1), self.SCORE)
            for m in self._regex.finditer(text)
            if sum(c.isdigit() for c in m.group(1)) >= 6
        ]
