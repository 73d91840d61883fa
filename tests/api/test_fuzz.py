"""Schemathesis fuzzes the open data API against its own OpenAPI description: generated
queries (valid and invalid) never cause a server error, and every answer has the status,
content type, headers and body that the description promises."""

import json

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
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
from tests.panel.factories import PanelFactory, organiser
from voorop.panel import services as panel_services
from voorop.panel.models import OpinionVote, Participant

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _load_schema():
    from voorop.api.api import api

    description = json.loads(json.dumps(api.get_openapi_schema(), default=str))
    loaded = schemathesis.openapi.from_dict(description)
    loaded.app = get_wsgi_application()
    return loaded


schema = _load_schema()


@pytest.fixture
def api_data(db, settings):
    settings.VOOROP_API_RATE_LIMIT = 100_000
    cache.clear()
    InitiativeFactory(running=True)
    EventFactory()
    DecisionFactory()
    SnapshotFactory()
    panel = PanelFactory()
    opinion_map = panel_services.map_create(
        actor=organiser(panel), panel=panel, title="Kaart", intro="-", statements=["A", "B"]
    )
    participant = Participant.objects.create(opinion_map=opinion_map)
    for statement in opinion_map.statements.all():
        OpinionVote.objects.create(participant=participant, statement=statement, vote=1)
    # Schemathesis calls the WSGI application itself, not Django's test client: keep the
    # test's connection open as the client does (on PostgreSQL, close_old_connections closes
    # a connection inside the test's transaction, and every later request fails).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_errors_and_every_answer_matches_the_description(case, api_data):
    case.call_and_validate(checks=CHECKS)
