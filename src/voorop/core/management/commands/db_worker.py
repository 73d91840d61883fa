"""`voorop db_worker`: django-tasks-db's worker, plus the job reaper (voorop.core.jobs).

This command takes the place of django-tasks-db's own (core comes first in
INSTALLED_APPS), so `voorop serve` and any process manager that starts `db_worker` also get
the reaper: at start and every minute it re-queues jobs whose worker died, or marks them
failed with a message for staff.
"""

from __future__ import annotations

from django_tasks_db.management.commands import db_worker

from voorop.core.jobs import Reaper


class Command(db_worker.Command):
    help = "Run the background task worker, and re-queue or fail jobs whose worker died."

    def handle(self, *args, **options) -> None:
        reaper = Reaper().start()
        try:
            super().handle(*args, **options)
        finally:
            reaper.stop()
