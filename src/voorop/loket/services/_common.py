"""What the desk's services share: the line on the item's timeline, the e-mail to the
submitter, and passing a message on the way the person is informed."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from voorop.core import mail
from voorop.core.inserts import insert
from voorop.loket import mail as desk_mail
from voorop.loket import selectors
from voorop.loket.models import DeskItem, DeskItemTimelineEntry, DeskTask, InformBy


def _event(
    item: DeskItem,
    kind: str,
    *,
    actor: Any = None,
    text: str = "",
    public: bool = True,
    message: dict[str, Any] | None = None,
) -> DeskItemTimelineEntry:
    """A line on the item's timeline: `text` is what a person wrote, `message` what the
    system says (a key of DeskItemTimelineEntry.MESSAGES, put into words when shown)."""
    entry = DeskItemTimelineEntry(
        item=item,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        public=public,
        status=item.status,
        text=text,
        message=message or {},
    )
    insert(entry)  # on every change of an item (issue 13)
    # Every change of an item writes a line here: the queue's cached counts start over
    # once it is committed.
    transaction.on_commit(selectors.queue_changed)
    return entry


def _tell_submitter(
    item: DeskItem,
    template: str,
    *,
    entry: DeskItemTimelineEntry | None = None,
    escalated: bool = False,
) -> None:
    """E-mail the submitter (rendered when sent: the message stays in the timeline entry)."""
    if item.reply_address:
        mail.send(
            desk_mail.TO_SUBMITTER,
            item=item.pk,
            template=template,
            entry=entry.pk if entry is not None else None,
            escalated=escalated,
        )


TASK_FOR_ROUTE = {InformBy.PHONE: DeskTask.Kind.CALL, InformBy.LETTER: DeskTask.Kind.LETTER}


def _inform(
    item: DeskItem,
    template: str,
    *,
    actor: Any,
    text: str,
    entry: DeskItemTimelineEntry | None = None,
) -> str:
    """Pass a message or the feedback on the way the person is informed. E-mail is sent;
    a phone call or a letter becomes a task in the officer's queue; otherwise the message is
    on the tracking page only. Returns the route (an ``InformBy`` value)."""
    route = item.inform_route
    if route == InformBy.EMAIL:
        _tell_submitter(item, template, entry=entry)
    elif route in TASK_FOR_ROUTE:
        officer = item.assignee or (actor if getattr(actor, "is_authenticated", False) else None)
        DeskTask.objects.create(item=item, kind=TASK_FOR_ROUTE[route], text=text, assignee=officer)
    return route
