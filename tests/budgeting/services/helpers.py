"""Helpers shared by the service tests."""

from datetime import timedelta

from django.utils import timezone

from tests.accounts.factories import user_with_role
from tests.budgeting.factories import (
    ProposalFactory,
    RoundFactory,
    code_ballot,
)
from tests.core.areas.factories import AreaFactory


def staff():
    return user_with_role("procesbegeleider")


def round_fields(**overrides):
    now = timezone.now()
    fields = {
        "title": "Dorpsbudget Heikant",
        "kind": "dorpsbudget",
        "description": "Geld voor het dorp.",
        "area": AreaFactory(),
        "budget": 20_000,
        "proposals_from": now,
        "review_from": now + timedelta(days=10),
        "voting_from": now + timedelta(days=20),
        "voting_until": now + timedelta(days=30),
        "implementation_from": now + timedelta(days=60),
        "min_age": 16,
        "voting_method": "both",
        "ballot_type": "approval",
        "max_choices": 3,
        "rule": "mes",
        "completion": "add1",
    }
    fields.update(overrides)
    return fields


def voting_round(**kwargs):
    budget_round = RoundFactory(**kwargs)
    proposals = [
        ProposalFactory(round=budget_round, approved=True, cost_estimate=cost)
        for cost in (6_000, 3_000, 2_000)
    ]
    return budget_round, proposals


def closed_round(**kwargs):
    budget_round = RoundFactory(phase="results", budget=10_000, **kwargs)
    a, b, c, d = (
        ProposalFactory(round=budget_round, approved=True, cost_estimate=cost)
        for cost in (6_000, 4_000, 3_000, 2_000)
    )
    for _ in range(6):
        code_ballot(budget_round, {a.pk: 1, b.pk: 1})
    for _ in range(4):
        code_ballot(budget_round, {c.pk: 1, d.pk: 1})
    return budget_round, (a, b, c, d)
