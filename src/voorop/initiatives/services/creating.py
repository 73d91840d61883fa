"""Starting an initiative and changing what it says: title, description, the preconditions
(randvoorwaarden) and the agreements, areas and themes."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from voorop.core.areas.models import Area, Theme
from voorop.core.base import timeline_message
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.initiatives.models import (
    CLOSED_STATUSES,
    ExperimentMode,
    Impulse,
    Initiative,
    InitiativeTimelineEntry,
    LadderStep,
    Membership,
    OwnershipType,
    Status,
)
from voorop.initiatives.rules import is_initiative_staff
from voorop.initiatives.services._common import (
    _event,
    _forget_cached_roles,
    _tell,
    changes_public_pages,
)

if TYPE_CHECKING:
    from voorop.accounts.models import User


@changes_public_pages
@transaction.atomic
def initiative_create(
    *,
    actor: User,
    title: str,
    description: str,
    owners: list[User],
    areas: Sequence[Area] = (),
    themes: Sequence[Theme] = (),
    status: str = "concept",
    reason: str = "",
    desk_reference: str = "",
    battle_title: str = "",
) -> Initiative:
    """Create an initiative owned by `owners`.

    A resident starts their own (actor among the owners, status concept). Staff of the desk
    may create one on behalf of the owners, in any status up to running; the timeline says
    who created it and why, and the owners get an e-mail. `desk_reference`: the desk item
    it came from; `battle_title`: the pitch battle it came from (the timeline says so, in
    the reader's language).
    """
    if not owners:
        raise ValidationError(_("An initiative needs at least one owner."))
    if status not in Status.values or status in CLOSED_STATUSES | {Status.PAUSED}:
        raise ValidationError(_("An initiative cannot start with this status."))
    on_behalf = actor.pk not in {owner.pk for owner in owners}
    if on_behalf or status != Status.CONCEPT:
        if not is_initiative_staff(actor):
            raise PermissionDenied("initiatives.create_on_behalf")
    else:
        require(actor, "initiatives.add_initiative")
    if not title.strip() or not description.strip():
        raise ValidationError(_("Give the initiative a title and a description."))

    initiative = Initiative.objects.create(
        title=title.strip(), description=description.strip(), status=status
    )
    Membership.objects.bulk_create(
        Membership(initiative=initiative, user=owner, role=Membership.Role.OWNER)
        for owner in dict.fromkeys(owners)
    )
    initiative.areas.set(areas)
    initiative.themes.set(themes)
    _event(
        initiative,
        kind=InitiativeTimelineEntry.Kind.CREATED,
        actor=actor,
        to_status=status,
        reason=reason.strip(),
        message=_origin_message(desk_reference, battle_title),
    )
    audit_log(
        actor=actor,
        action="initiative.created",
        target=initiative,
        data={"status": status, "owners": [o.pk for o in owners], "on_behalf": on_behalf},
    )
    if on_behalf:
        _tell(initiative, "created_for_you", exclude=actor, actor=actor)
    _forget_cached_roles(actor, *owners)
    return initiative


def _origin_message(desk_reference: str, battle_title: str) -> dict | None:
    if desk_reference:
        return timeline_message("from_desk", reference=desk_reference)
    if battle_title:
        return timeline_message("from_battle", battle=battle_title)
    return None


EDITABLE_FIELDS = frozenset(
    {
        "title",
        "summary",
        "description",
        "ownership_type",
        "contribution",
        "ladder_step",
        "strength_in_society",
        "how_organised",
        "conflicting_interests",
        "support_base",
        "self_reliance",
        "impulses",
        "requested_budget",
        "feasibility_note",
        "expectations",
        "is_experiment",
        "experiment_mode",
        "lessons_learned",
    }
)


def _check_details(changes: dict[str, Any]) -> None:
    errors: dict[str, str | Promise] = {}
    if "title" in changes and not str(changes["title"]).strip():
        errors["title"] = _("Give the initiative a title.")
    if "description" in changes and not str(changes["description"]).strip():
        errors["description"] = _("Describe the initiative.")
    choices = {
        "ownership_type": OwnershipType.values,
        "ladder_step": [*LadderStep.values, ""],
        "experiment_mode": [*ExperimentMode.values, ""],
    }
    for name, allowed in choices.items():
        if name in changes and changes[name] not in allowed:
            errors[name] = _("Choose one of the options.")
    if "impulses" in changes and not set(changes["impulses"]) <= set(Impulse.values):
        errors["impulses"] = _("Choose one of the options.")
    budget = changes.get("requested_budget")
    if budget is not None and Decimal(budget) < 0:
        errors["requested_budget"] = _("The budget cannot be less than zero.")
    if errors:
        raise ValidationError(errors)


@changes_public_pages
@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    actor: User,
    areas: Sequence[Area] | None = None,
    themes: Sequence[Theme] | None = None,
    **changes: Any,
) -> Initiative:
    """Change the content of an initiative (owners, and staff who work with initiatives)."""
    require(actor, "initiatives.change_initiative", initiative)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    _check_details(changes)
    changed = []
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(initiative, name) != value:
            setattr(initiative, name, value)
            changed.append(name)
    if not initiative.is_experiment and initiative.experiment_mode:
        initiative.experiment_mode = ""
        changed.append("experiment_mode")
    if changed:
        initiative.save(update_fields=[*changed, "updated_at"])
    if areas is not None and {a.pk for a in areas} != {a.pk for a in initiative.areas.all()}:
        initiative.areas.set(areas)
        changed.append("areas")
    if themes is not None and {t.pk for t in themes} != {t.pk for t in initiative.themes.all()}:
        initiative.themes.set(themes)
        changed.append("themes")
    if changed:
        audit_log(
            actor=actor, action="initiative.updated", target=initiative, data={"fields": changed}
        )
    return initiative


@changes_public_pages
@transaction.atomic
def initiative_start(
    *,
    actor: User,
    title: str,
    description: str,
    areas: Sequence[Area] = (),
    themes: Sequence[Theme] = (),
    **details: Any,
) -> Initiative:
    """A resident starts an initiative of their own: a draft they own, with its details."""
    _check_details({"title": title, "description": description, **details})
    initiative = initiative_create(
        actor=actor,
        title=title,
        description=description,
        owners=[actor],
        areas=list(areas),
        themes=list(themes),
    )
    if details:
        initiative_update(initiative=initiative, actor=actor, **details)
    return initiative
