"""`voorop maintenance`: run every registered daily job (see voorop.core.maintenance)."""

from __future__ import annotations

import logging

from django.core.management.base import BaseCommand

from voorop.core import maintenance

logger = logging.getLogger("voorop.maintenance")


class Command(BaseCommand):
    help = "Run the daily jobs: privacy deletions and clean-ups. Safe to run more often."

    def handle(self, *args, **options) -> None:
        failed = 0
        for job in maintenance.jobs():
            try:
                result = job.run()
            except Exception:  # one failing job must not stop the privacy deletions after it
                failed += 1
                logger.exception("maintenance job failed", extra={"job": job.name})
                self.stderr.write(f"{job.name}: failed (see the log)")
            else:
                self.stdout.write(f"{job.name}: {result}")
        if failed:
            raise SystemExit(1)
