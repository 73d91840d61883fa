"""Tracked background jobs (voorop.core.jobs): claimed once, retried a bounded number of
times, reaped when their run died, failed with a message and a "try again"."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone

from tests.core import jobs_probe
from tests.core.jobs_probe import ProbeJob
from voorop.core import jobs, maintenance
from voorop.core.jobs import JobStatus


@pytest.fixture
def probe_table(transactional_db):
    jobs_probe.create_table()
    yield
    jobs_probe.drop_table()


pytestmark = pytest.mark.usefixtures("probe_table")


def _job(**fields) -> ProbeJob:
    return ProbeJob.objects.create(**fields)


def _fresh(job: ProbeJob) -> ProbeJob:
    return ProbeJob.objects.get(pk=job.pk)


def test_a_job_runs_once_and_is_done():
    job = _job()
    assert jobs.run(ProbeJob, job.pk) == "done"
    job = _fresh(job)
    assert (job.status, job.attempts, job.runs_finished) == (JobStatus.DONE, 1, 1)
    assert job.finished_at and job.lease_expires_at is None
    # Run again (a duplicate task): nothing happens.
    assert jobs.run(ProbeJob, job.pk) == "skipped"
    assert _fresh(job).runs_started == 1


def test_enqueue_runs_it_in_the_background_after_commit():
    job = _job()
    jobs.enqueue(job)  # the test settings run tasks at once
    assert _fresh(job).status == JobStatus.DONE


def test_a_crash_is_retried_until_it_succeeds():
    job = _job(fail_times=2)
    jobs.enqueue(job)
    job = _fresh(job)
    assert (job.status, job.attempts, job.runs_started, job.runs_finished) == (
        JobStatus.DONE,
        3,
        3,
        1,
    )


def test_a_job_that_keeps_crashing_fails_with_a_plain_message():
    job = _job(fail_times=99)
    jobs.enqueue(job)
    job = _fresh(job)
    assert (job.status, job.attempts) == (JobStatus.FAILED, 3)
    assert "Probeer opnieuw" in job.error or "Try again" in job.error


def test_a_job_error_is_shown_and_not_retried():
    job = _job(explain="Het adressenbestand is leeg.")
    jobs.enqueue(job)
    job = _fresh(job)
    assert (job.status, job.attempts, job.error) == (
        JobStatus.FAILED,
        1,
        "Het adressenbestand is leeg.",
    )


def test_the_reaper_requeues_a_dead_run_and_fails_it_when_attempts_are_used_up():
    now = timezone.now()
    dead = _job(status=JobStatus.RUNNING, attempts=1, lease_expires_at=now - timedelta(seconds=1))
    exhausted = _job(
        status=JobStatus.RUNNING, attempts=3, lease_expires_at=now - timedelta(seconds=1)
    )
    alive = _job(status=JobStatus.RUNNING, attempts=1, lease_expires_at=now + timedelta(minutes=1))
    assert "core.reap_jobs" in {job.name for job in maintenance.jobs()}
    assert jobs.reap() == 2
    dead = _fresh(dead)
    assert (dead.status, dead.attempts, dead.runs_finished) == (JobStatus.DONE, 2, 1)
    exhausted = _fresh(exhausted)
    assert exhausted.status == JobStatus.FAILED
    assert "3" in exhausted.error and exhausted.runs_started == 0
    assert _fresh(alive).status == JobStatus.RUNNING


def test_a_queued_job_whose_task_was_lost_is_enqueued_again():
    job = _job(queued_at=timezone.now() - timedelta(hours=1))
    fresh = _job()
    assert jobs.reap() == 1
    assert _fresh(job).status == JobStatus.DONE
    assert _fresh(fresh).status == JobStatus.QUEUED


def test_try_again_starts_a_failed_job_over():
    job = _job(explain="Eerst mislukt.")
    jobs.enqueue(job)
    ProbeJob.objects.filter(pk=job.pk).update(explain="")
    job = _fresh(job)
    assert jobs.retry(job) is True
    assert (job.status, job.attempts, job.error) == (JobStatus.DONE, 1, "")
    assert jobs.retry(job) is False  # only a failed job


def test_a_run_that_lost_its_job_does_not_overwrite_the_new_run():
    job = _job()
    attempt = jobs.claim(ProbeJob, job.pk)
    # The reaper gave the job to another run meanwhile.
    ProbeJob.objects.filter(pk=job.pk).update(attempts=attempt + 1)
    assert jobs._mine(ProbeJob, job.pk, attempt).update(status=JobStatus.DONE) == 0
    assert jobs.claim(ProbeJob, job.pk) is None  # RUNNING: nobody else claims it


def test_the_heartbeat_keeps_a_long_run_alive():
    job = _job(seconds=3)  # longer than its lease of 2 seconds
    outcome = []

    def work() -> None:
        try:
            outcome.append(jobs.run(ProbeJob, job.pk))
        finally:
            connection.close()  # this thread's own connection

    runner = threading.Thread(target=work)
    runner.start()
    time.sleep(2.6)
    assert jobs.reap() == 0  # the lease was extended: not taken for dead
    runner.join()
    assert outcome == ["done"]
    assert _fresh(job).attempts == 1


def test_the_status_partial_offers_try_again_on_failure():
    job = _job(status=JobStatus.FAILED, error="Het adressenbestand is leeg.")
    html = render_to_string("core/partials/job_status.html", {"job": job, "retry_url": "/opnieuw/"})
    assert "Mislukt" in html and "Het adressenbestand is leeg." in html
    assert 'action="/opnieuw/"' in html and "Probeer opnieuw" in html
    running = _job(status=JobStatus.RUNNING, attempts=2)
    html = render_to_string("core/partials/job_status.html", {"job": running})
    assert "poging 2 van 3" in html and "<form" not in html
