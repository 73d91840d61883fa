"""Database connections stay bounded under `voorop serve` (issue 12.12).

Django's development server used a thread per request, each keeping its own connection for
CONN_MAX_AGE: 30 parallel requests left 31 connections, and bursts used up all of
PostgreSQL's. gunicorn runs a fixed number of worker threads, each with at most one.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from tests.core.serving import get, web_server

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="counts connections on the PostgreSQL server (DATABASE_URL=postgres://...)",
    ),
]

WORKERS, THREADS = 2, 3
# The connections are counted on the whole PostgreSQL server, by this name: one per test
# process, so that another run (another worker, another CI pass) is never counted.
APPLICATION = f"voorop-connection-test-{os.getpid()}"


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}?application_name={APPLICATION}"
    )


def _server_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [APPLICATION]
        )
        return cursor.fetchone()[0]


def _burst(base: str, requests: int) -> list[int]:
    paths = ["/healthz", "/", "/toegankelijkheid/"]
    with ThreadPoolExecutor(requests) as pool:
        return list(pool.map(lambda i: get(f"{base}{paths[i % 3]}", timeout=60), range(requests)))


def test_a_burst_of_parallel_requests_leaves_bounded_connections():
    with web_server(
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        DATABASE_URL=_database_url(),
        DATABASE_CONN_MAX_AGE="60",
    ) as (base, process):
        for _ in range(3):
            statuses = _burst(base, 60)
            assert set(statuses) == {200}, statuses
            # Kept for the next request (CONN_MAX_AGE), but never more than one per thread.
            assert 1 <= _server_connections() <= WORKERS * THREADS
        process.terminate()
        process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _server_connections() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _server_connections() == 0


def test_without_persistent_connections_none_are_left():
    """DATABASE_CONN_MAX_AGE=0 (behind PgBouncer): closed after every request."""
    with web_server(
        "--workers", "2", "--threads", "2", DATABASE_URL=_database_url(), DATABASE_CONN_MAX_AGE="0"
    ) as (base, _process):
        assert set(_burst(base, 40)) == {200}
        time.sleep(0.5)
        assert _server_connections() == 0
