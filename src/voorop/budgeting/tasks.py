"""Background work of budget rounds (Django's task framework)."""

from __future__ import annotations

from django.tasks import task


@task()
def compute_round_result(*, result_id: int) -> str:
    from voorop.budgeting.services import result_run

    return result_run(result_id=result_id).status
