"""Who may vote, per phase (meinBerlin's test_rules_vote): role × phase → allowed?"""

import pytest

from tests.budgeting.factories import PHASES, ProposalFactory, RoundFactory
from tests.budgeting.roles import ROLES, ROUND_STAFF, user_for

pytestmark = pytest.mark.django_db

EXPECTED = {
    # Only a checked resident of the area votes with an account, and only while voting.
    "budgeting.vote": {p: {"eligible"} if p == "voting" else set() for p in PHASES},
    # A code is the key: whoever holds one may use it while voting is open.
    "budgeting.vote_with_code": {p: set(ROLES) if p == "voting" else set() for p in PHASES},
    "budgeting.enter_paper_ballot": {p: ROUND_STAFF if p == "voting" else set() for p in PHASES},
}


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_vote_matrix(phase, permission):
    budget_round = RoundFactory(phase=phase)
    proposal = ProposalFactory(round=budget_round, approved=True)
    assert budget_round.phase.key == phase
    for role in ROLES:
        user = user_for(role, budget_round, proposal)
        allowed = role in EXPECTED[permission][phase]
        assert user.has_perm(permission, budget_round) is allowed, (permission, phase, role)


@pytest.mark.parametrize("method", ["account", "code", "both"])
def test_voting_method_decides_which_way_is_open(method):
    budget_round = RoundFactory(voting_method=method)
    voter = user_for("eligible", budget_round)
    staff = user_for("beheerder", budget_round)
    assert voter.has_perm("budgeting.vote", budget_round) is (method != "code")
    assert voter.has_perm("budgeting.vote_with_code", budget_round) is (method != "account")
    assert staff.has_perm("budgeting.enter_paper_ballot", budget_round) is (method != "account")


def test_eligibility_includes_sub_areas_and_minimum_age():
    from tests.accounts.factories import UserFactory
    from tests.core.areas.factories import AreaFactory
    from voorop.budgeting.models import ResidentVerification
    from voorop.budgeting.selectors import eligibility

    kern = AreaFactory()
    wijk = AreaFactory(parent=kern)
    elsewhere = AreaFactory()
    budget_round = RoundFactory(area=kern, min_age=18)
    year = budget_round.voting_from.year

    def person(area, born):
        user = UserFactory()
        ResidentVerification.objects.create(user=user, area=area, birth_year=born)
        return user

    assert eligibility(person(wijk, 1980), budget_round).eligible
    assert eligibility(person(elsewhere, 1980), budget_round).reason == "wrong_area"
    assert eligibility(person(kern, year - 17), budget_round).reason == "too_young"
    assert eligibility(person(kern, year - 18), budget_round).eligible
    assert eligibility(UserFactory(), budget_round).reason == "not_verified"
    whole = RoundFactory(area=None)
    assert eligibility(person(elsewhere, 1980), whole).eligible
