"""The test server answers one request at a time on SQLite's in-memory test database
(tests/browser/live_server.py), and only there."""

from __future__ import annotations

import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from tests.accounts.factories import UserFactory
from tests.browser.live_server import SerializedWSGIServer, is_serialized, one_request_at_a_time

REQUESTS = 160


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_of_one_signed_in_visitor_all_see_them(settings):
    # A server of its own, started once the test database exists: on SQLite its threads
    # then share the test's connection, as the session's live server's do when the tests
    # that ran before it made the database first. Before the fix, between one request in
    # ten and one in six here failed with an error or was answered as if nobody were
    # signed in.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    server = LiveServer("localhost")
    # Straight to our server, whatever proxy the environment names.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        user = UserFactory()
        client = Client()
        client.force_login(user)
        cookie = f"sessionid={client.cookies['sessionid'].value}"

        def signed_in_page(_: int) -> tuple[int, bool] | str:
            page = f"{server.url}/account/email/"
            request = urllib.request.Request(page, headers={"Cookie": cookie})  # noqa: S310
            try:
                # A server that locks up fails the test instead of holding up the run.
                with opener.open(request, timeout=30) as response:
                    return response.status, user.email in response.read().decode()
            except OSError as error:
                return str(error)

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(signed_in_page, range(REQUESTS)))
    finally:
        server.stop()
    assert [answer for answer in answers if answer != (200, True)] == []


@pytest.mark.django_db(transaction=True)
def test_the_session_server_serializes_on_sqlite_only(live_server):
    server = live_server.thread.httpd
    assert isinstance(server, SerializedWSGIServer)
    assert is_serialized(server.get_app()) == (connection.vendor == "sqlite")


def test_one_request_at_a_time_holds_the_call_and_the_body():
    inside = 0
    most_inside = 0
    guard = threading.Lock()

    def step(delta: int) -> None:
        nonlocal inside, most_inside
        with guard:
            inside += delta
            most_inside = max(most_inside, inside)

    def body():
        time.sleep(0.005)  # a body read after the call, as a streamed response's
        yield b"done"
        step(-1)

    def application(environ, start_response):
        step(+1)
        time.sleep(0.005)
        start_response("200 OK", [])
        return body()

    served = one_request_at_a_time(application)
    with ThreadPoolExecutor(max_workers=6) as pool:
        bodies = list(pool.map(lambda _: served({}, lambda *args: None), range(30)))
    assert bodies == [[b"done"]] * 30
    assert most_inside == 1
