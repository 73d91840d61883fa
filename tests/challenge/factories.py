from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from tests.accounts.factories import UserFactory
from voorop.challenge.models import Challenge, ChallengeMember, Outcome, Stage, Task


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    title = factory.Sequence(lambda n: f"Groenonderhoud kern {n}")
    description = "Maaien en snoeien."
    budget = Decimal("20000.00")
    quality_standard = "Beeldkwaliteit B."
    department = "Team Openbare Ruimte"


class ChallengeFactory(factory.django.DjangoModelFactory):
    """A challenge with one member (the submitter). Traits put it in a later stage."""

    class Meta:
        model = Challenge
        skip_postgeneration_save = True

    task = factory.SubFactory(TaskFactory)
    title = factory.Sequence(lambda n: f"Plan {n}")
    group_name = "Dorpsraad"
    submitter = factory.SubFactory(UserFactory)
    plan = "We maaien zelf."
    cost = Decimal("18000.00")
    cost_explanation = "Huur van machines."
    quality = "Zelfde norm."
    continuity = "Twintig vrijwilligers."
    support_evidence = "Dorpsavond."
    risks = "Weinig."
    stage = Stage.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    complete_at = factory.SelfAttribute("submitted_at")

    class Params:
        running = factory.Trait(
            stage=Stage.RUNNING,
            outcome=Outcome.GRANTED,
            decided_at=factory.LazyFunction(timezone.now),
            agreement_budget=Decimal("18000.00"),
            agreement_starts_on=factory.LazyFunction(lambda: timezone.localdate()),
            agreement_ends_on=factory.LazyFunction(
                lambda: timezone.localdate() + timedelta(days=365)
            ),
        )

    @factory.post_generation
    def with_member(self, create, extracted, **kwargs):
        if create and self.submitter is not None:
            ChallengeMember.objects.get_or_create(challenge=self, user=self.submitter)
