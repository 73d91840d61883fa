"""Budget rounds' indicators on known data (issue 17)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.budgeting.factories import RoundFactory, code_ballot
from tests.core.areas.factories import AreaFactory
from voorop.budgeting import indicators
from voorop.budgeting.models import RoundResult
from voorop.core.indicators import Period

pytestmark = pytest.mark.django_db

PERIOD = Period.half_year(2025, 1)


def closed_round(month: int, **kwargs):
    until = timezone.make_aware(datetime(2025, month, 15))
    return RoundFactory(
        proposals_from=until - timedelta(days=60),
        review_from=until - timedelta(days=40),
        voting_from=until - timedelta(days=20),
        voting_until=until,
        implementation_from=until + timedelta(days=1),
        **kwargs,
    )


def test_share_of_the_budget_given_to_projects_residents_chose():
    first = closed_round(3, budget=10_000)
    RoundResult.objects.create(round=first, status="done", total_cost=9_000)
    closed_round(4, budget=10_000)  # no result yet: nothing allocated
    closed_round(9, budget=50_000)  # another period
    measured = indicators.decided_by_residents(PERIOD, None)
    assert (measured.numerator, measured.denominator, measured.value) == (9_000, 20_000, 0.45)
    assert measured.breakdown[first.title] == 9_000


def test_turnout_is_ballots_per_resident_of_the_round_area():
    village = AreaFactory(population=200)
    budget_round = closed_round(5, area=village)
    for _ in range(3):
        code_ballot(budget_round, {})
    other = closed_round(5, area=AreaFactory(population=100))
    code_ballot(other, {})
    assert indicators.turnout(PERIOD, village).value == 0.015
    measured = indicators.turnout(PERIOD, None)
    assert (measured.numerator, measured.denominator) == (4, 300)
    assert measured.breakdown[other.title] == 0.01
