"""What the desk's services share: the permission check, the line on the item's timeline
and the e-mail to the submitter."""

from __future__ import annotations

from typing import Any

from voorop.core.services import email_send
from voorop.loket.models import DeskItem, DeskItemTimelineEntry


def _event(
    item: DeskItem, kind: str, *, actor: Any = None, text: str = "", public: bool = True
) -> DeskItemTimelineEntry:
    return DeskItemTimelineEntry.objects.create(
        item=item,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        public=public,
        status=item.status,
        text=text,
    )


def _tell_submitter(item: DeskItem, template: str, *, token: str = "", **context: Any) -> None:
    email_send(
        to=[item.reply_address],
        template=f"loket/mail/{template}",
        context={"item": item, "token": token, **context},
        language=item.language,
    )
