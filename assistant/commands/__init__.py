"""CLI command groups. Each module here defines ``register(app)`` and is wired by ``assistant.cli``."""
