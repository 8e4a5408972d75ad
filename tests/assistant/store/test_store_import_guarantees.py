"""The import guarantees on every backend (SQLite, and PostgreSQL when it can start)."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.importers import Importer
from assistant.store import ConversationStore
from privacy.redactor import Redactor
from tests.assistant.store.fixtures import write_roster


def test_idempotent_and_atomic_per_file(
    store: ConversationStore, redactor: Redactor, tmp_path: Path
) -> None:
    write_roster(tmp_path)
    good = [
        {"id": f"g{i}", "pair": "maria-dev", "sender": "maria" if i % 2 else "dev",
         "timestamp": f"2026-09-0{i}T10:00:00Z", "text": f"message {i} for Dev Patel"}
        for i in range(1, 5)
    ]  # fmt: skip
    (tmp_path / "good.jsonl").write_text("".join(json.dumps(r) + "\n" for r in good))
    bad = [dict(r, id="b" + r["id"]) for r in good]
    bad[2]["timestamp"] = "not a date"
    (tmp_path / "bad.jsonl").write_text("".join(json.dumps(r) + "\n" for r in bad))
    importer = Importer(store, redactor, None)

    first = importer.import_paths([tmp_path], None)
    assert [f.error for f in first.failed] == [
        f"{tmp_path / 'bad.jsonl'}:3: timestamp: not an ISO 8601 date"
    ]
    counts = store.counts("acme")
    assert counts["messages"] == 4  # only good.jsonl
    token = store.pseudonyms("acme", "maria-dev").to_dict()

    second = importer.import_paths([tmp_path], None)
    assert second.totals()["messages_new"] == 0
    assert store.counts("acme") == counts
    assert store.pseudonyms("acme", "maria-dev").to_dict() == token
    assert all("Dev Patel" not in m.text for m in store.messages("acme", "maria-dev"))
