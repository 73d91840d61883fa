"""Stage: what is measured. A beheerder defines manual indicators and programmes; staff
enter the values of manual indicators per half-year and area, with a source."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.core import indicators
from voorop.core.indicators import Period, Unit
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.monitoring.models import (
    MANUAL_PREFIX,
    PROGRAMME_SIZE,
    ManualIndicator,
    ManualValue,
    Programme,
)

if TYPE_CHECKING:
    from voorop.core.areas.models import Area


def known_keys() -> set[str]:
    """Every indicator a programme may choose: computed and manual."""
    keys = {indicator.key for indicator in indicators.all_indicators()}
    keys.update(
        f"{MANUAL_PREFIX}{slug}" for slug in ManualIndicator.objects.values_list("slug", flat=True)
    )
    return keys


@transaction.atomic
def manual_indicator_create(
    *, actor: Any, slug: str, name: str, description: str, formula: str, unit: str
) -> ManualIndicator:
    require(actor, "monitoring.manage_indicators")
    if unit not in Unit.values:
        raise ValidationError({"unit": _("Choose a unit.")})
    if ManualIndicator.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("This short name is taken.")})
    indicator = ManualIndicator.objects.create(
        slug=slug,
        name=name.strip(),
        description=description.strip(),
        formula=formula.strip(),
        unit=unit,
        created_by=actor,
    )
    audit_log(actor=actor, action="monitoring.manual_indicator_created", target=indicator)
    return indicator


@transaction.atomic
def manual_indicator_update(
    *, actor: Any, indicator: ManualIndicator, name: str, description: str, formula: str
) -> ManualIndicator:
    """Change the texts. Snapshots already taken keep the texts they recorded."""
    require(actor, "monitoring.manage_indicators")
    indicator.name, indicator.description, indicator.formula = (
        name.strip(),
        description.strip(),
        formula.strip(),
    )
    indicator.updated_at = timezone.now()
    indicator.save(update_fields=["name", "description", "formula", "updated_at"])
    audit_log(actor=actor, action="monitoring.manual_indicator_changed", target=indicator)
    return indicator


@transaction.atomic
def manual_value_enter(
    *,
    actor: Any,
    indicator: ManualIndicator,
    period_key: str,
    area: Area | None,
    value: Decimal | None,
    text: str,
    source: str,
) -> ManualValue:
    """Enter (or correct) the value of a manual indicator for a half-year and an area."""
    require(actor, "monitoring.enter_values")
    try:
        Period.from_key(period_key)
    except ValueError as error:
        raise ValidationError({"period_key": _("Choose a half-year, such as 2026-H1.")}) from error
    if indicator.unit == Unit.TEXT:
        if not text.strip():
            raise ValidationError({"text": _("Write what was noticed.")})
        value = None
    elif value is None:
        raise ValidationError({"value": _("Enter a number.")})
    elif indicator.unit == Unit.SHARE and not (0 <= value <= 100):
        raise ValidationError({"value": _("Enter a percentage from 0 to 100.")})
    if not source.strip():
        raise ValidationError({"source": _("Say where the value comes from.")})
    if indicator.unit == Unit.SHARE and value is not None:
        value = value / 100
    row, _created = ManualValue.objects.update_or_create(
        indicator=indicator,
        period_key=period_key,
        area=area,
        defaults={
            "value": value,
            "text": text.strip(),
            "source": source.strip(),
            "entered_by": actor,
            "entered_at": timezone.now(),
        },
    )
    audit_log(
        actor=actor,
        action="monitoring.manual_value_entered",
        target=row,
        data={"indicator": indicator.key, "period": period_key},
    )
    return row


def _check_keys(keys: list[str]) -> list[str]:
    unique = list(dict.fromkeys(keys))
    if len(unique) > PROGRAMME_SIZE:
        raise ValidationError(
            {"indicator_keys": _("Choose at most %(n)d indicators.") % {"n": PROGRAMME_SIZE}}
        )
    unknown = set(unique) - known_keys()
    if unknown:
        raise ValidationError({"indicator_keys": _("Choose indicators from the list.")})
    return unique


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    name: str,
    description: str = "",
    question: str = "",
    indicator_keys: list[str] | None = None,
    is_public: bool = True,
) -> Programme:
    require(actor, "monitoring.manage_programmes")
    if not name.strip():
        raise ValidationError({"name": _("Give the programme a name.")})
    programme = Programme.objects.create(
        name=name.strip(),
        description=description.strip(),
        question=question.strip(),
        indicator_keys=_check_keys(indicator_keys or []),
        is_public=is_public,
    )
    audit_log(actor=actor, action="monitoring.programme_created", target=programme)
    return programme


@transaction.atomic
def programme_update(
    *, actor: Any, programme: Programme, name: str, description: str, question: str, is_public: bool
) -> Programme:
    require(actor, "monitoring.manage_programmes")
    if not name.strip():
        raise ValidationError({"name": _("Give the programme a name.")})
    programme.name, programme.description = name.strip(), description.strip()
    programme.question, programme.is_public = question.strip(), is_public
    programme.save(update_fields=["name", "description", "question", "is_public"])
    audit_log(actor=actor, action="monitoring.programme_changed", target=programme)
    return programme


@transaction.atomic
def programme_set_indicators(*, actor: Any, programme: Programme, keys: list[str]) -> Programme:
    """The programme's (at most ten) indicators, in the order given."""
    require(actor, "monitoring.manage_programmes")
    programme.indicator_keys = _check_keys(keys)
    programme.save(update_fields=["indicator_keys"])
    audit_log(
        actor=actor,
        action="monitoring.programme_indicators_set",
        target=programme,
        data={"keys": programme.indicator_keys},
    )
    return programme
