"""The resource assistant: questions answered from the program's own resources, with citations,
or an honest "that isn't in the program's resources".

The question is redacted before it goes anywhere; retrieval is hybrid and filtered by the
asker's audience; the answer is a few sentences, each ending with a citation
``[Title · chunk id]``. A question that signals a crisis always gets the program's crisis
resources first, whatever else is found. An LLM backend may phrase the answer, but its
draft must pass :mod:`assistant.grounding`; otherwise the extractive composer answers.

Example::

    result = container.resource_assistant.ask("how do i get an internship", audience="mentee")
    print(result.answer, [c.chunk_id for c in result.citations])
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from assistant.composer import Passage, clean_sentence, pick_sentences, stem, terms
from assistant.grounding import Evidence, GroundingStats, Verdict, check_answer, check_claim
from assistant.prep.topics import crisis_signal
from privacy.gateway import GenerationUnavailable, ModelGateway
from privacy.pseudonyms import PLACEHOLDER_RE

if TYPE_CHECKING:
    from retrieval.documents import Hit
    from retrieval.search import ResourceSearch

AskAudience = Literal["mentor", "mentee", "all"]
EXTRACTIVE = "extractive"
MAX_QUESTION_CHARS = 2_000
DECLINE_TEXT = (
    "I couldn't find an answer to that in the program's resources. Please ask your mentor or "
    "the program staff; they can point you to the right person or office."
)
CRISIS_QUERY = "crisis suicide self-harm 988 lifeline emergency help right now counselor"
CRISIS_TOPICS = ("crisis", "suicide-prevention")
# Requests to change the assistant's role, reveal its instructions, or reach other people's
# records: declined without retrieval, so no passage can be bent to "support" them.
INJECTION_RE = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.?!]{0,40}\b(?:instructions?|rules?|prompt|guides?"
    r"|policy|polic(?:y|ies)|mentoring\s+stuff|previous|above)\b"
    r"|\bsystem\s*prompt\b|\b(?:system|assistant)\s*:|<!--|\byou\s+are\s+now\b|\bpretend\b"
    r"|\b(?:repeat|reveal|print|show|list)\b[^.?!]{0,40}\b(?:instructions|prompt|records|files|database)\b"
    r"|\bfrom\s+now\s+on\b|\bword\s+for\s+word\b|\bjailbreak\b|\bDAN\b"
    r"|\bwhich\s+(?:mentees|students)\s+are\b|\b(?:other\s+students?'?s?|all\s+student)\s+records\b",
    re.IGNORECASE,
)

# Individual professional advice (legal, medical, tax, investment) and specific records or
# facts a resource library cannot hold (someone's contact details, exam contents, admission
# results): pointing to staff is the honest answer, however well the words match a guide.
OUT_OF_SCOPE_RE = re.compile(
    r"\b(?:sue|lawsuit|lawyer|attorney|judge|court|dui|green\s+card|deport\w*|visa\s+expired"
    r"|write\s+a\s+will|damages)\b"
    r"|\b(?:mg|milligrams?|dosage|dose|diagnos\w*|mix\s+\w+\s+and\s+my|prescri\w+)\b"
    r"|\b(?:file|filing|do)\s+(?:my\s+)?taxes\b|\bwrite\s+off\b|\bcrypto\w*|\bindex\s+funds?\b|\bstocks?\b"
    r"|\b(?:personal|cell|home)\s+(?:cell\s+)?(?:number|phone|address|email)\b|\bpassword\b"
    r"|\bwhat\s+room\b|\bwhat\s+questions\s+will\b|\bdid\s+i\s+get\s+(?:in|into)\b"
    r"|\bacceptance\s+rate\b|\bhow\s+many\s+people\s+applied\b|\bexactly\s+when\b|\bwhen\s+exactly\b",
    re.IGNORECASE,
)

# "professor <PERSON_1>'s office hours", "is dr. <PERSON_1> a hard grader": the library has
# guides, not facts about named people.
_ABOUT_A_PERSON_RE = re.compile(
    r"\b(?:professor|prof|dr|mr|mrs|ms|dean|coach)\.?\s+<PERSON_\d+>", re.IGNORECASE
)


class Citation(BaseModel):
    """Where an answer sentence comes from."""

    chunk_id: str
    title: str
    section: str = Field(description="Section path inside the document, ' > '-joined.")
    source: str
    source_url: str | None = None


class AnswerSentence(BaseModel):
    text: str
    chunk_ids: list[str]


class GroundingInfo(BaseModel):
    """What the grounding check did: LLM drafts seen and rejected, and whether it fell back."""

    llm_backend: str | None = None
    drafts: int = 0
    rejected: int = 0
    fallback: bool = False
    reasons: list[str] = Field(default_factory=list)


class AskResult(BaseModel):
    """The assistant's answer. ``citations`` is empty exactly when it declines."""

    question_redacted: str
    answer: str
    sentences: list[AnswerSentence]
    citations: list[Citation]
    declined: bool
    crisis: bool = False
    backend: str
    grounding: GroundingInfo = Field(default_factory=GroundingInfo)


@dataclass(frozen=True)
class Answerability:
    """How well the retrieved passages cover the question (see :func:`coverage`)."""

    coverage: float
    best_relevance: float
    missing: tuple[str, ...]


def render(sentence: str, citations: Sequence[Citation]) -> str:
    """``sentence [Title · chunk id]`` (several citations are separated by ``;``)."""
    marks = "; ".join(f"{c.title} · {c.chunk_id}" for c in citations)
    return f"{sentence} [{marks}]"


RENDERED_CITATION_RE = re.compile(
    r"\[(?P<body>[^\[\]]*?· [0-9a-f]{8,64}(?:; [^\[\]]*?· [0-9a-f]{8,64})*)\]"
)


def rendered_chunk_ids(answer: str) -> list[list[str]]:
    """Per rendered sentence, the chunk ids it cites (for evaluations and tests)."""
    out: list[list[str]] = []
    for m in RENDERED_CITATION_RE.finditer(answer):
        out.append([part.rsplit("· ", 1)[1].strip() for part in m["body"].split("; ")])
    return out


def _near_word(term: str, vocabulary: set[str]) -> str | None:
    """The word of ``vocabulary`` that ``term`` is a typo of ("internshp", "finacial")."""
    if len(term) < 5 or term.isdigit():
        return None
    best: tuple[float, str] | None = None
    for word in vocabulary:
        if word[0] == term[0] and abs(len(word) - len(term)) <= 2:
            ratio = difflib.SequenceMatcher(None, term, word).ratio()
            if ratio >= 0.84 and (best is None or ratio > best[0]):
                best = (ratio, word)
    return best[1] if best else None


def _near(term: str, vocabulary: set[str]) -> bool:
    return _near_word(term, vocabulary) is not None


def corrected(question: str, hits: Sequence[Hit]) -> str:
    """The question with typos replaced by the passages' spelling, for sentence picking."""
    text = " ".join(f"{h.citation} {h.text}" for h in hits).lower().replace("’", "'")
    vocabulary = set(re.findall(r"[a-z]+", text.replace("'", "")))
    out = []
    for word in PLACEHOLDER_RE.sub(" ", question).split():
        bare = word.lower().strip(".,!?;:")
        fixed = None if bare in vocabulary else _near_word(bare, vocabulary)
        out.append(fixed or word)
    return " ".join(out)


def coverage(question: str, hits: Sequence[Hit]) -> Answerability:
    """The weighted share of the question's content terms found in the top passages.

    Typos count as found when they are close to a word of the passages. Numbers (course
    numbers, years) must be there exactly: "chem 210" is not "chem 101".
    """
    wanted = terms(PLACEHOLDER_RE.sub(" ", question))
    text = " ".join(f"{h.citation} {h.text}" for h in hits).lower().replace("’", "'")
    words = set(re.findall(r"[a-z0-9]+", text.replace("'", "")))
    have = set(stem(sorted(words))) | words
    total = sum(wanted.values()) or 1.0
    found = 0.0
    missing: list[str] = []
    for term, weight in wanted.items():
        if term in have or _near(term, have):
            found += weight
        else:
            missing.append(term)
    best = max((h.relevance for h in hits), default=0.0)
    return Answerability(found / total, best, tuple(missing))


def out_of_scope(question: str) -> str | None:
    """Why a (redacted) question is outside what a resource library should answer, if it is."""
    if INJECTION_RE.search(question):
        return "instructions or records request"
    if OUT_OF_SCOPE_RE.search(question):
        return "needs a professional or a specific record"
    if _ABOUT_A_PERSON_RE.search(question):
        return "about a named person"
    return None


class ResourceAssistant:
    """Answers from the resource library through the gateway and hybrid search."""

    def __init__(
        self,
        gateway: ModelGateway,
        search: ResourceSearch,
        *,
        use_llm: bool = False,
        max_new_tokens: int = 256,
        min_coverage: float = 0.4,
        max_sentences: int = 3,
    ) -> None:
        self.gateway = gateway
        self.search = search
        self.use_llm = use_llm and gateway.generator_name is not None
        self.max_new_tokens = max_new_tokens
        self.min_coverage = min_coverage
        self.max_sentences = max_sentences

    # -- public API ----------------------------------------------------------------------
    def ask(self, question: str, *, audience: AskAudience = "mentee", k: int = 4) -> AskResult:
        """Answer ``question`` for ``audience`` from at most ``k`` retrieved passages."""
        if not isinstance(question, str) or not question.strip():
            raise ValueError("question must be a non-empty string")
        if len(question) > MAX_QUESTION_CHARS:
            raise ValueError(f"question is longer than {MAX_QUESTION_CHARS} characters")
        if k < 1:
            raise ValueError("k must be positive")
        redacted = self.gateway.redactor.redact(question).redacted
        crisis = crisis_signal(redacted)
        crisis_hits = self._crisis_hits(audience) if crisis else []
        hits: list[Hit] = []
        if out_of_scope(redacted) is None:
            found = self.search.search(redacted, k=k, audience=audience)
            if found and self._covered(redacted, found):
                hits = found
        if not hits and not crisis_hits:
            return AskResult(
                question_redacted=redacted,
                answer=DECLINE_TEXT,
                sentences=[],
                citations=[],
                declined=True,
                backend=EXTRACTIVE,
            )
        return self._compose(redacted, hits, crisis_hits, crisis)

    def stream(
        self, question: str, *, audience: AskAudience = "mentee", k: int = 4
    ) -> Iterator[str]:
        """The answer in pieces, sentence by sentence, for server-sent events.

        Pieces are yielded only after the whole answer passed the grounding check: nobody
        sees a sentence that is later withdrawn.
        """
        for event in self.stream_events(question, audience=audience, k=k):
            if isinstance(event, str):
                yield event

    def stream_events(
        self, question: str, *, audience: AskAudience = "mentee", k: int = 4
    ) -> Iterator[str | AskResult]:
        """Text pieces, then the full :class:`AskResult` (citations, backend) as the last item."""
        result = self.ask(question, audience=audience, k=k)
        if result.declined:
            yield result.answer
        else:
            for i, sentence in enumerate(result.sentences):
                cited = [c for c in result.citations if c.chunk_id in sentence.chunk_ids]
                yield ("" if i == 0 else " ") + render(sentence.text, cited)
        yield result

    # -- internals -----------------------------------------------------------------------
    def _covered(self, question: str, hits: Sequence[Hit]) -> bool:
        measured = coverage(question, hits)
        if any(t.isdigit() and len(t) >= 3 for t in measured.missing):
            return False
        return measured.coverage >= self.min_coverage

    def _crisis_hits(self, audience: AskAudience) -> list[Hit]:
        hits = self.search.search(
            CRISIS_QUERY, k=2, audience=audience, topics=CRISIS_TOPICS, min_relevance=-1.0
        )
        if not hits:
            hits = [
                h
                for h in self.search.search(
                    CRISIS_QUERY, k=5, audience=audience, min_relevance=-1.0
                )
                if "crisis" in h.title.lower()
            ]
        return hits[:1]

    def _compose(
        self, question: str, hits: list[Hit], crisis_hits: list[Hit], crisis: bool
    ) -> AskResult:
        by_id = {h.chunk_id: h for h in [*crisis_hits, *hits]}
        crisis_sentences = self._crisis_sentences(crisis_hits)
        rest = [h for h in hits if h.chunk_id not in {c.chunk_id for c in crisis_hits}]
        grounding = GroundingInfo()
        body: list[AnswerSentence] = []
        backend = EXTRACTIVE
        if self.use_llm and rest:
            drafted, stats = self._llm_sentences(question, rest)
            grounding = GroundingInfo(
                llm_backend=self.gateway.generator_name,
                drafts=stats.drafts,
                rejected=stats.rejected,
                fallback=not drafted,
                reasons=stats.reasons[:10],
            )
            if drafted:
                body = drafted
                backend = self.gateway.generator_name or EXTRACTIVE
        if not body and rest:
            body = self._extractive_sentences(question, rest)
        sentences = crisis_sentences + body
        if not sentences:
            return AskResult(
                question_redacted=question,
                answer=DECLINE_TEXT,
                sentences=[],
                citations=[],
                declined=True,
                crisis=crisis,
                backend=backend,
                grounding=grounding,
            )
        order = list(dict.fromkeys(cid for s in sentences for cid in s.chunk_ids))
        citations = [_citation(by_id[cid]) for cid in order]
        cite_by_id = {c.chunk_id: c for c in citations}
        answer = " ".join(render(s.text, [cite_by_id[c] for c in s.chunk_ids]) for s in sentences)
        return AskResult(
            question_redacted=question,
            answer=answer,
            sentences=sentences,
            citations=citations,
            declined=False,
            crisis=crisis,
            backend=backend,
            grounding=grounding,
        )

    def _crisis_sentences(self, crisis_hits: list[Hit]) -> list[AnswerSentence]:
        if not crisis_hits:
            return []
        hit = crisis_hits[0]
        lead = "If you are in danger or thinking about hurting yourself, please reach out now."
        picked = pick_sentences(
            "call text 988 crisis lifeline counselor 24 hours immediate danger 911",
            [Passage(hit.chunk_id, hit.text, 0)],
            limit=2,
        )
        out = [AnswerSentence(text=p.text, chunk_ids=[hit.chunk_id]) for p in picked]
        if not out:
            out = [AnswerSentence(text=clean_sentence(hit.snippet), chunk_ids=[hit.chunk_id])]
        return [AnswerSentence(text=lead, chunk_ids=[hit.chunk_id]), *out]

    def _extractive_sentences(self, question: str, hits: list[Hit]) -> list[AnswerSentence]:
        passages = [Passage(h.chunk_id, h.text, i) for i, h in enumerate(hits)]
        picked = pick_sentences(corrected(question, hits), passages, limit=self.max_sentences)
        return [AnswerSentence(text=p.text, chunk_ids=[p.evidence_id]) for p in picked]

    def _llm_sentences(
        self, question: str, hits: list[Hit]
    ) -> tuple[list[AnswerSentence], GroundingStats]:
        from prompts import load_prompt

        stats = GroundingStats()
        aliases = {f"r:{i}": h for i, h in enumerate(hits, start=1)}
        passages = "\n\n".join(
            f"[{alias}] {h.citation}\n{' '.join(h.text.split())[:1200]}"
            for alias, h in aliases.items()
        )
        prompt = load_prompt("resource_answer").format(question=question, passages=passages)
        try:
            generation = self.gateway.generate(
                [("user", prompt)],
                caller="resource_assistant",
                purpose="answer",
                max_new_tokens=self.max_new_tokens,
            )
        except GenerationUnavailable as exc:
            stats.drafts += 1
            stats.rejected += 1
            stats.reasons.append(str(exc))
            return [], stats
        text = generation.text.strip()
        evidence = {
            alias: Evidence(alias, f"{h.citation}\n{h.text}", "resource")
            for alias, h in aliases.items()
        }
        if not text or "NOT_IN_RESOURCES" in text:
            # Retrieval and the coverage gate found an answer; the model's refusal is a
            # draft that failed, so the extractive composer answers instead.
            stats.add(Verdict(False, ("model replied NOT_IN_RESOURCES",)))
            return [], stats
        kept, failed = check_answer(text, evidence)
        for _ in kept:
            stats.add(Verdict(True))
        for verdict in failed:
            stats.add(verdict)
        if not kept:
            stats.drafts = max(stats.drafts, 1)
            stats.rejected = max(stats.rejected, 1)
        return [
            AnswerSentence(text=s, chunk_ids=[aliases[c].chunk_id for c in cited])
            for s, cited in kept[: self.max_sentences]
        ], stats


def _citation(hit: Hit) -> Citation:
    return Citation(
        chunk_id=hit.chunk_id,
        title=hit.title,
        section=" > ".join(hit.section_path),
        source=hit.source,
        source_url=hit.source_url,
    )


__all__ = [
    "DECLINE_TEXT",
    "AnswerSentence",
    "AskResult",
    "Citation",
    "GroundingInfo",
    "ResourceAssistant",
    "check_claim",
    "coverage",
    "render",
    "rendered_chunk_ids",
]
