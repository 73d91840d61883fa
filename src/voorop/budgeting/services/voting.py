"""Stage: voting. Casting and changing a ballot online (account or code) and entering paper
ballots, with the receipt. A ballot's content never goes into the audit log or a log line:
votes are secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voorop.budgeting import mail as budget_mail
from voorop.budgeting import selectors
from voorop.budgeting.ballots import ballot_check, clean_choices
from voorop.budgeting.models import Ballot, BallotChannel, BudgetRound, Proposal, VotingCode
from voorop.budgeting.services.common import require_user
from voorop.budgeting.types import Actor
from voorop.core import mail
from voorop.core.inserts import insert_if_new
from voorop.core.permissions import require
from voorop.core.services import audit_log


@transaction.atomic
def ballot_cast(
    *,
    actor: Actor,
    budget_round: BudgetRound,
    choices: Mapping[str, int],
    voting_code: VotingCode | None = None,
    paper: bool = False,
    proposals: list[Proposal] | None = None,
) -> tuple[Ballot, bool]:
    """Cast or change a ballot. Returns (ballot, changed): changed is False for a first vote.

    With an account: the actor must be an eligible voter. With a code: whoever holds the
    code (online), or staff entering a paper ballot against it. The database allows one
    ballot per voter and per code; two requests at the same time end in one ballot.
    """
    voter = None
    if paper:
        require(actor, "budgeting.enter_paper_ballot", budget_round)
        if voting_code is None:
            raise ValidationError(_("A paper ballot is entered against the code on it."))
    elif voting_code is not None:
        require(actor, "budgeting.vote_with_code", budget_round)
    else:
        voter = require_user(actor, "budgeting.vote", budget_round)
    if voting_code is not None and voting_code.round_id != budget_round.pk:
        raise ValidationError(_("This code belongs to another round."))

    holder = ""
    if not paper and getattr(actor, "is_authenticated", False):
        holder = _one_person_one_ballot(actor, budget_round, voting_code)

    cleaned = clean_choices(choices)
    if proposals is None:  # the view has them already
        proposals = selectors.ballot_proposals(budget_round)
    check = ballot_check(budget_round, proposals, cleaned)
    if not check.ok:
        raise ValidationError(check.problems)

    where: dict[str, Any]
    new: dict[str, Any]
    if voting_code is not None:
        where = {"voting_code": voting_code}
        new = {
            "round": budget_round,
            "voting_code": voting_code,
            "channel": BallotChannel.PAPER if paper else BallotChannel.CODE,
            "code_holder": holder,
        }
    else:
        where = {"round": budget_round, "voter": voter}
        new = {"round": budget_round, "voter": voter, "channel": BallotChannel.ACCOUNT}

    # A first ballot, nearly every cast, is one statement: inserted unless the one-ballot
    # constraints hold a ballot already (voorop.core.inserts; issue 13, decision 0025). No
    # INSERT is ever refused: PostgreSQL writes a refused statement to its server log with
    # its values, choices and voter included, and a vote must never be in a log. A first
    # ballot of the same voter that another request is inserting at this moment is waited
    # for, then changed. Twice: the ballot in the way may be gone before it is read (its
    # voter deleted their account).
    for _attempt in range(2):
        ballot = Ballot(choices=cleaned, **new)
        if insert_if_new(ballot):
            _after_ballot(actor, ballot, changed=False, paper=paper)
            return ballot, False
        try:
            ballot = Ballot.objects.select_for_update().get(**where)
        except Ballot.DoesNotExist:
            continue
        ballot.round = budget_round  # the audit entry names it: no second read
        break
    else:
        # Or no ballot was in the way at all: the table's id sequence is behind its rows.
        raise Ballot.DoesNotExist("the ballot in the way of this one is gone, twice")
    if paper:
        raise ValidationError(_("This code has already been used to vote."))
    ballot.choices = cleaned
    ballot.changed_at = timezone.now()
    ballot.times_changed += 1
    # A code first used without logging in: now we know who holds it (decision 0014).
    ballot.code_holder = ballot.code_holder or holder
    ballot.save(update_fields=["choices", "changed_at", "times_changed", "code_holder"])
    _after_ballot(actor, ballot, changed=True, paper=paper)
    return ballot, True


ALREADY_BY_ACCOUNT = gettext_lazy(
    "You already voted with your account in this round. One person has one vote: change "
    "that vote instead (log in and open the ballot)."
)
ALREADY_BY_CODE = gettext_lazy(
    "You already voted with a voting code in this round. One person has one vote: change "
    "that vote with the same code."
)


def _one_person_one_ballot(
    user: Any, budget_round: BudgetRound, voting_code: VotingCode | None
) -> str:
    """Refuse a second ballot by the same signed-in person through another route (account,
    or another code); returns the hash to keep on a code ballot (decision 0014)."""
    holder = Ballot.holder_hash(budget_round.pk, user.pk)
    ballots = Ballot.objects.filter(round=budget_round)
    if voting_code is not None:
        if ballots.filter(voter=user).exists():
            raise ValidationError(ALREADY_BY_ACCOUNT, code="one_ballot")
        if ballots.filter(code_holder=holder).exclude(voting_code=voting_code).exists():
            raise ValidationError(ALREADY_BY_CODE, code="one_ballot")
        return holder
    if ballots.filter(code_holder=holder).exists():
        raise ValidationError(ALREADY_BY_CODE, code="one_ballot")
    return ""


def _after_ballot(actor: Actor, ballot: Ballot, *, changed: bool, paper: bool) -> None:
    # The audit entry says that a ballot was cast or changed, never what it holds.
    audit_log(
        actor=actor,
        action="budgeting.ballot_changed" if changed else "budgeting.ballot_cast",
        target=ballot.round,
        data={"channel": ballot.channel},
    )
    # The receipt is rendered when it is sent: the choices never enter a task row.
    if ballot.voter_id is not None and not paper:
        mail.send(budget_mail.BALLOT_RECEIPT, ballot=ballot.pk, changed=changed)


def receipt_lines(ballot: Ballot) -> list[dict[str, Any]]:
    """The voter's choices with their points, for the receipt page and e-mail."""
    proposals = {str(p.pk): p for p in Proposal.objects.filter(pk__in=ballot.proposal_ids())}
    return [
        {"proposal": proposals[key], "points": points}
        for key, points in sorted(ballot.choices.items(), key=lambda kv: int(kv[0]))
        if key in proposals
    ]
