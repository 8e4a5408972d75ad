"""The raw generation backends: an OpenAI-compatible server on loopback, and the local model."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from assistant.llm_backends import (
    CONVERSION_MARKER,
    BackendUnavailableError,
    ChatModelGenerator,
    build_generator,
    ensure_local_model,
    packaged_gguf,
)
from privacy.gateway import ChatRole, GenerationUnavailable, ModelGateway
from settings import GenerationSettings

# --------------------------------------------------------------------------- fake server


class FakeOpenAIServer:
    """A minimal OpenAI-compatible chat-completions endpoint that records each request."""

    def __init__(self, reply: str = "Meet on Tuesday. [m:1]") -> None:
        self.reply = reply
        self.requests: list[dict[str, Any]] = []
        self.authorizations: list[str | None] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                server.authorizations.append(self.headers.get("Authorization"))
                if self.path != "/v1/chat/completions":
                    self.send_error(404)
                    return
                payload = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": body["model"],
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": server.reply},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9},
                }
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


@pytest.fixture
def openai_server() -> Iterator[FakeOpenAIServer]:
    server = FakeOpenAIServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _openai_settings(base_url: str, timeout_s: float = 5.0) -> GenerationSettings:
    return GenerationSettings(
        backend="openai",
        openai_base_url=base_url,
        openai_model="mentor-llm-7b",
        openai_api_key=SecretStr("sk-test-key"),
        timeout_s=timeout_s,
    )


class TestOpenAIBackend:
    def test_sends_messages_and_model_and_returns_the_reply(
        self, openai_server: FakeOpenAIServer, tmp_path: Path
    ) -> None:
        generator = build_generator(_openai_settings(openai_server.base_url), tmp_path)
        reply = generator.generate(
            [("system", "Be brief."), ("user", "Prep for <PERSON_1>?")], max_new_tokens=17
        )
        assert reply == "Meet on Tuesday. [m:1]"
        assert generator.name == "openai:mentor-llm-7b"
        (request,) = openai_server.requests
        assert request["model"] == "mentor-llm-7b"
        assert request["messages"] == [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Prep for <PERSON_1>?"},
        ]
        assert request["temperature"] == 0.0
        # Both spellings: new servers read max_completion_tokens, TGI/Ollama read max_tokens.
        assert request["max_completion_tokens"] == 17
        assert request["max_tokens"] == 17
        assert openai_server.authorizations == ["Bearer sk-test-key"]

    def test_assistant_turns_are_forwarded(
        self, openai_server: FakeOpenAIServer, tmp_path: Path
    ) -> None:
        generator = build_generator(_openai_settings(openai_server.base_url), tmp_path)
        generator.generate([("user", "a"), ("assistant", "b"), ("user", "c")], max_new_tokens=5)
        roles = [m["role"] for m in openai_server.requests[0]["messages"]]
        assert roles == ["user", "assistant", "user"]

    def test_a_down_server_raises(self, tmp_path: Path) -> None:
        settings = _openai_settings(f"http://127.0.0.1:{_free_port()}/v1", timeout_s=2.0)
        generator = build_generator(settings, tmp_path)
        started = time.perf_counter()
        with pytest.raises(Exception, match="Connection"):
            generator.generate([("user", "hello")], max_new_tokens=5)
        assert time.perf_counter() - started < 15

    def test_the_gateway_turns_a_down_server_into_generation_unavailable(
        self, tmp_path: Path, redactor: Any, recording_embedder: Any
    ) -> None:
        settings = _openai_settings(f"http://127.0.0.1:{_free_port()}/v1", timeout_s=2.0)
        gateway = ModelGateway(redactor, recording_embedder, build_generator(settings, tmp_path))
        with pytest.raises(GenerationUnavailable, match="openai:mentor-llm-7b"):
            gateway.generate([("user", "hello")], caller="test", purpose="test")


class TestBuildGenerator:
    def test_extractive_has_no_raw_generator(self, tmp_path: Path) -> None:
        with pytest.raises(BackendUnavailableError, match="extractive"):
            build_generator(GenerationSettings(backend="extractive"), tmp_path)

    def test_a_missing_local_model_dir_is_a_clear_error(self, tmp_path: Path) -> None:
        settings = GenerationSettings(backend="local", local_model_dir=tmp_path / "nope")
        with pytest.raises(BackendUnavailableError, match="not found"):
            build_generator(settings, tmp_path)

    def test_a_dir_without_config_is_a_clear_error(self, tmp_path: Path) -> None:
        settings = GenerationSettings(backend="local", local_model_dir=tmp_path)
        with pytest.raises(BackendUnavailableError, match=r"no config\.json"):
            build_generator(settings, tmp_path)

    def test_adapter_refuses_empty_input(self, openai_server: FakeOpenAIServer) -> None:
        generator = build_generator(_openai_settings(openai_server.base_url), Path("."))
        assert isinstance(generator, ChatModelGenerator)
        with pytest.raises(ValueError, match="at least one message"):
            generator.generate([], max_new_tokens=5)
        with pytest.raises(ValueError, match="positive"):
            generator.generate([("user", "x")], max_new_tokens=0)
        assert openai_server.requests == []


# --------------------------------------------------------------------------- local model


def test_an_interrupted_conversion_leaves_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import transformers

    def crash(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(transformers.AutoModelForCausalLM, "from_pretrained", crash)
    cache_dir = tmp_path / "models" / "smollm2-135m-instruct"
    with pytest.raises(KeyboardInterrupt):
        ensure_local_model(packaged_gguf(), cache_dir)
    assert list(cache_dir.parent.iterdir()) == []


def test_a_killed_conversions_temp_dir_is_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import transformers

    cache_dir = tmp_path / "smollm2"
    old, fresh = tmp_path / ".smollm2.dead", tmp_path / ".smollm2.running"
    old.mkdir()
    fresh.mkdir()
    os.utime(old, (time.time() - 7200, time.time() - 7200))

    def crash(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("stop after the sweep")

    monkeypatch.setattr(transformers.AutoModelForCausalLM, "from_pretrained", crash)
    with pytest.raises(RuntimeError, match="after the sweep"):
        ensure_local_model(packaged_gguf(), cache_dir)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".smollm2.running"]


def test_a_half_written_cache_is_converted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.llm_backends as backends

    cache_dir = tmp_path / "smollm2"
    cache_dir.mkdir()
    (cache_dir / "config.json").write_text("{}")  # no marker: an old, unfinished copy
    calls: list[Path] = []

    def fake_convert(source: backends.GgufSource, target: Path) -> Path:
        calls.append(target)
        return target

    monkeypatch.setattr(backends, "convert_gguf", fake_convert)
    assert ensure_local_model(packaged_gguf(), cache_dir) == cache_dir
    assert calls == [cache_dir]


@pytest.fixture(scope="module")
def converted_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged GGUF converted once for this module (~20 s)."""
    data_dir = tmp_path_factory.mktemp("llm-data")
    return ensure_local_model(packaged_gguf(), data_dir / "models" / "smollm2-135m-instruct")


@pytest.mark.integration
class TestLocalBackend:
    def test_conversion_leaves_a_complete_cache_and_no_temp_dirs(
        self, converted_model: Path
    ) -> None:
        assert (converted_model / CONVERSION_MARKER).is_file()
        assert (converted_model / "config.json").is_file()
        assert [p.name for p in converted_model.parent.iterdir()] == [converted_model.name]

    def test_generates_deterministically_from_the_cache(self, converted_model: Path) -> None:
        data_dir = converted_model.parent.parent
        marker_mtime = (converted_model / CONVERSION_MARKER).stat().st_mtime
        generator = build_generator(GenerationSettings(backend="local"), data_dir)
        assert generator.name == "local:smollm2-135m-instruct"
        # Loaded from the cache, not converted again.
        assert (converted_model / CONVERSION_MARKER).stat().st_mtime == marker_mtime
        import torch

        threads_before = torch.get_num_threads()
        messages: list[tuple[ChatRole, str]] = [("user", "What is the capital of France?")]
        first = generator.generate(messages, max_new_tokens=8)
        second = generator.generate(messages, max_new_tokens=8)
        assert first == second
        assert "Paris" in first
        assert torch.get_num_threads() == threads_before  # decoding threads are restored

    def test_an_explicit_model_dir_loads_too(self, converted_model: Path, tmp_path: Path) -> None:
        settings = GenerationSettings(backend="local", local_model_dir=converted_model)
        generator = build_generator(settings, tmp_path)
        assert generator.generate([("user", "Say hi.")], max_new_tokens=3)
        assert not (tmp_path / "models").exists()

    def test_a_cache_without_marker_is_not_trusted(self, converted_model: Path) -> None:
        from assistant.llm_backends import _cache_is_valid

        assert _cache_is_valid(converted_model, packaged_gguf())
        assert not _cache_is_valid(converted_model.parent / "elsewhere", packaged_gguf())
