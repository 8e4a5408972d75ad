"""Schemathesis fuzzes every documented route against the app's own OpenAPI schema.

Bounded (a few examples per operation) and in-process (ASGI transport) so it stays fast;
the checks are: no 5xx, and every response matches its documented schema.
(Schemathesis' own pytest plugin does not run under pytest 9, so each operation's
Hypothesis strategy is driven directly.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.api.conftest import Keys, auth


def test_api_conforms_to_its_schema(app, keys: Keys) -> None:  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [r.ok() for r in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 12
    tried = 0
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=5,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(
                headers=auth(keys.admin), checks=[not_a_server_error, response_schema_conformance]
            )

        try:
            run()
        except Exception as exc:
            pytest.fail(f"{operation.method.upper()} {operation.path}: {exc}")
        tried += 1
    assert tried >= 12
