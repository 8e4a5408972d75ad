"""``mentorlens redact``: JSONL in, JSONL out; one bad record never takes down the batch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(payload: bytes, tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    # A long folder name: error lines must never be wrapped, whatever the path's length.
    folder = tmp_path / ("deeply-nested-" * 6)
    folder.mkdir()
    source = folder / "in.jsonl"
    source.write_bytes(payload)
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", "redact", str(source)],
        cwd=ROOT,
        capture_output=True,
        timeout=180,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "MENTORLENS_DATA_DIR": str(tmp_path)},
    )


def test_bad_records_are_reported_by_line_and_the_rest_go_through(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "thx maria! call 617-555-0142", "names": ["Maria Lopez"]}).encode(),
        b'{"text": 5}',
        b"not json at all maria.lopez@gmail.com",
        b'{"text": "caf\xe9 \xff\xfe broken utf-8 from maria.lopez@gmail.com"}',
        json.dumps({"text": "email me at jo.reyes@northbridge.edu"}).encode(),
        json.dumps({"text": "x" * 300_000}).encode(),
        json.dumps({"text": "ok", "names": "Maria"}).encode(),
        json.dumps({"text": ""}).encode(),
    ]
    result = _run(b"\n".join(lines) + b"\n", tmp_path)
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["redacted"] for o in out] == [
        "thx <PERSON_1>! call <PHONE_NUMBER_1>",
        "email me at <EMAIL_ADDRESS_1>",
        "",
    ]
    first = out[0]
    spans = {first["text"][e["start"] : e["end"]] for e in first["entities"]}
    assert spans == {"maria", "617-555-0142"}  # offsets index the input text
    stderr = result.stderr.decode()
    for line_number, field in [(2, "text"), (3, None), (4, None), (6, "text"), (7, "names")]:
        expected = f"in.jsonl:{line_number}:" + (f" {field}:" if field else "")
        assert expected in stderr, stderr
    assert "invalid UTF-8" in stderr
    assert all(line.count(":") >= 2 for line in stderr.splitlines() if "in.jsonl" in line)
    assert "maria.lopez" not in stderr  # errors never echo the record's text
    assert "5 record(s) failed" in stderr
