"""The e-mails of budget rounds, rendered when they are sent (voorop.core.mail): the task
row holds only the kind and ids, never a ballot's choices or an address."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.utils import translation

from voorop.budgeting import selectors
from voorop.budgeting.models import Ballot, Proposal, ResultNotice, RoundResult
from voorop.core import mail

BALLOT_RECEIPT = "budgeting.ballot_receipt"
PROPOSAL_RECEIVED = "budgeting.proposal_received"
PROPOSAL_REVIEWED = "budgeting.proposal_reviewed"
PROPOSAL_RESULT = "budgeting.proposal_result"
RESULT_PUBLISHED = "budgeting.result_published"


def _language(user: object) -> str:
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def ballot_receipt(*, ballot: int, changed: bool = False) -> mail.Message | None:
    # Imported here: the receipt lines are the services' (the receipt page shows the same).
    from voorop.budgeting.services.voting import receipt_lines

    found = Ballot.objects.select_related("round", "voter").filter(pk=ballot).first()
    if found is None or found.voter is None or not found.voter.email:
        return None
    return mail.from_templates(
        to=[found.voter.email],
        template="budgeting/mail/ballot_receipt",
        context={
            "round": found.round,
            "ballot": found,
            "chosen": receipt_lines(found),
            "changed": changed,
        },
        language=_language(found.voter),
    )


def _to_author(proposal: int, template: str) -> mail.Message | None:
    found = Proposal.objects.select_related("round", "author").filter(pk=proposal).first()
    if found is None or found.author is None or not found.author.email:
        return None
    return mail.from_templates(
        to=[found.author.email],
        template=template,
        context={"proposal": found, "round": found.round},
        language=_language(found.author),
    )


def proposal_received(*, proposal: int) -> mail.Message | None:
    return _to_author(proposal, "budgeting/mail/proposal_received")


def proposal_reviewed(*, proposal: int) -> mail.Message | None:
    return _to_author(proposal, "budgeting/mail/proposal_reviewed")


def proposal_result(*, proposal: int, result: int) -> mail.Message | None:
    found = Proposal.objects.select_related("round", "author").filter(pk=proposal).first()
    done = RoundResult.objects.filter(pk=result).first()
    if found is None or done is None or found.author is None or not found.author.email:
        return None
    if not found.author.is_active:
        return None
    language = _language(found.author)
    unfunded = {item["project_id"]: item for item in done.unfunded}
    with translation.override(language):
        why = selectors.unfunded_text(unfunded.get(str(found.pk)))
    return mail.from_templates(
        to=[found.author.email],
        template="budgeting/mail/proposal_result",
        context={
            "proposal": found,
            "round": found.round,
            "funded": str(found.pk) in done.selected,
            "why": why,
        },
        language=language,
    )


def result_published(*, notice: str, result: int) -> mail.Message | None:
    found = ResultNotice.objects.select_related("round").filter(pk=notice).first()
    done = RoundResult.objects.filter(pk=result).first()
    if found is None or done is None:
        return None
    funded = [row for row in selectors.vote_rows(found.round, done) if row["funded"]]
    message = mail.from_templates(
        to=[found.email],
        template="budgeting/mail/result_published",
        context={"round": found.round, "result": done, "funded": funded},
        language=found.language or settings.LANGUAGE_CODE,
    )
    # The address was kept for this one mail only (the mail says it is deleted now).
    return replace(message, after_send=ResultNotice.objects.filter(pk=found.pk).delete)


def register() -> None:
    mail.register(BALLOT_RECEIPT, ballot_receipt)
    mail.register(PROPOSAL_RECEIVED, proposal_received)
    mail.register(PROPOSAL_REVIEWED, proposal_reviewed)
    mail.register(PROPOSAL_RESULT, proposal_result)
    mail.register(RESULT_PUBLISHED, result_published)
