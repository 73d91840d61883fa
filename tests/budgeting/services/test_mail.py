"""Budget-round e-mails are rendered when they are sent: a task row holds the kind and ids,
never what a voter chose nor the address of someone who asked for the result."""

import pytest
from django.core import mail as outbox
from django_tasks_db.models import DBTaskResult

from tests.budgeting.factories import eligible_voter
from tests.budgeting.services.helpers import voting_round
from voorop.budgeting import services
from voorop.budgeting.models import ResultNotice
from voorop.core import dbscan
from voorop.core.models import OutgoingMail

pytestmark = pytest.mark.django_db


def test_a_ballot_receipt_keeps_the_choices_out_of_the_task_row(queued_mail):
    budget_round, (a, b, _c) = voting_round()
    voter = eligible_voter(budget_round)
    ballot, _ = services.ballot_cast(
        actor=voter, budget_round=budget_round, choices={a.pk: 1, b.pk: 1}
    )
    row = DBTaskResult.objects.get()
    queued = OutgoingMail.objects.get()
    assert row.args_kwargs["kwargs"] == {"mail": queued.pk}
    assert (queued.kind, queued.ids) == (
        "budgeting.ballot_receipt",
        {"ballot": ballot.pk, "changed": False},
    )
    queued_mail()
    assert a.title in outbox.outbox[-1].body and b.title in outbox.outbox[-1].body
    # Nothing but the ballot itself holds the choices: no task row, no log.
    hits = dbscan.find([a.title, b.title])
    assert [hit for hit in hits if hit.table != "budgeting_proposal"] == []


def test_a_result_notice_address_is_deleted_once_its_mail_has_gone(queued_mail):
    budget_round, _proposals = voting_round()
    notice = ResultNotice.objects.create(round=budget_round, email="kees@example.org")
    from voorop.budgeting import mail as budget_mail
    from voorop.core import mail

    result = budget_round.results.create(status="done", selected=[], unfunded=[])
    mail.send(budget_mail.RESULT_PUBLISHED, notice=str(notice.pk), result=result.pk)
    assert "kees@example.org" not in str(DBTaskResult.objects.get().args_kwargs)
    queued_mail()
    assert outbox.outbox[-1].to == ["kees@example.org"]
    assert not ResultNotice.objects.exists()


def test_an_address_whose_mail_never_went_is_deleted_a_week_after_the_result():
    from datetime import timedelta

    from django.utils import timezone

    from voorop.budgeting.services.announcements import result_notices_prune
    from voorop.core import maintenance

    budget_round, _proposals = voting_round()
    ResultNotice.objects.create(round=budget_round, email="kees@example.org")
    result = budget_round.results.create(status="done", selected=[], unfunded=[])
    result.announced_at = timezone.now() - timedelta(days=2)
    result.save()
    assert result_notices_prune() == 0
    result.announced_at = timezone.now() - timedelta(days=8)
    result.save()
    assert result_notices_prune() == 1 and not ResultNotice.objects.exists()
    assert "budgeting.prune_result_notices" in {job.name for job in maintenance.jobs()}
