"""What initiatives contribute to monitoring (see voorop.core.indicators)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from voorop.core import indicators
from voorop.core.base import LadderStep
from voorop.core.indicators import Measurement, Period, Unit
from voorop.initiatives.models import PUBLIC_STATUSES, Initiative

if TYPE_CHECKING:
    from voorop.core.areas.models import Area


def _started(period: Period, area: Area | None) -> QuerySet[Initiative]:
    start, end = period.datetime_range()
    started = Initiative.objects.filter(
        status__in=PUBLIC_STATUSES, created_at__gte=start, created_at__lt=end
    )
    ids = indicators.area_ids(area)
    if ids is not None:
        started = started.filter(areas__in=ids).distinct()
    return started


def from_society(period: Period, area: Area | None) -> Measurement:
    started = _started(period, area)
    breakdown = {str(LadderStep(step).label): 0.0 for step in LadderStep}
    for step in started.values_list("ladder_step", flat=True):
        if step in LadderStep.values:
            breakdown[str(LadderStep(step).label)] += 1
    return Measurement(value=started.count(), breakdown=breakdown)


def experiments(period: Period, area: Area | None) -> Measurement:
    return Measurement(value=_started(period, area).filter(is_experiment=True).count())


def deepening(period: Period, area: Area | None) -> Measurement:
    started = _started(period, area)
    deep = [s.value for s in LadderStep if s.deepens]
    return indicators.share(started.filter(ladder_step__in=deep).count(), started.count())


indicators.register(
    indicators.Indicator(
        key="initiatives.from_society",
        name=_("Initiatives from society"),
        description=_(
            "How many initiatives residents and organisations started in this period, per "
            "step of the participation ladder."
        ),
        formula=_("number of public initiatives created in the period"),
        unit=Unit.COUNT,
        compute=from_society,
    )
)
indicators.register(
    indicators.Indicator(
        key="initiatives.experiments",
        name=_("Experiments started"),
        description=_("How many of those initiatives are experiments that we learn from."),
        formula=_("number of public initiatives in experiment mode created in the period"),
        unit=Unit.COUNT,
        compute=experiments,
    )
)
indicators.register(
    indicators.Indicator(
        key="initiatives.deepening",
        name=_("Initiatives where society leads"),
        description=_(
            "The share of new initiatives at the steps co-produce or co-decide: has "
            "schaalverdieping succeeded?"
        ),
        formula=_(
            "initiatives at co-produce or co-decide ÷ public initiatives created in the period"
        ),
        unit=Unit.SHARE,
        compute=deepening,
    )
)
