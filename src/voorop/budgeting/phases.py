"""The phases of a budget round and the actions each one enables (voorop.core.phases).

A round runs through its phases by date: proposals → review → voting → results →
implementation (and "upcoming" before the first date). Rules ask
``phase_allows(BUDGET_ROUND, action)``, pages ask ``phase.allows.<action>``: what a phase
enables is declared here, once, and tested per phase (tests/budgeting/test_phases.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from voorop.core import phases
from voorop.core.phases import Phase


class Action:
    SUBMIT_PROPOSAL = "submit_proposal"
    CHANGE_PROPOSAL = "change_proposal"
    REVIEW_PROPOSAL = "review_proposal"
    PREPARE_CODES = "prepare_codes"
    VOTE = "vote"
    COMPUTE_RESULT = "compute_result"
    LINK_INITIATIVE = "link_initiative"
    # What the round page shows: every proposal with its review status (until the ballot is
    # fixed), and the result (once voting has closed).
    SHOW_ALL_PROPOSALS = "show_all_proposals"
    SHOW_RESULT = "show_result"


UPCOMING = Phase(
    "upcoming",
    _("Coming soon"),
    _("The round has not started yet. Have a look at the dates."),
    {Action.PREPARE_CODES, Action.SHOW_ALL_PROPOSALS},
    tone="warning",
)
PROPOSALS = Phase(
    "proposals",
    _("Proposals"),
    _("Residents send in proposals, each with a cost estimate."),
    {
        Action.SUBMIT_PROPOSAL,
        Action.CHANGE_PROPOSAL,
        Action.REVIEW_PROPOSAL,
        Action.PREPARE_CODES,
        Action.SHOW_ALL_PROPOSALS,
    },
    starts="proposals_from",
)
REVIEW = Phase(
    "review",
    _("Review"),
    _("The municipality checks whether each proposal can be done and what it costs."),
    {Action.REVIEW_PROPOSAL, Action.PREPARE_CODES, Action.SHOW_ALL_PROPOSALS},
    starts="review_from",
)
VOTING = Phase(
    "voting",
    _("Voting"),
    _("Residents vote on the approved proposals. You can change your vote until voting closes."),
    {Action.VOTE, Action.PREPARE_CODES},
    starts="voting_from",
    nonempty=True,
)
RESULTS = Phase(
    "results",
    _("Results"),
    _("Voting has closed. The result shows which proposals get the money, and why."),
    {Action.COMPUTE_RESULT, Action.LINK_INITIATIVE, Action.SHOW_RESULT},
    starts="voting_until",
    tone="done",
)
IMPLEMENTATION = Phase(
    "implementation",
    _("Implementation"),
    _("The funded proposals are carried out. Follow their progress here."),
    {Action.COMPUTE_RESULT, Action.LINK_INITIATIVE, Action.SHOW_RESULT},
    starts="implementation_from",
    tone="done",
)

BUDGET_ROUND = phases.register(
    phases.DatedProcess(
        key="budget_round",
        label=_("budget round"),
        phases=[UPCOMING, PROPOSALS, REVIEW, VOTING, RESULTS, IMPLEMENTATION],
        actions={v for k, v in vars(Action).items() if not k.startswith("_")},
    )
)
PHASES = BUDGET_ROUND.phases
BY_KEY = {phase.key: phase for phase in PHASES}
# The phases a round moves through by its dates, in order.
DATED_PHASES = BUDGET_ROUND.dated_phases
