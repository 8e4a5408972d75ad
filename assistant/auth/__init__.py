"""API keys: who may call the API, in which role, for which program and participant."""

from assistant.auth.keys import (
    ROLES,
    ApiKeyError,
    ApiKeyInfo,
    KeyStore,
    NewKey,
    Principal,
    Role,
)

__all__ = ["ROLES", "ApiKeyError", "ApiKeyInfo", "KeyStore", "NewKey", "Principal", "Role"]
