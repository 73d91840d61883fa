"""The live server answers one request at a time on SQLite.

pytest-django's live server (Django's LiveServerThread) answers each request in its own
thread. On PostgreSQL each thread has its own connection. On SQLite the test database lives
in memory, and when it already existed as the session's live server started (the tests that
ran before made it), every thread is handed the test's one connection. Python's sqlite3
module cannot run two statements on one connection at once: two threads running the same
SELECT can pick up the same cached prepared statement, and one of them reads no row (or gets
"bad parameter or other API misuse"). A browser sends requests at once often enough: leaving
a text field fires htmx's change request while the click on "send" posts the form. CI saw
the session read find no row, so the post was answered as if nobody were signed in.

Production never shares a connection between threads (SQLite there is a file, one
connection per thread), so the fix belongs to the test server: it runs the application for
one request at a time, body included, and keeps the threads for everything else (a browser
holds several keep-alive connections open; one thread per connection must go on).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import DEFAULT_DB_ALIAS, connections

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def one_request_at_a_time(application: WSGIApp) -> WSGIApp:
    """``application``, run for one request at a time: the call and the reading of its
    body (where a response may still query the database) under one lock."""
    lock = threading.Lock()

    def serialized(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        with lock:
            result = application(environ, start_response)
            try:
                return list(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()

    serialized.one_request_at_a_time = True  # type: ignore[attr-defined]
    return serialized


def is_serialized(application: WSGIApp) -> bool:
    """Whether ``application`` was made by ``one_request_at_a_time``."""
    return getattr(application, "one_request_at_a_time", False)


class SerializedWSGIServer(ThreadedWSGIServer):
    """Django's threaded test server, serialized on SQLite.

    Whether the threads share the test's connection (``connections_override``) depends on
    whether the test database existed when the session's live server started, so on the
    order the tests ran in. Without it each thread opens its own connection to the same
    shared in-memory database. Serializing costs the tests little either way, so SQLite is
    served one request at a time whatever order the tests run in."""

    def set_app(self, application: WSGIApp) -> None:
        if connections[DEFAULT_DB_ALIAS].vendor == "sqlite":
            application = one_request_at_a_time(application)
        super().set_app(application)
