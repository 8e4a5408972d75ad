"""The lean analysis path gives Presidio's own results, only faster."""

from __future__ import annotations

import gc

import pytest
import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult

from privacy.analyzer import DEFAULT_SPACY_MODEL, ChatAnalyzerEngine
from privacy.entities import DIRECT_IDENTIFIERS
from privacy.recognizers import RosterRecognizer
from privacy.redactor import Redactor

ENTITIES = sorted(DIRECT_IDENTIFIERS)

TEXTS = [
    "thx maria! call me at 617 555 0142 after 5",
    "my addy is 42 elm st apt 3b if u wanna mail the book back lol",
    "dob 03/14/2005 and my student id is N00482913",
    "ig is @jess.codes, portfolio at https://jessliu.dev",
    "text me on 555-0187, my cell",  # a 0.3 pattern that needs its context word to count
    "dr raman said the lab moved to Hayes Hall",
    "wire it to DE89 3704 0044 0532 0130 00 or card 4111 1111 1111 1111",
    "my laptop is on 192.168.1.20 and ssn 078-05-1120",
    "ok see u thursday!!",
    "Prof. Okafor and Kwame Mensah met at Deloitte in Chicago",
    # The word-set gates in front of slow patterns: a lowercase IBAN, titles after a name.
    "rent goes to es91 2100 0418 4502 0005 1332, ref 7781",
    "kenji-san and Tía Rosa said hi, ask Dra. Ruiz too",
    "14 Rue de Rivoli, 75004 Paris, then C/ Mayor 5",
]


def _spans(results: list[RecognizerResult]) -> list[tuple[str, int, int]]:
    # Scores may differ: the lean path does not raise a passing score with context words.
    assert all(r.score >= 0.4 for r in results)
    return sorted((r.entity_type, r.start, r.end) for r in results)


@pytest.mark.parametrize("text", TEXTS)
def test_lean_path_matches_presidio_path(analyzer: ChatAnalyzerEngine, text: str) -> None:
    roster: list[EntityRecognizer] = [RosterRecognizer(["Maria Lopez", "Kwame Mensah"])]
    artifacts = analyzer.nlp_engine.process_text(text, "en")
    request = {
        "entities": ENTITIES,
        "score_threshold": 0.4,
        "ad_hoc_recognizers": roster,
        "nlp_artifacts": artifacts,
    }
    lean = analyzer.analyze(text, "en", **request)  # type: ignore[arg-type]
    reference = AnalyzerEngine.analyze(analyzer, text, "en", **request)  # type: ignore[arg-type]
    assert _spans(lean) == _spans(reference)


def test_context_word_still_lifts_a_weak_pattern(analyzer: ChatAnalyzerEngine) -> None:
    cued = analyzer.analyze("my cell is 555-0187", "en", ENTITIES, score_threshold=0.4)
    bare = analyzer.analyze("the total was 555-0187", "en", ENTITIES, score_threshold=0.4)
    assert any(r.entity_type == "PHONE_NUMBER" for r in cued)
    assert not any(r.entity_type == "PHONE_NUMBER" for r in bare)


def test_gated_recognizers_are_skipped_on_texts_without_digits(
    analyzer: ChatAnalyzerEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    called: list[str] = []
    for recognizer in analyzer.registry.recognizers:
        original = recognizer.analyze

        name = str(recognizer.name)  # type: ignore[has-type]

        def spy(*args: object, _name: str = name, _f: object = original, **kw: object):  # type: ignore[no-untyped-def]
            called.append(_name)
            return _f(*args, **kw)  # type: ignore[operator]

        monkeypatch.setattr(recognizer, "analyze", spy)
    analyzer.analyze(
        "see you at the library, hope the bus is on time", "en", ENTITIES, score_threshold=0.4
    )
    assert "FirstNameRecognizer" in called  # names need no digit
    for skipped in ("ChatPhoneRecognizer", "CreditCardRecognizer", "EmailRecognizer"):
        assert skipped not in called


def test_decision_process_requests_take_presidios_path(analyzer: ChatAnalyzerEngine) -> None:
    results = analyzer.analyze(
        "call 617-555-0142", "en", ENTITIES, score_threshold=0.4, return_decision_process=True
    )
    assert results and results[0].analysis_explanation is not None


def test_lean_nlp_engine_drops_the_unused_tok2vec_with_the_same_entities(
    analyzer: ChatAnalyzerEngine,
) -> None:
    lean = analyzer.nlp_engine.nlp["en"]  # type: ignore[attr-defined]
    assert lean.pipe_names == ["ner"]
    full = spacy.load(DEFAULT_SPACY_MODEL)
    for text in TEXTS:
        assert [(e.start_char, e.end_char, e.label_) for e in lean(text).ents] == [
            (e.start_char, e.end_char, e.label_) for e in full(text).ents
        ]


def test_batch_restores_the_cycle_collector(redactor: Redactor) -> None:
    assert gc.isenabled()
    redactor.redact_batch(TEXTS)
    assert gc.isenabled()
    with pytest.raises(ValueError):
        redactor.redact_batch(["fine", 42])  # type: ignore[list-item]
    assert gc.isenabled()


def test_batch_artifacts_tokenise_the_whole_text_only_when_read(
    analyzer: ChatAnalyzerEngine,
) -> None:
    """Entities come from the NER windows; tokens, offsets and lemmas match the whole text."""
    engine = analyzer.nlp_engine
    nlp = engine.nlp["en"]  # type: ignore[attr-defined]
    texts = [t for t in TEXTS if t.strip()]
    for text, artifacts in engine.process_batch(texts, language="en"):
        assert "tokens" not in vars(artifacts)  # nothing read yet
        doc = nlp.make_doc(text)
        assert artifacts.tokens_indices == [t.idx for t in doc]
        assert artifacts.lemmas == [t.lower_ for t in doc]
        for entity in artifacts.entities:
            # Each entity still starts and ends on a token boundary of the whole text.
            assert doc.char_span(entity.start_char, entity.end_char) is not None
