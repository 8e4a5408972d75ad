"""The eval's embedding function, through the privacy gateway, with an on-disk cache.

Calibration embeds redacted text, exactly as the importer does in production: the
gateway is the only door to the embedder, here too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.engagement.types import EmbedFn

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
# Bump when what is embedded changes, so a stale cache is never reused.
CACHE_VERSION = "gateway-redacted-v1"


def make_embed_fn() -> EmbedFn:
    """all-MiniLM-L6-v2 behind the gateway (redacted input), L2-normalised."""
    import tempfile

    from assistant.container import Container
    from settings import Settings

    data_dir = Path(tempfile.mkdtemp(prefix="mentorlens-eval-"))
    gateway = Container(Settings(data_dir=data_dir)).gateway

    def embed(texts: Sequence[str]) -> npt.NDArray[Any]:
        return gateway.embed(list(texts), caller="evals.engagement", purpose="calibration")

    return embed


class CachedEmbed:
    """Wraps an EmbedFn with a text-keyed cache persisted under .cache/ (git-ignored)."""

    def __init__(self, inner: EmbedFn | None = None, name: str = f"minilm-{CACHE_VERSION}") -> None:
        self._inner = inner
        self._path = CACHE_DIR / f"{name}.npz"
        self._vecs: dict[str, npt.NDArray[Any]] = {}
        self._dirty = False
        if self._path.exists():
            data = np.load(self._path)
            for key, vec in zip(data["keys"], data["vecs"], strict=True):
                self._vecs[str(key)] = vec

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def __call__(self, texts: Sequence[str]) -> npt.NDArray[Any]:
        missing = sorted({t for t in texts if self._key(t) not in self._vecs})
        if missing:
            if self._inner is None:
                self._inner = make_embed_fn()
            for text, vec in zip(missing, self._inner(missing), strict=True):
                self._vecs[self._key(text)] = np.asarray(vec, dtype=np.float32)
            self._dirty = True
        return np.stack([self._vecs[self._key(t)] for t in texts]) if texts else np.zeros((0, 384))

    def save(self) -> None:
        """Persist new vectors (no-op when nothing was added)."""
        if not self._dirty:
            return
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vecs))
        vecs = np.stack(list(self._vecs.values()))
        np.savez(self._path, keys=keys, vecs=vecs)
        self._dirty = False
