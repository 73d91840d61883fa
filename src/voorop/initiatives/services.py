"""Every write to initiatives: atomic, checked against the rules, audited, and e-mailed.

Services raise PermissionDenied when the actor may not do this, and ValidationError with a
plain-language message when the input cannot be accepted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from voorop.accounts.models import User
from voorop.accounts.roles import Role, role_names
from voorop.areas.models import Area, Theme
from voorop.core.services import audit_log, email_send
from voorop.initiatives.models import (
    CLOSED_STATUSES,
    RUNNING_STATUSES,
    ExperimentMode,
    Impulse,
    Initiative,
    InitiativeEvent,
    LadderStep,
    Membership,
    OwnershipType,
    Scenario,
    Status,
    Support,
    Update,
    UpdatePhoto,
)
from voorop.initiatives.rules import is_initiative_staff


def _require(actor: Any, permission: str, initiative: Initiative | None = None) -> None:
    if not actor.has_perm(permission, initiative):
        raise PermissionDenied(permission)


def _actor_or_none(actor: Any) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _forget_cached_roles(*users: Any) -> None:
    for user in users:
        user.__dict__.pop("_voorop_initiative_roles", None)
        user.__dict__.pop("_voorop_facilitated", None)


def _tell(
    initiative: Initiative,
    template: str,
    *,
    users: Iterable[User] | None = None,
    exclude: Any = None,
    **context: Any,
) -> None:
    """E-mail owners and members (or `users`), each in their own language."""
    if users is None:
        users = [m.user for m in initiative.memberships.select_related("user")]
    for user in users:
        if not user.email or not user.is_active or (exclude is not None and user.pk == exclude.pk):
            continue
        email_send(
            to=[user.email],
            template=f"initiatives/mail/{template}",
            context={
                "initiative": initiative,
                "url": settings.VOOROP_SITE_URL + initiative.get_absolute_url(),
                "name": user.public_name,
                **context,
            },
            language=user.language,
        )


def _event(
    initiative: Initiative,
    *,
    kind: str,
    actor: Any,
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
) -> InitiativeEvent:
    return InitiativeEvent.objects.create(
        initiative=initiative,
        kind=kind,
        actor=_actor_or_none(actor),
        from_status=from_status,
        to_status=to_status,
        reason=reason,
    )


# --- Creating and editing -------------------------------------------------------------------


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
) -> Initiative:
    """Create an initiative owned by `owners`.

    A resident starts their own (actor among the owners, status concept). Staff of the desk
    may create one on behalf of the owners, in any status up to running; the timeline says
    who created it and why, and the owners get an e-mail.
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
        _require(actor, "initiatives.add_initiative")
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
        kind=InitiativeEvent.Kind.CREATED,
        actor=actor,
        to_status=status,
        reason=reason.strip(),
    )
    audit_log(
        actor=actor,
        action="initiative.created",
        target=initiative,
        data={"status": status, "owners": [o.pk for o in owners], "on_behalf": on_behalf},
    )
    if on_behalf:
        _tell(initiative, "created_for_you", exclude=actor, actor_name=actor.public_name)
    _forget_cached_roles(actor, *owners)
    return initiative


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
    errors: dict[str, str] = {}
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
    _require(actor, "initiatives.change_initiative", initiative)
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


# --- Lifecycle -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    action: str
    permission: str
    to_status: str
    label: Any
    audit: str


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "submit",
            "initiatives.submit_initiative",
            Status.SUBMITTED,
            _("Submit to the municipality"),
            "initiative.submitted",
        ),
        Transition(
            "discuss",
            "initiatives.discuss_initiative",
            Status.IN_CONVERSATION,
            _("Start the conversation"),
            "initiative.in_conversation",
        ),
        Transition(
            "run",
            "initiatives.run_initiative",
            Status.RUNNING,
            _("Agreed: the initiative is running"),
            "initiative.running",
        ),
        Transition(
            "finish",
            "initiatives.finish_initiative",
            Status.COMPLETED,
            _("Mark as completed"),
            "initiative.completed",
        ),
        Transition(
            "stop",
            "initiatives.stop_initiative",
            Status.STOPPED,
            _("Stop the initiative"),
            "initiative.stopped",
        ),
    )
}


def transitions_allowed(*, initiative: Initiative, user: Any) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if user.has_perm(t.permission, initiative)]


@transaction.atomic
def initiative_transition(
    *, initiative: Initiative, actor: User, action: str, reason: str
) -> Initiative:
    """Move an initiative to its next status. The reason is required and shown publicly."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError(_("Choose what you want to do."))
    # Lock the row so two people cannot move it at the same time.
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _require(actor, transition.permission, initiative)
    if not reason.strip():
        raise ValidationError({"reason": _("Explain why. Everyone can read this on the page.")})
    old = initiative.status
    initiative.status = transition.to_status
    if transition.to_status != Status.PAUSED:
        initiative.paused_from = ""
    initiative.save(update_fields=["status", "paused_from", "updated_at"])
    _event(
        initiative,
        kind=InitiativeEvent.Kind.STATUS,
        actor=actor,
        from_status=old,
        to_status=initiative.status,
        reason=reason.strip(),
    )
    audit_log(
        actor=actor,
        action=transition.audit,
        target=initiative,
        data={"from": old, "to": initiative.status, "reason": reason.strip()},
    )
    _tell(
        initiative,
        "status_changed",
        old_status=Status(old).label,
        new_status=Status(initiative.status).label,
        reason=reason.strip(),
        actor_name=actor.public_name,
    )
    return initiative


def initiative_submit(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    return initiative_transition(initiative=initiative, actor=actor, action="submit", reason=reason)


def initiative_discuss(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    return initiative_transition(
        initiative=initiative, actor=actor, action="discuss", reason=reason
    )


def initiative_run(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    return initiative_transition(initiative=initiative, actor=actor, action="run", reason=reason)


def initiative_finish(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    return initiative_transition(initiative=initiative, actor=actor, action="finish", reason=reason)


@transaction.atomic
def initiative_pause(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    """Pause with a Ho-stop card. Called by the hostop app, which checks who may raise one."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.status not in RUNNING_STATUSES:
        raise ValidationError(_("Only an initiative in conversation or running can be paused."))
    old = locked.status
    locked.paused_from = old
    locked.status = Status.PAUSED
    locked.save(update_fields=["status", "paused_from", "updated_at"])
    initiative.status, initiative.paused_from = locked.status, locked.paused_from
    _event(
        locked,
        kind=InitiativeEvent.Kind.PAUSED,
        actor=actor,
        from_status=old,
        to_status=Status.PAUSED,
        reason=reason.strip(),
    )
    audit_log(actor=actor, action="initiative.paused", target=locked, data={"from": old})
    owners = [
        m.user for m in locked.memberships.select_related("user") if m.role == Membership.Role.OWNER
    ]
    _tell(locked, "paused", users=owners, reason=reason.strip(), actor_name=actor.public_name)
    return locked


@transaction.atomic
def initiative_resume(*, initiative: Initiative, actor: User) -> Initiative:
    """Continue after a Ho-stop, in the status it was paused from. Called by the hostop app
    once everyone involved consented. Does nothing if the initiative is no longer paused."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.status != Status.PAUSED:
        return locked
    back = locked.paused_from or Status.IN_CONVERSATION
    locked.status, locked.paused_from = back, ""
    locked.save(update_fields=["status", "paused_from", "updated_at"])
    initiative.status, initiative.paused_from = locked.status, locked.paused_from
    _event(
        locked,
        kind=InitiativeEvent.Kind.RESUMED,
        actor=actor,
        from_status=Status.PAUSED,
        to_status=back,
    )
    audit_log(actor=actor, action="initiative.resumed", target=locked, data={"to": back})
    _tell(
        locked,
        "status_changed",
        old_status=Status.PAUSED.label,
        new_status=Status(back).label,
        reason=_("Everyone involved agreed to continue after the Ho-stop."),
        actor_name=actor.public_name,
    )
    return locked


# --- People ----------------------------------------------------------------------------------


@transaction.atomic
def facilitator_assign(*, initiative: Initiative, actor: User, facilitator: User) -> None:
    _require(actor, "initiatives.assign_facilitator", initiative)
    if Role.PROCESBEGELEIDER not in role_names(facilitator):
        raise ValidationError(
            {"facilitator": _("This person is not a process facilitator of the municipality.")}
        )
    if initiative.facilitators.filter(pk=facilitator.pk).exists():
        return
    initiative.facilitators.add(facilitator)
    _event(
        initiative,
        kind=InitiativeEvent.Kind.FACILITATOR,
        actor=actor,
        reason=str(_("%(name)s supports this initiative for the municipality."))
        % {"name": facilitator.public_name},
    )
    audit_log(
        actor=actor,
        action="initiative.facilitator_assigned",
        target=initiative,
        data={"facilitator": facilitator.pk},
    )
    _tell(initiative, "facilitator_assigned", facilitator_name=facilitator.public_name)
    _forget_cached_roles(facilitator)


@transaction.atomic
def facilitator_remove(*, initiative: Initiative, actor: User, facilitator: User) -> None:
    _require(actor, "initiatives.assign_facilitator", initiative)
    if not initiative.facilitators.filter(pk=facilitator.pk).exists():
        return
    initiative.facilitators.remove(facilitator)
    _event(
        initiative,
        kind=InitiativeEvent.Kind.FACILITATOR,
        actor=actor,
        reason=str(_("%(name)s no longer supports this initiative for the municipality."))
        % {"name": facilitator.public_name},
    )
    audit_log(
        actor=actor,
        action="initiative.facilitator_removed",
        target=initiative,
        data={"facilitator": facilitator.pk},
    )
    _forget_cached_roles(facilitator)


@transaction.atomic
def membership_add(
    *, initiative: Initiative, actor: User, user: User, role: str = Membership.Role.MEMBER
) -> Membership:
    _require(actor, "initiatives.manage_members", initiative)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose one of the options.")})
    if not user.is_active:
        raise ValidationError({"email": _("There is no account with this e-mail address.")})
    membership, created = Membership.objects.get_or_create(
        initiative=initiative, user=user, defaults={"role": role}
    )
    if not created:
        if membership.role == role:
            raise ValidationError({"email": _("This person is already part of the initiative.")})
        _ensure_an_owner_remains(initiative, leaving=membership if role != "owner" else None)
        membership.role = role
        membership.save(update_fields=["role"])
    audit_log(
        actor=actor,
        action="initiative.member_added",
        target=initiative,
        data={"user": user.pk, "role": role},
    )
    _tell(
        initiative,
        "member_added",
        users=[user],
        exclude=actor,
        role=Membership.Role(role).label,
        actor_name=actor.public_name,
    )
    _forget_cached_roles(user)
    return membership


def _ensure_an_owner_remains(initiative: Initiative, *, leaving: Membership | None) -> None:
    if leaving is None or leaving.role != Membership.Role.OWNER:
        return
    others = initiative.memberships.filter(role=Membership.Role.OWNER).exclude(pk=leaving.pk)
    if not others.exists():
        raise ValidationError(
            _("An initiative needs at least one owner. Make someone else owner first.")
        )


@transaction.atomic
def membership_remove(*, initiative: Initiative, actor: User, membership: Membership) -> None:
    _require(actor, "initiatives.manage_members", initiative)
    if membership.initiative_id != initiative.pk:
        raise PermissionDenied("initiatives.manage_members")
    _ensure_an_owner_remains(initiative, leaving=membership)
    user = membership.user
    membership.delete()
    audit_log(
        actor=actor, action="initiative.member_removed", target=initiative, data={"user": user.pk}
    )
    _forget_cached_roles(user)


# --- Support (draagvlak) ---------------------------------------------------------------------


@transaction.atomic
def support_add(*, initiative: Initiative, user: User, show_name: bool = False) -> Support:
    """Support once; supporting again only changes whether the name is shown."""
    _require(user, "initiatives.support_initiative", initiative)
    support, created = Support.objects.get_or_create(
        initiative=initiative, user=user, defaults={"show_name": show_name}
    )
    if created:
        Initiative.objects.filter(pk=initiative.pk).update(support_count=F("support_count") + 1)
        audit_log(actor=user, action="initiative.supported", target=initiative)
    elif support.show_name != show_name:
        support.show_name = show_name
        support.save(update_fields=["show_name"])
    initiative.refresh_from_db(fields=["support_count"])
    return support


@transaction.atomic
def support_withdraw(*, initiative: Initiative, user: User) -> None:
    deleted, _rows = Support.objects.filter(initiative=initiative, user=user).delete()
    if deleted:
        Initiative.objects.filter(pk=initiative.pk, support_count__gt=0).update(
            support_count=F("support_count") - 1
        )
        audit_log(actor=user, action="initiative.support_withdrawn", target=initiative)
    initiative.refresh_from_db(fields=["support_count"])


# --- Scenarios and updates --------------------------------------------------------------------


@transaction.atomic
def scenario_add(
    *,
    initiative: Initiative,
    actor: User,
    title: str,
    description: str,
    arguments_for: str = "",
    arguments_against: str = "",
) -> Scenario:
    _require(actor, "initiatives.add_scenario", initiative)
    if not title.strip() or not description.strip():
        raise ValidationError(_("Give the scenario a title and a description."))
    scenario = Scenario.objects.create(
        initiative=initiative,
        title=title.strip(),
        description=description.strip(),
        arguments_for=arguments_for.strip(),
        arguments_against=arguments_against.strip(),
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="initiative.scenario_added",
        target=initiative,
        data={"scenario": scenario.pk},
    )
    return scenario


@dataclass(frozen=True)
class Photo:
    file: UploadedFile
    description: str
    content_type: str


@transaction.atomic
def update_publish(
    *,
    initiative: Initiative,
    actor: User,
    title: str,
    text: str = "",
    figures: Sequence[tuple[str, str]] = (),
    lessons_learned: str = "",
    photos: Sequence[Photo] = (),
) -> Update:
    """The initiative tells its own story: text, figures, photos and what it learned."""
    _require(actor, "initiatives.post_update", initiative)
    if not title.strip():
        raise ValidationError({"title": _("Give your update a title.")})
    if not (text.strip() or figures or lessons_learned.strip() or photos):
        raise ValidationError(
            _("Write something, add a figure or a photo, or share what you learned.")
        )
    update = Update.objects.create(
        initiative=initiative,
        author=actor,
        title=title.strip(),
        text=text.strip(),
        figures=[{"label": label, "value": value} for label, value in figures],
        lessons_learned=lessons_learned.strip(),
    )
    for photo in photos:
        if not photo.description.strip():
            raise ValidationError(_("Say briefly what each photo shows."))
        UpdatePhoto.objects.create(
            update=update,
            image=photo.file,
            content_type=photo.content_type,
            description=photo.description.strip(),
        )
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=update.created_at)
    audit_log(
        actor=actor,
        action="initiative.update_published",
        target=initiative,
        data={"update": update.pk},
    )
    return update
