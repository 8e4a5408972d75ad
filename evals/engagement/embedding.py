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
PRIVACY_DIR = Path(__file__).resolve().parents[2] / "privacy"
# Bump when what is embedded changes, so a stale cache is never reused.
CACHE_VERSION = "gateway-redacted-v2"


def redaction_fingerprint() -> str:
    """A digest of the privacy layer's code and word lists.

    The cache is keyed by the raw text, but the vectors are of the redacted text, so
    any change to the redaction must start a new cache: stale vectors would calibrate
    the engagement head on inputs production no longer produces."""
    digest = hashlib.sha1()
    for path in sorted(PRIVACY_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".txt"}:
            digest.update(path.relative_to(PRIVACY_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


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

    def __init__(self, inner: EmbedFn | None = None, name: str | None = None) -> None:
        self._inner = inner
        name = name or f"minilm-{CACHE_VERSION}-{redaction_fingerprint()}"
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
