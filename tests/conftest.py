from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

# The tests share two cores with other runs (CI runs the suite in parallel): how fast
# hypothesis can draw examples says nothing about the code, so timing checks are off. What
# an example must satisfy is unchanged.
settings.register_profile("voorop", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("voorop")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Slow tests first: under pytest-xdist a few tests of minutes each (the accessibility
    # crawls, the largest oracle comparisons) decide the run's wall time, and started last
    # they would run on one worker while the other sits idle. (A stable sort: the same order
    # on every worker, as xdist requires.)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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
    """The demo municipality, as `voorop demo` leaves it: loaded once per test process and
    copied back for each test that asks (tests/demo_snapshot.py)."""
    from tests.demo_snapshot import load_demo

    load_demo()
