"""A real worker process is killed (SIGKILL) in the middle of a job; the next worker's
reaper finds the dead run, and the job runs again and finishes once.

PostgreSQL only: the workers are other processes that reach the test database by
DATABASE_URL, which the SQLite pass leaves empty.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tests.core import jobs_probe
from tests.core.jobs_probe import ProbeJob
from voorop.core import jobs
from voorop.core.jobs import JobStatus

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="worker processes need a database server; run with DATABASE_URL=postgres://...",
    ),
]

WORKER = """
import django
django.setup()
import tests.core.jobs_probe  # the probe model, so the worker can load it
from django.core.management import call_command
call_command("db_worker", "--interval", "0.1", "--no-startup-delay", "--no-reload")
"""


@pytest.fixture
def probe_table(transactional_db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    jobs_probe.create_table()
    yield
    jobs_probe.drop_table()


def _worker() -> subprocess.Popen:
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "voorop.settings.dev",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "-c", WORKER],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _stop(process: subprocess.Popen) -> str:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.stderr.read().decode(errors="replace") if process.stderr else ""


def test_a_job_whose_worker_is_killed_runs_again_and_finishes_once(probe_table):
    job = ProbeJob.objects.create(seconds=60)
    jobs.enqueue(job)
    first = _worker()
    try:
        _wait_for(lambda: ProbeJob.objects.get(pk=job.pk).runs_started == 1, 30, "the first run")
    except AssertionError as error:
        raise AssertionError(f"{error}; worker log:\n{_stop(first)}") from None
    assert ProbeJob.objects.get(pk=job.pk).status == JobStatus.RUNNING
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    _stop(first)

    # The killed worker's task row stays RUNNING for ever: django-tasks-db does not notice.
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 1
    killed = ProbeJob.objects.get(pk=job.pk)
    assert (killed.status, killed.attempts, killed.runs_finished) == (JobStatus.RUNNING, 1, 0)

    # The lease (2 s for the probe) runs out; the second run may be short.
    ProbeJob.objects.filter(pk=job.pk).update(seconds=0.5)
    time.sleep(ProbeJob.lease.total_seconds() + 0.5)
    second = _worker()
    try:
        _wait_for(
            lambda: ProbeJob.objects.get(pk=job.pk).status == JobStatus.DONE,
            60,
            "the job to be done",
        )
    except AssertionError as error:
        raise AssertionError(f"{error}; worker log:\n{_stop(second)}") from None
    log = _stop(second)
    done = ProbeJob.objects.get(pk=job.pk)
    assert (done.attempts, done.runs_started, done.runs_finished) == (2, 2, 1), log
    assert done.error == ""
