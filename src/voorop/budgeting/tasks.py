"""Background work of budget rounds (Django's task framework)."""

from __future__ import annotations

from django.tasks import task


@task()
def compute_round_result(*, result_id: int) -> str:
    from voorop.budgeting.services import result_run

    return result_run(result_id=result_id).status


@task()
def make_voting_letters(*, batch_id: int) -> str:
    from voorop.budgeting.services import voting_letters_make

    return voting_letters_make(batch_id=batch_id).status


@task()
def announce_round_result(*, result_id: int) -> int:
    from voorop.budgeting.services import result_announce

    return result_announce(result_id=result_id)
