"""Alembic migrations for the conversation store; run by :func:`assistant.store.db.upgrade`."""
