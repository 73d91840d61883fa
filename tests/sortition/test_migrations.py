"""The engine-run migrations keep and fill in what was stored before them: a selection done
before 0008 gets its engine, seed, moment and outcome digest, and keeps its pool digest."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from voorop.core.base import canonical_digest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("sortition", "0007_registration_close")]
AFTER = [("sortition", "0011_text_limits")]


def _migrate(targets=None):
    """Migrate to ``targets`` (default: every app's latest, as the other tests expect)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_a_selection_done_before_the_engine_run_is_backfilled():
    old = _migrate(BEFORE)
    Assembly = old.get_model("sortition", "Assembly")
    Selection = old.get_model("sortition", "Selection")
    assembly = Assembly.objects.create(
        title="Oud",
        topic="Groen",
        panel_size=2,
        reserve_count=0,
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 4, 1),
        deletion_date=date(2026, 7, 1),
        seed="1-2-3",
    )
    finished = timezone.now()
    done = Selection.objects.create(
        assembly=assembly,
        algorithm="leximin",
        status="done",
        panels=[["A", "B"], ["A", "C"]],
        panel_probabilities=[0.5, 0.5],
        engine_version="3",
        pool_digest="d" * 64,
        finished_at=finished,
    )
    waiting = Selection.objects.create(assembly=assembly, algorithm="nash", status="queued")
    try:
        new = _migrate(AFTER)
        Selection = new.get_model("sortition", "Selection")
        done = Selection.objects.get(pk=done.pk)
        assert done.input_digest == "d" * 64 and done.engine_version == "3"
        assert done.engine == "sortition:leximin" and done.seed == "1-2-3"
        assert done.computed_at == finished
        assert done.output_digest == canonical_digest(
            {"panels": [["A", "B"], ["A", "C"]], "panel_probabilities": [0.5, 0.5]}
        )
        waiting = Selection.objects.get(pk=waiting.pk)
        assert waiting.engine == "" and waiting.computed_at is None
    finally:
        _migrate()
