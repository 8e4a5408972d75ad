"""The model gateway: the only object that calls an embedder or a generator.

Every input is redacted first, every call leaves an audit event (counts, never text), and
callers receive the gateway instead of a raw model. The raw backends live in
``retrieval.embedder`` and ``assistant.llm_backends`` and are imported only by the
composition root (an import-linter contract checks this).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np
import numpy.typing as npt

from privacy.audit import AuditEvent, AuditSink, LoggingAuditSink
from privacy.pseudonyms import PseudonymMap

if TYPE_CHECKING:  # Presidio loads spaCy and transformers: only code that redacts needs it
    from privacy.redactor import Redactor

ChatRole = Literal["system", "user", "assistant"]


class Embedder(Protocol):
    """A raw embedding model. Only the gateway may hold one."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


class Generator(Protocol):
    """A raw text generator. Only the gateway may hold one."""

    name: str

    def generate(self, messages: Sequence[tuple[ChatRole, str]], max_new_tokens: int) -> str: ...


class GenerationUnavailable(RuntimeError):
    """No generator is configured, or the configured one failed."""


@dataclass(frozen=True)
class Generation:
    text: str
    backend: str
    redacted_entities: int


class ModelGateway:
    """Redacts, audits, then calls the model. Construct it in the composition root only."""

    def __init__(
        self,
        redactor: Redactor,
        embedder: Embedder,
        generator: Generator | None = None,
        audit: AuditSink | None = None,
    ) -> None:
        self._redactor = redactor
        self._embedder = embedder
        self._generator = generator
        self._audit = audit or LoggingAuditSink()

    @property
    def embedding_dimension(self) -> int:
        return self._embedder.dimension

    @property
    def embedder_name(self) -> str:
        return self._embedder.name

    @property
    def generator_name(self) -> str | None:
        return self._generator.name if self._generator is not None else None

    @property
    def redactor(self) -> Redactor:
        return self._redactor

    def embed(
        self, texts: Sequence[str], *, caller: str, purpose: str, names: Sequence[str] = ()
    ) -> npt.NDArray[np.float32]:
        """Embed texts after redacting them; returns an (n, dimension) float32 array."""
        if not texts:
            return np.zeros((0, self._embedder.dimension), dtype=np.float32)
        redactions = self._redactor.redact_batch(list(texts), names, pseudonyms=PseudonymMap())
        self._record(
            "embed",
            caller,
            purpose,
            self._embedder.name,
            texts,
            self._redactor.entity_counts(redactions),
        )
        return self._embedder.embed([r.redacted for r in redactions])

    def generate(
        self,
        messages: Sequence[tuple[ChatRole, str]],
        *,
        caller: str,
        purpose: str,
        names: Sequence[str] = (),
        max_new_tokens: int = 256,
    ) -> Generation:
        """Generate from chat messages after redacting every one of them."""
        if self._generator is None:
            raise GenerationUnavailable("no generation backend is configured")
        mapping = PseudonymMap()
        redactions = self._redactor.redact_batch(
            [text for _, text in messages], names, pseudonyms=mapping
        )
        counts = self._redactor.entity_counts(redactions)
        self._record(
            "generate", caller, purpose, self._generator.name, [t for _, t in messages], counts
        )
        safe = [(role, r.redacted) for (role, _), r in zip(messages, redactions, strict=True)]
        try:
            text = self._generator.generate(safe, max_new_tokens=max_new_tokens)
        except Exception as exc:  # any backend failure means: fall back, don't crash
            raise GenerationUnavailable(
                f"generation backend {self._generator.name!r} failed: {type(exc).__name__}"
            ) from exc
        return Generation(
            text=text, backend=self._generator.name, redacted_entities=sum(counts.values())
        )

    def _record(
        self,
        operation: str,
        caller: str,
        purpose: str,
        model: str,
        texts: Sequence[str],
        counts: Counter[str],
    ) -> None:
        self._audit.record(
            AuditEvent(
                caller=caller,
                purpose=purpose,
                model=model,
                operation=operation,
                n_inputs=len(texts),
                n_chars=sum(len(t) for t in texts),
                entity_counts=dict(counts),
            )
        )
