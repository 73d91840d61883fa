"""Checking a ballot against the round's ballot type: used by the form (to explain) and by
`services.ballot_cast` (to refuse). Pure: no database writes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from voorop.budgeting.models import BallotType, BudgetRound, Proposal
from voorop.core.money import format_euros


@dataclass
class BallotCheck:
    count: int = 0
    total_cost: int = 0
    total_points: int = 0
    problems: list[str] = field(default_factory=list)
    over_budget_by: int = 0
    left: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def clean_choices(raw: Mapping[Any, Any]) -> dict[str, int]:
    """{proposal id: points} with only positive whole numbers, keys as text."""
    cleaned: dict[str, int] = {}
    for key, value in raw.items():
        try:
            points = int(value)
        except (TypeError, ValueError):
            continue
        if points > 0:
            cleaned[str(int(key))] = points
    return cleaned


def ballot_check(
    budget_round: BudgetRound, proposals: list[Proposal], choices: dict[str, int]
) -> BallotCheck:
    by_id = {str(p.pk): p for p in proposals}
    check = BallotCheck()
    unknown = [key for key in choices if key not in by_id]
    if unknown:
        check.problems.append(_("You chose a proposal that is not on this ballot."))
    chosen = [by_id[key] for key in choices if key in by_id]
    check.count = len(chosen)
    check.total_cost = sum(p.cost for p in chosen)
    check.total_points = sum(choices[key] for key in choices if key in by_id)
    check.left = budget_round.budget - check.total_cost
    if not chosen:
        check.problems.append(_("Choose at least one proposal."))
        return check
    kind = budget_round.ballot_type
    if kind == BallotType.APPROVAL:
        limit = budget_round.max_choices or len(proposals)
        if check.count > limit:
            check.problems.append(
                ngettext(
                    "You chose %(count)s proposals. You may choose at most %(limit)s proposal.",
                    "You chose %(count)s proposals. You may choose at most %(limit)s proposals.",
                    limit,
                )
                % {"count": check.count, "limit": limit}
            )
    elif kind == BallotType.KNAPSACK:
        if check.total_cost > budget_round.budget:
            check.over_budget_by = check.total_cost - budget_round.budget
            check.problems.append(
                _(
                    "Your choice costs %(total)s. That is %(over)s more than the budget of "
                    "%(budget)s. Remove one or more proposals."
                )
                % {
                    "total": format_euros(check.total_cost),
                    "over": format_euros(check.over_budget_by),
                    "budget": format_euros(budget_round.budget),
                }
            )
    elif kind == BallotType.CUMULATIVE:
        limit = budget_round.points or 0
        if check.total_points > limit:
            check.problems.append(
                _(
                    "You gave %(total)s points. You have %(limit)s points. Take away "
                    "%(over)s points."
                )
                % {
                    "total": check.total_points,
                    "limit": limit,
                    "over": check.total_points - limit,
                }
            )
    if kind != BallotType.CUMULATIVE and any(points != 1 for points in choices.values()):
        check.problems.append(_("Tick a proposal to choose it."))
    return check
