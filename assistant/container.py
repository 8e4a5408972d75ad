"""The composition root: reads settings once and builds every component from them.

This is the only module that imports raw model backends; everything else receives the
:class:`~privacy.gateway.ModelGateway`. Components are built lazily so a CLI command loads
only what it uses.
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import TYPE_CHECKING

from privacy.audit import AuditSink, FanOutAuditSink, LoggingAuditSink, MemoryAuditSink
from privacy.entities import RedactionPolicy
from privacy.gateway import Embedder, Generator, ModelGateway
from privacy.vault import PseudonymVault, load_or_create_dev_key
from settings import Settings

# Heavy libraries are imported where a component is first built, so a command loads only
# what it uses: Presidio pulls in spaCy, transformers and torch; retrieval pulls in Chroma.
if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    import numpy.typing as npt
    from presidio_analyzer import AnalyzerEngine

    from assistant.ask import ResourceAssistant
    from assistant.auth import KeyStore
    from assistant.importers import Importer
    from assistant.prep.service import SessionPrep
    from assistant.store import ConversationStore
    from privacy.redactor import Redactor
    from retrieval.index import ResourceIndex
    from retrieval.ingest import ResourceIngestor
    from retrieval.search import ResourceSearch

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
        from privacy.analyzer import build_analyzer

        privacy = self.settings.privacy
        return build_analyzer(privacy.spacy_model, privacy.student_id_patterns)

    @cached_property
    def policy(self) -> RedactionPolicy:
        privacy = self.settings.privacy
        return RedactionPolicy.from_names(
            privacy.redact_entities, privacy.score_threshold, privacy.keep_words
        )

    @cached_property
    def redactor(self) -> Redactor:
        from privacy.redactor import Redactor

        return Redactor(self.analyzer, self.policy, batch_size=self.settings.privacy.batch_size)

    @cached_property
    def embedder(self) -> Embedder:
        if self._embedder_override is not None:
            return self._embedder_override
        from retrieval.embedder import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(
            self.settings.embedding_model_dir, threads=self.settings.retrieval.embed_threads
        )

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
    def resource_index(self) -> ResourceIndex:
        from retrieval.index import ResourceIndex
        from retrieval.vector_store import GatewayEmbeddings, VectorIndex, make_chroma_client

        vectors = self.settings.vectors
        client = make_chroma_client(
            vectors.backend, self.settings.chroma_path, vectors.host, vectors.port
        )
        embeddings = GatewayEmbeddings(
            self.gateway, batch_size=self.settings.retrieval.embed_batch_size
        )
        return ResourceIndex(
            self.settings.data_dir, VectorIndex(client, vectors.collection, embeddings)
        )

    @cached_property
    def resource_ingestor(self) -> ResourceIngestor:
        from retrieval.chunking import Chunker
        from retrieval.ingest import ResourceIngestor

        config = self.settings.retrieval
        chunker = Chunker(chunk_tokens=config.chunk_tokens, overlap_tokens=config.overlap_tokens)
        return ResourceIngestor(self.resource_index, chunker)

    @cached_property
    def resource_search(self) -> ResourceSearch:
        from retrieval.fusion import FusionConfig
        from retrieval.search import ResourceSearch

        config = self.settings.retrieval
        fusion = FusionConfig(
            method=config.fusion,
            keyword_weight=config.keyword_weight,
            dense_weight=config.dense_weight,
        )
        return ResourceSearch(self.resource_index, fusion, min_relevance=config.min_relevance)

    @cached_property
    def encryption_key(self) -> str:
        key = self.settings.encryption_key
        if key is not None:
            return key.get_secret_value()
        # Settings refuse production without a key, so this is development mode.
        return load_or_create_dev_key(self.settings.data_dir / "secret.key")

    @cached_property
    def vault(self) -> PseudonymVault:
        return PseudonymVault(self.encryption_key)

    @cached_property
    def store(self) -> ConversationStore:
        from assistant.store import ConversationStore, FieldSealer

        return ConversationStore.from_url(
            self.settings.resolved_database_url, self.vault, FieldSealer(self.encryption_key)
        )

    @cached_property
    def importer(self) -> Importer:
        from assistant.importers import Importer

        gateway = self.gateway

        def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
            return gateway.embed(texts, caller="importer", purpose="uptake")

        return Importer(self.store, self.redactor, embed)

    @cached_property
    def api_keys(self) -> KeyStore:
        from assistant.auth import KeyStore

        return KeyStore(self.store.engine)

    @cached_property
    def session_prep(self) -> SessionPrep:
        from assistant.prep.service import SessionPrep

        return SessionPrep(
            self.store,
            self.gateway,
            self.resource_search,
            use_llm=self.generator is not None,
            max_new_tokens=self.settings.generation.max_new_tokens,
        )

    @cached_property
    def resource_assistant(self) -> ResourceAssistant:
        from assistant.ask import ResourceAssistant

        return ResourceAssistant(
            self.gateway,
            self.resource_search,
            use_llm=self.generator is not None,
            max_new_tokens=self.settings.generation.max_new_tokens,
        )
