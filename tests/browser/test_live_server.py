"""The browser tests' live server never shares a database connection between threads.

pytest-django's live server (Django's LiveServerThread) answers each request in its own
thread. An in-memory SQLite test database would be handed to every one of those threads as
the test's one connection, and Python's sqlite3 module cannot run two statements on one
connection at once: two threads running the same SELECT can pick up the same cached
prepared statement, and one of them reads no row (or gets "bad parameter or other API
misuse"). A browser sends requests at once often enough (leaving a text field fires htmx's
change request while the click on "send" posts the form), and CI saw a signed-in post
answered as signed out. So the SQLite test database is a file (tests/conftest.py): each
thread, the test's own included, has its own connection, as in production.
"""

from __future__ import annotations

import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from tests.accounts.factories import UserFactory

REQUESTS = 160


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_of_one_signed_in_visitor_all_see_them(settings):
    # A server of its own, started once the test database exists: an in-memory database
    # would then be shared with its threads. On the shared connection, between one request
    # in ten and one in six here failed with an error or was answered as if nobody were
    # signed in.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    server = LiveServer("localhost")
    # Straight to our server, whatever proxy the environment names.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        assert server.thread.connections_override == {}
        user = UserFactory()
        client = Client()
        client.force_login(user)
        cookie = f"sessionid={client.cookies['sessionid'].value}"

        def signed_in_page(_: int) -> tuple[int, bool] | str:
            page = f"{server.url}/account/email/"
            request = urllib.request.Request(page, headers={"Cookie": cookie})  # noqa: S310
            try:
                # A server that stops answering fails the test within minutes, not never.
                with opener.open(request, timeout=10) as response:
                    return response.status, user.email in response.read().decode()
            except OSError as error:
                return str(error)

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(signed_in_page, range(REQUESTS)))
    finally:
        server.stop()
    assert [answer for answer in answers if answer != (200, True)] == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL is always a server")
@pytest.mark.django_db  # the test database's settings, not production's
def test_the_sqlite_test_database_is_a_file():
    assert not connection.is_in_memory_db()
    assert Path(connection.settings_dict["NAME"]).is_file()
