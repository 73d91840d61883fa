"""Issue 12.8: the computation of chances is a tracked job (voorop.core.jobs). A run whose
worker died is run again by the reaper and saves its outcome once; after the last attempt it
is failed with a message and the organiser presses "try again"; running it twice changes
nothing; stopping a run whose worker died stops it at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.sortition.factories import add_respondents, assembly_in, organiser, set_quotas
from voorop.core import jobs
from voorop.core.jobs import JobStatus
from voorop.core.models import AuditEntry
from voorop.sortition import services
from voorop.sortition.models import Selection, SelectionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reap_only_selections(monkeypatch):
    """The reaper looks at every job model; tests/core's probe model has a table only inside
    its own tests."""
    monkeypatch.setattr(jobs, "job_models", lambda: [Selection])


def _queued():
    """A computation requested while no worker runs (its on-commit enqueue is not run)."""
    assembly = assembly_in("addresses")
    user = organiser(assembly)
    services.invitations_draw(actor=user, assembly=assembly, count=6, seed="abc")
    assembly.refresh_from_db()
    add_respondents(assembly, 12)
    set_quotas(assembly)
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="7-14-21", source="Dobbelsteen")
    selection = services.selection_start(actor=user, assembly=assembly, algorithm="leximin")
    assert selection.status == JobStatus.QUEUED
    return selection, user


def _die_mid_run(selection: Selection) -> None:
    """A worker claims the computation and is killed: RUNNING for ever, its lease runs out."""
    assert jobs.claim(Selection, selection.pk) is not None
    Selection.objects.filter(pk=selection.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )


def test_a_computation_whose_worker_died_is_reaped_and_finishes_once(
    django_capture_on_commit_callbacks,
):
    selection, _user = _queued()
    _die_mid_run(selection)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.reap() == 1
    selection.refresh_from_db()
    assert (selection.status, selection.attempts) == (JobStatus.DONE, 2)
    assert selection.progress == 1.0 and len(selection.probabilities) == 12
    assert AuditEntry.objects.filter(action="sortition.selection_computed").count() == 1


def test_after_the_last_attempt_it_fails_and_try_again_computes_it(
    client, django_capture_on_commit_callbacks
):
    selection, user = _queued()
    for _ in range(selection.max_attempts):
        _die_mid_run(selection)
        with django_capture_on_commit_callbacks(execute=False):
            jobs.reap()
    selection.refresh_from_db()
    assert (selection.status, selection.attempts) == (JobStatus.FAILED, 3)
    assert "3" in selection.error

    base = reverse("sortition:selection", args=[selection.assembly_id])
    retry = reverse("sortition:selection_retry", args=[selection.assembly_id, selection.pk])
    client.force_login(UserFactory())
    assert client.post(retry).status_code in (403, 404)
    selection.refresh_from_db()
    assert selection.status == JobStatus.FAILED

    client.force_login(user)
    page = client.get(base).content.decode()
    assert selection.error in page and "Probeer opnieuw" in page and retry in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(retry).status_code == 302
    selection.refresh_from_db()
    assert (selection.status, selection.attempts, selection.error) == (JobStatus.DONE, 1, "")
    assert AuditEntry.objects.filter(action="sortition.selection_retried").count() == 1
    assert not services.selection_retry(actor=user, selection=selection)


def test_running_a_computation_twice_saves_it_once():
    selection, _user = _queued()
    assert jobs.run(Selection, selection.pk) == "done"
    assert jobs.run(Selection, selection.pk) == "skipped"
    selection.refresh_from_db()
    digest = selection.output_digest
    # A run that died after saving the outcome but before it was marked done.
    Selection.objects.filter(pk=selection.pk).update(status=JobStatus.QUEUED)
    assert jobs.run(Selection, selection.pk) == "done"
    selection.refresh_from_db()
    assert selection.output_digest == digest
    assert AuditEntry.objects.filter(action="sortition.selection_computed").count() == 1


def test_stopping_a_computation_whose_worker_died_stops_it_at_once():
    selection, user = _queued()
    _die_mid_run(selection)
    selection = services.selection_cancel(actor=user, selection=selection)
    assert selection.status == SelectionStatus.CANCELLED
    assert jobs.reap() == 0
