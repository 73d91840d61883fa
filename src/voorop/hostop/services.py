"""Raise a Ho-stop card, propose adjustments, consent; the process resumes when every party

involved at the time of raising has consented. Everything is e-mailed to all parties."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.accounts.roles import Role, role_names
from voorop.core.services import audit_log, email_send
from voorop.hostop import protocol
from voorop.hostop.models import CardStatus, HoStopAdjustment, HoStopCard, HoStopParty
from voorop.hostop.protocol import HoStopAdapter

if TYPE_CHECKING:
    from voorop.accounts.models import User


def process_register(*, model: type[Model], adapter: HoStopAdapter) -> None:
    """Let a Ho-stop card pause processes of this model; called from the owning app's
    AppConfig.ready() (see hostop/protocol.py for what the adapter offers)."""
    protocol.register(model, adapter)


def _adapter(target: Model) -> HoStopAdapter:
    adapter = protocol.adapter_for(target)
    if adapter is None:
        raise TypeError(f"{type(target).__name__} cannot be paused with a Ho-stop card")
    return adapter


def _tell_parties(card: HoStopCard, template: str, *, actor: Any, **context: Any) -> None:
    for party in card.parties.select_related("user"):
        if party.user_id == getattr(actor, "pk", None) or not party.user.email:
            continue
        email_send(
            to=[party.user.email],
            template=f"hostop/mail/{template}",
            context={"card": card, "target": card.target, "actor": actor, **context},
            language=party.user.language,
        )


@transaction.atomic
def hostop_raise(*, target: Model, actor: User, reason: str) -> HoStopCard:
    if not actor.has_perm("hostop.raise_card", target):
        raise PermissionDenied("hostop.raise_card")
    if not reason.strip():
        raise ValidationError(_("Say why the process should pause."))
    card = HoStopCard(target=target, raised_by=actor, reason=reason.strip())
    try:
        with transaction.atomic():
            card.save()
    except IntegrityError as error:
        raise ValidationError(_("This process is already paused by a Ho-stop card.")) from error

    adapter = _adapter(target)
    parties = dict(adapter.parties(target))
    if actor not in parties:
        parties[actor] = "raadslid" if Role.RAADSLID in role_names(actor) else "raiser"
    HoStopParty.objects.bulk_create(
        HoStopParty(card=card, user=user, role_label=label) for user, label in parties.items()
    )
    adapter.pause(target, card=card, actor=actor)
    audit_log(
        actor=actor,
        action="hostop.raised",
        target=card,
        data={"target": f"{card.target_type.model}:{card.target_id}"},
    )
    _tell_parties(card, "raised", actor=actor)
    return card


@transaction.atomic
def hostop_propose_adjustment(*, card: HoStopCard, actor: User, text: str) -> HoStopAdjustment:
    if not actor.has_perm("hostop.propose_adjustment", card):
        raise PermissionDenied("hostop.propose_adjustment")
    if not text.strip():
        raise ValidationError(_("Describe the adjustment you propose."))
    adjustment = HoStopAdjustment.objects.create(card=card, proposed_by=actor, text=text.strip())
    # A new proposal changes what people agree to: earlier consents no longer hold.
    card.parties.exclude(user=actor).update(consented_at=None)
    card.parties.filter(user=actor).update(consented_at=timezone.now())
    audit_log(actor=actor, action="hostop.adjustment_proposed", target=card)
    _tell_parties(card, "adjustment", actor=actor, adjustment=adjustment)
    _resume_if_everyone_agrees(card, actor)
    return adjustment


@transaction.atomic
def hostop_consent(*, card: HoStopCard, actor: User) -> HoStopCard:
    card = HoStopCard.objects.select_for_update().get(pk=card.pk)
    if not actor.has_perm("hostop.consent", card):
        raise PermissionDenied("hostop.consent")
    card.parties.filter(user=actor).update(consented_at=timezone.now())
    audit_log(actor=actor, action="hostop.consented", target=card)
    if not _resume_if_everyone_agrees(card, actor):
        _tell_parties(card, "consented", actor=actor)
    return card


def _resume_if_everyone_agrees(card: HoStopCard, actor: User) -> bool:
    if card.parties.filter(consented_at__isnull=True).exists():
        return False
    card.status = CardStatus.RESUMED
    card.resumed_at = timezone.now()
    card.save(update_fields=["status", "resumed_at"])
    target = card.target
    if target is not None:  # the process itself may have been deleted meanwhile
        _adapter(target).resume(target, card=card, actor=actor)
    audit_log(actor=actor, action="hostop.resumed", target=card)
    _tell_parties(card, "resumed", actor=None)
    return True
