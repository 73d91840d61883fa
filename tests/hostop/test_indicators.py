"""Ho-stop cards raised and how they ended, on known data (issue 17)."""

import pytest
from django.utils import timezone

from tests.accounts.factories import user_with_role
from voorop.core.indicators import Period
from voorop.hostop import indicators, services
from voorop.hostop.models import CardStatus, HoStopCard
from voorop.initiatives.models import Status
from voorop.initiatives.services import initiative_create

pytestmark = pytest.mark.django_db


def test_cards_raised_in_the_period_by_how_they_ended(mails):
    from tests.accounts.factories import UserFactory

    owner = UserFactory()
    councillor = user_with_role("raadslid")
    for title in ("Dorpshuis", "Speeltuin"):
        initiative = initiative_create(actor=owner, title=title, description="x", owners=[owner])
        initiative.status = Status.RUNNING
        initiative.save(update_fields=["status"])
        services.hostop_raise(target=initiative, actor=councillor, reason="Buren niet gehoord.")
    HoStopCard.objects.filter(pk=HoStopCard.objects.first().pk).update(status=CardStatus.STOPPED)
    measured = indicators.raised(Period.containing(timezone.localdate()), None)
    assert measured.value == 2
    assert measured.breakdown == {
        "proces staat stil": 1,
        "proces gaat verder": 0,
        "proces gestopt": 1,
    }
    assert indicators.raised(Period.containing(timezone.localdate()).previous(), None).value == 0
