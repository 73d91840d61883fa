"""The open data API: what it returns, and what every answer carries (decision 0022)."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.core.areas.factories import AreaFactory
from tests.council.factories import DecisionFactory, EventFactory
from tests.initiatives.factories import InitiativeFactory
from tests.monitoring.factories import ProgrammeFactory, SnapshotFactory
from voorop.core.indicators import Unit
from voorop.core.models import FailedAttempt
from voorop.monitoring.models import SnapshotValue

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_public_initiatives_paginated_and_filtered_by_area(client):
    village = AreaFactory()
    InitiativeFactory(running=True, title="Dorpshuis", areas=[village])
    InitiativeFactory(running=True, title="Speeltuin")
    InitiativeFactory(title="Concept")  # a draft is not public
    body = client.get(f"{BASE}/initiatives", {"pageSize": 1}).json()
    assert (body["count"], body["pageSize"], body["pages"]) == (2, 1, 2)
    assert set(body["items"][0]) >= {"id", "title", "ladderStep", "createdAt", "areas"}
    body = client.get(f"{BASE}/initiatives", {"area": village.pk}).json()
    assert [i["title"] for i in body["items"]] == ["Dorpshuis"]


def test_every_answer_has_the_version_cors_and_an_etag_that_gives_304(client):
    response = client.get(f"{BASE}/initiatives")
    assert response["API-Version"] == "1.0.0"
    assert response["Access-Control-Allow-Origin"] == "*"
    etag = response["ETag"]
    again = client.get(f"{BASE}/initiatives", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["API-Version"] == "1.0.0"
    InitiativeFactory(running=True)
    assert client.get(f"{BASE}/initiatives", headers={"If-None-Match": etag}).status_code == 200


def test_errors_are_problem_json(client):
    response = client.get(f"{BASE}/initiatives", {"period": "2026-H3"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = json.loads(response.content)
    assert problem["status"] == 400 and problem["title"] and problem["detail"]
    missing = client.get(f"{BASE}/initiatives/999999")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    # Year 1 crashed the events list's query on SQLite (a date before UTC's first day).
    for path in ("events", "initiatives"):
        ancient = client.get(f"{BASE}/{path}", {"period": "0001-H1", "page": 120})
        assert ancient.status_code == 400
        assert ancient["Content-Type"] == "application/problem+json"
    # A NUL byte in a theme reached PostgreSQL, which refuses it in a text value (500).
    nul_theme = client.get(f"{BASE}/initiatives", {"theme": "\x16\x00a"})
    assert nul_theme.status_code == 400
    assert nul_theme["Content-Type"] == "application/problem+json"
    unknown_area = client.get(f"{BASE}/initiatives", {"area": 999999})
    assert unknown_area.status_code == 400


def test_the_api_only_reads(client):
    response = client.post(f"{BASE}/initiatives", {})
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    preflight = client.options(f"{BASE}/initiatives")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_a_client_over_its_limit_is_refused_with_429(client, settings):
    settings.VOOROP_API_RATE_LIMIT = 2
    assert client.get(f"{BASE}/indicators").status_code == 200
    assert client.get(f"{BASE}/indicators").status_code == 200
    refused = client.get(f"{BASE}/indicators")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0


def test_a_read_writes_no_row_and_the_limit_is_counted_in_the_cache(client, settings):
    """Review F4: a read of the open data API wrote a throttle row per request."""
    settings.VOOROP_API_RATE_LIMIT = 3
    before = FailedAttempt.objects.count()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get(f"{BASE}/indicators").status_code == 200
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert FailedAttempt.objects.count() == before
    refused = client.get(f"{BASE}/indicators")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused["API-Version"] == "1.0.0"
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert f"{refused['Retry-After']} seconds" in refused.json()["detail"]
    assert FailedAttempt.objects.count() == before
    # Another address has its own count.
    assert client.get(f"{BASE}/indicators", REMOTE_ADDR="192.0.2.9").status_code == 200


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_saw(client, settings):
    settings.VOOROP_API_RATE_LIMIT = 1
    settings.VOOROP_TRUSTED_PROXIES = 1
    first = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    second = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert client.get(f"{BASE}/indicators", **first).status_code == 200
    assert client.get(f"{BASE}/indicators", **second).status_code == 200
    assert client.get(f"{BASE}/indicators", **first).status_code == 429


def test_indicators_snapshots_and_desk_statistics(client):
    programme = ProgrammeFactory()
    snapshot = SnapshotFactory(programme=programme, period_key="2025-H2")
    SnapshotValue.objects.create(
        snapshot=snapshot,
        indicator_key="initiatives.from_society",
        name="Initiatieven uit de samenleving",
        unit=Unit.COUNT,
        area_name="hele gemeente",
        value=4,
    )
    keys = [i["key"] for i in client.get(f"{BASE}/indicators").json()]
    assert "loket.within_target" in keys
    listed = client.get(f"{BASE}/snapshots", {"period": "2025-H2"}).json()
    assert [s["id"] for s in listed["items"]] == [snapshot.pk]
    detail = client.get(f"{BASE}/snapshots/{snapshot.pk}").json()
    assert detail["values"][0]["value"] == 4
    assert detail["values"][0]["areaName"] == "hele gemeente"
    desk = client.get(f"{BASE}/desk-statistics", {"period": "2025-H2"}).json()
    assert {i["key"] for i in desk["indicators"]} >= {"loket.closed_with_feedback"}


def test_events_and_published_council_decisions(client):
    EventFactory(title="Stamtafel Heikant")
    DecisionFactory(title="Besluit A")
    DecisionFactory(title="Concept", draft=True)
    assert [e["title"] for e in client.get(f"{BASE}/events").json()["items"]] == [
        "Stamtafel Heikant"
    ]
    titles = [d["title"] for d in client.get(f"{BASE}/council-decisions").json()["items"]]
    assert titles == ["Besluit A"]


def test_the_description_and_its_documentation(client):
    schema = client.get(f"{BASE}/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert schema["servers"][0]["url"] == "/api/v1"
    assert all(not path.endswith("/") for path in schema["paths"])
    docs = client.get(f"{BASE}/docs")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle" in page and "cdn" not in page
