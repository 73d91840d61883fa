"""Writes of the desk. Every change is on the item's timeline, in the audit log, and —
when the submitter can be reached — in an e-mail to the submitter.

Split by stage (Zulip's `zerver/actions/`): `intake` (what comes in), `handling` (refer,
message, escalate, close, convert) and `configuration` (targets, teams, routing, ladders).
Callers import from here: `from voorop.loket import services`.
"""

from voorop.loket.services.configuration import (
    escalation_step_add,
    response_target_set,
    routing_rule_add,
    team_create,
)
from voorop.loket.services.handling import (
    item_close,
    item_convert_to_initiative,
    item_escalate,
    item_message,
    item_note,
    item_refer,
    item_reply,
    task_done,
)
from voorop.loket.services.intake import (
    item_new_tracking_link,
    item_register,
    item_submit,
    tracking_url,
)

__all__ = [
    "escalation_step_add",
    "item_close",
    "item_convert_to_initiative",
    "item_escalate",
    "item_message",
    "item_new_tracking_link",
    "item_note",
    "item_refer",
    "item_register",
    "item_reply",
    "item_submit",
    "response_target_set",
    "routing_rule_add",
    "task_done",
    "team_create",
    "tracking_url",
]
