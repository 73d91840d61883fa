"""An initiative as a process that a Ho-stop card can pause (voorop.hostop.protocol).

Registered in InitiativesConfig.ready(). Pausing remembers the status it paused from, so
resuming continues exactly there; both land on the initiative's public timeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from voorop.initiatives import services
from voorop.initiatives.models import RUNNING_STATUSES, Initiative, Membership
from voorop.initiatives.rules import may_raise_hostop

if TYPE_CHECKING:
    from voorop.accounts.models import User


class InitiativeHoStop:
    def parties(self, target: Initiative) -> dict[User, str]:
        parties: dict[User, str] = {}
        for membership in target.memberships.select_related("user"):
            parties[membership.user] = (
                "initiatiefnemer" if membership.role == Membership.Role.OWNER else "lid"
            )
        for facilitator in target.facilitators.all():
            parties.setdefault(facilitator, "procesbegeleider")
        return parties

    def may_raise(self, user: Any, target: Initiative) -> bool:
        return bool(may_raise_hostop(user, target))

    def is_running(self, target: Initiative) -> bool:
        return target.status in RUNNING_STATUSES

    def pause(self, target: Initiative, *, card: Any, actor: User) -> None:
        services.initiative_pause(
            initiative=target, actor=actor, reason=getattr(card, "reason", "") or ""
        )

    def resume(self, target: Initiative, *, card: Any, actor: User) -> None:
        services.initiative_resume(initiative=target, actor=actor)

    def stop(self, target: Initiative, *, card: Any, actor: User, reason: str) -> None:
        services.initiative_stop_after_hostop(initiative=target, actor=actor, reason=reason)
