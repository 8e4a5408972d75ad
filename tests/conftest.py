"""Shared fixtures: the real Presidio analyzer and redactor, and recording fake models."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest

import privacy  # noqa: F401  (offline switches first)
from privacy.analyzer import build_analyzer
from privacy.entities import RedactionPolicy
from privacy.gateway import ChatRole
from privacy.redactor import Redactor


class RecordingEmbedder:
    """A fake embedder that remembers every text it was given (hash-seeded vectors)."""

    name = "recording-fake"
    dimension = 16

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.seen.extend(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, hash(word) % self.dimension] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        normalised: npt.NDArray[np.float32] = out / np.maximum(norms, 1e-9)
        return normalised


class RecordingGenerator:
    """A fake generator that remembers every prompt and answers with a fixed reply."""

    name = "recording-fake-llm"

    def __init__(self, reply: str = "ok") -> None:
        self.reply = reply
        self.seen: list[str] = []

    def generate(self, messages: Sequence[tuple[ChatRole, str]], max_new_tokens: int) -> str:
        self.seen.extend(text for _, text in messages)
        return self.reply


@pytest.fixture(scope="session")
def analyzer():  # type: ignore[no-untyped-def]
    return build_analyzer()


@pytest.fixture(scope="session")
def redactor(analyzer) -> Redactor:  # type: ignore[no-untyped-def]
    return Redactor(analyzer, RedactionPolicy())


@pytest.fixture
def recording_embedder() -> RecordingEmbedder:
    return RecordingEmbedder()


@pytest.fixture
def recording_generator() -> RecordingGenerator:
    return RecordingGenerator()
