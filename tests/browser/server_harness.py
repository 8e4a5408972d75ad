"""Start the real server (uvicorn subprocess) on a free loopback port with the sample loaded."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
KEY_RE = re.compile(r"^(ml_[0-9a-f]{8}_\S+)$", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data_dir: Path, extra_env: dict[str, str] | None = None, timeout: float = 240.0):  # type: ignore[no-untyped-def]
    """(process, base url, admin key, seconds to ready). The key is read from stdout."""
    port = free_port()
    env = {
        **os.environ,
        "MENTORLENS_DATA_DIR": str(data_dir),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
        "ANONYMIZED_TELEMETRY": "False",
        "TOKENIZERS_PARALLELISM": "false",
        **(extra_env or {}),
    }
    out = open(data_dir / "server.out", "w")  # noqa: SIM115
    err = open(data_dir / "server.err", "w")  # noqa: SIM115
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--load-sample", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=err,
    )
    base = f"http://127.0.0.1:{port}"
    while time.monotonic() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {(data_dir / 'server.err').read_text()[-2000:]}")
        try:
            if httpx.get(base + "/ready", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    else:
        proc.terminate()
        raise RuntimeError("server did not become ready")
    ready_s = time.monotonic() - started
    match = KEY_RE.search((data_dir / "server.out").read_text())
    return proc, base, match.group(1) if match else None, ready_s


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
