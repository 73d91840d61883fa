"""Writes for the right to challenge. Every step checks its permission, lands on the public
timeline, is written to the audit log and is e-mailed to the group.

Split by who takes the step (Zulip's `zerver/actions/`): `group` (the challengers),
`procedure` (the municipality's steps and the Ho-stop pause), `catalogue` (tasks and the
procedure's deadlines), `personal_data`. Callers import from here:
`from voorop.challenge import services`.
"""

from voorop.challenge.services.catalogue import procedure_settings_update, task_save
from voorop.challenge.services.group import (
    challenge_add_member,
    challenge_submit,
    challenge_support,
    challenge_update,
    challenge_upload_signatures,
    challenge_withdraw,
    challenge_withdraw_support,
)
from voorop.challenge.services.personal_data import personal_data_anonymise, personal_data_export
from voorop.challenge.services.procedure import (
    challenge_acknowledge,
    challenge_assess,
    challenge_decide,
    challenge_evaluate,
    challenge_mark_incomplete,
    challenge_pause,
    challenge_record_agreement,
    challenge_record_talk,
    challenge_resume,
    challenge_start_evaluation,
)

__all__ = [
    "challenge_acknowledge",
    "challenge_add_member",
    "challenge_assess",
    "challenge_decide",
    "challenge_evaluate",
    "challenge_mark_incomplete",
    "challenge_pause",
    "challenge_record_agreement",
    "challenge_record_talk",
    "challenge_resume",
    "challenge_start_evaluation",
    "challenge_submit",
    "challenge_support",
    "challenge_update",
    "challenge_upload_signatures",
    "challenge_withdraw",
    "challenge_withdraw_support",
    "personal_data_anonymise",
    "personal_data_export",
    "procedure_settings_update",
    "task_save",
]
