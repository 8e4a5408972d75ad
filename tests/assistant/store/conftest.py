from tests.assistant.store.fixtures import (  # noqa: F401
    db_url,
    encryption_key,
    pg_cluster,
    sqlite_store,
    store,
)
