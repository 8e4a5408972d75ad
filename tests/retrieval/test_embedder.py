"""The embedder's torch thread setting applies only around its own encode calls."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import torch

from retrieval.embedder import SentenceTransformerEmbedder, torch_threads


@pytest.fixture
def threads_before() -> Iterator[int]:
    before = torch.get_num_threads()
    torch.set_num_threads(3)
    yield 3
    torch.set_num_threads(before)


def test_torch_threads_restores_the_previous_count(threads_before: int) -> None:
    with torch_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == threads_before
    with pytest.raises(RuntimeError), torch_threads(2):
        raise RuntimeError("encode failed")
    assert torch.get_num_threads() == threads_before
    with torch_threads(None):
        assert torch.get_num_threads() == threads_before


class _FakeModel:
    def __init__(self) -> None:
        self.threads_seen: list[int] = []

    def encode(self, texts: list[str], **_: Any) -> np.ndarray[Any, Any]:
        self.threads_seen.append(torch.get_num_threads())
        return np.ones((len(texts), 4), dtype=np.float32)


def _embedder(threads: int | None) -> tuple[SentenceTransformerEmbedder, _FakeModel]:
    # The real constructor loads the model; the thread handling is all in embed().
    embedder = SentenceTransformerEmbedder.__new__(SentenceTransformerEmbedder)
    model = _FakeModel()
    embedder._model = model  # type: ignore[assignment]
    embedder._lock = threading.Lock()
    embedder.threads = threads
    embedder.batch_size = 8
    return embedder, model


def test_embed_uses_its_threads_and_restores_the_previous_count(threads_before: int) -> None:
    embedder, model = _embedder(1)
    assert embedder.embed(["a", "b"]).shape == (2, 4)
    assert model.threads_seen == [1]
    assert torch.get_num_threads() == threads_before  # e.g. what the LLM backend set


def test_embed_without_a_thread_setting_leaves_torch_alone(threads_before: int) -> None:
    embedder, model = _embedder(None)
    embedder.embed(["a"])
    assert model.threads_seen == [threads_before]
    assert torch.get_num_threads() == threads_before
