"""A challenge as a process that a Ho-stop card can pause (voorop.hostop.protocol).

Registered in ChallengeConfig.ready(). A paused challenge keeps its stage and gets
`paused=True` (decision 0005, point 5); while paused, no phase action is open
(voorop.core.phases).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from voorop.accounts.roles import is_raadslid
from voorop.challenge import services
from voorop.challenge.models import Challenge
from voorop.challenge.phases import CHALLENGE, Action

if TYPE_CHECKING:
    from voorop.accounts.models import User


class ChallengeHoStop:
    def parties(self, target: Challenge) -> dict[User, str]:
        parties = dict.fromkeys(target.group_users(), "uitdager")
        if target.handler_id:
            parties[target.handler] = "procesbegeleider"
        return parties

    def may_raise(self, user: Any, target: Challenge) -> bool:
        if not self.is_running(target):
            return False
        return bool(is_raadslid(user) or user in self.parties(target))

    def is_running(self, target: Challenge) -> bool:
        return CHALLENGE.allows(target, Action.PAUSE)

    def pause(self, target: Challenge, *, card: Any, actor: User) -> None:
        services.challenge_pause(challenge=target, actor=actor, reason=getattr(card, "reason", ""))

    def resume(self, target: Challenge, *, card: Any, actor: User) -> None:
        services.challenge_resume(challenge=target, actor=actor)
