"""The stages of a citizens' assembly and what each enables (voorop.core.phases).

An assembly moves on when its organiser acts, and the moment is recorded: invitations drawn,
registration closed (and maybe reopened: the moment is cleared again), group drawn, personal
data deleted. The current stage is the last one whose moment is recorded, so an assembly
drawn before the close step existed (no ``registration_closed_at``) is in the panel stage.

Who may use an action that a stage enables is for ``rules.py``; this module says only when.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from voorop.core import phases
from voorop.core.phases import Phase


class Action:
    REGISTER = "register"
    CHANGE_ASSEMBLY = "change_assembly"
    IMPORT_ADDRESSES = "import_addresses"
    DRAW_INVITATIONS = "draw_invitations"
    DOWNLOAD_LETTERS = "download_letters"
    ENTER_PAPER_REPLY = "enter_paper_reply"
    CLOSE_REGISTRATION = "close_registration"
    REOPEN_REGISTRATION = "reopen_registration"
    VIEW_POOL = "view_pool"
    SET_QUOTAS = "set_quotas"
    FIX_SEED = "fix_seed"
    COMPUTE_SELECTION = "compute_selection"
    DRAW_PANEL = "draw_panel"
    RECORD_DROPOUT = "record_dropout"
    EXPORT_PANEL = "export_panel"
    PUBLISH_REPORT = "publish_report"
    DELETE_POOL = "delete_pool"


ACTIONS = frozenset(value for name, value in vars(Action).items() if not name.startswith("_"))

# Until the group is drawn the set-up may change; until the pool is deleted it can be seen.
BEFORE_PANEL = {Action.CHANGE_ASSEMBLY, Action.SET_QUOTAS, Action.FIX_SEED}
WITH_POOL = {Action.VIEW_POOL, Action.DELETE_POOL}

SETUP = Phase(
    "setup",
    _("Preparing"),
    _("The organisers prepare the assembly and draw the addresses that get a letter."),
    actions={*BEFORE_PANEL, *WITH_POOL, Action.IMPORT_ADDRESSES, Action.DRAW_INVITATIONS},
)
REGISTRATION = Phase(
    "registration",
    _("Registration open"),
    _("Residents who got a letter can register with the code in it."),
    actions={
        *BEFORE_PANEL,
        *WITH_POOL,
        Action.REGISTER,
        Action.DOWNLOAD_LETTERS,
        Action.ENTER_PAPER_REPLY,
        Action.CLOSE_REGISTRATION,
    },
    starts="invitations_drawn_at",
)
CLOSED = Phase(
    "closed",
    _("Registration closed"),
    _("Nobody can register any more. The organisers compute everyone's chance and draw."),
    actions={
        *BEFORE_PANEL,
        *WITH_POOL,
        Action.REOPEN_REGISTRATION,
        Action.COMPUTE_SELECTION,
        Action.DRAW_PANEL,
    },
    starts="registration_closed_at",
)
PANEL = Phase(
    "panel",
    _("Group drawn"),
    _("The group and the reserves have been drawn by lot."),
    actions={*WITH_POOL, Action.RECORD_DROPOUT, Action.EXPORT_PANEL, Action.PUBLISH_REPORT},
    starts="panel_drawn_at",
)
PURGED = Phase(
    "purged",
    _("Personal data deleted"),
    _("The names and details of everyone who registered have been deleted. The report stays."),
    starts="pool_deleted_at",
    final=True,
)

ASSEMBLY = phases.register(
    phases.DatedProcess(
        key="assembly",
        label=_("citizens' assembly"),
        phases=[SETUP, REGISTRATION, CLOSED, PANEL, PURGED],
        actions=ACTIONS,
    )
)
