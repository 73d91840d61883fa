from __future__ import annotations

import re

import factory
from django.utils import timezone

from voorop.core.workdays import add_working_days
from voorop.loket.models import Channel, DeskItem, ItemKind, RoutingRule, Team


class DeskItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeskItem

    reference = factory.Sequence(lambda n: f"2026-{n:06d}")
    kind = ItemKind.IDEA
    title = factory.Sequence(lambda n: f"Idee {n}")
    description = "Een bankje bij de vijver."
    channel = Channel.ONLINE
    contact_email = factory.Sequence(lambda n: f"indiener{n}@example.org")
    response_due = factory.LazyFunction(lambda: add_working_days(timezone.localdate(), 5))
    tracking_token_hash = factory.Sequence(lambda n: DeskItem.hash_token(f"token-{n}"))

    class Params:
        overdue = factory.Trait(
            created_at=factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=20)),
            response_due=factory.LazyFunction(
                lambda: timezone.localdate() - timezone.timedelta(days=3)
            ),
        )


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule


def public_form(once: str, **overrides) -> dict[str, str]:
    """What a resident sends with the public desk form (its one-time key included)."""
    return {
        "kind": "idee",
        "title": "Pluktuin",
        "description": "Op het veldje.",
        "contact_email": "ik@example.org",
        "once": once,
        **overrides,
    }


def once_key(page) -> str:
    """The one-time key of the desk form on a page (a response)."""
    return re.search(r'name="once" value="([\w-]+)"', page.content.decode()).group(1)
