"""Every write to initiatives: atomic, checked against the rules, audited, and e-mailed.

Services raise PermissionDenied when the actor may not do this, and ValidationError with a
plain-language message when the input cannot be accepted. Split by stage (Zulip's
`zerver/actions/`): `creating` (start and edit), `lifecycle` (status changes and the Ho-stop
pause), `people` (members and facilitators), `contributions` (support, scenarios, updates).
Callers import from here: `from voorop.initiatives import services`.
"""

from voorop.initiatives.services.contributions import (
    Photo,
    scenario_add,
    support_add,
    support_withdraw,
    update_publish,
)
from voorop.initiatives.services.creating import (
    EDITABLE_FIELDS,
    initiative_create,
    initiative_start,
    initiative_update,
)
from voorop.initiatives.services.lifecycle import (
    TRANSITIONS,
    Transition,
    initiative_discuss,
    initiative_finish,
    initiative_pause,
    initiative_resume,
    initiative_run,
    initiative_stop_after_hostop,
    initiative_submit,
    initiative_transition,
    transitions_allowed,
)
from voorop.initiatives.services.people import (
    facilitator_assign,
    facilitator_remove,
    membership_add,
    membership_remove,
)

__all__ = [
    "EDITABLE_FIELDS",
    "TRANSITIONS",
    "Photo",
    "Transition",
    "facilitator_assign",
    "facilitator_remove",
    "initiative_create",
    "initiative_discuss",
    "initiative_finish",
    "initiative_pause",
    "initiative_resume",
    "initiative_run",
    "initiative_start",
    "initiative_stop_after_hostop",
    "initiative_submit",
    "initiative_transition",
    "initiative_update",
    "membership_add",
    "membership_remove",
    "scenario_add",
    "support_add",
    "support_withdraw",
    "transitions_allowed",
    "update_publish",
]
