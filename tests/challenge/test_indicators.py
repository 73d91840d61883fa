"""Challenges granted, on known data (issue 17)."""

from datetime import datetime

import pytest
from django.utils import timezone

from tests.challenge.factories import ChallengeFactory, TaskFactory
from tests.core.areas.factories import AreaFactory
from voorop.challenge import indicators
from voorop.challenge.models import Outcome
from voorop.core.indicators import Period

pytestmark = pytest.mark.django_db


def test_challenges_granted_in_the_period_with_or_without_conditions():
    village = AreaFactory()
    in_period = timezone.make_aware(datetime(2025, 2, 1))
    ChallengeFactory(outcome=Outcome.GRANTED, decided_at=in_period, task=TaskFactory(area=village))
    ChallengeFactory(outcome=Outcome.GRANTED_WITH_CONDITIONS, decided_at=in_period)
    ChallengeFactory(outcome=Outcome.REFUSED, decided_at=in_period)
    ChallengeFactory(outcome=Outcome.GRANTED, decided_at=timezone.make_aware(datetime(2025, 8, 1)))
    ChallengeFactory()  # not decided
    period = Period.half_year(2025, 1)
    measured = indicators.granted(period, None)
    assert (measured.value, measured.denominator) == (2, 3)
    assert measured.breakdown["Afgewezen"] == 1
    assert indicators.granted(period, village).value == 1
