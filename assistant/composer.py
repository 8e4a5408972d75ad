"""The extractive composer: answers built only from sentences that are already in the evidence.

No model is involved, so it is deterministic and grounded by construction: every sentence
it returns is a (lightly cleaned) sentence of a cited passage. It is the default backend
and the fallback whenever an LLM draft fails the grounding check.

Example::

    picked = pick_sentences("how do i get an internship", passages, limit=3)
    for s in picked:
        print(s.text, s.evidence_id)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_STOP = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "im",
        "ive",
        "id",
        "ill",
        "dont",
        "cant",
        "wont",
        "whats",
        "hows",
        "get",
        "got",
        "getting",
        "go",
        "going",
        "gonna",
        "wanna",
        "want",
        "like",
        "really",
        "also",
        "still",
        "need",
        "know",
        "think",
        "make",
        "much",
        "many",
        "thing",
        "things",
        "way",
        "something",
        "anything",
        "someone",
        "anyone",
        "one",
        "ok",
        "okay",
        "pls",
        "please",
        "help",
        "tell",
        "u",
        "ur",
        "r",
        "thx",
        "thanks",
        "hi",
        "hey",
        "does",
        "anybody",
        "anyone",
        "else",
    ]
)
_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9'’]*")
_CLOCK_RE = re.compile(r"^\d+(?:am|pm|st|nd|rd|th|s)$")
_MARKDOWN_RE = re.compile(r"\*\*|__|`|^#+\s*|^\s*(?:[-*•]|\d+[.)])\s+", re.MULTILINE)
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])|\n+")


@dataclass(frozen=True)
class Passage:
    """A citable text: its evidence id, text, and rank among the retrieved passages (0 best)."""

    evidence_id: str
    text: str
    rank: int = 0


@dataclass(frozen=True)
class PickedSentence:
    text: str
    evidence_id: str
    score: float
    position: int


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("english")


def stem(words: Sequence[str]) -> list[str]:
    return list(_stemmer().stemWords(list(words)))  # type: ignore[attr-defined]


@lru_cache(maxsize=16384)
def term_weight(term: str) -> float:
    """Rarer words say more about what a question is after (wordfreq Zipf scale)."""
    from wordfreq import zipf_frequency

    return max(0.5, 7.0 - zipf_frequency(term, "en"))


def content_words(text: str) -> list[str]:
    """Lower-cased words minus stop words, in order, de-duplicated."""
    flat = text.lower().replace("’", "'")
    words = [w.replace("'", "") for w in _TOKEN_RE.findall(flat)]
    return list(
        dict.fromkeys(
            w for w in words if w and w not in _STOP and len(w) > 1 and not _CLOCK_RE.match(w)
        )
    )


def terms(text: str) -> dict[str, float]:
    """Stemmed content terms with their weights."""
    words = content_words(text)
    return {s: term_weight(w) for w, s in zip(words, stem(words), strict=True)}


def clean_sentence(text: str) -> str:
    """A sentence without markdown emphasis, bullets or heading marks, on one line."""
    flat = _MARKDOWN_RE.sub("", text)
    return " ".join(flat.split()).strip()


def sentences_of(text: str) -> list[str]:
    """Sentences of a passage; bullet and heading lines count as their own sentences."""
    out: list[str] = []
    for raw in _SENTENCE_RE.split(text):
        sentence = clean_sentence(raw)
        if sentence:
            out.append(sentence)
    return out


def _is_usable(sentence: str) -> bool:
    words = sentence.split()
    if not 5 <= len(words) <= 70:
        return False
    return sentence[-1] in ".!?:)\"'" or len(words) >= 8


def pick_sentences(
    query: str,
    passages: Sequence[Passage],
    *,
    limit: int = 3,
    per_passage: int = 2,
    min_score: float = 0.0,
) -> list[PickedSentence]:
    """The passages' sentences that share the most (rare) words with ``query``.

    Ordered as the passages are ranked, then as they appear in their passage, so the answer
    reads in a sensible order.
    """
    wanted = terms(query)
    scored: list[PickedSentence] = []
    for passage in passages:
        for position, sentence in enumerate(sentences_of(passage.text)):
            if not _is_usable(sentence):
                continue
            have = terms(sentence)
            overlap = sum(w for t, w in wanted.items() if t in have)
            if overlap <= min_score:
                continue
            # Earlier passages and earlier sentences win ties: they are the better hits.
            score = overlap - 0.3 * passage.rank - 0.02 * position
            scored.append(PickedSentence(sentence, passage.evidence_id, score, position))
    scored.sort(key=lambda s: -s.score)
    chosen: list[PickedSentence] = []
    used: dict[str, int] = {}
    for candidate in scored:
        if used.get(candidate.evidence_id, 0) >= per_passage:
            continue
        if any(candidate.text == c.text for c in chosen):
            continue
        chosen.append(candidate)
        used[candidate.evidence_id] = used.get(candidate.evidence_id, 0) + 1
        if len(chosen) >= limit:
            break
    rank = {p.evidence_id: p.rank for p in passages}
    chosen.sort(key=lambda s: (rank[s.evidence_id], s.position))
    return chosen


def quote(text: str, around: str | None = None, limit: int = 140) -> str:
    """A short quote from ``text``: the sentence holding ``around`` (or the first one), cut
    at a word boundary with an ellipsis when it is too long."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()] or [text]
    chosen = sentences[0]
    if around:
        low = around.lower()
        for s in sentences:
            if low in s.lower():
                chosen = s
                break
    chosen = " ".join(chosen.split())
    if len(chosen) <= limit:
        return chosen
    if around and around.lower() in chosen.lower():
        start = chosen.lower().index(around.lower())
        begin = max(0, start - limit // 2)
        begin = chosen.rfind(" ", 0, begin) + 1 if begin else 0
        piece = chosen[begin : begin + limit]
        cut = piece.rfind(" ")
        piece = piece[: cut if cut > limit // 2 else limit]
        return ("…" if begin else "") + piece.strip() + "…"
    cut = chosen.rfind(" ", 0, limit)
    return chosen[: cut if cut > limit // 2 else limit].rstrip(",;:") + "…"
