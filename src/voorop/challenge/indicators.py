"""What the right to challenge contributes to monitoring (see voorop.core.indicators)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from voorop.challenge.models import Challenge, Outcome
from voorop.core import indicators
from voorop.core.indicators import Measurement, Period, Unit

if TYPE_CHECKING:
    from voorop.core.areas.models import Area


def granted(period: Period, area: Area | None) -> Measurement:
    start, end = period.datetime_range()
    decided = Challenge.objects.filter(decided_at__gte=start, decided_at__lt=end).exclude(
        outcome=""
    )
    ids = indicators.area_ids(area)
    if ids is not None:
        decided = decided.filter(task__area_id__in=ids)
    breakdown = {str(label): 0.0 for label in Outcome.labels}
    for outcome in decided.values_list("outcome", flat=True):
        breakdown[str(Outcome(outcome).label)] += 1
    count = sum(breakdown[str(o.label)] for o in (Outcome.GRANTED, Outcome.GRANTED_WITH_CONDITIONS))
    return Measurement(value=count, denominator=decided.count(), breakdown=breakdown)


indicators.register(
    indicators.Indicator(
        key="challenge.granted",
        name=_("Challenges granted"),
        description=_(
            "How many times the executive let residents take over a municipal task "
            "(right to challenge), with or without conditions."
        ),
        formula=_("number of challenges granted in the period (decided: see the table)"),
        unit=Unit.COUNT,
        compute=granted,
    )
)
