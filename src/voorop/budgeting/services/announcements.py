"""Stage: telling people the result. Residents ask for an e-mail on the receipt page; when
the first result is published, proposers and those who asked are e-mailed.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.accounts.services import notify_followers
from voorop.budgeting import mail as budget_mail
from voorop.budgeting import selectors
from voorop.budgeting.models import Ballot, ResultNotice, RoundResult
from voorop.budgeting.phases import Action
from voorop.budgeting.services.common import language_of
from voorop.budgeting.types import Actor, signed_in
from voorop.core import mail
from voorop.core.services import audit_log


@transaction.atomic
def result_notice_request(
    *, actor: Actor, ballot: Ballot, email: str, language: str = ""
) -> ResultNotice:
    """The voter asks for an e-mail when the result is published (opt-in). Asked from the
    receipt page, so only someone holding a ballot of the round can ask. Neither the notice
    nor the audit entry says which ballot it came with."""
    budget_round = ballot.round
    if budget_round.phase.allows(Action.SHOW_RESULT):
        raise ValidationError(_("The result is already known. You can read it on the site."))
    user = signed_in(actor)
    notice, _created = ResultNotice.objects.update_or_create(
        round=budget_round,
        email=email.strip().lower(),
        defaults={"language": language or language_of(actor), "user": user},
    )
    audit_log(actor=user, action="budgeting.result_notice_requested", target=budget_round)
    return notice


@transaction.atomic
def result_notice_cancel(*, actor: Actor, notice: ResultNotice) -> None:
    """No e-mail after all. The view only offers it to whoever asked (session or account)."""
    budget_round = notice.round
    notice.delete()
    user = signed_in(actor)
    audit_log(actor=user, action="budgeting.result_notice_cancelled", target=budget_round)


def result_announce(*, result_id: int) -> int:
    """E-mail the first published result of a round: every proposer of a proposal on the
    ballot (funded or not, and why), and everyone who asked for it on the receipt page.
    The requests are deleted once sent. A later recomputation announces nothing.
    Returns the number of e-mails."""
    with transaction.atomic():
        result = RoundResult.objects.select_for_update().select_related("round").get(pk=result_id)
        budget_round = result.round
        # Computed, not DONE: the job runner marks it done just after this task is queued.
        earlier = budget_round.results.filter(computed_at__isnull=False).exclude(pk=result.pk)
        if not result.is_computed or result.announced_at or earlier.exists():
            return 0
        result.announced_at = timezone.now()
        result.save(update_fields=["announced_at"])
        notify_followers(budget_round, "result")
        sent = 0
        for proposal in selectors.ballot_proposals(budget_round):
            author = proposal.author
            if author is None or not author.email or not author.is_active:
                continue
            mail.send(budget_mail.PROPOSAL_RESULT, proposal=proposal.pk, result=result.pk)
            sent += 1
        # Each notice's address is deleted once its mail has gone (budgeting.mail).
        notices = list(budget_round.result_notices.values_list("pk", flat=True))
        for notice in notices:
            mail.send(budget_mail.RESULT_PUBLISHED, notice=str(notice), result=result.pk)
        sent += len(notices)
        audit_log(
            actor=None,
            action="budgeting.result_announced",
            target=budget_round,
            data={"result": result.pk, "emails": sent},
        )
    return sent


# A result notice's address is deleted when its mail has gone (budgeting.mail); if the mail
# could not be delivered, it is deleted this long after the result was announced.
KEEP_UNSENT_NOTICES = timedelta(days=7)


def result_notices_prune() -> int:
    """Maintenance job: delete the addresses of result notices whose mail could not be
    delivered, a week after the result was announced. Returns the number deleted."""
    cutoff = timezone.now() - KEEP_UNSENT_NOTICES
    announced = RoundResult.objects.filter(announced_at__lt=cutoff).values("round")
    deleted, _ = ResultNotice.objects.filter(round__in=announced).delete()
    return deleted
