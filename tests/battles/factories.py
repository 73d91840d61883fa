"""Factories of pitch battles: a battle in a stage with two criteria and a mixed jury."""

from __future__ import annotations

import factory

from tests.accounts.factories import UserFactory, user_with_role
from voorop.battles.models import Battle, Criterion, Entry, Juror, JuryGroup

STAGES = ["entries", "scoring", "published"]


class BattleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Battle

    title = factory.Sequence(lambda n: f"Z-battle {n}")
    stage = "scoring"
    public_vote = True


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    battle = factory.SubFactory(BattleFactory)
    title = factory.Sequence(lambda n: f"Plan {n}")
    summary = "Een moestuin op het schoolplein."
    author = factory.SubFactory(UserFactory)


def with_criteria(battle: Battle) -> list[Criterion]:
    return [
        Criterion.objects.create(battle=battle, name="Goed idee", weight=2, order=1),
        Criterion.objects.create(battle=battle, name="Haalbaar", weight=1, order=2),
    ]


def juror(battle: Battle, group: str = JuryGroup.RESIDENT, user=None) -> Juror:
    return Juror.objects.create(battle=battle, user=user or UserFactory(), group=group)


__all__ = ["STAGES", "BattleFactory", "EntryFactory", "juror", "user_with_role", "with_criteria"]
