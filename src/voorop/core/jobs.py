"""Background jobs that staff follow and that never stay stuck (letters, selections, results).

django-tasks-db (0.13) does nothing about a worker that dies mid-task: the task row stays
RUNNING for ever and is never retried. A job whose progress staff see on a page therefore
keeps its own state in a model of the app, built on ``TrackedJob``::

    class LetterBatch(TrackedJob):
        round = models.ForeignKey(...)

        def work(self) -> None:
            # Idempotent: may run again after a crash, so start from scratch or skip
            # what is done; call self.heartbeat() in long loops if you like.
            ...
            if impossible:
                raise JobError(_("The address file has no addresses."))  # shown to staff

    batch = LetterBatch.objects.create(round=round)
    jobs.enqueue(batch)  # after commit, via the task voorop.core.jobs.run_job

How a run goes (``run``):

1. **claim**: one UPDATE turns QUEUED into RUNNING, counts the attempt and sets a lease
   (``lease`` seconds from now). Two workers given the same job: one wins, the other
   returns. The attempt number is the fencing token of this run.
2. **heartbeat**: while ``work()`` runs, a thread extends the lease every ``lease / 3``.
   A dead worker stops extending it.
3. **finish**: one UPDATE, only if this run still holds the job (same attempt, RUNNING):
   DONE. A ``JobError`` makes it FAILED at once with its message; any other exception is
   retried (QUEUED again) until ``max_attempts``, then FAILED with a plain message.

The **reaper** (``reap``) finds RUNNING jobs whose lease ran out (the worker died, or the
machine stopped): back to QUEUED and enqueued again while attempts are left, else FAILED
with a message for staff. It also re-enqueues jobs that waited too long (their task row
was lost). It runs in the worker (``voorop db_worker`` starts it at once and every minute, in the
same thread that re-queues the tasks of dead workers and sweeps the mail outbox),
and as the maintenance job ``core.reap_jobs``. ``retry`` is the "try again" button of a
FAILED job. Statuses and messages are shown with ``core/partials/job_status.html``.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.apps import apps
from django.db import close_old_connections, connection, models, transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("voorop.jobs")

# Queued jobs not claimed for this long are enqueued again (their task row may be gone).
STALE_QUEUE = timedelta(minutes=10)
REAP_EVERY = timedelta(minutes=1)

DEAD_WORKER = _(
    "The processing stopped unexpectedly, %(attempts)d times (the server or its background "
    "worker was restarted). Click Try again to start it over, or ask the administrator to "
    "check the background worker."
)
CRASHED = _(
    "Something went wrong while processing this, %(attempts)d times. Click Try again to "
    "start it over; if it goes wrong again, ask the administrator."
)


class JobError(Exception):
    """A failure the job can explain to staff: not retried, its message is shown."""


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("In progress")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class TrackedJob(models.Model):
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=3)
    lease_expires_at = models.DateTimeField(_("lease expires at"), null=True, blank=True)
    error = models.TextField(_("error message"), blank=True)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    # How long a run may go without a heartbeat before the reaper calls it dead.
    lease: timedelta = timedelta(minutes=2)

    class Meta:
        abstract = True

    def work(self) -> None:  # pragma: no cover - each job model has its own
        raise NotImplementedError

    def heartbeat(self) -> None:
        """Extend the lease now (the runner's thread also does it every lease / 3)."""
        _extend(type(self), self.pk, self.attempts)

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


def _label(model: type[TrackedJob]) -> str:
    return model._meta.label_lower


def job_models() -> list[type[TrackedJob]]:
    return [m for m in apps.get_models() if issubclass(m, TrackedJob)]


# --- enqueue, run ---------------------------------------------------------------------------


def enqueue(job: TrackedJob) -> None:
    """Run the job in the background after the current transaction commits."""
    model, pk = _label(type(job)), job.pk
    transaction.on_commit(lambda: run_job.enqueue(model=model, pk=pk))


@task()
def run_job(*, model: str, pk: int) -> str:
    """The background task: ids only (a job's inputs live in its row)."""
    return run(apps.get_model(model), pk)


def claim(model: type[TrackedJob], pk: int) -> int | None:
    """Take the job for one run; its attempt number, or None if another run has it or it
    is finished or out of attempts."""
    now = timezone.now()
    claimed = model.objects.filter(
        pk=pk, status=JobStatus.QUEUED, attempts__lt=F("max_attempts")
    ).update(
        status=JobStatus.RUNNING,
        attempts=F("attempts") + 1,
        lease_expires_at=now + model.lease,
        started_at=now,
        error="",
    )
    if not claimed:
        return None
    return model.objects.filter(pk=pk).values_list("attempts", flat=True).get()


def _mine(model: type[TrackedJob], pk: int, attempt: int):
    return model.objects.filter(pk=pk, status=JobStatus.RUNNING, attempts=attempt)


def _extend(model: type[TrackedJob], pk: int, attempt: int) -> bool:
    return bool(_mine(model, pk, attempt).update(lease_expires_at=timezone.now() + model.lease))


class _Heartbeat:
    """A thread that extends the lease until stopped. Not used inside a transaction (the
    immediate task backend in tests): another connection could not see the job row."""

    def __init__(self, model: type[TrackedJob], pk: int, attempt: int) -> None:
        self.model, self.pk, self.attempt = model, pk, attempt
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True, name=f"heartbeat-{pk}")

    def _beat(self) -> None:
        interval = self.model.lease.total_seconds() / 3
        try:
            while not self.stopped.wait(interval):
                if not _extend(self.model, self.pk, self.attempt):
                    return  # no longer ours: reaped or finished
        finally:
            connection.close()

    def __enter__(self) -> _Heartbeat:
        if not connection.in_atomic_block:
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join()


def run(model: type[TrackedJob], pk: int) -> str:
    """Claim, work with a heartbeat, finish. Returns what happened, for the task result."""
    attempt = claim(model, pk)
    if attempt is None:
        return "skipped"
    job = model.objects.get(pk=pk)
    try:
        with _Heartbeat(model, pk, attempt):
            job.work()
    except JobError as error:
        _mine(model, pk, attempt).update(
            status=JobStatus.FAILED, error=str(error), finished_at=timezone.now()
        )
        return "failed"
    except Exception:
        logger.exception("job failed", extra={"job": _label(model), "pk": pk, "attempt": attempt})
        if attempt < job.max_attempts:
            if _mine(model, pk, attempt).update(status=JobStatus.QUEUED, lease_expires_at=None):
                enqueue(job)
            return "retry"
        _mine(model, pk, attempt).update(
            status=JobStatus.FAILED,
            error=str(CRASHED % {"attempts": attempt}),
            finished_at=timezone.now(),
        )
        return "failed"
    done = _mine(model, pk, attempt).update(
        status=JobStatus.DONE, finished_at=timezone.now(), lease_expires_at=None
    )
    return "done" if done else "superseded"


def locked_if_mine[J: TrackedJob](job: J) -> J | None:
    """Inside ``transaction.atomic()``: the job's row read again and locked, while the run
    that was given ``job`` (its attempt number) still holds it; None when the run lost its
    claim (the reaper gave the job to a newer run). Work that writes its results in the same
    transaction is therefore done once, however often the job is run."""
    model = type(job)
    fresh = model.objects.select_for_update().get(pk=job.pk)
    if fresh.status != JobStatus.RUNNING or fresh.attempts != job.attempts:
        return None
    return fresh


# --- reaper, retry --------------------------------------------------------------------------


def reap() -> int:
    """Re-queue or fail every run whose lease ran out; nudge jobs that waited too long.
    Returns how many jobs it touched."""
    touched = 0
    now = timezone.now()
    for model in job_models():
        expired = model.objects.filter(status=JobStatus.RUNNING, lease_expires_at__lt=now)
        for job in expired:
            running = model.objects.filter(
                pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts, lease_expires_at__lt=now
            )
            if job.attempts < job.max_attempts:
                if running.update(status=JobStatus.QUEUED, lease_expires_at=None, queued_at=now):
                    logger.warning("job re-queued after its run died", extra={"pk": job.pk})
                    enqueue(job)
                    touched += 1
            elif running.update(
                status=JobStatus.FAILED,
                error=str(DEAD_WORKER % {"attempts": job.attempts}),
                finished_at=now,
                lease_expires_at=None,
            ):
                logger.error("job failed: its runs kept dying", extra={"pk": job.pk})
                touched += 1
        stale = model.objects.filter(status=JobStatus.QUEUED, queued_at__lt=now - STALE_QUEUE)
        for job in stale:
            if model.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(queued_at=now):
                enqueue(job)
                touched += 1
    return touched


def retry(job: TrackedJob) -> bool:
    """The "try again" button: a FAILED job starts over with fresh attempts. Returns False
    when the job was not failed (someone else pressed it first)."""
    model = type(job)
    again = model.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED,
        attempts=0,
        error="",
        queued_at=timezone.now(),
        started_at=None,
        finished_at=None,
        lease_expires_at=None,
    )
    if again:
        enqueue(job)
    job.refresh_from_db()
    return bool(again)


class Reaper:
    """The worker's watch, in a daemon thread: every ``every`` (a few seconds) it says the
    worker is alive, puts back the tasks of dead workers (core.tasks.requeue_dead) and
    enqueues mails whose task never came (core.mail.sweep); every REAP_EVERY it runs
    ``reap`` for tracked jobs. Each step at once on start."""

    def __init__(self, every: timedelta | None = None, *, worker_id: str = "") -> None:
        from voorop.core.tasks import HEARTBEAT

        self.every = every or HEARTBEAT
        self.worker_id = worker_id
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True, name="job-reaper")
        self._last_reap: float | None = None

    def tick(self) -> None:
        """One round (also called by tests)."""
        from voorop.core import mail, tasks

        if self.worker_id:
            tasks.worker_alive(self.worker_id)
        tasks.requeue_dead()
        mail.sweep()
        now = time.monotonic()
        if self._last_reap is None or now - self._last_reap >= REAP_EVERY.total_seconds():
            reap()
            self._last_reap = now

    def _loop(self) -> None:
        while True:
            try:
                close_old_connections()
                self.tick()
            except Exception:  # the worker must go on; the next round tries again
                logger.exception("job reaper failed")
            finally:
                connection.close()
            if self.stopped.wait(self.every.total_seconds()):
                return

    def start(self) -> Reaper:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
