"""The initiatives' e-mails, rendered when they are sent (voorop.core.mail): a task row holds
the initiative, the people and the template, never a name or a reason."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from voorop.core import mail
from voorop.initiatives.models import Initiative, InitiativeTimelineEntry, Membership, Status

TELL = "initiatives.tell"
TEMPLATES = ("status_changed", "facilitator_assigned", "member_added", "created_for_you")


def _person(user: int | None) -> Any:
    return get_user_model().objects.filter(pk=user).first() if user is not None else None


def tell(
    *,
    initiative: int,
    user: int,
    template: str,
    actor: int | None = None,
    entry: int | None = None,
    facilitator: int | None = None,
    role: str = "",
) -> mail.Message | None:
    found = Initiative.objects.filter(pk=initiative).first()
    person = _person(user)
    if template not in TEMPLATES or found is None or person is None:
        return None
    if not person.email or not person.is_active:
        return None
    context: dict[str, Any] = {
        "initiative": found,
        "url": settings.VOOROP_SITE_URL + found.get_absolute_url(),
        "name": person.public_name,
    }
    by = _person(actor)
    if by is not None:
        context["actor_name"] = by.public_name
    step = InitiativeTimelineEntry.objects.filter(pk=entry, initiative=found).first()
    if step is not None:
        context["old_status"] = Status(step.from_status).label if step.from_status else ""
        context["new_status"] = Status(step.to_status).label if step.to_status else ""
        context["reason"] = step.display_text
    helper = _person(facilitator)
    if helper is not None:
        context["facilitator_name"] = helper.public_name
    if role:
        context["role"] = Membership.Role(role).label
    return mail.from_templates(
        to=[person.email],
        template=f"initiatives/mail/{template}",
        context=context,
        language=getattr(person, "language", "") or settings.LANGUAGE_CODE,
    )


def register() -> None:
    mail.register(TELL, tell)
