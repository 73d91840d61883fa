"""Stage: learning. Per experiment (an initiative in experiment mode): its own indicators
with values per half-year, and a learning log that is public and searchable."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from voorop.core.indicators import Period
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.monitoring.models import ExperimentIndicator, ExperimentValue, Lesson


def _check_period(period_key: str) -> None:
    try:
        Period.from_key(period_key)
    except ValueError as error:
        raise ValidationError({"period_key": _("Choose a half-year, such as 2026-H1.")}) from error


def _check_experiment(initiative: Any) -> None:
    if not getattr(initiative, "is_experiment", False):
        raise ValidationError(_("This initiative is not an experiment."))


@transaction.atomic
def experiment_indicator_add(
    *, actor: Any, initiative: Any, name: str, how_measured: str
) -> ExperimentIndicator:
    require(actor, "monitoring.keep_learning_log", initiative)
    _check_experiment(initiative)
    if not name.strip():
        raise ValidationError({"name": _("Give the indicator a name.")})
    if not how_measured.strip():
        raise ValidationError({"how_measured": _("Say how you measure it.")})
    indicator = ExperimentIndicator.objects.create(
        initiative=initiative, name=name.strip(), how_measured=how_measured.strip()
    )
    audit_log(actor=actor, action="monitoring.experiment_indicator_added", target=indicator)
    return indicator


@transaction.atomic
def experiment_value_enter(
    *,
    actor: Any,
    indicator: ExperimentIndicator,
    period_key: str,
    value: Decimal | None,
    text: str,
    source: str,
) -> ExperimentValue:
    require(actor, "monitoring.keep_learning_log", indicator.initiative)
    _check_period(period_key)
    if value is None and not text.strip():
        raise ValidationError({"value": _("Enter a number or a text.")})
    if not source.strip():
        raise ValidationError({"source": _("Say where the value comes from.")})
    row = ExperimentValue.objects.create(
        indicator=indicator,
        period_key=period_key,
        value=value,
        text=text.strip(),
        source=source.strip(),
        entered_by=actor,
    )
    audit_log(actor=actor, action="monitoring.experiment_value_entered", target=row)
    return row


@transaction.atomic
def lesson_add(
    *,
    actor: Any,
    initiative: Any,
    period_key: str,
    worked: str,
    did_not_work: str,
    differently: str,
) -> Lesson:
    """One entry of the learning log. It is public at once."""
    require(actor, "monitoring.keep_learning_log", initiative)
    _check_experiment(initiative)
    _check_period(period_key)
    if not (worked.strip() or did_not_work.strip() or differently.strip()):
        raise ValidationError(_("Write at least one lesson."))
    lesson = Lesson.objects.create(
        initiative=initiative,
        period_key=period_key,
        worked=worked.strip(),
        did_not_work=did_not_work.strip(),
        differently=differently.strip(),
        author=actor,
    )
    audit_log(actor=actor, action="monitoring.lesson_added", target=lesson)
    return lesson
