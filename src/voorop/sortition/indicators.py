"""What citizens' assemblies contribute to monitoring (see voorop.core.indicators)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from voorop.core import indicators
from voorop.core.indicators import Measurement, Period, Unit
from voorop.sortition.models import Report

if TYPE_CHECKING:
    from voorop.core.areas.models import Area


def report_representativeness(data: dict[str, Any]) -> float | None:
    """1 − the mean, over the features, of the total variation distance between the
    panel's shares and the population's shares: 1 is a perfect mirror, 0 no overlap."""
    distances = []
    for feature in data.get("features", []):
        rows = [r for r in feature.get("rows", []) if r.get("share") is not None]
        panel_total = sum(r.get("panel") or 0 for r in rows)
        population_total = sum(r["share"] for r in rows)
        if not rows or not panel_total or not population_total:
            continue
        distance = sum(
            abs((r.get("panel") or 0) / panel_total - r["share"] / population_total) for r in rows
        )
        distances.append(distance / 2)
    if not distances:
        return None
    return round(1 - sum(distances) / len(distances), 4)


def representativeness(period: Period, area: Area | None) -> Measurement:
    start, end = period.datetime_range()
    reports = Report.objects.filter(published_at__gte=start, published_at__lt=end).select_related(
        "assembly"
    )
    breakdown: dict[str, float] = {}
    for report in reports.order_by("published_at", "pk"):
        value = report_representativeness(report.data)
        if value is not None:
            breakdown[report.assembly.title] = value
    if not breakdown:
        return Measurement(value=None)
    value = round(sum(breakdown.values()) / len(breakdown), 4)
    return Measurement(value=value, denominator=len(breakdown), breakdown=breakdown)


indicators.register(
    indicators.Indicator(
        key="sortition.representativeness",
        name=_("How well assemblies mirror the population"),
        description=_(
            "For each citizens' assembly drawn in this period: how closely the group "
            "matches the residents in gender, age, education and area. 100% is a perfect "
            "mirror."
        ),
        formula=_(
            "mean over assemblies of 1 − mean over features of ½ × Σ |share in the group − "
            "share in the population|"
        ),
        unit=Unit.SHARE,
        compute=representativeness,
        by_area=False,
    )
)
