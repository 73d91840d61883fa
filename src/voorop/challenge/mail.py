"""The e-mails of the right to challenge, rendered when they are sent (voorop.core.mail): a
task row holds the kind and ids only."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from voorop.challenge.models import ChallengeTimelineEntry
from voorop.core import mail

UPDATE = "challenge.update"


def update(*, entry: int, user: int) -> mail.Message | None:
    """A step on the challenge's timeline, to one member of the group."""
    found = ChallengeTimelineEntry.objects.select_related("challenge").filter(pk=entry).first()
    member = get_user_model().objects.filter(pk=user, is_active=True).first()
    if found is None or member is None or not member.email:
        return None
    return mail.from_templates(
        to=[member.email],
        template="challenge/mail/update",
        context={"challenge": found.challenge, "event": found, "user": member},
        language=getattr(member, "language", "") or settings.LANGUAGE_CODE,
    )


def register() -> None:
    mail.register(UPDATE, update)
