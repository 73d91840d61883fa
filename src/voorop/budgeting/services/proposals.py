"""Stage: proposals and their review. Residents send in proposals; staff approve them (with
the cost they set) or reject them with a reason; a funded proposal is linked to the
initiative that carries it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.budgeting import mail as budget_mail
from voorop.budgeting import selectors
from voorop.budgeting.models import BudgetRound, Proposal, ProposalStatus
from voorop.budgeting.services.common import changes_round_pages, require_user
from voorop.budgeting.types import Actor
from voorop.core import mail
from voorop.core.base import canonical_digest
from voorop.core.services import audit_log

if TYPE_CHECKING:
    from voorop.core.areas.models import Area, Theme
    from voorop.initiatives.models import Initiative


@changes_round_pages
@transaction.atomic
def proposal_submit(
    *,
    actor: Actor,
    budget_round: BudgetRound,
    title: str,
    description: str,
    cost_estimate: int,
    area: Area | None = None,
    theme: Theme | None = None,
) -> Proposal:
    """A resident sends in a proposal. Sent twice with the same fields (a double click, the
    same form posted from several tabs at once), it is one proposal: the second post gets
    the first. No core helper recognises a double post, so (issue 12.6) a unique constraint
    on (round, author, digest of the posted fields) decides inside this transaction; the
    loser of a race catches the IntegrityError and returns the winner's proposal (no second
    e-mail, no second audit entry)."""
    actor = require_user(actor, "budgeting.submit_proposal", budget_round)
    if cost_estimate > budget_round.budget:
        raise ValidationError(_("The cost is higher than the whole budget of this round."))
    title, description = title.strip(), description.strip()
    digest = canonical_digest(
        {
            "title": title,
            "description": description,
            "cost_estimate": int(cost_estimate),
            "area": area.pk if area else None,
            "theme": theme.pk if theme else None,
        }
    )
    same = Proposal.objects.filter(round=budget_round, author=actor, submission_digest=digest)
    earlier = same.first()
    if earlier is not None:
        return earlier
    try:
        with transaction.atomic():  # a savepoint: the race's loser rolls back only this
            proposal = Proposal.objects.create(
                round=budget_round,
                title=title,
                description=description,
                cost_estimate=cost_estimate,
                cost=cost_estimate,
                area=area,
                theme=theme,
                author=actor,
                submission_digest=digest,
            )
    except IntegrityError:
        return same.get()
    audit_log(actor=actor, action="budgeting.proposal_submitted", target=proposal)
    mail.send(budget_mail.PROPOSAL_RECEIVED, proposal=proposal.pk)
    return proposal


@changes_round_pages
@transaction.atomic
def proposal_update(*, actor: Actor, proposal: Proposal, **fields: Any) -> Proposal:
    actor = require_user(actor, "budgeting.change_proposal", proposal)
    allowed = {"title", "description", "cost_estimate", "area", "theme"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not a proposal field: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.cost = proposal.cost_estimate
    # Changed or reviewed, the proposal is no longer "what was just sent": the same text
    # sent again is a new proposal, not this one.
    proposal.submission_digest = ""
    proposal.save()
    selectors.ballot_proposals_changed(proposal.round_id)
    audit_log(
        actor=actor,
        action="budgeting.proposal_changed",
        target=proposal,
        data={"fields": sorted(fields)},
    )
    return proposal


@changes_round_pages
@transaction.atomic
def proposal_review(
    *,
    actor: Actor,
    proposal: Proposal,
    approve: bool,
    reason: str = "",
    cost: int | None = None,
    cost_reason: str = "",
) -> Proposal:
    """Approve (possibly with an adjusted cost, which needs a reason) or reject (always with
    a reason). The author sees the outcome on the proposal and gets an e-mail."""
    actor = require_user(actor, "budgeting.review_proposal", proposal)
    reason, cost_reason = reason.strip(), cost_reason.strip()
    if not approve and not reason:
        raise ValidationError(_("Explain why the proposal is not on the ballot."))
    new_cost = proposal.cost_estimate if cost is None else cost
    if approve and new_cost != proposal.cost_estimate and not cost_reason:
        raise ValidationError(_("Explain why the cost differs from the estimate."))
    if approve and new_cost > proposal.round.budget:
        raise ValidationError(_("The cost is higher than the whole budget of this round."))
    proposal.status = ProposalStatus.APPROVED if approve else ProposalStatus.REJECTED
    proposal.review_reason = reason
    if approve:
        proposal.cost = new_cost
        proposal.cost_reason = cost_reason if new_cost != proposal.cost_estimate else ""
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    proposal.submission_digest = ""
    proposal.save()
    selectors.ballot_proposals_changed(proposal.round_id)
    audit_log(
        actor=actor,
        action="budgeting.proposal_reviewed",
        target=proposal,
        data={"status": proposal.status, "cost": proposal.cost},
    )
    mail.send(budget_mail.PROPOSAL_REVIEWED, proposal=proposal.pk)
    return proposal


@changes_round_pages
@transaction.atomic
def proposal_link_initiative(
    *, actor: Actor, proposal: Proposal, initiative: Initiative | None
) -> Proposal:
    actor = require_user(actor, "budgeting.link_initiative", proposal)
    proposal.initiative = initiative
    proposal.save(update_fields=["initiative"])
    selectors.ballot_proposals_changed(proposal.round_id)
    audit_log(
        actor=actor,
        action="budgeting.initiative_linked",
        target=proposal,
        data={"initiative": getattr(initiative, "pk", None)},
    )
    return proposal
