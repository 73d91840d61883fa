from __future__ import annotations

import factory

from tests.accounts.factories import UserFactory
from voorop.initiatives.models import Initiative, Membership, Scenario, Status, Support, Update


class InitiativeFactory(factory.django.DjangoModelFactory):
    """An initiative with one owner (`owner=` to choose who). Traits set the status."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    summary = "Samen iets doen voor het dorp."
    description = "Een beschrijving van wat we willen doen."
    status = Status.CONCEPT

    class Params:
        submitted = factory.Trait(status=Status.SUBMITTED)
        in_conversation = factory.Trait(status=Status.IN_CONVERSATION)
        running = factory.Trait(status=Status.RUNNING)
        completed = factory.Trait(status=Status.COMPLETED)
        stopped = factory.Trait(status=Status.STOPPED)
        paused = factory.Trait(status=Status.PAUSED, paused_from=Status.RUNNING)

    @factory.post_generation
    def owner(self, create, extracted, **kwargs):
        if create:
            Membership.objects.create(
                initiative=self, user=extracted or UserFactory(), role=Membership.Role.OWNER
            )

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create and extracted:
            self.facilitators.set(extracted)


def owner_of(initiative: Initiative):
    return initiative.memberships.get(role=Membership.Role.OWNER).user


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    initiative = factory.SubFactory(InitiativeFactory, running=True)
    user = factory.SubFactory(UserFactory)
    show_name = True


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    initiative = factory.SubFactory(InitiativeFactory)
    title = "Scenario A"
    description = "Zo zou het kunnen."
    arguments_for = "Goedkoop."
    arguments_against = "Langzaam."


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update

    initiative = factory.SubFactory(InitiativeFactory, running=True)
    title = "Nieuws"
    text = "Het gaat goed."
    figures = factory.LazyFunction(lambda: [{"label": "Vrijwilligers", "value": "12"}])
