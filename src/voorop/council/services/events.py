"""Events with society: sign-up with a waiting list, topics, the harvest, follow-up, and
forgetting guests' names and addresses once the event is over."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.core.permissions import require
from voorop.core.services import audit_log, email_send
from voorop.council.models import (
    Event,
    EventSignUp,
    EventTopic,
    FollowUpAction,
    FollowUpStatus,
    SignUpStatus,
)
from voorop.council.services._common import _site_url

if TYPE_CHECKING:
    from voorop.accounts.models import User


@transaction.atomic
def event_save(*, actor: User, event: Event | None, data: dict[str, Any]) -> Event:
    require(actor, "council.manage_events")
    event = event or Event(created_by=actor)
    for field, value in data.items():
        setattr(event, field, value)
    event.save()
    audit_log(actor=actor, action="council.event_saved", target=event)
    return event


def _active_sign_ups(event: Event):
    return event.sign_ups.exclude(status=SignUpStatus.CANCELLED)


@transaction.atomic
def event_sign_up(
    *, event: Event, user: User | None = None, name: str = "", email: str = ""
) -> EventSignUp:
    """Sign up for an event; when it is full, the person goes on the waiting list."""
    actor = user if user is not None else None
    require(user if user is not None else AnonymousUser(), "council.sign_up", event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    active = _active_sign_ups(event)
    if user is not None:
        if active.filter(user=user).exists():
            raise ValidationError(_("You have already signed up for this event."))
    else:
        if not name.strip() or not email.strip():
            raise ValidationError(_("Give your name and e-mail address."))
        if active.filter(user__isnull=True, email__iexact=email.strip()).exists():
            raise ValidationError(_("This e-mail address has already signed up for this event."))
    full = event.capacity is not None and (
        active.filter(status=SignUpStatus.CONFIRMED).count() >= event.capacity
    )
    sign_up = EventSignUp.objects.create(
        event=event,
        user=user,
        name="" if user else name.strip(),
        email="" if user else email.strip(),
        status=SignUpStatus.WAITING if full else SignUpStatus.CONFIRMED,
    )
    audit_log(
        actor=actor,
        action="council.signed_up",
        target=event,
        data={"status": sign_up.status},
    )
    _mail_sign_up(sign_up, "council/mail/signed_up")
    return sign_up


def _mail_sign_up(sign_up: EventSignUp, template: str) -> None:
    email_send(
        to=[sign_up.address],
        template=template,
        context={
            "sign_up": sign_up,
            "event": sign_up.event,
            "name": sign_up.display_name,
            "site_url": _site_url(),
        },
        language=sign_up.language,
    )


@transaction.atomic
def event_cancel_sign_up(*, sign_up: EventSignUp, actor: User | None = None) -> EventSignUp | None:
    """Cancel a sign-up; the first on the waiting list gets the place and an e-mail.

    Returns the promoted sign-up, if any.
    """
    if sign_up.status == SignUpStatus.CANCELLED:
        return None
    event = Event.objects.select_for_update().get(pk=sign_up.event_id)
    was_confirmed = sign_up.status == SignUpStatus.CONFIRMED
    sign_up.status = SignUpStatus.CANCELLED
    sign_up.cancelled_at = timezone.now()
    sign_up.save(update_fields=["status", "cancelled_at"])
    audit_log(actor=actor, action="council.sign_up_cancelled", target=event)
    if not was_confirmed or not event.is_upcoming:
        return None
    confirmed = event.sign_ups.filter(status=SignUpStatus.CONFIRMED).count()
    if event.capacity is not None and confirmed >= event.capacity:
        return None
    promoted = (
        event.sign_ups.filter(status=SignUpStatus.WAITING).order_by("created_at", "id").first()
    )
    if promoted is None:
        return None
    promoted.status = SignUpStatus.CONFIRMED
    promoted.save(update_fields=["status"])
    audit_log(actor=None, action="council.promoted_from_waiting_list", target=event)
    _mail_sign_up(promoted, "council/mail/promoted")
    return promoted


@transaction.atomic
def event_topic_propose(*, event: Event, author: User, title: str, text: str = "") -> EventTopic:
    require(author, "council.propose_topic", event)
    topic = EventTopic.objects.create(event=event, author=author, title=title, text=text)
    audit_log(actor=author, action="council.topic_proposed", target=event)
    return topic


GUEST_RETENTION = timedelta(days=7)


@transaction.atomic
def event_forget_guests(*, event: Event | None = None, now: datetime | None = None) -> int:
    """Remove the names and addresses of guests (sign-ups without an account) once their
    event is over: of one event right away, or of every event that ended a week ago.
    Returns how many sign-ups were scrubbed."""
    guests = EventSignUp.objects.filter(user__isnull=True).exclude(email="")
    if event is not None:
        guests = guests.filter(event=event, event__ends_at__lte=timezone.now())
    else:
        guests = guests.filter(event__ends_at__lte=(now or timezone.now()) - GUEST_RETENTION)
    count = guests.update(name="", email="")
    if count:
        audit_log(actor=None, action="council.guests_forgotten", target=event, data={"n": count})
    return count


@transaction.atomic
def event_record_harvest(*, event: Event, actor: User, harvest: str) -> Event:
    require(actor, "council.record_harvest", event)
    event.harvest = harvest
    event.harvest_recorded_at = timezone.now()
    event.save(update_fields=["harvest", "harvest_recorded_at"])
    audit_log(actor=actor, action="council.harvest_recorded", target=event)
    event_forget_guests(event=event)
    return event


@transaction.atomic
def follow_up_add(
    *, event: Event, actor: User, title: str, owner: User, topic: EventTopic | None = None
) -> FollowUpAction:
    require(actor, "council.add_follow_up", event)
    if topic is not None and topic.event_id != event.pk:
        raise ValidationError(_("This topic belongs to another event."))
    action = FollowUpAction.objects.create(event=event, title=title, owner=owner, topic=topic)
    audit_log(actor=actor, action="council.follow_up_added", target=event)
    return action


@transaction.atomic
def follow_up_update(
    *, action: FollowUpAction, actor: User, status: str, message_to_resident: str = ""
) -> FollowUpAction:
    """Change the status; a new message is e-mailed to the resident who raised the topic."""
    require(actor, "council.update_follow_up", action)
    action.status = FollowUpStatus(status)
    message_changed = message_to_resident.strip() and (
        message_to_resident != action.message_to_resident
    )
    action.message_to_resident = message_to_resident
    action.updated_at = timezone.now()
    resident = action.topic.author if action.topic is not None else None
    if message_changed and resident is not None and resident.email:
        action.messaged_at = timezone.now()
        email_send(
            to=[resident.email],
            template="council/mail/follow_up",
            context={
                "action": action,
                "topic": action.topic,
                "event": action.event,
                "name": resident.public_name,
                "site_url": _site_url(),
            },
            language=resident.language,
        )
    action.save()
    audit_log(
        actor=actor,
        action="council.follow_up_updated",
        target=action.event,
        data={"status": action.status, "messaged": bool(message_changed and resident)},
    )
    return action
