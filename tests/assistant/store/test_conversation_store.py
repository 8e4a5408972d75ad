"""ConversationStore on SQLite and PostgreSQL: migrations, scoping, sealing at rest."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from assistant.store import ConversationStore, FieldSealer, SealError, StoreError
from assistant.store import models as m
from assistant.store.db import alembic_config, upgrade
from assistant.store.repository import NewMessage
from privacy.pseudonyms import PseudonymMap
from privacy.vault import PseudonymVault, VaultError, new_key


def _seed(store: ConversationStore, program: str = "acme") -> None:
    with store.transaction() as tx:
        tx.upsert_program(program, "Acme", "UTC")
        mentor, _ = tx.upsert_participant(
            program, "maria", "mentor", "Maria Lopez", ["maria"], ["maria@acme.edu"]
        )
        mentee, _ = tx.upsert_participant(program, "dev", "mentee", "Dev Patel", ["dev"])
        pair, _ = tx.upsert_pair(program, "p1", mentor, mentee, ["Priya Raman"])
        mapping = tx.pseudonyms(pair)
        tag = mapping.placeholder("PERSON", "Maria Lopez")
        tx.add_messages(
            pair,
            [
                NewMessage(
                    mentor.id,
                    "mentor",
                    dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC),
                    f"hi from {tag}",
                    "chat",
                    "jsonl",
                    "m1",
                    "h1",
                )
            ],
            None,
        )
        tx.upsert_meeting(pair, dt.date(2026, 9, 5), "held")
        tx.upsert_goal(pair, "g1", "finish the resume", "open", None)
        tx.save_pseudonyms()


def test_store_upgrades_to_head_and_again_is_a_no_op(store: ConversationStore) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head
    upgrade(store.engine)  # second run: nothing to do, no error
    assert store.programs() == []


def test_reads_are_scoped_by_program(store: ConversationStore) -> None:
    _seed(store, "acme")
    _seed(store, "other")
    assert [p.id for p in store.pairs("acme")] == ["p1"]
    assert [p.id for p in store.pairs("nobody")] == []
    msgs = store.messages("acme", "p1")
    assert len(msgs) == 1 and msgs[0].sender == "maria" and msgs[0].role == "mentor"
    assert msgs[0].timestamp == dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC)
    assert store.meetings("acme", "p1")[0].to_event().status == "held"
    assert store.goals("acme", "p1")[0].id == "g1"
    with pytest.raises(StoreError):
        store.messages("nobody", "p1")
    # a row from the other program is never returned through this one
    other_ids = {m.id for m in store.messages("other", "p1")}
    assert other_ids.isdisjoint({m.id for m in msgs})


def test_pseudonym_map_is_sealed_at_rest_and_restorable(
    store: ConversationStore, encryption_key: str
) -> None:
    _seed(store)
    with store.engine.connect() as conn:
        token = conn.execute(select(m.PairSecret.token)).scalar_one()
    assert b"Maria" not in bytes(token) and b"Lopez" not in bytes(token)
    restored = PseudonymVault(encryption_key).open(bytes(token))
    assert restored.restore("hi from <PERSON_1>") == "hi from Maria Lopez"
    assert store.pseudonyms("acme", "p1").values == restored.values
    with pytest.raises(VaultError):
        PseudonymVault(new_key()).open(bytes(token))


def test_identities_are_sealed_at_rest(store: ConversationStore, encryption_key: str) -> None:
    _seed(store)
    with store.engine.connect() as conn:
        identities = conn.execute(select(m.Participant.identity)).scalars().all()
        pair_identity = conn.execute(select(m.Pair.identity)).scalar_one()
    for blob in [*identities, pair_identity]:
        assert b"Maria" not in bytes(blob) and b"maria@" not in bytes(blob)
        assert b"Priya" not in bytes(blob)
    people = {p.key: p for p in store.participants("acme")}
    assert people["maria"].display_name == "Maria Lopez"
    assert "Priya Raman" in store.roster_names("acme", "p1")
    with pytest.raises(SealError):
        FieldSealer(new_key()).open(bytes(identities[0]))


def test_empty_pair_has_an_empty_map(store: ConversationStore) -> None:
    with store.transaction() as tx:
        tx.upsert_program("acme", "Acme", "UTC")
        a, _ = tx.upsert_participant("acme", "a", "mentor", "A Person")
        b, _ = tx.upsert_participant("acme", "b", "mentee", "B Person")
        tx.upsert_pair("acme", "p", a, b)
    assert isinstance(store.pseudonyms("acme", "p"), PseudonymMap)
    assert len(store.pseudonyms("acme", "p")) == 0


def test_a_failed_transaction_leaves_nothing(store: ConversationStore) -> None:
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.upsert_program("acme", "Acme", "UTC")
        raise RuntimeError("boom")
    assert store.programs() == []


def test_naive_timestamps_are_refused(store: ConversationStore) -> None:
    _seed(store)
    pair_row = None
    with pytest.raises(Exception, match="naive"), store.transaction() as tx:
        pair_row = tx.pairs("acme")[0]
        tx.add_messages(
            pair_row,
            [NewMessage(None, None, dt.datetime(2026, 1, 1), "x", "chat", "jsonl", None, "h2")],
            None,
        )
