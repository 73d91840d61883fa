"""Handling an item: refer it, message the submitter, note, escalate up the area's ladder,

close it only with feedback, take the submitter's reply, or turn it into an initiative."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from voorop.core import mail
from voorop.core.base import timeline_message
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.initiatives import services as initiatives
from voorop.loket import mail as desk_mail
from voorop.loket import selectors
from voorop.loket.mail import REPLY_RECEIVED
from voorop.loket.models import (
    DeskItem,
    DeskItemTimelineEntry,
    DeskTask,
    EventKind,
    ItemStatus,
    Team,
)
from voorop.loket.services._common import _event, _inform, _tell_submitter

if TYPE_CHECKING:
    from voorop.accounts.models import User


@transaction.atomic
def item_refer(
    *,
    item: DeskItem,
    actor: Any,
    assignee: User | None = None,
    team: Team | None = None,
    note: str = "",
) -> DeskItem:
    """Hand the item to a contact person or team in one action, with a note for them."""
    require(actor, "loket.refer_item", item)
    if assignee is not None:
        target = assignee.public_name
    elif team is not None:
        target = team.name
    else:
        raise ValidationError(_("Choose a contact person or a team."))
    item.assignee, item.team = assignee, team
    item.status = ItemStatus.REFERRED
    item.save(update_fields=["assignee", "team", "status"])
    _event(
        item,
        EventKind.REFERRED,
        actor=actor,
        message=timeline_message("referred", contact=target),
    )
    note_entry = None
    if note.strip():
        note_entry = _event(item, EventKind.NOTE, actor=actor, text=note.strip(), public=False)
    audit_log(
        actor=actor,
        action="desk_item.referred",
        target=item,
        data={"assignee": getattr(assignee, "pk", None), "team": getattr(team, "pk", None)},
    )
    note_id = note_entry.pk if note_entry is not None else None
    people = [assignee] if assignee is not None else []
    if team is not None and team.email:
        mail.send(desk_mail.REFERRED, item=item.pk, team=team.pk, by=actor.pk, note=note_id)
    elif team is not None:
        people += list(team.members.exclude(email=None))
    for person in {p.pk: p for p in people if p.email}.values():
        mail.send(desk_mail.REFERRED, item=item.pk, user=person.pk, by=actor.pk, note=note_id)
    _tell_submitter(item, "status_changed")
    return item


def _mark_responded(item: DeskItem) -> None:
    if item.first_response_at is None:
        item.first_response_at = timezone.now()
        item.save(update_fields=["first_response_at"])


@transaction.atomic
def item_message(*, item: DeskItem, actor: Any, text: str, status: str | None = None) -> DeskItem:
    """A written message to the submitter, optionally with a new status."""
    require(actor, "loket.handle_item", item)
    if not text.strip():
        raise ValidationError(_("Write a message to the submitter."))
    if status == ItemStatus.CLOSED:
        return item_close(item=item, actor=actor, message=text)
    if status and status != item.status:
        item.status = status
        item.save(update_fields=["status"])
    entry = _event(item, EventKind.MESSAGE, actor=actor, text=text.strip())
    _mark_responded(item)
    audit_log(actor=actor, action="desk_item.message", target=item, data={"status": item.status})
    _inform(item, "message", actor=actor, text=text.strip(), entry=entry)
    return item


@transaction.atomic
def item_note(*, item: DeskItem, actor: Any, text: str) -> DeskItemTimelineEntry:
    require(actor, "loket.handle_item", item)
    if not text.strip():
        raise ValidationError(_("Write a note."))
    audit_log(actor=actor, action="desk_item.note", target=item)
    return _event(item, EventKind.NOTE, actor=actor, text=text.strip(), public=False)


@transaction.atomic
def item_escalate(*, item: DeskItem, actor: Any, note: str = "") -> DeskItem:
    """Move the item one level up its area's escalation ladder."""
    require(actor, "loket.handle_item", item)
    ladder = selectors.escalation_ladder(item.area)
    if not ladder:
        raise ValidationError(_("This area has no escalation ladder."))
    current = item.escalation_level or 0
    higher = [step for step in ladder if step.level > current]
    if not higher:
        raise ValidationError(_("The item is already at the highest level."))
    step = higher[0]
    item.escalation_level = step.level
    item.assignee, item.team = step.contact, step.team
    item.status = ItemStatus.REFERRED
    item.save(update_fields=["escalation_level", "assignee", "team", "status"])
    _event(
        item,
        EventKind.ESCALATED,
        actor=actor,
        message=timeline_message("escalated", level=step.label),
    )
    note_entry = None
    if note.strip():
        note_entry = _event(item, EventKind.NOTE, actor=actor, text=note.strip(), public=False)
    audit_log(actor=actor, action="desk_item.escalated", target=item, data={"level": step.level})
    if step.contact and step.contact.email:
        mail.send(
            desk_mail.REFERRED,
            item=item.pk,
            user=step.contact.pk,
            by=actor.pk,
            note=note_entry.pk if note_entry is not None else None,
        )
    _tell_submitter(item, "status_changed", escalated=True)
    return item


@transaction.atomic
def item_close(*, item: DeskItem, actor: Any, message: str) -> DeskItem:
    """Close only with a written message saying what was done with the input."""
    require(actor, "loket.close_item", item)
    if not message.strip():
        raise ValidationError(
            _("Write to the submitter what was done with their input before you close it.")
        )
    ladder = {step.level: step.label for step in selectors.escalation_ladder(item.area)}
    item.resolved_at_level = ladder.get(item.escalation_level or 0, "")
    if not item.resolved_at_level and ladder:
        item.resolved_at_level = ladder[min(ladder)]
    item.status = ItemStatus.CLOSED
    item.closed_at = timezone.now()
    item.save(update_fields=["status", "closed_at", "resolved_at_level"])
    entry = _event(item, EventKind.CLOSED, actor=actor, text=message.strip())
    _mark_responded(item)
    audit_log(
        actor=actor,
        action="desk_item.closed",
        target=item,
        data={"resolved_at_level": item.resolved_at_level},
    )
    _inform(item, "closed", actor=actor, text=message.strip(), entry=entry)
    return item


@transaction.atomic
def item_reply(*, item: DeskItem, text: str) -> DeskItem:
    """The submitter answers on the tracking page (e.g. when staff asked for more)."""
    if not item.is_open:
        raise ValidationError(_("This item is closed. Send a new one if you have more."))
    if not text.strip():
        raise ValidationError(_("Write your answer."))
    if item.status == ItemStatus.WAITING:
        item.status = ItemStatus.IN_PROGRESS
        item.save(update_fields=["status"])
    reply = _event(item, EventKind.REPLY, text=text.strip())
    audit_log(actor=None, action="desk_item.reply", target=item)
    # Whoever holds the item hears of it: the contact person and every member of the team.
    holders = {item.assignee_id} if item.assignee_id else set()
    if item.team_id:
        holders |= set(item.team.members.filter(is_active=True).values_list("pk", flat=True))
    for user in sorted(holders):
        mail.send(REPLY_RECEIVED, entry=reply.pk, user=user)
    return item


@transaction.atomic
def task_done(*, task: DeskTask, actor: Any) -> DeskTask:
    """The officer called the person or sent the letter: the task is done and the timeline
    now says the person was informed."""
    task = DeskTask.objects.select_for_update().select_related("item").get(pk=task.pk)
    require(actor, "loket.handle_item", task.item)
    if task.done_at is not None:
        raise ValidationError(_("This task was already done."))
    task.done_at, task.done_by = timezone.now(), actor
    task.save(update_fields=["done_at", "done_by"])
    key = "informed_by_phone" if task.kind == DeskTask.Kind.CALL else "informed_by_letter"
    _event(task.item, EventKind.INFORMED, actor=actor, message=timeline_message(key))
    audit_log(actor=actor, action="desk_item.task_done", target=task.item, data={"task": task.pk})
    return task


@transaction.atomic
def item_convert_to_initiative(*, item: DeskItem, actor: Any, reason: str = "") -> Model:
    """Turn an idea or initiative that came in at the desk into an initiative of its own,
    owned by the submitter. The item is closed with a message pointing to the initiative."""
    require(actor, "loket.convert_item", item)
    if item.initiative_id:
        raise ValidationError(_("This item already became an initiative."))
    if item.submitter is None:
        raise ValidationError(
            _("Only a submission from someone with an account can become their initiative.")
        )
    initiative = initiatives.initiative_create(
        actor=actor,
        title=item.title,
        description=item.description,
        owners=[item.submitter],
        areas=[item.area] if item.area else [],
        themes=[item.theme] if item.theme else [],
        status="ingediend",
        reason=reason.strip(),
        desk_reference=item.reference,
    )
    item.initiative = initiative
    item.save(update_fields=["initiative"])
    _event(
        item,
        EventKind.CONVERTED,
        actor=actor,
        message=timeline_message("converted", title=initiative.title),
    )
    audit_log(
        actor=actor, action="desk_item.converted", target=item, data={"initiative": initiative.pk}
    )
    # The closing message is for the submitter: in the language they used at the desk.
    with translation.override(item.language or None):
        message = _(
            "Your submission is now an initiative on Voorop, with you as its owner: "
            "%(url)s. A process facilitator will contact you about the next steps."
        ) % {"url": settings.VOOROP_SITE_URL + initiative.get_absolute_url()}
    item_close(item=item, actor=actor, message=message)
    return initiative
