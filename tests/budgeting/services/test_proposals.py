"""Services, proposals and review: sending in, changing, approving and rejecting."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts.factories import UserFactory
from tests.budgeting.factories import (
    ProposalFactory,
    RoundFactory,
)
from tests.budgeting.services.helpers import staff
from voorop.budgeting import services
from voorop.budgeting.models import (
    ProposalStatus,
)

pytestmark = pytest.mark.django_db


def test_submit_change_and_approve_with_a_new_cost(mails):
    budget_round = RoundFactory(phase="proposals")
    author = UserFactory()
    proposal = services.proposal_submit(
        actor=author,
        budget_round=budget_round,
        title="Bankjes",
        description="Bij de vijver.",
        cost_estimate=4_000,
    )
    assert proposal.cost == 4_000 and proposal.status == ProposalStatus.SUBMITTED
    assert "Bankjes" in mails[-1].subject
    services.proposal_update(actor=author, proposal=proposal, cost_estimate=4_500)
    assert proposal.cost == 4_500
    with pytest.raises(ValidationError):
        services.proposal_review(actor=staff(), proposal=proposal, approve=True, cost=5_000)
    services.proposal_review(
        actor=staff(), proposal=proposal, approve=True, cost=5_000, cost_reason="Met fundering."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    assert (proposal.cost, proposal.cost_estimate) == (5_000, 4_500)
    assert proposal.cost_reason == "Met fundering."
    assert mails[-1].to == [author.email]
    assert "Met fundering." in mails[-1].body


def test_a_rejection_always_has_a_reason_the_proposer_gets(mails):
    budget_round = RoundFactory(phase="review")
    proposal = ProposalFactory(round=budget_round)
    with pytest.raises(ValidationError):
        services.proposal_review(actor=staff(), proposal=proposal, approve=False, reason=" ")
    services.proposal_review(
        actor=staff(), proposal=proposal, approve=False, reason="Dit is al gepland."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert "niet op het stembiljet" in mails[-1].subject
    assert "Dit is al gepland." in mails[-1].body


def test_no_proposals_outside_the_proposals_phase():
    with pytest.raises(PermissionDenied):
        services.proposal_submit(
            actor=UserFactory(),
            budget_round=RoundFactory(phase="voting"),
            title="Te laat",
            description="-",
            cost_estimate=100,
        )


def test_the_same_proposal_sent_twice_is_one_proposal(mails):
    """Issue 12.6: a double post of the same fields gives the first proposal back."""
    budget_round = RoundFactory(phase="proposals")
    author = UserFactory()
    fields = {"title": "Bankjes", "description": "Bij de vijver.", "cost_estimate": 4_000}
    first = services.proposal_submit(actor=author, budget_round=budget_round, **fields)
    again = services.proposal_submit(
        actor=author, budget_round=budget_round, **{**fields, "title": " Bankjes "}
    )
    assert again.pk == first.pk and budget_round.proposals.count() == 1
    assert len(mails) == 1
    other = services.proposal_submit(
        actor=author, budget_round=budget_round, **{**fields, "cost_estimate": 5_000}
    )
    neighbour = services.proposal_submit(actor=UserFactory(), budget_round=budget_round, **fields)
    assert len({first.pk, other.pk, neighbour.pk}) == 3


def test_the_original_text_sent_again_after_a_change_is_a_new_proposal(mails):
    """A changed proposal is no longer "what was just sent": the old text sent again is a
    proposal of its own, not the changed one handed back silently (found in review)."""
    budget_round = RoundFactory(phase="proposals")
    author = UserFactory()
    fields = {"title": "Bankjes", "description": "Bij de vijver.", "cost_estimate": 4_000}
    first = services.proposal_submit(actor=author, budget_round=budget_round, **fields)
    services.proposal_update(actor=author, proposal=first, title="Bankjes en een prullenbak")
    again = services.proposal_submit(actor=author, budget_round=budget_round, **fields)
    assert again.pk != first.pk and again.title == "Bankjes"
