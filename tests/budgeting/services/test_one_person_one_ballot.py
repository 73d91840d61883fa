"""Issue 12.7: one person, one ballot, whatever the route. In a round with accounts and
letter codes, a signed-in resident who voted by account cannot vote again with a household
code, nor with a second code, nor by account after voting with a code (decision 0014)."""

import pytest
from django.core.exceptions import ValidationError

from tests.budgeting.factories import eligible_voter, voting_code
from tests.budgeting.services.helpers import voting_round
from voorop.budgeting import services
from voorop.budgeting.models import Ballot, VotingMethod

pytestmark = pytest.mark.django_db


def _round():
    return voting_round(voting_method=VotingMethod.BOTH)


def test_an_account_vote_and_then_a_household_code_make_one_ballot():
    budget_round, (a, b, _c) = _round()
    voter = eligible_voter(budget_round)
    services.ballot_cast(actor=voter, budget_round=budget_round, choices={a.pk: 1})
    code, _text = voting_code(budget_round)
    with pytest.raises(ValidationError) as refused:
        services.ballot_cast(
            actor=voter, budget_round=budget_round, choices={b.pk: 1}, voting_code=code
        )
    assert "al met uw account gestemd" in " ".join(refused.value.messages)
    assert Ballot.objects.filter(round=budget_round).count() == 1


def test_a_code_vote_and_then_the_account_or_a_second_code_make_one_ballot():
    budget_round, (a, b, _c) = _round()
    voter = eligible_voter(budget_round)
    first, _ = voting_code(budget_round)
    second, _ = voting_code(budget_round)
    services.ballot_cast(
        actor=voter, budget_round=budget_round, choices={a.pk: 1}, voting_code=first
    )
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=voter, budget_round=budget_round, choices={b.pk: 1})
    with pytest.raises(ValidationError):
        services.ballot_cast(
            actor=voter, budget_round=budget_round, choices={b.pk: 1}, voting_code=second
        )
    # Changing the vote with the same code stays possible.
    services.ballot_cast(
        actor=voter, budget_round=budget_round, choices={b.pk: 1}, voting_code=first
    )
    assert Ballot.objects.filter(round=budget_round).count() == 1
    ballot = Ballot.objects.get(round=budget_round)
    assert ballot.voter is None and len(ballot.code_holder) == 64  # a keyed hash, no id
