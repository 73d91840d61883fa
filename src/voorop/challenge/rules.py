"""Who may do what with tasks and challenges. Each rule asks what the challenge's stage
enables (challenge/phases.py, paused by a Ho-stop card), so a view and a service ask the
same question."""

import rules

from voorop.accounts.roles import (
    is_beheerder,
    is_college,
    is_procesbegeleider,
    is_signed_in,
)
from voorop.challenge.phases import CHALLENGE, Action
from voorop.core.phases import phase_allows


def _allows(action: str) -> rules.Predicate:
    """The challenge's stage enables ``action`` and no Ho-stop card holds it."""
    return phase_allows(CHALLENGE, action)


@rules.predicate
def is_challenger(user, challenge) -> bool:
    return challenge is not None and challenge.is_member(user)


@rules.predicate
def is_complete(user, challenge) -> bool:
    return challenge is not None and challenge.complete_at is not None


@rules.predicate
def task_is_open(user, task) -> bool:
    return task is None or task.is_open


is_handler = is_procesbegeleider

rules.add_perm("challenge.view_catalogue", rules.always_allow)
rules.add_perm("challenge.manage_tasks", is_beheerder)
rules.add_perm("challenge.configure_procedure", is_beheerder)
rules.add_perm("challenge.submit", is_signed_in & task_is_open)
rules.add_perm("challenge.view_work_list", is_procesbegeleider | is_college | is_beheerder)
rules.add_perm("challenge.view_mine", is_signed_in)

# Challengers (members of the group)
rules.add_perm("challenge.support", is_signed_in & ~is_challenger & _allows(Action.SUPPORT))
rules.add_perm("challenge.edit", is_challenger & _allows(Action.EDIT))
rules.add_perm("challenge.add_member", is_challenger & _allows(Action.ADD_MEMBER))
rules.add_perm("challenge.upload_signatures", is_challenger & _allows(Action.UPLOAD_SIGNATURES))
rules.add_perm("challenge.withdraw", is_challenger & _allows(Action.WITHDRAW))
rules.add_perm(
    "challenge.view_signatures", is_challenger | is_procesbegeleider | is_college | is_beheerder
)

# Staff, each step in its own stage
rules.add_perm("challenge.acknowledge", is_handler & _allows(Action.ACKNOWLEDGE))
rules.add_perm(
    "challenge.mark_incomplete", is_handler & _allows(Action.MARK_INCOMPLETE) & is_complete
)
rules.add_perm("challenge.record_talk", is_handler & _allows(Action.RECORD_TALK))
rules.add_perm("challenge.assess", is_handler & _allows(Action.ASSESS) & is_complete)
rules.add_perm("challenge.decide", is_college & _allows(Action.DECIDE) & is_complete)
rules.add_perm("challenge.record_agreement", is_handler & _allows(Action.RECORD_AGREEMENT))
rules.add_perm("challenge.start_evaluation", is_handler & _allows(Action.START_EVALUATION))
rules.add_perm("challenge.evaluate", is_handler & _allows(Action.EVALUATE))
