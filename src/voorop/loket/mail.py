"""Mails of the desk sent by kind and ids (voorop.core.mail): rendered by the worker when
sent, so the resident's text is never copied into a task row."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import translation

from voorop.core import mail
from voorop.loket import selectors
from voorop.loket.models import DeskItem, DeskItemTimelineEntry, Team

REPLY_RECEIVED = "loket.reply_received"
RECEIVED = "loket.received"
TO_SUBMITTER = "loket.to_submitter"
REFERRED = "loket.referred_to_you"
# The mails to the submitter after the confirmation, by template.
SUBMITTER_TEMPLATES = ("status_changed", "message", "closed")


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


def render_received(*, item: int, token: str = "") -> mail.Message | None:
    """To the submitter: the confirmation with the tracking link, made again now from the
    item (``DeskItem.first_token``): no secret in the outbox or a task row. Nothing when a
    new link replaced the first one meanwhile (staff gave it in person). ``token`` is for
    mails queued by an earlier version with ``secrets=``."""
    found = DeskItem.objects.select_related("submitter").filter(pk=item).first()
    if found is None or not found.reply_address:
        return None
    if not token:
        token = found.first_token()
        if DeskItem.hash_token(token) != found.tracking_token_hash:
            return None
    return mail.from_templates(
        to=[found.reply_address],
        template="loket/mail/received",
        context={"item": found, "token": token},
        language=found.language,
    )


def render_to_submitter(
    *, item: int, template: str, entry: int | None = None, escalated: bool = False
) -> mail.Message | None:
    """To the submitter: a status change, a message or the closing feedback. The message is
    the timeline entry's text; the contact is the item's current team, contact person or
    escalation level, looked up now."""
    if template not in SUBMITTER_TEMPLATES:
        return None
    found = DeskItem.objects.select_related("submitter", "team", "assignee").filter(pk=item).first()
    if found is None or not found.reply_address:
        return None
    line = DeskItemTimelineEntry.objects.filter(pk=entry, item=found).first() if entry else None
    if escalated:
        ladder = {step.level: step.label for step in selectors.escalation_ladder(found.area)}
        contact = ladder.get(found.escalation_level or 0, "")
    elif found.team is not None:
        contact = found.team.name
    else:
        contact = found.assignee.public_name if found.assignee is not None else ""
    with translation.override(found.language or None):
        message = line.display_text if line else ""
    return mail.from_templates(
        to=[found.reply_address],
        template=f"loket/mail/{template}",
        context={"item": found, "message": message, "contact": contact},
        language=found.language,
    )


def render_referred(
    *, item: int, by: int, user: int | None = None, team: int | None = None, note: int | None = None
) -> mail.Message | None:
    """To a contact person, a team member or a team's own mailbox: a desk item was passed
    on to them."""
    found = DeskItem.objects.filter(pk=item).first()
    users = get_user_model().objects
    if team is not None:
        owner = Team.objects.filter(pk=team).first()
        address, language = (owner.email if owner else ""), None
    else:
        person = users.filter(pk=user, is_active=True).first()
        address = person.email if person is not None else ""
        language = getattr(person, "language", None)
    if found is None or not address:
        return None
    line = DeskItemTimelineEntry.objects.filter(pk=note, item=found).first() if note else None
    return mail.from_templates(
        to=[address],
        template="loket/mail/referred_to_you",
        context={
            "item": found,
            "note": line.text if line else "",
            "by": users.filter(pk=by).first(),
        },
        language=language,
    )


def register() -> None:
    mail.register(REPLY_RECEIVED, render_reply_received)
    mail.register(RECEIVED, render_received)
    mail.register(TO_SUBMITTER, render_to_submitter)
    mail.register(REFERRED, render_referred)
