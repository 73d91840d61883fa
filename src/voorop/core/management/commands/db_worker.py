"""`voorop db_worker`: django-tasks-db's worker, made to survive what it does not by itself.

This command takes the place of django-tasks-db's own (core comes first in
INSTALLED_APPS), so `voorop serve` and any process manager that starts `db_worker` get:

- the reaper thread (voorop.core.jobs.Reaper): a heartbeat of this worker, the tasks of
  dead workers back in the queue (bounded runs, then FAILED with a message), the mail
  outbox swept, and tracked jobs whose worker died re-queued or failed;
- a worker that waits for the database when it goes away (a PostgreSQL restart or
  fail-over) instead of exiting: the task it was running goes back to the queue.
  The service manager's Restart=always stays as the last resort.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time

from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from voorop.core import tasks
from voorop.core.jobs import Reaper

logger = logging.getLogger("voorop.tasks")

# Seconds between tries while the database is away.
RECONNECT_WAIT = 1.0


class Worker(db_worker.Worker):
    current: str | None = None

    def run_task(self, db_task_result) -> None:
        self.current = str(db_task_result.pk)
        try:
            super().run_task(db_task_result)
        finally:
            self.current = None

    def run(self) -> None:
        while True:
            try:
                super().run()
                return
            except (OperationalError, InterfaceError) as error:
                if not self.running:
                    raise
                logger.warning("database away; the worker waits", extra={"error": str(error)})
                lost, self.current = self.current, None
                self._wait_for_database(lost)

    def _wait_for_database(self, lost: str | None) -> None:
        while self.running:
            time.sleep(RECONNECT_WAIT)
            close_old_connections()
            try:
                if lost is not None:
                    tasks.give_back(lost, worker_id=self.worker_id)
                else:
                    tasks.worker_alive(self.worker_id)
            except DatabaseError:
                continue
            logger.warning("database back; the worker goes on")
            return


class Command(db_worker.Command):
    help = (
        "Run the background task worker; re-queue the tasks and jobs of dead workers, send "
        "mails left in the outbox, wait for the database when it restarts."
    )

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        reaper = Reaper(worker_id=worker_id).start()
        try:
            if reload and not batch:
                if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                    worker.configure_signals()
                run_with_reloader(worker.run)
            else:
                worker.configure_signals()
                worker.run()
        finally:
            reaper.stop()
            with contextlib.suppress(DatabaseError):
                tasks.worker_gone(worker_id)
