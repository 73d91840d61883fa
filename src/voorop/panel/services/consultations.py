"""Consultations: the questionnaire, sending it (to all members or a stratified sample) with
a personal link each, answering without log-in, the reminder, the close (answers anonymous)
and the published feedback, e-mailed to everyone who took part."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voorop.core import mail
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.engines import sortition as engine
from voorop.panel import mail as panel_mail
from voorop.panel import tokens
from voorop.panel.models import (
    Answer,
    Consultation,
    Invite,
    Member,
    Panel,
    Question,
    QuestionKind,
    Response,
)
from voorop.panel.phases import CONSULTATION
from voorop.panel.services._common import check_weighting

if TYPE_CHECKING:
    from voorop.accounts.models import User

REMIND_BEFORE = timedelta(days=2)
NO_LONGER_MEMBER = gettext_lazy(
    "This link no longer works, because you are no longer a member of the panel."
)
CONSULTATION_FIELDS = (
    "title",
    "intro",
    "closing_text",
    "closes_at",
    "feedback_due",
    "weighting",
)


def _check_dates(closes_at: datetime, feedback_due: date) -> None:
    if closes_at <= timezone.now():
        raise ValidationError(_("The closing date must be in the future."), code="closes_at")
    if feedback_due < timezone.localtime(closes_at).date():
        raise ValidationError(
            _("The feedback cannot be due before the consultation closes."), code="feedback_due"
        )


@transaction.atomic
def consultation_create(
    *,
    actor: User,
    panel: Panel,
    title: str,
    intro: str,
    closes_at: datetime,
    feedback_due: date,
    closing_text: str = "",
    weighting: list[str] | None = None,
) -> Consultation:
    require(actor, "panel.add_consultation", panel)
    _check_dates(closes_at, feedback_due)
    weighting = _check_weighting(panel, weighting)
    consultation = Consultation.objects.create(
        panel=panel,
        title=title.strip(),
        intro=intro.strip(),
        closing_text=closing_text.strip(),
        closes_at=closes_at,
        feedback_due=feedback_due,
        weighting=weighting,
        created_by=actor,
    )
    audit_log(actor=actor, action="panel.consultation_created", target=consultation)
    return consultation


def _check_weighting(panel: Panel, weighting: list[str] | None) -> list[str]:
    """The features to weight on, in the panel's order (None: the panel's choice). Answers
    keep only these features, so the choice is made before the consultation is sent."""
    if weighting is None:
        return panel.weighting_features
    return check_weighting(panel, weighting)


@transaction.atomic
def consultation_update(*, actor: User, consultation: Consultation, **fields: Any) -> Consultation:
    require(actor, "panel.change_consultation", consultation)
    unknown = set(fields) - set(CONSULTATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if "weighting" in fields:
        fields["weighting"] = _check_weighting(consultation.panel, fields["weighting"])
    for name, value in fields.items():
        setattr(consultation, name, value.strip() if isinstance(value, str) else value)
    _check_dates(consultation.closes_at, consultation.feedback_due)
    consultation.save(update_fields=list(fields))
    audit_log(actor=actor, action="panel.consultation_changed", target=consultation)
    return consultation


def _clean_options(kind: str, options: list[str]) -> list[str]:
    options = [" ".join(o.split()) for o in options if o.strip()]
    if kind in (
        QuestionKind.SINGLE,
        QuestionKind.MULTIPLE,
        QuestionKind.RANKING,
        QuestionKind.POINTS,
    ):
        if len(options) < 2:
            raise ValidationError(_("Give at least two options, one per line."), code="options")
        if len({o.casefold() for o in options}) != len(options):
            raise ValidationError(_("An option is there twice."), code="options")
        return options
    return []


@transaction.atomic
def question_add(
    *,
    actor: User,
    consultation: Consultation,
    kind: str,
    text: str,
    help_text: str = "",
    options: list[str] | None = None,
    scale_size: int = 5,
    points: int = 100,
    required: bool = False,
) -> Question:
    require(actor, "panel.change_consultation", consultation)
    if kind not in QuestionKind.values:
        raise ValidationError(_("Choose a kind of question."), code="kind")
    cleaned = _clean_options(kind, options or [])
    last = consultation.questions.order_by("-position").values_list("position", flat=True).first()
    question = Question.objects.create(
        consultation=consultation,
        position=(last or 0) + 1,
        kind=kind,
        text=text.strip(),
        help_text=help_text.strip(),
        options=cleaned,
        scale_size=scale_size,
        points=points,
        required=required,
    )
    audit_log(
        actor=actor,
        action="panel.question_added",
        target=consultation,
        data={"question": question.pk},
    )
    return question


@transaction.atomic
def question_delete(*, actor: User, question: Question) -> None:
    consultation = question.consultation
    require(actor, "panel.change_consultation", consultation)
    question_id = question.pk
    question.delete()
    audit_log(
        actor=actor,
        action="panel.question_deleted",
        target=consultation,
        data={"question": question_id},
    )


def _stratum(member_features: dict[str, str], names: list[str]) -> str:
    return "|".join(member_features.get(name, "") for name in names)


@transaction.atomic
def consultation_send(
    *, actor: User, consultation: Consultation, sample_size: int | None = None, seed: str = ""
) -> int:
    """Send the consultation: an invitation with a personal link to every member, or to a
    sample stratified by the panel's features (each combination of values gets its share,
    by largest remainder; within it, members are drawn with the published seed)."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require(actor, "panel.send_consultation", consultation)
    if not consultation.questions.exists():
        raise ValidationError(_("Add at least one question first."), code="no_questions")
    members = list(Member.objects.filter(panel=consultation.panel).values_list("pk", "features"))
    if not members:
        raise ValidationError(_("The panel has no members yet."), code="no_members")
    chosen = [pk for pk, _features in members]
    if sample_size:
        if sample_size > len(members):
            raise ValidationError(
                _("The panel has %(count)s members; the sample cannot be larger.")
                % {"count": len(members)},
                code="sample",
            )
        seed = (seed or "").strip() or secrets.token_hex(8)
        names = consultation.panel.feature_names
        drawn = engine.draw_addresses(
            [(str(pk), _stratum(features, names)) for pk, features in members], sample_size, seed
        )
        chosen = [int(pk) for pk in drawn]
        consultation.sample_size = sample_size
        consultation.sample_seed = seed
    invites = []
    for member_id in chosen:
        salt = secrets.token_hex(16)
        invites.append(
            Invite(
                consultation=consultation,
                member_id=member_id,
                salt=salt,
                token_hash=tokens.hash_for_salt(tokens.INVITE, salt),
            )
        )
    Invite.objects.bulk_create(invites, batch_size=1000)
    CONSULTATION.advance(consultation)
    consultation.save(update_fields=["opens_at", "sample_size", "sample_seed"])
    for invite_id in consultation.invites.values_list("pk", flat=True):
        mail.send(panel_mail.INVITATION, invite=invite_id)
    audit_log(
        actor=actor,
        action="panel.consultation_sent",
        target=consultation,
        data={"invites": len(invites), "sample_size": sample_size, "seed": seed},
    )
    return len(invites)


def _clean_answer(question: Question, value: Any) -> tuple[Any, str] | None:
    """The stored form of one answer, or None when it was left empty."""
    kind = question.kind
    if kind == QuestionKind.OPEN:
        text = (value or "").strip()
        return (text, text) if text else None
    if kind in (QuestionKind.SINGLE, QuestionKind.SCALE):
        allowed = question.options if kind == QuestionKind.SINGLE else question.scale_options
        if value in (None, ""):
            return None
        if value not in allowed:
            raise ValidationError(_("Choose one of the options."), code=str(question.pk))
        return value, ""
    if kind in (QuestionKind.MULTIPLE, QuestionKind.RANKING):
        chosen = [v for v in (value or []) if v]
        if not chosen:
            return None
        if any(v not in question.options for v in chosen) or len(set(chosen)) != len(chosen):
            raise ValidationError(_("Choose each option at most once."), code=str(question.pk))
        return chosen, ""
    # points: {"option": n}
    points = {k: int(v) for k, v in (value or {}).items() if v not in (None, "", 0)}
    if not points:
        return None
    if any(k not in question.options or v < 0 for k, v in points.items()):
        raise ValidationError(_("Give whole numbers of at least 0."), code=str(question.pk))
    if sum(points.values()) != question.points:
        raise ValidationError(
            _("Divide exactly %(points)s points; you divided %(given)s.")
            % {"points": question.points, "given": sum(points.values())},
            code=str(question.pk),
        )
    return points, ""


@transaction.atomic
def answers_submit(*, invite: Invite, answers: dict[int, Any]) -> Response:
    """Store one person's answers without their id: only the features the results are
    weighted on, and the day. The invitation is marked answered (once)."""
    found = (
        Invite.objects.select_for_update(of=("self",))
        .select_related("consultation", "member")
        .filter(pk=invite.pk)
        .first()
    )
    if found is None:  # deleted when the member left or was removed, after the page loaded
        raise ValidationError(NO_LONGER_MEMBER, code="no_member")
    invite = found
    consultation = invite.consultation
    if not CONSULTATION.allows(consultation, "answer"):
        raise ValidationError(_("This consultation is closed."), code="closed")
    if invite.answered:
        raise ValidationError(_("You have already answered. Thank you!"), code="answered")
    member = invite.member
    if member is None:
        # The person left or was removed while the consultation was open: their answers
        # would carry no features (which stops the weighting) and stand out on their own.
        raise ValidationError(NO_LONGER_MEMBER, code="no_member")
    errors: dict[str, list[str]] = {}
    cleaned: list[tuple[Question, Any, str]] = []
    for question in consultation.questions.all():
        try:
            result = _clean_answer(question, answers.get(question.pk))
        except ValidationError as error:
            errors[str(question.pk)] = error.messages
            continue
        if result is None:
            if question.required:
                errors[str(question.pk)] = [_("This question needs an answer.")]
            continue
        cleaned.append((question, *result))
    if errors:
        raise ValidationError(errors)
    features = dict(member.features)
    response = Response.objects.create(
        consultation=consultation,
        features={k: v for k, v in features.items() if k in consultation.weighting},
        submitted_on=timezone.localdate(),
    )
    Answer.objects.bulk_create(
        [Answer(response=response, question=q, value=v, text=t) for q, v, t in cleaned]
    )
    invite.answered = True
    invite.save(update_fields=["answered"])
    # No audit entry names the invitation: it would tie the answers to the member.
    audit_log(actor=None, action="panel.answers_received", target=consultation)
    return response


def consultations_remind_due(*, now: datetime | None = None) -> int:
    """The hourly job: a reminder to everyone who has not answered, once, in the last two
    days before a consultation closes."""
    now = now or timezone.now()
    sent = 0
    due = Consultation.objects.filter(
        CONSULTATION.q_allowing("remind", at=now),
        closes_at__lte=now + REMIND_BEFORE,
        reminded_at__isnull=True,
    )
    for consultation in due:
        with transaction.atomic():
            pending = consultation.invites.filter(answered=False, member__isnull=False)
            ids = list(pending.values_list("pk", flat=True))
            pending.update(reminded=True)
            consultation.reminded_at = now
            consultation.save(update_fields=["reminded_at"])
            for invite_id in ids:
                mail.send(panel_mail.REMINDER, invite=invite_id)
            sent += len(ids)
    return sent


def consultations_close_due(*, now: datetime | None = None) -> int:
    """The hourly job: once a consultation has closed, the invitations of those who did not
    answer lose their link to the member, and the personal links stop working. Those who
    answered stay linked only until the feedback is sent to them."""
    now = now or timezone.now()
    closed = 0
    for consultation in Consultation.objects.filter(closes_at__lte=now, anonymised_at__isnull=True):
        with transaction.atomic():
            consultation.invites.filter(answered=False).update(member=None)
            consultation.anonymised_at = now
            consultation.save(update_fields=["anonymised_at"])
            closed += 1
    return closed


@transaction.atomic
def feedback_publish(*, actor: User, consultation: Consultation, feedback: str) -> Consultation:
    """Publish "what we did with your answers", mail it to everyone who took part, and drop
    the last link between members and the consultation."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require(actor, "panel.publish_feedback", consultation)
    if not feedback.strip():
        raise ValidationError(_("Write what was done with the answers."), code="feedback")
    consultation.feedback = feedback.strip()
    CONSULTATION.advance(consultation)
    consultation.save(update_fields=["feedback", "feedback_published_at"])
    members = list(
        consultation.invites.filter(answered=True, member__isnull=False).values_list(
            "member_id", flat=True
        )
    )
    for member_id in members:
        mail.send(panel_mail.FEEDBACK, member=member_id, consultation=consultation.pk)
    consultation.invites.update(member=None)
    audit_log(
        actor=actor,
        action="panel.feedback_published",
        target=consultation,
        data={"mailed": len(members)},
    )
    return consultation
