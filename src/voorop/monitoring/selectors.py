"""Reads of monitoring: programmes, the snapshot archive, series over time for the charts,
the comparison of two snapshots, and the lessons of experiments. Pages read recorded
snapshot values only, never a live computation over the instruments' tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from voorop.core import indicators
from voorop.core.areas.models import Area
from voorop.core.jobs import JobStatus
from voorop.initiatives import selectors as initiatives
from voorop.monitoring.models import (
    MANUAL_PREFIX,
    ExperimentIndicator,
    Lesson,
    ManualIndicator,
    ManualValue,
    Programme,
    Snapshot,
    SnapshotValue,
)


def programmes_visible_to(user: Any) -> QuerySet[Programme]:
    programmes = Programme.objects.all()
    if user is not None and user.has_perm("monitoring.view_staff_dashboard"):
        return programmes
    return programmes.filter(is_public=True)


def dashboard_programme(user: Any, pk: int | None = None) -> Programme | None:
    programmes = programmes_visible_to(user)
    if pk is not None:
        return programmes.filter(pk=pk).first()
    return programmes.exclude(indicator_keys=[]).first() or programmes.first()


def snapshots_done(programme: Programme | None = None) -> QuerySet[Snapshot]:
    snapshots = Snapshot.objects.filter(status=JobStatus.DONE).select_related("programme")
    if programme is not None:
        snapshots = snapshots.filter(programme=programme)
    return snapshots.order_by("-period_key", "-finished_at", "-pk")


def snapshots_archive(user: Any, programme: Programme | None = None) -> QuerySet[Snapshot]:
    return snapshots_done(programme).filter(programme__in=programmes_visible_to(user))


def snapshots_of(programme: Programme) -> QuerySet[Snapshot]:
    """Every snapshot of a programme, whatever its state (the staff page shows jobs)."""
    return Snapshot.objects.filter(programme=programme).order_by("-created_at", "-pk")


def latest_per_period(programme: Programme) -> list[Snapshot]:
    """The newest finished snapshot of each half-year, oldest half-year first."""
    latest: dict[str, Snapshot] = {}
    for snapshot in snapshots_done(programme):
        latest.setdefault(snapshot.period_key, snapshot)
    return [latest[key] for key in sorted(latest)]


@dataclass
class Series:
    key: str
    name: str
    description: str
    formula: str
    unit: str
    points: list[tuple[str, float | None, str]] = field(
        default_factory=list
    )  # period, value, label

    @property
    def has_values(self) -> bool:
        return any(value is not None for _key, value, _label in self.points)

    @property
    def texts(self) -> list[tuple[str, str]]:
        return [(label, text) for _key, _value, label, text in self.text_points]

    text_points: list[tuple[str, float | None, str, str]] = field(default_factory=list)


def series(programme: Programme, area: Area | None = None) -> list[Series]:
    """Per indicator of the programme, its values over the half-years (from the newest
    snapshot of each half-year), for the whole municipality or one area. The name and
    formula shown are those of the newest snapshot."""
    snapshots = latest_per_period(programme)
    values = SnapshotValue.objects.filter(snapshot__in=snapshots)
    values = values.filter(area=area) if area is not None else values.filter(area__isnull=True)
    by_snapshot: dict[int, dict[str, SnapshotValue]] = {}
    for value in values:
        by_snapshot.setdefault(value.snapshot_id, {})[value.indicator_key] = value
    out: dict[str, Series] = {}
    for key in programme.indicator_keys:
        for snapshot in snapshots:
            value = by_snapshot.get(snapshot.pk, {}).get(key)
            if value is None:
                continue
            entry = out.setdefault(
                key,
                Series(
                    key, value.shown_name, value.shown_description, value.shown_formula, value.unit
                ),
            )
            entry.name, entry.description, entry.formula = (
                value.shown_name,
                value.shown_description,
                value.shown_formula,
            )
            label = snapshot.period.label
            entry.points.append((snapshot.period_key, value.value, label))
            entry.text_points.append((snapshot.period_key, value.value, label, value.text))
    return [out[key] for key in programme.indicator_keys if key in out]


def snapshot_table(snapshot: Snapshot) -> list[dict[str, Any]]:
    """Per indicator: its frozen definition and its values per area."""
    rows: dict[str, dict[str, Any]] = {}
    for value in snapshot.values.all():
        row = rows.setdefault(
            value.indicator_key,
            {
                "key": value.indicator_key,
                "name": value.shown_name,
                "description": value.shown_description,
                "formula": value.shown_formula,
                "unit": value.unit,
                "values": [],
            },
        )
        row["values"].append(value)
    return list(rows.values())


def comparison(first: Snapshot, second: Snapshot) -> list[dict[str, Any]]:
    """Both snapshots' values side by side, per indicator and area, with the change and
    whether the definition changed between them."""
    older = {(v.indicator_key, v.area_name): v for v in first.values.all()}
    rows = []
    for value in second.values.all():
        before = older.pop((value.indicator_key, value.area_name), None)
        change = None
        if before is not None and before.value is not None and value.value is not None:
            change = value.value - before.value
        rows.append(
            {
                "name": value.shown_name,
                "unit": value.unit,
                "area_name": value.area_name,
                "before": before,
                "after": value,
                "change": change,
                "definition_changed": before is not None
                and (before.formula != value.formula or before.name != value.name),
            }
        )
    for before in older.values():
        rows.append(
            {
                "name": before.shown_name,
                "unit": before.unit,
                "area_name": before.area_name,
                "before": before,
                "after": None,
                "change": None,
                "definition_changed": False,
            }
        )
    return rows


def indicator_choices() -> list[tuple[str, str]]:
    """Every indicator a programme may choose, computed first, then manual."""
    computed = [(i.key, str(i.name)) for i in indicators.all_indicators()]
    manual = [(m.key, f"{m.name} ({m.get_unit_display()})") for m in ManualIndicator.objects.all()]
    return computed + manual


def definition_of(key: str) -> dict[str, str] | None:
    """The current definition of an indicator (computed or manual)."""
    if key.startswith(MANUAL_PREFIX):
        indicator = ManualIndicator.objects.filter(slug=key[len(MANUAL_PREFIX) :]).first()
        return indicator.definition() if indicator else None
    computed = indicators.get(key)
    return computed.definition() if computed else None


def manual_indicators() -> QuerySet[ManualIndicator]:
    return ManualIndicator.objects.all()


def manual_values(indicator: ManualIndicator | None = None) -> QuerySet[ManualValue]:
    values = ManualValue.objects.select_related("indicator", "area", "entered_by")
    if indicator is not None:
        values = values.filter(indicator=indicator)
    return values.order_by("-period_key", "indicator__name", "pk")


def experiments() -> QuerySet[Any]:
    return initiatives.experiments_public()


def experiment(pk: int) -> Any | None:
    return initiatives.experiments_public().filter(pk=pk).first()


def experiment_indicators(initiative: Any) -> QuerySet[ExperimentIndicator]:
    return ExperimentIndicator.objects.filter(initiative=initiative).prefetch_related("values")


def lessons_of(initiative: Any) -> QuerySet[Lesson]:
    return Lesson.objects.filter(initiative=initiative).order_by("-created_at", "-pk")


def lessons_search(search: str = "") -> QuerySet[Lesson]:
    """Lessons of every public experiment, newest first, searched in all three answers
    and the experiment's title."""
    lessons = Lesson.objects.filter(initiative__in=initiatives.experiments_public())
    for word in search.split()[:8]:
        lessons = lessons.filter(
            Q(worked__icontains=word)
            | Q(did_not_work__icontains=word)
            | Q(differently__icontains=word)
            | Q(initiative__title__icontains=word)
        )
    return lessons.select_related("initiative").order_by("-created_at", "-pk")
