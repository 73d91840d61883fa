"""The municipality's steps, each in its own stage: acknowledge, ask for missing
information, the exploratory talk, the assessment, the college's decision, the agreement
and the evaluation; and the pause and resume of a Ho-stop card."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.challenge import phases
from voorop.challenge.models import Challenge, Criterion, CriterionScore, Outcome
from voorop.challenge.phases import CHALLENGE
from voorop.challenge.services._common import _record, changes_register
from voorop.core.base import timeline_message
from voorop.core.permissions import require

if TYPE_CHECKING:
    from voorop.accounts.models import User


@changes_register
@transaction.atomic
def challenge_acknowledge(*, challenge: Challenge, actor: User, message: str = "") -> Challenge:
    require(actor, "challenge.acknowledge", challenge)
    challenge.acknowledged_at = timezone.now()
    challenge.handler = challenge.handler or actor
    CHALLENGE.move(challenge, phases.EXPLORATORY_TALK)
    challenge.save()
    _record(
        challenge=challenge,
        kind="acknowledged",
        actor=actor,
        actor_role="procesbegeleider",
        text=message,
    )
    return challenge


@changes_register
@transaction.atomic
def challenge_mark_incomplete(*, challenge: Challenge, actor: User, missing: str) -> Challenge:
    require(actor, "challenge.mark_incomplete", challenge)
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


@changes_register
@transaction.atomic
def challenge_record_talk(
    *, challenge: Challenge, actor: User, held_on: date, summary: str
) -> Challenge:
    require(actor, "challenge.record_talk", challenge)
    challenge.talk_held_on = held_on
    CHALLENGE.move(challenge, phases.ASSESSMENT)
    challenge.save()
    _record(
        challenge=challenge,
        kind="talk_held",
        actor=actor,
        actor_role="procesbegeleider",
        text=summary,
    )
    return challenge


@changes_register
@transaction.atomic
def challenge_assess(
    *, challenge: Challenge, actor: User, scores: dict[str, tuple[int, str]]
) -> Challenge:
    """Score every published criterion (1–5) with reasons; then it goes to the college."""
    require(actor, "challenge.assess", challenge)
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
    CHALLENGE.move(challenge, phases.DECISION)
    challenge.save()
    _record(
        challenge=challenge,
        kind="assessed",
        actor=actor,
        actor_role="procesbegeleider",
        message=timeline_message(
            "assessed",
            scores=[[c, int(scores[c][0]), scores[c][1]] for c in Criterion.values],
        ),
    )
    return challenge


@changes_register
@transaction.atomic
def challenge_decide(
    *, challenge: Challenge, actor: User, outcome: str, reasons: str, conditions: str = ""
) -> Challenge:
    require(actor, "challenge.decide", challenge)
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
        CHALLENGE.move(challenge, phases.REFUSED)
        challenge.closed_at = challenge.decided_at
    else:
        CHALLENGE.move(challenge, phases.AGREEMENT)
    challenge.save()
    if challenge.conditions:
        message = timeline_message(
            "decided_with_conditions", outcome=outcome.value, conditions=challenge.conditions
        )
    else:
        message = timeline_message("decided", outcome=outcome.value)
    _record(
        challenge=challenge,
        kind="decided",
        actor=actor,
        actor_role="college",
        text=reasons,
        message=message,
    )
    return challenge


@changes_register
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
    require(actor, "challenge.record_agreement", challenge)
    if ends_on <= starts_on:
        raise ValidationError(_("The end date must be after the start date."))
    challenge.agreement_budget = budget
    challenge.agreement_starts_on = starts_on
    challenge.agreement_ends_on = ends_on
    challenge.agreement_reporting = reporting
    CHALLENGE.move(challenge, phases.RUNNING)
    challenge.save()
    _record(
        challenge=challenge,
        kind="agreement",
        actor=actor,
        actor_role="procesbegeleider",
        message=timeline_message(
            "agreement", budget=budget, start=starts_on, end=ends_on, rep=reporting
        ),
    )
    return challenge


@changes_register
@transaction.atomic
def challenge_start_evaluation(*, challenge: Challenge, actor: User) -> Challenge:
    require(actor, "challenge.start_evaluation", challenge)
    CHALLENGE.move(challenge, phases.EVALUATION)
    challenge.save()
    _record(
        challenge=challenge, kind="evaluation_started", actor=actor, actor_role="procesbegeleider"
    )
    return challenge


@changes_register
@transaction.atomic
def challenge_evaluate(*, challenge: Challenge, actor: User, evaluation: str) -> Challenge:
    require(actor, "challenge.evaluate", challenge)
    challenge.evaluation = evaluation
    CHALLENGE.move(challenge, phases.COMPLETED)
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
@changes_register
@transaction.atomic
def challenge_pause(*, challenge: Challenge, actor: User, reason: str = "") -> Challenge:
    if not CHALLENGE.allows(challenge, phases.Action.PAUSE):
        raise ValidationError(_("Only a running challenge can be paused."))
    challenge.paused = True
    challenge.save(update_fields=["paused"])
    _record(challenge=challenge, kind="paused", actor=actor, actor_role="", text=reason)
    return challenge


@changes_register
@transaction.atomic
def challenge_resume(*, challenge: Challenge, actor: User) -> Challenge:
    if not challenge.paused:
        return challenge
    challenge.paused = False
    challenge.save(update_fields=["paused"])
    _record(challenge=challenge, kind="resumed", actor=actor, actor_role="")
    return challenge
