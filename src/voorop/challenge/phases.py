"""The procedure of a challenge (uitdaagrecht) as stages, and what each stage enables
(voorop.core.phases). Services move a challenge with ``CHALLENGE.move``; rules ask
``phase_allows(CHALLENGE, action)``; a Ho-stop card (``paused``) holds every action."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from voorop.core import phases
from voorop.core.phases import Phase


class Action:
    # The group (uitdagers) and residents
    SUPPORT = "support"
    EDIT = "edit"
    ADD_MEMBER = "add_member"
    UPLOAD_SIGNATURES = "upload_signatures"
    WITHDRAW = "withdraw"
    # Staff, each step in its own stage
    ACKNOWLEDGE = "acknowledge"
    MARK_INCOMPLETE = "mark_incomplete"
    RECORD_TALK = "record_talk"
    ASSESS = "assess"
    DECIDE = "decide"
    RECORD_AGREEMENT = "record_agreement"
    START_EVALUATION = "start_evaluation"
    EVALUATE = "evaluate"
    # A Ho-stop card may pause the work while the group carries out the task.
    PAUSE = "pause"


FACILITATOR = _("Process facilitator")
GROUP_ACTIONS = {Action.ADD_MEMBER, Action.WITHDRAW}
BEFORE_DECISION = {Action.SUPPORT, Action.UPLOAD_SIGNATURES, *GROUP_ACTIONS}

SUBMITTED = Phase(
    "submitted",
    _("Submitted"),
    actions={*BEFORE_DECISION, Action.EDIT, Action.ACKNOWLEDGE, Action.MARK_INCOMPLETE},
    whose_move=FACILITATOR,
)
EXPLORATORY_TALK = Phase(
    "exploratory_talk",
    _("Exploratory talk"),
    actions={*BEFORE_DECISION, Action.EDIT, Action.MARK_INCOMPLETE, Action.RECORD_TALK},
    whose_move=FACILITATOR,
)
ASSESSMENT = Phase(
    "assessment",
    _("Assessment"),
    actions={*BEFORE_DECISION, Action.EDIT, Action.MARK_INCOMPLETE, Action.ASSESS},
    whose_move=FACILITATOR,
)
DECISION = Phase(
    "decision",
    _("Decision by the college"),
    actions={*BEFORE_DECISION, Action.DECIDE},
    whose_move=_("The college"),
)
AGREEMENT = Phase(
    "agreement",
    _("Agreement"),
    actions={*GROUP_ACTIONS, Action.RECORD_AGREEMENT},
    whose_move=FACILITATOR,
)
RUNNING = Phase(
    "running",
    _("Running"),
    actions={*GROUP_ACTIONS, Action.START_EVALUATION, Action.PAUSE},
    whose_move=_("The group"),
    tone="done",
)
EVALUATION = Phase(
    "evaluation",
    _("Evaluation"),
    actions={*GROUP_ACTIONS, Action.EVALUATE},
    whose_move=FACILITATOR,
)
COMPLETED = Phase("completed", _("Completed"), final=True, tone="done")
REFUSED = Phase("refused", _("Refused"), final=True, tone="danger", side=True)
WITHDRAWN = Phase("withdrawn", _("Withdrawn"), final=True, tone="danger", side=True)

CHALLENGE = phases.register(
    phases.StagedProcess(
        key="challenge",
        label=_("challenge"),
        phases=[
            SUBMITTED,
            EXPLORATORY_TALK,
            ASSESSMENT,
            DECISION,
            AGREEMENT,
            RUNNING,
            EVALUATION,
            COMPLETED,
            REFUSED,
            WITHDRAWN,
        ],
        actions={v for k, v in vars(Action).items() if not k.startswith("_")},
        transitions={
            SUBMITTED: [EXPLORATORY_TALK, WITHDRAWN],
            EXPLORATORY_TALK: [ASSESSMENT, WITHDRAWN],
            ASSESSMENT: [DECISION, WITHDRAWN],
            DECISION: [AGREEMENT, REFUSED, WITHDRAWN],
            AGREEMENT: [RUNNING, WITHDRAWN],
            RUNNING: [EVALUATION, WITHDRAWN],
            EVALUATION: [COMPLETED, WITHDRAWN],
        },
        paused_field="paused",
    )
)
