"""The phases of a consultation (raadpleging) of the citizens' panel (voorop.core.phases).

A consultation is prepared (draft), sent to the members (open until its closing moment),
closed (the answers are anonymous from then on, the results are computed) and ends when the
council's or college's feedback is published ("wat hebben we met uw antwoorden gedaan").
Who may use an action is for ``rules.py``; this module says only when.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from voorop.core import phases
from voorop.core.phases import Phase


class Action:
    EDIT = "edit"
    SEND = "send"
    ANSWER = "answer"
    REMIND = "remind"
    VIEW_RESULTS = "view_results"
    PUBLISH_FEEDBACK = "publish_feedback"
    VIEW_PUBLIC_RESULTS = "view_public_results"


ACTIONS = frozenset(value for name, value in vars(Action).items() if not name.startswith("_"))

DRAFT = Phase(
    "draft",
    _("Being prepared"),
    _("The organisers write the questions and choose who gets them."),
    actions={Action.EDIT, Action.SEND},
)
OPEN = Phase(
    "open",
    _("Open"),
    _("Panel members who got an invitation can answer the questions."),
    actions={Action.ANSWER, Action.REMIND},
    starts="opens_at",
    nonempty=True,
)
CLOSED = Phase(
    "closed",
    _("Closed"),
    _("Nobody can answer any more. The answers are anonymous; the organisers study them."),
    actions={Action.VIEW_RESULTS, Action.PUBLISH_FEEDBACK},
    starts="closes_at",
    whose_move=_("The council or the college: what was done with the answers"),
)
REPORTED = Phase(
    "reported",
    _("Feedback published"),
    _("The results and what was done with the answers are published."),
    actions={Action.VIEW_RESULTS, Action.VIEW_PUBLIC_RESULTS},
    starts="feedback_published_at",
    final=True,
    tone="done",
)

CONSULTATION = phases.register(
    phases.DatedProcess(
        key="panel_consultation",
        label=_("panel consultation"),
        phases=[DRAFT, OPEN, CLOSED, REPORTED],
        actions=ACTIONS,
    )
)


class MapAction:
    VOTE = "vote"
    ADD_STATEMENT = "add_statement"


MAP_ACTIONS = frozenset(
    value for name, value in vars(MapAction).items() if not name.startswith("_")
)

# An opinion map is open until its closing moment: a date the organiser planned, or the moment
# they closed it by hand. Reopening empties the moment (or moves it to a later date).
MAP_OPEN = Phase(
    "open",
    _("Open"),
    _("Anyone with the link can vote on the statements and add statements."),
    actions={MapAction.VOTE, MapAction.ADD_STATEMENT},
)
MAP_CLOSED = Phase(
    "closed",
    _("Closed"),
    _("Nobody can vote or add statements any more. The groups shown are final."),
    actions=set(),
    starts="closes_at",
    final=True,
    tone="done",
)

OPINION_MAP = phases.register(
    phases.DatedProcess(
        key="panel_opinion_map",
        label=_("opinion map"),
        phases=[MAP_OPEN, MAP_CLOSED],
        actions=MAP_ACTIONS,
    )
)
