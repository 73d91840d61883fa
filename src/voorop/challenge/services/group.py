"""The group's own steps: submit a challenge, change the plan (and so complete it), add
members, collect support and signature lists, withdraw."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.challenge.models import (
    Challenge,
    ChallengeMember,
    ChallengeSupport,
    SignatureList,
    Task,
)
from voorop.challenge.phases import CHALLENGE, WITHDRAWN
from voorop.challenge.services._common import _record, changes_register
from voorop.core.base import timeline_message
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.initiatives import selectors as initiatives

if TYPE_CHECKING:
    from voorop.accounts.models import User

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


@changes_register
@transaction.atomic
def challenge_submit(
    *, task: Task, submitter: User, data: dict[str, Any], member_emails: Sequence[str] = ()
) -> Challenge:
    require(submitter, "challenge.submit", task)
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
        stage=CHALLENGE.initial.key,
        **{field: data[field] for field in SUBMISSION_FIELDS if field in data},
    )
    ChallengeMember.objects.create(challenge=challenge, user=submitter)
    for user in (
        get_user_model()
        .objects.filter(email__in=member_emails, is_active=True)
        .exclude(pk=submitter.pk)
    ):
        ChallengeMember.objects.create(challenge=challenge, user=user)
    _record(challenge=challenge, kind="submitted", actor=submitter, actor_role="uitdager")
    return challenge


@changes_register
@transaction.atomic
def challenge_update(*, challenge: Challenge, actor: User, data: dict[str, Any]) -> Challenge:
    """The group changes its plan; if information was missing, it is now complete again."""
    require(actor, "challenge.edit", challenge)
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


@changes_register
@transaction.atomic
def challenge_add_member(*, challenge: Challenge, actor: User, email: str) -> ChallengeMember:
    require(actor, "challenge.add_member", challenge)
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            _("There is no account with this e-mail address. Ask the person to create one first.")
        )
    if challenge.is_member(user):
        raise ValidationError(_("This person is already a member of the group."))
    membership = ChallengeMember.objects.create(challenge=challenge, user=user)
    _record(challenge=challenge, kind="member_added", actor=actor, actor_role="uitdager")
    return membership


@changes_register
@transaction.atomic
def challenge_support(*, challenge: Challenge, user: User) -> ChallengeSupport:
    require(user, "challenge.support", challenge)
    support, created = ChallengeSupport.objects.get_or_create(challenge=challenge, user=user)
    if created:
        audit_log(actor=user, action="challenge.supported", target=challenge)
    return support


@changes_register
@transaction.atomic
def challenge_withdraw_support(*, challenge: Challenge, user: User) -> None:
    deleted, _rows = ChallengeSupport.objects.filter(challenge=challenge, user=user).delete()
    if deleted:
        audit_log(actor=user, action="challenge.support_withdrawn", target=challenge)


@changes_register
@transaction.atomic
def challenge_upload_signatures(
    *, challenge: Challenge, actor: User, file: UploadedFile, signatures: int
) -> SignatureList:
    require(actor, "challenge.upload_signatures", challenge)
    signature_list = SignatureList.objects.create(
        challenge=challenge, file=file, signatures=signatures, uploaded_by=actor
    )
    _record(
        challenge=challenge,
        kind="signatures",
        actor=actor,
        actor_role="uitdager",
        message=timeline_message("signatures", count=signatures),
    )
    return signature_list


@changes_register
@transaction.atomic
def challenge_withdraw(*, challenge: Challenge, actor: User, reason: str) -> Challenge:
    require(actor, "challenge.withdraw", challenge)
    CHALLENGE.move(challenge, WITHDRAWN)
    challenge.withdrawal_reason = reason
    challenge.closed_at = timezone.now()
    challenge.save()
    _record(challenge=challenge, kind="withdrawn", actor=actor, actor_role="uitdager", text=reason)
    return challenge
