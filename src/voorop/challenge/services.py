"""Writes for the right to challenge. Every step checks its permission, lands on the public
timeline, is written to the audit log and is e-mailed to the group."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.accounts.models import User
from voorop.challenge.models import (
    Challenge,
    ChallengeEvent,
    ChallengeMember,
    ChallengeSupport,
    Criterion,
    CriterionScore,
    Outcome,
    ProcedureSettings,
    SignatureList,
    Stage,
    Task,
)
from voorop.core.services import audit_log, email_send
from voorop.initiatives import selectors as initiatives

SUBMISSION_FIELDS = (
    "title",
    "group_name",
    "plan",
    "cost",
    "cost_explanation",
    "quality",
    "continuity",
    "support_evidence",
    "risks",
    "dossier",
    "initiative",
)


def _require(user: Any, permission: str, obj: Any = None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(permission)


def _record(
    *, challenge: Challenge, kind: str, actor: Any, actor_role: str, text: str = ""
) -> ChallengeEvent:
    """Put a step on the timeline, log it and tell every member of the group."""
    event = ChallengeEvent.objects.create(
        challenge=challenge, kind=kind, text=text, actor_role=actor_role
    )
    audit_log(
        actor=actor,
        action=f"challenge.{kind}",
        target=challenge,
        data={"stage": challenge.stage},
    )
    for member in challenge.group_users():
        email_send(
            to=[member.email or ""],
            template="challenge/mail/update",
            context={
                "challenge": challenge,
                "event": event,
                "user": member,
                "site_url": getattr(settings, "VOOROP_SITE_URL", ""),
            },
            language=member.language,
        )
    return event


@transaction.atomic
def challenge_submit(
    *, task: Task, submitter: User, data: dict[str, Any], member_emails: Sequence[str] = ()
) -> Challenge:
    _require(submitter, "challenge.submit", task)
    initiative = data.get("initiative")
    if (
        initiative is not None
        and not initiatives.initiatives_of(submitter).filter(pk=initiative.pk).exists()
    ):
        raise PermissionDenied("only a member of the initiative may challenge on its behalf")
    now = timezone.now()
    challenge = Challenge.objects.create(
        task=task,
        submitter=submitter,
        submitted_at=now,
        complete_at=now,
        stage=Stage.SUBMITTED,
        **{field: data[field] for field in SUBMISSION_FIELDS if field in data},
    )
    ChallengeMember.objects.create(challenge=challenge, user=submitter)
    for user in User.objects.filter(email__in=member_emails, is_active=True).exclude(
        pk=submitter.pk
    ):
        ChallengeMember.objects.create(challenge=challenge, user=user)
    _record(challenge=challenge, kind="submitted", actor=submitter, actor_role="uitdager")
    return challenge


@transaction.atomic
def challenge_update(*, challenge: Challenge, actor: User, data: dict[str, Any]) -> Challenge:
    """The group changes its plan; if information was missing, it is now complete again."""
    _require(actor, "challenge.edit", challenge)
    for field in SUBMISSION_FIELDS:
        if field in data:
            setattr(challenge, field, data[field])
    was_incomplete = challenge.complete_at is None
    if was_incomplete:
        challenge.complete_at = timezone.now()
    challenge.save()
    if was_incomplete:
        _record(challenge=challenge, kind="completed", actor=actor, actor_role="uitdager")
    else:
        audit_log(actor=actor, action="challenge.updated", target=challenge)
    return challenge


@transaction.atomic
def challenge_add_member(*, challenge: Challenge, actor: User, email: str) -> ChallengeMember:
    _require(actor, "challenge.add_member", challenge)
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            _("There is no account with this e-mail address. Ask the person to create one first.")
        )
    if challenge.is_member(user):
        raise ValidationError(_("This person is already a member of the group."))
    membership = ChallengeMember.objects.create(challenge=challenge, user=user)
    _record(challenge=challenge, kind="member_added", actor=actor, actor_role="uitdager")
    return membership


@transaction.atomic
def challenge_support(*, challenge: Challenge, user: User) -> ChallengeSupport:
    _require(user, "challenge.support", challenge)
    support, created = ChallengeSupport.objects.get_or_create(challenge=challenge, user=user)
    if created:
        audit_log(actor=user, action="challenge.supported", target=challenge)
    return support


@transaction.atomic
def challenge_withdraw_support(*, challenge: Challenge, user: User) -> None:
    deleted, _rows = ChallengeSupport.objects.filter(challenge=challenge, user=user).delete()
    if deleted:
        audit_log(actor=user, action="challenge.support_withdrawn", target=challenge)


@transaction.atomic
def challenge_upload_signatures(
    *, challenge: Challenge, actor: User, file: UploadedFile, signatures: int
) -> SignatureList:
    _require(actor, "challenge.upload_signatures", challenge)
    signature_list = SignatureList.objects.create(
        challenge=challenge, file=file, signatures=signatures, uploaded_by=actor
    )
    _record(
        challenge=challenge,
        kind="signatures",
        actor=actor,
        actor_role="uitdager",
        text=_("%(count)s signatures on paper.") % {"count": signatures},
    )
    return signature_list


@transaction.atomic
def challenge_withdraw(*, challenge: Challenge, actor: User, reason: str) -> Challenge:
    _require(actor, "challenge.withdraw", challenge)
    challenge.stage = Stage.WITHDRAWN
    challenge.withdrawal_reason = reason
    challenge.closed_at = timezone.now()
    challenge.save()
    _record(challenge=challenge, kind="withdrawn", actor=actor, actor_role="uitdager", text=reason)
    return challenge


@transaction.atomic
def challenge_acknowledge(*, challenge: Challenge, actor: User, message: str = "") -> Challenge:
    _require(actor, "challenge.acknowledge", challenge)
    challenge.acknowledged_at = timezone.now()
    challenge.handler = challenge.handler or actor
    challenge.stage = Stage.EXPLORATORY_TALK
    challenge.save()
    _record(
        challenge=challenge,
        kind="acknowledged",
        actor=actor,
        actor_role="procesbegeleider",
        text=message,
    )
    return challenge


@transaction.atomic
def challenge_mark_incomplete(*, challenge: Challenge, actor: User, missing: str) -> Challenge:
    _require(actor, "challenge.mark_incomplete", challenge)
    challenge.complete_at = None
    challenge.missing_information = missing
    challenge.handler = challenge.handler or actor
    challenge.save()
    _record(
        challenge=challenge,
        kind="incomplete",
        actor=actor,
        actor_role="procesbegeleider",
        text=missing,
    )
    return challenge


@transaction.atomic
def challenge_record_talk(
    *, challenge: Challenge, actor: User, held_on: date, summary: str
) -> Challenge:
    _require(actor, "challenge.record_talk", challenge)
    challenge.talk_held_on = held_on
    challenge.stage = Stage.ASSESSMENT
    challenge.save()
    _record(
        challenge=challenge,
        kind="talk_held",
        actor=actor,
        actor_role="procesbegeleider",
        text=summary,
    )
    return challenge


@transaction.atomic
def challenge_assess(
    *, challenge: Challenge, actor: User, scores: dict[str, tuple[int, str]]
) -> Challenge:
    """Score every published criterion (1–5) with reasons; then it goes to the college."""
    _require(actor, "challenge.assess", challenge)
    missing = set(Criterion.values) - set(scores)
    if missing:
        raise ValidationError(_("Score every criterion."))
    for criterion, (score, reasons) in scores.items():
        if not 1 <= int(score) <= 5 or not reasons.strip():
            raise ValidationError(_("Give each criterion a score from 1 to 5 and the reasons."))
        CriterionScore.objects.update_or_create(
            challenge=challenge,
            criterion=criterion,
            defaults={"score": int(score), "reasons": reasons},
        )
    challenge.assessed_at = timezone.now()
    challenge.stage = Stage.DECISION
    challenge.save()
    lines = [f"{Criterion(c).label}: {scores[c][0]}/5. {scores[c][1]}" for c in Criterion.values]
    _record(
        challenge=challenge,
        kind="assessed",
        actor=actor,
        actor_role="procesbegeleider",
        text="\n".join(lines),
    )
    return challenge


@transaction.atomic
def challenge_decide(
    *, challenge: Challenge, actor: User, outcome: str, reasons: str, conditions: str = ""
) -> Challenge:
    _require(actor, "challenge.decide", challenge)
    outcome = Outcome(outcome)
    if not reasons.strip():
        raise ValidationError(_("Give the reasons for the decision."))
    if outcome == Outcome.GRANTED_WITH_CONDITIONS and not conditions.strip():
        raise ValidationError(_("Write down the conditions."))
    challenge.outcome = outcome
    challenge.decision_reasons = reasons
    challenge.conditions = conditions if outcome == Outcome.GRANTED_WITH_CONDITIONS else ""
    challenge.decided_at = timezone.now()
    if outcome == Outcome.REFUSED:
        challenge.stage = Stage.REFUSED
        challenge.closed_at = challenge.decided_at
    else:
        challenge.stage = Stage.AGREEMENT
    challenge.save()
    text = f"{outcome.label}. {reasons}"
    if challenge.conditions:
        text += "\n" + _("Conditions: %(conditions)s") % {"conditions": challenge.conditions}
    _record(challenge=challenge, kind="decided", actor=actor, actor_role="college", text=text)
    return challenge


@transaction.atomic
def challenge_record_agreement(
    *,
    challenge: Challenge,
    actor: User,
    budget: Decimal,
    starts_on: date,
    ends_on: date,
    reporting: str,
) -> Challenge:
    _require(actor, "challenge.record_agreement", challenge)
    if ends_on <= starts_on:
        raise ValidationError(_("The end date must be after the start date."))
    challenge.agreement_budget = budget
    challenge.agreement_starts_on = starts_on
    challenge.agreement_ends_on = ends_on
    challenge.agreement_reporting = reporting
    challenge.stage = Stage.RUNNING
    challenge.save()
    text = _(
        "Budget transferred: € %(budget)s per year, from %(start)s to %(end)s. Reporting: %(rep)s"
    ) % {
        "budget": budget,
        "start": starts_on.strftime("%d-%m-%Y"),
        "end": ends_on.strftime("%d-%m-%Y"),
        "rep": reporting,
    }
    _record(
        challenge=challenge, kind="agreement", actor=actor, actor_role="procesbegeleider", text=text
    )
    return challenge


@transaction.atomic
def challenge_start_evaluation(*, challenge: Challenge, actor: User) -> Challenge:
    _require(actor, "challenge.start_evaluation", challenge)
    challenge.stage = Stage.EVALUATION
    challenge.save()
    _record(
        challenge=challenge, kind="evaluation_started", actor=actor, actor_role="procesbegeleider"
    )
    return challenge


@transaction.atomic
def challenge_evaluate(*, challenge: Challenge, actor: User, evaluation: str) -> Challenge:
    _require(actor, "challenge.evaluate", challenge)
    challenge.evaluation = evaluation
    challenge.stage = Stage.COMPLETED
    challenge.closed_at = timezone.now()
    challenge.save()
    _record(
        challenge=challenge,
        kind="evaluated",
        actor=actor,
        actor_role="procesbegeleider",
        text=evaluation,
    )
    return challenge


# Called by the Ho-stop app through challenge/hostop.py; the hostop app checks who may do it.
@transaction.atomic
def challenge_pause(*, challenge: Challenge, actor: User, reason: str = "") -> Challenge:
    if challenge.stage != Stage.RUNNING or challenge.paused:
        raise ValidationError(_("Only a running challenge can be paused."))
    challenge.paused = True
    challenge.save(update_fields=["paused"])
    _record(challenge=challenge, kind="paused", actor=actor, actor_role="", text=reason)
    return challenge


@transaction.atomic
def challenge_resume(*, challenge: Challenge, actor: User) -> Challenge:
    if not challenge.paused:
        return challenge
    challenge.paused = False
    challenge.save(update_fields=["paused"])
    _record(challenge=challenge, kind="resumed", actor=actor, actor_role="")
    return challenge


@transaction.atomic
def procedure_settings_update(*, actor: User, data: dict[str, Any]) -> ProcedureSettings:
    _require(actor, "challenge.configure_procedure")
    procedure = ProcedureSettings.current()
    for field, value in data.items():
        setattr(procedure, field, value)
    procedure.save()
    audit_log(
        actor=actor,
        action="challenge.procedure_changed",
        target=procedure,
        data={k: str(v) for k, v in data.items() if k != "criteria_intro"},
    )
    return procedure


@transaction.atomic
def task_save(*, actor: User, task: Task | None, data: dict[str, Any]) -> Task:
    _require(actor, "challenge.manage_tasks")
    task = task or Task()
    for field, value in data.items():
        setattr(task, field, value)
    task.updated_at = timezone.now()
    task.save()
    audit_log(actor=actor, action="challenge.task_saved", target=task)
    return task


def personal_data_export(user: User) -> dict[str, Any]:
    return {
        "member_of": [
            {"challenge": m.challenge.title, "joined_at": m.joined_at.isoformat()}
            for m in user.challenge_memberships.select_related("challenge")
        ],
        "supported": [
            {"challenge": s.challenge.title, "at": s.created_at.isoformat()}
            for s in user.challenge_supports.select_related("challenge")
        ],
    }


def personal_data_anonymise(user: User) -> None:
    """Supports go (they only count); memberships go too, the group's plan stays."""
    ChallengeSupport.objects.filter(user=user).delete()
    ChallengeMember.objects.filter(user=user).delete()
