"""Schemathesis fuzzes the open data API against its own OpenAPI description: generated
queries (valid and invalid) never cause a server error, and every answer has the status,
content type, headers and body that the description promises."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.council.factories import DecisionFactory, EventFactory
from tests.initiatives.factories import InitiativeFactory
from tests.monitoring.factories import SnapshotFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(db, settings):
    settings.VOOROP_API_RATE_LIMIT = 100_000
    cache.clear()
    InitiativeFactory(running=True)
    EventFactory()
    DecisionFactory()
    SnapshotFactory()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_errors_and_every_answer_matches_the_description(case):
    case.call_and_validate(checks=CHECKS)
