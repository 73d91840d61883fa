"""The council's demo, written through the services: dossiers with anchor points answered by
challenges, published decisions with reflections, and events before and after today."""

import importlib

import pytest

from voorop.council import selectors
from voorop.council.models import CouncilDecision, Dossier, DossierStatus, SignUpStatus

pytestmark = pytest.mark.django_db


def _load(*apps: str) -> dict:
    context: dict = {}
    for app in ("core.areas", "accounts", *apps):
        importlib.import_module(f"voorop.{app}.demo").load(context)
    return context


def test_demo_council_dossiers_decisions_and_events():
    context = _load("challenge", "council")
    statuses = sorted(Dossier.objects.values_list("status", flat=True))
    assert statuses == [DossierStatus.OPEN, DossierStatus.OPEN, DossierStatus.PREPARING]
    heikant = context["challenges"]["heikant"]
    rows = selectors.anchor_points_for(heikant)
    assert len(rows) == 3 and all(row["response"] and row["judgement"] for row in rows)

    published = CouncilDecision.objects.filter(published_at__isnull=False)
    assert published.count() == 10 and CouncilDecision.objects.count() == 11
    assert all(decision.reflection for decision in published)
    assert all(d.published_at.date() > d.decided_on for d in published)

    upcoming, past = selectors.events_upcoming(), selectors.events_past()
    assert upcoming.count() == 4 and past.count() == 3
    assert all(event.harvest and event.harvest_recorded_at for event in past)
    stamtafel = upcoming.first()
    assert selectors.event_counts(stamtafel) == {"confirmed": 3, "waiting": 0, "free": 9}
    assert stamtafel.sign_ups.filter(user=None, status=SignUpStatus.CONFIRMED).exists()
    assert stamtafel.topics.count() == 1
    done = past.first().follow_ups.exclude(messaged_at=None).get()
    assert done.topic.author == context["users"]["inwoner"]
