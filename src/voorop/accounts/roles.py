"""Roles and the predicates that test them.

A role is a Django group with a fixed code name (created by a data migration). Every user
is an inwoner; the staff roles are granted by a beheerder in the back office. Object-level
roles (owner or member of an initiative) live in the apps that own those objects.
"""

from __future__ import annotations

from collections.abc import Iterable

import rules
from django.db import models
from django.utils.translation import gettext_lazy as _

from voorop.core.permissions import role_predicate_name


class Role(models.TextChoices):
    INITIATIEFNEMER = "initiatiefnemer", _("Initiative owner")
    LOKETMEDEWERKER = "loketmedewerker", _("Desk officer")
    PROCESBEGELEIDER = "procesbegeleider", _("Process facilitator")
    RAADSLID = "raadslid", _("Councillor")
    GRIFFIE = "griffie", _("Council clerk")
    COLLEGE = "college", _("Executive (college)")
    BEHEERDER = "beheerder", _("Administrator")
    # Not staff: a member of an area council (wijkraad, dorpsraad) manages the pages of
    # their own council and nothing else (voorop.community.rules).
    WIJKRAADSLID = "wijkraadslid", _("Area council member")


STAFF_ROLES = frozenset(
    {
        Role.LOKETMEDEWERKER,
        Role.PROCESBEGELEIDER,
        Role.RAADSLID,
        Role.GRIFFIE,
        Role.COLLEGE,
        Role.BEHEERDER,
    }
)


def ensure_role_groups(**_signal_kwargs: object) -> None:
    from django.contrib.auth.models import Group

    for role in Role:
        Group.objects.get_or_create(name=role.value)


def role_names(user: object) -> frozenset[str]:
    """The user's role codes, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    cached = getattr(user, "_voorop_roles", None)
    if cached is None:
        cached = remember_role_names(user, user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
    return cached


def remember_role_names(user: object, group_names: Iterable[str]) -> frozenset[str]:
    """Keep the user's roles on the user object for the request, from the names of the
    groups they are in (read with the user: voorop.accounts.backends)."""
    names = frozenset(group_names)
    if getattr(user, "is_superuser", False):
        names = names | {Role.BEHEERDER}
    user._voorop_roles = names  # type: ignore[attr-defined]
    return names


def has_role(role: Role) -> rules.Predicate:
    @rules.predicate(name=role_predicate_name(role.value))
    def predicate(user: object) -> bool:
        return role.value in role_names(user)

    return predicate


is_initiatiefnemer = has_role(Role.INITIATIEFNEMER)
is_loketmedewerker = has_role(Role.LOKETMEDEWERKER)
is_procesbegeleider = has_role(Role.PROCESBEGELEIDER)
is_raadslid = has_role(Role.RAADSLID)
is_griffie = has_role(Role.GRIFFIE)
is_college = has_role(Role.COLLEGE)
is_beheerder = has_role(Role.BEHEERDER)
is_wijkraadslid = has_role(Role.WIJKRAADSLID)


@rules.predicate
def is_signed_in(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))
