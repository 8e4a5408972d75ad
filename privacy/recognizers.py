"""Recognizers that Presidio lacks and mentoring chat needs.

Each is a small class named for what it finds. Pattern-based ones subclass
``PatternRecognizer`` with ``PATTERNS`` and ``CONTEXT`` constants, as Presidio's own do.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

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
    PROFILE_URL,
    SOCIAL_HANDLE,
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


def make_result(
    recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float
) -> RecognizerResult:
    """A result with the explanation Presidio's context enhancer expects to find."""
    name = str(getattr(recognizer, "name", type(recognizer).__name__))
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(
            recognizer=name, original_score=score, textual_explanation=f"matched by {name}"
        ),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


@dataclass(frozen=True)
class RosterName:
    """A surface form of a known person, and the full name it belongs to."""

    surface: str
    canonical: str


def strip_honorific(name: str) -> str:
    """ "Prof. Okafor" -> "Okafor": the title is how a person is addressed, not who they are."""
    return re.sub(rf"^{_HONORIFIC}", "", name, flags=re.IGNORECASE).strip()


def _strip_accents(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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
        bare = strip_honorific(full)
        parts = [p for p in re.split(r"[\s]+", bare) if len(p.strip(".'-")) >= 2]
        candidates = [full, bare, *parts]
        for candidate in candidates:
            key = candidate.strip(" .,").lower()
            for variant in {key, _strip_accents(key)}:
                if len(variant) >= 2:
                    forms.setdefault(variant, full)
    return [RosterName(surface=s, canonical=c) for s, c in forms.items()]


_GREETING_BEFORE = re.compile(
    r"(?:^|\b(?:hi|hey|hello|thx|thanks|ty|bye|love|dear|yo|its|it's|im|i'm|this is|that|ask|"
    r"tell|cc|ok|okay|yes|yeah|yep|sure|sorry|congrats|great|perfect|nice)),?\s*$",
    re.IGNORECASE,
)


def _addressed(text: str, start: int, end: int) -> bool:
    """Whether a lowercase word reads as a name: "thx grace!", "hi will,", "love that rose."."""
    before = text[max(0, start - 20) : start]
    after = text[end : end + 2]
    after = text[end : end + 8]
    followed_by_punct = bool(re.match(r"\s*[!,.?:]|\s*$|\s+(?:ty|thx|thanks|lol)\b", after))
    return bool(_GREETING_BEFORE.search(before)) and (followed_by_punct or not before.strip())


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
        # Personal sites named after a roster person: "https://noorkhan.design".
        tokens = sorted(
            {_strip_accents(p) for s in ordered for p in re.split(r"[\s.'-]+", s) if len(p) >= 4}
        )
        self._url_regex = (
            re.compile(
                rf"(?:https?://)?(?:www\.)?[\w-]*(?:{'|'.join(map(re.escape, tokens))})[\w-]*"
                r"(?:\.[\w-]+)+(?:/[^\s]*)?",
                re.IGNORECASE,
            )
            if tokens
            else None
        )
        super().__init__(supported_entities=[PERSON, PROFILE_URL], name="RosterRecognizer")

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
            if (
                lowered in _AMBIGUOUS_NAME_WORDS
                and not value[:1].isupper()
                and not _addressed(text, match.start(1), match.end(1))
            ):
                continue
            result = make_result(self, PERSON, match.start(), match.end(), self.SCORE)
            result.recognition_metadata["canonical"] = self.canonical.get(lowered, value)
            results.append(result)
        if self._url_regex is not None:
            for match in self._url_regex.finditer(text):
                url = match.group(0).rstrip(".,;:!?)")
                host = re.sub(r"^https?://", "", url, flags=re.IGNORECASE).split("/")[0]
                if "@" in url or "." not in host:
                    continue  # emails are the email recognizer's; "maria." is not a URL
                results.append(
                    make_result(self, PROFILE_URL, match.start(), match.start() + len(url), 0.7)
                )
        return results


class SocialHandleRecognizer(PatternRecognizer):
    """@handles (Instagram, TikTok, X, Discord); not emails, and not "@ 3pm"."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "at handle",
            r"(?<![\w.@/])@(?!\d{1,2}(?::\d\d)?\s?(?:am|pm)\b)[a-z0-9_](?:[a-z0-9_.-]{0,28}[a-z0-9_])?"
            r"(?![\w@])",
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "ig",
        "insta",
        "instagram",
        "twitter",
        "tiktok",
        "discord",
        "snap",
        "handle",
        "dm",
    ]

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
    r"behance\.net/|dribbble\.com/|youtube\.com/(?:@|c/|user/)|linktr\.ee/|about\.me/|"
    r"kaggle\.com/|[\w-]+\.substack\.com|orcid\.org/|scholar\.google\.com/citations\?user="
)


class ProfileUrlRecognizer(PatternRecognizer):
    """Personal profile URLs: social profiles and personal sites, not institutional links."""

    PATTERNS: ClassVar[list[Pattern]] = [
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
    CONTEXT: ClassVar[list[str]] = ["portfolio", "profile", "site", "website", "linkedin", "github"]

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

    CONTEXT: ClassVar[list[str]] = ["student", "id", "banner", "employee", "badge", "number", "sid"]
    # The number may come a few words after the cue ("employee id for the form is 300481992").
    _CUE = re.compile(
        r"\b(?:student|employee|banner|badge|staff|sid)\s*(?:id|number|no\.?|#)?[^\n]{0,80}?"
        r"(?<![\d-])(\d{7,10})\b(?!-)",
        re.IGNORECASE,
    )
    CUED_SCORE = 0.8
    _SEVEN_DIGITS = re.compile(r"\d{7}")

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
        if self._SEVEN_DIGITS.search(text) is None:
            return results  # the cued form needs a 7-10 digit run; most texts have none
        results.extend(
            make_result(self, STUDENT_ID, m.start(1), m.end(1), self.CUED_SCORE)
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
    YEAR_SCORE = 0.5
    _NUMERIC_DATE = re.compile(
        r"(?<![\w/.-])\d{1,2}[/.-]\d{1,2}[/.-](?P<year>\d{4}|\d{2})(?![\w/.-])"
    )

    def __init__(self) -> None:
        self._this_year = datetime.date.today().year
        # The date may come a few words after the cue ("dob on the form is 12/03/2005").
        self._regex = re.compile(
            rf"\b{self.CUES}(?:'s)?\b.{{0,80}}?({_DATE})", re.IGNORECASE | re.DOTALL
        )
        super().__init__(supported_entities=[DATE_OF_BIRTH], name="DateOfBirthRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        found = [
            make_result(self, DATE_OF_BIRTH, m.start(1), m.end(1), self.SCORE)
            for m in self._regex.finditer(text)
        ]
        # A full date from a student's birth years is a birth date even without a cue
        # ("i already put 04/30/2004"): mentoring chat has little else that old.
        for m in self._NUMERIC_DATE.finditer(text):
            year = int(m.group("year"))
            year += (
                2000 if year < 100 and year <= self._this_year % 100 else 1900 if year < 100 else 0
            )
            already = any(r.start <= m.start() < r.end for r in found)
            if 1930 <= year <= self._this_year - 14 and not already:
                found.append(make_result(self, DATE_OF_BIRTH, m.start(), m.end(), self.YEAR_SCORE))
        return found


class AccountNumberRecognizer(EntityRecognizer):
    """Bank account and routing numbers, recognised only after an account cue."""

    SCORE = 0.8

    def __init__(self) -> None:
        self._regex = re.compile(
            r"\b(?:account|acct|routing|checking|savings|aba|bank)\.?\s*(?:number|no\.?|num|#)?"
            r"[^\n\d]{0,50}?(\d[\d -]{4,18}\d)\b",
            re.IGNORECASE,
        )
        super().__init__(supported_entities=[ACCOUNT_NUMBER], name="AccountNumberRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            make_result(self, ACCOUNT_NUMBER, m.start(1), m.end(1), self.SCORE)
            for m in self._regex.finditer(text)
            if sum(c.isdigit() for c in m.group(1)) >= 6
        ]


_NAME_CUES = re.compile(
    r"(?:\b(?:my|our|your|his|her)\s+(?:little\s+|big\s+|older\s+|younger\s+)?"
    r"(?:sister|sis|brother|bro|mom|mum|dad|mother|father|friend|roommate|cousin|aunt|uncle|"
    r"boss|manager|supervisor|professor|prof|ta|advisor|adviser|coach|girlfriend|boyfriend|"
    r"partner|wife|husband|son|daughter|grandma|grandpa|landlord|coworker|classmate|"
    r"recruiter)|\b(?:hi|hey|hello|thx|thanks|ty|bye|love|dear|yo|im|i'm|i am|this is|its|it's|"
    r"ask|tell|told|call|text|email|with|from|cc|per)|\bta|[(])\s*,?\s*$",
    re.IGNORECASE,
)
# Dictionary names that are mostly other things in student chat.
_NOT_FIRST_NAMES = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
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
        "mentor",
        "mentee",
        "addy",
        "redo",
        "tho",
        "iban",
        "ping",
        "tada",
        "dob",
        "ssn",
        "gpa",
        "fafsa",
        "art",
        "german",
        "london",
        "austin",
        "paris",
        "ellis",
        "hall",
        "page",
        "lane",
        "ave",
        "dean",
        "chase",
        "grad",
        "prof",
        "homie",
        "bestie",
        "hi",
        "hey",
        "hello",
        "thx",
        "thanks",
        "yo",
        "ok",
        "okay",
        "yes",
        "yeah",
        "yep",
        "sorry",
        "congrats",
        "cheers",
        "dear",
    ]
)
# Lowercase words rarer than this (Zipf scale) that are also first names are taken as names.
_RARE_WORD_ZIPF = 3.8
# Words at least this common that spaCy tags as places are taken to be places.
_PLACE_ZIPF = 3.9
# Capitalised words at the start of a sentence need to be rarer than this to count.
_SENTENCE_START_ZIPF = 4.5


@lru_cache(maxsize=1)
def first_name_dictionary() -> frozenset[str]:
    """About 40,000 lowercase first names from gender-guesser's bundled dictionary."""
    from gender_guesser.detector import Detector

    return frozenset(Detector(case_sensitive=False).names)


@lru_cache(maxsize=65_536)
def word_zipf(word: str, language: str = "en") -> float:
    """How common a word is in English (Zipf scale: 7 for "the", 1 for the very rare)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, language))


class FirstNameRecognizer(EntityRecognizer):
    """First names from a 40,000-name dictionary (gender-guesser), for people not on the roster.

    spaCy's small model misses many names, above all lowercase ones in chat. A dictionary
    word counts as a name when it is capitalised mid-sentence, or when it is rare as an
    ordinary English word (wordfreq), or when a cue such as "my sister" or "thx" precedes it.
    """

    SCORE = 0.6
    CUED_SCORE = 0.75
    _TOKEN = re.compile(r"(?<![\w@.'/-])([A-Za-z][a-z]+)(?![\w@/-]|\.\w)")
    _SURNAME = re.compile(r"[ ]((?-i:[A-Z][a-z'-]+))(?![\w@])")

    def __init__(self) -> None:
        self._names = first_name_dictionary()
        self._zipf = word_zipf
        super().__init__(supported_entities=[PERSON], name="FirstNameRecognizer")

    def load(self) -> None:
        """The dictionary is loaded in the constructor."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for match in self._TOKEN.finditer(text):
            word = match.group(1)
            lowered = word.lower()
            if len(lowered) < 3 or lowered in STOP_WORDS or lowered in _NOT_FIRST_NAMES:
                continue
            before = text[max(0, match.start() - 40) : match.start()]
            capitalised = word[0].isupper() and not word.isupper()
            surname = self._SURNAME.match(text, match.end()) if capitalised else None
            if surname and surname.group(1).lower() in STOP_WORDS | _NOT_FIRST_NAMES:
                surname = None
            if lowered in self._names:
                cued = bool(_NAME_CUES.search(before))
                keep = self._keep_dictionary_name(
                    word, before, cued, surname is not None, nlp_artifacts, match.start()
                )
            else:
                # Not a known first name: "her son Tunde", or "kwame's roommate". Most words
                # are neither, so the cheap tests go first.
                keep = (capitalised and bool(_FAMILY_CUE.search(before))) or (
                    text[match.end() : match.end() + 2].lower() == "'s"
                    and bool(_POSSESSIVE_RELATION.match(text, match.end()))
                )
                cued = keep and bool(_NAME_CUES.search(before))
            if keep:
                end = surname.end() if surname else match.end()  # "Rachel Obi": the surname too
                score = self.CUED_SCORE if cued else self.SCORE
                results.append(make_result(self, PERSON, match.start(), end, score))
        return results

    def _keep_dictionary_name(
        self,
        word: str,
        before: str,
        cued: bool,
        has_surname: bool,
        artifacts: NlpArtifacts | None,
        offset: int,
    ) -> bool:
        lowered = word.lower()
        frequency = self._zipf(lowered, "en")
        # spaCy's small model calls many rare first names places ("mom is Meena"); trust it
        # only for words that are also common, as real place names are ("Austin"), and
        # never for "First Last" pairs.
        if not has_surname and frequency >= _PLACE_ZIPF and _inside_other_entity(artifacts, offset):
            return False
        if word[0].isupper() and not word.isupper():
            sentence_start = not before.strip() or before.rstrip()[-1:] in ".!?\n"
            keep = cued or has_surname or not sentence_start or frequency < _SENTENCE_START_ZIPF
            return keep and frequency < 5.5
        return frequency < _RARE_WORD_ZIPF or (cued and frequency < 5.0)


_POSSESSIVE_RELATION = re.compile(
    r"'s\s+(?:roommate|sister|brother|mom|dad|friend|cousin|girlfriend|boyfriend|partner|mentor|"
    r"mentee|advisor|boss|manager)\b",
    re.IGNORECASE,
)
_FAMILY_CUE = re.compile(
    r"\b(?:my|our|your|his|her|their)\s+(?:little\s+|older\s+|younger\s+)?(?:son|daughter|"
    r"sister|brother|mom|dad|mother|father|aunt|uncle|cousin|friend|roommate|landlord|boss)\s*$",
    re.IGNORECASE,
)


_PLACE_OR_TIME_LABELS = frozenset({"FAC", "GPE", "LOC", "DATE", "TIME", "LOCATION"})


def _inside_other_entity(artifacts: NlpArtifacts | None, offset: int) -> bool:
    """Whether spaCy put this offset inside a place, organisation or date, not a person."""
    if artifacts is None:
        return False
    return any(
        ent.start_char <= offset < ent.end_char and ent.label_ in _PLACE_OR_TIME_LABELS
        for ent in artifacts.entities
    )


class HonorificNameRecognizer(PatternRecognizer):
    """Anyone named with a title: "prof okafor", "Dr. Fong", "ms alvarez"."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "title then name",
            r"(?<=\b(?:dr|prof|professor|mr|mrs|ms|mx|coach|dean)[. ])\s*(?!(?:of|and|the|for|at|in|office|"
            r"appointment|hours|visit|note|letter)\b)[a-z][a-z'-]{1,20}(?:\s(?-i:[A-Z][a-z'-]+))?",
            0.7,
        ),
    ]

    def __init__(self) -> None:
        super().__init__(
            supported_entity=PERSON, name="HonorificNameRecognizer", patterns=self.PATTERNS
        )
