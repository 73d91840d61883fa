"""A job model for the tests of voorop.core.jobs; its table is made by the `probe_table`
fixture (there is no migration). Imported by the worker started in test_jobs_worker.py."""

from __future__ import annotations

import time
from datetime import timedelta

from django.db import connection, models
from django.db.models import F

from voorop.core.jobs import JobError, TrackedJob


class ProbeJob(TrackedJob):
    seconds = models.FloatField(default=0)
    fail_times = models.IntegerField(default=0)
    explain = models.CharField(max_length=200, blank=True)
    runs_started = models.IntegerField(default=0)
    runs_finished = models.IntegerField(default=0)

    lease = timedelta(seconds=2)

    class Meta:
        app_label = "core"
        # Not Django's to make or empty: the test database is made from the models
        # (tests/conftest.py), and this table belongs to the fixture alone.
        managed = False

    def work(self) -> None:
        ProbeJob.objects.filter(pk=self.pk).update(runs_started=F("runs_started") + 1)
        if self.explain:
            raise JobError(self.explain)
        if self.attempts <= self.fail_times:
            raise RuntimeError("the probe fails on purpose")
        deadline = time.monotonic() + self.seconds
        while time.monotonic() < deadline:
            time.sleep(0.05)
        ProbeJob.objects.filter(pk=self.pk).update(runs_finished=F("runs_finished") + 1)


def create_table() -> None:
    with connection.schema_editor() as editor:
        editor.create_model(ProbeJob)


def drop_table() -> None:
    with connection.schema_editor() as editor:
        editor.delete_model(ProbeJob)
