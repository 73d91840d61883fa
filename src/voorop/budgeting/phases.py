"""The phases of a budget round and the actions each one enables (adhocracy4 style).

A round runs through its phases by date: proposals → review → voting → results →
implementation (and "upcoming" before the first date). Rules ask `phase_allows(round, action)`
instead of comparing dates themselves, so what a phase enables is declared in one place and
tested per phase (tests/budgeting/test_phases.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Action:
    SUBMIT_PROPOSAL = "submit_proposal"
    CHANGE_PROPOSAL = "change_proposal"
    REVIEW_PROPOSAL = "review_proposal"
    PREPARE_CODES = "prepare_codes"
    VOTE = "vote"
    COMPUTE_RESULT = "compute_result"
    LINK_INITIATIVE = "link_initiative"


@dataclass(frozen=True)
class Phase:
    key: str
    label: str | Promise
    description: str | Promise
    actions: frozenset[str]
    # The round field holding the moment this phase starts (None: before the first date).
    starts_field: str | None


UPCOMING = Phase(
    "upcoming",
    _("Coming soon"),
    _("The round has not started yet. Have a look at the dates."),
    frozenset({Action.PREPARE_CODES}),
    None,
)
PROPOSALS = Phase(
    "proposals",
    _("Proposals"),
    _("Residents send in proposals, each with a cost estimate."),
    frozenset(
        {
            Action.SUBMIT_PROPOSAL,
            Action.CHANGE_PROPOSAL,
            Action.REVIEW_PROPOSAL,
            Action.PREPARE_CODES,
        }
    ),
    "proposals_from",
)
REVIEW = Phase(
    "review",
    _("Review"),
    _("The municipality checks whether each proposal can be done and what it costs."),
    frozenset({Action.REVIEW_PROPOSAL, Action.PREPARE_CODES}),
    "review_from",
)
VOTING = Phase(
    "voting",
    _("Voting"),
    _("Residents vote on the approved proposals. You can change your vote until voting closes."),
    frozenset({Action.VOTE, Action.PREPARE_CODES}),
    "voting_from",
)
RESULTS = Phase(
    "results",
    _("Results"),
    _("Voting has closed. The result shows which proposals get the money, and why."),
    frozenset({Action.COMPUTE_RESULT, Action.LINK_INITIATIVE}),
    "voting_until",
)
IMPLEMENTATION = Phase(
    "implementation",
    _("Implementation"),
    _("The funded proposals are carried out. Follow their progress here."),
    frozenset({Action.COMPUTE_RESULT, Action.LINK_INITIATIVE}),
    "implementation_from",
)

PHASES: tuple[Phase, ...] = (UPCOMING, PROPOSALS, REVIEW, VOTING, RESULTS, IMPLEMENTATION)
BY_KEY = {phase.key: phase for phase in PHASES}
# The phases a round moves through by its dates, in order.
DATED_PHASES = PHASES[1:]
