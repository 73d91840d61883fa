"""What the challenge services share: the timeline line that is also logged and e-mailed to
the group. (The permission check is `voorop.core.permissions.require`.)"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from voorop.accounts.services import notify_followers
from voorop.challenge.models import Challenge, ChallengeTimelineEntry
from voorop.core.services import audit_log, email_send


def _record(
    *, challenge: Challenge, kind: str, actor: Any, actor_role: str, text: str = ""
) -> ChallengeTimelineEntry:
    """Put a step on the timeline, log it and tell every member of the group."""
    event = ChallengeTimelineEntry.objects.create(
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
