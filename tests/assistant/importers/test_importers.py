"""Importers: each format, idempotency, atomicity per file, nothing raw at rest."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from sqlalchemy import LargeBinary, String, Text, select

from assistant.importers import Importer
from assistant.importers.roster import parse_roster
from assistant.store import ConversationStore
from assistant.store import models as m
from privacy.redactor import Redactor
from tests.assistant.store.fixtures import ROSTER, write_roster

PROGRAM = "acme"
PLANTED_EMAIL = "dev.private.mail@example.com"


class FakeMiniLM:
    """384 dimensions like all-MiniLM-L6-v2 (the engagement head expects that size)."""

    name = "fake-minilm"
    dimension = 384

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.seen.extend(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, sum(map(ord, word)) % self.dimension] += 1.0
        norms = np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        result: npt.NDArray[np.float32] = (out / norms).astype(np.float32)
        return result


def _chat_lines() -> list[dict[str, str]]:
    return [
        {"id": "a1", "pair": "maria-dev", "sender": "maria-lopez",
         "timestamp": "2026-09-02T18:04:00-04:00",
         "text": "Hi Dev! I'm Maria Lopez. Will you send me your resume by Friday?"},
        {"id": "a2", "pair": "maria-dev", "sender": "Dev Patel",
         "timestamp": "2026-09-02T19:00:00-04:00",
         "text": f"hi maria, yes I will. my other email is {PLANTED_EMAIL}"},
        {"id": "a3", "pair": "maria-dev", "sender": "dev",
         "timestamp": "2026-09-03T10:00:00-04:00",
         "text": "sent it! also talked to Priya Raman about the lab"},
    ]  # fmt: skip


def _write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


@pytest.fixture
def importer(sqlite_store: ConversationStore, redactor: Redactor) -> Importer:
    return Importer(sqlite_store, redactor, None)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_roster(tmp_path)
    conv = tmp_path / "conversations"
    conv.mkdir()
    _write_jsonl(conv / "maria-dev.jsonl", _chat_lines())
    return tmp_path


def _all_stored_text(store: ConversationStore) -> str:
    """Every string and byte column of every table, concatenated."""
    chunks: list[str] = []
    with store.engine.connect() as conn:
        for table in m.Base.metadata.sorted_tables:
            cols = [c for c in table.columns if isinstance(c.type, String | Text | LargeBinary)]
            cols += [c for c in table.columns if c.name == "features"]
            for row in conn.execute(select(*cols)):
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        chunks.append(bytes(value).decode("latin-1"))
                    elif value is not None:
                        chunks.append(
                            str(value) if not isinstance(value, dict) else json.dumps(value)
                        )
    return "\n".join(chunks)


# -- the roster ------------------------------------------------------------------------------
def test_roster_errors_name_line_and_field() -> None:
    bad = ROSTER.replace("mentee: lena-fischer", "mentee: nobody")
    with pytest.raises(
        ValueError, match=r"program.yaml:\d+: pairs\[1\]\.mentee: not a participant id"
    ):
        parse_roster(bad, "program.yaml")
    bad = ROSTER.replace("status: no_show", "status: maybe")
    with pytest.raises(ValueError, match=r"program.yaml:19: pairs\[0\]\.meetings\[1\]\.status"):
        parse_roster(bad, "program.yaml")


def test_roster_import_is_idempotent_and_redacts_goals(importer: Importer, folder: Path) -> None:
    first = importer.import_paths([folder / "program.yaml"], None)
    assert first.program_id == PROGRAM and not first.failed
    goals = importer.store.goals(PROGRAM, "maria-dev")
    assert "Priya" not in goals[0].text and "<PERSON_" in goals[0].text
    counts = importer.store.counts(PROGRAM)
    second = importer.import_paths([folder / "program.yaml"], None)
    assert second.files[0].status == "unchanged"
    assert importer.store.counts(PROGRAM) == counts


# -- JSONL / JSON ----------------------------------------------------------------------------
def test_jsonl_import_redacts_and_is_idempotent(importer: Importer, folder: Path) -> None:
    summary = importer.import_paths([folder], PROGRAM)
    assert not summary.failed, summary.failed
    assert summary.totals()["messages_new"] == 3
    counts = importer.store.counts(PROGRAM)
    again = importer.import_paths([folder], PROGRAM)
    assert again.totals()["messages_new"] == 0
    assert again.totals()["messages_skipped"] == 3
    assert importer.store.counts(PROGRAM) == counts
    msgs = importer.store.messages(PROGRAM, "maria-dev")
    assert [x.sender for x in msgs] == ["maria-lopez", "dev-patel", "dev-patel"]
    assert all(x.features is not None for x in msgs)
    # the same person gets the same placeholder throughout the pair
    mapping = importer.store.pseudonyms(PROGRAM, "maria-dev")
    assert mapping.restore(msgs[0].text).startswith("Hi Dev Patel! I'm Maria Lopez.")


def test_raw_text_is_never_stored(importer: Importer, folder: Path) -> None:
    importer.import_paths([folder], PROGRAM)
    stored = _all_stored_text(importer.store)
    for secret in (
        PLANTED_EMAIL,
        "Maria Lopez",
        "Dev Patel",
        "Priya Raman",
        "Maria",
        "ml@acme.edu",
    ):
        assert secret not in stored
    # ...but the vault can still give the mentor names back
    mapping = importer.store.pseudonyms(PROGRAM, "maria-dev")
    assert PLANTED_EMAIL in mapping.values.values()


def test_json_document_and_bad_line_is_atomic(importer: Importer, folder: Path) -> None:
    conv = folder / "conversations"
    (conv / "sam-lena.json").write_text(
        json.dumps(
            {
                "pair": "sam-lena",
                "messages": [
                    {
                        "id": "s1",
                        "sender": "sam",
                        "timestamp": "2026-10-01T09:00:00Z",
                        "text": "hello Lena",
                    },
                    {
                        "id": "s2",
                        "sender": "lena",
                        "timestamp": "2026-10-01T10:00:00Z",
                        "text": "hi!",
                    },
                ],
            },
            indent=2,
        )
    )
    lines = _chat_lines()
    lines[2] = {**lines[2], "timestamp": "last tuesday"}
    _write_jsonl(conv / "maria-dev.jsonl", lines)
    summary = importer.import_paths([folder], PROGRAM)
    [failed] = summary.failed
    assert failed.error == f"{conv / 'maria-dev.jsonl'}:3: timestamp: not an ISO 8601 date"
    assert "sent it" not in failed.error and "Priya" not in failed.error
    assert importer.store.messages(PROGRAM, "maria-dev") == []  # nothing from that file
    assert len(importer.store.messages(PROGRAM, "sam-lena")) == 2  # the other file imported
    # JSON errors carry the line of the offending message
    (conv / "sam-lena.json").write_text(
        '{"pair": "sam-lena",\n "messages": [\n {"sender": "sam"}]}'
    )
    again = importer.import_paths([conv / "sam-lena.json"], PROGRAM)
    assert str(again.failed[0].error).endswith(
        "sam-lena.json:3: messages[0].text: missing or not a string"
    )


def test_unknown_sender_and_foreign_pair_fail_without_names(
    importer: Importer, folder: Path
) -> None:
    importer.import_paths([folder / "program.yaml"], None)
    path = _write_jsonl(
        folder / "x.jsonl", [{"pair": "maria-dev", "sender": "Zed Unknown", "text": "hi"}]
    )
    [result] = importer.import_paths([path], PROGRAM).files
    assert result.error == f"{path}:1: sender: not on the program's roster"
    path = _write_jsonl(folder / "y.jsonl", [{"pair": "maria-dev", "sender": "sam", "text": "hi"}])
    [result] = importer.import_paths([path], PROGRAM).files
    assert result.error == f"{path}:1: sender: not a member of pair 'maria-dev'"


# -- CSV -------------------------------------------------------------------------------------
CSV = """msg_id,sent_at,from,body
C1,2026-09-04 17:10:00,Maria Lopez,"Hi Dev, Maria here. Call Tuesday?"
C2,2026-09-04 21:45:00,Dev Patel,Tuesday works!
"""


def test_csv_with_sidecar_mapping_and_cli_map(importer: Importer, folder: Path) -> None:
    importer.import_paths([folder / "program.yaml"], None)
    path = folder / "texts.csv"
    path.write_text(CSV)
    [result] = importer.import_paths([path], PROGRAM).files
    assert result.error and "no column mapping" in result.error
    (folder / "texts.csv.mapping.yaml").write_text(
        "id: msg_id\ntimestamp: sent_at\nsender: from\ntext: body\npair: maria-dev\n"
    )
    [result] = importer.import_paths([path], PROGRAM).files
    assert result.status == "imported" and result.messages_new == 2
    msgs = importer.store.messages(PROGRAM, "maria-dev")
    assert msgs[0].timestamp is not None and msgs[0].timestamp.hour == 21  # 17:10 New York
    assert "Maria" not in msgs[0].text
    bad = folder / "bad.csv"
    bad.write_text(CSV + "C3,yesterday,Dev Patel,ok\n")
    [result] = importer.import_paths(
        [bad], PROGRAM,
        csv_map={"id": "msg_id", "timestamp": "sent_at", "sender": "from", "text": "body"},
    ).files  # fmt: skip
    assert result.error == f"{bad}:4: timestamp: not an ISO 8601 date"


# -- Slack -----------------------------------------------------------------------------------
def _slack_export(root: Path) -> Path:
    root.mkdir()
    users = [
        {"id": "U1", "real_name": "Sam Okafor", "profile": {"email": "SAM.O@work.example"}},
        {"id": "U2", "real_name": "Lena Fischer", "profile": {"email": "LF@acme.edu"}},
        {"id": "U3", "real_name": "Joan Whitfield", "profile": {"email": "joan@acme.edu"}},
        {"id": "U9", "real_name": "Stranger Bot", "profile": {}},
    ]
    (root / "users.json").write_text(json.dumps(users))
    (root / "channels.json").write_text(
        json.dumps([{"id": "C0", "name": "general", "members": ["U3", "U9"]}])
    )
    (root / "groups.json").write_text(
        json.dumps([{"id": "G1", "name": "pair-sam-lena", "members": ["U1", "U2", "U3"]}])
    )
    (root / "dms.json").write_text("[]")
    day = root / "pair-sam-lena"
    day.mkdir()
    day_messages = [
        ("U2", "<@U2> has joined", "channel_join"),
        ("U1", "Hi <@U2>! How did the exam go?", None),
        ("U2", "good thanks <@U1>, email me at lena.f@gmail.com", None),
        ("U9", "beep", None),
    ]
    day_json = [
        {"type": "message", "user": u, "text": t, "ts": f"17900001{i}0.000100"}
        | ({"subtype": sub} if sub else {})
        for i, (u, t, sub) in enumerate(day_messages)
    ]
    (day / "2026-10-01.json").write_text(json.dumps(day_json, indent=1))
    (day / "2026-10-02.json").write_text(
        '[\n{"type": "message", "user": "U1", "ts": "soon", "text": "x"}\n]'
    )
    (root / "general").mkdir()
    (root / "general" / "2026-10-01.json").write_text("[]")
    return root


def test_slack_export_folder_and_zip(importer: Importer, folder: Path) -> None:
    importer.import_paths([folder / "program.yaml"], None)
    export = _slack_export(folder / "slack")
    results = importer.import_paths([export], PROGRAM).files
    by_status = {r.status: r for r in results}
    assert (
        by_status["failed"].error
        == f"{export}/pair-sam-lena/2026-10-02.json:2: [0].ts: not a Slack timestamp"
    )
    assert by_status["skipped"].source.endswith("general")
    assert by_status["imported"].messages_new == 2
    assert any("housekeeping" in n for n in by_status["imported"].notes)
    msgs = importer.store.messages(PROGRAM, "sam-lena")
    assert [x.sender for x in msgs] == ["sam-okafor", "lena-fischer"]
    mapping = importer.store.pseudonyms(PROGRAM, "sam-lena")
    # the mention became the roster name, so it shares the typed-out name's placeholder
    assert mapping.restore(msgs[0].text) == "Hi Lena Fischer! How did the exam go?"
    assert "lena.f@gmail.com" not in msgs[1].text and "<@" not in msgs[1].text
    # a zip of the same export adds nothing
    archive = folder / "slack.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in export.rglob("*"):
            zf.write(path, "export/" + path.relative_to(export).as_posix())
    again = importer.import_paths([archive], PROGRAM)
    assert again.totals()["messages_new"] == 0 and again.totals()["messages_skipped"] == 2


# -- transcripts -----------------------------------------------------------------------------
VTT = """WEBVTT

1
00:00:02.300 --> 00:00:04.820
<v Maria Lopez>Hey Dev, can you hear me?</v>

2
00:00:05.170 --> 00:00:09.490
<v Dev Patel>Yes! Sorry, camera is weird.</v>

3
00:00:10.000 --> 00:00:12.000
Dev Patel: Teams style works too.
"""

SRT = """1
00:00:02,300 --> 00:00:04,820
Sam Okafor: Hi Lena!

2
00:00:05,170 --> 00:00:08,770
Lena Fischer: Hi Sam, I can see it.
"""


def test_transcripts_vtt_and_srt(importer: Importer, folder: Path) -> None:
    importer.import_paths([folder / "program.yaml"], None)
    (folder / "maria-dev_2026-11-18.vtt").write_text(VTT)
    (folder / "call.srt").write_text(SRT)  # no pair in the name: inferred from speakers
    summary = importer.import_paths(
        [folder / "maria-dev_2026-11-18.vtt", folder / "call.srt"], PROGRAM
    )
    assert not summary.failed
    vtt = importer.store.messages(PROGRAM, "maria-dev", thread="meeting:2026-11-18")
    assert [x.sender for x in vtt] == ["maria-lopez", "dev-patel", "dev-patel"]
    assert vtt[0].timestamp is not None and vtt[0].timestamp.date().isoformat() == "2026-11-18"
    assert importer.store.messages(PROGRAM, "maria-dev") == []  # chat thread untouched
    srt = importer.store.messages(PROGRAM, "sam-lena", thread=None)
    assert [x.thread for x in srt] == ["transcript:call", "transcript:call"]
    (folder / "bad.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nno speaker here\n")
    [result] = importer.import_paths([folder / "bad.vtt"], PROGRAM).files
    assert result.error == f"{folder / 'bad.vtt'}:4: speaker: cue has no speaker name"


# -- features through the gateway-shaped embed -----------------------------------------------
def test_features_use_the_embed_function_with_redacted_text(
    sqlite_store: ConversationStore, redactor: Redactor, folder: Path
) -> None:
    embed = FakeMiniLM()
    importer = Importer(sqlite_store, redactor, embed)
    summary = importer.import_paths([folder], PROGRAM)
    assert summary.features_computed == 3 and not summary.feature_errors
    assert embed.seen and not any("Maria" in t or PLANTED_EMAIL in t for t in embed.seen)
    feats = [x.features for x in sqlite_store.messages(PROGRAM, "maria-dev")]
    assert feats[1] is not None and feats[1]["uptake_semantic"] is not None
