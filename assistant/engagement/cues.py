"""Phrase patterns for the conversational cues we detect: questions, commitments,
follow-through, cancellations and brush-offs. Patterns only; no scoring here."""

from __future__ import annotations

import re

# Chat text uses curly apostrophes as often as straight ones; normalise before matching.
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


def normalise(text: str) -> str:
    """Lower-case and straighten apostrophes, keeping character offsets unchanged.

    Per-character lowering because a few characters (e.g. "İ") lower to two code
    points, which would shift the commitment span offsets we store."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_APOS))


# Verbs that make a future-tense statement an actionable commitment. Without this list
# "I'll be busy" or "I'm going to cry" would count as promises.
_ACTION_VERBS = (
    "send|email|e-mail|mail|text|message|msg|dm|call|phone|ring|apply|submit|finish|write|"
    "draft|read|check|look|share|book|schedule|reschedule|reach|contact|talk|speak|ask|bring|"
    "prepare|prep|update|review|sign|register|enrol|enroll|follow|start|complete|upload|fill|"
    "do|get|make|try|practi[cs]e|meet|forward|introduce|attend|research|edit|revise|fix|"
    "set|visit|join|go|find|work|study|put|pass|let|post|ping|remind|drop|chase|"
    "confirm|organi[sz]e|plan|book|print|save|add|polish|redo|rewrite|reply|respond|sort"
)

# First-person future forms. "going to" alone is allowed because chat drops the subject
# ("going to apply this week").
_FUTURE = (
    r"(?:\bi'?ll|\bi\s+will|\bi\s+shall|\bi'?m\s+(?:going\s+to|gonna)|\bi\s+am\s+(?:going\s+to|gonna)"
    r"|(?:^|(?<=[\s,.;!]))(?:going\s+to|gonna)|\bi\s+(?:plan|promise|intend|aim)\s+to"
    r"|\blet\s+me|\bwe'?ll|\bwe\s+will)"
)

COMMITMENT_RE = re.compile(
    _FUTURE
    + r"\s+(?:(?:definitely|try\s+to|try\s+and|also|just|then|still|probably|really|first)\s+)*"
    + r"(?:"
    + _ACTION_VERBS
    + r")\b[^.!?\n]*",
)
# "will do" / "on it" style acknowledgements accept a task without a verb phrase.
ACCEPT_RE = re.compile(r"^\s*(?:will\s+do|on\s+it|i'?m\s+on\s+it|consider\s+it\s+done)\b[^.!?\n]*")

# Negated or conditional futures are not commitments.
NEGATED_RE = re.compile(r"\b(?:won'?t|will\s+not|not\s+going\s+to|can'?t|cannot|if\s+i)\b")

FOLLOW_THROUGH_RE = re.compile(
    r"\b(?:(?:just\s+|finally\s+|already\s+)?(?:sent|emailed|e-mailed|mailed|texted|messaged|"
    r"called|applied|submitted|finished|wrote|drafted|uploaded|booked|scheduled|registered|"
    r"signed\s+up|completed|shared|forwarded|reached\s+out|talked\s+to|spoke\s+to|did\s+it|"
    r"read\s+it|checked|reviewed|updated|fixed|revised|attended|went|got\s+it\s+done)\b"
    r"|^\s*done\b|\ball\s+done\b|\bit'?s\s+done\b|\bhave\s+done\b|\bi'?ve\s+done\b)"
)

CANCELLATION_RE = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|won'?t\s+be\s+able\s+to|unable\s+to|not\s+able\s+to)\s+"
    r"(?:make\s+it|make|come|attend|meet|join|do)\b"
    r"|\b(?:need|have|had|want)\s+to\s+(?:reschedule|cancel|postpone|move|push|skip)\b"
    r"|\bcancel(?:l?ed|l?ing|s)?\b|\bcancellation\b|\breschedul(?:e|ing)\b|\bpostpon(?:e|ing)\b"
    r"|\bpush\s+(?:it|this|that|our|the)\s+(?:\w+\s+)?back\b|\bsomething\s+came\s+up\b"
    r"|\bskip\s+(?:this|our|the|today|tomorrow)\b"
)

# Replies that close a conversation down rather than continue it.
BRUSH_OFF_RE = re.compile(
    r"^\s*(?:sorry,?\s+)?(?:(?:really\s+|super\s+|very\s+|too\s+)?busy\b.*|swamped\b.*"
    r"|maybe\s+later|later|not\s+now|another\s+time|some\s+other\s+time|idk|dunno|i\s+don'?t\s+know"
    r"|whatever|k|kk|ok|okay|okk?|fine|sure|np|no\s+worries|meh|nah|hmm+|mm+|yeah|yep|yup|ya|"
    r"will\s+see|we'?ll\s+see|we\s+will\s+see|no\s+time.*|can'?t\s+talk.*|ttyl)"
    r"\s*[.!]*\s*$"
    r"|\bsorry,?\s+(?:i'?m\s+|been\s+|am\s+)?(?:really\s+|super\s+|very\s+|too\s+)?busy\b"
    r"|\b(?:too|super|really|very)\s+busy\s+(?:this|right|at|these)\b"
    r"|\bmaybe\s+later\b|\bno\s+time\s+(?:this|right|for)\b"
)

_AUX = r"(?:do|does|did|are|is|was|were|can|could|would|will|should|shall|have|has|may|might)"
_PRON = r"(?:you|u|we|i|they|he|she|it|there|that|this|your|my)"
QUESTION_START_RE = re.compile(
    r"(?:^|[.!;]\s+)(?:" + _AUX + r"(?:n'?t)?\s+" + _PRON + r"\b"
    r"|(?:what|how|when|where|why|who|which|whats|what's|hows|how's)\b"
    r"(?:\s+(?!i\b|you\b|we\b|they\b|he\b|she\b|it\b)\w+)?\s+(?:do|does|did|is|are|was|were|can|could|would|should|will|about|abt)\b"
    r"|any\s+(?:idea|ideas|thoughts|news|update|updates|luck|questions)\b"
    r"|(?:how|what)\s+about\b|wanna\b|want\s+to\s+\w+\s*$)"
)
