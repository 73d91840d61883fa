"""The right to challenge's pages, split by who uses them: `public` (catalogue, procedure,
register, a challenge's page), `group` (the challengers' own pages) and `staff` (the
catalogue and procedure settings, the work list and the one view for every staff step).
challenge/urls.py uses the names below.
"""

from voorop.challenge.views.group import (
    add_member,
    edit,
    mine,
    signature_file,
    submit,
    support,
    upload_signatures,
    withdraw,
)
from voorop.challenge.views.public import detail, index, procedure, register, task_detail
from voorop.challenge.views.staff import procedure_edit, step, task_edit, work_list

__all__ = [
    "add_member",
    "detail",
    "edit",
    "index",
    "mine",
    "procedure",
    "procedure_edit",
    "register",
    "signature_file",
    "step",
    "submit",
    "support",
    "task_detail",
    "task_edit",
    "upload_signatures",
    "withdraw",
    "work_list",
]
