"""Daily jobs: privacy deletions and clean-ups that must happen on time.

Each app registers its jobs from AppConfig.ready(); `voorop maintenance` runs them all, and
`voorop serve` runs it every hour, so an installation without cron still deletes personal
data on the promised date. In production, run `voorop maintenance` from cron or a timer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], object]


_jobs: dict[str, Job] = {}


def register(name: str, run: Callable[[], object]) -> None:
    _jobs[name] = Job(name, run)


def jobs() -> list[Job]:
    return [_jobs[name] for name in sorted(_jobs)]


def prune_pending_uploads() -> int:
    from voorop.core.uploads import discard_stale_uploads

    return discard_stale_uploads()
