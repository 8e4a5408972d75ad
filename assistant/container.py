"""The composition root: reads settings once and builds every component from them.

This is the only module that imports raw model backends; everything else receives the
:class:`~privacy.gateway.ModelGateway`. Components are built lazily so a CLI command loads
only what it uses.
"""

from __future__ import annotations

import logging
from functools import cached_property

from presidio_analyzer import AnalyzerEngine

from privacy.analyzer import build_analyzer
from privacy.audit import AuditSink, FanOutAuditSink, LoggingAuditSink, MemoryAuditSink
from privacy.entities import RedactionPolicy
from privacy.gateway import Embedder, Generator, ModelGateway
from privacy.redactor import Redactor
from privacy.vault import PseudonymVault, load_or_create_dev_key
from settings import Settings

log = logging.getLogger(__name__)


class Container:
    """Holds the application's components, each built on first use."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        generator: Generator | None = None,
        audit: AuditSink | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._embedder_override = embedder
        self._generator_override = generator
        self.recent_audit = MemoryAuditSink(limit=1_000)
        self._audit = audit or FanOutAuditSink(LoggingAuditSink(), self.recent_audit)

    @cached_property
    def analyzer(self) -> AnalyzerEngine:
        privacy = self.settings.privacy
        return build_analyzer(privacy.spacy_model, privacy.student_id_patterns)

    @cached_property
    def policy(self) -> RedactionPolicy:
        privacy = self.settings.privacy
        return RedactionPolicy.from_names(privacy.redact_entities, privacy.score_threshold)

    @cached_property
    def redactor(self) -> Redactor:
        return Redactor(self.analyzer, self.policy, batch_size=self.settings.privacy.batch_size)

    @cached_property
    def embedder(self) -> Embedder:
        if self._embedder_override is not None:
            return self._embedder_override
        from retrieval.embedder import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(self.settings.embedding_model_dir)

    @cached_property
    def generator(self) -> Generator | None:
        if self._generator_override is not None:
            return self._generator_override
        backend = self.settings.generation.backend
        if backend == "extractive":
            return None
        from assistant.llm_backends import build_generator

        return build_generator(self.settings.generation, self.settings.data_dir)

    @cached_property
    def gateway(self) -> ModelGateway:
        return ModelGateway(self.redactor, self.embedder, self.generator, self._audit)

    @cached_property
    def vault(self) -> PseudonymVault:
        key = self.settings.encryption_key
        if key is not None:
            return PseudonymVault(key.get_secret_value())
        # Settings refuse production without a key, so this is development mode.
        return PseudonymVault(load_or_create_dev_key(self.settings.data_dir / "secret.key"))
