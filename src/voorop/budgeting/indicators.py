"""What budget rounds contribute to monitoring (see voorop.core.indicators)."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from voorop.budgeting.models import BudgetRound
from voorop.budgeting.selectors.results import latest_result
from voorop.core import indicators
from voorop.core.areas.models import Area, AreaKind
from voorop.core.indicators import Measurement, Period, Unit


def _closed_rounds(period: Period, area: Area | None) -> QuerySet[BudgetRound]:
    """Rounds whose voting closed in the period: residents decided on them then."""
    start, end = period.datetime_range()
    rounds = BudgetRound.objects.filter(voting_until__gte=start, voting_until__lt=end)
    ids = indicators.area_ids(area)
    if ids is not None:
        rounds = rounds.filter(area_id__in=ids)
    return rounds.select_related("area").order_by("voting_until", "pk")


def decided_by_residents(period: Period, area: Area | None) -> Measurement:
    rounds = list(_closed_rounds(period, area))
    allocated = 0
    breakdown: dict[str, float] = {}
    for budget_round in rounds:
        result = latest_result(budget_round)
        funded = result.total_cost if result is not None and result.is_done else 0
        allocated += funded
        breakdown[budget_round.title] = float(funded)
    total = sum(int(r.budget) for r in rounds)
    measured = indicators.share(allocated, total)
    return Measurement(
        value=measured.value,
        numerator=measured.numerator,
        denominator=measured.denominator,
        breakdown=breakdown,
    )


def _electorate(budget_round: BudgetRound) -> int | None:
    if budget_round.area is not None:
        return budget_round.area.population
    municipality = Area.objects.filter(kind=AreaKind.MUNICIPALITY, parent=None).first()
    return municipality.population if municipality else None


def turnout(period: Period, area: Area | None) -> Measurement:
    rounds = _closed_rounds(period, area).annotate(ballot_count=Count("ballots"))
    voted = residents = 0
    breakdown: dict[str, float] = {}
    for budget_round in rounds:
        electorate = _electorate(budget_round)
        if not electorate:
            continue
        voted += budget_round.ballot_count
        residents += electorate
        breakdown[budget_round.title] = round(budget_round.ballot_count / electorate, 4)
    measured = indicators.share(voted, residents)
    return Measurement(
        value=measured.value, numerator=voted, denominator=residents, breakdown=breakdown
    )


indicators.register(
    indicators.Indicator(
        key="budgeting.decided_by_residents",
        name=_("Budget decided by residents"),
        description=_(
            "Of the budget that residents voted on in this period: the share that went to "
            "the projects residents chose."
        ),
        formula=_(
            "euros of the funded proposals ÷ euros of the budget rounds whose voting closed "
            "in the period"
        ),
        unit=Unit.SHARE,
        compute=decided_by_residents,
    )
)
indicators.register(
    indicators.Indicator(
        key="budgeting.turnout",
        name=_("Turnout in budget rounds"),
        description=_(
            "How many residents voted in the budget rounds that closed in this period, "
            "compared with the number of residents of the area (per round in the table)."
        ),
        formula=_("ballots ÷ residents of the round's area, over rounds closed in the period"),
        unit=Unit.SHARE,
        compute=turnout,
    )
)
