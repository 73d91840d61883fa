"""Background work of budget rounds (Django's task framework)."""

from __future__ import annotations

from django.tasks import task


@task()
def compute_round_result(*, result_id: int) -> str:
    """Kept for tasks queued before issue 12.8; new computations run as voorop.core.jobs
    jobs."""
    from voorop.budgeting.services import result_run

    return result_run(result_id=result_id).status


@task()
def make_voting_letters(*, batch_id: int) -> str:
    """Kept for tasks queued before issue 12.8; new batches run as voorop.core.jobs jobs."""
    from voorop.budgeting.models import VotingCodeBatch
    from voorop.core import jobs

    return jobs.run(VotingCodeBatch, batch_id)


@task()
def announce_round_result(*, result_id: int) -> int:
    from voorop.budgeting.services import result_announce

    return result_announce(result_id=result_id)
