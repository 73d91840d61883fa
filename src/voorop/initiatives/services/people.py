"""The people of an initiative: its owners and members, and the municipality's process

facilitators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from voorop.accounts.roles import Role, role_names
from voorop.core.base import timeline_message
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.initiatives.models import Initiative, InitiativeTimelineEntry, Membership
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
def facilitator_assign(*, initiative: Initiative, actor: User, facilitator: User) -> None:
    require(actor, "initiatives.assign_facilitator", initiative)
    if Role.PROCESBEGELEIDER not in role_names(facilitator):
        raise ValidationError(
            {"facilitator": _("This person is not a process facilitator of the municipality.")}
        )
    if initiative.facilitators.filter(pk=facilitator.pk).exists():
        return
    initiative.facilitators.add(facilitator)
    _event(
        initiative,
        kind=InitiativeTimelineEntry.Kind.FACILITATOR,
        actor=actor,
        message=timeline_message("facilitator_assigned", name=facilitator.public_name),
    )
    audit_log(
        actor=actor,
        action="initiative.facilitator_assigned",
        target=initiative,
        data={"facilitator": facilitator.pk},
    )
    _tell(initiative, "facilitator_assigned", facilitator=facilitator)
    _forget_cached_roles(facilitator)


@changes_public_pages
@transaction.atomic
def facilitator_remove(*, initiative: Initiative, actor: User, facilitator: User) -> None:
    require(actor, "initiatives.assign_facilitator", initiative)
    if not initiative.facilitators.filter(pk=facilitator.pk).exists():
        return
    initiative.facilitators.remove(facilitator)
    _event(
        initiative,
        kind=InitiativeTimelineEntry.Kind.FACILITATOR,
        actor=actor,
        message=timeline_message("facilitator_removed", name=facilitator.public_name),
    )
    audit_log(
        actor=actor,
        action="initiative.facilitator_removed",
        target=initiative,
        data={"facilitator": facilitator.pk},
    )
    _forget_cached_roles(facilitator)


@changes_public_pages
@transaction.atomic
def membership_add(
    *, initiative: Initiative, actor: User, user: User, role: str = Membership.Role.MEMBER
) -> Membership:
    require(actor, "initiatives.manage_members", initiative)
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
    _tell(initiative, "member_added", users=[user], exclude=actor, actor=actor, role=role)
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


@changes_public_pages
@transaction.atomic
def membership_remove(*, initiative: Initiative, actor: User, membership: Membership) -> None:
    require(actor, "initiatives.manage_members", initiative)
    if membership.initiative_id != initiative.pk:
        raise PermissionDenied("initiatives.manage_members")
    _ensure_an_owner_remains(initiative, leaving=membership)
    user = membership.user
    membership.delete()
    audit_log(
        actor=actor, action="initiative.member_removed", target=initiative, data={"user": user.pk}
    )
    _forget_cached_roles(user)
