"""Writes of budget dialogues: setting one up (before it opens: a sent plan was checked
against the frames as they were), sending a plan (account or letter code), table plans from
meetings, checking a letter code, and the college's answer e-mailed to every participant.
Letters with codes are made by a background job: `letters.py`.

Each write checks its permission, runs in a transaction and writes an audit entry (never
the plan's choices). A plan that breaks a frame is refused with every breach in plain words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.core import cache, codes, mail
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.core.throttle import Throttle
from voorop.engines import savings as engine
from voorop.savings import selectors
from voorop.savings.models import (
    AgeBand,
    BudgetTable,
    Dialogue,
    DialogueCode,
    Plan,
    PlanChoice,
    PlanKind,
    SavingsOption,
    hash_code,
    holder_hash,
)

if TYPE_CHECKING:
    from voorop.core.areas.models import Area

ANSWER_MAIL = "savings.answer"
WRONG_CODES = Throttle("savings.code", limit=20)


def _signed_in(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _check(dialogue: Dialogue, levels: Mapping[str, int]) -> engine.Check:
    check = engine.check_plan(dialogue.frames(), dict(levels))
    if not check.ok:
        names = selectors.names(dialogue)
        raise ValidationError(
            [selectors.breach_text(breach, names) for breach in check.breaches], code="frame"
        )
    return check


def _write_choices(plan: Plan, levels: Mapping[str, int], reasons: Mapping[str, str]) -> None:
    plan.choices.all().delete()
    PlanChoice.objects.bulk_create(
        PlanChoice(
            plan=plan,
            option_id=int(key),
            level=level,
            reason=(reasons.get(key) or "").strip(),
        )
        for key, level in levels.items()
        if level != 0 or (reasons.get(key) or "").strip()
    )


@transaction.atomic
def plan_send(
    *,
    actor: Any,
    dialogue: Dialogue,
    levels: Mapping[str, int],
    reasons: Mapping[str, str],
    code: DialogueCode | None = None,
    age_band: str = "",
    area: Area | None = None,
    email: str = "",
) -> Plan:
    """Send (or replace) a resident's plan: by account (an eligible resident) or by letter
    code. One plan per account and per code; sending again replaces the choices."""
    user = None
    if code is not None:
        require(actor, "savings.make_plan_with_code", dialogue)
        if code.dialogue_id != dialogue.pk:
            raise ValidationError(_("This code belongs to another budget dialogue."))
    else:
        require(actor, "savings.make_plan", dialogue)
        user = _signed_in(actor)
        if user is None:
            raise PermissionDenied("savings.make_plan")
    check = _check(dialogue, levels)
    holder = _one_person_one_plan(actor, dialogue, code)
    if user is not None:
        # The municipality's check of where the resident lives gives area and age.
        from voorop.budgeting.selectors import eligibility

        verification = eligibility(user, dialogue).verification
        if verification is not None:
            area = verification.area
            age = timezone.localdate(dialogue.open_from).year - verification.birth_year
            age_band = AgeBand.for_age(age)
        existing = Plan.objects.select_for_update().filter(
            dialogue=dialogue, author=user, kind=PlanKind.RESIDENT
        )
    else:
        existing = Plan.objects.select_for_update().filter(code=code)
    plan = existing.first()
    now = timezone.now()
    fields = {
        "area": area,
        "age_band": age_band if age_band in AgeBand.values else "",
        "total_change": check.total_change,
        "email": "" if user is not None else email.strip(),
        "code_holder": holder,
        "changed_at": now,
    }
    if plan is None:
        try:
            with transaction.atomic():
                plan = Plan.objects.create(
                    dialogue=dialogue, author=user, code=code, sent_at=now, **fields
                )
        except IntegrityError:  # two requests at once: the other one made the plan
            plan = existing.get()
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save()
    _write_choices(plan, levels, reasons)
    audit_log(
        actor=actor,
        action="savings.plan_sent",
        target=dialogue,
        data={"plan": plan.pk, "by_code": code is not None},
    )
    cache.forget("savings.results", dialogue.pk)
    return plan


def _one_person_one_plan(actor: Any, dialogue: Dialogue, code: DialogueCode | None) -> str:
    """Refuse a second plan by the same signed-in person through another route (account, or
    another code); returns the hash to keep on a code plan."""
    user = _signed_in(actor)
    if user is None:
        return ""
    holder = holder_hash(dialogue.pk, user.pk)
    plans = Plan.objects.filter(dialogue=dialogue, kind=PlanKind.RESIDENT)
    if code is not None:
        if plans.filter(author=user).exists():
            raise ValidationError(
                _("You already sent a plan with your account. Change that plan instead."),
                code="one_plan",
            )
        if plans.filter(code_holder=holder).exclude(code=code).exists():
            raise ValidationError(
                _("You already sent a plan with another code. Change that plan instead."),
                code="one_plan",
            )
        return holder
    if plans.filter(code_holder=holder).exists():
        raise ValidationError(
            _("You already sent a plan with a code. Change that plan instead."), code="one_plan"
        )
    return ""


@transaction.atomic
def table_plan_enter(
    *,
    actor: Any,
    dialogue: Dialogue,
    meeting: str,
    levels: Mapping[str, int],
    reasons: Mapping[str, str],
) -> Plan:
    """Staff enter the plan a table of residents made at a meeting."""
    require(actor, "savings.enter_table_plan", dialogue)
    if not meeting.strip():
        raise ValidationError(_("Write which meeting and table this plan comes from."))
    check = _check(dialogue, levels)
    plan = Plan.objects.create(
        dialogue=dialogue,
        kind=PlanKind.TABLE,
        meeting=meeting.strip(),
        total_change=check.total_change,
    )
    _write_choices(plan, levels, reasons)
    audit_log(actor=actor, action="savings.table_plan_entered", target=dialogue,
              data={"plan": plan.pk})  # fmt: skip
    cache.forget("savings.results", dialogue.pk)
    return plan


def dialogue_code_check(*, dialogue: Dialogue, code: str, client: str) -> DialogueCode:
    """The code's row, or a ValidationError in plain words; wrong codes are limited per
    client (voorop.core.throttle)."""
    attempt = WRONG_CODES.attempt(client)
    if attempt.refused:
        raise ValidationError(
            _("You entered a wrong code too often. Wait an hour and try again, or ask the desk."),
            code="rate_limited",
        )
    normalised = codes.normalise(code)
    found = None
    if normalised:
        found = DialogueCode.objects.filter(
            dialogue=dialogue, code_hash=hash_code(dialogue.pk, normalised)
        ).first()
    if found is None:
        raise ValidationError(
            _("This code is not right. Check the letter and type the code again."), code="wrong"
        )
    attempt.forgive()
    return found


@transaction.atomic
def answer_publish(*, actor: Any, dialogue: Dialogue, answer: str) -> int:
    """Publish the college's answer and e-mail it to every participant (accounts with a
    plan, and code participants who left an address). Returns the number of mails queued."""
    require(actor, "savings.publish_answer", dialogue)
    if not answer.strip():
        raise ValidationError(_("Write the answer of the college."))
    # Locked and read again: a double submit (two clicks, a retry) must not mail everyone twice.
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if dialogue.answered_at is not None:
        raise ValidationError(_("The answer of the college has already been published."))
    dialogue.answer = answer.strip()
    dialogue.answered_at = timezone.now()
    dialogue.save(update_fields=["answer", "answered_at"])
    plans = Plan.objects.filter(dialogue=dialogue, kind=PlanKind.RESIDENT).exclude(
        author__isnull=True, email=""
    )
    ids = list(plans.values_list("pk", flat=True))
    for plan_id in ids:
        mail.send(ANSWER_MAIL, plan=plan_id)
    audit_log(actor=actor, action="savings.answer_published", target=dialogue,
              data={"mails": len(ids)})  # fmt: skip
    return len(ids)


# --- setting up ------------------------------------------------------------------------

DIALOGUE_FIELDS = (
    "title",
    "introduction",
    "area",
    "target_kind",
    "target_amount",
    "min_age",
    "accepts_accounts",
    "accepts_codes",
    "open_from",
    "open_until",
)
TABLE_FIELDS = ("name", "description", "current", "minimum", "maximum")
OPTION_FIELDS = (
    "name",
    "description",
    "step_amount",
    "steps_down",
    "steps_up",
    "step_down_means",
    "step_up_means",
    "untouchable",
)


@transaction.atomic
def dialogue_create(*, actor: Any, **fields: Any) -> Dialogue:
    require(actor, "savings.add_dialogue")
    if fields["open_until"] <= fields["open_from"]:
        raise ValidationError({"open_until": _("The end must come after the start.")})
    dialogue = Dialogue.objects.create(
        **{name: value for name, value in fields.items() if name in DIALOGUE_FIELDS}
    )
    audit_log(actor=actor, action="savings.dialogue_created", target=dialogue)
    return dialogue


@transaction.atomic
def table_add(*, actor: Any, dialogue: Dialogue, **fields: Any) -> BudgetTable:
    require(actor, "savings.set_up_dialogue", dialogue)
    minimum, maximum, current = fields.get("minimum"), fields.get("maximum"), fields["current"]
    if minimum is not None and minimum > current:
        raise ValidationError({"minimum": _("The minimum cannot be above the current amount.")})
    if maximum is not None and maximum < current:
        raise ValidationError({"maximum": _("The maximum cannot be below the current amount.")})
    table = BudgetTable.objects.create(
        dialogue=dialogue,
        order=dialogue.tables.count() + 1,
        **{name: value for name, value in fields.items() if name in TABLE_FIELDS},
    )
    audit_log(actor=actor, action="savings.table_added", target=dialogue,
              data={"table": table.pk})  # fmt: skip
    return table


@transaction.atomic
def option_add(*, actor: Any, table: BudgetTable, **fields: Any) -> SavingsOption:
    require(actor, "savings.set_up_dialogue", table.dialogue)
    if not fields.get("untouchable") and not (fields["steps_down"] or fields["steps_up"]):
        raise ValidationError(
            {"steps_down": _("Give at least one step down or up, or mark it as untouchable.")}
        )
    option = SavingsOption.objects.create(
        table=table,
        order=table.options.count() + 1,
        **{name: value for name, value in fields.items() if name in OPTION_FIELDS},
    )
    audit_log(actor=actor, action="savings.option_added", target=table.dialogue,
              data={"option": option.pk})  # fmt: skip
    return option


# Letters with codes (a background job), kept here so that views and other apps reach them
# through services.
from voorop.savings.services.letters import (  # noqa: E402
    MAX_CODES,
    letters_delete,
    letters_make,
    letters_request,
    letters_retry,
)

__all__ = [
    "MAX_CODES",
    "answer_publish",
    "dialogue_code_check",
    "dialogue_create",
    "letters_delete",
    "letters_make",
    "letters_request",
    "letters_retry",
    "option_add",
    "plan_send",
    "table_add",
    "table_plan_enter",
]
