"""The Ho-stop's e-mails, rendered when they are sent (voorop.core.mail): a task row holds
the card, the person and the template, never a name or a text."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from voorop.core import mail
from voorop.hostop.models import HoStopAdjustment, HoStopCard

TO_PARTY = "hostop.to_party"
HANDED_OVER = "hostop.handed_over"
PARTY_TEMPLATES = (
    "raised",
    "adjustment",
    "consented",
    "resumed",
    "decided",
    "handed_over_parties",
    "reminder",
)


def _person(user: int | None) -> Any:
    if user is None:
        return None
    return get_user_model().objects.filter(pk=user).first()


def to_party(
    *,
    card: int,
    user: int,
    template: str,
    actor: int | None = None,
    adjustment: int | None = None,
    resume: bool = False,
) -> mail.Message | None:
    found = HoStopCard.objects.filter(pk=card).first()
    party = _person(user)
    if template not in PARTY_TEMPLATES or found is None or party is None or not party.email:
        return None
    context = {
        "card": found,
        "target": found.target,
        "actor": _person(actor),
        "adjustment": HoStopAdjustment.objects.filter(pk=adjustment, card=found).first()
        if adjustment
        else None,
        "resume": resume,
        "decision": found.decision,
    }
    return mail.from_templates(
        to=[party.email],
        template=f"hostop/mail/{template}",
        context=context,
        language=getattr(party, "language", "") or settings.LANGUAGE_CODE,
    )


def handed_over(*, card: int, user: int) -> mail.Message | None:
    """To someone of the griffie: the response period is over, the decision is theirs."""
    found = HoStopCard.objects.filter(pk=card).first()
    clerk = _person(user)
    if found is None or clerk is None or not clerk.email:
        return None
    return mail.from_templates(
        to=[clerk.email],
        template="hostop/mail/handed_over",
        context={"card": found, "target": found.target},
        language=getattr(clerk, "language", "") or settings.LANGUAGE_CODE,
    )


def register() -> None:
    mail.register(TO_PARTY, to_party)
    mail.register(HANDED_OVER, handed_over)
