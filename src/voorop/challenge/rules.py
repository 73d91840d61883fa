"""Who may do what with tasks and challenges. Stage rules live here too, so a view and a
service ask the same question."""

import rules

from voorop.accounts.roles import (
    is_beheerder,
    is_college,
    is_procesbegeleider,
    is_signed_in,
)
from voorop.challenge.models import BEFORE_DECISION, Stage


def _in_stage(*stages):
    names = "_".join(s.value for s in stages)

    @rules.predicate(name=f"challenge_in_{names}")
    def predicate(user, challenge) -> bool:
        return challenge is not None and challenge.stage in stages and not challenge.paused

    return predicate


@rules.predicate
def is_challenger(user, challenge) -> bool:
    return challenge is not None and challenge.is_member(user)


@rules.predicate
def is_open_challenge(user, challenge) -> bool:
    return challenge is not None and not challenge.is_final and not challenge.paused


@rules.predicate
def is_before_decision(user, challenge) -> bool:
    return challenge is not None and challenge.stage in BEFORE_DECISION and not challenge.paused


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
rules.add_perm("challenge.support", is_signed_in & ~is_challenger & is_before_decision)
# Visitors are invited to log in and support where a signed-in resident could support.
rules.add_perm("challenge.support_after_log_in", ~is_signed_in & is_before_decision)
rules.add_perm("challenge.edit", is_challenger & is_before_decision & ~_in_stage(Stage.DECISION))
rules.add_perm("challenge.add_member", is_challenger & is_open_challenge)
rules.add_perm("challenge.upload_signatures", is_challenger & is_before_decision)
rules.add_perm("challenge.withdraw", is_challenger & is_open_challenge)
rules.add_perm(
    "challenge.view_signatures", is_challenger | is_procesbegeleider | is_college | is_beheerder
)

# Staff, each step in its own stage
rules.add_perm("challenge.acknowledge", is_handler & _in_stage(Stage.SUBMITTED))
rules.add_perm(
    "challenge.mark_incomplete",
    is_handler & _in_stage(Stage.SUBMITTED, Stage.EXPLORATORY_TALK, Stage.ASSESSMENT) & is_complete,
)
rules.add_perm("challenge.record_talk", is_handler & _in_stage(Stage.EXPLORATORY_TALK))
rules.add_perm("challenge.assess", is_handler & _in_stage(Stage.ASSESSMENT) & is_complete)
rules.add_perm("challenge.decide", is_college & _in_stage(Stage.DECISION) & is_complete)
rules.add_perm("challenge.record_agreement", is_handler & _in_stage(Stage.AGREEMENT))
rules.add_perm("challenge.start_evaluation", is_handler & _in_stage(Stage.RUNNING))
rules.add_perm("challenge.evaluate", is_handler & _in_stage(Stage.EVALUATION))
