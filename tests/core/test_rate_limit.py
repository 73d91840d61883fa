"""Rate limits for reads (voorop.core.throttle.RateLimit): counted in the shared cache
(voorop.core.cache.count), no database row per request, the same on the database cache
and the local-memory cache (review F4)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from voorop.core import cache, throttle
from voorop.core.models import FailedAttempt

DB_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "voorop_cache",
    }
}
NOW = 1_800_000_000.0 + 20 * 60  # a fixed moment, 20 minutes into an hour: no window turns mid-test


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setattr(throttle.time, "time", lambda: NOW)


@pytest.fixture(params=["locmem", "database"])
def shared_cache(request, db):
    if request.param == "locmem":
        caches["default"].clear()
        yield
        return
    with override_settings(CACHES=DB_CACHE):
        call_command("createcachetable", verbosity=0)
        caches["default"].clear()
        yield
        caches["default"].clear()


def test_the_limit_plus_one_is_refused_until_the_window_turns(shared_cache):
    limit = throttle.RateLimit("test.reads", limit=3)
    before = FailedAttempt.objects.count()
    assert [limit.hit("client-a").allowed for _ in range(4)] == [True, True, True, False]
    refused = limit.hit("client-a")
    assert refused.refused
    assert refused.retry_after == timedelta(seconds=40 * 60)  # until the hour turns
    assert limit.hit("client-b").allowed  # every client its own count
    assert FailedAttempt.objects.count() == before  # no row per request


def test_the_next_window_starts_again(shared_cache, monkeypatch):
    limit = throttle.RateLimit("test.reads", limit=1)
    assert limit.hit("client-a").allowed
    assert limit.hit("client-a").refused
    monkeypatch.setattr(throttle.time, "time", lambda: NOW + 40 * 60)
    assert limit.hit("client-a").allowed


def test_count_adds_one_and_starts_a_counter_that_is_gone(shared_cache):
    assert [cache.count("test.count", 1, timeout=60) for _ in range(3)] == [1, 2, 3]
    cache.forget("test.count", 1)
    assert cache.count("test.count", 1, timeout=60) == 1


def test_on_the_database_cache_a_counter_once_started_is_never_inserted_again(db):
    # A failed INSERT per read (add() of a counter that is there) is an error in
    # PostgreSQL's log and a dead row each time: the row is updated first.
    with override_settings(CACHES=DB_CACHE):
        call_command("createcachetable", verbosity=0)
        caches["default"].clear()
        assert cache.count("test.count", 2, timeout=60) == 1
        with CaptureQueriesContext(connection) as queries:
            assert cache.count("test.count", 2, timeout=60) == 2
        caches["default"].clear()
    assert not [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("INSERT")]


def test_a_cache_outage_lets_reads_through(monkeypatch, caplog):
    backend = caches["default"]

    def down(*args, **kwargs):
        raise ConnectionError("redis is restarting")

    monkeypatch.setattr(backend, "add", down)
    assert cache.count("test.count", 2, timeout=60) is None
    assert throttle.RateLimit("test.reads", limit=1).hit("client-a").allowed
    assert "not counted" in caplog.text
