"""Who may do what in a budget dialogue. The phase decides which actions are open at all
(`phases.py`); the predicates below decide who. Taking part with an account uses the same
check of where residents live as budget rounds (voorop.budgeting.selectors.eligibility)."""

from __future__ import annotations

import rules

from voorop.accounts.roles import is_beheerder, is_college, is_griffie, is_procesbegeleider
from voorop.core.phases import phase_allows
from voorop.savings.phases import SAVINGS_DIALOGUE, Action


def _phase(action: str) -> rules.Predicate:
    return phase_allows(SAVINGS_DIALOGUE, action)


@rules.predicate
def eligible_resident(user, dialogue) -> bool:
    """A resident whose address the municipality checked, in the dialogue's area, old enough
    (budget rounds' one check: the dialogue has the same area, min_age and start)."""
    if dialogue is None:
        return False
    from voorop.budgeting.selectors import eligibility

    return eligibility(user, dialogue).eligible


@rules.predicate
def accepts_accounts(user, dialogue) -> bool:
    return dialogue is not None and dialogue.accepts_accounts


@rules.predicate
def accepts_codes(user, dialogue) -> bool:
    return dialogue is not None and dialogue.accepts_codes


dialogue_staff = is_procesbegeleider | is_griffie | is_beheerder
answer_staff = is_college | is_griffie | is_beheerder

rules.add_perm("savings.view_dialogue", rules.always_allow)
rules.add_perm("savings.manage_dialogue", dialogue_staff)
rules.add_perm("savings.add_dialogue", dialogue_staff)
# Tables, options and frames are set before the dialogue opens: a sent plan was checked
# against the frames as they were.
rules.add_perm("savings.set_up_dialogue", dialogue_staff & _phase(Action.SET_UP))
rules.add_perm("savings.make_plan", _phase(Action.MAKE_PLAN) & accepts_accounts & eligible_resident)
rules.add_perm("savings.make_plan_with_code", _phase(Action.MAKE_PLAN) & accepts_codes)
rules.add_perm("savings.enter_table_plan", dialogue_staff & _phase(Action.ENTER_TABLE_PLAN))
rules.add_perm(
    "savings.prepare_codes", dialogue_staff & _phase(Action.PREPARE_CODES) & accepts_codes
)
rules.add_perm("savings.view_results", _phase(Action.SHOW_RESULTS) | dialogue_staff)
rules.add_perm("savings.publish_answer", answer_staff & _phase(Action.PUBLISH_ANSWER))
