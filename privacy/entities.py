"""Entity types the privacy layer knows, and the redaction policy that picks which go."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PERSON = "PERSON"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
PHONE_NUMBER = "PHONE_NUMBER"
STREET_ADDRESS = "STREET_ADDRESS"
STUDENT_ID = "STUDENT_ID"
ACCOUNT_NUMBER = "ACCOUNT_NUMBER"
US_SSN = "US_SSN"
CREDIT_CARD = "CREDIT_CARD"
IBAN_CODE = "IBAN_CODE"
IP_ADDRESS = "IP_ADDRESS"
PROFILE_URL = "PROFILE_URL"
SOCIAL_HANDLE = "SOCIAL_HANDLE"
DATE_OF_BIRTH = "DATE_OF_BIRTH"
# Quasi-identifiers kept by default because talking points need them.
LOCATION = "LOCATION"
ORGANIZATION = "ORGANIZATION"
URL = "URL"

DIRECT_IDENTIFIERS: frozenset[str] = frozenset(
    {
        PERSON,
        EMAIL_ADDRESS,
        PHONE_NUMBER,
        STREET_ADDRESS,
        STUDENT_ID,
        ACCOUNT_NUMBER,
        US_SSN,
        CREDIT_CARD,
        IBAN_CODE,
        IP_ADDRESS,
        PROFILE_URL,
        SOCIAL_HANDLE,
        DATE_OF_BIRTH,
    }
)
KNOWN_ENTITIES: frozenset[str] = DIRECT_IDENTIFIERS | {LOCATION, ORGANIZATION, URL}


@dataclass(frozen=True)
class RedactionPolicy:
    """Which entity types are removed. Anything not listed is left in the text."""

    redact: frozenset[str] = DIRECT_IDENTIFIERS
    score_threshold: float = 0.4
    # The program's own names ("Northbridge"), never taken for a person's; lowercase.
    keep_words: frozenset[str] = frozenset()

    @classmethod
    def from_names(
        cls, names: Iterable[str], score_threshold: float = 0.4, keep_words: Iterable[str] = ()
    ) -> RedactionPolicy:
        chosen = frozenset(n.strip().upper() for n in names if n.strip())
        unknown = sorted(chosen - KNOWN_ENTITIES)
        if unknown:
            raise ValueError(
                f"unknown entity types in redaction policy: {', '.join(unknown)}; "
                f"known: {', '.join(sorted(KNOWN_ENTITIES))}"
            )
        if not 0.0 <= score_threshold <= 1.0:
            raise ValueError("score_threshold must be between 0 and 1")
        kept = frozenset(w.strip().lower() for w in keep_words if w.strip())
        return cls(redact=chosen, score_threshold=score_threshold, keep_words=kept)
