"""What the Ho-stop card contributes to monitoring (see voorop.core.indicators)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from voorop.core import indicators
from voorop.core.indicators import Measurement, Period, Unit
from voorop.hostop.models import CardStatus, HoStopCard

if TYPE_CHECKING:
    from voorop.core.areas.models import Area


def raised(period: Period, area: Area | None) -> Measurement:
    start, end = period.datetime_range()
    cards = HoStopCard.objects.filter(raised_at__gte=start, raised_at__lt=end)
    breakdown = {str(status.label): 0.0 for status in CardStatus}
    for status in cards.values_list("status", flat=True):
        breakdown[str(CardStatus(status).label)] += 1
    return Measurement(value=sum(breakdown.values()), breakdown=breakdown)


indicators.register(
    indicators.Indicator(
        key="hostop.raised",
        name=_("Ho-stop cards raised"),
        description=_(
            "How many times someone paused a process with a Ho-stop card, and how it ended: "
            "resumed with everyone's consent, stopped, or still paused."
        ),
        formula=_("number of Ho-stop cards raised in the period"),
        unit=Unit.COUNT,
        compute=raised,
        # A card pauses any kind of process; the card itself has no area.
        by_area=False,
    )
)
