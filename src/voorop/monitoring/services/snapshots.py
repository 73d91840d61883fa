"""Stage: recording. A snapshot (peilmoment) records every indicator of a programme for a
half-year, for the whole municipality and each area below it, with the definitions as they
are at that moment. It is a tracked job (voorop.core.jobs): taken on request, and every
half year by the maintenance job ``monitoring.half_year_snapshots`` once the half-year is
over. A recorded value is never changed: a changed definition or a corrected manual value
shows only in a later snapshot."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from voorop.core import indicators, jobs
from voorop.core.areas.models import Area, AreaKind
from voorop.core.indicators import Period, Unit
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.monitoring.models import (
    MANUAL_PREFIX,
    ManualIndicator,
    ManualValue,
    Programme,
    Snapshot,
    SnapshotKind,
    SnapshotValue,
)


def snapshot_areas() -> list[Area]:
    """The areas a snapshot measures besides the whole municipality: the kernen and wijken
    directly under the municipality (or the top areas when there is no municipality row)."""
    roots = list(Area.objects.filter(parent=None))
    municipalities = [a for a in roots if a.kind == AreaKind.MUNICIPALITY]
    if municipalities:
        return list(Area.objects.filter(parent__in=municipalities).order_by("name"))
    return sorted(roots, key=lambda a: a.name)


@transaction.atomic
def snapshot_request(
    *, actor: Any, programme: Programme, period_key: str, note: str = ""
) -> Snapshot:
    """Take a snapshot now (on request), in the background."""
    require(actor, "monitoring.take_snapshot")
    try:
        period = Period.from_key(period_key)
    except ValueError as error:
        raise ValidationError({"period_key": _("Choose a half-year, such as 2026-H1.")}) from error
    if period.start > timezone.localdate():
        raise ValidationError({"period_key": _("This half-year has not started yet.")})
    if not programme.indicator_keys:
        raise ValidationError(_("Choose the programme's indicators first."))
    snapshot = Snapshot.objects.create(
        programme=programme,
        period_key=period_key,
        kind=SnapshotKind.ON_DEMAND,
        requested_by=actor,
        note=note.strip(),
    )
    audit_log(actor=actor, action="monitoring.snapshot_requested", target=snapshot)
    jobs.enqueue(snapshot)
    return snapshot


def snapshots_due() -> int:
    """The half-yearly snapshot: for each programme, the half-year that ended last, unless
    it has a scheduled snapshot already. Runs with the other maintenance jobs (hourly)."""
    period = Period.current().previous()
    started = 0
    for programme in Programme.objects.exclude(indicator_keys=[]):
        exists = Snapshot.objects.filter(
            programme=programme, period_key=period.key, kind=SnapshotKind.SCHEDULED
        ).exclude(status=jobs.JobStatus.FAILED)
        if exists.exists():
            continue
        with transaction.atomic():
            snapshot = Snapshot.objects.create(
                programme=programme, period_key=period.key, kind=SnapshotKind.SCHEDULED
            )
            audit_log(actor=None, action="monitoring.snapshot_scheduled", target=snapshot)
            jobs.enqueue(snapshot)
        started += 1
    return started


def _manual_rows(
    indicator: ManualIndicator, period: Period, areas: list[Area | None]
) -> list[dict]:
    values = {
        row.area_id: row
        for row in ManualValue.objects.filter(
            indicator=indicator, period_key=period.key
        ).select_related("entered_by")
    }
    rows = []
    for area in areas:
        row = values.get(area.pk if area else None)
        entered_by = ""
        if row is not None and row.entered_by is not None:
            entered_by = str(getattr(row.entered_by, "public_name", "") or row.entered_by)
        rows.append(
            {
                "area": area,
                "value": float(row.value) if row is not None and row.value is not None else None,
                "text": row.text if row is not None else "",
                "source": (f"{row.source} ({entered_by})" if entered_by else row.source)
                if row is not None
                else "",
            }
        )
    return rows


def snapshot_record(*, snapshot: Snapshot) -> None:
    """The job's work: compute and store every value. Idempotent (a rerun after a crash
    starts over); raises JobError for what staff can fix."""
    period = snapshot.period
    areas: list[Area | None] = [None, *snapshot_areas()]
    manual = {m.key: m for m in ManualIndicator.objects.all()}
    rows: list[SnapshotValue] = []
    for position, key in enumerate(snapshot.programme.indicator_keys):
        if key.startswith(MANUAL_PREFIX):
            indicator = manual.get(key)
            if indicator is None:
                continue
            definition = indicator.definition()
            for item in _manual_rows(indicator, period, areas):
                rows.append(_value(snapshot, position, definition, item["area"], **_rest(item)))
            continue
        computed = indicators.get(key)
        if computed is None:  # its app is no longer installed
            continue
        definition = computed.definition()
        translations = _in_every_language(computed)
        for area in areas:
            measured = computed.measure(period, area)
            rows.append(
                _value(
                    snapshot,
                    position,
                    definition,
                    area,
                    value=measured.value,
                    numerator=measured.numerator,
                    denominator=measured.denominator,
                    breakdown=measured.breakdown,
                    translations=translations,
                )
            )
    with transaction.atomic():
        SnapshotValue.objects.filter(snapshot=snapshot).delete()
        SnapshotValue.objects.bulk_create(rows)


def _in_every_language(indicator: indicators.Indicator) -> dict[str, dict[str, str]]:
    """A computed indicator's texts in every language of the site, frozen with the values:
    a reader sees the definition as it was, in their own language."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            definition = indicator.definition()
        texts[code] = {field: definition[field] for field in ("name", "description", "formula")}
    return texts


def _rest(item: dict) -> dict:
    return {"value": item["value"], "text": item["text"], "source": item["source"]}


def _value(
    snapshot: Snapshot,
    position: int,
    definition: dict[str, str],
    area: Area | None,
    **fields: Any,
) -> SnapshotValue:
    return SnapshotValue(
        snapshot=snapshot,
        position=position,
        indicator_key=definition["key"],
        name=definition["name"],
        description=definition["description"],
        formula=definition["formula"],
        unit=definition["unit"] if definition["unit"] in Unit.values else Unit.COUNT,
        area=area,
        area_name=area.name if area is not None else str(_("whole municipality")),
        **fields,
    )
