from tests.assistant.store.fixtures import encryption_key, sqlite_store  # noqa: F401
