"""Issue 12.8: the computation of a round's result is a tracked job (voorop.core.jobs). A
run whose worker died is run again by the reaper and saves its outcome once; after the last
attempt it is failed with a message and staff press "try again"; running it twice changes
nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.budgeting.services.helpers import closed_round, staff
from voorop.budgeting import services
from voorop.budgeting.models import ResultStatus, RoundResult
from voorop.core import jobs
from voorop.core.jobs import JobStatus
from voorop.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reap_only_results(monkeypatch):
    """The reaper looks at every job model; tests/core's probe model has a table only inside
    its own tests."""
    monkeypatch.setattr(jobs, "job_models", lambda: [RoundResult])


def _queued():
    """A computation requested while no worker runs (its on-commit enqueue is not run)."""
    budget_round, _ = closed_round()
    actor = staff()
    result = services.result_compute(actor=actor, budget_round=budget_round)
    assert result.status == JobStatus.QUEUED and ResultStatus is JobStatus
    return result, actor


def _die_mid_run(result: RoundResult) -> None:
    """A worker claims the computation and is killed: RUNNING for ever, its lease runs out."""
    assert jobs.claim(RoundResult, result.pk) is not None
    RoundResult.objects.filter(pk=result.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )


def test_a_computation_whose_worker_died_is_reaped_and_finishes_once(
    django_capture_on_commit_callbacks,
):
    result, _actor = _queued()
    _die_mid_run(result)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.reap() == 1
    result.refresh_from_db()
    assert (result.status, result.attempts) == (JobStatus.DONE, 2)
    assert result.is_computed and result.pb_text and result.finished_at
    assert AuditEntry.objects.filter(action="budgeting.result_computed").count() == 1
    assert result.announced_at is not None  # the announcement saw the outcome


def test_after_the_last_attempt_it_fails_and_try_again_computes_it(
    client, django_capture_on_commit_callbacks
):
    result, actor = _queued()
    for _ in range(result.max_attempts):
        _die_mid_run(result)
        with django_capture_on_commit_callbacks(execute=False):
            jobs.reap()
    result.refresh_from_db()
    assert (result.status, result.attempts) == (JobStatus.FAILED, 3)
    assert "3" in result.error

    page_url = f"/begroting/{result.round_id}/uitslag/"
    retry = f"/begroting/{result.round_id}/uitslag/{result.pk}/opnieuw/"
    client.force_login(UserFactory())
    assert client.post(retry).status_code == 403
    result.refresh_from_db()
    assert result.status == JobStatus.FAILED

    client.force_login(actor)
    page = client.get(page_url).content.decode()
    assert result.error in page and "Probeer opnieuw" in page and retry in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(retry).status_code == 302
    result.refresh_from_db()
    assert (result.status, result.attempts, result.error) == (JobStatus.DONE, 1, "")
    assert AuditEntry.objects.filter(action="budgeting.result_retried").count() == 1
    assert not services.result_retry(actor=actor, result=result)


def test_running_a_computation_twice_saves_it_once():
    result, _actor = _queued()
    assert jobs.run(RoundResult, result.pk) == "done"
    assert jobs.run(RoundResult, result.pk) == "skipped"
    result.refresh_from_db()
    digest = result.output_digest
    # A run that died after saving the outcome but before it was marked done.
    RoundResult.objects.filter(pk=result.pk).update(status=JobStatus.QUEUED)
    assert jobs.run(RoundResult, result.pk) == "done"
    result.refresh_from_db()
    assert result.output_digest == digest
    assert AuditEntry.objects.filter(action="budgeting.result_computed").count() == 1


def test_a_result_is_an_engine_run_and_a_tracked_job():
    """Both abstract models, no field clash: one status, one error, one finished_at."""
    names = [f.name for f in RoundResult._meta.get_fields()]
    assert len(names) == len(set(names))
    assert RoundResult._meta.get_field("status").default == JobStatus.QUEUED
    assert {"engine", "input_digest", "computed_at", "attempts", "lease_expires_at"} <= set(names)
