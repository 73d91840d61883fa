"""Stage: setting up a round. Creating and changing a round (dates, ballot, rule, area) and
starting its next phase early.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.budgeting import phases, selectors
from voorop.budgeting.models import BudgetRound, check_round_dates
from voorop.budgeting.phases import Action
from voorop.budgeting.services.common import changes_round_pages, require_user
from voorop.budgeting.services.results import queue_result
from voorop.budgeting.types import Actor
from voorop.core.services import audit_log

if TYPE_CHECKING:
    from voorop.accounts.models import User
    from voorop.core.areas.models import Area


ROUND_FIELDS = (
    "title",
    "kind",
    "description",
    "area",
    "budget",
    "dossier",
    "proposals_from",
    "review_from",
    "voting_from",
    "voting_until",
    "implementation_from",
    "min_age",
    "voting_method",
    "ballot_type",
    "max_choices",
    "points",
    "rule",
    "completion",
)
# Rules that decide the outcome may not change once voting has started.
LOCKED_WHEN_VOTING = ("budget", "ballot_type", "max_choices", "points", "rule", "completion")


def _check_round(fields: dict[str, Any]) -> None:
    """Errors name their field, so a form shows them next to it."""
    check_round_dates(fields)
    if fields.get("ballot_type") == "approval" and not fields.get("max_choices"):
        raise ValidationError({"max_choices": _("Say how many proposals a voter may choose.")})
    if fields.get("ballot_type") == "cumulative" and not fields.get("points"):
        raise ValidationError({"points": _("Say how many points each voter gets.")})


def _check_area(actor: User, area: Area | None) -> None:
    """A procesbegeleider who holds areas starts and moves rounds only within them."""
    from voorop.accounts.roles import is_beheerder

    if is_beheerder(actor) or selectors.held_areas(actor).covers(area):
        return
    names = ", ".join(
        sorted(holding.area.name for holding in actor.budget_areas.select_related("area"))
    )
    if area is None:
        raise ValidationError(
            _(
                "Only an administrator or the process facilitator of the whole municipality "
                "can start a round for the whole municipality. You run the rounds of: %(areas)s."
            )
            % {"areas": names}
        )
    raise ValidationError(
        _("You run the budget rounds of these areas only: %(areas)s. Choose one of them.")
        % {"areas": names}
    )


@transaction.atomic
def round_create(*, actor: Actor, seed: str = "", **fields: Any) -> BudgetRound:
    """A new round. Its seed decides ties that cost and votes do not and is shown from the
    start: random unless one is given (one drawn in public, or the demo's fixed seeds)."""
    actor = require_user(actor, "budgeting.add_round")
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise ValueError(f"not a round field: {', '.join(sorted(unknown))}")
    _check_round(fields)
    _check_area(actor, fields.get("area"))
    if fields.get("rule") == "greedy":
        fields["completion"] = "none"
    budget_round = BudgetRound.objects.create(
        created_by=actor, seed=seed or secrets.token_hex(4), **fields
    )
    audit_log(
        actor=actor,
        action="budgeting.round_created",
        target=budget_round,
        data={"budget": budget_round.budget, "rule": budget_round.rule},
    )
    return budget_round


@changes_round_pages
@transaction.atomic
def round_update(*, actor: Actor, budget_round: BudgetRound, **fields: Any) -> BudgetRound:
    actor = require_user(actor, "budgeting.change_round", budget_round)
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise ValueError(f"not a round field: {', '.join(sorted(unknown))}")
    if fields.get("rule") == "greedy":
        fields["completion"] = "none"
    started = budget_round.voting_from <= timezone.now()
    changed = []
    for name, value in fields.items():
        if getattr(budget_round, name) != value:
            if started and name in LOCKED_WHEN_VOTING:
                raise ValidationError(
                    _(
                        "Voting has started: the budget, the ballot and the rule can no "
                        "longer change."
                    )
                )
            setattr(budget_round, name, value)
            changed.append(name)
    _check_round({name: getattr(budget_round, name) for name in ROUND_FIELDS})
    if "area" in changed:
        _check_area(actor, budget_round.area)
    if changed:
        budget_round.save()
        audit_log(
            actor=actor,
            action="budgeting.round_changed",
            target=budget_round,
            data={"fields": sorted(changed)},
        )
    return budget_round


@changes_round_pages
@transaction.atomic
def round_start_next_phase(*, actor: Actor, budget_round: BudgetRound) -> BudgetRound:
    """Start the next phase now (moves that phase's date to this moment)."""
    actor = require_user(actor, "budgeting.manage_round", budget_round)
    budget_round = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
    now = timezone.now()
    current = phases.BUDGET_ROUND.phase_of(budget_round, at=now)
    if current.is_last:
        raise ValidationError(_("This round is already in its last phase."))
    # Moves the earlier dates that are still in the future along, to keep the order.
    following = phases.BUDGET_ROUND.advance(budget_round, now=now)
    budget_round.save()
    audit_log(
        actor=actor,
        action="budgeting.phase_started",
        target=budget_round,
        data={"phase": following.key},
    )
    # Voting has just closed: compute the result now (not again on to implementation).
    if following.allows(Action.COMPUTE_RESULT) and not current.allows(Action.COMPUTE_RESULT):
        queue_result(budget_round, actor=actor)
    return budget_round
