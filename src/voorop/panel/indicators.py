"""What the citizens' panel contributes to monitoring (see voorop.core.indicators)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from voorop.core import indicators
from voorop.core.indicators import Measurement, Period, Unit
from voorop.panel.models import Consultation

if TYPE_CHECKING:
    from voorop.core.areas.models import Area


def feedback_published(period: Period, area: Area | None) -> Measurement:
    start, end = period.datetime_range()
    closed = Consultation.objects.filter(closes_at__gte=start, closes_at__lt=end)
    with_feedback = closed.filter(feedback_published_at__isnull=False).count()
    return indicators.share(with_feedback, closed.count())


indicators.register(
    indicators.Indicator(
        key="panel.feedback_published",
        name=_("Consultations with published feedback"),
        description=_(
            "Of the consultations of the citizens' panel that closed in this period: how many "
            "told the panel what was done with its answers."
        ),
        formula=_(
            "consultations with published feedback ÷ consultations that closed in the period"
        ),
        unit=Unit.SHARE,
        compute=feedback_published,
        # A consultation goes to the whole panel, not to one area.
        by_area=False,
    )
)
