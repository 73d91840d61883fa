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
    EventSignUp,
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


def guest_sign_up(
    event: Event, name: str = "Henk", email: str = "henk@example.org", *, confirm: bool = True
) -> tuple[EventSignUp, str]:
    """A guest (no account) signs up through the services and, unless ``confirm=False``,
    confirms by the link in the e-mail. Returns the sign-up and the link's token."""
    from voorop.council import services
    from voorop.council.services import sign_ups

    sign_up, token = sign_ups.guest_sign_up_with_link(event=event, name=name, email=email)
    if confirm:
        sign_up = services.event_guest_confirm(token=token)
    return sign_up, token
