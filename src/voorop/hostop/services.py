"""Raise a Ho-stop card, propose adjustments, consent; the process resumes when every party
involved at the time of raising has consented. Everything is e-mailed to all parties and
is on the card's public timeline.

Issue 14.2: parties have RESPONSE_DAYS working days; those who have not answered are
reminded (the daily job ``hostop.remind_and_hand_over``); after the period the decision
passes to the griffie, who records publicly why the process resumes or stops."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.accounts.roles import Role, role_names
from voorop.core import cache, mail
from voorop.core.base import timeline_message
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.core.workdays import add_working_days
from voorop.hostop import mail as hostop_mail
from voorop.hostop import protocol, selectors
from voorop.hostop.models import (
    REMIND_EVERY_DAYS,
    RESPONSE_DAYS,
    CardStatus,
    HoStopAdjustment,
    HoStopCard,
    HoStopParty,
    HoStopTimelineEntry,
)
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


def _entry(
    card: HoStopCard,
    kind: str,
    *,
    actor: Any = None,
    text: str = "",
    message: dict[str, Any] | None = None,
) -> None:
    """A step on the card's timeline: `text` is what a person wrote, `message` what the
    system says (put into words when shown, in the reader's language)."""
    HoStopTimelineEntry.objects.create(
        card=card,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        text=text,
        message=message or {},
    )
    # Every change of a card writes a step here: pages that show its panel start over.
    cache.renew(selectors.CARDS)


def _tell_parties(
    card: HoStopCard,
    template: str,
    *,
    actor: Any,
    only_waiting: bool = False,
    adjustment: HoStopAdjustment | None = None,
    resume: bool = False,
) -> None:
    """One e-mail to every party but the one who acted, rendered when it is sent."""
    parties = card.parties.select_related("user")
    if only_waiting:
        parties = parties.filter(consented_at__isnull=True)
    actor_id = getattr(actor, "pk", None)
    for party in parties:
        if party.user_id == actor_id or not party.user.email:
            continue
        mail.send(
            hostop_mail.TO_PARTY,
            card=card.pk,
            user=party.user_id,
            template=template,
            actor=actor_id,
            adjustment=adjustment.pk if adjustment is not None else None,
            resume=resume,
        )


@transaction.atomic
def hostop_raise(*, target: Model, actor: User, reason: str) -> HoStopCard:
    if not actor.has_perm("hostop.raise_card", target):
        raise PermissionDenied("hostop.raise_card")
    if not reason.strip():
        raise ValidationError(_("Say why the process should pause."))
    card = HoStopCard(
        target=target,
        raised_by=actor,
        reason=reason.strip(),
        respond_by=add_working_days(timezone.localdate(), RESPONSE_DAYS),
    )
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
    _entry(card, HoStopTimelineEntry.Kind.RAISED, actor=actor, text=card.reason)
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
    _entry(card, HoStopTimelineEntry.Kind.ADJUSTMENT, actor=actor, text=adjustment.text)
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
    _entry(card, HoStopTimelineEntry.Kind.CONSENTED, actor=actor)
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
    _entry(card, HoStopTimelineEntry.Kind.RESUMED)
    audit_log(actor=actor, action="hostop.resumed", target=card)
    _tell_parties(card, "resumed", actor=None)
    return True


def may_stop(card: HoStopCard) -> bool:
    """Whether the griffie can stop this kind of process (its adapter offers ``stop``)."""
    target = card.target
    return target is not None and callable(getattr(_adapter(target), "stop", None))


@transaction.atomic
def hostop_decide(*, card: HoStopCard, actor: User, resume: bool, reason: str) -> HoStopCard:
    """After the response period: the griffie decides, with a public reason, whether the
    process resumes or stops (issue 14.2)."""
    card = HoStopCard.objects.select_for_update().get(pk=card.pk)
    require(actor, "hostop.decide", card)
    if not reason.strip():
        raise ValidationError(_("Write why the process continues or stops. Everyone can read it."))
    target = card.target
    if not resume and not may_stop(card):
        raise ValidationError(_("This kind of process cannot be stopped here."))
    card.status = CardStatus.RESUMED if resume else CardStatus.STOPPED
    card.resumed_at = timezone.now()
    card.decided_by, card.decision = actor, reason.strip()
    card.save(update_fields=["status", "resumed_at", "decided_by", "decision"])
    if target is not None:
        adapter = _adapter(target)
        if resume:
            adapter.resume(target, card=card, actor=actor)
        else:
            adapter.stop(target, card=card, actor=actor, reason=reason.strip())  # type: ignore[attr-defined]
    kind = (
        HoStopTimelineEntry.Kind.GRIFFIE_RESUMED
        if resume
        else HoStopTimelineEntry.Kind.GRIFFIE_STOPPED
    )
    _entry(card, kind, actor=actor, text=reason.strip())
    audit_log(actor=actor, action="hostop.decided", target=card, data={"resume": resume})
    _tell_parties(card, "decided", actor=actor, resume=resume)
    return card


def _griffie_users() -> list[Any]:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model().objects.filter(is_active=True, groups__name=Role.GRIFFIE).distinct()
    )


def hostop_remind_and_hand_over() -> int:
    """Daily (voorop maintenance): remind parties who have not answered, and when the
    response period is over, pass the decision to the griffie. Returns the cards touched."""
    today = timezone.localdate()
    now = timezone.now()
    touched = 0
    for card in HoStopCard.objects.filter(
        status=CardStatus.PAUSED, handed_over_at__isnull=True, respond_by__isnull=False
    ):
        with transaction.atomic():
            card = HoStopCard.objects.select_for_update().get(pk=card.pk)
            if card.status != CardStatus.PAUSED or card.handed_over_at is not None:
                continue
            assert card.respond_by is not None
            if today > card.respond_by:
                card.handed_over_at = now
                card.save(update_fields=["handed_over_at"])
                _entry(card, HoStopTimelineEntry.Kind.HANDED_OVER)
                audit_log(actor=None, action="hostop.handed_over", target=card)
                for clerk in _griffie_users():
                    if clerk.email:
                        mail.send(hostop_mail.HANDED_OVER, card=card.pk, user=clerk.pk)
                _tell_parties(card, "handed_over_parties", actor=None)
                touched += 1
                continue
            last = card.last_reminded_at or card.raised_at
            waiting = card.parties.filter(consented_at__isnull=True).exists()
            if waiting and (now - last).days >= REMIND_EVERY_DAYS:
                card.last_reminded_at = now
                card.save(update_fields=["last_reminded_at"])
                names = ", ".join(
                    p.user.public_name
                    for p in card.parties.select_related("user").filter(consented_at__isnull=True)
                )
                _entry(
                    card,
                    HoStopTimelineEntry.Kind.REMINDED,
                    message=timeline_message("reminded", names=names, date=card.respond_by),
                )
                _tell_parties(card, "reminder", actor=None, only_waiting=True)
                touched += 1
    return touched
