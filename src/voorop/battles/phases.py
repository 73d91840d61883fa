"""The stages of a pitch battle (Z-battle, broedplaats, initiatievenmarkt).

Entries → scoring (the event: the jury scores on their phones, the public may vote) →
published (ranking, the jury's reasons, and a follow-up thread for every entry). The
organiser moves the battle on; rules ask ``phase_allows(PITCH_BATTLE, action)``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from voorop.core import phases
from voorop.core.phases import Phase


class Action:
    SUBMIT_ENTRY = "submit_entry"
    SCORE = "score"
    PUBLIC_VOTE = "public_vote"
    SHOW_RESULTS = "show_results"
    FOLLOW_UP = "follow_up"


ENTRIES = Phase(
    "entries",
    _("Entries"),
    _("Residents send in their plans. The organiser puts together the jury."),
    {Action.SUBMIT_ENTRY},
)
SCORING = Phase(
    "scoring",
    _("Pitches and scoring"),
    _("The plans are pitched. The jury gives scores; the public may vote."),
    {Action.SCORE, Action.PUBLIC_VOTE},
    tone="warning",
)
PUBLISHED = Phase(
    "published",
    _("Results"),
    _("The ranking and the jury's reasons are published. Every plan gets a follow-up."),
    {Action.SHOW_RESULTS, Action.FOLLOW_UP},
    tone="done",
    final=True,
)

PITCH_BATTLE = phases.register(
    phases.StagedProcess(
        key="pitch_battle",
        label=_("pitch battle"),
        phases=[ENTRIES, SCORING, PUBLISHED],
        actions={v for k, v in vars(Action).items() if not k.startswith("_")},
        transitions={ENTRIES: [SCORING], SCORING: [PUBLISHED]},
    )
)
