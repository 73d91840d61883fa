"""The council's mails about event sign-ups, rendered when they are sent (voorop.core.mail):
the task row holds the sign-up's id, never a guest's name, address or link.

A guest's link carries a token that is stored only as a hash; a mail with such a link is
sent with ``secrets={"token": ...}`` (right after the commit, without a task row)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from voorop.core import mail
from voorop.council.models import EventSignUp, FollowUpAction, SignUpStatus

CONFIRM = "council.sign_up_confirm"
SIGNED_UP = "council.signed_up"
PROMOTED = "council.promoted"
FOLLOW_UP = "council.follow_up"


def _renderer(template: str, *, wanted: tuple[str, ...]) -> mail.Renderer:
    def render(*, sign_up: int, token: str = "") -> mail.Message | None:
        row = EventSignUp.objects.select_related("event", "user").filter(pk=sign_up).first()
        if row is None or row.status not in wanted or not row.address:
            return None
        site_url = getattr(settings, "VOOROP_SITE_URL", "")
        links = {}
        if token:
            links = {
                "confirm_url": site_url + reverse("council:guest_sign_up", args=[token]),
                "cancel_url": site_url + reverse("council:cancel_guest", args=[token]),
            }
        return mail.from_templates(
            to=[row.address],
            template=template,
            context={
                "sign_up": row,
                "event": row.event,
                "name": row.display_name,
                "site_url": site_url,
                **links,
            },
            language=row.language,
        )

    return render


def follow_up(*, action: int) -> mail.Message | None:
    """A new message about the follow-up of a topic, to the resident who raised it."""
    row = FollowUpAction.objects.select_related("topic__author", "event").filter(pk=action).first()
    resident = row.topic.author if row is not None and row.topic is not None else None
    if row is None or resident is None or not resident.email or not row.message_to_resident:
        return None
    return mail.from_templates(
        to=[resident.email],
        template="council/mail/follow_up",
        context={
            "action": row,
            "topic": row.topic,
            "event": row.event,
            "name": resident.public_name,
            "site_url": getattr(settings, "VOOROP_SITE_URL", ""),
        },
        language=getattr(resident, "language", "") or settings.LANGUAGE_CODE,
    )


def register() -> None:
    """Called from CouncilConfig.ready()."""
    mail.register(CONFIRM, _renderer("council/mail/confirm", wanted=(SignUpStatus.UNCONFIRMED,)))
    mail.register(
        SIGNED_UP,
        _renderer("council/mail/signed_up", wanted=(SignUpStatus.CONFIRMED, SignUpStatus.WAITING)),
    )
    mail.register(PROMOTED, _renderer("council/mail/promoted", wanted=(SignUpStatus.CONFIRMED,)))
    mail.register(FOLLOW_UP, follow_up)
