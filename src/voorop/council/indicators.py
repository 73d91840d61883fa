"""What the council's instruments contribute to monitoring (see voorop.core.indicators)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from voorop.core import indicators
from voorop.core.base import LadderStep
from voorop.core.indicators import Measurement, Period, Unit
from voorop.council.models import CouncilDecision, SocietyInvolvement

if TYPE_CHECKING:
    from voorop.core.areas.models import Area


def society_involved(period: Period, area: Area | None) -> Measurement:
    decisions = CouncilDecision.objects.filter(
        decided_on__gte=period.start, decided_on__lt=period.end, published_at__isnull=False
    )
    ids = indicators.area_ids(area)
    if ids is not None:
        decisions = decisions.filter(dossier__area_id__in=ids)
    involved = decisions.filter(
        reflection__society_involved__in=[SocietyInvolvement.YES, SocietyInvolvement.PARTLY]
    )
    breakdown = {str(step.label): 0.0 for step in LadderStep}
    for step in involved.values_list("reflection__ladder_step", flat=True):
        if step in LadderStep.values:
            breakdown[str(LadderStep(step).label)] += 1
    return Measurement(value=involved.count(), denominator=decisions.count(), breakdown=breakdown)


indicators.register(
    indicators.Indicator(
        key="council.society_involved",
        name=_("Council decisions with society involved"),
        description=_(
            "How many published council decisions involved residents or organisations, "
            "according to the mirroring councillor, per step of the participation ladder."
        ),
        formula=_(
            "number of decisions taken in the period whose reflection says society was "
            "involved (yes or partly)"
        ),
        unit=Unit.COUNT,
        compute=society_involved,
    )
)
