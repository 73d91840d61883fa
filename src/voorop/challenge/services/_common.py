"""What the challenge services share: the timeline line that is also logged and e-mailed to
the group. (The permission check is `voorop.core.permissions.require`.)"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from voorop.accounts.services import notify_followers
from voorop.challenge import mail as challenge_mail
from voorop.challenge.models import Challenge, ChallengeTimelineEntry
from voorop.challenge.selectors import REGISTER
from voorop.core import cache, mail
from voorop.core.services import audit_log


def changes_register[**P, R](service: Callable[P, R]) -> Callable[P, R]:
    """The service changes what the public register shows: its cached pages are renewed
    (decision 0015)."""

    @wraps(service)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        result = service(*args, **kwargs)
        cache.renew(REGISTER)
        return result

    return wrapped


def _record(
    *,
    challenge: Challenge,
    kind: str,
    actor: Any,
    actor_role: str,
    text: str = "",
    message: dict[str, Any] | None = None,
) -> ChallengeTimelineEntry:
    """Put a step on the timeline, log it and tell every member of the group. `text` is what
    a person wrote; what the system says goes in `message` (words chosen when shown)."""
    event = ChallengeTimelineEntry.objects.create(
        challenge=challenge, kind=kind, text=text, actor_role=actor_role, message=message or {}
    )
    audit_log(
        actor=actor,
        action=f"challenge.{kind}",
        target=challenge,
        data={"stage": challenge.stage},
    )
    for member in challenge.group_users():
        if member.email:
            mail.send(challenge_mail.UPDATE, entry=event.pk, user=member.pk)
    notify_followers(challenge, "status", actor=actor)
    return event
