"""Proposals: who may send in, change and review them, per phase."""

import pytest

from tests.budgeting.factories import PHASES, ProposalFactory, RoundFactory
from tests.budgeting.roles import ROLES, ROUND_STAFF, SIGNED_IN, user_for

pytestmark = pytest.mark.django_db

ROUND_PERMISSIONS = {
    "budgeting.submit_proposal": {p: SIGNED_IN if p == "proposals" else set() for p in PHASES},
}
PROPOSAL_PERMISSIONS = {
    "budgeting.view_proposal": {p: set(ROLES) for p in PHASES},
    # Only the author, only before the review and while proposals come in.
    "budgeting.change_proposal": {p: {"proposer"} if p == "proposals" else set() for p in PHASES},
    "budgeting.review_proposal": {
        p: ROUND_STAFF if p in ("proposals", "review") else set() for p in PHASES
    },
}


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("permission", sorted(ROUND_PERMISSIONS))
def test_round_matrix(phase, permission):
    budget_round = RoundFactory(phase=phase)
    proposal = ProposalFactory(round=budget_round)
    for role in ROLES:
        user = user_for(role, budget_round, proposal)
        allowed = role in ROUND_PERMISSIONS[permission][phase]
        assert user.has_perm(permission, budget_round) is allowed, (permission, phase, role)


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("permission", sorted(PROPOSAL_PERMISSIONS))
def test_proposal_matrix(phase, permission):
    budget_round = RoundFactory(phase=phase)
    proposal = ProposalFactory(round=budget_round)
    for role in ROLES:
        user = user_for(role, budget_round, proposal)
        allowed = role in PROPOSAL_PERMISSIONS[permission][phase]
        assert user.has_perm(permission, proposal) is allowed, (permission, phase, role)


def test_a_reviewed_proposal_can_no_longer_be_changed_by_its_author():
    budget_round = RoundFactory(phase="proposals")
    proposal = ProposalFactory(round=budget_round, approved=True)
    assert not proposal.author.has_perm("budgeting.change_proposal", proposal)
