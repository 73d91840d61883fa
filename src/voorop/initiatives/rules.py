"""Who may do what with an initiative. The matrix is in docs/permissions/initiatives.md.

Object predicates take the initiative as second argument. Predicates that depend on the
status include it, so `has_perm` answers "may this person do this now?" and the page only
shows the buttons that work.
"""

from __future__ import annotations

import rules

from voorop.accounts.roles import (
    is_beheerder,
    is_loketmedewerker,
    is_procesbegeleider,
    is_raadslid,
    is_signed_in,
)
from voorop.initiatives.models import (
    CLOSED_STATUSES,
    PUBLIC_STATUSES,
    Initiative,
    Membership,
    Status,
)


def _membership_role(user: object, initiative: Initiative) -> str | None:
    """The user's role in the initiative, cached on the user object per initiative."""
    if not is_signed_in(user) or initiative is None:
        return None
    cache = user.__dict__.setdefault("_voorop_initiative_roles", {})
    if initiative.pk not in cache:
        cache[initiative.pk] = (
            Membership.objects.filter(initiative=initiative, user=user)
            .values_list("role", flat=True)
            .first()
        )
    return cache[initiative.pk]


@rules.predicate
def is_initiative_owner(user: object, initiative: Initiative | None) -> bool:
    return _membership_role(user, initiative) == Membership.Role.OWNER


@rules.predicate
def is_initiative_member(user: object, initiative: Initiative | None) -> bool:
    """An owner or a member."""
    return _membership_role(user, initiative) is not None


@rules.predicate
def is_initiative_facilitator(user: object, initiative: Initiative | None) -> bool:
    if not is_signed_in(user) or initiative is None:
        return False
    cache = user.__dict__.setdefault("_voorop_facilitated", {})
    if initiative.pk not in cache:
        cache[initiative.pk] = initiative.facilitators.filter(pk=user.pk).exists()
    return cache[initiative.pk]


# Staff who work with initiatives: the desk, process facilitators, administrators.
is_initiative_staff = is_loketmedewerker | is_procesbegeleider | is_beheerder


def _status_in(*statuses: str) -> rules.Predicate:
    allowed = frozenset(statuses)

    @rules.predicate(name=f"status_in_{'_'.join(sorted(allowed))}")
    def predicate(user: object, initiative: Initiative | None) -> bool:
        return initiative is not None and initiative.status in allowed

    return predicate


is_public = _status_in(*PUBLIC_STATUSES)
is_open = _status_in(*(set(Status) - CLOSED_STATUSES))
is_concept = _status_in(Status.CONCEPT)
is_submitted = _status_in(Status.SUBMITTED)
is_in_conversation = _status_in(Status.IN_CONVERSATION)
is_running = _status_in(Status.RUNNING)
can_be_stopped = _status_in(Status.SUBMITTED, Status.IN_CONVERSATION, Status.RUNNING, Status.PAUSED)
can_be_supported = _status_in(
    Status.SUBMITTED, Status.IN_CONVERSATION, Status.RUNNING, Status.PAUSED
)

may_view = is_public | is_initiative_member | is_initiative_staff
may_raise_hostop = is_initiative_member | is_initiative_facilitator | is_raadslid

rules.add_perm("initiatives.view_initiative", may_view)
rules.add_perm("initiatives.add_initiative", is_signed_in)
rules.add_perm(
    "initiatives.change_initiative", is_open & (is_initiative_owner | is_initiative_staff)
)
rules.add_perm("initiatives.manage_members", is_open & is_initiative_owner)
rules.add_perm("initiatives.add_scenario", is_open & (is_initiative_member | is_initiative_staff))
rules.add_perm(
    "initiatives.post_update",
    is_initiative_member & ~_status_in(Status.STOPPED),
)
rules.add_perm("initiatives.support_initiative", is_signed_in & can_be_supported)
rules.add_perm("initiatives.assign_facilitator", is_open & is_initiative_staff)
rules.add_perm("initiatives.view_attention_list", is_initiative_staff)

# Lifecycle: concept → ingediend → in gesprek → lopend → afgerond | gestopt (+ gepauzeerd
# by a Ho-stop card, which only the hostop app sets and lifts).
rules.add_perm("initiatives.submit_initiative", is_concept & is_initiative_owner)
rules.add_perm("initiatives.discuss_initiative", is_submitted & is_initiative_staff)
rules.add_perm("initiatives.run_initiative", is_in_conversation & is_initiative_staff)
rules.add_perm(
    "initiatives.finish_initiative", is_running & (is_initiative_owner | is_initiative_staff)
)
rules.add_perm("initiatives.stop_initiative", can_be_stopped & (is_initiative_owner | is_beheerder))
