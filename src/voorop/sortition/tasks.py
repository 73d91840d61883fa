"""Background work of citizens' assemblies (Django's task framework)."""

from __future__ import annotations

from django.tasks import task


@task()
def run_selection(*, selection_id: int) -> str:
    """Kept for tasks queued before issue 12.8; new computations run as voorop.core.jobs
    jobs."""
    from voorop.sortition.services import selection_run

    return selection_run(selection_id=selection_id).status


@task()
def purge_due_pools() -> int:
    """Daily: delete the pool data of assemblies whose deletion date has come."""
    from voorop.sortition.services import pools_purge_due

    return len(pools_purge_due())
