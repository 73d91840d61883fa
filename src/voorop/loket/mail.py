"""Mails of the desk sent by kind and ids (voorop.core.mail): rendered by the worker when
sent, so the resident's text is never copied into a task row."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from voorop.core import mail
from voorop.loket.models import DeskItem, DeskItemTimelineEntry

REPLY_RECEIVED = "loket.reply_received"
RECEIVED = "loket.received"


def render_reply_received(*, entry: int, user: int) -> mail.Message | None:
    """To one staff member: the submitter replied on the tracking page."""
    reply = DeskItemTimelineEntry.objects.select_related("item").filter(pk=entry).first()
    person = get_user_model().objects.filter(pk=user, is_active=True).first()
    if reply is None or person is None or not person.email:
        return None
    return mail.from_templates(
        to=[person.email],
        template="loket/mail/reply_received",
        context={"item": reply.item, "text": reply.text},
        language=getattr(person, "language", None),
    )


def render_received(*, item: int, token: str) -> mail.Message | None:
    """To the submitter: the confirmation with the tracking link. The token is a secret
    (``mail.send(..., secrets={"token": ...})``): it never enters a task row."""
    found = DeskItem.objects.select_related("submitter").filter(pk=item).first()
    if found is None or not found.reply_address:
        return None
    return mail.from_templates(
        to=[found.reply_address],
        template="loket/mail/received",
        context={"item": found, "token": token},
        language=found.language,
    )


def register() -> None:
    mail.register(REPLY_RECEIVED, render_reply_received)
    mail.register(RECEIVED, render_received)
