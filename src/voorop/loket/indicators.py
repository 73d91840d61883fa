"""What the Samenlevingsloket contributes to monitoring (see voorop.core.indicators)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _

from voorop.core import indicators
from voorop.core.indicators import Measurement, Period, Unit
from voorop.loket.models import (
    DeskItem,
    DeskItemTimelineEntry,
    EscalationStep,
    EventKind,
    ItemStatus,
)

if TYPE_CHECKING:
    from voorop.core.areas.models import Area


def _items(area: Area | None) -> QuerySet[DeskItem]:
    items = DeskItem.objects.all()
    ids = indicators.area_ids(area)
    return items if ids is None else items.filter(area_id__in=ids)


def _received(period: Period, area: Area | None) -> QuerySet[DeskItem]:
    start, end = period.datetime_range()
    return _items(area).filter(created_at__gte=start, created_at__lt=end)


def _closed(period: Period, area: Area | None) -> QuerySet[DeskItem]:
    start, end = period.datetime_range()
    return _items(area).filter(status=ItemStatus.CLOSED, closed_at__gte=start, closed_at__lt=end)


def closed_with_feedback(period: Period, area: Area | None) -> Measurement:
    received = _received(period, area)
    with_feedback = (
        DeskItemTimelineEntry.objects.filter(
            item__in=received.filter(status=ItemStatus.CLOSED), kind=EventKind.CLOSED, public=True
        )
        .exclude(text="")
        .values("item_id")
        .distinct()
        .count()
    )
    return indicators.share(with_feedback, received.count())


def median_first_response(period: Period, area: Area | None) -> Measurement:
    rows = _received(period, area).filter(first_response_at__isnull=False)
    days = [
        (answered - received).total_seconds() / 86400
        for received, answered in rows.values_list("created_at", "first_response_at")
    ]
    return Measurement(value=indicators.median(days), denominator=len(days))


def within_target(period: Period, area: Area | None) -> Measurement:
    """Answered items count when answered by their due date; unanswered items count (as
    late) once their due date has passed; unanswered items not yet due are left out."""
    from django.utils import timezone

    today = timezone.localdate()
    on_time = late = 0
    for due, answered in _received(period, area).values_list("response_due", "first_response_at"):
        if answered is not None:
            if timezone.localtime(answered).date() <= due:
                on_time += 1
            else:
                late += 1
        elif due < today:
            late += 1
    return indicators.share(on_time, on_time + late)


def resolved_without_municipality(period: Period, area: Area | None) -> Measurement:
    """Closed items in areas with an escalation ladder, closed below the ladder's top (the
    municipality): by neighbours or the area team."""
    tops = dict(
        EscalationStep.objects.values("area_id")
        .annotate(top=Max("level"))
        .values_list("area_id", "top")
    )
    without = total = 0
    for area_id, level in (
        _closed(period, area).filter(area_id__in=tops).values_list("area_id", "escalation_level")
    ):
        total += 1
        if (level or 0) < tops[area_id]:
            without += 1
    return indicators.share(without, total)


indicators.register(
    indicators.Indicator(
        key="loket.closed_with_feedback",
        name=_("Desk items closed with feedback"),
        description=_(
            "Of everything that came in at the desk in this period: how much was closed with "
            "a message to the submitter about what was done with it."
        ),
        formula=_("items closed with feedback ÷ items received in the period"),
        unit=Unit.SHARE,
        compute=closed_with_feedback,
    )
)
indicators.register(
    indicators.Indicator(
        key="loket.median_first_response",
        name=_("Time to a first answer (median)"),
        description=_(
            "How long a submitter waits for a first answer from the desk. Half of the "
            "submitters waited shorter, half longer."
        ),
        formula=_("median of (first answer − received), in days, of items received in the period"),
        unit=Unit.DAYS,
        compute=median_first_response,
    )
)
indicators.register(
    indicators.Indicator(
        key="loket.within_target",
        name=_("First answer on time"),
        description=_("How often the desk gave a first answer within the promised time."),
        formula=_(
            "items answered by their due date ÷ (items answered + items not answered after "
            "their due date)"
        ),
        unit=Unit.SHARE,
        compute=within_target,
    )
)
indicators.register(
    indicators.Indicator(
        key="loket.resolved_without_municipality",
        name=_("Solved without the municipality"),
        description=_(
            "In areas with an escalation ladder: how much was solved by neighbours or the area "
            "team, before it reached the highest step (the municipality)."
        ),
        formula=_(
            "items closed below the highest step of their area's ladder ÷ items closed in "
            "areas with a ladder"
        ),
        unit=Unit.SHARE,
        compute=resolved_without_municipality,
    )
)
