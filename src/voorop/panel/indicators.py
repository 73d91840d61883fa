"""What the citizens' panel contributes to monitoring (see voorop.core.indicators)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from voorop.core import indicators
from voorop.core.indicators import Measurement, Period, Unit
from voorop.panel import selectors
from voorop.panel.models import Consultation, Panel

if TYPE_CHECKING:
    from voorop.core.areas.models import Area


def feedback_published(period: Period, area: Area | None) -> Measurement:
    start, end = period.datetime_range()
    closed = Consultation.objects.filter(closes_at__gte=start, closes_at__lt=end)
    with_feedback = closed.filter(feedback_published_at__isnull=False).count()
    return indicators.share(with_feedback, closed.count())


def mirror_score(table: list[list[Any]]) -> float | None:
    """1 − the mean, over the features with population figures, of the total variation
    distance between the panel's shares and the population's (as for assemblies): 1 is a
    perfect mirror."""
    distances = []
    for rows in table:
        known = [r for r in rows if r.share is not None and r.population_share is not None]
        if not known or not sum(r.population_share for r in known):
            continue
        distances.append(sum(abs(r.share - r.population_share) for r in known) / 200)
    if not distances:
        return None
    return round(1 - sum(distances) / len(distances), 4)


def representativeness(period: Period, area: Area | None) -> Measurement:
    """The panels' make-up as it is when the value is taken (members come and go; the
    snapshot keeps what it was then)."""
    breakdown: dict[str, float] = {}
    for panel in Panel.objects.order_by("pk"):
        value = mirror_score(selectors.makeup(panel))
        if value is not None:
            breakdown[panel.title] = value
    if not breakdown:
        return Measurement(value=None)
    value = round(sum(breakdown.values()) / len(breakdown), 4)
    return Measurement(value=value, denominator=len(breakdown), breakdown=breakdown)


indicators.register(
    indicators.Indicator(
        key="panel.representativeness",
        name=_("How well the citizens' panel mirrors the population"),
        description=_(
            "How closely the panel's members match the residents in the features the panel "
            "asks (such as gender, age, education and area), when the value is taken. 100% is "
            "a perfect mirror."
        ),
        formula=_(
            "average over the panels of 1 − average over the features of ½ × Σ |share in the "
            "panel − share in the population|"
        ),
        unit=Unit.SHARE,
        compute=representativeness,
        by_area=False,
    )
)


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
