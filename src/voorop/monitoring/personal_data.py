"""What monitoring stores about a person, for the data download: the values they entered
and the lessons they wrote. The figures and lessons are part of the public record of the
programme; on deletion the link to the person goes (``anonymise``), the content stays."""

from __future__ import annotations

from typing import Any

from voorop.monitoring.models import (
    ExperimentValue,
    Lesson,
    ManualIndicator,
    ManualValue,
    Snapshot,
)

# Fields this module covers (tests/security/test_personal_data_walk.py).
COVERS = frozenset(
    {
        "monitoring.ManualIndicator.created_by",
        "monitoring.ManualValue.entered_by",
        "monitoring.Snapshot.requested_by",
        "monitoring.ExperimentValue.entered_by",
        "monitoring.Lesson.author",
    }
)


def export(user: Any) -> dict[str, Any]:
    return {
        "values_entered": [
            {"indicator": v.indicator.name, "half_year": v.period_key, "source": v.source}
            for v in ManualValue.objects.filter(entered_by=user).select_related("indicator")
        ],
        "experiment_values_entered": [
            {"indicator": v.indicator.name, "half_year": v.period_key, "source": v.source}
            for v in ExperimentValue.objects.filter(entered_by=user).select_related("indicator")
        ],
        "lessons_written": [
            {
                "half_year": lesson.period_key,
                "worked": lesson.worked,
                "did_not_work": lesson.did_not_work,
                "differently": lesson.differently,
            }
            for lesson in Lesson.objects.filter(author=user)
        ],
        "snapshots_requested": [
            {"half_year": s.period_key, "at": s.created_at.isoformat()}
            for s in Snapshot.objects.filter(requested_by=user)
        ],
    }


def anonymise(user: Any) -> None:
    ManualIndicator.objects.filter(created_by=user).update(created_by=None)
    ManualValue.objects.filter(entered_by=user).update(entered_by=None)
    ExperimentValue.objects.filter(entered_by=user).update(entered_by=None)
    Lesson.objects.filter(author=user).update(author=None)
    Snapshot.objects.filter(requested_by=user).update(requested_by=None)
