"""Who may do what in a budget round. The phase decides which actions are open at all
(`phases.py`); the predicates below decide who. See docs/permissions/budgeting.md."""

from __future__ import annotations

import rules
from django.utils import timezone

from voorop.accounts.roles import (
    is_beheerder,
    is_loketmedewerker,
    is_procesbegeleider,
    is_signed_in,
)
from voorop.budgeting.phases import BUDGET_ROUND, Action
from voorop.core.phases import phase_allows


def _phase_predicate(action: str) -> rules.Predicate:
    """The round's phase enables ``action`` (a proposal asks its round)."""
    return phase_allows(BUDGET_ROUND, action, via="round")


def is_eligible_voter(user, budget_round) -> bool:
    """A verified resident of the round's area (or a sub-area) who is old enough."""
    from voorop.budgeting.selectors import eligibility

    return eligibility(user, budget_round).eligible


@rules.predicate
def eligible_voter(user, budget_round) -> bool:
    return budget_round is not None and is_eligible_voter(user, budget_round)


@rules.predicate
def round_accepts_accounts(user, budget_round) -> bool:
    return budget_round is not None and budget_round.accepts_accounts


@rules.predicate
def round_accepts_codes(user, budget_round) -> bool:
    return budget_round is not None and budget_round.accepts_codes


@rules.predicate
def is_proposal_author(user, proposal) -> bool:
    return (
        proposal is not None
        and getattr(user, "is_authenticated", False)
        and proposal.author_id == user.pk
    )


@rules.predicate
def proposal_is_waiting(user, proposal) -> bool:
    return proposal is not None and proposal.status == "submitted"


@rules.predicate
def proposal_is_funded(user, proposal) -> bool:
    if proposal is None:
        return False
    from voorop.budgeting.selectors import latest_result

    result = latest_result(proposal.round)
    return result is not None and result.is_done and str(proposal.pk) in result.selected


@rules.predicate
def result_is_published(user, budget_round) -> bool:
    if budget_round is None or budget_round.voting_until > timezone.now():
        return False
    from voorop.budgeting.selectors import latest_result

    result = latest_result(budget_round)
    return result is not None and result.is_done


@rules.predicate
def holds_round_area(user, obj) -> bool:
    """The round (or the proposal's round) lies in an area this procesbegeleider runs."""
    budget_round = getattr(obj, "round", obj)
    if budget_round is None:
        return False
    from voorop.budgeting.selectors import held_areas

    return held_areas(user).covers(budget_round.area_id)


# Who may start a round at all; the area they choose is checked by the service.
round_creators = is_procesbegeleider | is_beheerder
# Who runs a given round: a beheerder, or a procesbegeleider of its area.
round_staff = is_beheerder | (is_procesbegeleider & holds_round_area)
verifier_staff = round_creators | is_loketmedewerker

can_submit = _phase_predicate(Action.SUBMIT_PROPOSAL)
can_change = _phase_predicate(Action.CHANGE_PROPOSAL)
can_review = _phase_predicate(Action.REVIEW_PROPOSAL)
can_prepare_codes = _phase_predicate(Action.PREPARE_CODES)
can_vote = _phase_predicate(Action.VOTE)
can_compute = _phase_predicate(Action.COMPUTE_RESULT)
can_link = _phase_predicate(Action.LINK_INITIATIVE)

rules.add_perm("budgeting.view_round", rules.always_allow)
rules.add_perm("budgeting.view_proposal", rules.always_allow)
rules.add_perm("budgeting.add_round", round_creators)
rules.add_perm("budgeting.manage_round", round_staff)
rules.add_perm("budgeting.change_round", round_staff)
rules.add_perm("budgeting.verify_residents", verifier_staff)
rules.add_perm("budgeting.submit_proposal", is_signed_in & can_submit)
rules.add_perm("budgeting.change_proposal", is_proposal_author & proposal_is_waiting & can_change)
rules.add_perm("budgeting.review_proposal", round_staff & can_review)
rules.add_perm("budgeting.vote", can_vote & round_accepts_accounts & eligible_voter)
rules.add_perm("budgeting.vote_with_code", can_vote & round_accepts_codes)
rules.add_perm("budgeting.enter_paper_ballot", round_staff & can_vote & round_accepts_codes)
rules.add_perm(
    "budgeting.prepare_voting_codes", round_staff & can_prepare_codes & round_accepts_codes
)
rules.add_perm("budgeting.compute_result", round_staff & can_compute)
rules.add_perm("budgeting.view_result", result_is_published | round_staff)
rules.add_perm("budgeting.link_initiative", round_staff & can_link & proposal_is_funded)
rules.add_perm("budgeting.what_if", rules.always_allow)
