"""Writes of the citizens' panel, one module per stage:

- `members`: the panel, population figures, joining (open or by letter code), leaving, term;
- `recruitment`: the address file, the draw of addresses where the gaps are, the letters;
- `consultations`: questionnaire, sending, answering, reminder, close, feedback.

Each service checks its permission, runs in a transaction and writes an audit entry (never
an answer, never who gave it).
"""

from voorop.panel.services.consultations import (
    CONSULTATION_FIELDS,
    answers_submit,
    consultation_create,
    consultation_send,
    consultation_update,
    consultations_close_due,
    consultations_remind_due,
    feedback_publish,
    question_add,
    question_delete,
)
from voorop.panel.services.members import (
    ALREADY_MEMBER_MAILS,
    OPEN_SIGNUPS,
    PANEL_FIELDS,
    WRONG_CODE,
    WRONG_CODES,
    member_by_token,
    member_join,
    member_leave,
    member_remove,
    member_renew,
    members_renewal_due,
    panel_create,
    panel_update,
    population_save,
    signup_code_check,
)
from voorop.panel.services.opinions import (
    NEW_PARTICIPANTS,
    NEW_STATEMENTS,
    VOTES_CAST,
    map_close,
    map_compute,
    map_create,
    map_refresh,
    map_schedule,
    participant_get,
    polis_export,
    polis_import,
    statement_add,
    statement_moderate,
    vote_cast,
)
from voorop.panel.services.recruitment import (
    addresses_import,
    area_weights,
    letters_generate,
    recruitment_draw,
)

__all__ = [
    "ALREADY_MEMBER_MAILS",
    "CONSULTATION_FIELDS",
    "NEW_PARTICIPANTS",
    "NEW_STATEMENTS",
    "OPEN_SIGNUPS",
    "PANEL_FIELDS",
    "VOTES_CAST",
    "WRONG_CODE",
    "WRONG_CODES",
    "addresses_import",
    "answers_submit",
    "area_weights",
    "consultation_create",
    "consultation_send",
    "consultation_update",
    "consultations_close_due",
    "consultations_remind_due",
    "feedback_publish",
    "letters_generate",
    "map_close",
    "map_compute",
    "map_create",
    "map_refresh",
    "map_schedule",
    "member_by_token",
    "member_join",
    "member_leave",
    "member_remove",
    "member_renew",
    "members_renewal_due",
    "panel_create",
    "panel_update",
    "participant_get",
    "polis_export",
    "polis_import",
    "population_save",
    "question_add",
    "question_delete",
    "recruitment_draw",
    "signup_code_check",
    "statement_add",
    "statement_moderate",
    "vote_cast",
]
