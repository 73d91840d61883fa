"""Writes for the council's instruments. Each checks its permission, logs and, where a
resident should hear about it, e-mails after commit."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.accounts.models import User
from voorop.core.services import audit_log, email_send
from voorop.council import anchors
from voorop.council.anchors import content_type_of
from voorop.council.models import (
    AnchorPoint,
    AnchorPointJudgement,
    AnchorPointResponse,
    CouncilDecision,
    DecisionDocument,
    Dossier,
    DossierStatus,
    Event,
    EventSignUp,
    EventTopic,
    FollowUpAction,
    FollowUpStatus,
    Reflection,
    SignUpStatus,
    Verdict,
)


def _require(user: Any, permission: str, obj: Any = None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(permission)


def _site_url() -> str:
    return getattr(settings, "VOOROP_SITE_URL", "")


# -- dossiers and anchor points ------------------------------------------------------------


def anchor_source_register(*, label: Any, items: Callable[[Dossier], Iterable[Any]]) -> None:
    """List an app's contributions on the dossier page (e.g. the challenges in a dossier);
    called from that app's AppConfig.ready(). See council/anchors.py."""
    anchors.register_source(label=label, items=items)


@transaction.atomic
def dossier_save(*, actor: User, dossier: Dossier | None, data: dict[str, Any]) -> Dossier:
    _require(actor, "council.manage_dossiers")
    dossier = dossier or Dossier()
    for field, value in data.items():
        setattr(dossier, field, value)
    dossier.save()
    audit_log(actor=actor, action="council.dossier_saved", target=dossier)
    return dossier


@transaction.atomic
def anchor_point_add(
    *, actor: User, dossier: Dossier, title: str, explanation: str = ""
) -> AnchorPoint:
    _require(actor, "council.set_anchor_points", dossier)
    count = dossier.anchor_points.count()
    if count >= dossier.max_anchor_points:
        raise ValidationError(
            _("This dossier already has %(max)s anchor points, the maximum.")
            % {"max": dossier.max_anchor_points}
        )
    point = AnchorPoint.objects.create(
        dossier=dossier,
        position=count + 1,
        title=title,
        explanation=explanation,
        created_by=actor,
    )
    audit_log(actor=actor, action="council.anchor_point_added", target=point)
    return point


@transaction.atomic
def anchor_point_delete(*, actor: User, anchor_point: AnchorPoint) -> None:
    dossier = anchor_point.dossier
    _require(actor, "council.set_anchor_points", dossier)
    audit_log(actor=actor, action="council.anchor_point_deleted", target=anchor_point)
    anchor_point.delete()
    for position, point in enumerate(dossier.anchor_points.order_by("position", "id"), start=1):
        if point.position != position:
            point.position = position
            point.save(update_fields=["position"])


@transaction.atomic
def dossier_open(*, actor: User, dossier: Dossier) -> Dossier:
    """Fix the anchor points and open the dossier to society."""
    _require(actor, "council.set_anchor_points", dossier)
    if not dossier.anchor_points.exists():
        raise ValidationError(_("Set at least one anchor point first."))
    dossier.status = DossierStatus.OPEN
    dossier.save(update_fields=["status"])
    audit_log(actor=actor, action="council.dossier_opened", target=dossier)
    return dossier


@transaction.atomic
def anchor_points_respond(*, actor: User, contribution: Any, texts: dict[int, str]) -> None:
    """The owners say how their contribution meets each anchor point (empty text: none)."""
    _require(actor, "council.respond_anchor_points", contribution)
    content_type = content_type_of(contribution)
    points = {p.pk: p for p in contribution.dossier.anchor_points.all()}
    for point_id, text in texts.items():
        point = points.get(int(point_id))
        if point is None:
            continue
        lookup = {"content_type": content_type, "object_id": contribution.pk, "anchor_point": point}
        if text.strip():
            AnchorPointResponse.objects.update_or_create(
                **lookup, defaults={"text": text, "author": actor, "updated_at": timezone.now()}
            )
        else:
            AnchorPointResponse.objects.filter(**lookup).delete()
    audit_log(actor=actor, action="council.anchor_points_responded", target=contribution)


@transaction.atomic
def anchor_points_judge(
    *, actor: User, contribution: Any, judgements: dict[int, tuple[str, str]]
) -> None:
    """A reviewer judges the contribution per anchor point: meets, partly, does not meet."""
    _require(actor, "council.judge_anchor_points", contribution)
    content_type = content_type_of(contribution)
    points = {p.pk: p for p in contribution.dossier.anchor_points.all()}
    for point_id, (verdict, reasons) in judgements.items():
        point = points.get(int(point_id))
        if point is None or not verdict:
            continue
        if not reasons.strip():
            raise ValidationError(_("Give the reasons for each judgement."))
        AnchorPointJudgement.objects.update_or_create(
            content_type=content_type,
            object_id=contribution.pk,
            anchor_point=point,
            defaults={
                "verdict": Verdict(verdict),
                "reasons": reasons,
                "reviewer": actor,
                "updated_at": timezone.now(),
            },
        )
    audit_log(actor=actor, action="council.anchor_points_judged", target=contribution)


# -- decisions and reflections -------------------------------------------------------------


@transaction.atomic
def decision_save(
    *, actor: User, decision: CouncilDecision | None, data: dict[str, Any]
) -> CouncilDecision:
    _require(actor, "council.manage_decisions")
    decision = decision or CouncilDecision(created_by=actor)
    for field, value in data.items():
        setattr(decision, field, value)
    decision.save()
    audit_log(actor=actor, action="council.decision_saved", target=decision)
    return decision


@transaction.atomic
def decision_add_document(
    *, actor: User, decision: CouncilDecision, title: str, file: UploadedFile
) -> DecisionDocument:
    _require(actor, "council.manage_decisions")
    document = DecisionDocument.objects.create(decision=decision, title=title, file=file)
    audit_log(actor=actor, action="council.document_added", target=decision)
    return document


@transaction.atomic
def decision_publish(*, actor: User, decision: CouncilDecision) -> CouncilDecision:
    _require(actor, "council.manage_decisions")
    if decision.published_at is None:
        decision.published_at = timezone.now()
        decision.save(update_fields=["published_at"])
        audit_log(actor=actor, action="council.decision_published", target=decision)
    return decision


@transaction.atomic
def reflection_save(*, actor: User, decision: CouncilDecision, data: dict[str, Any]) -> Reflection:
    """The mirroring councillor records (or improves) the reflection on a decision."""
    _require(actor, "council.reflect", decision)
    anchor_points = data.pop("anchor_points", [])
    if data.get("society_involved") == "no":
        data["ladder_step"] = ""
    reflection = Reflection.objects.filter(decision=decision).first() or Reflection(
        decision=decision
    )
    for field, value in data.items():
        setattr(reflection, field, value)
    reflection.councillor = actor
    reflection.updated_at = timezone.now()
    reflection.save()
    allowed = decision.dossier.anchor_points.all() if decision.dossier is not None else []
    reflection.anchor_points.set([p for p in anchor_points if p in allowed])
    audit_log(actor=actor, action="council.reflection_saved", target=decision)
    return reflection


# -- events --------------------------------------------------------------------------------


@transaction.atomic
def event_save(*, actor: User, event: Event | None, data: dict[str, Any]) -> Event:
    _require(actor, "council.manage_events")
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
    _require(user if user is not None else AnonymousUser(), "council.sign_up", event)
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
    _require(author, "council.propose_topic", event)
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
    _require(actor, "council.record_harvest", event)
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
    _require(actor, "council.add_follow_up", event)
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
    _require(actor, "council.update_follow_up", action)
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


# -- personal data -------------------------------------------------------------------------


def personal_data_export(user: User) -> dict[str, Any]:
    return {
        "event_sign_ups": [
            {
                "event": s.event.title,
                "starts_at": s.event.starts_at.isoformat(),
                "status": s.status,
            }
            for s in user.council_sign_ups.select_related("event")
        ],
        "event_topics": [
            {"event": t.event.title, "topic": t.title, "text": t.text}
            for t in EventTopic.objects.filter(author=user).select_related("event")
        ],
        "reflections": [
            {"decision": r.decision.title, "left_to_society": r.left_to_society}
            for r in Reflection.objects.filter(councillor=user).select_related("decision")
        ],
    }


def personal_data_anonymise(user: User) -> None:
    """Sign-ups go; topics stay (they are part of the public record) without the author."""
    EventSignUp.objects.filter(user=user).delete()
    EventTopic.objects.filter(author=user).update(author=None)
