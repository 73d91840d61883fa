"""The challenge procedure from submission to evaluation, through the services."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.accounts.factories import UserFactory, user_with_role
from tests.challenge.factories import ChallengeFactory, TaskFactory
from voorop.challenge import services
from voorop.challenge.models import Challenge, ProcedureSettings, Stage
from voorop.core.models import AuditEntry

pytestmark = pytest.mark.django_db

DATA = {
    "title": "Piloot groenonderhoud",
    "group_name": "Dorpsraad Heikant",
    "plan": "We maaien zelf.",
    "cost": Decimal("30000"),
    "cost_explanation": "Machines.",
    "quality": "Norm B.",
    "continuity": "Vrijwilligers.",
    "support_evidence": "Dorpsavond.",
    "risks": "Regen.",
}


@pytest.fixture
def people():
    return {
        "pb": user_with_role("procesbegeleider"),
        "college": user_with_role("college"),
        "submitter": UserFactory(),
        "friend": UserFactory(),
    }


def test_full_procedure_to_completion(people, django_capture_on_commit_callbacks):
    task = TaskFactory()
    with django_capture_on_commit_callbacks(execute=True):
        challenge = services.challenge_submit(
            task=task,
            submitter=people["submitter"],
            data=DATA,
            member_emails=[people["friend"].email],
        )
    assert challenge.stage == Stage.SUBMITTED
    assert challenge.is_member(people["friend"])
    # Both members hear about every step.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["submitter"].email, people["friend"].email]
    )
    assert "Uitdaging ingediend" in mail.outbox[0].subject

    pb, college = people["pb"], people["college"]
    services.challenge_acknowledge(challenge=challenge, actor=pb, message="Welkom")
    assert challenge.stage == Stage.EXPLORATORY_TALK and challenge.handler == pb
    services.challenge_record_talk(
        challenge=challenge, actor=pb, held_on=timezone.localdate(), summary="Goed gesprek"
    )
    scores = dict.fromkeys(("support", "quality", "cost", "continuity", "risk"), (4, "Prima"))
    services.challenge_assess(challenge=challenge, actor=pb, scores=scores)
    assert challenge.stage == Stage.DECISION and challenge.scores.count() == 5
    services.challenge_decide(
        challenge=challenge,
        actor=college,
        outcome="granted_with_conditions",
        reasons="Sterk plan",
        conditions="Evaluatie na een jaar",
    )
    assert challenge.stage == Stage.AGREEMENT
    start = timezone.localdate()
    services.challenge_record_agreement(
        challenge=challenge,
        actor=pb,
        budget=Decimal("29000"),
        starts_on=start,
        ends_on=start + timedelta(days=365),
        reporting="Twee keer per jaar",
    )
    assert challenge.stage == Stage.RUNNING
    services.challenge_start_evaluation(challenge=challenge, actor=pb)
    services.challenge_evaluate(challenge=challenge, actor=pb, evaluation="Geleerd: veel.")
    challenge.refresh_from_db()
    assert challenge.stage == Stage.COMPLETED and challenge.closed_at
    kinds = list(challenge.timeline.values_list("kind", flat=True))
    assert kinds == [
        "submitted",
        "acknowledged",
        "talk_held",
        "assessed",
        "decided",
        "agreement",
        "evaluation_started",
        "evaluated",
    ]
    assert AuditEntry.objects.filter(action="challenge.decided").exists()


def test_staff_cannot_skip_a_stage(people):
    challenge = ChallengeFactory()
    with pytest.raises(PermissionDenied):
        services.challenge_decide(
            challenge=challenge, actor=people["college"], outcome="granted", reasons="x"
        )
    with pytest.raises(PermissionDenied):
        services.challenge_acknowledge(challenge=challenge, actor=people["college"])


def test_refusal_needs_reasons_and_closes(people):
    challenge = ChallengeFactory(stage=Stage.DECISION)
    with pytest.raises(ValidationError):
        services.challenge_decide(
            challenge=challenge, actor=people["college"], outcome="refused", reasons="  "
        )
    services.challenge_decide(
        challenge=challenge, actor=people["college"], outcome="refused", reasons="Te duur"
    )
    assert challenge.stage == Stage.REFUSED and challenge.closed_at


def test_incomplete_submission_restarts_the_decision_deadline(people):
    challenge = ChallengeFactory(submitted_at=timezone.now() - timedelta(days=30))
    challenge.complete_at = challenge.submitted_at
    challenge.save()
    first = challenge.decision_deadline()
    assert first == timezone.localdate() - timedelta(days=30) + timedelta(weeks=8)
    services.challenge_mark_incomplete(
        challenge=challenge, actor=people["pb"], missing="De begroting ontbreekt."
    )
    assert challenge.complete_at is None and challenge.decision_deadline() is None
    services.challenge_update(
        challenge=challenge, actor=challenge.submitter, data={"cost": Decimal("1000")}
    )
    assert challenge.decision_deadline() == timezone.localdate() + timedelta(weeks=8)
    assert list(challenge.timeline.values_list("kind", flat=True)) == ["incomplete", "completed"]


def test_deadlines_follow_the_configured_regulation():
    procedure = ProcedureSettings.current()
    procedure.acknowledge_weeks = 1
    procedure.save()
    challenge = ChallengeFactory(submitted_at=timezone.now() - timedelta(days=10))
    assert challenge.deadline() == timezone.localdate() - timedelta(days=3)
    assert challenge.is_overdue()


def test_support_once_and_withdraw():
    challenge = ChallengeFactory()
    resident = UserFactory()
    services.challenge_support(challenge=challenge, user=resident)
    services.challenge_support(challenge=challenge, user=resident)
    assert challenge.supports.count() == 1
    services.challenge_withdraw_support(challenge=challenge, user=resident)
    assert challenge.supports.count() == 0
    with pytest.raises(PermissionDenied):
        services.challenge_support(challenge=challenge, user=challenge.submitter)


def test_add_member_by_email_of_an_existing_account():
    challenge = ChallengeFactory()
    friend = UserFactory()
    with pytest.raises(ValidationError):
        services.challenge_add_member(
            challenge=challenge, actor=challenge.submitter, email="niemand@example.org"
        )
    services.challenge_add_member(
        challenge=challenge, actor=challenge.submitter, email=friend.email.upper()
    )
    assert challenge.is_member(friend)
    with pytest.raises(ValidationError):
        services.challenge_add_member(
            challenge=challenge, actor=challenge.submitter, email=friend.email
        )


def test_withdraw_by_the_group():
    challenge = ChallengeFactory(stage=Stage.ASSESSMENT)
    services.challenge_withdraw(challenge=challenge, actor=challenge.submitter, reason="Te druk")
    assert challenge.stage == Stage.WITHDRAWN
    with pytest.raises(PermissionDenied):
        services.challenge_withdraw(challenge=challenge, actor=challenge.submitter, reason="x")


def test_personal_data_export_and_anonymise():
    challenge = ChallengeFactory()
    supporter = UserFactory()
    services.challenge_support(challenge=challenge, user=supporter)
    exported = services.personal_data_export(challenge.submitter)
    assert exported["member_of"][0]["challenge"] == challenge.title
    assert services.personal_data_export(supporter)["supported"]
    services.personal_data_anonymise(supporter)
    services.personal_data_anonymise(challenge.submitter)
    assert not challenge.supports.exists() and not challenge.memberships.exists()
    assert Challenge.objects.filter(pk=challenge.pk).exists()
