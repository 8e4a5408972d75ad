"""Alembic environment: runs on the connection the store hands over (no alembic.ini needed).

From a shell: ``alembic -c assistant/store/alembic.ini upgrade head`` with
``MENTORLENS_DATABASE_URL`` set, or just start the app: the store upgrades on start.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import assistant.auth.models  # noqa: F401  (the api_key table, revision 0002)
from assistant.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs batch mode for ALTER TABLE
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
    else:
        url = config.get_main_option("sqlalchemy.url")
        if not url:
            from settings import Settings

            url = Settings().resolved_database_url
        engine = create_engine(url)
        with engine.begin() as conn:
            _run(conn)
        engine.dispose()
