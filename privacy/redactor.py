"""Redaction: find personal data with Presidio and replace it with consistent placeholders.

``Redactor.redact`` handles one text; ``Redactor.redact_batch`` is the path for imports and
ingestion: spaCy runs once over the whole batch with ``nlp.pipe``, duplicate texts are
analysed once, and only the recognizers for the policy's entity types run.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from spacy.lang.en.stop_words import STOP_WORDS

from privacy import names
from privacy.entities import PERSON, STREET_ADDRESS, RedactionPolicy
from privacy.places import PLACE_BEFORE, known_place
from privacy.pseudonyms import PLACEHOLDER_RE, PseudonymMap
from privacy.recognizers import (
    CALENDAR_WORDS,
    FAMILY_TITLES,
    HOLIDAY_GREETINGS,
    US_STATE_AFTER,
    RosterRecognizer,
    ambiguous_name_word,
    common_first_names,
    english_word,
    everyday_abroad,
    first_name_dictionary,
    roster_forms,
    said_of_a_person,
    strip_accents,
    strip_honorific,
    surname_dictionary,
    word_zipf,
)

DEFAULT_MAX_CHARS = 200_000
# Chat words spaCy's small model likes to call people ("Thx", "Hey Lol").
_NOT_NAMES = (
    frozenset(
        [
            "hi",
            "hey",
            "hello",
            "thx",
            "thanks",
            "ty",
            "lol",
            "omg",
            "ok",
            "okay",
            "yes",
            "yeah",
            "yep",
            "nope",
            "sure",
            "cool",
            "great",
            "congrats",
            "btw",
            "fyi",
            "idk",
            "tbh",
            "asap",
            "pls",
            "plz",
            "sorry",
            "haha",
            "hmm",
            "np",
            "yay",
            "wow",
            "nice",
            "dear",
            "salam",
            "salaam",
            "shalom",
            "namaste",
            "hola",
            "i'm",
            "im",
        ]
    )
    | HOLIDAY_GREETINGS
)


_STRUCTURED = "StructuredNameRecognizer"
# Letters and their combining marks (decomposed accents as in "Me\u0301ndez", Devanagari
# vowel signs), in words.
_NAME_RUN = regex.compile(r"\p{L}[\w\p{M}.'’-]*(?:[ \t]+\p{L}[\w\p{M}.'’-]*)*")


class RedactionError(ValueError):
    """A text that cannot be redacted. The message never contains the text itself."""


@dataclass(frozen=True)
class DetectedEntity:
    """One span of personal data, with offsets into the original text."""

    type: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Redaction:
    """A redacted text and what was removed from it (types and offsets, never values)."""

    redacted: str
    entities: tuple[DetectedEntity, ...] = ()

    def counts(self) -> Counter[str]:
        return Counter(e.type for e in self.entities)


@dataclass
class _Job:
    text: str
    names: tuple[str, ...]
    results: list[RecognizerResult] = field(default_factory=list)


@lru_cache(maxsize=256)
def _roster_recognizer(names: tuple[str, ...]) -> RosterRecognizer:
    return RosterRecognizer(roster_forms(names))


def check_text(text: object, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Validate one input; raise :class:`RedactionError` with a reason, never the text."""
    if not isinstance(text, str):
        raise RedactionError(f"text must be a string, got {type(text).__name__}")
    if len(text) > max_chars:
        raise RedactionError(f"text is {len(text):,} characters; the limit is {max_chars:,}")
    return text


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the length of one batch.

    A batch allocates many short-lived, acyclic objects (spaCy docs, results), which set
    off full collections over the half a million objects the models keep alive: a fifth
    of the batch time. Reference counting still frees them at once; cycles wait until
    the batch ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Redactor:
    """Presidio analysis plus pseudonymisation under a :class:`RedactionPolicy`."""

    def __init__(
        self,
        analyzer: AnalyzerEngine,
        policy: RedactionPolicy | None = None,
        *,
        max_chars: int = DEFAULT_MAX_CHARS,
        batch_size: int = 64,
    ) -> None:
        self.analyzer = analyzer
        self.policy = policy or RedactionPolicy()
        self.max_chars = max_chars
        self.batch_size = batch_size
        self._anonymizer = AnonymizerEngine()  # type: ignore[no-untyped-call]
        self._entities = sorted(self.policy.redact)

    # -- detection -------------------------------------------------------------------
    def _analyze(
        self, text: str, names: tuple[str, ...], artifacts: NlpArtifacts | None
    ) -> list[RecognizerResult]:
        if not text.strip():
            return []
        ad_hoc: list[EntityRecognizer] | None = (
            [_roster_recognizer(names)] if names and PERSON in self.policy.redact else None
        )
        found = self.analyzer.analyze(
            text=text,
            language="en",
            entities=self._entities,
            score_threshold=self.policy.score_threshold,
            ad_hoc_recognizers=ad_hoc,
            nlp_artifacts=artifacts,
        )
        return _clean(text, found, self.policy.keep_words)

    def detect(self, text: str, names: Sequence[str] = ()) -> list[DetectedEntity]:
        """The personal data the policy removes from ``text``, merged and in order."""
        check_text(text, self.max_chars)
        return [_entity(r) for r in self._analyze(text, tuple(names), None)]

    def detect_batch(
        self,
        texts: Sequence[str],
        names: Sequence[str] = (),
        *,
        names_per_text: Sequence[Sequence[str]] | None = None,
    ) -> list[list[DetectedEntity]]:
        """Batch detection: one spaCy pass over the unique texts of the batch."""
        jobs = self._run_batch(texts, names, names_per_text)
        return [[_entity(r) for r in job.results] for job in jobs]

    def _run_batch(
        self,
        texts: Sequence[str],
        names: Sequence[str],
        names_per_text: Sequence[Sequence[str]] | None,
    ) -> list[_Job]:
        if names_per_text is not None and len(names_per_text) != len(texts):
            raise ValueError("names_per_text must have one entry per text")
        shared = tuple(names)
        jobs: list[_Job] = []
        unique: dict[tuple[str, tuple[str, ...]], _Job] = {}
        for i, text in enumerate(texts):
            check_text(text, self.max_chars)
            key = (text, tuple(names_per_text[i]) if names_per_text is not None else shared)
            job = unique.get(key)
            if job is None:
                job = unique[key] = _Job(text=key[0], names=key[1])
            jobs.append(job)
        pending = [job for job in unique.values() if job.text.strip()]
        with _cyclic_gc_paused():
            artifacts = self.analyzer.nlp_engine.process_batch(
                [job.text for job in pending], language="en", batch_size=self.batch_size
            )
            for job, (_, nlp_artifacts) in zip(pending, artifacts, strict=True):
                job.results = self._analyze(job.text, job.names, nlp_artifacts)
        return jobs

    # -- redaction -------------------------------------------------------------------
    def redact(
        self, text: str, names: Sequence[str] = (), pseudonyms: PseudonymMap | None = None
    ) -> Redaction:
        """Redact one text. Pass the conversation's ``pseudonyms`` to keep placeholders stable."""
        check_text(text, self.max_chars)
        names_t = tuple(names)
        return self._apply(text, names_t, self._analyze(text, names_t, None), pseudonyms)

    def redact_batch(
        self,
        texts: Sequence[str],
        names: Sequence[str] = (),
        *,
        names_per_text: Sequence[Sequence[str]] | None = None,
        pseudonyms: PseudonymMap | None = None,
    ) -> list[Redaction]:
        """Redact many texts at once, in order; placeholders are shared through ``pseudonyms``."""
        with _cyclic_gc_paused():
            jobs = self._run_batch(texts, names, names_per_text)
            return [self._apply(job.text, job.names, job.results, pseudonyms) for job in jobs]

    def _apply(
        self,
        text: str,
        names: tuple[str, ...],
        results: list[RecognizerResult],
        pseudonyms: PseudonymMap | None,
    ) -> Redaction:
        if not results:
            return Redaction(redacted=text)
        mapping = pseudonyms if pseudonyms is not None else PseudonymMap()
        canonical = _roster_recognizer(names).canonical if names else {}

        def operator(entity_type: str) -> OperatorConfig:
            def replace(value: str) -> str:
                key = " ".join(value.lower().split())
                bare = strip_honorific(key)
                known = canonical.get(key) or canonical.get(bare)
                return mapping.placeholder(entity_type, value, known)

            return OperatorConfig("custom", {"lambda": replace})

        operators = {etype: operator(etype) for etype in {r.entity_type for r in results}}
        anonymized = self._anonymizer.anonymize(
            text=text,
            analyzer_results=results,  # type: ignore[arg-type]
            operators=operators,
            merge_entities_with_spaces=False,
        )
        return Redaction(redacted=anonymized.text, entities=tuple(_entity(r) for r in results))

    def entity_counts(self, redactions: Iterable[Redaction]) -> Counter[str]:
        total: Counter[str] = Counter()
        for redaction in redactions:
            total.update(redaction.counts())
        return total


def _entity(result: RecognizerResult) -> DetectedEntity:
    return DetectedEntity(
        type=result.entity_type, start=result.start, end=result.end, score=round(result.score, 3)
    )


def _clean(
    text: str, results: list[RecognizerResult], keep_words: frozenset[str] = frozenset()
) -> list[RecognizerResult]:
    """Drop chat-word false positives and placeholders, then merge overlapping spans.

    Overlaps are merged rather than dropped: losing half of an address to a clash with a
    person name would leak the other half.
    """
    protected = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
    kept: list[RecognizerResult] = []
    for result in results:
        value = text[result.start : result.end]
        if any(result.start < end and start < result.end for start, end in protected):
            continue
        if result.entity_type == PERSON:
            trimmed = _NAME_RUN.search(value)
            source = _recognizer(result)
            # A capitalised roster name is a name even when it spells a chat word ("Ty").
            roster_capital = source == "RosterRecognizer" and value[:1].isupper()
            if trimmed is None or (_unlikely_name(trimmed.group(0)) and not roster_capital):
                continue
            # spaCy sometimes runs a name into a number ("Gary Pruitt 617-555-0101") or takes
            # the verb before it ("Call Jane Doe"): keep the name part only.
            start, end = result.start + trimmed.start(), result.start + trimmed.end()
            if "\n" in text[start:end]:  # "Daniel Frost\nEarly Careers": a name ends its line
                end = start + text[start:end].index("\n")
            if source == "SpacyRecognizer":  # the roster and titles know better
                titled = _TITLE_BEFORE.search(text, max(0, start - 12), start) is not None
                if not titled:  # "professor wu": the title says the word is a name
                    start, end = _trim_common_words(text, start, end)
                    start, end = names.trim_statistical_span(text, start, end)
                if (
                    end > start
                    and not titled
                    and not names.plausible_statistical_name(text[start:end])
                ):
                    continue  # "Registrar", "Spring", "Pfizer": words and brands the model guessed
                if known_place(text[start:end].lower()) and not said_of_a_person(text, start, end):
                    continue  # "address in Amman", "From Cali to the Cloud": the model's guess
            if end <= start:
                continue
            if source != "RosterRecognizer":
                start, end = names.trim_titles(text, start, end)
                words = re.findall(r"[^\W\d_][\w'’-]*", text[start:end].lower())
                if keep_words and words and all(w in keep_words for w in words):
                    continue  # the program's own name
                if end <= start:
                    continue
                span_words = text[start:end].split()
                last_word = span_words[-1].lower().strip(".")
                if len(span_words) > 1 and span_words[0].lower() in names.INSTITUTION_FIRST_WORDS:
                    continue  # "Universität Heidelberg", "Museo Frida Kahlo": a place or body
                # A form field or speaker label says the word is a name ("Name: Park, Min-jun").
                place_word = (
                    last_word in names.INSTITUTION_WORDS or last_word in names.ROLE_WORDS
                ) and source != _STRUCTURED
                if names.is_institution(text, end) or place_word:
                    continue  # "Hayes Hall", "Georgia Tech": a place or body, not a person
            if (
                source not in ("RosterRecognizer", "HonorificNameRecognizer")
                and _AFTER_THE.search(text, max(0, start - 5), start)
                and not _PEOPLE_NOUN_AFTER.match(text, end)
            ):
                continue  # "the Dell table", "the Rhodes deadline": a thing named after someone
            if (
                source != "RosterRecognizer"
                and " " not in text[start:end]
                and _STREET_NAME_BEFORE.search(text, max(0, start - 45), start)
            ):
                continue  # "the apartment on Elm", "corner of Ridge and Leverington": streets
            if source != "RosterRecognizer" and _place_or_label(text, start, end):
                continue
            if source != "RosterRecognizer" and (
                text[start:end] in _KINSHIP_WORDS
                or (text.startswith(":", end) and text[start:end].lower() in _KINSHIP_LABELS)
            ):
                continue  # "ni lola", "mummy ji", "zahra jaan": what family are called
            if source != "RosterRecognizer" and _in_sign_off(text, start, end):
                continue  # "Pozdrawiam,\nPedro Alves": the closing, not a second person
            start = names.extend_name(text, start)
            end = names.extend_name_forward(text, end)
            if text[end - 2 : end] in ("'s", "’s"):
                end -= 2  # the labelling rules keep the possessive out
            result = RecognizerResult(PERSON, start, end, result.score)
        kept.append(result)
    kept.extend(_addressees(text, kept))
    kept.extend(_other_mentions(text, kept))
    kept.extend(_rest_of_name_list(text, kept))
    kept.extend(_other_half_of_pair(text, kept))
    kept = _outside_named_things(text, kept)  # after spreading: "Morgan Lee" is no "Morgan Stanley"
    kept.sort(key=lambda r: (r.start, -r.end))
    merged: list[RecognizerResult] = []
    for result in kept:
        last = merged[-1] if merged else None
        if last is not None and _one_name(text, last, result):
            merged[-1] = RecognizerResult(
                PERSON, last.start, result.end, max(last.score, result.score)
            )
        elif last is not None and result.start < last.end:
            winner = result if result.score > last.score else last
            merged[-1] = RecognizerResult(
                entity_type=winner.entity_type,
                start=last.start,
                end=max(last.end, result.end),
                score=max(last.score, result.score),
            )
        else:
            merged.append(result)
    return merged


# Lowercase words for family and loved ones that chat uses as names; capitalised, some are
# names too ("Lola", "Nana").
_KINSHIP_WORDS = frozenset(
    [
        "mummy",
        "mommy",
        "mama",
        "mami",
        "mamá",
        "mamã",
        "papi",
        "papa",
        "papá",
        "daddy",
        "jaan",
        "jaanu",
        "janu",
        "beta",
        "bhai",
        "didi",
        "dadi",
        "dada",
        "nani",
        "nana",
        "nonna",
        "nonno",
        "lola",
        "lolo",
        "abuela",
        "abuelo",
        "abuelita",
        "abuelito",
        "mija",
        "mijo",
        "habibi",
        "habibti",
        "yaar",
        "ate",
        "kuya",
        "tita",
        "tito",
        "oma",
        "opa",
        "baba",
        "ammi",
        "abbu",
        "amma",
        "appa",
        "ayah",
        "ibu",
        "vovó",
        "vovô",
        "avó",
        "avô",
        "tía",
        "tío",
        "tia",
        "tio",
        "bibi",
        "mzee",
        "shangazi",
        "bhaiya",
        "bhaiyya",
        "chacha",
        "chachi",
        "gogo",
        "koro",
        "nain",
        "babcia",
        "dziadek",
        "teta",
        "jiddo",
        "halmeoni",
        "oppa",
        "unnie",
        "noona",
        "hyung",
    ]
)
# What a family group chat shows as the sender: "Mami: ...", "Ba: ...", "Mẹ: ...".
_KINSHIP_LABELS = _KINSHIP_WORDS | frozenset(
    ["ba", "mẹ", "má", "bố", "mom", "dad", "mum", "mother", "father", "grandma", "grandpa"]
)
_TITLE_BEFORE = regex.compile(
    r"(?<![\w])(?:dr|dra|prof|professor|doctor|mr|mrs|ms|mx)\.?[ \t]+$", regex.IGNORECASE
)
_AFTER_THE = regex.compile(r"(?<![\w])the[ \t]+$", regex.IGNORECASE)
# A place, then "on": the word after is a street ("my old place on Raymond", "the new
# Trader Joe's on Boylston"); and both words of "corner of X and Y".
_STREET_NAME_BEFORE = regex.compile(
    r"(?<![\w])(?:(?:place|apartment|apt|house|flat|store|shop|gallery|cafe|café|restaurant|"
    r"pickup|office|building|spot|location|parking|bar|gym|joe's|market|church|station)"
    r"[ \t]+(?:[\w'’]+[ \t]+){0,3}?on|corner[ \t]+of(?:[ \t]+[\w'’]+[ \t]+(?:and|&))?)[ \t]+$",
    regex.IGNORECASE,
)
# ... unless people follow: "the Reyes kid", "the Okafor twins".
_PEOPLE_NOUN_AFTER = regex.compile(
    r"[ \t]+(?:kid|kids|family|twins|girl|girls|boy|boys|guy|guys|brothers|sisters|sibs)\b",
    regex.IGNORECASE,
)
# A closing line ("Hilsen,", "Con cariño,", "With patience and gratitude,") right above a
# short signature line.
_SIGN_OFF_LINE = regex.compile(
    r"(?m)^[ \t]*(?:[\p{L}\p{M}'’!]+[ \t]+){0,4}[\p{L}\p{M}'’!]+,[ \t]*\n"
)
_SIGNATURE_WORD = (
    r"(?:\p{Lu}[\p{L}\p{M}.'’-]*|de|da|do|dos|das|del|della|van|von|der|den|la|le|bin|al|el)"
)
_SIGNATURE_LINE = regex.compile(
    rf"\G[ \t]*(?:{_SIGNATURE_WORD}[ \t]+){{0,4}}{_SIGNATURE_WORD}[ \t]*(?:\n|$)"
)


_COMPASS = frozenset(["north", "south", "east", "west"])
_WORD_BEFORE = regex.compile(r"([\p{L}.]+)[ \t]+$")
# Titles said before a name, not the roles a form's labels name ("MENTOR STIPEND:").
_HONORIFICS = names.TITLE_WORDS - names.ROLE_WORDS
_PLACE_PREFIX_BEFORE = regex.compile(
    r"(?<![\w])(?:san|santa|santo|são|st\.?|saint|fort|ft\.?|port|mount|mt\.?)[ \t]+$",
    regex.IGNORECASE,
)


_FLOOR_AFTER = regex.compile(r"[ \t]+\d{1,2}(?:st|nd|rd|th)[ \t]+(?:fl\b|floor)", regex.IGNORECASE)
_NUMBER_BEFORE = regex.compile(r"\b\d{1,2}[ \t]+$")


def _place_or_label(text: str, start: int, end: int) -> bool:
    """A span that reads as a place, a body or a form label, not a person.

    "Major:", "Payer IBAN:" (a label: common words, none a given name, before a colon);
    "West Village", "Stetson East" (a compass word); "Juárez FC", "TU Berlin" (an acronym
    beside a name); "Redmond, WA" (a state code after); "San Antonio" (a place's prefix).
    """
    words = [w.strip(".,'’") for w in text[start:end].split()]
    lowered = [w.lower() for w in words]
    # "FC", "CU", "REU"; not a surname written in capitals ("LIN Xiaoming").
    acronym = [
        2 <= len(w) <= 4 and w.isalpha() and w.isupper() and w.lower() not in surname_dictionary()
        for w in words
    ]
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    titled = before is not None and (
        before.group(1).lower().rstrip(".") in _HONORIFICS
        or before.group(1).lower() in FAMILY_TITLES
    )
    # "Killa M:": a rare word and an initial is a chat speaker, not a label.
    speaker = len(words) == 2 and len(words[1]) == 1 and words[1].isupper()
    if (
        text.startswith(":", end)
        and not titled
        and not (speaker and word_zipf(lowered[0]) < 3.0)
        and all(
            (a or word_zipf(x) >= 3.0 or (word_zipf(x) >= 2.0 and not names.known_name(x)))
            and x not in common_first_names()
            for a, x in zip(acronym, lowered, strict=True)
        )
    ):
        return True
    if lowered == ["bill"] and text[max(0, start - 3) : start] == "GI ":
        return True  # the GI Bill, veterans' education benefits
    if _FLOOR_AFTER.match(text, end):
        return True  # "(Cabot 2nd fl)", "Snell 2nd floor, room 212": a building
    if len(words) == 1 and lowered[0] in _COMPASS and _NUMBER_BEFORE.search(text, 0, start):
        return True  # "unit secretary on 6 West": a hospital ward
    if len(words) == 2 and (
        lowered[0] in _COMPASS
        or (lowered[1] in _COMPASS and lowered[0] not in common_first_names())
    ):
        return True
    if len(words) > 1 and any(acronym) and any(not w.isupper() for w in words):
        return True
    return bool(US_STATE_AFTER.match(text, end) and text.startswith(",", end)) or bool(
        _PLACE_PREFIX_BEFORE.search(text, max(0, start - 8), start)
    )


_LINE_END = regex.compile(r"[ \t!.]*\n")
_DIGIT = regex.compile(r"\d")


def _in_sign_off(text: str, start: int, end: int) -> bool:
    """Whether a span lies in a closing line that a signature follows."""
    line_start = text.rfind("\n", 0, start) + 1
    line = _SIGN_OFF_LINE.match(text, line_start)
    if line is None:
        if not _LINE_END.match(text, end):
            return False
        # A closing written without its comma: "Viele Grüße\nLaura Fischer".
        name_start = names.closing_before_name(text, line_start)
        return name_start is not None and end <= name_start and "\n" in text[end:name_start]
    return end <= line.end() and _SIGNATURE_LINE.match(text, line.end()) is not None


# Between two parts of one name: a quoted nickname ('Oluwakemi "Kemi" Adeyemi-Hart').
_NICKNAME_GAP = re.compile(r"[ \t]*[\"“”‘’'][ \t]*|[ \t]+")


def _one_name(text: str, first: RecognizerResult, second: RecognizerResult) -> bool:
    """Two person spans that are one name: capitalised, and apart by a space or quote."""
    if first.entity_type != PERSON or second.entity_type != PERSON or second.start < first.end:
        return False
    gap = text[first.end : second.start]
    return (
        _NICKNAME_GAP.fullmatch(gap) is not None
        and text[first.start : first.start + 1].isupper()
        and text[second.start : second.start + 1].isupper()
    )


_LIST_ITEM = r"(?-i:\p{Lu})[\p{Ll}\p{M}'’-]+(?:[ \t](?-i:\p{Lu})[\p{Ll}\p{M}'’-]+)?"
_NAME_LIST = regex.compile(
    rf"{_LIST_ITEM}(?:,[ \t]*(?:(?:and|&)[ \t]+)?{_LIST_ITEM}){{2,}}(?:,?[ \t]+(?:and|&)[ \t]+{_LIST_ITEM})?"
)
_LIST_SPLIT = regex.compile(r",[ \t]*(?:(?:and|&)[ \t]+)?|,?[ \t]+(?:and|&)[ \t]+")
# The same in lowercase chat, joined by "n" and "+" too: "vale, juanpa, cata and dieguito".
_LOWER_WORD = r"(?-i:\p{Ll})[\p{Ll}\p{M}'’-]*(?-i:\p{Ll})"
_LOWER_SEPARATOR = r"(?:,[ \t]*(?:(?:and|&|n)[ \t]+)?|,?[ \t]+(?:and|&|n|\+)[ \t]+|[ \t]*\+[ \t]*)"
_LOWER_NAME_LIST = regex.compile(
    rf"(?<![\w'’@.-]){_LOWER_WORD}(?:{_LOWER_SEPARATOR}{_LOWER_WORD}){{2,}}(?![\w'’@-])"
)
_LOWER_LIST_SPLIT = regex.compile(_LOWER_SEPARATOR)
_LIST_MARKS = (",", "+", "&", " and ", " n ")
_LIST_PRONOUNS = frozenset(["me", "u", "you", "i"])


_NAMED_LIKE_PEOPLE = Path(__file__).with_name("named_like_people.txt")
_LETTER_RUN = regex.compile(r"[\p{L}\p{M}]+")


@lru_cache(maxsize=1)
def _named_things() -> tuple[regex.Pattern[str], frozenset[str]]:
    """Organisations and places named like people ("Morgan Stanley", "Ben & Jerry's"), and
    the words in them: a text runs the pattern only when a person span holds one."""
    lines = _NAMED_LIKE_PEOPLE.read_text(encoding="utf-8").splitlines()
    entries = sorted({ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}, key=len)
    body = "|".join(regex.escape(e).replace(r"\ ", r"[ \t]+") for e in reversed(entries))
    words = frozenset(w.lower() for e in entries for w in _LETTER_RUN.findall(e))
    return regex.compile(rf"(?<![\w@.])(?:{body})(?![\w@])", regex.IGNORECASE), words


def _outside_named_things(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Drop person spans that lie inside an organisation or place named like people."""
    pattern, words = _named_things()
    if not any(
        r.entity_type == PERSON
        and any(w.lower() in words for w in _LETTER_RUN.findall(text, r.start, r.end))
        for r in results
    ):
        return results
    things = [m.span() for m in pattern.finditer(text)]
    if not things:
        return results
    return [
        r
        for r in results
        if r.entity_type != PERSON or not any(s <= r.start and r.end <= e for s, e in things)
    ]


def _addressees(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """People named on the line above a mailing address."""
    found = []
    for result in results:
        if result.entity_type != STREET_ADDRESS:
            continue
        span = names.addressee_before(text, result.start)
        if span and not any(r.start < span[1] and span[0] < r.end for r in results):
            found.append(RecognizerResult(PERSON, span[0], span[1], 0.6))
    return found


def _ordinary_words(item: str, common_zipf: float) -> bool:
    """Whether a list item holds a place or body word, a date word or a common word."""
    return any(
        w in names.INSTITUTION_WORDS or w in CALENDAR_WORDS or word_zipf(w) >= common_zipf
        for w in item.lower().split()
    )


def _rest_of_name_list(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """In a list that is mostly people ("Adeyemi, Rossi, Kowalczyk, Nakashima"), the rest
    of its items are people too, unless they are places, bodies or ordinary words."""
    people = [(r.start, r.end) for r in results if r.entity_type == PERSON]
    if len(people) < 2 or sum(text.count(mark) for mark in _LIST_MARKS) < 2:
        return []  # three items need two separators
    found = []
    for pattern, split in ((_NAME_LIST, _LIST_SPLIT), (_LOWER_NAME_LIST, _LOWER_LIST_SPLIT)):
        lower = pattern is _LOWER_NAME_LIST
        for match in pattern.finditer(text):
            items, position = [], match.start()
            for piece in split.split(match.group(0)):
                start = text.index(piece, position)
                items.append((start, start + len(piece)))
                position = start + len(piece)
            # "me + kenz + abby": the writer counts among the people listed.
            named = [
                any(s < e2 and s2 < e for s2, e2 in people)
                or (lower and text[s:e] in _LIST_PRONOUNS)
                for s, e in items
            ]
            # ... and so do first names no English dictionary lists ("vale, juanpa, cata").
            listed = [
                lower
                and strip_accents(text[s:e]) in first_name_dictionary()
                and _lowercase_list_name(text[s:e])
                and word_zipf(text[s:e]) < 3.8
                for s, e in items
            ]
            people_like = sum(a or b for a, b in zip(named, listed, strict=True))
            if people_like * 2 < len(items) or (not any(named) and sum(listed) < 2):
                continue
            for (start, end), is_named in zip(items, named, strict=True):
                value = text[start:end]
                if is_named or _ordinary_words(value, 3.8 if lower else 4.0):
                    continue
                if lower and not _lowercase_list_name(value):
                    continue
                found.append(RecognizerResult(PERSON, start, end, 0.5))
    return found


def _lowercase_list_name(value: str) -> bool:
    """A lowercase word among names that may be one: no English or everyday foreign word,
    unless a name dictionary lists it ("vale", "cata", "juanpa")."""
    plain = strip_accents(value)
    return (
        value not in STOP_WORDS
        and not everyday_abroad(plain)
        and not known_place(plain)
        and (plain in first_name_dictionary() or not english_word(plain))
    )


_NAME_PAIR = regex.compile(rf"({_LIST_ITEM})[ \t]+(?:and|&|\+)[ \t]+({_LIST_ITEM})(?![\w'’-])")
# The same in lowercase chat ("yuki and ren said"), where the other half must be a name
# some dictionary lists: lowercase words are mostly just words.
_LOWER_ITEM = r"(?-i:\p{Ll})[\p{Ll}\p{M}'’-]+"
_LOWER_NAME_PAIR = regex.compile(
    rf"(?<![\w'’-])({_LOWER_ITEM})[ \t]+(and|&|\+|n)[ \t]+({_LOWER_ITEM})(?![\w'’-])"
)
# A doorbell or mailbox shared by two households: "Klingel: Weber/Nowak".
_SLASH_PAIR = regex.compile(
    r"(?<![\w/])((?-i:\p{Lu})[\p{Ll}\p{M}'’-]{2,})/((?-i:\p{Lu})[\p{Ll}\p{M}'’-]{2,})(?![\w/])"
)
_PAIR_MARKS = (" and ", "&", "+", " n ", "/")
# "me n ebuka", "me + aarav", "him n tre": the writer and someone else.
_WITH_ME = regex.compile(
    rf"(?<![\w'’-])(?:me|him|her)[ \t]*(?:and|&|\+|n)[ \t]+({_LOWER_ITEM})(?![\w'’@-])"
)


def _other_half_of_pair(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """ "meeting Thandiwe and Lerato": a rare capitalised word paired with a person is one."""
    if not any(mark in text for mark in _PAIR_MARKS):
        return []
    people = [(r.start, r.end) for r in results if r.entity_type == PERSON]
    found = []
    for pattern in (_NAME_PAIR, _LOWER_NAME_PAIR, _SLASH_PAIR):
        for match in pattern.finditer(text):
            first, second = match.span(1), match.span(match.lastindex or 2)
            named = [any(s < b and a < e for s, e in people) for a, b in (first, second)]
            if named[0] == named[1]:
                continue
            start, end = second if named[0] else first
            value = text[start:end]
            lower = pattern is _LOWER_NAME_PAIR
            # A listed lowercase name may be a little commoner as a word ("ren", 3.5).
            if _ordinary_words(value, 3.8 if lower else 3.0) or any(
                known_place(w) for w in value.lower().split()
            ):
                continue
            if lower and not (
                strip_accents(value) in first_name_dictionary()
                or (
                    match.group(2) in ("n", "+")
                    and word_zipf(value) < 2.6
                    and _lowercase_list_name(value)
                )
            ):
                continue  # "dre n nico": a rare word beside a name, in texting, may be one too
            found.append(RecognizerResult(PERSON, start, end, 0.5))
    for match in _WITH_ME.finditer(text):
        value = match.group(1)
        start, end = match.span(1)
        if any(s < end and start < e for s, e in people) or not _lowercase_list_name(value):
            continue
        known = strip_accents(value) in first_name_dictionary()
        if word_zipf(value) < (4.0 if known else 3.0):
            found.append(RecognizerResult(PERSON, start, end, 0.5))
    return found


def _other_mentions(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Once a word is known to be a name in a text, every other mention of it is too.

    "its dr. fong now, fong retired": the title gives the first mention away, not the second.
    """
    # A name-like word inside an address ("1200-123 Lisboa") is part of the address: it
    # says nothing about the same word elsewhere.
    addresses = [(r.start, r.end) for r in results if r.entity_type == STREET_ADDRESS]
    words = {
        w.lower()
        for r in results
        if r.entity_type == PERSON and not any(a <= r.start and r.end <= b for a, b in addresses)
        for w in re.findall(r"[^\W\d_][\w'-]{2,}", text[r.start : r.end])
        if w.lower() not in _NOT_NAMES
    }
    if not words:
        return []
    pattern = re.compile(
        r"(?<![\w@.])(" + "|".join(map(re.escape, sorted(words))) + r")(?![\w@])", re.IGNORECASE
    )
    # "may can we push to may?": a name that is also a word spreads only in capitals.
    return [
        RecognizerResult(PERSON, m.start(), m.end(), 0.6)
        for m in pattern.finditer(text)
        if (
            m.group(1)[:1].isupper()
            or not ambiguous_name_word(m.group(1).lower())
            or any(r.start == m.start() for r in results)
        )
        # "mateo en santiago": a name that is also a city stays a city after "en" or "in".
        and not (
            known_place(m.group(1).lower())
            and PLACE_BEFORE.search(text, max(0, m.start() - 20), m.start())
        )
    ]


_EDGE_WORD = re.compile(r"[^\W\d_][\w.'’\u0300-\u036f-]*")
# A word this common that is not a first name is no part of a name ("Call", "my").
_COMMON_ZIPF = 4.5


def _recognizer(result: RecognizerResult) -> str:
    metadata = result.recognition_metadata or {}
    return str(metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, ""))


def _is_common_word(word: str) -> bool:
    lowered = word.lower().strip(".'")
    if lowered in _NOT_NAMES or lowered in STOP_WORDS:
        return True
    return lowered not in first_name_dictionary() and word_zipf(lowered) >= _COMMON_ZIPF


def _trim_common_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a person span past common words at either edge."""
    words = list(_EDGE_WORD.finditer(text, start, end))
    while words and _is_common_word(words[0].group(0)):
        if len(words) > 1 and names.given_name_first(text, words[0], words[1]):
            break
        words.pop(0)
    while words and _is_common_word(words[-1].group(0)):
        words.pop()
    return (words[0].start(), words[-1].end()) if words else (start, start)


def _unlikely_name(value: str) -> bool:
    words = re.findall(r"[^\W\d_][\w']*", value.lower())
    return not words or all(w in _NOT_NAMES for w in words) or _DIGIT.search(value) is not None
