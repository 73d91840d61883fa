"""The demo initiatives, written through the services: every status, a dated timeline, the
support counted, and the paused one with its open Ho-stop card."""

import importlib

import pytest
from django.utils import timezone

from voorop.hostop import selectors as hostop
from voorop.initiatives import selectors
from voorop.initiatives.models import Initiative, Status

pytestmark = pytest.mark.django_db


def _load(*apps: str) -> dict:
    context: dict = {}
    for app in ("core.areas", "accounts", *apps):
        importlib.import_module(f"voorop.{app}.demo").load(context)
    return context


def test_demo_initiatives_go_through_every_status_with_a_dated_story():
    context = _load("initiatives")
    assert set(Initiative.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(context["initiatives"]) >= {"dorpshuis-heikant", "speeltuin-oosterpark"}
    now = timezone.now()
    for initiative in Initiative.objects.all():
        events = list(initiative.timeline.all())
        assert events[0].kind == "created" and events[0].created_at <= now
        assert [e.created_at for e in events] == sorted(e.created_at for e in events)
        assert initiative.created_at == events[0].created_at
        assert initiative.support_count == initiative.supports.count()
        assert all(update.created_at < now for update in initiative.updates.all())
    assert not selectors.initiatives_public().filter(status=Status.CONCEPT).exists()
    completed = Initiative.objects.get(status=Status.COMPLETED)
    assert completed.supports.count() == 13 and completed.facilitators.exists()


def test_the_paused_initiative_has_an_open_card_with_an_adjustment():
    context = _load("initiatives")
    paused = context["initiatives"]["speeltuin-oosterpark"]
    assert paused.status == Status.PAUSED and paused.paused_from == Status.IN_CONVERSATION
    card = hostop.open_card_for(paused)
    assert card is not None and card.adjustments.count() == 1
    parties = {p.role_label: p.consented_at is not None for p in card.parties.all()}
    assert parties == {"initiatiefnemer": True, "procesbegeleider": True, "raadslid": False}
