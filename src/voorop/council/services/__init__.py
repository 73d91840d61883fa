"""Writes for the council's instruments. Each checks its permission, logs and, where a
resident should hear about it, e-mails after commit.

Split by instrument (Zulip's `zerver/actions/`): `dossiers` (dossiers and anchor points),
`decisions` (decisions and reflections), `events` (events, topics, harvest, follow-up),
`sign_ups` (signing up, guests confirming by e-mail, the waiting list), `personal_data`.
Callers import from here: `from voorop.council import services`.
"""

from voorop.council.services.decisions import (
    decision_add_document,
    decision_publish,
    decision_save,
    reflection_save,
)
from voorop.council.services.dossiers import (
    anchor_point_add,
    anchor_point_delete,
    anchor_points_judge,
    anchor_points_respond,
    anchor_source_register,
    dossier_open,
    dossier_save,
)
from voorop.council.services.events import (
    event_record_harvest,
    event_save,
    event_topic_propose,
    follow_up_add,
    follow_up_update,
)
from voorop.council.services.personal_data import personal_data_anonymise, personal_data_export
from voorop.council.services.sign_ups import (
    CONFIRM_WITHIN,
    GUEST_RETENTION,
    GUEST_SIGN_UPS,
    event_cancel_sign_up,
    event_forget_guests,
    event_guest_confirm,
    event_guest_sign_up,
    event_sign_up,
    event_sign_ups_expire,
)

__all__ = [
    "CONFIRM_WITHIN",
    "GUEST_RETENTION",
    "GUEST_SIGN_UPS",
    "anchor_point_add",
    "anchor_point_delete",
    "anchor_points_judge",
    "anchor_points_respond",
    "anchor_source_register",
    "decision_add_document",
    "decision_publish",
    "decision_save",
    "dossier_open",
    "dossier_save",
    "event_cancel_sign_up",
    "event_forget_guests",
    "event_guest_confirm",
    "event_guest_sign_up",
    "event_record_harvest",
    "event_save",
    "event_sign_up",
    "event_sign_ups_expire",
    "event_topic_propose",
    "follow_up_add",
    "follow_up_update",
    "personal_data_anonymise",
    "personal_data_export",
    "reflection_save",
]
