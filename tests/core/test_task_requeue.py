"""Tasks left RUNNING by a dead worker go back to the queue, a bounded number of times,
then FAILED with a message (voorop.core.tasks.requeue_dead); a live worker's tasks are left
alone (issue 13: faults)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from voorop.core import jobs, maintenance, tasks
from voorop.core.models import TaskWorker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _running(worker: str, *, runs: int = 1, started: timedelta = timedelta(minutes=1)):
    tasks.send_email.enqueue(subject="s", body="b", recipients=["a@example.org"])
    row = DBTaskResult.objects.order_by("-enqueued_at").first()
    DBTaskResult.objects.filter(pk=row.pk).update(
        status="RUNNING",
        started_at=timezone.now() - started,
        worker_ids=[f"earlier-{n}" for n in range(runs - 1)] + [worker],
    )
    return row.pk


def _status(pk) -> str:
    return DBTaskResult.objects.get(pk=pk).status


def test_a_dead_workers_task_goes_back_to_the_queue():
    tasks.worker_alive("dead")
    TaskWorker.objects.filter(worker_id="dead").update(
        seen_at=timezone.now() - timedelta(minutes=5)
    )
    pk = _running("dead")
    assert tasks.requeue_dead() == 1
    assert _status(pk) == "READY"
    assert DBTaskResult.objects.ready().filter(pk=pk).exists()


def test_a_live_workers_task_is_left_alone_unless_it_runs_far_too_long():
    tasks.worker_alive("alive")
    pk = _running("alive")
    assert tasks.requeue_dead() == 0
    assert _status(pk) == "RUNNING"
    DBTaskResult.objects.filter(pk=pk).update(
        started_at=timezone.now() - tasks.TASK_LEASE - timedelta(minutes=1)
    )
    assert tasks.requeue_dead() == 1
    assert _status(pk) == "READY"


def test_a_task_just_started_by_an_unknown_worker_gets_time_to_say_it_lives():
    pk = _running("new", started=timedelta(seconds=1))
    assert tasks.requeue_dead() == 0
    assert _status(pk) == "RUNNING"


def test_a_task_whose_workers_keep_dying_fails_with_a_message():
    pk = _running("gone", runs=tasks.MAX_TASK_RUNS)
    assert tasks.requeue_dead() == 1
    row = DBTaskResult.objects.get(pk=pk)
    assert row.status == "FAILED"
    assert row.exception_class_path == "voorop.core.tasks.WorkerDied"
    assert f"stopped {tasks.MAX_TASK_RUNS} times" in row.traceback


def test_a_worker_gives_back_the_task_it_lost_to_a_database_restart():
    tasks.worker_alive("me")
    pk = _running("me", started=timedelta(seconds=1))
    assert tasks.give_back(str(pk), worker_id="other") == 0
    assert tasks.give_back(str(pk), worker_id="me") == 1
    assert _status(pk) == "READY"


def test_the_workers_watch_says_it_lives_and_takes_back_dead_tasks():
    pk = _running("gone")
    watch = jobs.Reaper(worker_id="watching")
    watch._last_reap = time.monotonic()  # the jobs' reaper has tests of its own
    watch.tick()
    assert TaskWorker.objects.filter(worker_id="watching").exists()
    assert _status(pk) == "READY"
    tasks.worker_gone("watching")
    assert not TaskWorker.objects.filter(worker_id="watching").exists()
    names = {job.name for job in maintenance.jobs()}
    assert {"core.requeue_dead_tasks", "core.sweep_outbox"} <= names
