"""Council decisions with society involved, on known data (issue 17)."""

from datetime import date

import pytest

from tests.council.factories import DecisionFactory
from voorop.core.base import LadderStep
from voorop.core.indicators import Period
from voorop.council import indicators
from voorop.council.models import Reflection, SocietyInvolvement

pytestmark = pytest.mark.django_db


def decision(day: date, involved: str | None, step: str = ""):
    made = DecisionFactory(decided_on=day)
    if involved is not None:
        Reflection.objects.create(
            decision=made,
            society_involved=involved,
            ladder_step=step,
            left_to_society="Veel.",
            how_residents_hear="Via de krant.",
        )
    return made


def test_decisions_with_society_involved_per_ladder_step():
    decision(date(2025, 2, 1), SocietyInvolvement.YES, LadderStep.COPRODUCE)
    decision(date(2025, 3, 1), SocietyInvolvement.PARTLY, LadderStep.CONSULT)
    decision(date(2025, 3, 1), SocietyInvolvement.NO)
    decision(date(2025, 4, 1), None)
    decision(date(2025, 9, 1), SocietyInvolvement.YES, LadderStep.CODECIDE)
    DecisionFactory(decided_on=date(2025, 4, 1), draft=True)
    measured = indicators.society_involved(Period.half_year(2025, 1), None)
    assert (measured.value, measured.denominator) == (2, 4)
    assert measured.breakdown["Coproduceren"] == 1
    assert measured.breakdown["Meebeslissen"] == 0
