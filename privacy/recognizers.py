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

import regex
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import IbanRecognizer
from spacy.lang.en.stop_words import STOP_WORDS

from privacy.entities import (
    ACCOUNT_NUMBER,
    DATE_OF_BIRTH,
    EMAIL_ADDRESS,
    PERSON,
    PROFILE_URL,
    SOCIAL_HANDLE,
    STUDENT_ID,
    US_SSN,
)
from privacy.places import PLACE_BEFORE, known_place
from privacy.word_lists import (
    census_surname_list,
    everyday_foreign_words,
    names_that_are_words_abroad,
    worldwide_given_names,
)

# Family and respect words said before a name ("mi hermana Carla", "tita Baby"): titles to
# the name trimmers, and weak titles to the honorific recognizer and its gate.
FAMILY_TITLES = (
    "tita", "tito", "tía", "tia", "tío", "tio", "hermana", "hermano", "prima", "primo", "abuela",
    "abuelo", "kuya", "cousin", "profe", "maestra", "maestro", "doctora",
)  # fmt: skip
FAMILY_TITLE_PATTERN = "|".join(FAMILY_TITLES)
# Military ranks as veterans and service members write them before a surname ("SSG
# Whitfield", "SFC Kowalski, Dana M"); matched in these cases only, since "col" and "msg"
# are words too.
MILITARY_RANKS = (
    "PVT", "PFC", "SPC", "CPL", "SGT", "SSG", "SFC", "MSG", "1SG", "SGM", "CSM", "LCpl", "Cpl",
    "Sgt", "SSgt", "GySgt", "MSgt", "CPO", "LT", "1LT", "2LT", "CPT", "MAJ", "LTC", "COL",
    "Capt", "Lt", "Maj", "Col", "Spc", "Pfc", "Ssg", "Sfc",
)  # fmt: skip
# Honorifics are part of how people are named in chat ("prof. okafor", "dr raman").
_HONORIFIC = r"(?:(?:dr|prof|professor|mr|mrs|ms|mx|coach|dean)\.?\s+)"
# Words that are names only when capitalised ("Will", "May", "Bill"...): spaCy's stop
# words plus chat words that double as names.
_AMBIGUOUS_NAME_WORDS: frozenset[str] = frozenset(STOP_WORDS) | {
    "bill", "mark", "rose", "june", "april", "grace", "hope", "joy", "faith", "sunny",
    "summer", "autumn", "dawn", "rich", "art", "chase", "miles", "drew", "reed", "sage",
    "patience", "hunter", "bishop", "river", "chance", "cash", "page", "park", "major", "mercy",
    "sky", "storm", "precious", "blessing", "honor", "justice", "king", "prince", "baker",
    "cook", "young", "long", "white", "black", "brown", "green", "gray", "grey", "love",
}  # fmt: skip
# A roster word this common in English is a word first ("will", "may", "page").
_AMBIGUOUS_ZIPF = 4.9


def ambiguous_name_word(word: str) -> bool:
    """Whether a lowercase roster word is more often an ordinary word than a name."""
    return word in _AMBIGUOUS_NAME_WORDS or word_zipf(word) >= _AMBIGUOUS_ZIPF


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


_NOT_SENTENCE_END = re.compile(r"(?:\b[A-Z]|\b(?:dr|mr|mrs|ms|mx|prof|st|jr|sr|vs|w|c/o))\.$", re.I)


def starts_sentence(before: str) -> bool:
    """Whether a word comes first in its sentence or line, given the text before it.

    A full stop after an initial or a title ("J. Okafor", "Dr. Fong") ends no sentence.
    """
    trimmed = before.rstrip(" \t")
    if not trimmed.strip() or trimmed[-1] == "\n":
        return True
    stripped = trimmed.rstrip()
    if stripped[-1:] == "." and _NOT_SENTENCE_END.search(stripped):
        return False
    return stripped[-1:] in ".!?:"


def strip_honorific(name: str) -> str:
    """ "Prof. Okafor" -> "Okafor": the title is how a person is addressed, not who they are."""
    return re.sub(rf"^{_HONORIFIC}", "", name, flags=re.IGNORECASE).strip()


@lru_cache(maxsize=65_536)
def strip_accents(value: str) -> str:
    """ "Zoë" -> "Zoe": dictionaries and chat spell names with and without accents."""
    if value.isascii():
        return value  # NFKD leaves ASCII as it is; most chat words are ASCII
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
            for variant in {key, strip_accents(key)}:
                if len(variant) >= 2:
                    forms.setdefault(variant, full)
    return [RosterName(surface=s, canonical=c) for s, c in forms.items()]


_GREETING_BEFORE = re.compile(
    r"(?:^|\b(?:hi|hey|hello|thx|thanks|ty|bye|love|dear|yo|its|it's|im|i'm|this is|that|ask|salam|"
    r"salaam|shalom|namaste|hola|ciao|oi|ola|olá|merhaba|habari|sawubona|hallo|salut|"
    r"tell|cc|ok|okay|yes|yeah|yep|sure|sorry|congrats|great|perfect|nice|yay|wow|omg|lol|haha|"
    r"ugh|aw+|np|welcome|(?:thank|love|miss|see)\s+(?:you|u|ya)|no\s+worries|got\s+it|"
    r"sounds\s+good|good\s+(?:luck|morning|night|job)|happy\s+birthday|well\s+done)"
    r"|^\s*:[a-z0-9_+-]+:),?\s*$",
    re.IGNORECASE,
)


# Words after which a word at the end of a clause is no vocative ("i hope!", "the bill,").
_NOT_BEFORE_VOCATIVE = frozenset(
    [
        "at",
        "by",
        "from",
        "until",
        "till",
        "after",
        "before",
        "since",
        "about",
        "around",
        "into",
        "over",
        "under",
        "like",
        "the",
        "a",
        "an",
        "my",
        "your",
        "our",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "so",
        "very",
        "too",
        "is",
        "was",
        "be",
        "been",
        "am",
        "are",
        "i",
        "we",
        "they",
        "to",
        "of",
        "in",
        "on",
        "for",
        "with",
        "no",
        "any",
        "some",
        "more",
        "less",
        "good",
        "great",
        "nice",
        "big",
        "little",
        "pay",
        "due",
        "full",
        "split",
    ]
)
# Words that follow a name said first in a message: "dawn can you...", "rich pls...".
_AFTER_OPENING_NAME = re.compile(
    r"\s+(?:can|could|pls|please|u|ur|thanks|thx|ty|what|when|where|how|did|r|quick|ok|"
    r"it'?s|its|this\s+is|i'?m|are\s+you|do\s+you|just|so|send|let|sorry)\b",
    re.IGNORECASE,
)
# "so grace, you wanted...": a name set off by a comma, then the person spoken to.
_VOCATIVE_COMMA_AFTER = re.compile(r",\s+(?:you|u|ur|can|could|did|do|are|r)\b", re.IGNORECASE)
# "grace here, i need help": a name said to say who is writing.
_HERE_AFTER = re.compile(r"\s+here\b", re.IGNORECASE)


# A message that opens with a name-word in one of these phrases opens with the word:
# "will you be at...", "hope ur feeling better", "summer internship apps", "mark my words".
_OPENING_WORD_READING = re.compile(
    r"(?:will\s+(?:you|ya|do|be|i|we|it|this|that|they|he|she|there)"
    r"|hope\s+(?:you|ya|ur|your|y'?all|all|everyone|everybody|this|that|it|so|things)"
    r"|grace\s+(?:period|under|days?)|mark\s+(?:my|your|ur|the|it)\s"
    r"|summer\s+(?:internships?|break|term|session|classes|job|program|plans|research|school|camp)"
    r"|patience\s+(?:is|pays|please)|rich\s+text|can\s+(?:u|you|ya|i|we|someone|anyone)"
    r"|drew\s+(?:a|an|up|the|my|on)|page\s+\d|sunny\s+(?:day|today|out|and)"
    r"|chase\s+(?:bank|the)|joy\s+of|faith\s+in)\b",
    re.IGNORECASE,
)


def _addressed(text: str, start: int, end: int) -> bool:
    """Whether a lowercase word reads as a name: "thx grace!", "hi will,", "will do mark!"."""
    if not text[:start].strip() and _OPENING_WORD_READING.match(text, start):
        return False
    before = text[max(0, start - 20) : start]
    after = text[end : end + 12]
    followed_by_punct = bool(
        re.match(r"\s*[!,.?:]|\s*$|\s+(?:ty|thx|thanks|lol)\b|\s*[^\w\s.,;:'\"()-]", after)
    )
    greeted = _GREETING_BEFORE.search(before) is not None
    word = text[start:end].lower()
    repeated = text[end:].lower().startswith(f" {word} ")  # "omg drew drew a diagram"
    if greeted and (
        followed_by_punct or not before.strip() or _AFTER_OPENING_NAME.match(after) or repeated
    ):
        return True
    if _VOCATIVE_COMMA_AFTER.match(text, end):
        return True  # "so grace, you wanted to talk about..."
    if _HERE_AFTER.match(after) and (
        not before.strip() or re.search(r"(?:[.!?,]|\bits|it's)\s*$", before)
    ):
        return True
    if re.search(r",\s*$", before) and re.match(r"\s*[!.?]", after):
        return True  # "i'll intro you, river."
    # The first word of a sentence, or of a chat line after its speaker ("Ty: sunny can u").
    if not before.strip() or re.search(r"[!?]\s*$|^[^\n]*\w:\s*$", before.split("\n")[-1]):
        return bool(_AFTER_OPENING_NAME.match(after)) or repeated
    previous = re.search(r"([\w']+)\W*$", before)
    if followed_by_punct and not re.match(r"\s*\.", after) and previous:
        return previous.group(1).lower() not in _NOT_BEFORE_VOCATIVE  # "of course bill!"
    return False


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
            {strip_accents(p) for s in ordered for p in re.split(r"[\s.'-]+", s) if len(p) >= 4}
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
        # Given names long enough to have nicknames: "thandi" for Thandiwe, "liv" for Olivia.
        self._given = sorted(
            {
                strip_accents(p)
                for f in forms
                for p in strip_honorific(f.canonical).lower().split()[:1]
                if len(p) >= 5
            }
        )
        super().__init__(supported_entities=[PERSON, PROFILE_URL], name="RosterRecognizer")

    def load(self) -> None:
        """Nothing to load: the regex is built from the roster in the constructor."""

    _WORD = re.compile(r"(?<![\w@.'’-])([^\W\d_]{3,12})(?![\w@'’-])")
    NICKNAME_SCORE = 0.6

    def _nicknames(self, text: str, found: set[tuple[int, int]]) -> list[RecognizerResult]:
        """Short forms of roster given names where a name is expected ("thandi my gran...")."""
        if not self._given:
            return []
        results = []
        for match in self._WORD.finditer(text):
            word = strip_accents(match.group(1).lower())
            if word in self.canonical or word in STOP_WORDS or word_zipf(word) >= 4.5:
                continue
            given = next((g for g in self._given if word in g and word != g), None)
            addressed = _addressed(text, match.start(), match.end()) or (
                text[match.end() : match.end() + 1] == "."  # "yep MM/DD/YYYY xochi."
                and not _POSSESSIVE_BEFORE.search(text, 0, match.start())
            )
            if given is None or not addressed:
                continue
            if any(s <= match.start() < e for s, e in found):
                continue
            results.append(
                make_result(self, PERSON, match.start(), match.end(), self.NICKNAME_SCORE)
            )
        return results

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
                not value[:1].isupper()
                and ambiguous_name_word(lowered)
                and not _addressed(text, match.start(1), match.end(1))
            ):
                continue
            if (
                not value[:1].isupper()
                and known_place(lowered)
                and PLACE_BEFORE.search(text, max(0, match.start(1) - 20), match.start(1))
            ):
                continue  # "driving back from georgia": the place, though Georgia is on the roster
            # The title is how the person is addressed, not part of the name.
            result = make_result(self, PERSON, match.start(1), match.end(1), self.SCORE)
            result.recognition_metadata["canonical"] = self.canonical.get(lowered, value)
            results.append(result)
        results.extend(self._nicknames(text, {(r.start, r.end) for r in results}))
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


_TLD = (
    r"(?:com|edu|org|net|io|co|uk|nz|au|ca|de|fr|es|it|nl|be|ch|in|us|me|info|biz|gov|ac|ie|br|"
    r"mx|za|ng|ke|jp|kr|cn|sg|ph|pk|dev|app|ai|c\s?o\s?m|e\s?d\s?u|o\s?r\s?g|n\s?e\s?t)"
)
_AT_MARK = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+|\s*@\s*)"
_DOT_MARK = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+(?:dot|period)\s+|\s?\.\s?)"
_DASH_MARK = r"(?:\s+(?:dash|hyphen)\s+)"  # "zillow dash example dot com"
_LOCAL_JOIN = r"(?:\s+(?:dot|period|underscore|dash|hyphen|plus)\s+|\s?[._+-]\s?)"
# Webmail providers are said without their domain: "rosa.delgado.99 at gmail".
_WEBMAIL = r"(?:gmail|googlemail|yahoo|hotmail|outlook|icloud|protonmail|proton|aol)"
# Words that end the search for the part before "at": "my email is <local> at ...".
_EMAIL_LEAD = frozenset(
    [
        "is",
        "its",
        "it's",
        "email",
        "e-mail",
        "mail",
        "address",
        "me",
        "my",
        "at",
        "to",
        "her",
        "his",
        "him",
        "their",
        "use",
        "try",
        "send",
        "reach",
        "contact",
        "write",
        "or",
        "and",
        "the",
        "new",
        "old",
        "school",
        "work",
        "personal:",
        "-",
        "instead",
    ]
)


class SpelledEmailRecognizer(EntityRecognizer):
    """Emails written to dodge scrapers or said aloud: "jlee [at] northbridge [dot] edu",
    "maria dot lopez at gmail dot com", "k.ramasamy at northbridge.edu"."""

    SCORE = 0.7
    GATE = re.compile(
        rf"\b(?:dot|period)\b|[\[({{<]\s*at\s*[\])}}>]|\bat\s+[\w-]+\.[a-z]{{2,}}|\b{_WEBMAIL}\b|\s@|@\s",
        re.IGNORECASE,
    )
    _DOMAIN = re.compile(
        rf"{_AT_MARK}(?P<domain>[a-z0-9-]+(?:(?:{_DOT_MARK}|{_DASH_MARK})[a-z0-9-]+)*{_DOT_MARK}{_TLD}"
        # A full stop may end the sentence ("... dot edu. thanks"), not the domain.
        rf"|{_WEBMAIL}\b(?!{_DOT_MARK}))(?!\w|\.\w)",
        re.IGNORECASE,
    )
    # "my gmail is rosa.delgado.99": the provider says what the next word is.
    _PROVIDER_IS = re.compile(
        rf"\b(?:my|her|his|their|the)\s+(?:{_WEBMAIL}|e-?mail)(?:\s+address)?\s+(?:is|=|:)\s*"
        r"(?P<local>[a-z0-9][\w.+-]*[a-z0-9])(?![\w@.]|\s+(?:at|@)\b)",
        re.IGNORECASE,
    )

    def __init__(self) -> None:
        super().__init__(supported_entities=[EMAIL_ADDRESS], name="SpelledEmailRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for match in self._DOMAIN.finditer(text):
            at = match.group(0)[: match.start("domain") - match.start()]
            if at == "@" and " " not in match.group("domain"):
                continue  # a plain address: the email recognizer's
            start = self._local_start(text, match.start())
            if start is None:
                continue
            local = text[start : match.start()]
            domain = match.group("domain").lower()
            obfuscated = (
                re.search(r"dot|period|\s", domain) is not None or "at" not in at.strip().lower()
            )
            cue = re.search(
                r"e-?mail|address|contact|reach", text[max(0, start - 40) : start], re.I
            )
            # A lone lowercase word that is no English word ("jlee") is a mailbox, not a
            # person or thing that is at a place.
            mailbox = local.islower() and local.isalnum() and word_zipf(local) < 3.0
            if not (obfuscated or cue or mailbox or re.search(r"[._\d]", local)):
                continue  # "im at northbridge.edu" is a place, not an address
            results.append(make_result(self, EMAIL_ADDRESS, start, match.end(), self.SCORE))
        for match in self._PROVIDER_IS.finditer(text):
            local = match.group("local")
            if re.search(r"[._\d]", local):
                results.append(
                    make_result(
                        self, EMAIL_ADDRESS, match.start("local"), match.end("local"), self.SCORE
                    )
                )
        return results

    @staticmethod
    def _local_start(text: str, end: int) -> int | None:
        """Walk back over the words before "at" until a lead-in word ("my email is ...")."""
        start = end
        words = 0
        while words < 6:
            piece = re.search(
                rf"(?:^|\s|(?<=[({{\[]))([\w.+-]+)(?:{_LOCAL_JOIN})?\s*$", text[:start]
            )
            if piece is None:
                break
            word = piece.group(1)
            if word.lower().rstrip(":") in _EMAIL_LEAD:
                break
            if words and word.endswith("."):
                break  # "... tutoring program. Nominate at northbridge.edu": a sentence ended
            start = piece.start(1)
            words += 1
        return start if start < end else None


class SocialHandleRecognizer(PatternRecognizer):
    """@handles (Instagram, TikTok, X, Discord); not emails, and not "@ 3pm"."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "rank then surname",
            rf"(?<=(?-i:\b(?:{'|'.join(MILITARY_RANKS)}))\.?[ ])(?-i:\p{{Lu}}[\p{{Ll}}'’-]+)",
            0.7,
        ),
        Pattern(
            "fediverse handle",
            r"(?<![\w.@/])@[a-z0-9_](?:[a-z0-9_.-]{0,28}[a-z0-9_])?@[a-z0-9-]+(?:\.[a-z0-9-]+)+(?![\w@])",
            0.7,
        ),
        Pattern(
            "at handle",
            r"(?<![\w.@/])@(?!\d{1,2}(?::\d\d)?\s?(?:am|pm)\b)(?!(?:channel|here|everyone|all|s)\b)"
            r"[a-z0-9_](?:[a-z0-9_.-]{0,28}[a-z0-9_])?"
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

    # Handles written without their "@" after the platform: "my insta is jess.liu_",
    # "add me on snap zoe.m", "discord kai#1234", "twitter is kwame underscore codes".
    _PLATFORM = (
        r"(?:ig|insta(?:gram)?|snap(?:chat)?|tiktok|twitter|discord|telegram|wechat|kik|"
        r"gamertag|steam|psn|xbox|venmo|cash\s?app|threads|bsky|bluesky|mastodon|twitch|reddit|"
        r"pinterest|line(?=\s+id)|signal)"
    )
    _CUED = regex.compile(
        rf"\b{_PLATFORM}(?:\s+(?:handle|username|user\s?name|id|name|tag|acc(?:ount)?))?"
        r"(?:\s+(?:is|=|it'?s|its)|\s*[:=-])?\s+(?:at\s+)?"
        r"(?P<handle>\$?[a-z0-9][a-z0-9_.]{0,29}(?:#\d{4})?"
        r"(?:\s+(?:dot|underscore|period)\s+[a-z0-9]+)*)(?![\w@.]|\.[a-z])",
        regex.IGNORECASE,
    )
    _HANDLE_MARK = regex.compile(r"[_.\d#$]|\s(?:dot|underscore|period)\s|\p{Ll}\p{Lu}")
    # Amounts and versions after a platform name: "venmo is $20", "threads 4.0", "2day".
    _NUMBER = regex.compile(r"\$?[\d.,]+[a-z]{0,4}$", regex.IGNORECASE)
    GATE = regex.compile(rf"@|\b{_PLATFORM}\b", regex.IGNORECASE)
    CUED_SCORE = 0.6

    def __init__(self) -> None:
        super().__init__(
            supported_entity=SOCIAL_HANDLE,
            name="SocialHandleRecognizer",
            patterns=self.PATTERNS,
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
        for m in self._CUED.finditer(text):
            handle = m.group("handle")
            # A handle looks like one: a dot, underscore, digit or inner capital. Plain
            # words after a platform name are what was on it ("saw it on insta today").
            if self._HANDLE_MARK.search(handle.rstrip(".")) and not self._NUMBER.match(handle):
                end = m.start("handle") + len(handle.rstrip("."))
                results.append(
                    make_result(self, SOCIAL_HANDLE, m.start("handle"), end, self.CUED_SCORE)
                )
        return results


class StudentIdRecognizer(PatternRecognizer):
    """Student and employee ID numbers in the program's configured formats.

    Bare seven-to-ten-digit numbers only count right after a cue such as "student id".
    """

    CONTEXT: ClassVar[list[str]] = ["student", "id", "banner", "employee", "badge", "number", "sid"]
    # The number may come a few words after the cue ("employee id for the form is 300481992").
    # A bare "id" counts when it is someone's ("my id is ..."), not an order's or a meeting's.
    _CUE = regex.compile(
        r"(?:\b(?:student|employee|emp|banner|badge|staff|sid|matric(?:ulation)?|roll|"
        r"enrol(?:l)?ment|university|college|campus)\b\s*(?:id|number|no\.?|num|#)?"
        r"|\b(?:my|her|his|your|ur|their)\s+(?:school\s+|uni\s+)?id\b(?:\s*(?:number|no\.?|#))?"
        r"|(?<!\b(?:order|ticket|zoom|meeting|case|transaction|tracking|confirmation|reference|"
        r"ref|invoice|booking|flight|request|session|event|application|payment|passport|tax)\s+)"
        r"\bid\s*(?:no\.?|number|num|#))"
        r"(?:(?!\b(?:order|ticket|zoom|meeting|case|tracking|confirmation|invoice|flight|phone|"
        r"call|text|ref|reference|room|code|passcode|pin)\b)[^\n]){0,80}?"
        r"(?<![\w-])(?P<id>(?:[a-z]{1,3}-?|(?-i:[A-Z])[ ])\d{2,6}(?:[ -]\d{2,6}){0,3}[a-z]?|\d{7,12}|"
        r"(?=(?:[a-z]*\d){5})(?=[a-z0-9]*[a-z])[a-z0-9]{6,12})(?![\w-])",
        regex.IGNORECASE,
    )
    CUED_SCORE = 0.8
    # Every cue holds one of these words, "id" included.
    _CUE_WORD = re.compile(
        r"(?i)student|employee|emp\b|banner|badge|staff|sid\b|matric|roll|enrol|university|"
        r"college|campus|\bid\b"
    )
    _DIGIT = re.compile(r"\d")
    _SIX_DIGITS = re.compile(r"\d(?:[ -]?\d){5}")

    def __init__(self, patterns: Sequence[str] = (r"\bN\d{8}\b",)) -> None:
        for configured in patterns:
            re.compile(configured)  # fail at start-up, not mid-batch, on a bad configured regex
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
        if self._SIX_DIGITS.search(text) is None and not re.search(r"\d{4}", text):
            return results  # every cued form holds a run of digits; most texts have none
        if self._CUE_WORD.search(text) is None:
            return results  # nor any cue word: the cue pattern's lookbehinds are slow to scan
        for m in self._CUE.finditer(text):
            value = m.group("id")
            digits = len(self._DIGIT.findall(value))
            # Six digits and up for a spaced or lettered ID; seven for a bare number, as
            # shorter bare numbers after "student" are counts and years.
            already = any(r.start <= m.start("id") < r.end for r in results)
            if not already and (7 if value.isdigit() else 6) <= digits <= 12:
                results.append(
                    make_result(self, STUDENT_ID, m.start("id"), m.end("id"), self.CUED_SCORE)
                )
        return results


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# Dates as Spanish, Portuguese, French and CJK writers put them on forms.
_FOREIGN_MONTH = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    r"noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|"
    r"dezembro|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
    r"décembre)"
)
_FOREIGN_DATE = (
    rf"\d{{1,2}}(?:\s+de)?\s+{_FOREIGN_MONTH}(?:\s+(?:de|del))?\s+\d{{4}}"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일"
)
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_ORDINAL_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth|(?:twenty|thirty)[\s-]+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))"
)
_DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL_WORD})"
# "two thousand five", "nineteen ninety nine", "oh six", 2005, '05.
_SPOKEN_YEAR = (
    rf"(?:two\s+thousand(?:\s+and)?(?:\s+(?:{_ONES}|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    rf"sixteen|seventeen|eighteen|nineteen|twenty))?|nineteen\s+(?:ninety|eighty|seventy)"
    rf"(?:[\s-]+{_ONES})?|(?:oh|o|zero)\s+{_ONES}|twenty\s+(?:oh\s+)?{_ONES})"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:\d{{4}}|'\d{{2}})|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?:\d{{4}}|'?\d{{2}}\b)|"
    rf"{_DAY}\s+of\s+{_MONTH}(?:,?\s+(?:\d{{4}}|'?\d{{2}}\b|{_SPOKEN_YEAR}))?|"
    rf"{_MONTH}\s+(?:the\s+)?{_ORDINAL_WORD}(?:,?\s+(?:\d{{4}}|{_SPOKEN_YEAR}))?|"
    rf"\d{{1,2}}[-\s]{_MONTH}[-\s](?:\d{{4}}|\d{{2}})\b|(?:19|20)\d{{2}}[.]\d{{2}}[.]\d{{2}}\b|"
    r"(?<!\d)(?:19[3-9]\d|20[0-2]\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)|"
    rf"{_FOREIGN_DATE})"
)
# A birthday without its year, right after the cue: "my bday is june 2nd", "i turn 20 on may 5".
_BIRTHDAY_NO_YEAR = re.compile(
    r"\b(?:(?:birthday|bday|b-day)(?:'s|\s+is)?\s+(?:on\s+)?|turn(?:ing|s)?\s+\d{1,2}\s+on\s+)"
    rf"(?:the\s+)?({_MONTH}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MONTH})(?![\w/-])",
    re.IGNORECASE,
)
# Dates with a day, a month name and a year, for the check on birth years below.
_NAMED_DATE = re.compile(
    rf"(?<![\w])(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y2>\d{{4}}))(?!\d)",
    re.IGNORECASE,
)
MONTH_WORD = re.compile(rf"\b{_MONTH}", re.IGNORECASE)


class DateOfBirthRecognizer(EntityRecognizer):
    """Dates of birth: a date right after a birth cue. Meeting dates are left alone."""

    CUES = (
        r"(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?|birthday(?:\s+is)?|bday(?:\s+is)?|"
        r"birth\s*date|fecha\s+de\s+nacimiento|data\s+de\s+nascimento|date\s+de\s+naissance|"
        r"geburtsdatum|nacid[oa]|née?|nací|nasci)"
    )
    CJK_CUES = r"(?:出生|生日|生年月日|생년월일|생일)"  # no word boundaries in these scripts
    SCORE = 0.85
    YEAR_SCORE = 0.5
    # "zoom 5.17.11", "macOS 14.4.1": versions, not dates.
    _VERSION_BEFORE = re.compile(
        r"(?:\bv|version|ver\.?|zoom|macos|ios|android|python|node|app|update|build|release|"
        r"chrome|firefox|windows|office|excel)\s*$",
        re.IGNORECASE,
    )
    _NUMERIC_DATE = re.compile(
        r"(?<![\w/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?P<year>\d{4}|\d{2})|(?P<iso>\d{4})-\d{2}-\d{2})"
        r"(?![\w/-]|\.\w)"  # a full stop may end the sentence: "so 03/12/2004."
    )

    def __init__(self) -> None:
        self._this_year = datetime.date.today().year
        # The date may come a few words after the cue ("dob on the form is 12/03/2005").
        self._regex = re.compile(
            rf"(?:\b{self.CUES}(?:'s)?(?!\w)|{self.CJK_CUES}).{{0,80}}?({_DATE})",
            re.IGNORECASE | re.DOTALL,
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
        found += [
            make_result(self, DATE_OF_BIRTH, m.start(1), m.end(1), self.SCORE)
            for m in _BIRTHDAY_NO_YEAR.finditer(text)
            if not any(r.start <= m.start(1) < r.end for r in found)
        ]
        # A full date from a student's birth years is a birth date even without a cue
        # ("i already put 04/30/2004"): mentoring chat has little else that old.
        dates = [(m, m.group("year") or m.group("iso")) for m in self._NUMERIC_DATE.finditer(text)]
        dates += [(m, m.group("y1") or m.group("y2")) for m in _NAMED_DATE.finditer(text)]
        for m, year_text in dates:
            year = int(year_text)
            year += (
                2000 if year < 100 and year <= self._this_year % 100 else 1900 if year < 100 else 0
            )
            already = any(r.start <= m.start() < r.end for r in found)
            version = "." in m.group(0) and self._VERSION_BEFORE.search(
                text, max(0, m.start() - 40), m.start()
            )
            if 1930 <= year <= self._this_year - 14 and not already and not version:
                found.append(make_result(self, DATE_OF_BIRTH, m.start(), m.end(), self.YEAR_SCORE))
        return found


class CuedSsnRecognizer(EntityRecognizer):
    """A social security number written after its cue ("ssn", "social", "ITIN").

    Presidio's own recognizer drops the numbers it knows to be invalid, and masked or
    last-four forms are not numbers it looks for; written as an SSN, each is redacted.
    """

    SCORE = 0.85
    _CUE = (
        r"\b(?:ssn|ss\s?#|s\.s\.n\.?|social(?:\s+security)?(?:\s+(?:number|no\.?|num|#))?|"
        r"itin|taxpayer\s+(?:identification\s+)?(?:number|id|no\.?))"
    )
    _REGEX = regex.compile(
        rf"{_CUE}(?:'s)?[^\n\d]{{0,25}}?"
        r"(?<![\d-])((?:\d{3}|[x*•#]{3})[- .]?(?:\d{2}|[x*•#]{2})[- .]?\d{4})(?![\d-])"
        r"|\blast\s+(?:four|4)(?:\s+digits)?\s+(?:of\s+)?(?:my\s+|the\s+|her\s+|his\s+)?"
        rf"{_CUE}[^\n\d]{{0,12}}?(?<![\d-])(\d{{4}})(?![\d-])",
        regex.IGNORECASE,
    )
    GATE = regex.compile(r"\b(?:ssn|ss|s\.s|social|itin|taxpayer)", regex.IGNORECASE)

    def __init__(self) -> None:
        super().__init__(supported_entities=[US_SSN], name="CuedSsnRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for match in self._REGEX.finditer(text):
            group = 1 if match.group(1) else 2
            results.append(
                make_result(self, US_SSN, match.start(group), match.end(group), self.SCORE)
            )
        return results


class AnyCaseIbanRecognizer(IbanRecognizer):
    """IBANs typed in lowercase too ("es91 2100 0418 ..."): Presidio's patterns want capitals.

    The text is upper-cased one character at a time, so offsets stay those of the input.
    """

    def __init__(self) -> None:
        super().__init__(name="IbanRecognizer")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        # Presidio's IBAN analysis reads only the text: patterns and checksum.
        if text.isascii():
            upper = text.upper()
        else:
            upper = "".join(c.upper() if len(c.upper()) == 1 else c for c in text)
        return list(super().analyze(upper, entities) or [])


class AccountNumberRecognizer(EntityRecognizer):
    """Bank account and routing numbers, recognised only after an account cue."""

    SCORE = 0.8

    def __init__(self) -> None:
        self._regex = re.compile(
            r"\b(?:account|acct|a/c|routing|checking|savings|aba|bank)\.?\s*(?:number|no\.?|num|#)?"
            r"[^\n\d]{0,50}?(\d[\d -]{4,18}\d)\b",
            re.IGNORECASE,
        )
        super().__init__(supported_entities=[ACCOUNT_NUMBER], name="AccountNumberRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    # Indian bank branch codes identify the account's branch, as a US routing number does.
    _IFSC = re.compile(r"\b[A-Z]{4}0[A-Z0-9]{6}\b")
    _IFSC_CUE = re.compile(r"ifsc", re.IGNORECASE)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        found = [
            make_result(self, ACCOUNT_NUMBER, m.start(1), m.end(1), self.SCORE)
            for m in self._regex.finditer(text)
            if sum(c.isdigit() for c in m.group(1)) >= 6
        ]
        found += [
            make_result(self, ACCOUNT_NUMBER, m.start(), m.end(), self.SCORE)
            for m in self._IFSC.finditer(text)
            if self._IFSC_CUE.search(text, max(0, m.start() - 20), m.start())
        ]
        return found


_RELATIONS = (
    r"(?:sister|sis|brother|bro|mom|mum|mam|ma|dad|mother|father|friend|roommate|flatmate|"
    r"housemate|cousin|aunt|aunty|auntie|uncle|boss|manager|supervisor|professor|prof|ta|ra|"
    r"advisor|adviser|tutor|counselor|counsellor|coach|girlfriend|boyfriend|gf|bf|bestie|"
    r"partner|wife|husband|son|daughter|grandma|grandpa|gran|granny|nan|nana|grandmother|"
    r"grandfather|koro|abuela|abuelo|avó|avô|appa|amma|landlord|landlady|coworker|colleague|"
    r"classmate|teammate|labmate|neighbou?r|recruiter|host\s+(?:mom|mum|dad|family)|niece|nephew|"
    r"receptionist|librarian|nurse|secretary|assistant|instructor|lecturer|teacher)"
)
_RELATION_BEFORE = (
    rf"\b(?:my|our|your|his|her|the)\s+(?:little\s+|big\s+|older\s+|younger\s+)?{_RELATIONS}"
)
# Greetings and verbs said to or about a person, and never of a place.
_PERSON_WORDS = (
    r"hi|hey|hello|thx|thanks|ty|bye|love|dear|yo|im|i'm|i am|this is|ask|tell|told|call|text|"
    r"email|cc"
)
_NAME_CUES = re.compile(
    rf"(?:{_RELATION_BEFORE}|\b(?:{_PERSON_WORDS}|its|it's|with|from|per)|\bta|[(])\s*,?\s*$",
    re.IGNORECASE,
)
# The cues that go with people and never with places ("from", "with" go with both).
_RELATION_CUE = re.compile(rf"{_RELATION_BEFORE}\s*,?\s*$", re.IGNORECASE)
_PERSON_CUES = re.compile(rf"(?:{_RELATION_BEFORE}|\b(?:{_PERSON_WORDS})|\bta)\s*,?\s*$", re.I)
# 'a mentor named "Jordan"': a name in quotes after the words that introduce one (without
# the quote, _SELF_NAMING_BEFORE has them). "Brandon's cell": said of a person.
_QUOTED_NAME_BEFORE = re.compile(r"\b(?:named|called|name\s+is|name'?s)\s+[\"“']$", re.IGNORECASE)
_PERSONAL_THING_AFTER = re.compile(
    r"(?:'s|’s)\s+(?:cell|phone|number|email|mom|dad|mum|parents|sister|brother|place|room|"
    r"car|birthday|family)\b",
    re.IGNORECASE,
)
# Days, months and seasons: in chat they are dates, not people ("June 3", "Spring cohort").
CALENDAR_WORDS = frozenset(
    [
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
        "january",
        "february",
        "march",
        "august",
        "september",
        "october",
        "november",
        "december",
        "spring",
        "summer",
        "fall",
        "autumn",
        "winter",
    ]
)
# Dictionary names that are mostly other things in student chat.
# Holidays and their greetings ("ramadan mubarak", "Feliz año", "Merry Christmas"): words,
# though name lists hold some and spaCy tags others as people.
HOLIDAY_GREETINGS = frozenset(
    [
        "ramadan", "ramzan", "kareem", "mubarak", "eid", "diwali", "navidad", "feliz",
        "bonnes", "merry", "christmas", "hanukkah", "nowruz", "kalikimaka", "nollaig", "shona",
        "wesołych", "świąt",
    ]
)  # fmt: skip
_NOT_FIRST_NAMES = (
    HOLIDAY_GREETINGS
    | (CALENDAR_WORDS - {"summer", "autumn"})
    | frozenset(
        [
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
            "salam",
            "salaam",
            "shalom",
            "namaste",
            "hola",
            "regards",
            "pozdrawiam",
            "saludos",
            "grazie",
            "merci",
            "danke",
            "gracias",
            "obrigado",
            "obrigada",
            "salut",
            "boston",
            "dallas",
            "denver",
            "houston",
            "phoenix",
            "brooklyn",
            "manila",
            "wien",
            "porto",
            "lima",
            "lagos",
            "nairobi",
            "accra",
            "dublin",
            "galway",
            "lisbon",
            "madrid",
            "berlin",
            "munich",
            "richmond",
            "cambridge",
            "oxford",
            "chicago",
            "toronto",
            "dear",
            # Greetings that name lists also hold ("aloha Leti", "asante sana").
            "aloha",
            "mahalo",
            "asante",
            "kwaheri",
            # Faker lists these as first names; in chat they are a word and a job.
            "arent",
            "doctor",
            "server",
        ]
    )
)
# "aren ' t", "haven't": a contraction split by a tokenizer, not "Aren" or "Haven".
_CONTRACTION_AFTER = re.compile(r"\s?['’]\s?t\b")
# "300 yuan", "50 rand": a currency after an amount, not a name.
_AMOUNT_BEFORE = re.compile(r"\d\s*$")
# The rating a hyphenated syllable name gets: enough for lowercase chat, not for a name
# that is also a word abroad.
_SYLLABLE_NAME_RATING = 3
# A census surname at least this common as an English word is left out as a word.
# A worldwide name attested by this many sources is trusted in lowercase chat.
_TRUSTED_WORLD_SOURCES = 8
# Lowercase words rarer than this (Zipf scale) that are also first names are taken as names.
_RARE_WORD_ZIPF = 3.8
# A lowercase name with no cue needs at least this rating in some country (1 to 13), or a
# place in Faker's per-locale lists, which hold the names of the countries the rating lacks.
_LOWERCASE_NAME_POPULARITY = 3
# A lowercase name that is also a word abroad ("manda", "mija") needs this rating to be
# taken for the name with no cue: "maria" and "jamal" are; "manda" and "vale" are not.
_POPULAR_ABROAD = 6
# Surnames rarer than this may start a sentence and still be taken as names ("Ugwu is in...").
_RARE_SURNAME_ZIPF = 2.5
_SURNAME_PARTICLE = (
    r"(?:van|von|de|da|del|della|di|du|der|den|ter|ten|la|le|bin|ibn|al|el|ní|nic|ó|mac|dos|das)"
)
# Words at least this common that spaCy tags as places are taken to be places.
_PLACE_ZIPF = 3.9
# A lowercase name after a weak cue ("i'm", "love") must be rarer than this as a word, or
# popular as a name: "i'm nate", not "i'm lucky" or "i love beer".
_CUED_WORD_ZIPF = 4.3
# Capitalised words at the start of a sentence need to be rarer than this to count.
_SENTENCE_START_ZIPF = 4.5


def latin_script(name: str) -> bool:
    return all(c.isalpha() or c in " '-" for c in name) and all(
        unicodedata.name(c, "").startswith(("LATIN", "SPACE", "APOSTROPHE", "HYPHEN")) for c in name
    )


@lru_cache(maxsize=1)
def _faker_names() -> tuple[frozenset[str], frozenset[str]]:
    """First names and surnames from Faker's person providers, about 80 locales.

    Faker keeps per-locale name lists (Yoruba, Igbo, Kenyan, Irish, Polish, Vietnamese,
    Turkish, romanised Japanese...) that an English first-name list lacks. Only Latin-script
    names are kept: chat is written in Latin script, and others never match its tokens.
    """
    import importlib
    import pkgutil

    import faker.providers.person as person

    firsts: set[str] = set()
    lasts: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in dir(provider):
            if attr.startswith("_") or not ("first_name" in attr or "last_name" in attr):
                continue
            values = getattr(provider, attr)
            if not isinstance(values, list | tuple | dict | set):
                continue
            target = lasts if "last" in attr else firsts
            for value in values:
                name = value[0] if isinstance(value, tuple) else value
                if isinstance(name, str) and latin_script(name):
                    lowered = name.lower()
                    target.update({lowered, strip_accents(lowered)})
    return frozenset(firsts), frozenset(lasts)


@lru_cache(maxsize=1)
def first_name_dictionary() -> frozenset[str]:
    """About 100,000 lowercase first names: the trusted ones, Faker's lists and the rest of
    the worldwide list (trusted only with a capital or a cue)."""

    return frozenset(common_first_names() | _faker_names()[0] | set(worldwide_given_names()))


@lru_cache(maxsize=1)
def common_first_names() -> frozenset[str]:
    """Names trusted even in lowercase chat: gender-guesser's curated 40,000, and the
    worldwide names that many sources attest."""
    return frozenset(first_name_popularity())


@lru_cache(maxsize=1)
def first_name_popularity() -> dict[str, int]:
    """How common each trusted name is where it is most common (1 to 13).

    gender-guesser rates its names per country; a worldwide name attested by many sources
    gets a rating from their number, so "kemi" and "harjot" pass the lowercase test, and
    so does a hyphenated Korean or Taiwanese syllable pair ("seo-yeon").
    """
    popularity = dict(gender_guesser_popularity())
    for name in syllable_given_names():
        popularity.setdefault(name, _SYLLABLE_NAME_RATING)
    for name, sources in worldwide_given_names().items():
        if sources >= _TRUSTED_WORLD_SOURCES:
            rating = min(13, sources // 2)
            for form in (name, strip_accents(name)):
                popularity[form] = max(popularity.get(form, 0), rating)
    return popularity


# Syllables of romanised Korean (Revised Romanisation and McCune-Reischauer) and Taiwanese
# (Wade-Giles) given names, which are written as two syllables joined by a hyphen:
# "Seo-yeon", "Ji-hoon", "Wen-hsiung", "Chia-hui". Name lists hold only the commonest.
def _syllables(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


_KOREAN_SYLLABLES = _syllables(
    "a ae ah bin bo byung byeong chae chan chang cheol chul da dae do dong eun gi gil gyeong "
    "gyu ha hae han hee ho hoon hun hwa hwan hye hyo hyun hyuk il in ja jae je jeong ji jin "
    "jong joo joon ju jun jung kang ki kwang kyu kyung mi min myung myeong na nam ok ra ran "
    "rin ryeong sang se seo seok seon seong seul seung si so sol soo sook su suk sun sung "
    "tae uk wan won woo wook ye yeon yeong yeol yong young yu yun yoon"
)
_TAIWANESE_SYLLABLES = _syllables(
    "an chang chen cheng chi chia chieh chien chih chin ching chiu chu chuan chun chung fang "
    "fen feng fu hao hsiang hsiao hsien hsin hsing hsiu hsiung hsuan hua huai huang hui hung "
    "i jen jui jung kai kang kuan kuang kuei kun kuo lan li lien lin ling lun mei min ming "
    "nan pei peng ping po shan sheng shih shu shun ta te ting tsai tsung tung wan wei wen wu "
    "ya yang yao yen yi yin ying yu yuan yueh yun"
)
# Hyphenated pairs that are words or sounds, not names.
_NOT_SYLLABLE_NAMES = frozenset(["ha-ha", "yo-yo", "so-so", "wu-tang", "ping-pong", "kung-fu"])


def syllable_given_names() -> frozenset[str]:
    """Lowercase two-syllable hyphenated given names: "seo-yeon", "wen-hsiung"."""
    return frozenset(
        f"{a}-{b}"
        for syllables in (_KOREAN_SYLLABLES, _TAIWANESE_SYLLABLES)
        for a in syllables
        for b in syllables
        if a != b and f"{a}-{b}" not in _NOT_SYLLABLE_NAMES
    )


@lru_cache(maxsize=1)
def gender_guesser_popularity() -> dict[str, int]:
    """gender-guesser's names, rated where each is most common (1 to 13).

    Its dictionary rates every name per country on a log scale from 1 (very rare) to 13
    (hex "D"). A rare name that is also a word somewhere ("machi", "selam") needs more
    than a dictionary entry to count in lowercase chat.
    """
    from gender_guesser.detector import Detector

    popularity: dict[str, int] = {}
    for name, genders in Detector(case_sensitive=False).names.items():
        rating = max(
            (int(c, 16) for columns in genders.values() for c in columns if c.strip()), default=0
        )
        for form in (name, strip_accents(name)):
            popularity[form] = max(popularity.get(form, 0), rating)
    return popularity


@lru_cache(maxsize=1)
def surname_dictionary() -> frozenset[str]:
    """About 26,000 lowercase surnames from Faker's lists (and their forms without accents)."""
    return _faker_names()[1]


@lru_cache(maxsize=1)
def census_surnames() -> frozenset[str]:
    """The surnames of the 1990 US census that are rare as English words, lowercased: the
    immigrant surnames of a US campus that Faker lacks ("Siddiqui", "Okafor", "Feldman").

    Trusted capitalised and alone, or lowercase only where the words around them say a
    person: the census also lists words ("Carta", "Schick"). ``python -m privacy.word_lists``
    writes the list from the ``names`` package.
    """
    return census_surname_list()


def everyday_abroad(word: str) -> bool:
    """Whether a lowercase word is an everyday word in a language students also chat in."""
    return word in everyday_foreign_words()


@lru_cache(maxsize=65_536)
def word_zipf(word: str, language: str = "en") -> float:
    """How common a word is in English (Zipf scale: 7 for "the", 1 for the very rare)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, language))


def said_of_a_person(text: str, start: int, end: int) -> bool:
    """ "ask Sydney", "my cousin Florence", "Logan said", "India, she...": a person."""
    before = text[max(0, start - 40) : start]
    following = _NEXT_WORD_RE.match(text, end)
    return (
        _PERSON_CUES.search(before) is not None
        or (following is not None and following.group(1).lower() in _PERSON_AFTER)
        or _PRONOUN_AFTER.match(text, end) is not None
        or _SELF_NAMING_BEFORE.search(before) is not None
        or _QUOTED_NAME_BEFORE.search(before) is not None
        or _PERSONAL_THING_AFTER.match(text, end) is not None
        or _PERSON_NOUN_IS_BEFORE.search(before) is not None
    )


# "the driver is Hassan", "my landlord was Logan": what a person is, then the name.
_PERSON_NOUN_IS_BEFORE = re.compile(
    r"\b(?:driver|landlord|landlady|roommate|host|recruiter|manager|boss|supervisor|advisor|"
    r"adviser|mentor|mentee|tutor|coach|contact|teacher|professor|doctor|nurse|neighbou?r|"
    r"friend|cousin|sister|brother|name|admin|administrator|coordinator|director|owner|"
    r"instructor|counselor|counsellor|caseworker|therapist|dean|chair|lead|ta|ra)"
    r"\s+(?:is|was|will\s+be)\s+$",
    re.IGNORECASE,
)


class FirstNameRecognizer(EntityRecognizer):
    """First names from a 40,000-name dictionary (gender-guesser), for people not on the roster.

    spaCy's small model misses many names, above all lowercase ones in chat. A dictionary
    word counts as a name when it is capitalised mid-sentence, or when it is rare as an
    ordinary English word (wordfreq), or when a cue such as "my sister" or "thx" precedes it.
    """

    SCORE = 0.6
    CUED_SCORE = 0.75
    # Letters in any script, one inner hyphen or apostrophe ("Hye-jin", "O'Neill"), no "'s".
    _TOKEN = re.compile(
        r"(?<![\w@.'’/-])([^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*(?:[-'’](?!s\b)[^\W\d_]"
        r"(?:[^\W\d_]|[\u0300-\u036f])*)?)(?![\w@/\u0300-\u036f-]|\.\w)"
    )
    _SURNAME = regex.compile(
        rf"[ ]((?:{_SURNAME_PARTICLE}\s+){{0,2}}(?-i:\p{{Lu}})[\p{{L}}\p{{M}}'’-]+)(?![\w@])"
    )

    def __init__(self) -> None:
        self._names = first_name_dictionary()
        self._surnames = surname_dictionary()
        # Curated and census surnames: the census only where context says a person.
        self._all_surnames = self._surnames | census_surnames()
        self._common = common_first_names()
        self._popularity = first_name_popularity()
        self._faker_firsts = _faker_names()[0]
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
            if len(word) < 3:
                continue
            if word.isupper():
                if self._shouted_name(text, match.start(), word):
                    results.append(
                        make_result(self, PERSON, match.start(), match.end(), self.SCORE)
                    )
                continue
            # Each part lowercase after its first letter: "Hye-jin", "O'Neill", not "McDONALD";
            # a short prefix may be capitalised too: "DeShawn", "LaToya", "McKenzie".
            # Most words are plain ("meeting", "Thanks"): test the parts only for the rest.
            if not (word[1:].islower() or word.islower()):
                parts = _PART_SPLIT.split(word) if not word.isalpha() else (word,)
                if not all(
                    p[1:].islower() or not p[1:] or _PREFIXED_CAPITAL.fullmatch(p) for p in parts
                ):
                    continue  # ALL CAPS words are labels and acronyms; speakers are found elsewhere
            lowered = word.lower()
            if (
                lowered in _NOT_FIRST_NAMES and not self._calendar_name(text, word, match.end())
            ) or _CONTRACTION_AFTER.match(text, match.end()):
                continue
            if lowered in STOP_WORDS and not (
                word[0].isupper()
                and self._SURNAME.match(text, match.end())
                and not starts_sentence(text[max(0, match.start() - 40) : match.start()])
            ):
                continue  # "will", "may"; but "I'm Will Hunter"
            if lowered in ("april", "may", "june", "july") and (
                _DAY_AFTER.match(text, match.end())
                or _TIME_WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
            ):
                continue  # "June 3", "until June?", "only April": a date
            plain = strip_accents(lowered)
            capitalised = word[0].isupper()
            known = (
                lowered in self._names
                or plain in self._names
                # "Jean-Robert", "Marie-Claire": each part a given name
                or (
                    "-" in plain
                    and all(
                        part in self._names
                        and part not in _NAME_SUFFIXES
                        and part not in _NOT_FIRST_NAMES
                        for part in plain.split("-")
                    )
                )
            )
            possessive = text.startswith(_POSSESSIVE_MARKS, match.end()) and (
                bool(_POSSESSIVE_RELATION.match(text, match.end()))  # "kwame's roommate"
                or (
                    # "ian's wallet", "olu's insta": what a person has, after a word no
                    # dictionary lists and rare in text
                    _POSSESSIVE_BELONGING.match(text, match.end()) is not None
                    and not english_word(lowered)
                    and self._zipf(lowered, "en") < _CUED_WORD_ZIPF
                    and not everyday_abroad(lowered)
                    and lowered not in FAMILY_TITLES
                    # "my gogo's place", "my babcia's address": what family are called
                    and not _POSSESSIVE_BEFORE.search(
                        text, max(0, match.start() - 8), match.start()
                    )
                )
            )
            if not (capitalised or known or possessive or lowered in self._all_surnames):
                continue  # a plain lowercase word: no branch below can keep it
            before = text[max(0, match.start() - 40) : match.start()]
            surname = self._SURNAME.match(text, match.end()) if capitalised else None
            if surname and surname.group(1).lower() in _NOT_SURNAMES:
                surname = None
            if known and not capitalised and self._plausible_lowercase_first(lowered):
                surname = self._lowercase_surname(text, match.end())
            if surname is not None and not capitalised:
                # "sarah kowalczyk", "hope whitaker": a first name, then a rare surname.
                cued, keep = True, lowered not in STOP_WORDS
            elif known:
                cued = (
                    possessive
                    or bool(_NAME_CUES.search(before))
                    or (word.islower() and _SAID_AFTER.match(text, match.end()) is not None)
                    or (
                        word.islower()
                        and _DID_AFTER.match(text, match.end()) is not None
                        and not english_word(lowered)
                        and lowered not in _ASSISTANTS
                    )
                )
                keep = self._keep_dictionary_name(
                    text, word, before, cued, surname is not None, nlp_artifacts, match.start()
                )
            elif capitalised and (lowered in self._all_surnames or plain in self._all_surnames):
                # A surname alone, mid-sentence: "per Kowalczyk's email", "Petrov didn't".
                cued = bool(_NAME_CUES.search(before))
                keep = self._keep_surname(word, before, cued, text[match.end() : match.end() + 20])
            elif not capitalised and lowered in self._all_surnames:
                # "ask okonkwo for the exams", "jankowski gave me a C": a rare surname in
                # lowercase, where the words around it say a person.
                cued = True
                keep = self._lone_lowercase_surname(text, lowered, before, match.end())
            else:
                # Not a known name: "her son Tunde", or "kwame's roommate". Most words
                # are neither, so the cheap tests go first.
                keep = (capitalised and bool(_FAMILY_CUE.search(before))) or possessive
                cued = keep and bool(_NAME_CUES.search(before))
                if not keep and capitalised:
                    keep = self._rare_name_in_person_context(
                        text, match.start(), match.end(), before, nlp_artifacts
                    )
            if (
                keep
                and surname
                and known_place(f"{plain} {strip_accents(surname.group(1).lower())}")
            ):
                keep = False  # "in Addis Ababa", "Santa Clara": one place, not First Last
            if (
                keep
                and not surname
                and not possessive
                and (known_place(lowered) or known_place(plain))
            ):
                # "land for Logan by 2pm", "from florence alabama": a place, unless the
                # words around it say a person.
                keep = said_of_a_person(text, match.start(), match.end())
            if keep:
                end = surname.end() if surname else match.end()  # "Rachel Obi": the surname too
                score = self.CUED_SCORE if cued else self.SCORE
                results.append(make_result(self, PERSON, match.start(), end, score))
        return results

    _LOWER_SURNAME = re.compile(r"[ ]([a-z][a-z'’-]+[a-z])(?![\w@])")

    def _lowercase_surname(self, text: str, end: int) -> re.Match[str] | None:
        """A lowercase surname right after a lowercase first name, rare as a word."""
        found = self._LOWER_SURNAME.match(text, end)
        if found is None:
            return None
        last = found.group(1)
        if (
            last not in self._surnames
            or last in _NOT_SURNAMES
            or self._zipf(last, "en") >= _RARE_WORD_ZIPF
            or _a_word_somewhere(last)
        ):
            return None
        return found

    def _lone_lowercase_surname(self, text: str, word: str, before: str, end: int) -> bool:
        """A lowercase surname alone: rare, no word in any list, and said of a person."""
        if (
            len(word) < 4
            or self._zipf(word, "en") >= _LONE_SURNAME_ZIPF
            or _a_word_somewhere(word)
            or _POSSESSIVE_BEFORE.search(before)  # "my chacha just sent it": kin, not a name
        ):
            return False
        if _ADDRESSING_VERB.search(before) or _PRONOUN_AFTER.match(text, end):
            return True
        previous = _PREVIOUS_WORD_RE.search(before)
        following = _NEXT_WORD_RE.match(text, end)
        return (previous is not None and previous.group(1).lower() in _LONE_SURNAME_BEFORE) or (
            following is not None and following.group(1).lower() in _LONE_SURNAME_AFTER
        )

    def _plausible_lowercase_first(self, word: str) -> bool:
        """A lowercase word that may be a first name before a surname: "hope", not "tell"."""
        popularity = self._popularity.get(word, 0)
        frequency = self._zipf(word, "en")
        return (
            word not in STOP_WORDS
            and not everyday_abroad(word)
            and ((popularity >= 2 and frequency < 5.0) or (popularity >= 3 and frequency < 5.5))
        )

    def _calendar_name(self, text: str, word: str, end: int) -> bool:
        """ "Jun Hirano", "May Chen": a month or day that is a given name, before a surname."""
        if word.lower() not in CALENDAR_WORDS or not word[:1].isupper() or word.isupper():
            return False
        surname = self._SURNAME.match(text, end)
        if surname is None:
            return False
        last = strip_accents(surname.group(1).lower())
        return last in self._all_surnames and not known_place(last)

    def _shouted_name(self, text: str, start: int, word: str) -> bool:
        """A name in a line typed in capitals ("THE INTERVIEWER WAS NAMED RAJESH").

        Elsewhere capitals mark labels and acronyms; in a shouted line they mark nothing,
        so a word counts when a curated dictionary knows it and it is rare as a word.
        """
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        letters = [c for c in line if c.isalpha()]
        if len(line.split()) < 4 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
            return False
        plain = strip_accents(word.lower())
        listed = plain in self._common or plain in self._surnames
        return (
            listed
            and plain not in _NOT_FIRST_NAMES
            and plain not in STOP_WORDS
            and self._zipf(plain, "en") < 4.0
            and not everyday_abroad(plain)
        )

    def _rare_name_in_person_context(
        self, text: str, start: int, end: int, before: str, artifacts: NlpArtifacts | None
    ) -> bool:
        """A capitalised word no dictionary knows, used the way people are talked about.

        "passing your resume to Siddiqui", "Whitehorse is great", "Petrov didn't notice":
        rare in English, not tagged as a place or organisation, and next to a word that
        goes with people.
        """
        word = text[start:end]
        frequency = self._zipf(word.lower(), "en")
        if frequency >= _UNKNOWN_NAME_ZIPF:
            return False
        previous = _PREVIOUS_WORD_RE.search(before)
        following = _NEXT_WORD_RE.match(text, end)
        prev_word = previous.group(1).lower() if previous else ""
        next_word = following.group(1).lower() if following else ""
        # What people do, or "she" right after: stronger than spaCy's guess of a place.
        acts = (
            next_word in _PERSON_VERBS_STRONG
            or _SELF_NAMING_BEFORE.search(before) is not None
            or (
                _PRONOUN_AFTER.match(text, end) is not None and prev_word not in _PLACE_WORDS_BEFORE
            )
        )
        # spaCy's rarer labels on a word it has never seen are guesses ("w/ Ivanova" as a
        # nationality, "Siddiqui might call" as a product); places and bodies are not.
        labels = _NAMED_THING_LABELS - _GUESSED_LABELS if frequency < 2.5 else _NAMED_THING_LABELS
        if _inside_named_thing(artifacts, start, labels) and not acts:
            return False
        sentence_start = not before.strip() or before.rstrip()[-1:] in ".!?\n:"
        if sentence_start:
            # "Gündoğdu always forgets": an adverb, then a verb
            adverb_verb = next_word in _ADVERBS and bool(
                re.match(r"\s*\w+\s+\w+(?:s|ed)\b", text[end:])
            )
            return frequency < 2.0 and (next_word in _PERSON_VERBS_STRONG or adverb_verb)
        return (
            prev_word in _PERSON_BEFORE
            or next_word in _PERSON_AFTER
            or _PRONOUN_AFTER.match(text, end) is not None
            or _SELF_NAMING_BEFORE.search(before) is not None
        )

    def _keep_surname(self, word: str, before: str, cued: bool, after: str = "") -> bool:
        frequency = self._zipf(word.lower(), "en")
        if PLACE_BEFORE.search(before):  # it holds every _PLACE_PREPOSITION word
            return False  # "in Albuquerque", "driving back from Gallup"
        if US_STATE_AFTER.match(after):
            return False  # "Dearborn MI", "Marston, VT": a town
        sentence_start = starts_sentence(before)
        if sentence_start:
            # "Petrov didn't even notice": a surname, then what people do.
            following = _NEXT_WORD_RE.match(after)
            person_verb = (
                following is not None and following.group(1).lower() in _PERSON_VERBS_STRONG
            )
            return (
                frequency < _RARE_SURNAME_ZIPF
                or (cued and frequency < _RARE_WORD_ZIPF)
                or (person_verb and frequency < _RARE_WORD_ZIPF)
            )
        return frequency < _RARE_WORD_ZIPF or (cued and frequency < _SENTENCE_START_ZIPF)

    def _keep_dictionary_name(
        self,
        text: str,
        word: str,
        before: str,
        cued: bool,
        has_surname: bool,
        artifacts: NlpArtifacts | None,
        offset: int,
    ) -> bool:
        lowered = word.lower()
        frequency = self._zipf(lowered, "en")
        # "an MPH at Emory", "in Albuquerque": people are rarely "in" or "at" anything.
        if not cued and not has_surname and _PLACE_PREPOSITION.search(before):
            return False
        # spaCy's small model calls many rare first names places ("mom is Meena"); trust it
        # only for words that are also common, as real place names are ("Austin"), and
        # never for "First Last" pairs.
        if (
            not has_surname
            and frequency >= _PLACE_ZIPF
            and _inside_other_entity(artifacts, offset)
            and not said_of_a_person(text, offset, offset + len(word))
        ):
            return False  # ... unless what follows says a person: "the recruiter Jordan wants"
        if word[0].isupper() and not word.isupper():
            sentence_start = starts_sentence(before)
            keep = cued or has_surname or not sentence_start or frequency < _SENTENCE_START_ZIPF
            return keep and frequency < 5.5
        if cued:
            # "thx maria", "my sister grace"; but "i'm lucky", "i love beer": a lowercase
            # word that is common in English needs a relation cue or a popular name.
            return frequency < 5.0 and (
                frequency < _CUED_WORD_ZIPF
                or self._popularity.get(lowered, 0) >= _LOWERCASE_NAME_POPULARITY
                or _RELATION_CUE.search(before) is not None
            )
        if _POSSESSIVE_BEFORE.search(before):
            return False  # "my nani's address", "my nonna": a relation word, not a name
        # Lowercase and uncued: a curated first name, rare in English, not an everyday word
        # in the languages students also chat in ("nada", "claro"; "manda" unless the name
        # is very common), and not a place ("in lima").
        return (
            (frequency < _RARE_WORD_ZIPF or _name_only(lowered, self._popularity))
            and lowered in self._common
            and (
                self._popularity[lowered] >= _LOWERCASE_NAME_POPULARITY
                or lowered in self._faker_firsts
            )
            and not everyday_abroad(lowered)
            and not (
                lowered in names_that_are_words_abroad()
                and self._popularity[lowered] < _POPULAR_ABROAD
            )
            and not _PLACE_PREPOSITION.search(before)
            and not _AMOUNT_BEFORE.search(before)
        )


@lru_cache(maxsize=1)
def _dictionary_words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], lower=True))


def english_word(word: str) -> bool:
    """Whether a lowercase word is a headword of an English dictionary (GCIDE, 115,000
    words), or the plural of one: "grant", "hope", "miles"; not "sarah" or "okafor"."""
    words = _dictionary_words()
    return word in words or word.removesuffix("s") in words


def _a_word_somewhere(word: str) -> bool:
    """Whether a lowercase surname is also a word: English, everyday abroad, or a place."""
    return (
        english_word(word)
        or everyday_abroad(word)
        or word in names_that_are_words_abroad()
        or known_place(word)
    )


def _name_only(word: str, popularity: dict[str, int]) -> bool:
    """A popular first name that no English dictionary lists as a word ("sarah", "brian",
    "marcus"): common in text only because people are called it."""
    return (
        word.isalpha()
        and len(word) >= 4
        and popularity.get(word, 0) >= _NAME_ONLY_POPULARITY
        and word_zipf(word) < _NAME_ONLY_ZIPF
        and not english_word(word)
    )


# A lowercase name no dictionary lists as a word may be this common in text ("sarah", 4.5),
# if it is rated this popular in some country.
_NAME_ONLY_ZIPF = 4.9
_NAME_ONLY_POPULARITY = 5
# A lowercase surname alone must be rarer than this as a word ("okafor", "jankowski").
_LONE_SURNAME_ZIPF = 3.1
_LONE_SURNAME_BEFORE = frozenset(["did", "does", "w", "with", "prof", "professor"])
_LONE_SURNAME_AFTER = frozenset(
    [
        "said",
        "says",
        "gave",
        "gives",
        "kept",
        "keeps",
        "moved",
        "posted",
        "made",
        "makes",
        "wants",
        "took",
        "told",
        "asked",
        "emailed",
        "replied",
        "always",
        "never",
        "just",
        "still",
        "might",
        "approved",
        "signed",
        "thinks",
        "knows",
        "likes",
        "hates",
        "grades",
    ]
)
# A US state's postal code right after a word makes it a town.
US_STATE_AFTER = re.compile(
    r",?\s(?:A[LKZR]|C[AOT]|DE|DC|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|"
    r"RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\b"
)
# What only people do, right after a lowercase name: "ok grace said she'll do plates".
_SAID_AFTER = re.compile(
    r"\s+(?:said|says|told|asked|texted|emailed|replied|mentioned|wants|thinks)\b", re.I
)
# ... or what anyone or anything does, after a name no dictionary lists as a word:
# "camila had a fever", "malik needs a new one"; not "lab kit came".
_DID_AFTER = re.compile(
    r"\s+(?:has|had|needs|got|gets|left|came|called|sent|posted|gave|took|kept|moved)\b", re.I
)
# Japanese and Korean address suffixes: "Yui-san" is Yui, not a double name.
_NAME_SUFFIXES = frozenset(["san", "kun", "chan", "sama", "ssi", "nim", "ji"])
_ASSISTANTS = frozenset(["siri", "alexa", "cortana"])  # "siri sent that": the phone
_DAY_AFTER = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?\b")
_TIME_WORD_BEFORE = re.compile(
    r"\b(?:until|till|til|by|before|after|since|only|through|thru|next|last|this|early|late|"
    r"mid|end\s+of|in|from)\s+$",
    re.IGNORECASE,
)
_ADDRESSING_VERB = re.compile(
    r"\b(?:ask|tell|told|per|cc|email|emailed|text|texted|call)\s+$", re.I
)
_PART_SPLIT = re.compile(r"[-'’]")
_POSSESSIVE_MARKS = ("'s", "’s", "'S", "’S")
_PREFIXED_CAPITAL = re.compile(r"[^\W\d_][a-z]{1,2}[A-Z][a-z]{2,}")
_NOT_SURNAMES = STOP_WORDS | _NOT_FIRST_NAMES
_POSSESSIVE_BEFORE = re.compile(r"\b(?:my|our|your|his|her|their)\s+$", re.IGNORECASE)
_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|near|around)\s+$", re.IGNORECASE)
_POSSESSIVE_RELATION = re.compile(
    r"'s\s+(?:roommate|sister|brother|mom|dad|friend|cousin|girlfriend|boyfriend|partner|mentor|"
    r"mentee|advisor|boss|manager|grandfather|grandmother|grandma|grandpa|mother|father|son|"
    r"daughter|husband|wife|aunt|uncle|parents)\b",
    re.IGNORECASE,
)
_POSSESSIVE_BELONGING = re.compile(
    r"(?:'s|’s)\s+(?:wallet|phone|number|cell|email|insta|ig|snap|handle|venmo|place|apt|"
    r"apartment|house|room|dorm|car|bday|birthday|party|id|address|addy|essay|resume|laptop|"
    r"bag|keys|notes|mentoring|mentor|group|family|dob|ssn|passport|license|info|school|"
    r"daycare|teacher|doctor|is)\b",
    re.IGNORECASE,
)
_FAMILY_CUE = re.compile(
    rf"\b(?:my|our|your|his|her|their)\s+(?:little\s+|older\s+|younger\s+)?{_RELATIONS}\s*$",
    re.IGNORECASE,
)


_PLACE_OR_TIME_LABELS = frozenset({"FAC", "GPE", "LOC", "DATE", "TIME", "LOCATION"})
# Capitalised words no dictionary knows, rarer than this, may be names in person context.
_UNKNOWN_NAME_ZIPF = 3.0
_PREVIOUS_WORD_RE = re.compile(r"([\w/+&']+)\W*$")
_NEXT_WORD_RE = re.compile(r"(?:'s|’s)?\W*([\w']+)")
_PERSON_BEFORE = frozenset(
    [
        "to",
        "ask",
        "tell",
        "per",
        "cc",
        "w/",
        "my",
        "his",
        "her",
        "told",
        "asked",
        "emailed",
        "called",
        "texted",
        "thank",
        "thanks",
        "dear",
        "hi",
        "hey",
        "met",
    ]
)
_PERSON_VERBS_STRONG = frozenset(
    [
        "said",
        "says",
        "told",
        "asked",
        "replied",
        "emailed",
        "texted",
        "called",
        "wants",
        "thinks",
        "didn't",
        "doesn't",
        "mentioned",
        "wrote",
        "apologised",
        "apologized",
        "approved",
        "confirmed",
        "responded",
        "answered",
        "invited",
        "introduced",
        "forgot",
        "forgets",
        "remembers",
        "knows",
        "owes",
    ]
)
_PERSON_AFTER = _PERSON_VERBS_STRONG | frozenset(
    [
        "covers",
        "covered",
        "picks",
        "picked",
        "wanted",
        "'s",
        "who",
        "spells",
        "gave",
        "liked",
        "agreed",
        "recommended",
        "might",
        "always",
        "never",
        "apparently",
        "still",
        "just",
    ]
)
_PLACE_WORDS_BEFORE = frozenset(
    ["to", "from", "in", "at", "near", "via", "around", "visit", "visiting"]
)
_ADVERBS = frozenset(["always", "never", "apparently", "still", "just", "already", "finally"])
# "go with Oyelowo, she knows...", "Haile's lab": the words after give a person away.
_PRONOUN_AFTER = re.compile(
    r",?\s+(?:she|he|they)\b|(?:'s|’s)\s+(?:lab|office|class|group|team|research|lecture|seminar)\b"
)
# "this is Ebere", "people call me Temka": the writer says a name.
_SELF_NAMING_BEFORE = re.compile(
    r"\b(?:this\s+is|i'?m|i\s+am|name\s+is|name'?s|call\s+me|calls\s+me|named|called)\s+$",
    re.IGNORECASE,
)
_NAMED_THING_LABELS = frozenset(
    {"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
    | {"DATE", "TIME", "ORGANIZATION", "LOCATION", "NRP"}
)


_GUESSED_LABELS = frozenset({"NORP", "NRP", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT"})


def _inside_named_thing(
    artifacts: NlpArtifacts | None, offset: int, labels: frozenset[str] = _NAMED_THING_LABELS
) -> bool:
    """Whether spaCy put this offset inside anything but a person."""
    if artifacts is None:
        return False
    return any(
        ent.start_char <= offset < ent.end_char and ent.label_ in labels
        for ent in artifacts.entities
    )


def _inside_other_entity(artifacts: NlpArtifacts | None, offset: int) -> bool:
    """Whether spaCy put this offset inside a place, organisation or date, not a person."""
    if artifacts is None:
        return False
    return any(
        ent.start_char <= offset < ent.end_char and ent.label_ in _PLACE_OR_TIME_LABELS
        for ent in artifacts.entities
    )


# Titles that are more often words ("papa ka number", "miss you", "father figure").
_WORD_LIKE_TITLES = frozenset(["miss", "pan", "don", "baba", "mama", "papa", "father", "sister"])


class HonorificNameRecognizer(PatternRecognizer):
    """Anyone named with a title: "prof okafor", "Dr. Fong", "ms alvarez"."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "rank then surname",
            rf"(?<=(?-i:\b(?:{'|'.join(MILITARY_RANKS)}))\.?[ ])(?-i:\p{{Lu}}[\p{{Ll}}'’-]+)",
            0.7,
        ),
        Pattern(
            "title then name",
            r"(?<=\b(?:dr|dra|prof|professor|doctor|mr|mrs|ms|mx|coach|dean)[. ])\s*(?!(?:of|and|the|for|at|in|office|"
            r"appointment|hours|visit|note|letter)\b)[^\W\d_][\w'’\u0300-\u036f-]{1,30}"
            r"(?:\s(?-i:[A-Z])[\w'’\u0300-\u036f-]+)?",
            0.7,
        ),
    ]
    # Titles that are also words ("miss", "don", "uncle"): the name after them must look
    # like one. Suffixed honorifics mark the word before them: "Kimura-san", "rohan-da".
    _WEAK_TITLE = regex.compile(
        r"(?<![\w])(?:mister|miss|madam|aunty|auntie|aunt|uncle|pani|pan|dona|don|señora|señor|sra|"
        r"sr|madame|mme|herr|frau|sri|smt|shri|baba|mama|papa|rabbi|pastor|imam|father|sister|"
        rf"reverend|rev|{FAMILY_TITLE_PATTERN})"
        r"\.?\s+(?P<name>[\p{L}\p{M}][\p{L}\p{M}'’-]+)",
        regex.IGNORECASE,
    )
    # Found from the suffix backwards: a pattern that starts at every word is ten times slower.
    _SUFFIX = regex.compile(
        r"(?:-(?:san|sensei|kun|chan|sama|ji|da|di|bhai)|\s+(?:sir|ji|bhai|bhaiya|akka|anna|didi|"
        r"chetta|chechi|abi|abla|hanım|hanim|bey|sensei|san|sahib|saab|ma'am))\b",
        regex.IGNORECASE,
    )
    _WORD_BEFORE = regex.compile(r"(?<![\w@.])(?P<name>[\p{L}\p{M}][\p{L}\p{M}'’]+)$")
    _WEAK_SCORE = 0.65

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = [
            result
            for result in super().analyze(text, entities, nlp_artifacts, regex_flags) or []
            if not self._word_after_title(text[result.start : result.end].split()[0])
        ]
        suffixed = [
            found
            for mark in self._SUFFIX.finditer(text)
            if (found := self._WORD_BEFORE.search(text, max(0, mark.start() - 40), mark.start()))
        ]
        for match in [*self._WEAK_TITLE.finditer(text), *suffixed]:
            name = match.group("name")
            lowered = name.lower()
            if lowered in STOP_WORDS or len(name) < 2:
                continue
            title = match.group(0).split()[0].lower().rstrip(".")
            plain = strip_accents(lowered)
            listed = plain in first_name_dictionary() or plain in surname_dictionary()
            if not name[:1].isupper() and (
                word_zipf(lowered) >= 4.0
                or len(name) < 3
                or (title in _WORD_LIKE_TITLES and not listed)
            ):
                continue  # "i miss home", "papa ka number"
            results.append(
                make_result(self, PERSON, match.start("name"), match.end("name"), self._WEAK_SCORE)
            )
        return results

    @staticmethod
    def _word_after_title(word: str) -> bool:
        """ "prof wants 8 pages", "Dean is his first name": a word, not a name, after it."""
        if word[:1].isupper():
            return False
        lowered = word.lower()
        plain = strip_accents(lowered)
        listed = plain in first_name_dictionary() or plain in surname_dictionary()
        return lowered in STOP_WORDS or (word_zipf(lowered) >= 4.0 and not listed)

    def __init__(self) -> None:
        super().__init__(
            supported_entity=PERSON, name="HonorificNameRecognizer", patterns=self.PATTERNS
        )
