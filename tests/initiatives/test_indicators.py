"""Initiatives' indicators on known data (issue 17)."""

from datetime import datetime

import pytest
from django.utils import timezone

from tests.core.areas.factories import AreaFactory
from tests.initiatives.factories import InitiativeFactory
from voorop.core.base import LadderStep
from voorop.core.indicators import Period
from voorop.initiatives import indicators
from voorop.initiatives.models import Initiative

pytestmark = pytest.mark.django_db

PERIOD = Period.half_year(2025, 2)


def started(month: int, **kwargs) -> Initiative:
    initiative = InitiativeFactory(**kwargs)
    Initiative.objects.filter(pk=initiative.pk).update(
        created_at=timezone.make_aware(datetime(2025, month, 10))
    )
    return initiative


def test_initiatives_from_society_per_ladder_step_and_area():
    village = AreaFactory()
    started(8, running=True, ladder_step=LadderStep.CODECIDE, areas=[village])
    started(9, submitted=True, ladder_step=LadderStep.CONSULT, is_experiment=True)
    started(9)  # a draft is not public
    started(3, running=True)  # another period
    measured = indicators.from_society(PERIOD, None)
    assert measured.value == 2
    assert measured.breakdown["Meebeslissen"] == 1
    assert indicators.from_society(PERIOD, village).value == 1
    assert indicators.experiments(PERIOD, None).value == 1
    assert indicators.deepening(PERIOD, None).value == 0.5
