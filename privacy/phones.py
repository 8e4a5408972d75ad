"""Phone numbers as people type, space and say them, in many countries.

Presidio's phonenumbers-based recognizer validates numbers, so it drops fictional 555-01xx
numbers, national forms with a trunk 0 ("07700 900 456", "030/1234567") and much chat
spacing. Here a number is any run of digit groups of phone length, scored by its shape and
by the words around it: a leading "+44" or "(617)" is a phone by itself, a bare group of
digits needs a cue such as "call" or "whatsapp", and "order", "zoom id" or "pnr" before it
rule it out.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from privacy.entities import CREDIT_CARD, PHONE_NUMBER, STUDENT_ID
from privacy.recognizers import make_result

# Extensions, in the languages of the numbers: "poste 214", "Durchwahl 12", "ramal 3".
_EXTENSION = r"(?:x|ext\.?|extension|poste|durchwahl|dw\.?|anexo|interno|int\.|ramal|内线|分机)"
# Digit groups joined by one separator ("617 555 0142", "+49 (0)30 1234567", "030/1234567").
_SEP = r"(?:[ \t]?[-./][ \t]?|[ \t]|[ \t]?\((?:0|\d{1,4})\)[ \t]?)"
_CANDIDATE = re.compile(
    r"(?<![\w+#$£€/.,:-])(?<!\d[ .-])"
    r"(?P<number>(?:(?:\+|00)[ \t]?)?(?:[(\[][ \t]?\d{1,5}[ \t]?[)\]][ \t]?-?[ \t]?\d{1,10}|\d{1,12})"
    rf"(?:{_SEP}\d{{1,10}})*"
    rf"(?:,?[ \t]*{_EXTENSION}[ \t]?\d{{1,5}})?)"
    r"(?![\w/%€$£])(?!\.\d)(?!-\d)",
    re.IGNORECASE,
)
# Words that say a phone number follows; "number" alone also follows "ticket" and "order".
_STRONG_CUES = re.compile(
    r"\b(?:call|calls|called|calling|text|texts|txt|phone|ph|cell|cel|celu|mobile|mob|line|tel|"
    r"telephone|whatsapp|wa|landline|gsm|fixo|fijo|celular|telemóvel|handy|festnetz|keitai|ring|"
    r"reach|fax|switchboard|direct|sms|signal|viber|hp|zap|m|t|p|c|o|llámame|llamame|llama|"
    r"llamar|llamada|teléfono|telefono|móvil|movil|ligar|ligue|liga|appelle|appeler|"
    r"téléphone|portable|numéro|anrufen|ruf|telefon|chiamami|cellulare|telefone|"
    r"número|numero)\b\.?:?"
    # "her number is", "my # is": whose number it is, after any "zoom" or "order" before it.
    r"|\b(?:my|her|his|their|your|ur|our)\s+(?:number|num|no\.|#)|手机|手機|电话|電話|微信|携帯|전화|핸드폰|휴대폰|연락처",
    re.IGNORECASE,
)
_WEAK_CUES = re.compile(r"\b(?:number|no|num|contact|office)\b", re.IGNORECASE)
_NOT_PHONE_CUES = re.compile(
    r"\b(?:meeting\s*id|webinar\s*id|zoom|passcode|pin|order|tracking|ticket|(?<!\bin\s)case|confirmation|"
    r"conf|ref|reference|pnr|isbn|invoice|account|acct|routing|iban|card|ssn|gps|po|id|flight|"
    r"booking|reservation|locator|receipt|serial|version|v|claim|policy|(?:student|banner|employee|badge)\s*(?:id|no|#|"
    r"number)|sid|room|"
    r"gpa|ein|tax|vat|batch|lot|sku|item|code|crn|mpesa)\b",
    re.IGNORECASE,
)
# A date, or a date and the hour of a timestamp ("08/21/2024 14:02").
_DATE_SHAPE = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?:[ \t]+\d{1,2})?$"
)
# A US number as one field of a comma-separated row ("N00640391,832-555-0127,..."): the
# candidate pattern refuses a comma before, which mostly starts "1,234,567".
_CSV_US_FIELD = re.compile(r"(?<=[\w],)\d{3}[-.]\d{3}[-.]\d{4}(?=,|$)", re.MULTILINE)
_US = re.compile(
    r"^(?:\+?1[ .-]?)?(?:[(\[][ ]?\d{3}[ ]?[)\]][ ]?|\d{3}[ .-]?[ ]?[-./]?[ ]?)\d{3}[ ]?[ .-]?[ ]?\d{4}"
)


# National forms with no trunk 0: Chinese mobiles ("138 0013 8000") and nine digits grouped
# as in Spain and Italy ("612 34 56 78", "612 345 678").
_WRAPPED = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}(?:[ \t]?(?:\(\d{1,5}\)|\d{1,5})){1,4}[ \t]*\n[ \t]*\d{1,5}(?:[ -]\d{1,5}){0,3}(?![\w-])"
)
_SPACED_SLASH = re.compile(r"[ \t]+/[ \t]*|[ \t]*/[ \t]+")
_NATIONAL_SHAPES = re.compile(
    r"^(?:1[3-9]\d[ -]\d{4}[ -]\d{4}|[6-9]\d{2}(?:[ .]\d{2}){3}|[6-9]\d{2}[ .]\d{3}[ .]\d{3})$"
)


class ChatPhoneRecognizer(EntityRecognizer):
    """Phone numbers in chat: US, international and national forms, with extensions.

    >>> r = ChatPhoneRecognizer()
    >>> [x.entity_type for x in r.analyze("ring 07700 900 456 after 6", ["PHONE_NUMBER"])]
    ['PHONE_NUMBER']
    """

    INTERNATIONAL_SCORE = 0.75
    US_SCORE = 0.7
    NATIONAL_SCORE = 0.6
    BARE_SCORE = 0.45
    CUE_BONUS = 0.3
    WEAK_SCORE = 0.3  # a short or odd group of digits: only with a cue

    def __init__(self) -> None:
        super().__init__(supported_entities=[PHONE_NUMBER], name="ChatPhoneRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for match in _CANDIDATE.finditer(text):
            number = match.group("number").rstrip(" \t")
            start = match.start("number")
            for piece_start, piece in self._pieces(number, start):
                score = self._score(piece, text[max(0, piece_start - 40) : piece_start])
                if score > 0:
                    results.append(
                        make_result(
                            self, PHONE_NUMBER, piece_start, piece_start + len(piece), score
                        )
                    )
        if "\n" in text:
            results.extend(
                make_result(self, PHONE_NUMBER, start, end, self.INTERNATIONAL_SCORE)
                for start, end in self._wrapped(text)
            )
        if "," in text:
            results.extend(
                make_result(self, PHONE_NUMBER, m.start(), m.end(), self.US_SCORE)
                for m in _CSV_US_FIELD.finditer(text)
            )
        return results

    @staticmethod
    def _wrapped(text: str) -> list[tuple[int, int]]:
        """International numbers a signature wrapped onto two lines ("+353 87 555\n0193")."""
        spans = []
        for match in _WRAPPED.finditer(text):
            joined = re.sub(r"\s*\n\s*", " ", match.group(0))
            if 8 <= sum(c.isdigit() for c in joined) <= 15:
                spans.append(match.span())
        return spans

    def _pieces(self, number: str, start: int) -> list[tuple[int, str]]:
        """A spaced slash joins "030 / 901820" but parts a label's fields ("12477 / 845-555-0116")."""
        parts = list(_SPACED_SLASH.finditer(number))
        if not parts:
            return [(start, number)]
        pieces = []
        offset = 0
        for part in [*parts, None]:
            end = part.start() if part else len(number)
            pieces.append((start + offset, number[offset:end]))
            offset = part.end() if part else offset
        if any(self._score(p, "") >= self.NATIONAL_SCORE for _, p in pieces):
            return pieces
        return [(start, number)]

    def _score(self, number: str, before: str) -> float:
        core = re.split(rf"(?i),?\s*{_EXTENSION}\s?\d", number)[0]
        digits = sum(c.isdigit() for c in core)
        if not 7 <= digits <= 15 or _DATE_SHAPE.match(core):
            return 0.0
        groups = re.findall(r"\d+", core)
        near = before[-25:].rsplit("\n", 1)[-1]  # a cue on the line above says nothing
        strong = [m.end() for m in _STRONG_CUES.finditer(near)]
        against = [m.end() for m in _NOT_PHONE_CUES.finditer(near)]
        if against and (not strong or strong[-1] < against[-1]):
            return 0.0  # "order 4471-2093", "ticket number is ...", unless "call" comes after
        cued = bool(strong) or bool(_WEAK_CUES.search(near))
        if core.startswith(("+", "00")) and digits >= 8:
            score = self.INTERNATIONAL_SCORE
        elif _US.match(core) and digits in (10, 11):
            score = self.US_SCORE
        elif (
            core.lstrip("(").startswith("0") and 9 <= digits <= 12 and len(groups) >= 2
        ) or _NATIONAL_SHAPES.match(core):
            score = self.NATIONAL_SCORE
        elif len(groups) == 1 and digits in (10, 11):
            score = self.BARE_SCORE
        else:
            score = self.WEAK_SCORE
        if cued:
            score = min(1.0, score + self.CUE_BONUS)
        return score


_DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_UNIT = r"(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|\d)"
_REPEAT = r"(?:(?:double|triple)\s+)"
# Seven or more spoken or spaced digits: "six one seven five five five ...", "6 1 7 5 5 5".
_SPOKEN = re.compile(
    rf"(?<![\w-])(?P<prefix>n(?:\s+as\s+in\s+[a-z]+)?[ -]?)?{_REPEAT}?{_UNIT}(?:[ \t]*[,.-]?[ \t]+{_REPEAT}?{_UNIT}|(?<=\d)\d){{6,}}"
    rf"(?:,?\s+(?:extension|ext\.?|x)\s+{_UNIT}(?:\s+{_UNIT}){{0,4}})?(?![\w-])",
    re.IGNORECASE,
)
_CARD_CUE = re.compile(r"\b(?:card|visa|mastercard|amex|cc)\b", re.IGNORECASE)
_STUDENT_CUE = re.compile(
    r"\b(?:student|banner|employee|staff)\s*(?:id|number|no|#)(?:\W+(?:is|was|reads))?\W{0,8}$",
    re.I,
)


class SpokenDigitsRecognizer(EntityRecognizer):
    """Identifiers read out or spaced out: what voice-to-text and careful typists produce.

    Seven or more digits in words or one at a time become a phone number, or a student ID
    after an "N" or a student-ID cue.
    """

    SCORE = 0.6
    GATE: ClassVar[re.Pattern[str]] = re.compile(
        rf"\b{_UNIT}[ \t]*[,.-]?[ \t]+{_UNIT}[ \t]*[,.-]?[ \t]+{_UNIT}\b", re.IGNORECASE
    )

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[PHONE_NUMBER, STUDENT_ID, CREDIT_CARD],
            name="SpokenDigitsRecognizer",
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for match in _SPOKEN.finditer(text):
            words = re.findall(r"[a-z]+|\d", match.group(0).lower())
            tokens = re.findall(r"[a-z]+|\d+", match.group(0).lower())
            if sum(w.isdigit() or w in _DIGIT_WORDS for w in words) < 7 or len(tokens) < 5:
                continue  # a plain digit run is ChatPhoneRecognizer's
            if self.GATE.search(match.group(0)) is None:
                continue  # "3704 0044 0532": grouped digits, not digits one at a time
            before = text[max(0, match.start() - 25) : match.start()]
            student_cue = _STUDENT_CUE.search(text, 0, match.start()) is not None
            digits = sum(w.isdigit() or w in _DIGIT_WORDS for w in words)
            if _CARD_CUE.search(before) and 13 <= digits <= 19:
                results.append(
                    make_result(self, CREDIT_CARD, match.start(), match.end(), self.SCORE)
                )
                continue  # a card number read out: "card number four two four two ..."
            if _NOT_PHONE_CUES.search(before) and not (match.group("prefix") or student_cue):
                continue
            if all(w in ("o", "oh", "one") for w in words if not w.isdigit()) and not any(
                w.isdigit() for w in words
            ):
                continue  # "oh one one oh" without other digits is chat, not a number
            student = bool(match.group("prefix")) or student_cue
            entity = STUDENT_ID if student else PHONE_NUMBER
            results.append(make_result(self, entity, match.start(), match.end(), self.SCORE))
        return results
