"""Writes of monitoring, one module per stage: indicators (manual indicators, their values,
programmes), snapshots (recording, scheduling), experiments (own indicators, learning log)."""

from voorop.monitoring.services.experiments import (
    experiment_indicator_add,
    experiment_value_enter,
    lesson_add,
)
from voorop.monitoring.services.indicators import (
    manual_indicator_create,
    manual_indicator_update,
    manual_value_enter,
    programme_create,
    programme_set_indicators,
    programme_update,
)
from voorop.monitoring.services.snapshots import (
    snapshot_record,
    snapshot_request,
    snapshots_due,
)

__all__ = [
    "experiment_indicator_add",
    "experiment_value_enter",
    "lesson_add",
    "manual_indicator_create",
    "manual_indicator_update",
    "manual_value_enter",
    "programme_create",
    "programme_set_indicators",
    "programme_update",
    "snapshot_record",
    "snapshot_request",
    "snapshots_due",
]
