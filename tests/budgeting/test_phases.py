"""The phase registry: each phase enables exactly the actions it declares."""

import pytest

from tests.budgeting.factories import PHASES, RoundFactory
from tests.rules_matrix import assert_phase_table
from voorop.budgeting import phases
from voorop.budgeting.phases import Action

pytestmark = pytest.mark.django_db

ENABLED = {
    "upcoming": {Action.PREPARE_CODES, Action.SHOW_ALL_PROPOSALS},
    "proposals": {
        Action.SUBMIT_PROPOSAL,
        Action.CHANGE_PROPOSAL,
        Action.REVIEW_PROPOSAL,
        Action.PREPARE_CODES,
        Action.SHOW_ALL_PROPOSALS,
    },
    "review": {Action.REVIEW_PROPOSAL, Action.PREPARE_CODES, Action.SHOW_ALL_PROPOSALS},
    "voting": {Action.VOTE, Action.PREPARE_CODES},
    "results": {Action.COMPUTE_RESULT, Action.LINK_INITIATIVE, Action.SHOW_RESULT},
    "implementation": {Action.COMPUTE_RESULT, Action.LINK_INITIATIVE, Action.SHOW_RESULT},
}


def test_the_phase_table():
    assert_phase_table(phases.BUDGET_ROUND, ENABLED)


def test_registry_lists_every_phase_in_order():
    assert [p.key for p in phases.PHASES] == PHASES


@pytest.mark.parametrize("phase", PHASES)
def test_phase_follows_the_dates_and_enables_its_actions(phase):
    budget_round = RoundFactory(phase=phase)
    assert budget_round.phase.key == phase
    every = {v for k, v in vars(Action).items() if not k.startswith("_")}
    for action in every:
        assert budget_round.phase_allows(action) is (action in ENABLED[phase]), (phase, action)


def test_schedule_marks_the_current_phase():
    budget_round = RoundFactory(phase="review")
    rows = budget_round.schedule()
    assert [r["phase"].key for r in rows if r["current"]] == ["review"]
    assert rows[-1]["ends"] is None
