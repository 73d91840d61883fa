from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.core.areas.factories import AreaFactory
from voorop.budgeting.models import (
    CODE_LENGTH,
    Ballot,
    BallotChannel,
    BudgetRound,
    Proposal,
    ProposalStatus,
    ResidentVerification,
    VotingCode,
    hash_code,
)
from voorop.core import codes

PHASES = ["upcoming", "proposals", "review", "voting", "results", "implementation"]

# Days from now at which each phase starts, per phase the round should be in.
_OFFSETS = {
    "upcoming": (5, 10, 20, 30, 60),
    "proposals": (-5, 10, 20, 30, 60),
    "review": (-10, -5, 20, 30, 60),
    "voting": (-20, -10, -1, 10, 60),
    "results": (-40, -30, -20, -1, 30),
    "implementation": (-60, -50, -40, -30, -1),
}


def dates_for(phase: str) -> dict:
    now = timezone.now()
    names = ["proposals_from", "review_from", "voting_from", "voting_until", "implementation_from"]
    return {name: now + timedelta(days=d) for name, d in zip(names, _OFFSETS[phase], strict=True)}


class RoundFactory(factory.django.DjangoModelFactory):
    """A budget round; `phase=` puts it in that phase by its dates (default: voting)."""

    class Meta:
        model = BudgetRound
        exclude = ("phase",)

    phase = "voting"
    title = factory.Sequence(lambda n: f"Dorpsbudget {n}")
    kind = "dorpsbudget"
    description = "Het dorp beslist over het geld."
    area = factory.SubFactory(AreaFactory)
    budget = 10_000
    min_age = 16
    voting_method = "both"
    ballot_type = "knapsack"
    rule = "mes"
    completion = "add1"
    seed = "abc123"
    proposals_from = factory.LazyAttribute(lambda o: dates_for(o.phase)["proposals_from"])
    review_from = factory.LazyAttribute(lambda o: dates_for(o.phase)["review_from"])
    voting_from = factory.LazyAttribute(lambda o: dates_for(o.phase)["voting_from"])
    voting_until = factory.LazyAttribute(lambda o: dates_for(o.phase)["voting_until"])
    implementation_from = factory.LazyAttribute(lambda o: dates_for(o.phase)["implementation_from"])

    class Params:
        approval = factory.Trait(ballot_type="approval", max_choices=2)
        cumulative = factory.Trait(ballot_type="cumulative", points=10)
        greedy = factory.Trait(rule="greedy", completion="none")


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    round = factory.SubFactory(RoundFactory)
    title = factory.Sequence(lambda n: f"Voorstel {n}")
    description = "Bankjes bij de vijver."
    cost_estimate = 3_000
    cost = factory.SelfAttribute("cost_estimate")
    author = factory.SubFactory(UserFactory)
    status = ProposalStatus.SUBMITTED

    class Params:
        approved = factory.Trait(status=ProposalStatus.APPROVED)
        rejected = factory.Trait(status=ProposalStatus.REJECTED, review_reason="Kan niet.")


def eligible_voter(budget_round: BudgetRound, **kwargs):
    """A resident the municipality checked, living in the round's area, old enough."""
    user = UserFactory(**kwargs)
    area = budget_round.area or AreaFactory()
    ResidentVerification.objects.create(user=user, area=area, birth_year=1980)
    return user


def voting_code(budget_round: BudgetRound, code: str | None = None) -> tuple[VotingCode, str]:
    """A voting code row and its clear text."""
    if code is None:
        code = codes.generate(CODE_LENGTH)
    row = VotingCode.objects.create(round=budget_round, code_hash=hash_code(budget_round.pk, code))
    return row, code


def code_ballot(budget_round: BudgetRound, choices: dict) -> Ballot:
    row, _code = voting_code(budget_round)
    return Ballot.objects.create(
        round=budget_round,
        voting_code=row,
        channel=BallotChannel.CODE,
        choices={str(k): v for k, v in choices.items()},
    )
