"""Managing rounds, voting codes, results and monitoring, per phase."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import user_with_role
from tests.budgeting.factories import PHASES, ProposalFactory, RoundFactory
from tests.budgeting.roles import ROLES, ROUND_STAFF, user_for
from tests.rules_matrix import assert_matrix, everywhere, only
from voorop.budgeting.models import ResultStatus, RoundResult

pytestmark = pytest.mark.django_db

ROUND_PERMISSIONS = {
    "budgeting.view_round": everywhere(ROLES, states=PHASES),
    "budgeting.manage_round": everywhere(ROUND_STAFF, states=PHASES),
    "budgeting.change_round": everywhere(ROUND_STAFF, states=PHASES),
    "budgeting.prepare_voting_codes": only(
        {"upcoming", "proposals", "review", "voting"}, ROUND_STAFF, states=PHASES
    ),
    "budgeting.compute_result": only({"results", "implementation"}, ROUND_STAFF, states=PHASES),
    # With a computed result: public once voting has closed, staff always.
    "budgeting.view_result": {
        p: set(ROLES) if p in ("results", "implementation") else ROUND_STAFF for p in PHASES
    },
}


def _with_result(budget_round, proposal):
    RoundResult.objects.create(
        round=budget_round, status=ResultStatus.DONE, selected=[str(proposal.pk)]
    )


@pytest.mark.parametrize("phase", PHASES)
def test_round_matrix(phase):
    budget_round = RoundFactory(phase=phase)
    proposal = ProposalFactory(round=budget_round, approved=True)
    _with_result(budget_round, proposal)
    users = {role: user_for(role, budget_round, proposal) for role in ROLES}
    assert_matrix(ROUND_PERMISSIONS, state=phase, users=users, obj=budget_round, states=PHASES)


@pytest.mark.parametrize("phase", PHASES)
def test_link_initiative_only_for_funded_proposals_after_voting(phase):
    budget_round = RoundFactory(phase=phase)
    funded = ProposalFactory(round=budget_round, approved=True)
    other = ProposalFactory(round=budget_round, approved=True)
    _with_result(budget_round, funded)
    for role in ROLES:
        user = user_for(role, budget_round, funded)
        expected = role in ROUND_STAFF and phase in ("results", "implementation")
        assert user.has_perm("budgeting.link_initiative", funded) is expected, (phase, role)
        assert not user.has_perm("budgeting.link_initiative", other)


def test_no_published_result_before_it_is_computed():
    budget_round = RoundFactory(phase="results")
    assert not AnonymousUser().has_perm("budgeting.view_result", budget_round)
    RoundResult.objects.create(round=budget_round, status=ResultStatus.RUNNING)
    assert not AnonymousUser().has_perm("budgeting.view_result", budget_round)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("visitor", False),
        ("inwoner", False),
        ("loketmedewerker", True),
        ("procesbegeleider", True),
        ("raadslid", False),
        ("griffie", False),
        ("college", False),
        ("beheerder", True),
    ],
)
def test_who_checks_residents_and_creates_rounds(role, allowed):
    user = AnonymousUser() if role == "visitor" else user_with_role(role)
    assert user.has_perm("budgeting.verify_residents") is allowed
    assert user.has_perm("budgeting.add_round") is (role in ROUND_STAFF)
