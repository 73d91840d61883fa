"""Helpers shared by the page tests."""

from pathlib import Path

from tests.accounts.factories import user_with_role
from tests.budgeting.factories import (
    ProposalFactory,
    RoundFactory,
    code_ballot,
)
from voorop.budgeting import services

PABULIB = Path(__file__).resolve().parents[4] / "shared" / "data" / "pabulib"


def voting_round(**kwargs):
    budget_round = RoundFactory(budget=10_000, **kwargs)
    proposals = [
        ProposalFactory(round=budget_round, approved=True, cost_estimate=cost, title=title)
        for cost, title in ((6_000, "Speeltuin"), (3_000, "Bankjes"), (2_000, "AED"))
    ]
    return budget_round, proposals


def computed_round(django_capture_on_commit_callbacks, **kwargs):
    budget_round, (a, b, c) = voting_round(phase="results", **kwargs)
    for _ in range(5):
        code_ballot(budget_round, {a.pk: 1, b.pk: 1})
    for _ in range(3):
        code_ballot(budget_round, {c.pk: 1})
    with django_capture_on_commit_callbacks(execute=True):
        services.result_compute(actor=user_with_role("beheerder"), budget_round=budget_round)
    return budget_round, (a, b, c)
