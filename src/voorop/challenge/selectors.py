"""Reads for the right to challenge. Everything in the register is public; signature lists
are not (see rules: challenge.view_signatures)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from voorop.challenge.models import Challenge, ProcedureSettings, Task
from voorop.challenge.phases import CHALLENGE, WITHDRAWN

# The version of everything in the register (voorop.core.cache.version): the services renew
# it on every change, the register's pages are kept under it (decision 0015).
REGISTER = "challenge.register"


def tasks_catalogue() -> QuerySet[Task]:
    return Task.objects.select_related("area", "theme").annotate(
        challenge_count=Count("challenges")
    )


def challenges_register(*, filters: dict[str, Any] | None = None) -> QuerySet[Challenge]:
    """The public register, with the filters of the register page (stage, outcome, area, task)."""
    filters = filters or {}
    # Only what the register's rows show: no count over the supports of every challenge.
    qs = Challenge.objects.select_related("task", "task__area")
    if filters.get("stage"):
        qs = qs.filter(stage=filters["stage"])
    if filters.get("outcome"):
        qs = qs.filter(outcome=filters["outcome"])
    if filters.get("area"):
        qs = qs.filter(task__area=filters["area"])
    if filters.get("task"):
        qs = qs.filter(task=filters["task"])
    return qs.order_by("-submitted_at", "-id")


def challenges_of(user: Any) -> list[Challenge]:
    """The challenges of every group the user is in, with their deadlines."""
    if not getattr(user, "is_authenticated", False):
        return []
    mine = Q(memberships__user=user) | Q(initiative__memberships__user=user)
    ids = Challenge.objects.filter(mine).values("pk")
    return with_deadlines(challenges_register().filter(pk__in=ids))


def with_deadlines(challenges: Iterable[Challenge]) -> list[Challenge]:
    """The challenges with `current_deadline` and `overdue` set, for lists."""
    procedure = ProcedureSettings.current()
    items = list(challenges)
    for challenge in items:
        challenge.current_deadline = challenge.deadline(procedure)
        challenge.overdue = challenge.is_overdue(procedure)
    return items


def challenges_work_list() -> list[Challenge]:
    """Open challenges for staff, overdue first, then by deadline."""
    open_ones = with_deadlines(
        Challenge.objects.filter(stage__in=CHALLENGE.keys(final=False)).select_related(
            "task", "handler"
        )
    )
    return sorted(
        open_ones,
        key=lambda c: (not c.overdue, c.current_deadline is None, c.current_deadline or 0),
    )


def challenge_support_count(challenge: Challenge) -> int:
    return challenge.supports.count()


def challenge_signature_count(challenge: Challenge) -> int:
    return sum(challenge.signature_lists.values_list("signatures", flat=True))


def challenges_in_dossier(dossier: Any) -> QuerySet[Challenge]:
    return Challenge.objects.filter(dossier=dossier).filter(~Q(stage=WITHDRAWN.key))
