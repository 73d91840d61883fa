"""Writes for the council's instruments. Each checks its permission, logs and, where a
resident should hear about it, e-mails after commit.

Split by instrument (Zulip's `zerver/actions/`): `dossiers` (dossiers and anchor points),
`decisions` (decisions and reflections), `events` (events, sign-up, harvest, follow-up),
`personal_data`. Callers import from here: `from voorop.council import services`.
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
    GUEST_RETENTION,
    event_cancel_sign_up,
    event_forget_guests,
    event_record_harvest,
    event_save,
    event_sign_up,
    event_topic_propose,
    follow_up_add,
    follow_up_update,
)
from voorop.council.services.personal_data import personal_data_anonymise, personal_data_export

__all__ = [
    "GUEST_RETENTION",
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
    "event_record_harvest",
    "event_save",
    "event_sign_up",
    "event_topic_propose",
    "follow_up_add",
    "follow_up_update",
    "personal_data_anonymise",
    "personal_data_export",
    "reflection_save",
]
