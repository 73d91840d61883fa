"""The task catalogue and the deadlines of the participatieverordening (beheerder)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from voorop.challenge.models import ProcedureSettings, Task
from voorop.challenge.services._common import changes_register
from voorop.core.permissions import require
from voorop.core.services import audit_log

if TYPE_CHECKING:
    from voorop.accounts.models import User


@changes_register
@transaction.atomic
def procedure_settings_update(*, actor: User, data: dict[str, Any]) -> ProcedureSettings:
    require(actor, "challenge.configure_procedure")
    procedure = ProcedureSettings.current()
    for field, value in data.items():
        setattr(procedure, field, value)
    procedure.save()
    audit_log(
        actor=actor,
        action="challenge.procedure_changed",
        target=procedure,
        data={k: str(v) for k, v in data.items() if k != "criteria_intro"},
    )
    return procedure


@changes_register
@transaction.atomic
def task_save(*, actor: User, task: Task | None, data: dict[str, Any]) -> Task:
    require(actor, "challenge.manage_tasks")
    task = task or Task()
    for field, value in data.items():
        setattr(task, field, value)
    task.updated_at = timezone.now()
    task.save()
    audit_log(actor=actor, action="challenge.task_saved", target=task)
    return task
