"""Services, telling people the result: the e-mails residents asked for and proposers get."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from tests.accounts.factories import UserFactory
from tests.budgeting.factories import (
    code_ballot,
    eligible_voter,
)
from tests.budgeting.services.helpers import closed_round, staff, voting_round
from voorop.budgeting import services
from voorop.budgeting.models import (
    Ballot,
    ResultNotice,
)
from voorop.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_first_result_is_mailed_to_proposers_and_to_who_asked_for_it(
    mails, django_capture_on_commit_callbacks
):
    budget_round, (a, b, c, d) = closed_round()
    english = UserFactory(language="en")
    a.author = english
    a.save()
    code_voter = Ballot.objects.filter(round=budget_round).first()
    # Asked while voting was open; the phase moved on since.
    ResultNotice.objects.create(round=budget_round, email="buur@example.org", language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.result_compute(actor=staff(), budget_round=budget_round)
    result.refresh_from_db()
    assert result.announced_at is not None
    by_recipient = {mail.to[0]: mail for mail in mails}
    assert set(by_recipient) == {
        "buur@example.org",
        english.email,
        b.author.email,
        c.author.email,
        d.author.email,
    }
    unfunded = by_recipient[english.email]
    assert "does not get money" in unfunded.body and "equal part of the budget" in unfunded.body
    funded = by_recipient[b.author.email]
    assert "krijgt het geld" in funded.subject and f"/begroting/{budget_round.pk}/uitslag/" in (
        funded.body
    )
    notice = by_recipient["buur@example.org"].body
    assert b.title in notice and a.title not in notice
    assert "e-mailadres nu verwijderd" in notice
    assert not ResultNotice.objects.exists() and code_voter is not None
    entry = AuditEntry.objects.get(action="budgeting.result_announced")
    assert entry.data["emails"] == 5 and "buur@example.org" not in str(entry.data)
    # A recomputation announces nothing again.
    mails.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.result_compute(actor=staff(), budget_round=budget_round)
    assert budget_round.results.count() == 2 and mails == []


def test_a_failed_result_is_not_announced(mails, monkeypatch, django_capture_on_commit_callbacks):
    budget_round, _ = closed_round()
    ResultNotice.objects.create(round=budget_round, email="buur@example.org")
    monkeypatch.setattr(services.results, "compute", lambda *args, **kwargs: 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.result_compute(actor=staff(), budget_round=budget_round)
    assert services.result_announce(result_id=result.pk) == 0
    assert mails == [] and ResultNotice.objects.count() == 1


def test_asking_for_the_result_by_email_is_kept_apart_from_the_ballot():
    budget_round, (a, _b, _c) = voting_round()
    ballot = code_ballot(budget_round, {a.pk: 1})
    notice = services.result_notice_request(
        actor=AnonymousUser(), ballot=ballot, email=" Buur@Example.org ", language="en"
    )
    assert notice.email == "buur@example.org" and notice.language == "en"
    assert notice.user is None
    assert not {f.name for f in ResultNotice._meta.fields} & {"ballot", "created_at"}
    # Asking twice keeps one request.
    services.result_notice_request(actor=AnonymousUser(), ballot=ballot, email="buur@example.org")
    assert ResultNotice.objects.count() == 1
    entries = AuditEntry.objects.filter(action="budgeting.result_notice_requested")
    assert [(entry.actor, entry.data) for entry in entries] == [(None, {}), (None, {})]
    services.result_notice_cancel(actor=AnonymousUser(), notice=notice)
    assert not ResultNotice.objects.exists()


def test_once_voting_closed_nobody_can_ask_for_the_result_email():
    budget_round, _proposals = closed_round()
    ballot = Ballot.objects.filter(round=budget_round).first()
    with pytest.raises(ValidationError):
        services.result_notice_request(actor=AnonymousUser(), ballot=ballot, email="a@b.nl")


def test_result_emails_asked_for_are_in_the_data_download_and_go_with_the_account():
    from voorop.accounts.services import user_delete_account, user_export_data

    budget_round, (a, _b, _c) = voting_round()
    voter = eligible_voter(budget_round)
    ballot, _changed = services.ballot_cast(
        actor=voter, budget_round=budget_round, choices={a.pk: 1}
    )
    services.result_notice_request(actor=voter, ballot=ballot, email=voter.email)
    data = user_export_data(user=voter)["budget_rounds"]
    assert data["result_emails_asked_for"] == [{"round": budget_round.title, "email": voter.email}]
    user_delete_account(user=voter, actor=voter)
    assert not ResultNotice.objects.exists()
