"""The phases of a savings dialogue (begrotingsgesprek) and the actions each one enables.

A dialogue runs by its dates: coming soon → open (residents make plans, staff enter table
plans from meetings) → closed (results, the council's report) → answered (the college's
answer is published and e-mailed to every participant). Rules ask
``phase_allows(SAVINGS_DIALOGUE, action)``, pages ask ``phase.allows.<action>``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from voorop.core import phases
from voorop.core.phases import Phase


class Action:
    SET_UP = "set_up"
    MAKE_PLAN = "make_plan"
    ENTER_TABLE_PLAN = "enter_table_plan"
    PREPARE_CODES = "prepare_codes"
    SHOW_RESULTS = "show_results"
    PUBLISH_ANSWER = "publish_answer"


UPCOMING = Phase(
    "upcoming",
    _("Coming soon"),
    _("The budget dialogue has not started yet. You can already read the tables and the limits."),
    {Action.SET_UP, Action.PREPARE_CODES},
    tone="warning",
)
OPEN = Phase(
    "open",
    _("Open"),
    _("Make your plan: choose where the municipality spends less or more, within the limits."),
    {Action.MAKE_PLAN, Action.ENTER_TABLE_PLAN, Action.PREPARE_CODES},
    starts="open_from",
    nonempty=True,
)
CLOSED = Phase(
    "closed",
    _("Closed"),
    _("Nobody can send a plan any more. The results are ready for the council."),
    {Action.SHOW_RESULTS, Action.PUBLISH_ANSWER},
    starts="open_until",
    tone="done",
    whose_move=_("the college"),
)
ANSWERED = Phase(
    "answered",
    _("Answered"),
    _("The college has written what it does with the plans. Read the answer below."),
    {Action.SHOW_RESULTS},
    starts="answered_at",
    tone="done",
    final=True,
)

SAVINGS_DIALOGUE = phases.register(
    phases.DatedProcess(
        key="savings_dialogue",
        label=_("budget dialogue"),
        phases=[UPCOMING, OPEN, CLOSED, ANSWERED],
        actions={v for k, v in vars(Action).items() if not k.startswith("_")},
    )
)
PHASES = SAVINGS_DIALOGUE.phases
