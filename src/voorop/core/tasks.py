"""Background tasks of the platform (Django's task framework, database backend).

A task row keeps its arguments and its result in the database until it is pruned
(`prune_task_results`, a maintenance job): they hold ids, never a secret, a vote or a mail's
text (voorop.core.mail).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger("voorop.tasks")


@task()
def send_outgoing(*, mail: int) -> str:
    """Send one mail of the outbox, once (voorop.core.mail.send_outgoing)."""
    from voorop.core import mail as outbox

    return outbox.send_outgoing(mail)


@task()
def send_mail(*, kind: str, ids: dict) -> int:
    """Kept only to send rows an earlier version queued (before the outbox): render a mail
    of a registered kind from its ids and send it."""
    from voorop.core import mail

    return mail.deliver(kind, ids)


@task()
def send_email(*, subject: str, body: str, recipients: list[str]) -> int:
    """Kept only to send rows an earlier version queued (a mail rendered up front, its text
    in the task row until pruned). Nothing queues it any more: every app sends by kind and
    ids (voorop.core.mail)."""
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients
    )
    return message.send()


# Finished task rows kept this long: long enough to look into a failure, short enough that
# finished rows (ids only) do not pile up.
KEEP_SUCCESSFUL = timedelta(days=1)
KEEP_FAILED = timedelta(days=7)


def prune_task_results() -> int:
    """Maintenance job: delete finished task rows (successful after a day, failed after a
    week). Rows still waiting or running are never touched."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    rows = DBTaskResult.objects
    deleted, _ = rows.successful().filter(finished_at__lt=now - KEEP_SUCCESSFUL).delete()
    failed, _ = rows.failed().filter(finished_at__lt=now - KEEP_FAILED).delete()
    return deleted + failed


# --- tasks of dead workers --------------------------------------------------------------------

# A worker says it is alive this often (the reaper thread of `voorop db_worker`) ...
HEARTBEAT = timedelta(seconds=5)
# ... and is taken for dead when it has not for this long: its RUNNING tasks go back.
WORKER_GONE = timedelta(seconds=30)
# A task RUNNING this long is taken back whoever runs it (a worker without heartbeat, or
# one that lost its task in a database restart). Long work is a tracked job (core.jobs),
# whose task is short.
TASK_LEASE = timedelta(minutes=15)
# Runs of one task, counting the first: after this many, a dead worker's task is FAILED.
MAX_TASK_RUNS = 3

DEAD_WORKER_MESSAGE = (
    "The worker running this task stopped %(runs)d times (killed, or the machine restarted); "
    "not tried again."
)


def worker_alive(worker_id: str) -> None:
    """Record that this worker is alive now (its heartbeat)."""
    from voorop.core.models import TaskWorker

    TaskWorker.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": timezone.now()})


def worker_gone(worker_id: str) -> None:
    """The worker stops cleanly: forget it."""
    from voorop.core.models import TaskWorker

    TaskWorker.objects.filter(worker_id=worker_id).delete()


def requeue_dead() -> int:
    """Put the RUNNING tasks of dead workers back in the queue (READY), or mark them FAILED
    after MAX_TASK_RUNS runs. Returns how many tasks it touched.

    A worker is dead when its heartbeat is older than WORKER_GONE (or it never had one and
    the task started longer ago than that); a task RUNNING longer than TASK_LEASE is taken
    back from anyone. Tasks must be idempotent: a task killed after its work but before it
    was marked done runs again (the outbox sends a mail once; tracked jobs claim a run)."""
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    from voorop.core.models import TaskWorker

    now = timezone.now()
    alive = set(
        TaskWorker.objects.filter(seen_at__gte=now - WORKER_GONE).values_list(
            "worker_id", flat=True
        )
    )
    touched = 0
    running = DBTaskResult.objects.filter(status="RUNNING").filter(
        Q(started_at__lt=now - WORKER_GONE) | Q(started_at__isnull=True)
    )
    for row in running.only("pk", "worker_ids", "started_at")[:500]:
        worker = row.worker_ids[-1] if row.worker_ids else ""
        overdue = row.started_at is None or row.started_at < now - TASK_LEASE
        if worker in alive and not overdue:
            continue
        touched += _take_back(row, now)
    TaskWorker.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    return touched


def give_back(pk: str, *, worker_id: str) -> int:
    """A worker lost the task it ran (the database went away mid-task): back to the queue
    (or FAILED after MAX_TASK_RUNS), if it is still RUNNING as this worker's."""
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.filter(pk=pk, status="RUNNING").only(
        "pk", "worker_ids", "started_at"
    )
    found = row.first()
    if found is None or (found.worker_ids or [""])[-1] != worker_id:
        return 0
    return _take_back(found, timezone.now())


def _take_back(row, now) -> int:
    from django_tasks_db.models import DBTaskResult

    same = DBTaskResult.objects.filter(pk=row.pk, status="RUNNING", started_at=row.started_at)
    runs = len(row.worker_ids)
    if runs < MAX_TASK_RUNS:
        done = same.update(status="READY")
        if done:
            logger.warning("task re-queued: its worker died", extra={"task": str(row.pk)})
        return done
    done = same.update(
        status="FAILED",
        finished_at=now,
        exception_class_path="voorop.core.tasks.WorkerDied",
        traceback=DEAD_WORKER_MESSAGE % {"runs": runs},
    )
    if done:
        logger.error("task failed: its workers kept dying", extra={"task": str(row.pk)})
    return done


class WorkerDied(Exception):
    """Recorded as the exception of a task whose workers kept dying."""
