"""Events with society: saving them, topics residents bring, the harvest and the follow-up
of each topic. Signing up is in `sign_ups`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.core import cache, mail
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.council import mails as council_mails
from voorop.council.models import (
    Event,
    EventTopic,
    FollowUpAction,
    FollowUpStatus,
)
from voorop.council.selectors import EVENT_LIST
from voorop.council.services.sign_ups import event_forget_guests

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
    cache.renew(EVENT_LIST)
    return event


@transaction.atomic
def event_topic_propose(*, event: Event, author: User, title: str, text: str = "") -> EventTopic:
    require(author, "council.propose_topic", event)
    topic = EventTopic.objects.create(event=event, author=author, title=title, text=text)
    audit_log(actor=author, action="council.topic_proposed", target=event)
    return topic


@transaction.atomic
def event_record_harvest(*, event: Event, actor: User, harvest: str) -> Event:
    require(actor, "council.record_harvest", event)
    event.harvest = harvest
    event.harvest_recorded_at = timezone.now()
    event.save(update_fields=["harvest", "harvest_recorded_at"])
    audit_log(actor=actor, action="council.harvest_recorded", target=event)
    event_forget_guests(event=event)
    cache.renew(EVENT_LIST)
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
        mail.send(council_mails.FOLLOW_UP, action=action.pk)
    action.save()
    audit_log(
        actor=actor,
        action="council.follow_up_updated",
        target=action.event,
        data={"status": action.status, "messaged": bool(message_changed and resident)},
    )
    return action
