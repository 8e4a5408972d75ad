"""Offline by construction: redaction, embedding and search run with outbound sockets blocked.

The work runs in a fresh interpreter whose socket layer refuses every address except
loopback, so a library that tries to reach a hub at import or load time fails the test.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

GUARD = textwrap.dedent(
    """
    import socket
    attempts = []
    _connect = socket.socket.connect
    _getaddrinfo = socket.getaddrinfo

    def _loopback(host):
        return str(host) in {"localhost", "::1"} or str(host).startswith("127.")

    def guarded_connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not _loopback(host) and not host.startswith("/"):
            attempts.append(str(host))
            raise OSError("network blocked by test: " + str(host))
        return _connect(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host is not None and not _loopback(host):
            attempts.append(str(host))
            raise OSError("DNS blocked by test: " + str(host))
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = guarded_connect
    socket.getaddrinfo = guarded_getaddrinfo
    """
)

WORK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from assistant.container import Container
    from settings import Settings

    container = Container(Settings(data_dir=Path(sys.argv[1])))
    redacted = container.redactor.redact("thx maria! 617-555-0142", ["Maria Lopez"]).redacted
    assert redacted == "thx <PERSON_1>! <PHONE_NUMBER_1>", redacted
    vectors = container.gateway.embed(["how do I apply for an internship"],
                                      caller="test", purpose="offline")
    assert vectors.shape == (1, 384)
    container.resource_ingestor.ingest([Path("examples/resources/careers")])
    hits = container.resource_search.search("internship applications", k=3)
    assert hits, "search returned nothing"
    print("ATTEMPTS", attempts)
    """
)


@pytest.mark.integration
def test_redaction_embedding_and_search_work_with_the_network_blocked(tmp_path: Path) -> None:
    script = GUARD + WORK
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ATTEMPTS []" in result.stdout, result.stdout[-2000:]
