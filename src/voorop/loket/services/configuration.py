"""How the desk is set up, by the beheerder: response-time targets per kind of item, teams,

routing rules (theme × area → contact or team) and each area's escalation ladder."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from voorop.core.areas.models import Area, Theme
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.loket.models import EscalationStep, ItemKind, ResponseTarget, RoutingRule, Team

if TYPE_CHECKING:
    from voorop.accounts.models import User


@transaction.atomic
def response_target_set(*, actor: Any, kind: str, working_days: int) -> ResponseTarget:
    """The number of working days within which an item of this kind gets a first answer."""
    require(actor, "loket.configure_desk")
    if kind not in ItemKind.values:
        raise ValidationError(_("Choose one of the options."))
    if working_days < 1:
        raise ValidationError(_("Enter at least 1 working day."))
    target, _created = ResponseTarget.objects.update_or_create(
        kind=kind, defaults={"working_days": working_days}
    )
    audit_log(
        actor=actor,
        action="desk.response_target_set",
        target=target,
        data={"kind": kind, "working_days": working_days},
    )
    return target


@transaction.atomic
def team_create(*, actor: Any, name: str, email: str = "", members: Iterable[User] = ()) -> Team:
    require(actor, "loket.configure_desk")
    if not name.strip():
        raise ValidationError(_("Give the team a name."))
    if Team.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError(_("There is already a team with this name."))
    team = Team.objects.create(name=name.strip(), email=email.strip())
    team.members.set(members)
    audit_log(actor=actor, action="desk.team_created", target=team)
    return team


def _check_target(contact: User | None, team: Team | None) -> None:
    if contact is None and team is None:
        raise ValidationError(_("Choose a contact person or a team."))


@transaction.atomic
def routing_rule_add(
    *,
    actor: Any,
    theme: Theme | None = None,
    area: Area | None = None,
    contact: User | None = None,
    team: Team | None = None,
) -> RoutingRule:
    """Suggest `contact` or `team` for items of this theme in this area (None: any)."""
    require(actor, "loket.configure_desk")
    _check_target(contact, team)
    try:
        with transaction.atomic():
            rule = RoutingRule.objects.create(theme=theme, area=area, contact=contact, team=team)
    except IntegrityError as error:
        raise ValidationError(
            _("There is already a routing rule for this theme and area.")
        ) from error
    audit_log(actor=actor, action="desk.routing_rule_added", target=rule)
    return rule


@transaction.atomic
def escalation_step_add(
    *,
    actor: Any,
    area: Area,
    level: int,
    label: str,
    contact: User | None = None,
    team: Team | None = None,
) -> EscalationStep:
    """One level of the area's escalation ladder: who takes an item that goes up a level."""
    require(actor, "loket.configure_desk")
    _check_target(contact, team)
    if not label.strip():
        raise ValidationError(_("Give this level a name."))
    try:
        with transaction.atomic():
            step = EscalationStep.objects.create(
                area=area, level=level, label=label.strip(), contact=contact, team=team
            )
    except IntegrityError as error:
        raise ValidationError(_("This area already has this level.")) from error
    audit_log(actor=actor, action="desk.escalation_step_added", target=step)
    return step
