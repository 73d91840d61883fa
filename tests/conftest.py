from __future__ import annotations

import os
import threading
import weakref
from collections import deque
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, settings

# The tests share two cores with other runs (CI runs the suite in parallel): how fast
# hypothesis can draw examples says nothing about the code, so timing checks are off. What
# an example must satisfy is unchanged.
settings.register_profile("voorop", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("voorop")


def pytest_configure(config: pytest.Config) -> None:
    _empty_tables_by_delete_on_postgresql()
    _note_connections_opened()


# Every connection this process opened lately (when, thread, test, stack), so that a session
# left on the test database can be traced to its code (_wait_until_alone): a live server's
# request threads open one per request, and are gone by the end.
_OPENED: deque[tuple[datetime, str, str, str]] = deque(maxlen=3000)
# Every database connection object this process made, while it exists (_close_our_own).
_WRAPPERS: weakref.WeakSet = weakref.WeakSet()


def _note_connections_opened() -> None:
    import traceback

    from django.db.backends.signals import connection_created

    def noted(sender, connection, **kwargs) -> None:
        test = _TESTS_STARTED[-1][1] if _TESTS_STARTED else "none yet"
        stack = "".join(traceback.format_stack(limit=15)[:-1])
        _OPENED.append((datetime.now(UTC), threading.current_thread().name, test, stack))
        _WRAPPERS.add(connection)

    connection_created.connect(noted, weak=False, dispatch_uid="voorop-tests-opened")


def _socket_owner(port: int) -> str:
    """Which local process holds the TCP connection from this port (Linux's /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as lines:
                next(lines)
                for line in lines:
                    fields = line.split()
                    if int(fields[1].rsplit(":", 1)[1], 16) == port:
                        inodes.add(fields[9])
        except OSError:
            continue

    def links(pid: str) -> set[str]:
        found = set()
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                found.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
            except OSError:  # closed meanwhile (the listing's own, among others)
                continue
        return found

    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            sockets = links(pid)
            if any(f"socket:[{inode}]" in sockets for inode in inodes):
                with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                    command = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
                mine = " (this test process)" if int(pid) == os.getpid() else ""
                return f"process {pid}{mine}: {command[:200]}"
        except OSError:
            continue
    return f"no local process holds port {port}"


def _empty_tables_by_delete_on_postgresql() -> None:
    """After each transactional test (the browser tests, among others) Django empties every
    table. On PostgreSQL it does so with one TRUNCATE of all 143 tables: 0.4 s on empty
    tables, and it waits for any other connection still holding a table (a live server's
    thread), up to seconds. DELETE takes 0.02 s and waits for nobody. The foreign keys are
    deferred to the end of the flush's transaction, so the order of the tables is free.
    Tests only: production never flushes."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [f"DELETE FROM {self.quote_name(table)};" for table in tables]  # noqa: S608

    DatabaseOperations.sql_flush = sql_flush


@pytest.hookimpl(trylast=True)  # after -m and --deselect have left out what does not run
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first, shared out among the workers.

    Under pytest-xdist a few tests of minutes each (the accessibility crawls, the largest
    oracle comparisons) decide the run's wall time: started last, they would run on one
    worker while the other sits idle. The work-stealing scheduler gives each worker a
    contiguous share of this list and steals from the end of a share, so each share starts
    with its own slow tests, dealt in turn. (Two slow tests may therefore run at the same
    time: a test that uses something outside its own database must not count on running
    alone. The order is the same on every worker, as xdist requires: it depends only on the
    collection and the number of workers.)"""
    slow = [item for item in items if item.get_closest_marker("slow")]
    rest = [item for item in items if not item.get_closest_marker("slow")]
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    ordered: list[pytest.Item] = []
    remaining = len(items)
    for worker in range(workers):
        share = remaining // (workers - worker)  # what the scheduler hands this worker
        own_slow = slow[worker::workers]
        fill = max(0, share - len(own_slow))
        ordered += own_slow + rest[:fill]
        del rest[:fill]
        remaining -= share
    items[:] = ordered + rest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, tmp_path_factory):
    """Each test process makes its test database from the models, in seconds, instead of
    running every migration (half a minute per process, per CI pass). The migrations are
    tested on their own: tests/core/test_migrations.py runs them all on a fresh database of
    the same kind and compares the schema it builds with this one.

    On SQLite the test database is a file, not Django's in-memory default: the browser
    tests' live server would hand an in-memory database's one connection to all its request
    threads, which sqlite3 cannot share (tests/browser/test_live_server.py). With a file,
    every thread has its own connection, as in production. The file lives in pytest's own
    temporary folder for this process (one per xdist worker), which pytest clears after a
    few runs: also what a killed run leaves (with SQLite's -wal and -shm files)."""
    from django.db import connections

    for alias in connections:
        settings_dict = connections[alias].settings_dict
        settings_dict["TEST"]["MIGRATE"] = False
        if connections[alias].vendor == "sqlite" and not settings_dict["TEST"].get("MIRROR"):
            folder = tmp_path_factory.mktemp("database")
            settings_dict["TEST"]["NAME"] = str(folder / f"{alias}.sqlite3")
        if connections[alias].vendor == "postgresql":
            # Named, so a session left on the test database (_wait_until_alone) tells this
            # process's own connections from those of a server or worker a test started.
            worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
            settings_dict.setdefault("OPTIONS", {})["application_name"] = f"voorop-tests-{worker}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database made from the models, marked as having every migration applied,
    as a migrated database is (the tests of data migrations go back from there)."""
    from django.core.management import call_command
    from django.db import connections
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder
    from django.test import override_settings

    from voorop.settings.base import _cache as cache_settings

    with django_db_blocker.unblock():
        for alias in connections:
            if connections[alias].settings_dict["TEST"].get("MIRROR"):
                continue
            loader = MigrationLoader(connections[alias], ignore_no_migrations=True)
            recorder = MigrationRecorder(connections[alias])
            recorder.ensure_schema()
            applied = set(recorder.applied_migrations())
            recorder.migration_qs.bulk_create(
                recorder.Migration(app=app, name=name)
                for app, name in sorted(loader.graph.nodes)
                if (app, name) not in applied
            )
        # `voorop migrate` also makes the shared cache's table (voorop.core's migrate); the
        # tests' own cache is in memory, but a server a test starts on this database
        # (tests/core/serving.py) uses the table.
        with override_settings(CACHES={"default": cache_settings("db:")}):
            call_command("createcachetable", verbosity=0)
    yield
    with django_db_blocker.unblock():
        connections.close_all()  # this process's own connections are not the ones to wait for
        _close_our_own()
        for alias in connections:
            connection = connections[alias]
            if connection.vendor == "postgresql" and not connection.settings_dict["TEST"].get(
                "MIRROR"
            ):
                _wait_until_alone(connection)


def _close_our_own() -> None:
    """Close every connection this thread opened that is still open, also one that
    ``connections`` no longer reaches. Playwright's sync API (the browser tests) runs an
    event loop in this thread, and while it runs asgiref's Local, where Django keeps a
    thread's connections, stores them per context instead of per thread: a connection opened
    then can be out of ``connections.close_all()``'s reach at the end, and was left idle on
    the test database (CI, 2026-12-07: opened in a test's database fixture after a browser
    test on the same worker, last statement its ROLLBACK)."""
    for wrapper in list(_WRAPPERS):
        if wrapper.connection is not None and wrapper._thread_ident == threading.get_ident():
            wrapper.close()


def _wait_until_alone(connection, seconds: float = 10.0) -> None:
    """Before the test database is dropped: a server or worker a test started on it may
    still be closing its connection (its backend ends a moment after the process), and
    PostgreSQL refuses to drop a database in use ("is being accessed by other users"). Give
    such sessions a moment. One that stays is named in pytest's warnings summary, so the
    leak can be found, and ended, so the database can still be dropped."""
    import time
    import warnings

    query = (
        "SELECT pid, application_name, state, backend_start, left(query, 200), client_port "
        "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    deadline = time.monotonic() + seconds
    while True:
        with connection.cursor() as cursor:
            cursor.execute(query)
            others = cursor.fetchall()
        if not others or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    threads = sorted(t.name for t in threading.enumerate() if t is not threading.main_thread())
    for session in others:
        started, port = session[3], session[5]
        opened_then = [
            f"--- at {when:%H:%M:%S.%f} in thread {thread} during {test}:\n{stack}"
            for when, thread, test, stack in _OPENED
            if abs((when - started).total_seconds()) < 0.5
        ]
        warnings.warn(
            f"still connected to the test database: {session[:5]}; held by "
            f"{_socket_owner(port) if port else 'a local socket'}; opened while "
            f"{_test_running_at(started)} ran; this process's other threads: "
            f"{threads or 'none'}; connections this process opened within 0.5 s of it:\n"
            + ("\n".join(opened_then) or "none"),
            stacklevel=1,
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [session[0]])


# When each test of this process started (UTC), so that a session left on the test database
# can be traced to the test that was running when it was opened (_wait_until_alone).
_TESTS_STARTED: list[tuple[datetime, str]] = []


@pytest.fixture(autouse=True)
def _note_the_test(request):
    _TESTS_STARTED.append((datetime.now(UTC), request.node.nodeid))


def _test_running_at(moment: datetime) -> str:
    """The test that had started last, and the next one (a connection opened while the next
    test's fixtures were set up, before this module's own, counts as the earlier one's)."""
    running = [nodeid for started, nodeid in _TESTS_STARTED if started <= moment]
    after = [nodeid for started, nodeid in _TESTS_STARTED if started > moment]
    return (running[-1] if running else "none yet") + (
        f" (or the next test, {after[0]}, while its fixtures were set up)" if after else ""
    )


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch, whatever language an earlier test activated."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture
def mails(monkeypatch):
    """The test outbox, with after-commit callbacks (the mail task) run at once.

    Inside a test the transaction never commits, so without this nothing would be sent.
    """
    from django.core import mail
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, *args, **kwargs: func())
    return mail.outbox


@pytest.fixture
def queued_mail(monkeypatch, settings):
    """Mail tasks kept as database rows, as in production, until the returned ``run()``:
    for tests that look at what a task row holds before the mail is rendered."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(transaction, "on_commit", lambda func, *args, **kwargs: func())

    def run() -> None:
        for row in DBTaskResult.objects.ready():
            result = row.task_result
            row.set_successful(row.task.call(*result.args, **result.kwargs))

    return run


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the test cache is one process's memory, and a
    page or version kept by an earlier test would outlive that test's database rows)."""
    from django.core.cache import caches

    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def demo(db):
    """The demo municipality, as `voorop demo` leaves it (after its commit): loaded once per
    test process and copied back for each test that asks (tests/demo_snapshot.py)."""
    from django.contrib.contenttypes.models import ContentType

    from tests.demo_snapshot import load_demo

    load_demo()
    yield
    # The content types the process remembers are the copy's; after the test's rollback the
    # database may hold others (made again by an earlier test's flush, under other ids).
    ContentType.objects.clear_cache()
