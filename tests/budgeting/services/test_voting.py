"""Services, voting: ballots online and on paper, one per voter or code, kept secret."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import UserFactory
from tests.budgeting.factories import (
    ProposalFactory,
    eligible_voter,
    voting_code,
)
from tests.budgeting.services.helpers import staff, voting_round
from voorop.budgeting import services
from voorop.budgeting.models import (
    Ballot,
    BallotChannel,
)
from voorop.budgeting.services import voting
from voorop.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_first_vote_and_change_make_one_ballot_and_a_receipt(mails):
    budget_round, (a, b, c) = voting_round()
    voter = eligible_voter(budget_round)
    ballot, changed = services.ballot_cast(
        actor=voter, budget_round=budget_round, choices={a.pk: 1, b.pk: 1}
    )
    assert not changed and ballot.channel == BallotChannel.ACCOUNT
    assert "telt mee" in mails[-1].subject
    assert a.title in mails[-1].body and b.title in mails[-1].body
    ballot, changed = services.ballot_cast(
        actor=voter, budget_round=budget_round, choices={c.pk: 1}
    )
    assert changed and ballot.times_changed == 1
    assert Ballot.objects.filter(round=budget_round).count() == 1
    assert ballot.choices == {str(c.pk): 1}
    assert "eerdere stem" in mails[-1].body


def test_the_audit_log_never_holds_what_was_chosen():
    budget_round, (a, _b, _c) = voting_round()
    voter = eligible_voter(budget_round)
    services.ballot_cast(actor=voter, budget_round=budget_round, choices={a.pk: 1})
    entry = AuditEntry.objects.get(action="budgeting.ballot_cast")
    assert entry.target_type == "budgeting.budgetround"
    assert str(a.pk) not in str(entry.data) and entry.data == {"channel": "account"}


def test_knapsack_ballot_over_budget_is_refused():
    budget_round, (a, b, c) = voting_round(budget=10_000)
    voter = eligible_voter(budget_round)
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(
            actor=voter, budget_round=budget_round, choices={a.pk: 1, b.pk: 1, c.pk: 1}
        )
    assert "1.000" in " ".join(error.value.messages)
    assert not Ballot.objects.exists()


def test_approval_ballot_allows_at_most_n():
    budget_round, (a, b, c) = voting_round(approval=True)
    voter = eligible_voter(budget_round)
    with pytest.raises(ValidationError):
        services.ballot_cast(
            actor=voter, budget_round=budget_round, choices={a.pk: 1, b.pk: 1, c.pk: 1}
        )
    services.ballot_cast(actor=voter, budget_round=budget_round, choices={a.pk: 1, b.pk: 1})


def test_cumulative_ballot_spreads_at_most_p_points():
    budget_round, (a, b, _c) = voting_round(cumulative=True)
    voter = eligible_voter(budget_round)
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=voter, budget_round=budget_round, choices={a.pk: 8, b.pk: 3})
    ballot, _ = services.ballot_cast(
        actor=voter, budget_round=budget_round, choices={a.pk: 7, b.pk: 3}
    )
    assert ballot.choices == {str(a.pk): 7, str(b.pk): 3}


def test_unapproved_proposals_and_empty_ballots_are_refused():
    budget_round, (_a, _b, _c) = voting_round()
    waiting = ProposalFactory(round=budget_round)
    voter = eligible_voter(budget_round)
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=voter, budget_round=budget_round, choices={waiting.pk: 1})
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=voter, budget_round=budget_round, choices={})


def test_ineligible_accounts_cannot_vote():
    budget_round, (a, _b, _c) = voting_round()
    with pytest.raises(PermissionDenied):
        services.ballot_cast(actor=UserFactory(), budget_round=budget_round, choices={a.pk: 1})


def test_vote_with_a_code_and_change_it():

    budget_round, (a, b, _c) = voting_round()
    row, _code = voting_code(budget_round)
    ballot, _ = services.ballot_cast(
        actor=AnonymousUser(), budget_round=budget_round, choices={a.pk: 1}, voting_code=row
    )
    assert ballot.channel == BallotChannel.CODE and ballot.voter is None
    services.ballot_cast(
        actor=AnonymousUser(), budget_round=budget_round, choices={b.pk: 1}, voting_code=row
    )
    assert Ballot.objects.get().choices == {str(b.pk): 1}


def test_paper_ballot_against_a_code_once():
    budget_round, (a, _b, _c) = voting_round()
    row, _code = voting_code(budget_round)
    services.ballot_cast(
        actor=staff(), budget_round=budget_round, choices={a.pk: 1}, voting_code=row, paper=True
    )
    assert Ballot.objects.get().channel == BallotChannel.PAPER
    with pytest.raises(ValidationError):
        services.ballot_cast(
            actor=staff(),
            budget_round=budget_round,
            choices={a.pk: 1},
            voting_code=row,
            paper=True,
        )
    with pytest.raises(PermissionDenied):
        services.ballot_cast(
            actor=UserFactory(),
            budget_round=budget_round,
            choices={a.pk: 1},
            voting_code=row,
            paper=True,
        )


def test_no_voting_after_the_close():
    budget_round, (a, _b, _c) = voting_round(phase="results")
    voter = eligible_voter(budget_round)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(actor=voter, budget_round=budget_round, choices={a.pk: 1})


def test_export_and_delete_account_keep_the_ballot_but_unlink_it():
    from voorop.accounts.services import user_delete_account, user_export_data

    budget_round, (a, _b, _c) = voting_round()
    voter = eligible_voter(budget_round)
    ProposalFactory(round=budget_round, author=voter, title="Mijn idee")
    services.ballot_cast(actor=voter, budget_round=budget_round, choices={a.pk: 1})
    data = user_export_data(user=voter)["budget_rounds"]
    assert data["proposals"][0]["title"] == "Mijn idee"
    assert data["ballots"][0]["choices"] == {a.title: 1}
    assert data["residence_check"]["birth_year"] == 1980
    user_delete_account(user=voter, actor=voter)
    ballot = Ballot.objects.get()
    assert ballot.voter is None and ballot.choices == {str(a.pk): 1}
    assert not voter.__class__.objects.get(pk=voter.pk).budget_ballots.exists()


def test_a_first_ballot_finds_the_one_in_its_way_and_changes_it_without_a_refused_insert():
    """Two first ballots of one code: the second INSERT does nothing (no error, nothing in
    PostgreSQL's log), and the cast changes the ballot that is there: one ballot, one audit
    entry each."""
    budget_round, (a, b, _c) = voting_round()
    row, _code = voting_code(budget_round)
    services.ballot_cast(
        actor=AnonymousUser(), budget_round=budget_round, choices={a.pk: 1}, voting_code=row
    )
    with CaptureQueriesContext(connection) as statements:
        _ballot, changed = services.ballot_cast(
            actor=AnonymousUser(), budget_round=budget_round, choices={b.pk: 1}, voting_code=row
        )
    assert changed
    sql = [statement["sql"] for statement in statements]
    inserts = [q for q in sql if q.startswith('INSERT INTO "budgeting_ballot"')]
    assert len(inserts) == 1 and "ON CONFLICT DO NOTHING" in inserts[0]
    # The ballot read is given the round the cast has: the audit entry reads it no more.
    assert not [q for q in sql if '"budgeting_budgetround"' in q]
    assert Ballot.objects.filter(voting_code=row).count() == 1
    assert Ballot.objects.get(voting_code=row).choices == {str(b.pk): 1}
    assert list(
        AuditEntry.objects.filter(action__startswith="budgeting.ballot")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == ["budgeting.ballot_cast", "budgeting.ballot_changed"]


def test_a_ballot_in_the_way_that_is_never_there_is_an_error_not_a_loop(monkeypatch):
    """The INSERT does nothing, yet no ballot is there, twice (the id sequence is behind the
    table's rows): the cast fails and stores nothing, rather than trying forever."""
    budget_round, (a, _b, _c) = voting_round()
    row, _code = voting_code(budget_round)
    monkeypatch.setattr(voting, "insert_if_new", lambda instance: False)
    with pytest.raises(Ballot.DoesNotExist):
        services.ballot_cast(
            actor=AnonymousUser(), budget_round=budget_round, choices={a.pk: 1}, voting_code=row
        )
    assert not Ballot.objects.exists()


def test_a_ballot_in_the_way_that_is_gone_before_it_is_read_lets_the_cast_insert(monkeypatch):
    """The ballot that held the INSERT back was deleted before it could be read (its voter
    deleted their account): the cast tries the INSERT once more, as a first ballot."""
    budget_round, (a, _b, _c) = voting_round()
    row, _code = voting_code(budget_round)
    real = voting.insert_if_new
    calls = []

    def in_the_way_the_first_time(instance):
        calls.append(1)
        return False if len(calls) == 1 else real(instance)

    monkeypatch.setattr(voting, "insert_if_new", in_the_way_the_first_time)
    _ballot, changed = services.ballot_cast(
        actor=AnonymousUser(), budget_round=budget_round, choices={a.pk: 1}, voting_code=row
    )
    assert len(calls) == 2 and not changed
    assert Ballot.objects.get(voting_code=row).choices == {str(a.pk): 1}
