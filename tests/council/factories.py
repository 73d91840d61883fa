from __future__ import annotations

from datetime import date, timedelta

import factory
from django.utils import timezone

from voorop.council.models import (
    AnchorPoint,
    CouncilDecision,
    Dossier,
    DossierStatus,
    Event,
    EventKind,
    EventTopic,
)


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    title = factory.Sequence(lambda n: f"Dossier {n}")
    description = "Een onderwerp voor de samenleving."
    status = DossierStatus.OPEN


class AnchorPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnchorPoint

    dossier = factory.SubFactory(DossierFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Ankerpunt {n}")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilDecision

    title = factory.Sequence(lambda n: f"Raadsbesluit {n}")
    decided_on = factory.LazyFunction(lambda: date.today() - timedelta(days=7))
    summary = "De raad besloot."
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(published_at=None)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = EventKind.STAMTAFEL
    title = factory.Sequence(lambda n: f"Stamtafel {n}")
    description = "Praat met de raad."
    place = "Dorpshuis"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    capacity = 2

    class Params:
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
        )


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventTopic

    event = factory.SubFactory(EventFactory)
    title = "Respijtzorg"
