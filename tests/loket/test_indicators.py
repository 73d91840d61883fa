"""The desk's indicators on known data (issue 17)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.core.areas.factories import AreaFactory
from tests.loket.factories import DeskItemFactory
from voorop.core.indicators import Period
from voorop.loket import indicators
from voorop.loket.models import DeskItemTimelineEntry, EscalationStep, EventKind, ItemStatus

pytestmark = pytest.mark.django_db

PERIOD = Period.half_year(2025, 1)


def at(day: int, month: int = 3) -> datetime:
    return timezone.make_aware(datetime(2025, month, day, 10, 0))


def item(received: datetime, **kwargs):
    return DeskItemFactory(
        created_at=received, response_due=received.date() + timedelta(5), **kwargs
    )


def close(desk_item, when: datetime, text: str = "We hebben het bankje geplaatst.") -> None:
    desk_item.status, desk_item.closed_at = ItemStatus.CLOSED, when
    desk_item.save()
    DeskItemTimelineEntry.objects.create(item=desk_item, kind=EventKind.CLOSED, text=text)


def test_share_closed_with_feedback_of_items_received_in_the_period():
    a, b = item(at(1)), item(at(2))
    item(at(3))
    item(at(1, month=8))  # another period
    close(a, at(5))
    close(b, at(6), text="")  # a closing without a message does not count
    measured = indicators.closed_with_feedback(PERIOD, None)
    assert (measured.numerator, measured.denominator, measured.value) == (1, 3, 0.3333)


def test_median_days_to_a_first_answer():
    for days in (1, 2, 10):
        item(at(1), first_response_at=at(1) + timedelta(days=days))
    item(at(2))  # not answered: left out
    measured = indicators.median_first_response(PERIOD, None)
    assert measured.value == 2.0
    assert measured.denominator == 3


def test_share_answered_within_the_target():
    on_time = item(at(1))
    on_time.first_response_at = at(3)
    on_time.save()
    late = item(at(1))
    late.first_response_at = at(20)
    late.save()
    item(at(1))  # never answered, long overdue: late
    measured = indicators.within_target(PERIOD, None)
    assert (measured.numerator, measured.denominator) == (1, 3)


def test_share_resolved_below_the_top_of_the_escalation_ladder():
    village = AreaFactory()
    for level, label in ((1, "buren"), (2, "gebiedsteam"), (3, "gemeente")):
        EscalationStep.objects.create(area=village, level=level, label=label)
    for level in (None, 2, 3):
        close(item(at(1), area=village, escalation_level=level), at(4))
    close(item(at(1)), at(4))  # no ladder in its area: left out
    measured = indicators.resolved_without_municipality(PERIOD, None)
    assert (measured.numerator, measured.denominator) == (2, 3)


def test_an_area_counts_its_own_items_and_those_below_it():
    village = AreaFactory()
    street = AreaFactory(parent=village)
    item(at(1), area=street)
    item(at(1), area=AreaFactory())
    assert indicators.closed_with_feedback(PERIOD, village).denominator == 1
    assert indicators.closed_with_feedback(PERIOD, None).denominator == 2
