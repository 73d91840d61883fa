"""What the challenge services share: the permission check, and the timeline line that is
also logged and e-mailed to the group."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied

from voorop.accounts.services import notify_followers
from voorop.challenge.models import Challenge, ChallengeEvent
from voorop.core.services import audit_log, email_send


def _require(user: Any, permission: str, obj: Any = None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(permission)


def _record(
    *, challenge: Challenge, kind: str, actor: Any, actor_role: str, text: str = ""
) -> ChallengeEvent:
    """Put a step on the timeline, log it and tell every member of the group."""
    event = ChallengeEvent.objects.create(
        challenge=challenge, kind=kind, text=text, actor_role=actor_role
    )
    audit_log(
        actor=actor,
        action=f"challenge.{kind}",
        target=challenge,
        data={"stage": challenge.stage},
    )
    for member in challenge.group_users():
        email_send(
            to=[member.email or ""],
            template="challenge/mail/update",
            context={
                "challenge": challenge,
                "event": event,
                "user": member,
                "site_url": getattr(settings, "VOOROP_SITE_URL", ""),
            },
            language=member.language,
        )
    notify_followers(challenge, "status", actor=actor)
    return event
